// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "plan.h"
#include "resource.h"

#include <QList>
#include <QMap>
#include <QString>

#include <optional>

/*!
 * Preflight as a pure judgement: the cluster side gathers ClusterObservations (kube/, with the
 * API client), this file turns them into pass/warn/fail checks with the fix for each. Kept here
 * so the rules are tested without a cluster, and so the window and the CLI show the same table.
 */

/*! One permission the plan needs: may the user <verb> <resource> in <namespace>? */
struct AccessRequirement
{
    QString verb;      //!< "patch" (server-side apply), "create", "get"
    QString apiVersion; //!< of the object, e.g. "networking.istio.io/v1"
    QString kind;       //!< e.g. "WorkloadGroup"; "ServiceAccountToken" for TokenRequest
    QString namespaceName; //!< empty for cluster-scoped objects
    QString name;       //!< for messages

    friend bool operator==(const AccessRequirement&, const AccessRequirement&) = default;
};

struct AccessResult
{
    AccessRequirement requirement;
    bool allowed = false;
    QString reason; //!< the authorizer's reason or the error of the review
};

/*! What a TokenRequest for a VM group's service account gave. */
struct TokenRequestOutcome
{
    QString error;               //!< empty = a token was issued
    bool accountMissing = false; //!< the namespace or service account does not exist (yet)
    friend bool operator==(const TokenRequestOutcome&, const TokenRequestOutcome&) = default;
};

struct ClusterObservations
{
    QString server;                  //!< for the message
    QString unreachable;             //!< non-empty: the cluster could not be reached, and why
    QString kubernetesVersion;       //!< /version gitVersion
    QString istiodImage;             //!< the istiod[-rev] Deployment's discovery container image
    QMap<QString, QString> istiodEnv; //!< its env (PILOT_ENABLE_WORKLOAD_ENTRY_*, ...)
    bool istiodFound = false;
    QString meshConfigYaml;          //!< ConfigMap istio[-rev] key "mesh"
    QString injectorValuesJson;      //!< ConfigMap istio-sidecar-injector[-rev] key "values"
    QStringList networkingVersions;  //!< served versions of networking.istio.io
    bool gatewayFound = false;
    QString gatewayType;             //!< the east-west gateway Service's type
    QString gatewayAddress;          //!< GatewayAddress::ip: ingress[0].ip, else externalIPs[0]
    QString gatewayHostname;         //!< GatewayAddress::hostname: the load balancer's name when it has no IP
    QList<AccessResult> access;
    QMap<QString, bool> rootCertByNamespace;     //!< istio-ca-root-cert present?
    QMap<QString, TokenRequestOutcome> tokenRequestByAccount; //!< by "ns/sa"
    QMap<QString, bool> workloadGroupByKey; //!< by "ns/name": the group's WorkloadGroup is in the cluster
};

struct PreflightCheck
{
    enum class Status { Pass, Warn, Fail };
    Status status = Status::Pass;
    QString title;  //!< "Kubernetes API", "istiod settings", ...
    QString detail; //!< what was found
    QString fix;    //!< for Warn/Fail: what to do
};

/*! One value of the mesh's identity on which the plan and the cluster's installation differ. */
struct IdentityMismatch
{
    QString field;  //!< the plan's field: "mesh.clusterName", ...
    QString detail; //!< mesh.clusterName is "cluster1" but the cluster has "Kubernetes"
    QString fix;    //!< what to do, and what that value is for
};

/*! The mesh's identity as installed, against the plan's. */
struct MeshIdentityComparison
{
    QStringList found; //!< what the cluster has, "meshID=mesh1", ... (values the installation gave)
    QList<IdentityMismatch> mismatches;
};

/*!
 * The one comparison of the plan's mesh identity with the cluster's installation, for preflight
 * (which fails on a mismatch) and the bundle (which warns in the same words): meshID,
 * clusterName and network from ConfigMap istio-sidecar-injector[-<rev>]'s values (valuesJson;
 * empty = not compared), trustDomain from ConfigMap istio[-<rev>]'s mesh (meshYaml; empty = not
 * compared; a mesh config without trustDomain has Istio's default, cluster.local).
 */
MeshIdentityComparison compareMeshIdentity(const Plan& plan, const QString& valuesJson, const QString& meshYaml);

/*! The permissions applying the plan needs (from its kubectl resources) plus TokenRequests. */
QList<AccessRequirement> requiredAccess(const Plan& plan, const QList<Resource>& resources);

/*! The namespaces whose istio-ca-root-cert and service accounts the VMs need. */
QStringList vmNamespaces(const Plan& plan);

/*! Evaluates everything observed against the plan. */
QList<PreflightCheck> evaluatePreflight(const Plan& plan, const ClusterObservations& observed);

/*! A text table for the terminal: status, check, detail, and the fix under failures. */
QString preflightTable(const QList<PreflightCheck>& checks);

bool preflightPassed(const QList<PreflightCheck>& checks); //!< no Fail
