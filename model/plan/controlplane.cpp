// SPDX-License-Identifier: Apache-2.0
#include "generators.h"

#include "k8sjson.h"

#include "istioversion.h"
#include "pem.h"
#include "plantext.h"

#include <QJsonArray>
#include <QStringList>

/*
 * Control-plane objects: what the Istio docs and samples/multicluster/ have the user run by hand
 * before the first VM joins. Field-for-field sources: ../shared/reference/istio-vm-onboarding.md
 * §3 and §5, and the files named at each function.
 */

using K8sJson::metadata;
using K8sJson::object;
using K8sJson::resource;

namespace {

const QString kDefaultIstioNamespace = u"istio-system"_qs;
const QString kIstioOperatorApi = u"install.istio.io/v1alpha1"_qs;
const QString kGatewayName = u"istio-eastwestgateway"_qs;
const QString kGatewaySelector = u"eastwestgateway"_qs; // the name minus "istio-", as the chart does
const QString kNetworkLabel = u"topology.istio.io/network"_qs;

IstioVersion meshVersion(const Plan& plan)
{
    // The loader rejects unparsable versions; the fallback only keeps a hand-built plan usable.
    return K8sJson::istioVersion(plan);
}

/*! The network the east-west gateway serves; empty means a single-network mesh. */
QString gatewayNetwork(const Plan& plan)
{
    return plan.eastWestGateway.network.isEmpty() ? plan.mesh.network : plan.eastWestGateway.network;
}

/*!
 * istioctl derives the install namespace from values.global.istioNamespace (1.24+ installer:
 * operator/pkg/render/manifest.go copies it to metadata.namespace), so a non-default istio
 * namespace has to be spelled out there; the default is left implicit like the samples do.
 */
void addIstioNamespaceValue(const Plan& plan, QJsonObject* global)
{
    if (plan.mesh.istioNamespace != kDefaultIstioNamespace)
        global->insert(u"istioNamespace"_qs, plan.mesh.istioNamespace);
}

QJsonObject port(const QString& name, int number)
{
    return QJsonObject{{u"name"_qs, name}, {u"port"_qs, number}, {u"targetPort"_qs, number}};
}

/*! The four ports of gen-eastwest-gateway.sh and the chart's networkGatewayPorts, in their order. */
QJsonArray gatewayPorts(bool withProtocol)
{
    const QList<std::pair<QString, int>> ports{
        {u"status-port"_qs, 15021}, {u"tls"_qs, 15443}, {u"tls-istiod"_qs, 15012}, {u"tls-webhook"_qs, 15017}};
    QJsonArray out;
    for (const auto& [name, number] : ports) {
        QJsonObject p = port(name, number);
        if (withProtocol)
            p.insert(u"protocol"_qs, u"TCP"_qs);
        out.append(p);
    }
    return out;
}

bool isLoadBalancer(const QString& serviceType)
{
    return serviceType.isEmpty() || serviceType == u"LoadBalancer";
}

QJsonObject istiodDestination(const QString& host, int number)
{
    return QJsonObject{{u"destination"_qs,
                        QJsonObject{{u"host"_qs, host}, {u"port"_qs, QJsonObject{{u"number"_qs, number}}}}}};
}

QJsonObject tlsRoute(int port, const QStringList& sniHosts, const QString& host, int targetPort)
{
    const QJsonObject match{{u"port"_qs, port}, {u"sniHosts"_qs, QJsonArray::fromStringList(sniHosts)}};
    return QJsonObject{{u"match"_qs, QJsonArray{match}},
                       {u"route"_qs, QJsonArray{istiodDestination(host, targetPort)}}};
}

QJsonObject passthroughServer(const QString& name, int number)
{
    return QJsonObject{
        {u"port"_qs, QJsonObject{{u"name"_qs, name}, {u"number"_qs, number}, {u"protocol"_qs, u"tls"_qs}}},
        {u"tls"_qs, QJsonObject{{u"mode"_qs, u"PASSTHROUGH"_qs}}},
        {u"hosts"_qs, QJsonArray{u"*"_qs}},
    };
}

// --- the istio/gateway chart (manifests/charts/gateway) ----------------------------------------

/*! gateway.selectorLabels: app = the name, istio = the name minus "istio-". */
QMap<QString, QString> chartSelectorLabels()
{
    return {{u"app"_qs, kGatewayName}, {u"istio"_qs, kGatewaySelector}};
}

/*!
 * The labels the chart puts on every object: selector labels, app.kubernetes.io/name and part-of,
 * and values.labels (istio.io/dataplane-mode: none since 1.25, so ambient leaves it alone).
 * Helm's own labels (managed-by, instance, helm.sh/chart) are left out: Helm does not manage these.
 */
QMap<QString, QString> chartLabels(const Plan& plan)
{
    QMap<QString, QString> labels = chartSelectorLabels();
    labels.insert(u"app.kubernetes.io/name"_qs, kGatewayName);
    labels.insert(u"app.kubernetes.io/part-of"_qs, u"istio"_qs);
    if (meshVersion(plan).atLeast(1, 25))
        labels.insert(u"istio.io/dataplane-mode"_qs, u"none"_qs);
    return labels;
}

Resource chartResource(QJsonObject obj)
{
    return resource(std::move(obj), Stage::EastWestGateway, u"eastWestGateway"_qs);
}

QJsonObject gatewayPodTemplate(const Plan& plan)
{
    const QString network = gatewayNetwork(plan);
    QMap<QString, QString> labels = chartLabels(plan);
    labels.insert(u"sidecar.istio.io/inject"_qs, u"true"_qs);
    if (!plan.mesh.revision.isEmpty())
        labels.insert(u"istio.io/rev"_qs, plan.mesh.revision);
    if (!network.isEmpty())
        labels.insert(kNetworkLabel, network);

    // The chart's default podAnnotations; inject.istio.io/templates picks the gateway template.
    const QJsonObject annotations{
        {u"prometheus.io/port"_qs, u"15020"_qs},
        {u"prometheus.io/scrape"_qs, u"true"_qs},
        {u"prometheus.io/path"_qs, u"/stats/prometheus"_qs},
        {u"inject.istio.io/templates"_qs, u"gateway"_qs},
        {u"sidecar.istio.io/inject"_qs, u"true"_qs},
    };

    QJsonArray env;
    if (!network.isEmpty())
        env.append(QJsonObject{{u"name"_qs, u"ISTIO_META_REQUESTED_NETWORK_VIEW"_qs}, {u"value"_qs, network}});

    QJsonObject container{
        {u"name"_qs, u"istio-proxy"_qs},
        // "auto" is replaced by the injection webhook with the proxy image of the revision.
        {u"image"_qs, u"auto"_qs},
        {u"securityContext"_qs,
         QJsonObject{{u"capabilities"_qs, QJsonObject{{u"drop"_qs, QJsonArray{u"ALL"_qs}}}},
                     {u"allowPrivilegeEscalation"_qs, false},
                     {u"privileged"_qs, false},
                     {u"readOnlyRootFilesystem"_qs, true},
                     {u"runAsNonRoot"_qs, true}}},
        {u"ports"_qs,
         QJsonArray{QJsonObject{{u"containerPort"_qs, 15090},
                                {u"protocol"_qs, u"TCP"_qs},
                                {u"name"_qs, u"http-envoy-prom"_qs}}}},
        {u"resources"_qs,
         QJsonObject{{u"requests"_qs, QJsonObject{{u"cpu"_qs, u"100m"_qs}, {u"memory"_qs, u"128Mi"_qs}}},
                     {u"limits"_qs, QJsonObject{{u"cpu"_qs, u"2000m"_qs}, {u"memory"_qs, u"1024Mi"_qs}}}}},
    };
    if (!env.isEmpty())
        container.insert(u"env"_qs, env);

    const QJsonObject spec{
        {u"serviceAccountName"_qs, kGatewayName},
        // Lets the proxy bind low ports without privileges (safe since Kubernetes 1.22).
        {u"securityContext"_qs,
         QJsonObject{{u"sysctls"_qs,
                      QJsonArray{QJsonObject{{u"name"_qs, u"net.ipv4.ip_unprivileged_port_start"_qs},
                                             {u"value"_qs, u"0"_qs}}}}}},
        {u"containers"_qs, QJsonArray{container}},
        {u"terminationGracePeriodSeconds"_qs, 30},
    };
    return QJsonObject{{u"metadata"_qs, QJsonObject{{u"annotations"_qs, annotations}, {u"labels"_qs, K8sJson::fromStringMap(labels)}}},
                       {u"spec"_qs, spec}};
}

} // namespace

namespace Generators {

QList<Resource> istioNamespace(const Plan& plan)
{
    QJsonObject labels;
    if (!plan.mesh.network.isEmpty())
        labels.insert(kNetworkLabel, plan.mesh.network);
    return {resource(object(u"v1"_qs, u"Namespace"_qs, metadata(plan.mesh.istioNamespace, {}, labels)),
                     Stage::ControlPlane, u"mesh"_qs, Resource::Channel::Kubectl, true)};
}

QList<Resource> cacertsSecret(const Plan& plan, const PluginCaMaterial& ca, Problems* problems)
{
    if (!plan.pluginCa)
        return {};

    QStringList samples;
    if (Pem::isIstioSampleCertificate(ca.rootCert))
        samples << u"rootCert"_qs;
    if (Pem::isIstioSampleCertificate(ca.caCert))
        samples << u"caCert"_qs;
    if (Pem::isIstioSampleCertificate(ca.certChain))
        samples << u"certChain"_qs;

    const bool allowed = plan.pluginCa->allowSampleCertificates;
    if (!samples.isEmpty() && problems) {
        Problem p;
        p.severity = allowed ? Problem::Severity::Warning : Problem::Severity::Error;
        p.file = plan.sourceFile;
        p.path = u"pluginCa"_qs;
        // The warning of the Istio docs (and the seed): these keys are public.
        p.message = PlanText::tr("%1 is one of Istio's sample certificates (samples/certs). The sample root and "
                                 "intermediate certificates are widely distributed and known: never use them in "
                                 "production, or the cluster is exposed to security breaches and compromise.")
                        .arg(samples.join(u", "_qs));
        p.hint = allowed ? PlanText::tr("pluginCa.allowSampleCertificates is true: acceptable for a throwaway lab only.")
                         : PlanText::tr("Generate your own CA (Istio's tools/certs: make -f Makefile.selfsigned.mk root-ca "
                                        "<cluster>-cacerts), or set pluginCa.allowSampleCertificates: true for a throwaway lab.");
        problems->append(p);
    }
    if (!samples.isEmpty() && !allowed)
        return {};

    // Key names are the ones istiod reads from ./etc/cacerts.
    QJsonObject data;
    const QList<std::pair<QString, const QByteArray*>> files{{u"ca-cert.pem"_qs, &ca.caCert},
                                                             {u"ca-key.pem"_qs, &ca.caKey},
                                                             {u"root-cert.pem"_qs, &ca.rootCert},
                                                             {u"cert-chain.pem"_qs, &ca.certChain}};
    for (const auto& [key, content] : files) {
        if (!content->isEmpty())
            data.insert(key, QString::fromLatin1(content->toBase64()));
    }
    QJsonObject secret = object(u"v1"_qs, u"Secret"_qs, metadata(u"cacerts"_qs, plan.mesh.istioNamespace));
    secret.insert(u"type"_qs, u"Opaque"_qs);
    secret.insert(u"data"_qs, data);
    return {resource(secret, Stage::ControlPlane, u"pluginCa"_qs, Resource::Channel::Kubectl, true)};
}

Resource controlPlaneOperator(const Plan& plan)
{
    const MeshSettings& mesh = plan.mesh;
    QJsonObject global;
    if (!mesh.meshId.isEmpty())
        global.insert(u"meshID"_qs, mesh.meshId);
    if (!mesh.clusterName.isEmpty())
        global.insert(u"multiCluster"_qs, QJsonObject{{u"clusterName"_qs, mesh.clusterName}});
    if (!mesh.network.isEmpty())
        global.insert(u"network"_qs, mesh.network);
    addIstioNamespaceValue(plan, &global);

    // Strings, as `--set values.pilot.env.X=true` produces: pilot.env is a map of env var values.
    const QJsonObject env{
        {u"PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION"_qs, mesh.autoRegistration ? u"true"_qs : u"false"_qs},
        {u"PILOT_ENABLE_WORKLOAD_ENTRY_HEALTHCHECKS"_qs, mesh.healthChecks ? u"true"_qs : u"false"_qs},
    };
    QJsonObject values{{u"pilot"_qs, QJsonObject{{u"env"_qs, env}}}};
    if (!global.isEmpty())
        values.insert(u"global"_qs, global);

    QJsonObject spec{{u"values"_qs, values}};
    if (!mesh.revision.isEmpty())
        spec.insert(u"revision"_qs, mesh.revision);
    // The trust domain is part of every workload identity; only a non-default one needs saying.
    if (!mesh.trustDomain.isEmpty() && mesh.trustDomain != u"cluster.local")
        spec.insert(u"meshConfig"_qs, QJsonObject{{u"trustDomain"_qs, mesh.trustDomain}});

    const QString name = mesh.revisioned(u"control-plane"_qs);
    QJsonObject iop = object(kIstioOperatorApi, u"IstioOperator"_qs, metadata(name, mesh.istioNamespace));
    iop.insert(u"spec"_qs, spec);
    return resource(iop, Stage::ControlPlane, u"mesh"_qs, Resource::Channel::Istioctl, true);
}

QList<Resource> eastWestGateway(const Plan& plan)
{
    if (!plan.eastWestGateway.enabled)
        return {};
    switch (plan.eastWestGateway.form) {
    case EastWestGateway::Form::IstioOperator:
        return eastWestGatewayOperator(plan);
    case EastWestGateway::Form::Manifests:
        return eastWestGatewayManifests(plan);
    }
    return {};
}

QList<Resource> eastWestGatewayOperator(const Plan& plan)
{
    // samples/multicluster/gen-eastwest-gateway.sh, 1.12+ form (no ROUTER_MODE, no meshID/cluster).
    const QString network = gatewayNetwork(plan);
    const bool multiNetwork = !network.isEmpty();

    QJsonObject label{{u"istio"_qs, kGatewaySelector}, {u"app"_qs, kGatewayName}};
    if (multiNetwork)
        label.insert(kNetworkLabel, network);

    QJsonObject service{{u"ports"_qs, gatewayPorts(false)}};
    if (!isLoadBalancer(plan.eastWestGateway.serviceType))
        service.insert(u"type"_qs, plan.eastWestGateway.serviceType);
    QJsonObject k8s{{u"service"_qs, service}};
    if (multiNetwork) {
        // Traffic through this gateway is routed inside its own network.
        k8s.insert(u"env"_qs, QJsonArray{QJsonObject{{u"name"_qs, u"ISTIO_META_REQUESTED_NETWORK_VIEW"_qs},
                                                     {u"value"_qs, network}}});
    }
    const QJsonObject gateway{
        {u"name"_qs, kGatewayName}, {u"label"_qs, label}, {u"enabled"_qs, true}, {u"k8s"_qs, k8s}};

    QJsonObject values{
        {u"gateways"_qs,
         QJsonObject{{u"istio-ingressgateway"_qs, QJsonObject{{u"injectionTemplate"_qs, u"gateway"_qs}}}}}};
    QJsonObject global;
    if (multiNetwork)
        global.insert(u"network"_qs, network);
    addIstioNamespaceValue(plan, &global);
    if (!global.isEmpty())
        values.insert(u"global"_qs, global);

    const QJsonObject spec{
        {u"revision"_qs, plan.mesh.revision}, // the script always writes it, "" for the default
        {u"profile"_qs, u"empty"_qs},
        {u"components"_qs, QJsonObject{{u"ingressGateways"_qs, QJsonArray{gateway}}}},
        {u"values"_qs, values},
    };
    // Like the script: no metadata.namespace, istioctl installs into the istio namespace.
    QJsonObject iop = object(kIstioOperatorApi, u"IstioOperator"_qs, metadata(u"eastwest"_qs, {}));
    iop.insert(u"spec"_qs, spec);
    return {resource(iop, Stage::EastWestGateway, u"eastWestGateway"_qs, Resource::Channel::Istioctl)};
}

QList<Resource> eastWestGatewayManifests(const Plan& plan)
{
    // `helm install istio-eastwestgateway istio/gateway --set name=istio-eastwestgateway
    //  --set networkGateway=<net> [--set revision=<rev>]`, minus the HorizontalPodAutoscaler the
    // chart adds by default: without it the Deployment runs Kubernetes' default single replica.
    const QString ns = plan.mesh.istioNamespace;
    const QString network = gatewayNetwork(plan);
    const QJsonObject labels = K8sJson::fromStringMap(chartLabels(plan));
    const QJsonObject selector = K8sJson::fromStringMap(chartSelectorLabels());
    QList<Resource> out;

    out << chartResource(object(u"v1"_qs, u"ServiceAccount"_qs, metadata(kGatewayName, ns, labels)));

    // The gateway reads TLS secrets (credentialName) of its own namespace.
    QJsonObject role = object(u"rbac.authorization.k8s.io/v1"_qs, u"Role"_qs, metadata(kGatewayName, ns, labels));
    role.insert(u"rules"_qs, QJsonArray{QJsonObject{{u"apiGroups"_qs, QJsonArray{u""_qs}},
                                                    {u"resources"_qs, QJsonArray{u"secrets"_qs}},
                                                    {u"verbs"_qs, QJsonArray{u"get"_qs, u"watch"_qs, u"list"_qs}}}});
    out << chartResource(role);

    QJsonObject binding =
        object(u"rbac.authorization.k8s.io/v1"_qs, u"RoleBinding"_qs, metadata(kGatewayName, ns, labels));
    binding.insert(u"roleRef"_qs, QJsonObject{{u"apiGroup"_qs, u"rbac.authorization.k8s.io"_qs},
                                              {u"kind"_qs, u"Role"_qs},
                                              {u"name"_qs, kGatewayName}});
    // The chart leaves the subject's namespace empty (= the binding's); explicit reads the same.
    binding.insert(u"subjects"_qs, QJsonArray{QJsonObject{{u"kind"_qs, u"ServiceAccount"_qs},
                                                          {u"name"_qs, kGatewayName},
                                                          {u"namespace"_qs, ns}}});
    out << chartResource(binding);

    QJsonObject deployment = object(u"apps/v1"_qs, u"Deployment"_qs, metadata(kGatewayName, ns, labels));
    deployment.insert(u"spec"_qs, QJsonObject{{u"selector"_qs, QJsonObject{{u"matchLabels"_qs, selector}}},
                                              {u"template"_qs, gatewayPodTemplate(plan)}});
    out << chartResource(deployment);

    QJsonObject serviceLabels = labels;
    if (!network.isEmpty())
        serviceLabels.insert(kNetworkLabel, network);
    QJsonObject service = object(u"v1"_qs, u"Service"_qs, metadata(kGatewayName, ns, serviceLabels));
    // Single network: the chart needs service.ports; the VMs still need the same four.
    service.insert(u"spec"_qs, QJsonObject{{u"type"_qs, isLoadBalancer(plan.eastWestGateway.serviceType)
                                                             ? u"LoadBalancer"_qs
                                                             : plan.eastWestGateway.serviceType},
                                           {u"ports"_qs, gatewayPorts(true)},
                                           {u"selector"_qs, selector}});
    out << chartResource(service);
    return out;
}

QList<Resource> istiodExposure(const Plan& plan)
{
    if (!plan.istiodExposure.enabled)
        return {};
    // samples/multicluster/expose-istiod.yaml and expose-istiod-rev.yaml.tmpl. The samples leave
    // the namespace to `kubectl apply -n`; it is written here so the objects apply as they are.
    const QString api = meshVersion(plan).networkingApiVersion();
    const QString ns = plan.mesh.istioNamespace;
    const QString origin = u"istiodExposure"_qs;

    QJsonObject gateway = object(api, u"Gateway"_qs, metadata(u"istiod-gateway"_qs, ns));
    gateway.insert(u"spec"_qs, QJsonObject{{u"selector"_qs, QJsonObject{{u"istio"_qs, kGatewaySelector}}},
                                           {u"servers"_qs, QJsonArray{passthroughServer(u"tls-istiod"_qs, 15012),
                                                                      passthroughServer(u"tls-istiodwebhook"_qs, 15017)}}});

    // The default revision matches any SNI; a revision's VirtualService only its own istiod's.
    const QString istiod = plan.mesh.revisioned(u"istiod"_qs);
    const QString host = istiod + u'.' + ns + u".svc.cluster.local"_qs;
    const QStringList sni = !plan.mesh.isRevisioned() ? QStringList{u"*"_qs} : QStringList{istiod + u'.' + ns + u".svc"_qs, host};
    QJsonObject vs = object(api, u"VirtualService"_qs,
                            metadata(plan.mesh.revisioned(u"istiod-vs"_qs), ns));
    vs.insert(u"spec"_qs, QJsonObject{{u"hosts"_qs, QJsonArray{u"*"_qs}},
                                      {u"gateways"_qs, QJsonArray{u"istiod-gateway"_qs}},
                                      // 15017 is the webhook; istiod serves it on its Service port 443.
                                      {u"tls"_qs, QJsonArray{tlsRoute(15012, sni, host, 15012),
                                                             tlsRoute(15017, sni, host, 443)}}});
    return {resource(gateway, Stage::IstiodExposure, origin), resource(vs, Stage::IstiodExposure, origin)};
}

QList<Resource> crossNetworkGateway(const Plan& plan)
{
    bool wanted = false;
    switch (plan.istiodExposure.crossNetworkGateway) {
    case IstiodExposure::CrossNetwork::Always:
        wanted = true;
        break;
    case IstiodExposure::CrossNetwork::Never:
        break;
    case IstiodExposure::CrossNetwork::Auto:
        // Needed only when traffic crosses networks: some VM group sits on a network other than
        // the cluster's. A gateway merely labelled with the mesh's own network (the book's
        // network1 everywhere) carries no cross-network traffic, so it does not count.
        for (const VmGroup& g : plan.vmGroups)
            wanted = wanted || plan.groupNetwork(g) != plan.mesh.network;
        break;
    }
    if (!wanted)
        return {};

    // samples/multicluster/expose-services.yaml: SNI-routed mTLS (outbound_.<port>_._.<host>).
    const QJsonObject server{
        {u"port"_qs, QJsonObject{{u"number"_qs, 15443}, {u"name"_qs, u"tls"_qs}, {u"protocol"_qs, u"TLS"_qs}}},
        {u"tls"_qs, QJsonObject{{u"mode"_qs, u"AUTO_PASSTHROUGH"_qs}}},
        {u"hosts"_qs, QJsonArray{u"*.local"_qs}},
    };
    QJsonObject gateway = object(meshVersion(plan).networkingApiVersion(), u"Gateway"_qs,
                                 metadata(u"cross-network-gateway"_qs, plan.mesh.istioNamespace));
    gateway.insert(u"spec"_qs, QJsonObject{{u"selector"_qs, QJsonObject{{u"istio"_qs, kGatewaySelector}}},
                                           {u"servers"_qs, QJsonArray{server}}});
    return {resource(gateway, Stage::IstiodExposure, u"istiodExposure"_qs)};
}

} // namespace Generators
