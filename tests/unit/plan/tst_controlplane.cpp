// SPDX-License-Identifier: Apache-2.0
#include "generators.h"

#include "testca.h"

#include <QFile>
#include <QJsonArray>
#include <QTest>

/*
 * Control-plane generators against the book chapter (seed 003: IstioOperator mesh1/cluster1/
 * network1, gen-eastwest-gateway.sh, expose-istiod.yaml) and Istio's real samples/multicluster
 * files and istio/gateway chart, as summarised in ../shared/reference/istio-vm-onboarding.md §3, §5.
 */
class tst_ControlPlane final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void namespaceCarriesNetwork();
    void namespaceWithoutNetwork();

    void operatorLikeTheBook();
    void operatorSwitchesAndRevision();
    void operatorNonDefaultNamespace();

    void eastWestOperatorMultiNetwork();
    void eastWestOperatorSingleNetworkAndServiceType();
    void eastWestOperatorRevisionAndOwnNetwork();
    void eastWestDispatch();

    void eastWestManifests();
    void eastWestManifestsSingleNetworkRevision();

    void istiodExposure_data();
    void istiodExposure();
    void istiodExposureRevision();
    void istiodExposureDisabled();

    void crossNetworkGateway_data();
    void crossNetworkGateway();

    void cacertsNoPluginCa();
    void cacertsOwnCa();
    void cacertsSamplesRefused();
    void cacertsSamplesAllowedWithWarning();

private:
    static Plan chapter10();
    static QJsonObject at(const QJsonObject& o, const QString& path);
    static QJsonValue value(const QJsonObject& o, const QString& path);
    static QByteArray sample(const QString& name);
    static void checkFourPorts(const QJsonArray& ports, bool withProtocol);

    TestCa m_ca;
    QString m_caError;
};

Plan tst_ControlPlane::chapter10()
{
    Plan plan;
    plan.name = u"chapter10"_qs;
    plan.mesh.istioVersion = u"1.29.2"_qs;
    plan.mesh.meshId = u"mesh1"_qs;
    plan.mesh.clusterName = u"cluster1"_qs;
    plan.mesh.network = u"network1"_qs;
    VmGroup group;
    group.name = u"envoydummy"_qs;
    group.namespaceName = u"chapter10vm"_qs;
    group.serviceAccount = u"chapter10-sa"_qs;
    group.labels = {{u"app"_qs, u"envoydummy"_qs}};
    plan.vmGroups << group;
    return plan;
}

/*! The object at a dotted path ("spec.values.global"); keys containing dots are not supported. */
QJsonObject tst_ControlPlane::at(const QJsonObject& o, const QString& path)
{
    return value(o, path).toObject();
}

QJsonValue tst_ControlPlane::value(const QJsonObject& o, const QString& path)
{
    QJsonValue v = o;
    for (const QString& key : path.split(u'.'))
        v = v.toObject().value(key);
    return v;
}

QByteArray tst_ControlPlane::sample(const QString& name)
{
    QFile f(qEnvironmentVariable("MESHDECK_SOURCE_DIR") + u"/tests/data/istio-samples/"_qs + name);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

void tst_ControlPlane::checkFourPorts(const QJsonArray& ports, bool withProtocol)
{
    const QList<std::pair<QString, int>> expected{
        {u"status-port"_qs, 15021}, {u"tls"_qs, 15443}, {u"tls-istiod"_qs, 15012}, {u"tls-webhook"_qs, 15017}};
    QCOMPARE(ports.size(), expected.size());
    for (qsizetype i = 0; i < expected.size(); ++i) {
        const QJsonObject p = ports.at(i).toObject();
        QCOMPARE(p.value(u"name").toString(), expected.at(i).first);
        QCOMPARE(p.value(u"port").toInt(), expected.at(i).second);
        QCOMPARE(p.value(u"targetPort").toInt(), expected.at(i).second);
        QCOMPARE(p.contains(u"protocol"), withProtocol);
        if (withProtocol)
            QCOMPARE(p.value(u"protocol").toString(), u"TCP"_qs);
    }
}

void tst_ControlPlane::initTestCase()
{
    QVERIFY2(!sample(u"root-cert.pem"_qs).isEmpty(), "MESHDECK_SOURCE_DIR must point at the repository");
    m_caError = m_ca.create();
}

void tst_ControlPlane::namespaceCarriesNetwork()
{
    const QList<Resource> out = Generators::istioNamespace(chapter10());
    QCOMPARE(out.size(), 1);
    const Resource& ns = out.first();
    QCOMPARE(ns.key(), u"Namespace/istio-system"_qs);
    QCOMPARE(ns.apiVersion(), u"v1"_qs);
    QCOMPARE(value(ns.object, u"metadata.labels"_qs).toObject().value(u"topology.istio.io/network").toString(),
             u"network1"_qs);
    QVERIFY(ns.keepOnCleanup);
    QCOMPARE(ns.stage, Stage::ControlPlane);
    QCOMPARE(ns.channel, Resource::Channel::Kubectl);
}

void tst_ControlPlane::namespaceWithoutNetwork()
{
    Plan plan = chapter10();
    plan.mesh.network.clear();
    plan.mesh.istioNamespace = u"istio-custom"_qs;
    const QList<Resource> out = Generators::istioNamespace(plan);
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.first().name(), u"istio-custom"_qs);
    QVERIFY(!at(out.first().object, u"metadata"_qs).contains(u"labels"));
}

void tst_ControlPlane::operatorLikeTheBook()
{
    const Resource iop = Generators::controlPlaneOperator(chapter10());
    QCOMPARE(iop.apiVersion(), u"install.istio.io/v1alpha1"_qs);
    QCOMPARE(iop.kind(), u"IstioOperator"_qs);
    QCOMPARE(iop.namespaceName(), u"istio-system"_qs);
    QVERIFY(!iop.name().isEmpty());
    QCOMPARE(iop.channel, Resource::Channel::Istioctl);
    QVERIFY(iop.keepOnCleanup);
    QCOMPARE(iop.stage, Stage::ControlPlane);

    const QJsonObject global = at(iop.object, u"spec.values.global"_qs);
    QCOMPARE(global.value(u"meshID").toString(), u"mesh1"_qs);
    QCOMPARE(at(global, u"multiCluster"_qs).value(u"clusterName").toString(), u"cluster1"_qs);
    QCOMPARE(global.value(u"network").toString(), u"network1"_qs);
    QVERIFY(!global.contains(u"istioNamespace")); // default namespace stays implicit

    // The book's --set values.pilot.env.X=true: strings, not booleans.
    const QJsonObject env = at(iop.object, u"spec.values.pilot.env"_qs);
    QCOMPARE(env.value(u"PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION"), QJsonValue(u"true"_qs));
    QCOMPARE(env.value(u"PILOT_ENABLE_WORKLOAD_ENTRY_HEALTHCHECKS"), QJsonValue(u"true"_qs));
    QVERIFY(!at(iop.object, u"spec"_qs).contains(u"revision"));
    QVERIFY(!at(iop.object, u"spec"_qs).contains(u"meshConfig"));
}

void tst_ControlPlane::operatorSwitchesAndRevision()
{
    Plan plan = chapter10();
    plan.mesh.autoRegistration = false;
    plan.mesh.healthChecks = false;
    plan.mesh.revision = u"1-29-2"_qs;
    plan.mesh.trustDomain = u"example.org"_qs;
    const Resource iop = Generators::controlPlaneOperator(plan);
    const QJsonObject env = at(iop.object, u"spec.values.pilot.env"_qs);
    QCOMPARE(env.value(u"PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION"), QJsonValue(u"false"_qs));
    QCOMPARE(env.value(u"PILOT_ENABLE_WORKLOAD_ENTRY_HEALTHCHECKS"), QJsonValue(u"false"_qs));
    QCOMPARE(value(iop.object, u"spec.revision"_qs).toString(), u"1-29-2"_qs);
    QVERIFY(iop.name().contains(u"1-29-2"_qs));
    QCOMPARE(value(iop.object, u"spec.meshConfig.trustDomain"_qs).toString(), u"example.org"_qs);

    // Two revisions side by side must not overwrite each other's IstioOperator.
    Plan other = plan;
    other.mesh.revision = u"1-30-0"_qs;
    QVERIFY(Generators::controlPlaneOperator(other).key() != iop.key());
}

void tst_ControlPlane::operatorNonDefaultNamespace()
{
    Plan plan = chapter10();
    plan.mesh.istioNamespace = u"istio-custom"_qs;
    plan.mesh.meshId.clear();
    plan.mesh.clusterName.clear();
    const Resource iop = Generators::controlPlaneOperator(plan);
    QCOMPARE(iop.namespaceName(), u"istio-custom"_qs);
    const QJsonObject global = at(iop.object, u"spec.values.global"_qs);
    QCOMPARE(global.value(u"istioNamespace").toString(), u"istio-custom"_qs);
    QVERIFY(!global.contains(u"meshID"));
    QVERIFY(!global.contains(u"multiCluster"));
}

void tst_ControlPlane::eastWestOperatorMultiNetwork()
{
    // gen-eastwest-gateway.sh --network network1 (the book's --mesh/--cluster are ignored since 1.12)
    const QList<Resource> out = Generators::eastWestGatewayOperator(chapter10());
    QCOMPARE(out.size(), 1);
    const Resource& iop = out.first();
    QCOMPARE(iop.apiVersion(), u"install.istio.io/v1alpha1"_qs);
    QCOMPARE(iop.kind(), u"IstioOperator"_qs);
    QCOMPARE(iop.name(), u"eastwest"_qs);
    QCOMPARE(iop.channel, Resource::Channel::Istioctl);
    QCOMPARE(iop.stage, Stage::EastWestGateway);
    QCOMPARE(iop.origin, u"eastWestGateway"_qs);
    QVERIFY(!iop.keepOnCleanup);

    const QJsonObject spec = at(iop.object, u"spec"_qs);
    QCOMPARE(spec.value(u"revision"), QJsonValue(u""_qs)); // always present, "" for default
    QCOMPARE(spec.value(u"profile").toString(), u"empty"_qs);

    const QJsonArray gateways = value(spec, u"components.ingressGateways"_qs).toArray();
    QCOMPARE(gateways.size(), 1);
    const QJsonObject gw = gateways.first().toObject();
    QCOMPARE(gw.value(u"name").toString(), u"istio-eastwestgateway"_qs);
    QCOMPARE(gw.value(u"enabled"), QJsonValue(true));
    const QJsonObject label = at(gw, u"label"_qs);
    QCOMPARE(label.size(), 3);
    QCOMPARE(label.value(u"istio").toString(), u"eastwestgateway"_qs);
    QCOMPARE(label.value(u"app").toString(), u"istio-eastwestgateway"_qs);
    QCOMPARE(label.value(u"topology.istio.io/network").toString(), u"network1"_qs);

    const QJsonArray env = value(gw, u"k8s.env"_qs).toArray();
    QCOMPARE(env.size(), 1); // no ISTIO_META_ROUTER_MODE any more (1.8–1.11 only)
    QCOMPARE(env.first().toObject().value(u"name").toString(), u"ISTIO_META_REQUESTED_NETWORK_VIEW"_qs);
    QCOMPARE(env.first().toObject().value(u"value").toString(), u"network1"_qs);
    checkFourPorts(value(gw, u"k8s.service.ports"_qs).toArray(), false);
    QVERIFY(!at(gw, u"k8s.service"_qs).contains(u"type")); // LoadBalancer is the default

    QCOMPARE(value(spec, u"values.gateways.istio-ingressgateway.injectionTemplate"_qs).toString(), u"gateway"_qs);
    const QJsonObject global = at(spec, u"values.global"_qs);
    QCOMPARE(global.value(u"network").toString(), u"network1"_qs);
    QVERIFY(!global.contains(u"meshID"));
    QVERIFY(!global.contains(u"multiCluster"));
}

void tst_ControlPlane::eastWestOperatorSingleNetworkAndServiceType()
{
    // gen-eastwest-gateway.sh --single-cluster
    Plan plan = chapter10();
    plan.mesh.network.clear();
    plan.eastWestGateway.serviceType = u"NodePort"_qs;
    const QJsonObject spec = at(Generators::eastWestGatewayOperator(plan).first().object, u"spec"_qs);
    const QJsonObject gw = value(spec, u"components.ingressGateways"_qs).toArray().first().toObject();
    QCOMPARE(at(gw, u"label"_qs).size(), 2);
    QVERIFY(!at(gw, u"label"_qs).contains(u"topology.istio.io/network"));
    QVERIFY(!at(gw, u"k8s"_qs).contains(u"env"));
    QCOMPARE(value(gw, u"k8s.service.type"_qs).toString(), u"NodePort"_qs);
    checkFourPorts(value(gw, u"k8s.service.ports"_qs).toArray(), false);
    QVERIFY(!at(spec, u"values"_qs).contains(u"global"));
    QCOMPARE(value(spec, u"values.gateways.istio-ingressgateway.injectionTemplate"_qs).toString(), u"gateway"_qs);
}

void tst_ControlPlane::eastWestOperatorRevisionAndOwnNetwork()
{
    Plan plan = chapter10();
    plan.mesh.revision = u"canary"_qs;
    plan.eastWestGateway.network = u"network2"_qs; // the gateway's own network wins over the mesh's
    const QJsonObject spec = at(Generators::eastWestGatewayOperator(plan).first().object, u"spec"_qs);
    QCOMPARE(spec.value(u"revision").toString(), u"canary"_qs);
    const QJsonObject gw = value(spec, u"components.ingressGateways"_qs).toArray().first().toObject();
    QCOMPARE(value(gw, u"label"_qs).toObject().value(u"topology.istio.io/network").toString(), u"network2"_qs);
    QCOMPARE(value(spec, u"values.global.network"_qs).toString(), u"network2"_qs);
}

void tst_ControlPlane::eastWestDispatch()
{
    Plan plan = chapter10();
    QList<Resource> out = Generators::eastWestGateway(plan);
    QCOMPARE(out.size(), 1);
    QCOMPARE(out.first().kind(), u"IstioOperator"_qs);

    plan.eastWestGateway.form = EastWestGateway::Form::Manifests;
    out = Generators::eastWestGateway(plan);
    QCOMPARE(out.size(), 5);
    for (const Resource& r : out)
        QCOMPARE(r.channel, Resource::Channel::Kubectl);

    plan.eastWestGateway.enabled = false;
    QVERIFY(Generators::eastWestGateway(plan).isEmpty());
}

void tst_ControlPlane::eastWestManifests()
{
    // helm install istio-eastwestgateway istio/gateway --set name=istio-eastwestgateway --set networkGateway=network1
    const QList<Resource> out = Generators::eastWestGatewayManifests(chapter10());
    QStringList keys;
    for (const Resource& r : out) {
        keys << r.key();
        QCOMPARE(r.stage, Stage::EastWestGateway);
        QCOMPARE(r.origin, u"eastWestGateway"_qs);
        QCOMPARE(value(r.object, u"metadata.labels"_qs).toObject().value(u"app").toString(), u"istio-eastwestgateway"_qs);
    }
    QCOMPARE(keys, (QStringList{u"ServiceAccount/istio-system/istio-eastwestgateway"_qs,
                                u"Role/istio-system/istio-eastwestgateway"_qs,
                                u"RoleBinding/istio-system/istio-eastwestgateway"_qs,
                                u"Deployment/istio-system/istio-eastwestgateway"_qs,
                                u"Service/istio-system/istio-eastwestgateway"_qs}));

    const QJsonObject rule = value(out.at(1).object, u"rules"_qs).toArray().first().toObject();
    QCOMPARE(rule.value(u"apiGroups").toArray(), QJsonArray{u""_qs});
    QCOMPARE(rule.value(u"resources").toArray(), QJsonArray{u"secrets"_qs});
    QCOMPARE(rule.value(u"verbs").toArray(), (QJsonArray{u"get"_qs, u"watch"_qs, u"list"_qs}));
    QCOMPARE(out.at(1).apiVersion(), u"rbac.authorization.k8s.io/v1"_qs);

    const QJsonObject binding = out.at(2).object;
    QCOMPARE(value(binding, u"roleRef.kind"_qs).toString(), u"Role"_qs);
    QCOMPARE(value(binding, u"roleRef.name"_qs).toString(), u"istio-eastwestgateway"_qs);
    const QJsonObject subject = binding.value(u"subjects").toArray().first().toObject();
    QCOMPARE(subject.value(u"kind").toString(), u"ServiceAccount"_qs);
    QCOMPARE(subject.value(u"name").toString(), u"istio-eastwestgateway"_qs);

    const QJsonObject deployment = out.at(3).object;
    QCOMPARE(out.at(3).apiVersion(), u"apps/v1"_qs);
    const QJsonObject selector = at(deployment, u"spec.selector.matchLabels"_qs);
    QCOMPARE(selector, (QJsonObject{{u"app"_qs, u"istio-eastwestgateway"_qs}, {u"istio"_qs, u"eastwestgateway"_qs}}));
    const QJsonObject pod = at(deployment, u"spec.template"_qs);
    const QJsonObject annotations = at(pod, u"metadata.annotations"_qs);
    QCOMPARE(annotations.value(u"inject.istio.io/templates").toString(), u"gateway"_qs);
    const QJsonObject podLabels = at(pod, u"metadata.labels"_qs);
    QCOMPARE(podLabels.value(u"sidecar.istio.io/inject"), QJsonValue(u"true"_qs));
    QCOMPARE(podLabels.value(u"app").toString(), u"istio-eastwestgateway"_qs);
    QCOMPARE(podLabels.value(u"istio").toString(), u"eastwestgateway"_qs);
    QCOMPARE(podLabels.value(u"topology.istio.io/network").toString(), u"network1"_qs);
    QVERIFY(!podLabels.contains(u"istio.io/rev"));
    for (auto it = selector.begin(); it != selector.end(); ++it)
        QCOMPARE(podLabels.value(it.key()), it.value()); // the Deployment selects its own pods
    QCOMPARE(value(pod, u"spec.serviceAccountName"_qs).toString(), u"istio-eastwestgateway"_qs);
    const QJsonObject container = value(pod, u"spec.containers"_qs).toArray().first().toObject();
    QCOMPARE(container.value(u"name").toString(), u"istio-proxy"_qs);
    QCOMPARE(container.value(u"image").toString(), u"auto"_qs);
    const QJsonArray env = container.value(u"env").toArray();
    QCOMPARE(env.size(), 1);
    QCOMPARE(env.first().toObject().value(u"name").toString(), u"ISTIO_META_REQUESTED_NETWORK_VIEW"_qs);
    QCOMPARE(env.first().toObject().value(u"value").toString(), u"network1"_qs);

    const QJsonObject service = out.at(4).object;
    QCOMPARE(value(service, u"spec.type"_qs).toString(), u"LoadBalancer"_qs);
    checkFourPorts(value(service, u"spec.ports"_qs).toArray(), true);
    QCOMPARE(at(service, u"spec.selector"_qs), selector);
    QCOMPARE(value(service, u"metadata.labels"_qs).toObject().value(u"topology.istio.io/network").toString(),
             u"network1"_qs);
    // 1.25+ charts keep ambient away from the gateway.
    QCOMPARE(value(service, u"metadata.labels"_qs).toObject().value(u"istio.io/dataplane-mode").toString(),
             u"none"_qs);
}

void tst_ControlPlane::eastWestManifestsSingleNetworkRevision()
{
    Plan plan = chapter10();
    plan.mesh.network.clear();
    plan.mesh.revision = u"canary"_qs;
    plan.mesh.istioVersion = u"1.24"_qs;
    plan.mesh.istioNamespace = u"istio-custom"_qs;
    plan.eastWestGateway.serviceType = u"ClusterIP"_qs;
    const QList<Resource> out = Generators::eastWestGatewayManifests(plan);
    QCOMPARE(out.size(), 5);
    for (const Resource& r : out)
        QCOMPARE(r.namespaceName(), u"istio-custom"_qs);
    const QJsonObject pod = at(out.at(3).object, u"spec.template"_qs);
    QCOMPARE(value(pod, u"metadata.labels"_qs).toObject().value(u"istio.io/rev").toString(), u"canary"_qs);
    QVERIFY(!value(pod, u"metadata.labels"_qs).toObject().contains(u"topology.istio.io/network"));
    QVERIFY(!value(pod, u"metadata.labels"_qs).toObject().contains(u"istio.io/dataplane-mode")); // < 1.25
    const QJsonObject container = value(pod, u"spec.containers"_qs).toArray().first().toObject();
    QVERIFY(!container.contains(u"env"));
    const QJsonObject service = out.at(4).object;
    QCOMPARE(value(service, u"spec.type"_qs).toString(), u"ClusterIP"_qs);
    checkFourPorts(value(service, u"spec.ports"_qs).toArray(), true); // VMs still need all four
    QVERIFY(!value(service, u"metadata.labels"_qs).toObject().contains(u"topology.istio.io/network"));
}

void tst_ControlPlane::istiodExposure_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("apiVersion");
    QTest::newRow("1.29") << u"1.29.0"_qs << u"networking.istio.io/v1"_qs;
    QTest::newRow("1.22") << u"1.22"_qs << u"networking.istio.io/v1"_qs;
    QTest::newRow("1.21") << u"1.21.6"_qs << u"networking.istio.io/v1alpha3"_qs;
    QTest::newRow("1.20") << u"1.20"_qs << u"networking.istio.io/v1alpha3"_qs;
}

void tst_ControlPlane::istiodExposure()
{
    QFETCH(QString, version);
    QFETCH(QString, apiVersion);
    Plan plan = chapter10();
    plan.mesh.istioVersion = version;
    const QList<Resource> out = Generators::istiodExposure(plan);
    QCOMPARE(out.size(), 2);

    const Resource& gateway = out.at(0);
    QCOMPARE(gateway.key(), u"Gateway/istio-system/istiod-gateway"_qs);
    QCOMPARE(gateway.apiVersion(), apiVersion);
    QCOMPARE(gateway.stage, Stage::IstiodExposure);
    QCOMPARE(gateway.channel, Resource::Channel::Kubectl);
    QCOMPARE(at(gateway.object, u"spec.selector"_qs), (QJsonObject{{u"istio"_qs, u"eastwestgateway"_qs}}));
    const QJsonArray servers = value(gateway.object, u"spec.servers"_qs).toArray();
    QCOMPARE(servers.size(), 2);
    const QList<std::pair<QString, int>> expected{{u"tls-istiod"_qs, 15012}, {u"tls-istiodwebhook"_qs, 15017}};
    for (qsizetype i = 0; i < 2; ++i) {
        const QJsonObject s = servers.at(i).toObject();
        QCOMPARE(value(s, u"port.name"_qs).toString(), expected.at(i).first);
        QCOMPARE(value(s, u"port.number"_qs).toInt(), expected.at(i).second);
        QCOMPARE(value(s, u"port.protocol"_qs).toString(), u"tls"_qs);
        QCOMPARE(value(s, u"tls.mode"_qs).toString(), u"PASSTHROUGH"_qs);
        QCOMPARE(s.value(u"hosts").toArray(), QJsonArray{u"*"_qs});
    }

    const Resource& vs = out.at(1);
    QCOMPARE(vs.key(), u"VirtualService/istio-system/istiod-vs"_qs);
    QCOMPARE(vs.apiVersion(), apiVersion);
    QCOMPARE(value(vs.object, u"spec.hosts"_qs).toArray(), QJsonArray{u"*"_qs});
    QCOMPARE(value(vs.object, u"spec.gateways"_qs).toArray(), QJsonArray{u"istiod-gateway"_qs});
    const QJsonArray tls = value(vs.object, u"spec.tls"_qs).toArray();
    QCOMPARE(tls.size(), 2);
    const QList<std::pair<int, int>> routes{{15012, 15012}, {15017, 443}};
    for (qsizetype i = 0; i < 2; ++i) {
        const QJsonObject route = tls.at(i).toObject();
        const QJsonObject match = route.value(u"match").toArray().first().toObject();
        QCOMPARE(match.value(u"port").toInt(), routes.at(i).first);
        QCOMPARE(match.value(u"sniHosts").toArray(), QJsonArray{u"*"_qs});
        const QJsonObject dest = route.value(u"route").toArray().first().toObject().value(u"destination").toObject();
        QCOMPARE(dest.value(u"host").toString(), u"istiod.istio-system.svc.cluster.local"_qs);
        QCOMPARE(value(dest, u"port.number"_qs).toInt(), routes.at(i).second);
    }
}

void tst_ControlPlane::istiodExposureRevision()
{
    // expose-istiod-rev.yaml.tmpl with Revision=canary
    Plan plan = chapter10();
    plan.mesh.revision = u"canary"_qs;
    const QList<Resource> out = Generators::istiodExposure(plan);
    QCOMPARE(out.size(), 2);
    QCOMPARE(out.at(0).name(), u"istiod-gateway"_qs);
    QCOMPARE(out.at(1).name(), u"istiod-vs-canary"_qs);
    const QJsonArray tls = value(out.at(1).object, u"spec.tls"_qs).toArray();
    QCOMPARE(tls.size(), 2);
    const QJsonArray sni{u"istiod-canary.istio-system.svc"_qs, u"istiod-canary.istio-system.svc.cluster.local"_qs};
    const QList<std::pair<int, int>> routes{{15012, 15012}, {15017, 443}};
    for (qsizetype i = 0; i < 2; ++i) {
        const QJsonObject route = tls.at(i).toObject();
        const QJsonObject match = route.value(u"match").toArray().first().toObject();
        QCOMPARE(match.value(u"port").toInt(), routes.at(i).first);
        QCOMPARE(match.value(u"sniHosts").toArray(), sni);
        const QJsonObject dest = route.value(u"route").toArray().first().toObject().value(u"destination").toObject();
        QCOMPARE(dest.value(u"host").toString(), u"istiod-canary.istio-system.svc.cluster.local"_qs);
        QCOMPARE(value(dest, u"port.number"_qs).toInt(), routes.at(i).second);
    }
}

void tst_ControlPlane::istiodExposureDisabled()
{
    Plan plan = chapter10();
    plan.istiodExposure.enabled = false;
    QVERIFY(Generators::istiodExposure(plan).isEmpty());
}

void tst_ControlPlane::crossNetworkGateway_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("vmNetwork");
    QTest::addColumn<bool>("expected");
    const int autoMode = static_cast<int>(IstiodExposure::CrossNetwork::Auto);
    const int always = static_cast<int>(IstiodExposure::CrossNetwork::Always);
    const int never = static_cast<int>(IstiodExposure::CrossNetwork::Never);
    // The book: VMs and pods share network1, no expose-services.yaml.
    QTest::newRow("auto, same network") << autoMode << QString() << false;
    QTest::newRow("auto, explicit same network") << autoMode << u"network1"_qs << false;
    QTest::newRow("auto, VMs on network2") << autoMode << u"network2"_qs << true;
    QTest::newRow("always") << always << QString() << true;
    QTest::newRow("never, VMs on network2") << never << u"network2"_qs << false;
}

void tst_ControlPlane::crossNetworkGateway()
{
    QFETCH(int, mode);
    QFETCH(QString, vmNetwork);
    QFETCH(bool, expected);
    Plan plan = chapter10();
    plan.istiodExposure.crossNetworkGateway = static_cast<IstiodExposure::CrossNetwork>(mode);
    plan.vmGroups[0].network = vmNetwork;
    const QList<Resource> out = Generators::crossNetworkGateway(plan);
    QCOMPARE(out.size(), expected ? 1 : 0);
    if (!expected)
        return;
    const Resource& gw = out.first();
    QCOMPARE(gw.key(), u"Gateway/istio-system/cross-network-gateway"_qs);
    QCOMPARE(gw.apiVersion(), u"networking.istio.io/v1"_qs);
    QCOMPARE(at(gw.object, u"spec.selector"_qs), (QJsonObject{{u"istio"_qs, u"eastwestgateway"_qs}}));
    const QJsonArray servers = value(gw.object, u"spec.servers"_qs).toArray();
    QCOMPARE(servers.size(), 1);
    const QJsonObject s = servers.first().toObject();
    QCOMPARE(value(s, u"port.number"_qs).toInt(), 15443);
    QCOMPARE(value(s, u"port.name"_qs).toString(), u"tls"_qs);
    QCOMPARE(value(s, u"port.protocol"_qs).toString(), u"TLS"_qs);
    QCOMPARE(value(s, u"tls.mode"_qs).toString(), u"AUTO_PASSTHROUGH"_qs);
    QCOMPARE(s.value(u"hosts").toArray(), QJsonArray{u"*.local"_qs});
}

void tst_ControlPlane::cacertsNoPluginCa()
{
    Problems problems;
    PluginCaMaterial material{sample(u"ca-cert.pem"_qs), "key", sample(u"root-cert.pem"_qs), sample(u"ca-cert.pem"_qs)};
    QVERIFY(Generators::cacertsSecret(chapter10(), material, &problems).isEmpty());
    QVERIFY(problems.isEmpty());
}

void tst_ControlPlane::cacertsOwnCa()
{
    if (!m_caError.isEmpty())
        QSKIP(qPrintable(m_caError));
    Plan plan = chapter10();
    plan.pluginCa = PluginCa{};
    const PluginCaMaterial material{m_ca.read(u"ca-cert.pem"_qs), m_ca.read(u"ca-key.pem"_qs),
                                    m_ca.read(u"root-cert.pem"_qs), m_ca.read(u"cert-chain.pem"_qs)};
    Problems problems;
    const QList<Resource> out = Generators::cacertsSecret(plan, material, &problems);
    QVERIFY(problems.isEmpty());
    QCOMPARE(out.size(), 1);
    const Resource& secret = out.first();
    QCOMPARE(secret.key(), u"Secret/istio-system/cacerts"_qs);
    QCOMPARE(secret.object.value(u"type").toString(), u"Opaque"_qs);
    QVERIFY(secret.keepOnCleanup);
    QCOMPARE(secret.origin, u"pluginCa"_qs);
    const QJsonObject data = secret.object.value(u"data").toObject();
    QCOMPARE(data.size(), 4);
    const QList<std::pair<QString, QString>> files{{u"ca-cert.pem"_qs, u"ca-cert.pem"_qs},
                                                   {u"ca-key.pem"_qs, u"ca-key.pem"_qs},
                                                   {u"root-cert.pem"_qs, u"root-cert.pem"_qs},
                                                   {u"cert-chain.pem"_qs, u"cert-chain.pem"_qs}};
    for (const auto& [key, file] : files)
        QCOMPARE(QByteArray::fromBase64(data.value(key).toString().toLatin1()), m_ca.read(file));
}

void tst_ControlPlane::cacertsSamplesRefused()
{
    Plan plan = chapter10();
    plan.pluginCa = PluginCa{};
    plan.sourceFile = u"/plans/lab.yaml"_qs;
    // The seed's `kubectl create secret generic cacerts --from-file=samples/certs/...`
    const PluginCaMaterial material{sample(u"ca-cert.pem"_qs), QByteArray("not checked"),
                                    sample(u"root-cert.pem"_qs), sample(u"ca-cert.pem"_qs)};
    Problems problems;
    QVERIFY(Generators::cacertsSecret(plan, material, &problems).isEmpty());
    QCOMPARE(problems.size(), 1);
    const Problem& p = problems.first();
    QVERIFY(p.isError());
    QCOMPARE(p.path, u"pluginCa"_qs);
    QCOMPARE(p.file, u"/plans/lab.yaml"_qs);
    QVERIFY2(p.message.contains(u"production"_qs), qPrintable(p.message));
    QVERIFY(p.message.contains(u"widely distributed"_qs));
    QVERIFY(p.message.contains(u"security"_qs));
    QVERIFY(p.hint.contains(u"allowSampleCertificates: true"_qs));

    // Even one sample file (the root alone) is enough to refuse.
    if (m_caError.isEmpty()) {
        const PluginCaMaterial mixed{m_ca.read(u"ca-cert.pem"_qs), m_ca.read(u"ca-key.pem"_qs),
                                     sample(u"root-cert.pem"_qs), m_ca.read(u"cert-chain.pem"_qs)};
        problems.clear();
        QVERIFY(Generators::cacertsSecret(plan, mixed, &problems).isEmpty());
        QCOMPARE(problems.size(), 1);
        QVERIFY(problems.first().message.contains(u"rootCert"_qs));
    }
}

void tst_ControlPlane::cacertsSamplesAllowedWithWarning()
{
    Plan plan = chapter10();
    plan.pluginCa = PluginCa{};
    plan.pluginCa->allowSampleCertificates = true;
    const PluginCaMaterial material{sample(u"ca-cert.pem"_qs), QByteArray("key"), sample(u"root-cert.pem"_qs),
                                    sample(u"ca-cert.pem"_qs)};
    Problems problems;
    const QList<Resource> out = Generators::cacertsSecret(plan, material, &problems);
    QCOMPARE(out.size(), 1);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.first().severity, Problem::Severity::Warning);
    QVERIFY(problems.first().message.contains(u"production"_qs));
    QCOMPARE(QByteArray::fromBase64(at(out.first().object, u"data"_qs).value(u"root-cert.pem").toString().toLatin1()),
             sample(u"root-cert.pem"_qs));
}

QTEST_APPLESS_MAIN(tst_ControlPlane)
#include "tst_controlplane.moc"
