// SPDX-License-Identifier: Apache-2.0
#include "generators.h"

#include <QJsonArray>
#include <QTest>

/*
 * VM group objects against the book chapter (seed 003: namespace chapter10vm, ServiceAccount
 * chapter10-sa, WorkloadGroup envoydummy with an httpGet probe on 10000, Service envoydummy
 * 80 -> 10000) and the WorkloadGroup API (../shared/reference/istio-vm-onboarding.md §1.4, §2).
 */
class tst_WorkloadGroups final : public QObject
{
    Q_OBJECT

private slots:
    void bookChapter();
    void apiVersionFollowsIstio_data();
    void apiVersionFollowsIstio();
    void probeHandlers_data();
    void probeHandlers();
    void probeHttpOptionalFields();
    void noProbe();
    void groupNetworkPortsAnnotations();
    void serviceVariants();
    void defaultServiceAccountNotCreated();
    void originIsTheGroupIndex();

private:
    static Plan chapter10();
    static const Resource* find(const QList<Resource>& list, const QString& kind);
    static QJsonObject probeOf(const Plan& plan);
};

Plan tst_WorkloadGroups::chapter10()
{
    Plan plan;
    plan.mesh.istioVersion = u"1.29"_qs;
    plan.mesh.meshId = u"mesh1"_qs;
    plan.mesh.clusterName = u"cluster1"_qs;
    plan.mesh.network = u"network1"_qs;

    VmGroup g;
    g.name = u"envoydummy"_qs;
    g.namespaceName = u"chapter10vm"_qs;
    g.serviceAccount = u"chapter10-sa"_qs;
    g.labels = {{u"app"_qs, u"envoydummy"_qs}};
    Probe probe;
    probe.kind = Probe::Kind::HttpGet;
    probe.periodSeconds = 5;
    probe.initialDelaySeconds = 1;
    probe.port = 10000;
    probe.path = u"/"_qs;
    g.probe = probe;
    g.service.ports = {ServicePort{u"tcp"_qs, 80, 10000, u"TCP"_qs}};
    plan.vmGroups << g;
    return plan;
}

const Resource* tst_WorkloadGroups::find(const QList<Resource>& list, const QString& kind)
{
    for (const Resource& r : list) {
        if (r.kind() == kind)
            return &r;
    }
    return nullptr;
}

QJsonObject tst_WorkloadGroups::probeOf(const Plan& plan)
{
    const QList<Resource> out = Generators::vmGroupResources(plan, plan.vmGroups.first());
    const Resource* wg = find(out, u"WorkloadGroup"_qs);
    return wg ? wg->object.value(u"spec").toObject().value(u"probe").toObject() : QJsonObject();
}

void tst_WorkloadGroups::bookChapter()
{
    const Plan plan = chapter10();
    const QList<Resource> out = Generators::vmGroupResources(plan, plan.vmGroups.first());
    QStringList keys;
    for (const Resource& r : out) {
        keys << r.key();
        QCOMPARE(r.stage, Stage::VmGroup);
        QCOMPARE(r.channel, Resource::Channel::Kubectl);
        QVERIFY(!r.keepOnCleanup);
    }
    QCOMPARE(keys, (QStringList{u"Namespace/chapter10vm"_qs, u"ServiceAccount/chapter10vm/chapter10-sa"_qs,
                                u"WorkloadGroup/chapter10vm/envoydummy"_qs, u"Service/chapter10vm/envoydummy"_qs}));

    // kubectl create ns: no injection label for VMs; only meshdeck's managed-by label, which
    // gives the apply a field to own (an apply owning nothing is not idempotent).
    const QJsonObject nsMeta = out.at(0).object.value(u"metadata").toObject();
    QCOMPARE(nsMeta, (QJsonObject{{u"name"_qs, u"chapter10vm"_qs},
                                  {u"labels"_qs, QJsonObject{{u"app.kubernetes.io/managed-by"_qs, u"meshdeck"_qs}}}}));
    QCOMPARE(out.at(1).apiVersion(), u"v1"_qs);

    const QJsonObject wg = out.at(2).object;
    QCOMPARE(out.at(2).apiVersion(), u"networking.istio.io/v1"_qs);
    const QJsonObject spec = wg.value(u"spec").toObject();
    QCOMPARE(spec.value(u"metadata").toObject(),
             (QJsonObject{{u"labels"_qs, QJsonObject{{u"app"_qs, u"envoydummy"_qs}}}}));
    QCOMPARE(spec.value(u"template").toObject(),
             (QJsonObject{{u"serviceAccount"_qs, u"chapter10-sa"_qs}, {u"network"_qs, u"network1"_qs}}));

    // The book's probe, plus the numbers it left to defaults, written out: the agent's own
    // failureThreshold default is 1, the API's documented one 3.
    const QJsonObject probe = spec.value(u"probe").toObject();
    QCOMPARE(probe.value(u"periodSeconds").toInt(), 5);
    QCOMPARE(probe.value(u"initialDelaySeconds").toInt(), 1);
    QCOMPARE(probe.value(u"timeoutSeconds").toInt(), 1);
    QCOMPARE(probe.value(u"successThreshold").toInt(), 1);
    QVERIFY(probe.contains(u"failureThreshold"));
    QCOMPARE(probe.value(u"failureThreshold").toInt(), 3);
    QCOMPARE(probe.value(u"httpGet").toObject(), (QJsonObject{{u"path"_qs, u"/"_qs}, {u"port"_qs, 10000}}));
    QCOMPARE(probe.size(), 6);

    const QJsonObject service = out.at(3).object;
    QCOMPARE(out.at(3).apiVersion(), u"v1"_qs);
    QCOMPARE(service.value(u"metadata").toObject().value(u"labels").toObject(),
             (QJsonObject{{u"app"_qs, u"envoydummy"_qs}}));
    const QJsonObject serviceSpec = service.value(u"spec").toObject();
    QCOMPARE(serviceSpec.value(u"selector").toObject(), (QJsonObject{{u"app"_qs, u"envoydummy"_qs}}));
    const QJsonArray ports = serviceSpec.value(u"ports").toArray();
    QCOMPARE(ports.size(), 1);
    QCOMPARE(ports.first().toObject(), (QJsonObject{{u"name"_qs, u"tcp"_qs},
                                                    {u"port"_qs, 80},
                                                    {u"targetPort"_qs, 10000},
                                                    {u"protocol"_qs, u"TCP"_qs}}));
}

void tst_WorkloadGroups::apiVersionFollowsIstio_data()
{
    QTest::addColumn<QString>("version");
    QTest::addColumn<QString>("apiVersion");
    QTest::newRow("1.29") << u"1.29.0"_qs << u"networking.istio.io/v1"_qs;
    QTest::newRow("1.22") << u"1.22.0"_qs << u"networking.istio.io/v1"_qs;
    QTest::newRow("1.21") << u"1.21"_qs << u"networking.istio.io/v1alpha3"_qs;
    QTest::newRow("1.20") << u"1.20.3"_qs << u"networking.istio.io/v1alpha3"_qs;
    QTest::newRow("1.16 (the book)") << u"1.16.0"_qs << u"networking.istio.io/v1alpha3"_qs;
}

void tst_WorkloadGroups::apiVersionFollowsIstio()
{
    QFETCH(QString, version);
    QFETCH(QString, apiVersion);
    Plan plan = chapter10();
    plan.mesh.istioVersion = version;
    const QList<Resource> out = Generators::vmGroupResources(plan, plan.vmGroups.first());
    QCOMPARE(find(out, u"WorkloadGroup"_qs)->apiVersion(), apiVersion);
}

void tst_WorkloadGroups::probeHandlers_data()
{
    QTest::addColumn<Probe>("probe");
    QTest::addColumn<QString>("handler");
    QTest::addColumn<QJsonObject>("expected");

    Probe tcp;
    tcp.kind = Probe::Kind::TcpSocket;
    tcp.port = 3306;
    QTest::newRow("tcpSocket") << tcp << u"tcpSocket"_qs << QJsonObject{{u"port"_qs, 3306}};
    tcp.host = u"127.0.0.1"_qs;
    QTest::newRow("tcpSocket+host") << tcp << u"tcpSocket"_qs
                                    << QJsonObject{{u"port"_qs, 3306}, {u"host"_qs, u"127.0.0.1"_qs}};

    Probe exec;
    exec.kind = Probe::Kind::Exec;
    exec.command = {u"/bin/check"_qs, u"--quiet"_qs};
    QTest::newRow("exec") << exec << u"exec"_qs
                          << QJsonObject{{u"command"_qs, QJsonArray{u"/bin/check"_qs, u"--quiet"_qs}}};

    Probe grpc;
    grpc.kind = Probe::Kind::Grpc;
    grpc.port = 9000;
    QTest::newRow("grpc") << grpc << u"grpc"_qs << QJsonObject{{u"port"_qs, 9000}};
    grpc.service = u"health"_qs;
    QTest::newRow("grpc+service") << grpc << u"grpc"_qs
                                  << QJsonObject{{u"port"_qs, 9000}, {u"service"_qs, u"health"_qs}};
}

void tst_WorkloadGroups::probeHandlers()
{
    QFETCH(Probe, probe);
    QFETCH(QString, handler);
    QFETCH(QJsonObject, expected);
    probe.failureThreshold = 7;
    Plan plan = chapter10();
    plan.vmGroups[0].probe = probe;
    const QJsonObject json = probeOf(plan);
    QCOMPARE(json.value(handler).toObject(), expected);
    // Exactly one handler next to the five numbers.
    int handlers = 0;
    for (const QString& h : {u"httpGet"_qs, u"tcpSocket"_qs, u"exec"_qs, u"grpc"_qs})
        handlers += json.contains(h) ? 1 : 0;
    QCOMPARE(handlers, 1);
    QCOMPARE(json.size(), 6);
    QCOMPARE(json.value(u"failureThreshold").toInt(), 7);
    QCOMPARE(json.value(u"periodSeconds").toInt(), 10);
    QCOMPARE(json.value(u"initialDelaySeconds").toInt(), 0);
}

void tst_WorkloadGroups::probeHttpOptionalFields()
{
    Plan plan = chapter10();
    Probe& probe = *plan.vmGroups[0].probe;
    probe.host = u"10.0.0.5"_qs;
    probe.scheme = u"HTTPS"_qs;
    probe.path = u"/healthz"_qs;
    probe.httpHeaders = {HttpHeader{u"Host"_qs, u"envoydummy"_qs}};
    const QJsonObject http = probeOf(plan).value(u"httpGet").toObject();
    QCOMPARE(http.value(u"path").toString(), u"/healthz"_qs);
    QCOMPARE(http.value(u"port").toInt(), 10000);
    QCOMPARE(http.value(u"host").toString(), u"10.0.0.5"_qs);
    QCOMPARE(http.value(u"scheme").toString(), u"HTTPS"_qs);
    QCOMPARE(http.value(u"httpHeaders").toArray(),
             QJsonArray{QJsonObject({{u"name"_qs, u"Host"_qs}, {u"value"_qs, u"envoydummy"_qs}})});
}

void tst_WorkloadGroups::noProbe()
{
    Plan plan = chapter10();
    plan.vmGroups[0].probe.reset();
    const QList<Resource> out = Generators::vmGroupResources(plan, plan.vmGroups.first());
    QVERIFY(!find(out, u"WorkloadGroup"_qs)->object.value(u"spec").toObject().contains(u"probe"));
    // A probe without a handler is invalid for Istio: left out rather than written half.
    plan.vmGroups[0].probe = Probe{};
    QVERIFY(probeOf(plan).isEmpty());
}

void tst_WorkloadGroups::groupNetworkPortsAnnotations()
{
    Plan plan = chapter10();
    VmGroup& g = plan.vmGroups[0];
    g.network = u"vm-network"_qs;
    g.ports = {NamedPort{u"http"_qs, 8080}, NamedPort{u"grpc"_qs, 3550}};
    g.annotations = {{u"proxy.istio.io/config"_qs, u"{}"_qs}};
    const QList<Resource> out = Generators::vmGroupResources(plan, g);
    const QJsonObject spec = find(out, u"WorkloadGroup"_qs)->object.value(u"spec").toObject();
    const QJsonObject templ = spec.value(u"template").toObject();
    QCOMPARE(templ.value(u"network").toString(), u"vm-network"_qs);
    QCOMPARE(templ.value(u"ports").toObject(), (QJsonObject{{u"http"_qs, 8080}, {u"grpc"_qs, 3550}}));
    QCOMPARE(spec.value(u"metadata").toObject().value(u"annotations").toObject(),
             (QJsonObject{{u"proxy.istio.io/config"_qs, u"{}"_qs}}));

    // No network anywhere: the key is left out, not written empty.
    plan.mesh.network.clear();
    g.network.clear();
    g.labels.clear();
    const QList<Resource> bare = Generators::vmGroupResources(plan, g);
    const QJsonObject bareSpec = find(bare, u"WorkloadGroup"_qs)->object.value(u"spec").toObject();
    QVERIFY(!bareSpec.value(u"template").toObject().contains(u"network"));
    QVERIFY(!bareSpec.value(u"metadata").toObject().contains(u"labels"));
}

void tst_WorkloadGroups::serviceVariants()
{
    Plan plan = chapter10();
    VmGroup& g = plan.vmGroups[0];
    g.service.name = u"envoydummy-vm"_qs;
    g.service.labels = {{u"tier"_qs, u"backend"_qs}, {u"app"_qs, u"ignored-in-selector"_qs}};
    g.service.ports << ServicePort{u"http-admin"_qs, 9901, 0, u"TCP"_qs};
    QList<Resource> out = Generators::vmGroupResources(plan, g);
    const Resource* svc = find(out, u"Service"_qs);
    QVERIFY(svc);
    QCOMPARE(svc->key(), u"Service/chapter10vm/envoydummy-vm"_qs);
    const QJsonObject labels = svc->object.value(u"metadata").toObject().value(u"labels").toObject();
    QCOMPARE(labels.value(u"tier").toString(), u"backend"_qs);
    QCOMPARE(labels.value(u"app").toString(), u"ignored-in-selector"_qs); // service.labels win on the Service
    // The selector is always the group's labels, which the WorkloadEntries carry.
    QCOMPARE(svc->object.value(u"spec").toObject().value(u"selector").toObject(),
             (QJsonObject{{u"app"_qs, u"envoydummy"_qs}}));
    const QJsonObject admin = svc->object.value(u"spec").toObject().value(u"ports").toArray().at(1).toObject();
    QCOMPARE(admin.value(u"targetPort").toInt(), 9901); // 0 = same as port

    g.service.enabled = false;
    QVERIFY(!find(Generators::vmGroupResources(plan, g), u"Service"_qs));
    g.service.enabled = true;
    g.service.ports.clear();
    QVERIFY(!find(Generators::vmGroupResources(plan, g), u"Service"_qs));
}

void tst_WorkloadGroups::defaultServiceAccountNotCreated()
{
    Plan plan = chapter10();
    plan.vmGroups[0].serviceAccount = u"default"_qs;
    plan.vmGroups[0].namespaceName = u"default"_qs;
    const QList<Resource> out = Generators::vmGroupResources(plan, plan.vmGroups.first());
    QVERIFY(!find(out, u"ServiceAccount"_qs));
    QCOMPARE(find(out, u"WorkloadGroup"_qs)->object.value(u"spec").toObject().value(u"template").toObject()
                 .value(u"serviceAccount").toString(),
             u"default"_qs);
    // The default namespace is never the group's to delete.
    QVERIFY(find(out, u"Namespace"_qs)->keepOnCleanup);
}

void tst_WorkloadGroups::originIsTheGroupIndex()
{
    Plan plan = chapter10();
    VmGroup second = plan.vmGroups.first();
    second.name = u"envoydummy-v2"_qs;
    plan.vmGroups << second;
    for (const Resource& r : Generators::vmGroupResources(plan, plan.vmGroups.at(1)))
        QCOMPARE(r.origin, u"vmGroups[1]"_qs);
    for (const Resource& r : Generators::vmGroupResources(plan, plan.vmGroups.at(0)))
        QCOMPARE(r.origin, u"vmGroups[0]"_qs);
}

QTEST_APPLESS_MAIN(tst_WorkloadGroups)
#include "tst_workloadgroups.moc"
