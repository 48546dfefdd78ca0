// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "plan.h"
#include "problem.h"
#include "resource.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>

/*!
 * Pure generators: plan (plus facts read from the cluster, passed in as values) in, Kubernetes
 * objects and VM files out. No I/O, no clock, no randomness: the same inputs give byte-identical
 * output, which is what export, preview, the CLI and the tests all rely on.
 *
 * Field-for-field sources are in docs/generators.md and ../shared/reference/istio-vm-onboarding.md.
 */

/*! The four plug-in CA files, read by readPluginCa() (pluginca.h), not by the generators. */
struct PluginCaMaterial
{
    QByteArray caCert;
    QByteArray caKey;
    QByteArray rootCert;
    QByteArray certChain;
};

/*!
 * What only the cluster knows. Export runs without a cluster: then the values come from the plan
 * and Istio's defaults, and files that need them (root-cert.pem, istio-token) are not produced.
 */
struct ClusterFacts
{
    QString gatewayAddress;         //!< the gateway Service's address; plan.eastWestGateway.address wins (GatewayAddress::forVms)
    QByteArray rootCert;            //!< root-cert.pem of ConfigMap istio-ca-root-cert in the group's namespace
    QByteArray token;               //!< TokenRequest JWT (audience istio-ca)
    QJsonObject meshDefaultConfig;  //!< ConfigMap istio[-rev] "mesh" → defaultConfig; empty = Istio's defaults
    QString clusterId;              //!< empty = plan.mesh.clusterName
};

namespace Generators {

// --- control plane (controlplane.cpp) ---------------------------------------------------------

/*! The istio namespace carrying topology.istio.io/network (multi-network meshes only). */
QList<Resource> istioNamespace(const Plan& plan);
/*! Secret cacerts in the istio namespace; refuses Istio's sample certificates unless allowed. */
QList<Resource> cacertsSecret(const Plan& plan, const PluginCaMaterial& ca, Problems* problems);
/*! IstioOperator with meshID, clusterName, network and the two WorkloadEntry switches. */
Resource controlPlaneOperator(const Plan& plan);
/*! The east-west gateway in the form the plan asks for. */
QList<Resource> eastWestGateway(const Plan& plan);
/*! gen-eastwest-gateway.sh's IstioOperator. */
QList<Resource> eastWestGatewayOperator(const Plan& plan);
/*! ServiceAccount, Role, RoleBinding, Deployment, Service as the istio/gateway chart renders them. */
QList<Resource> eastWestGatewayManifests(const Plan& plan);
/*! expose-istiod.yaml: Gateway istiod-gateway and VirtualService istiod-vs (revision-aware). */
QList<Resource> istiodExposure(const Plan& plan);
/*! expose-services.yaml's cross-network-gateway, when the plan spans networks (or asks for it). */
QList<Resource> crossNetworkGateway(const Plan& plan);

// --- VM groups (workloadgroups.cpp) -----------------------------------------------------------

/*! Namespace, ServiceAccount, WorkloadGroup and the Service selecting the group. */
QList<Resource> vmGroupResources(const Plan& plan, const VmGroup& group);

// --- the first seed's legacy flow (legacy.cpp) -------------------------------------------------

/*! ServiceEntries <name>.<namespace>.global, each with a unique VIP from the pool. */
QList<Resource> globalServiceEntries(const Plan& plan, Problems* problems);
/*! add-to-mesh: ServiceEntry mesh-expansion-<svc> and the selector-less Service <svc>. */
QList<Resource> meshExpansion(const Plan& plan, const MeshExpansionService& service);
/*! The legacy hand-written cluster.env (ISTIO_CP_AUTH, ISTIO_SERVICE_CIDR, ISTIO_INBOUND_PORTS). */
QByteArray legacyClusterEnv(const Plan& plan, const Vm& vm);
/*! /etc/hosts lines mapping each *.global host to its VIP. */
QByteArray legacyHosts(const Plan& plan, Problems* problems);

// --- traffic splits (trafficsplit.cpp) ---------------------------------------------------------

/*! The VirtualService of a weighted split, plus DestinationRules for the subsets it names. */
QList<Resource> trafficSplit(const Plan& plan, const TrafficSplit& split);

// --- VM files (vmfiles.cpp) ---------------------------------------------------------------------

/*!
 * cluster.env, mesh.yaml and hosts with the semantics of `istioctl x workload entry configure`,
 * plus root-cert.pem and istio-token when the facts carry them.
 */
VmBundle vmBundle(const Plan& plan, const Vm& vm, const ClusterFacts& facts);
/*! Istio's shellescape.Quote (pkg/util/shellescape): the quoting of cluster.env values. */
QString istioShellQuote(const QString& value);

} // namespace Generators
