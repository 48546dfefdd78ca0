// SPDX-License-Identifier: Apache-2.0
// The first seed (Istio 1.5 "multi-network VM" guide) and istioctl 1.5's add-to-mesh
// (istioctl/cmd/add-to-mesh.go, add-to-mesh_test.go at tag 1.5.0) are the expected values.
#include "generators.h"

#include <QJsonArray>
#include <QTest>

#include <yaml-cpp/yaml.h>

namespace {

// Enough YAML -> JSON for the seed's manifests: maps, sequences, integers and strings.
QJsonValue toJson(const YAML::Node& node)
{
    if (node.IsMap()) {
        QJsonObject o;
        for (const auto& entry : node)
            o.insert(QString::fromStdString(entry.first.Scalar()), toJson(entry.second));
        return o;
    }
    if (node.IsSequence()) {
        QJsonArray a;
        for (const YAML::Node& item : node)
            a.append(toJson(item));
        return a;
    }
    const QString text = QString::fromStdString(node.Scalar());
    bool isInt = false;
    const int i = text.toInt(&isInt);
    return isInt && node.Tag() != "!" ? QJsonValue(i) : QJsonValue(text);
}

QJsonObject yamlObject(const char* yaml)
{
    return toJson(YAML::Load(yaml)).toObject();
}

// The seed's `kubectl apply -n bar` ServiceEntry, comments dropped, ${CLUSTER_GW_ADDR} = the
// gateway IP the seed prints (35.232.112.158), and the namespace that -n gives it.
const char* const kSeedServiceEntry = R"(
apiVersion: networking.istio.io/v1alpha3
kind: ServiceEntry
metadata:
  name: httpbin.bar.forvms
  namespace: bar
spec:
  hosts:
  - httpbin.bar.global
  location: MESH_INTERNAL
  ports:
  - name: http1
    number: 8000
    protocol: http
  resolution: DNS
  addresses:
  - 127.255.0.3
  endpoints:
  - address: 35.232.112.158
    ports:
      http1: 15443
)";

Plan seedPlan()
{
    Plan plan;
    plan.mesh.istioVersion = u"1.5.0"_qs;
    plan.legacy.serviceCidr = u"172.21.0.0/16"_qs;
    plan.legacy.gatewayAddress = u"35.232.112.158"_qs;
    GlobalService httpbin;
    httpbin.name = u"httpbin"_qs;
    httpbin.namespaceName = u"bar"_qs;
    httpbin.vip = u"127.255.0.3"_qs;
    httpbin.ports = {ServiceEntryPort{u"http1"_qs, 8000, u"http"_qs}};
    plan.legacy.globalServices = {httpbin};
    Vm vm;
    vm.name = u"vm1"_qs;
    vm.address = u"vm1.example.com"_qs;
    vm.ip = u"10.128.0.7"_qs; // ${VM_IP}
    plan.vms = {vm};
    MeshExpansionService vmhttp; // add-to-mesh external-service vmhttp ${VM_IP} http:8888 -n vm
    vmhttp.name = u"vmhttp"_qs;
    vmhttp.namespaceName = u"vm"_qs;
    vmhttp.vms = {u"vm1"_qs};
    vmhttp.ports = {NamedPort{u"http"_qs, 8888}};
    plan.legacy.meshExpansion = {vmhttp};
    return plan;
}

GlobalService global(const QString& name, const QString& vip = {})
{
    GlobalService s;
    s.name = name;
    s.namespaceName = u"bar"_qs;
    s.vip = vip;
    s.ports = {ServiceEntryPort{u"http"_qs, 80, u"HTTP"_qs}};
    return s;
}

QString vipOf(const Resource& r)
{
    return r.object.value(u"spec").toObject().value(u"addresses").toArray().at(0).toString();
}

} // namespace

class TestLegacy final : public QObject
{
    Q_OBJECT

private slots:
    void seedServiceEntry();
    void apiVersionFollowsIstio();
    void seedHosts();
    void vipAllocation();
    void poolExhaustion();
    void invalidPoolAndDuplicates();
    void missingGateway();
    void seedAddToMesh();
    void istioctlAddToMeshTest();
    void endpointsAndLabels();
    void legacyClusterEnv();
};

void TestLegacy::seedServiceEntry()
{
    Problems problems;
    const QList<Resource> entries = Generators::globalServiceEntries(seedPlan(), &problems);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.value(0).toString()));
    QCOMPARE(entries.size(), 1);
    QCOMPARE(entries.at(0).object, yamlObject(kSeedServiceEntry));
    QCOMPARE(entries.at(0).stage, Stage::Legacy);
    QCOMPARE(entries.at(0).channel, Resource::Channel::Kubectl);
    QCOMPARE(entries.at(0).origin, u"legacy.globalServices[0]"_qs);
    QVERIFY(!entries.at(0).keepOnCleanup);
}

void TestLegacy::apiVersionFollowsIstio()
{
    Plan plan = seedPlan();
    plan.mesh.istioVersion = u"1.29"_qs;
    QCOMPARE(Generators::globalServiceEntries(plan, nullptr).at(0).apiVersion(), u"networking.istio.io/v1"_qs);
    QCOMPARE(Generators::meshExpansion(plan, plan.legacy.meshExpansion.at(0)).at(0).apiVersion(),
             u"networking.istio.io/v1"_qs);
}

void TestLegacy::seedHosts()
{
    // The seed's `echo "127.255.0.3 httpbin.bar.global" | sudo tee -a /etc/hosts`.
    Problems problems;
    QCOMPARE(Generators::legacyHosts(seedPlan(), &problems), QByteArray("127.255.0.3 httpbin.bar.global\n"));
    QVERIFY(problems.isEmpty());
}

void TestLegacy::vipAllocation()
{
    Plan plan = seedPlan();
    plan.legacy.globalServices = {global(u"a"_qs), global(u"b"_qs, u"127.255.0.1"_qs), global(u"c"_qs),
                                  global(u"d"_qs, u"127.255.0.3"_qs), global(u"e"_qs)};
    Problems problems;
    const QList<Resource> entries = Generators::globalServiceEntries(plan, &problems);
    QVERIFY(problems.isEmpty());
    QStringList vips;
    for (const Resource& r : entries)
        vips += vipOf(r);
    // Explicit VIPs are kept; the others take the lowest free pool addresses in plan order,
    // never the pool's network address (127.255.0.0).
    QCOMPARE(vips, (QStringList{u"127.255.0.2"_qs, u"127.255.0.1"_qs, u"127.255.0.4"_qs, u"127.255.0.3"_qs,
                                u"127.255.0.5"_qs}));
    // Deterministic: the hosts file sees the same allocation.
    QCOMPARE(Generators::legacyHosts(plan, nullptr),
             QByteArray("127.255.0.2 a.bar.global\n127.255.0.1 b.bar.global\n127.255.0.4 c.bar.global\n"
                        "127.255.0.3 d.bar.global\n127.255.0.5 e.bar.global\n"));
}

void TestLegacy::poolExhaustion()
{
    Plan plan = seedPlan();
    plan.legacy.vipPool = u"10.0.0.0/30"_qs; // hosts .1 and .2
    plan.legacy.globalServices = {global(u"a"_qs), global(u"b"_qs, u"10.0.0.1"_qs), global(u"c"_qs),
                                  global(u"d"_qs)};
    Problems problems;
    const QList<Resource> entries = Generators::globalServiceEntries(plan, &problems);
    QCOMPARE(entries.size(), 4);
    QCOMPARE(vipOf(entries.at(0)), u"10.0.0.2"_qs);
    QCOMPARE(vipOf(entries.at(1)), u"10.0.0.1"_qs);
    QCOMPARE(problems.size(), 2);
    QCOMPARE(problems.at(0).severity, Problem::Severity::Error);
    QCOMPARE(problems.at(0).path, u"legacy.globalServices[2].vip"_qs);
    QCOMPARE(problems.at(1).path, u"legacy.globalServices[3].vip"_qs);
    QVERIFY(!entries.at(2).object.value(u"spec").toObject().contains(u"addresses"));
    // No line for a host without a VIP.
    QCOMPARE(Generators::legacyHosts(plan, nullptr), QByteArray("10.0.0.2 a.bar.global\n10.0.0.1 b.bar.global\n"));
}

void TestLegacy::invalidPoolAndDuplicates()
{
    Plan plan = seedPlan();
    plan.legacy.vipPool = u"127.255.0.0"_qs;
    plan.legacy.globalServices = {global(u"a"_qs)};
    Problems problems;
    Generators::globalServiceEntries(plan, &problems);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.at(0).path, u"legacy.vipPool"_qs);
    QVERIFY(problems.at(0).isError());

    // An invalid pool matters only when something needs it.
    plan.legacy.globalServices = {global(u"a"_qs, u"127.255.0.9"_qs), global(u"b"_qs, u"127.255.0.9"_qs)};
    problems.clear();
    Generators::globalServiceEntries(plan, &problems);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.at(0).path, u"legacy.globalServices[1].vip"_qs); // each *.global host needs its own VIP
}

void TestLegacy::missingGateway()
{
    Plan plan = seedPlan();
    plan.legacy.gatewayAddress.clear();
    Problems problems;
    const QList<Resource> entries = Generators::globalServiceEntries(plan, &problems);
    QCOMPARE(problems.size(), 1);
    QCOMPARE(problems.at(0).path, u"legacy.gatewayAddress"_qs);
    QVERIFY(!entries.at(0).object.value(u"spec").toObject().contains(u"endpoints"));
}

void TestLegacy::seedAddToMesh()
{
    const Plan plan = seedPlan();
    const QList<Resource> out = Generators::meshExpansion(plan, plan.legacy.meshExpansion.at(0));
    QCOMPARE(out.size(), 2);
    // remove-from-mesh's output names exactly these two: Service "vmhttp.vm" and
    // Service Entry "mesh-expansion-vmhttp".
    QCOMPARE(out.at(0).key(), u"ServiceEntry/vm/mesh-expansion-vmhttp"_qs);
    QCOMPARE(out.at(1).key(), u"Service/vm/vmhttp"_qs);
    for (const Resource& r : out) {
        QCOMPARE(r.stage, Stage::Legacy);
        QCOMPARE(r.origin, u"legacy.meshExpansion[0]"_qs);
        QVERIFY(!r.keepOnCleanup);
    }
    QCOMPARE(out.at(0).object, yamlObject(R"(
apiVersion: networking.istio.io/v1alpha3
kind: ServiceEntry
metadata:
  name: mesh-expansion-vmhttp
  namespace: vm
spec:
  hosts:
  - vmhttp.vm.svc.cluster.local
  location: MESH_INTERNAL
  resolution: STATIC
  ports:
  - name: http-8888
    number: 8888
    protocol: HTTP
  endpoints:
  - address: 10.128.0.7
)"));
    QCOMPARE(out.at(1).object, yamlObject(R"(
apiVersion: v1
kind: Service
metadata:
  name: vmhttp
  namespace: vm
  annotations:
    kubernetes.io/service-account.name: default
spec:
  ports:
  - name: http-8888
    port: 8888
)"));
}

void TestLegacy::istioctlAddToMeshTest()
{
    // add-to-mesh_test.go: `external-service vmtest 11.11.11.11 tcp:12345 tcp:12346` in banana,
    // plus an upper-case name: protocol.Parse ignores case, only the Service lowercases names.
    Plan plan = seedPlan();
    MeshExpansionService vmtest;
    vmtest.name = u"vmtest"_qs;
    vmtest.namespaceName = u"banana"_qs;
    vmtest.addresses = {u"11.11.11.11"_qs};
    vmtest.ports = {{u"tcp"_qs, 12345}, {u"tcp"_qs, 12346}, {u"HTTP"_qs, 80}};
    plan.legacy.meshExpansion += vmtest;
    const QList<Resource> out = Generators::meshExpansion(plan, vmtest);
    QCOMPARE(out.at(0).key(), u"ServiceEntry/banana/mesh-expansion-vmtest"_qs);
    QCOMPARE(out.at(0).origin, u"legacy.meshExpansion[1]"_qs);
    const QJsonArray sePorts = out.at(0).object.value(u"spec").toObject().value(u"ports").toArray();
    QCOMPARE(sePorts.size(), 3);
    QCOMPARE(sePorts.at(0).toObject().value(u"name").toString(), u"tcp-12345"_qs);
    QCOMPARE(sePorts.at(0).toObject().value(u"protocol").toString(), u"TCP"_qs);
    QCOMPARE(sePorts.at(2).toObject().value(u"name").toString(), u"HTTP-80"_qs);
    QCOMPARE(sePorts.at(2).toObject().value(u"protocol").toString(), u"HTTP"_qs);
    const QJsonArray svcPorts = out.at(1).object.value(u"spec").toObject().value(u"ports").toArray();
    QCOMPARE(svcPorts.at(2).toObject().value(u"name").toString(), u"http-80"_qs);
    QCOMPARE(svcPorts.at(1).toObject().value(u"port").toInt(), 12346);
    QVERIFY(!out.at(1).object.value(u"spec").toObject().contains(u"selector"));
}

void TestLegacy::endpointsAndLabels()
{
    Plan plan = seedPlan();
    Vm noIp;
    noIp.name = u"vm2"_qs;
    noIp.address = u"192.168.1.20"_qs; // no workload IP: the SSH address is the endpoint
    plan.vms += noIp;
    MeshExpansionService& svc = plan.legacy.meshExpansion[0];
    svc.vms = {u"vm1"_qs, u"vm2"_qs, u"ghost"_qs};
    svc.addresses = {u"10.128.0.7"_qs, u"10.128.0.9"_qs}; // the first duplicates vm1's IP
    svc.labels.insert(u"app"_qs, u"vmhttp"_qs);
    svc.serviceAccount = u"vm-sa"_qs;
    const QList<Resource> out = Generators::meshExpansion(plan, svc);
    const QJsonArray endpoints = out.at(0).object.value(u"spec").toObject().value(u"endpoints").toArray();
    QStringList addresses;
    for (const QJsonValue& e : endpoints) {
        addresses += e.toObject().value(u"address").toString();
        QCOMPARE(e.toObject().value(u"labels").toObject().value(u"app").toString(), u"vmhttp"_qs);
    }
    QCOMPARE(addresses, (QStringList{u"10.128.0.7"_qs, u"192.168.1.20"_qs, u"10.128.0.9"_qs}));
    const QJsonObject meta = out.at(1).object.value(u"metadata").toObject();
    QCOMPARE(meta.value(u"labels").toObject().value(u"app").toString(), u"vmhttp"_qs);
    QCOMPARE(meta.value(u"annotations").toObject().value(u"kubernetes.io/service-account.name").toString(),
             u"vm-sa"_qs);
}

void TestLegacy::legacyClusterEnv()
{
    Plan plan = seedPlan();
    // The seed's cluster.env after `echo "ISTIO_INBOUND_PORTS=8888" >> cluster.env`.
    QCOMPARE(Generators::legacyClusterEnv(plan, plan.vms.at(0)),
             QByteArray("ISTIO_CP_AUTH=MUTUAL_TLS\nISTIO_SERVICE_CIDR=172.21.0.0/16\nISTIO_INBOUND_PORTS=8888\n"));

    // A VM that only calls into the mesh skips that step.
    Vm caller;
    caller.name = u"caller"_qs;
    QCOMPARE(Generators::legacyClusterEnv(plan, caller),
             QByteArray("ISTIO_CP_AUTH=MUTUAL_TLS\nISTIO_SERVICE_CIDR=172.21.0.0/16\n"));

    // Ports of every service listing the VM, in plan order, each once (the reference's 3306,8080).
    MeshExpansionService db;
    db.name = u"mysqldb"_qs;
    db.namespaceName = u"vm"_qs;
    db.vms = {u"vm1"_qs};
    db.ports = {{u"mysql"_qs, 3306}, {u"http"_qs, 8888}};
    plan.legacy.meshExpansion += db;
    QCOMPARE(Generators::legacyClusterEnv(plan, plan.vms.at(0)),
             QByteArray("ISTIO_CP_AUTH=MUTUAL_TLS\nISTIO_SERVICE_CIDR=172.21.0.0/16\nISTIO_INBOUND_PORTS=8888,3306\n"));
}

QTEST_APPLESS_MAIN(TestLegacy)
#include "tst_legacy.moc"
