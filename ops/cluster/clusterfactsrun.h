// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "plan.h"
#include "inflight.h"
#include "task.h"

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <functional>

class KubeClient;
struct KubeResult;

/*!
 * The facts every VM bundle of a plan shares, read once per run: what
 * `istioctl x workload entry configure` reads besides the token (reference §1.2).
 */
struct SharedClusterFacts
{
    QString gatewayAddress;       //!< the gateway Service's (GatewayAddress::of); empty = not found or none yet
    QString gatewaySource;        //!< of the VMs' address (GatewayAddress::forVms): "plan", "status.loadBalancer.ingress", "spec.externalIPs" or ""
    QJsonObject meshDefaultConfig; //!< ConfigMap istio[-rev] key mesh → defaultConfig
    QString meshTrustDomain;
    QHash<QString, QByteArray> rootCertByNamespace; //!< istio-ca-root-cert's root-cert.pem per VM namespace
    QHash<QString, QString> rootCertErrors;         //!< namespace → why there is none
    QStringList missingWorkloadGroups; //!< "<namespace>/<name>" of the plan's groups the cluster has no WorkloadGroup of
    QString istiodVersion; //!< the istiod Deployment's image tag ("1.29.2"); empty = unknown
    QStringList warnings;
    QString error; //!< a fact no bundle can do without (the mesh ConfigMap) is missing

    bool ok() const { return error.isEmpty(); }
};

/*!
 * Reads the shared facts in parallel, read-only:
 * - ConfigMap istio[-<rev>] (key mesh);
 * - the gateway Service the plan names (eastWestGateway.service in Plan::gatewayNamespace(),
 *   istioctl's --ingressService): status.loadBalancer.ingress[0].ip, else spec.externalIPs[0].
 *   The VMs get the plan's eastWestGateway.address when it has one (--ingressIP); a Service
 *   address that differs is a warning naming both;
 * - ConfigMap istio-ca-root-cert and the groups' WorkloadGroups in each namespace asked for (a
 *   group the cluster does not have is refused by makeBundle, as by istioctl's --name);
 * - the istiod Deployment's image (for the sidecar version check);
 * - ConfigMap istio-sidecar-injector[-<rev>]'s values: where the plan's mesh identity (and
 *   trustDomain) is not the installation's, a warning in the words of the preflight check that
 *   fails on it (compareMeshIdentity).
 * finished() carries Error{} when the facts every bundle needs are there (facts().ok()), else
 * the typed error behind SharedClusterFacts::error (the mesh ConfigMap missing:
 * KubernetesStatus NotFound; unreadable: InvalidInput).
 */
class ClusterFactsRun final : public Task
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterFactsRun)
public:
    /*! namespaces: where root certificates are read; empty = every VM group's namespace. */
    ClusterFactsRun(KubeClient* client, Plan plan, QStringList namespaces = {}, QObject* parent = nullptr);

    /*! After finished(). */
    const SharedClusterFacts& facts() const { return m_facts; }

private:
    void run() override;
    void abort() override { m_inFlight.cancelAll(); }
    void get(const QString& apiVersion, const QString& kind, const QString& ns, const QString& name,
             std::function<void(const KubeResult&)> done);
    void onMeshConfig(const KubeResult& result, const QString& name);
    void onGateway(const KubeResult& result);
    QString gatewayServiceName() const; //!< "<namespace>/<name>" of the gateway Service, for sentences
    void onIstiod(const KubeResult& result);
    void pendingDone();

    QPointer<KubeClient> m_client;
    Plan m_plan;
    QStringList m_namespaces;
    SharedClusterFacts m_facts;
    QString m_meshYaml;       //!< ConfigMap istio[-rev] key mesh, for the trust domain
    QString m_injectorValues; //!< ConfigMap istio-sidecar-injector[-rev] key values: meshID, clusterName, network
    int m_pending = 0;
    Error m_error;
    InFlight m_inFlight;
};

/*! The version in an image reference's tag ("docker.io/istio/pilot:1.29.2-distroless" → "1.29.2"). */
QString versionFromImage(const QString& image);
