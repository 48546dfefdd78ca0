// SPDX-License-Identifier: Apache-2.0
// The expected texts below are istioctl's own outputs (istio/istio
// istioctl/pkg/workload/testdata/vmconfig/ipv4/*.golden at master 86c9f01) or follow
// line by line from workload.go's rules (reference §1.3), not snapshots of our output.
#include "generators.h"

#include <QJsonArray>
#include <QTest>

#include <yaml-cpp/yaml.h>

namespace {

QString fileText(const VmBundle& bundle, const QString& name)
{
    const VmFile* f = bundle.file(name);
    return f ? QString::fromUtf8(f->content) : u"<missing>"_qs;
}

// Lines of cluster.env as KEY -> raw (quoted) value.
QMap<QString, QString> envLines(const VmBundle& bundle)
{
    QMap<QString, QString> out;
    const QStringList lines = fileText(bundle, u"cluster.env"_qs).split(u'\n', Qt::SkipEmptyParts);
    for (const QString& line : lines) {
        const qsizetype eq = line.indexOf(u'=');
        out.insert(line.left(eq), line.mid(eq + 1));
    }
    return out;
}

YAML::Node meshYaml(const VmBundle& bundle)
{
    return YAML::Load(fileText(bundle, u"mesh.yaml"_qs).toStdString());
}

// istioctl's TestWorkloadEntryConfigure, ipv4 case: testdata/vmconfig/ipv4/workloadgroup.yaml
// (group foo/bar, SA vm-serviceaccount, annotation proxy.istio.io/config in spec.metadata,
// probe httpGet port 8080 and nothing else), run with --internalIP 10.10.10.10 --ingressIP
// 10.10.10.11 --clusterID Kubernetes --revision rev-1 against ConfigMap istio-rev-1 holding
// meshconfig.yaml, which sets neither trustDomain nor meshId.
Plan istioctlGoldenPlan()
{
    Plan plan;
    plan.mesh.revision = u"rev-1"_qs;
    plan.mesh.trustDomain = QString();
    VmGroup group;
    group.name = u"foo"_qs;
    group.namespaceName = u"bar"_qs;
    group.serviceAccount = u"vm-serviceaccount"_qs;
    group.annotations.insert(u"proxy.istio.io/config"_qs,
                             u"proxyMetadata:\n"
                             "  # this should override the value from the global meshconfig\n"
                             "  PROXY_CONFIG_ANNOT_VALUE: bar"_qs);
    Probe probe; // only httpGet.port is set in the golden's WorkloadGroup: proto3 zeros elsewhere
    probe.kind = Probe::Kind::HttpGet;
    probe.port = 8080;
    probe.path.clear();
    probe.scheme.clear();
    probe.timeoutSeconds = 0;
    probe.periodSeconds = 0;
    probe.successThreshold = 0;
    probe.failureThreshold = 0;
    group.probe = probe;
    group.autoRegister = false; // the test does not pass --autoregister
    group.captureDns = true;    // --capture-dns defaults to true
    plan.vmGroups = {group};
    Vm vm;
    vm.name = u"vm1"_qs;
    vm.group = u"foo"_qs;
    vm.ip = u"10.10.10.10"_qs;
    vm.ipKind = Vm::IpKind::Internal;
    plan.vms = {vm};
    return plan;
}

ClusterFacts istioctlGoldenFacts()
{
    ClusterFacts facts;
    facts.clusterId = u"Kubernetes"_qs;
    facts.gatewayAddress = u"10.10.10.11"_qs;
    facts.rootCert = "fake-CA-cert";
    QJsonObject metadata;
    metadata.insert(u"ISTIO_META_DNS_CAPTURE"_qs, u"false"_qs);  // overridden by the command
    metadata.insert(u"PROXY_CONFIG_ANNOT_VALUE"_qs, u"foo"_qs); // overridden by the annotation
    metadata.insert(u"CLUSTER_MESH_CONFIG_VALUE"_qs, u"foo"_qs);
    facts.meshDefaultConfig.insert(u"proxyMetadata"_qs, metadata);
    return facts;
}

const char* const kGoldenClusterEnv = R"(CANONICAL_REVISION='latest'
CANONICAL_SERVICE='foo'
CA_ADDR='istiod-rev-1.istio-system.svc:15012'
CLUSTER_MESH_CONFIG_VALUE='foo'
ISTIO_INBOUND_PORTS='*'
ISTIO_LOCAL_EXCLUDE_PORTS='22,15090,15021,15020'
ISTIO_METAJSON_LABELS='{"service.istio.io/canonical-name":"foo","service.istio.io/canonical-revision":"latest"}'
ISTIO_META_CLUSTER_ID='Kubernetes'
ISTIO_META_DNS_CAPTURE='true'
ISTIO_META_MESH_ID=''
ISTIO_META_NETWORK=''
ISTIO_META_WORKLOAD_NAME='foo'
ISTIO_NAMESPACE='bar'
ISTIO_SERVICE='foo.bar'
ISTIO_SERVICE_CIDR='*'
ISTIO_SVC_IP='10.10.10.10'
POD_NAMESPACE='bar'
PROXY_CONFIG_ANNOT_VALUE='bar'
SERVICE_ACCOUNT='vm-serviceaccount'
TRUST_DOMAIN=''
)";

const char* const kGoldenMeshYaml = R"(defaultConfig:
  discoveryAddress: istiod-rev-1.istio-system.svc:15012
  proxyMetadata:
    CANONICAL_REVISION: latest
    CANONICAL_SERVICE: foo
    CLUSTER_MESH_CONFIG_VALUE: foo
    ISTIO_META_CLUSTER_ID: Kubernetes
    ISTIO_META_DNS_CAPTURE: "true"
    ISTIO_META_MESH_ID: ""
    ISTIO_META_NETWORK: ""
    ISTIO_META_WORKLOAD_NAME: foo
    ISTIO_METAJSON_LABELS: '{"service.istio.io/canonical-name":"foo","service.istio.io/canonical-revision":"latest"}'
    POD_NAMESPACE: bar
    PROXY_CONFIG_ANNOT_VALUE: bar
    SERVICE_ACCOUNT: vm-serviceaccount
    TRUST_DOMAIN: ""
  readinessProbe:
    httpGet:
      port: 8080
)";

// Seed 2 (the book's chapter 10): istioctl install with meshID mesh1, clusterName cluster1,
// network network1; WorkloadGroup envoydummy in chapter10vm; `--clusterID cluster1 --autoregister`.
Plan chapter10Plan()
{
    Plan plan;
    plan.mesh.meshId = u"mesh1"_qs;
    plan.mesh.clusterName = u"cluster1"_qs;
    plan.mesh.network = u"network1"_qs;
    VmGroup group;
    group.name = u"envoydummy"_qs;
    group.namespaceName = u"chapter10vm"_qs;
    group.serviceAccount = u"chapter10-sa"_qs;
    group.labels.insert(u"app"_qs, u"envoydummy"_qs);
    Probe probe;
    probe.kind = Probe::Kind::HttpGet;
    probe.port = 10000;
    probe.path = u"/"_qs;
    probe.periodSeconds = 5;
    probe.initialDelaySeconds = 1;
    group.probe = probe;
    group.autoRegister = true;
    plan.vmGroups = {group};
    Vm vm;
    vm.name = u"vm"_qs;
    vm.group = u"envoydummy"_qs;
    vm.address = u"10.152.0.21"_qs;
    plan.vms = {vm};
    return plan;
}

} // namespace

class TestVmFiles final : public QObject
{
    Q_OBJECT

private slots:
    void shellQuote_data();
    void shellQuote();
    void istioctlGolden();
    void identityPathPrefixVariant();
    void chapter10();
    void workloadIp_data();
    void workloadIp();
    void revision();
    void captureDnsOff();
    void portsSortedByName();
    void vmLabelsAndJsonEscaping();
    void statusPort_data();
    void statusPort();
    void annotationMerge();
    void probeForms();
    void hosts_data();
    void hosts();
    void installPathsAndOptionalFiles();
    void unknownGroup();
};

void TestVmFiles::shellQuote_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("quoted");
    QTest::newRow("empty") << QString() << u"''"_qs;
    QTest::newRow("only w") << u"www"_qs << u"www"_qs; // 'w' is in the class, \w is not a word class
    QTest::newRow("all safe characters") << u"w\\@%+=:,./-"_qs << u"w\\@%+=:,./-"_qs;
    QTest::newRow("other letters") << u"bar"_qs << u"'bar'"_qs;
    QTest::newRow("digits") << u"15012"_qs << u"'15012'"_qs;
    QTest::newRow("star") << u"*"_qs << u"'*'"_qs;
    QTest::newRow("address") << u"istiod.istio-system.svc:15012"_qs << u"'istiod.istio-system.svc:15012'"_qs;
    QTest::newRow("space") << u"a b"_qs << u"'a b'"_qs;
    QTest::newRow("single quote") << u"it's"_qs << u"'it'\"'\"'s'"_qs;
    QTest::newRow("only a quote") << u"'"_qs << u"''\"'\"''"_qs;
    QTest::newRow("command substitution") << u"$(reboot)"_qs << u"'$(reboot)'"_qs;
    QTest::newRow("backticks") << u"`id`"_qs << u"'`id`'"_qs;
    QTest::newRow("unicode") << u"wü"_qs << u"'wü'"_qs;
    QTest::newRow("newline") << u"w\nw"_qs << u"'w\nw'"_qs;
    QTest::newRow("json") << u"{\"a\":\"b\"}"_qs << u"'{\"a\":\"b\"}'"_qs;
}

void TestVmFiles::shellQuote()
{
    QFETCH(QString, value);
    QFETCH(QString, quoted);
    QCOMPARE(Generators::istioShellQuote(value), quoted);
}

void TestVmFiles::istioctlGolden()
{
    const Plan plan = istioctlGoldenPlan();
    const VmBundle bundle = Generators::vmBundle(plan, plan.vms.at(0), istioctlGoldenFacts());
    QCOMPARE(bundle.vm, u"vm1"_qs);
    QCOMPARE(fileText(bundle, u"cluster.env"_qs), QString::fromUtf8(kGoldenClusterEnv));
    QCOMPARE(fileText(bundle, u"mesh.yaml"_qs), QString::fromUtf8(kGoldenMeshYaml));
    QCOMPARE(fileText(bundle, u"hosts"_qs), u"10.10.10.11 istiod-rev-1.istio-system.svc\n"_qs);
    QCOMPARE(bundle.file(u"root-cert.pem"_qs)->content, QByteArray("fake-CA-cert"));
}

// The golden at istio/istio 62a425dc ("added identity path prefix", a PR branch never merged:
// no release writes IDENTITY_PATH_PREFIX) adds IDENTITY_PATH_PREFIX=''. The same bytes come
// out when the cluster's mesh config carries that key, because proxyMetadata passes through.
void TestVmFiles::identityPathPrefixVariant()
{
    const Plan plan = istioctlGoldenPlan();
    ClusterFacts facts = istioctlGoldenFacts();
    QJsonObject metadata = facts.meshDefaultConfig.value(u"proxyMetadata").toObject();
    metadata.insert(u"IDENTITY_PATH_PREFIX"_qs, QString());
    facts.meshDefaultConfig.insert(u"proxyMetadata"_qs, metadata);
    const VmBundle bundle = Generators::vmBundle(plan, plan.vms.at(0), facts);

    QString env = QString::fromUtf8(kGoldenClusterEnv);
    env.replace(u"CLUSTER_MESH_CONFIG_VALUE='foo'\n"_qs,
                u"CLUSTER_MESH_CONFIG_VALUE='foo'\nIDENTITY_PATH_PREFIX=''\n"_qs);
    QString mesh = QString::fromUtf8(kGoldenMeshYaml);
    mesh.replace(u"CLUSTER_MESH_CONFIG_VALUE: foo\n"_qs,
                 u"CLUSTER_MESH_CONFIG_VALUE: foo\n    IDENTITY_PATH_PREFIX: \"\"\n"_qs);
    QCOMPARE(fileText(bundle, u"cluster.env"_qs), env);
    QCOMPARE(fileText(bundle, u"mesh.yaml"_qs), mesh);
}

void TestVmFiles::chapter10()
{
    const Plan plan = chapter10Plan();
    const VmBundle bundle = Generators::vmBundle(plan, plan.vms.at(0), ClusterFacts{});
    // No --internalIP in the book: the agent picks the address, so no ISTIO_SVC_IP and no CA_ADDR
    // (default revision). Labels: the group's app label plus the two canonical ones.
    const QString env = uR"(CANONICAL_REVISION='latest'
CANONICAL_SERVICE='envoydummy'
ISTIO_INBOUND_PORTS='*'
ISTIO_LOCAL_EXCLUDE_PORTS='22,15090,15021,15020'
ISTIO_METAJSON_LABELS='{"app":"envoydummy","service.istio.io/canonical-name":"envoydummy","service.istio.io/canonical-revision":"latest"}'
ISTIO_META_AUTO_REGISTER_GROUP='envoydummy'
ISTIO_META_CLUSTER_ID='cluster1'
ISTIO_META_DNS_CAPTURE='true'
ISTIO_META_MESH_ID='mesh1'
ISTIO_META_NETWORK='network1'
ISTIO_META_WORKLOAD_NAME='envoydummy'
ISTIO_NAMESPACE='chapter10vm'
ISTIO_SERVICE='envoydummy.chapter10vm'
ISTIO_SERVICE_CIDR='*'
POD_NAMESPACE='chapter10vm'
SERVICE_ACCOUNT='chapter10-sa'
TRUST_DOMAIN='cluster.local'
)"_qs;
    QCOMPARE(fileText(bundle, u"cluster.env"_qs), env);

    // The plan resolves the API defaults, so the probe carries its thresholds explicitly
    // (initialDelaySeconds 1, periodSeconds 5 from the book; the rest Istio's API defaults);
    // scheme HTTP is the API default, which the WorkloadGroup (and so jsonpb) leaves out.
    const QString mesh = uR"(defaultConfig:
  discoveryAddress: istiod.istio-system.svc:15012
  meshId: mesh1
  proxyMetadata:
    CANONICAL_REVISION: latest
    CANONICAL_SERVICE: envoydummy
    ISTIO_META_AUTO_REGISTER_GROUP: envoydummy
    ISTIO_META_CLUSTER_ID: cluster1
    ISTIO_META_DNS_CAPTURE: "true"
    ISTIO_META_MESH_ID: mesh1
    ISTIO_META_NETWORK: network1
    ISTIO_META_WORKLOAD_NAME: envoydummy
    ISTIO_METAJSON_LABELS: '{"app":"envoydummy","service.istio.io/canonical-name":"envoydummy","service.istio.io/canonical-revision":"latest"}'
    POD_NAMESPACE: chapter10vm
    SERVICE_ACCOUNT: chapter10-sa
    TRUST_DOMAIN: cluster.local
  readinessProbe:
    failureThreshold: 3
    httpGet:
      path: /
      port: 10000
    initialDelaySeconds: 1
    periodSeconds: 5
    successThreshold: 1
    timeoutSeconds: 1
)"_qs;
    QCOMPARE(fileText(bundle, u"mesh.yaml"_qs), mesh);
    // No gateway address in the plan and none discovered: istioctl writes an empty hosts file.
    QVERIFY(bundle.file(u"hosts"_qs));
    QCOMPARE(bundle.file(u"hosts"_qs)->content, QByteArray());
}

void TestVmFiles::workloadIp_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("ip");
    QTest::addColumn<QString>("svcIp");
    QTest::addColumn<bool>("rewrite");
    QTest::newRow("internal") << int(Vm::IpKind::Internal) << u"10.0.0.5"_qs << u"'10.0.0.5'"_qs << false;
    QTest::newRow("external") << int(Vm::IpKind::External) << u"34.1.2.3"_qs << u"'34.1.2.3'"_qs << true;
    QTest::newRow("ipv6 internal") << int(Vm::IpKind::Internal) << u"fd00:10:96::1"_qs << u"'fd00:10:96::1'"_qs
                                   << false;
    QTest::newRow("agent picks") << int(Vm::IpKind::None) << QString() << QString() << false;
}

void TestVmFiles::workloadIp()
{
    QFETCH(int, kind);
    QFETCH(QString, ip);
    QFETCH(QString, svcIp);
    QFETCH(bool, rewrite);
    Plan plan = chapter10Plan();
    plan.vms[0].ip = ip;
    plan.vms[0].ipKind = static_cast<Vm::IpKind>(kind);
    const VmBundle bundle = Generators::vmBundle(plan, plan.vms.at(0), ClusterFacts{});
    const auto env = envLines(bundle);
    QCOMPARE(env.value(u"ISTIO_SVC_IP"_qs), svcIp);
    QCOMPARE(env.contains(u"REWRITE_PROBE_LEGACY_LOCALHOST_DESTINATION"_qs), rewrite);
    if (rewrite)
        QCOMPARE(env.value(u"REWRITE_PROBE_LEGACY_LOCALHOST_DESTINATION"_qs), u"'true'"_qs);
    // Both are command-line overrides: cluster.env only, never mesh.yaml.
    const YAML::Node md = meshYaml(bundle)["defaultConfig"]["proxyMetadata"];
    QVERIFY(!md["ISTIO_SVC_IP"]);
    QVERIFY(!md["REWRITE_PROBE_LEGACY_LOCALHOST_DESTINATION"]);
}

void TestVmFiles::revision()
{
    Plan plan = chapter10Plan();
    plan.mesh.revision = u"1-29-0"_qs;
    plan.mesh.istioNamespace = u"istio-cp"_qs;
    VmBundle bundle = Generators::vmBundle(plan, plan.vms.at(0), ClusterFacts{});
    QCOMPARE(envLines(bundle).value(u"CA_ADDR"_qs), u"'istiod-1-29-0.istio-cp.svc:15012'"_qs);
    QCOMPARE(QString::fromStdString(meshYaml(bundle)["defaultConfig"]["discoveryAddress"].as<std::string>()),
             u"istiod-1-29-0.istio-cp.svc:15012"_qs);

    // "default" is the default revision (isRevisioned): no CA_ADDR, plain istiod.
    plan.mesh.revision = u"default"_qs;
    bundle = Generators::vmBundle(plan, plan.vms.at(0), ClusterFacts{});
    QVERIFY(!envLines(bundle).contains(u"CA_ADDR"_qs));
    QCOMPARE(QString::fromStdString(meshYaml(bundle)["defaultConfig"]["discoveryAddress"].as<std::string>()),
             u"istiod.istio-cp.svc:15012"_qs);

    // A discoveryAddress the cluster's mesh config already has is kept, even when revisioned.
    plan.mesh.revision = u"canary"_qs;
    ClusterFacts facts;
    facts.meshDefaultConfig.insert(u"discoveryAddress"_qs, u"istiod-canary.istio-cp.svc:15012"_qs);
    facts.meshDefaultConfig.insert(u"meshId"_qs, u"from-cluster"_qs);
    bundle = Generators::vmBundle(plan, plan.vms.at(0), facts);
    QCOMPARE(QString::fromStdString(meshYaml(bundle)["defaultConfig"]["discoveryAddress"].as<std::string>()),
             u"istiod-canary.istio-cp.svc:15012"_qs);
    // ISTIO_META_MESH_ID follows defaultConfig.meshId, the cluster's value.
    QCOMPARE(envLines(bundle).value(u"ISTIO_META_MESH_ID"_qs), u"'from-cluster'"_qs);
}

void TestVmFiles::captureDnsOff()
{
    Plan plan = chapter10Plan();
    plan.vmGroups[0].captureDns = false;
    VmBundle bundle = Generators::vmBundle(plan, plan.vms.at(0), ClusterFacts{});
    QVERIFY(!envLines(bundle).contains(u"ISTIO_META_DNS_CAPTURE"_qs));
    QVERIFY(!meshYaml(bundle)["defaultConfig"]["proxyMetadata"]["ISTIO_META_DNS_CAPTURE"]);

    // --capture-dns=false does not touch a value the mesh config sets itself.
    Plan golden = istioctlGoldenPlan();
    golden.vmGroups[0].captureDns = false;
    bundle = Generators::vmBundle(golden, golden.vms.at(0), istioctlGoldenFacts());
    QCOMPARE(envLines(bundle).value(u"ISTIO_META_DNS_CAPTURE"_qs), u"'false'"_qs);
}

void TestVmFiles::portsSortedByName()
{
    Plan plan = chapter10Plan();
    // istioctl's own `group create -p grpc=3550,http=8080` ports, given out of order, plus one
    // whose name sorts first although its number is larger.
    plan.vmGroups[0].ports = {{u"http"_qs, 8080}, {u"grpc"_qs, 3550}, {u"admin"_qs, 9901}};
    const VmBundle bundle = Generators::vmBundle(plan, plan.vms.at(0), ClusterFacts{});
    const auto env = envLines(bundle);
    QCOMPARE(env.value(u"ISTIO_INBOUND_PORTS"_qs), u"'9901,3550,8080'"_qs);
    // model.PodPort has `json:"protocol"` without omitempty (istioctl's TestWorkloadEntryToPodPortsMeta).
    const QString podPorts = uR"([{"name":"admin","containerPort":9901,"protocol":""},)"
                             uR"({"name":"grpc","containerPort":3550,"protocol":""},)"
                             uR"({"name":"http","containerPort":8080,"protocol":""}])"_qs;
    QCOMPARE(env.value(u"ISTIO_META_POD_PORTS"_qs), u'\'' + podPorts + u'\'');
    QCOMPARE(QString::fromStdString(
                 meshYaml(bundle)["defaultConfig"]["proxyMetadata"]["ISTIO_META_POD_PORTS"].as<std::string>()),
             podPorts);
    // No ports: no ISTIO_META_POD_PORTS at all.
    QVERIFY(!envLines(Generators::vmBundle(chapter10Plan(), chapter10Plan().vms.at(0), ClusterFacts{}))
                 .contains(u"ISTIO_META_POD_PORTS"_qs));
}

void TestVmFiles::vmLabelsAndJsonEscaping()
{
    Plan plan = chapter10Plan();
    plan.vmGroups[0].labels.insert(u"version"_qs, u"v1"_qs);
    plan.vmGroups[0].labels.insert(u"team"_qs, u"a<b>&c"_qs);
    plan.vms[0].labels.insert(u"version"_qs, u"v2"_qs); // the VM's own label wins
    plan.vms[0].labels.insert(u"zone"_qs, u"x\"y"_qs);
    const VmBundle bundle = Generators::vmBundle(plan, plan.vms.at(0), ClusterFacts{});
    const auto env = envLines(bundle);
    QCOMPARE(env.value(u"CANONICAL_REVISION"_qs), u"'v2'"_qs);
    // json.Marshal: keys in byte order, HTML characters as \u escapes.
    QCOMPARE(env.value(u"ISTIO_METAJSON_LABELS"_qs),
             uR"('{"app":"envoydummy","service.istio.io/canonical-name":"envoydummy",)"
             uR"("service.istio.io/canonical-revision":"v2","team":"a\u003cb\u003e\u0026c",)"
             uR"("version":"v2","zone":"x\"y"}')"_qs);
}

void TestVmFiles::statusPort_data()
{
    QTest::addColumn<int>("statusPort");
    QTest::addColumn<QString>("exclude");
    QTest::newRow("unset") << 0 << u"'22,15090,15021,15020'"_qs;
    QTest::newRow("custom") << 15999 << u"'22,15090,15021,15999'"_qs;
    QTest::newRow("15021") << 15021 << u"'22,15090,15021'"_qs;
    QTest::newRow("15090") << 15090 << u"'22,15090,15021'"_qs;
}

void TestVmFiles::statusPort()
{
    QFETCH(int, statusPort);
    QFETCH(QString, exclude);
    const Plan plan = chapter10Plan();
    ClusterFacts facts;
    facts.meshDefaultConfig.insert(u"discoveryAddress"_qs, u"istiod.istio-system.svc:15012"_qs);
    if (statusPort != 0)
        facts.meshDefaultConfig.insert(u"statusPort"_qs, statusPort);
    const VmBundle bundle = Generators::vmBundle(plan, plan.vms.at(0), facts);
    QCOMPARE(envLines(bundle).value(u"ISTIO_LOCAL_EXCLUDE_PORTS"_qs), exclude);
}

void TestVmFiles::annotationMerge()
{
    Plan plan = chapter10Plan();
    plan.vmGroups[0].annotations.insert(u"proxy.istio.io/config"_qs,
                                        u"concurrency: 2\n"
                                        "holdApplicationUntilProxyStarts: true\n"
                                        "proxyMetadata:\n"
                                        "  FROM_ANNOTATION: \"yes\"\n"
                                        "  SHARED: annotation\n"_qs);
    ClusterFacts facts;
    facts.meshDefaultConfig.insert(u"discoveryAddress"_qs, u"istiod.istio-system.svc:15012"_qs);
    facts.meshDefaultConfig.insert(u"concurrency"_qs, 4);
    QJsonObject md;
    md.insert(u"FROM_MESH"_qs, u"mesh"_qs);
    md.insert(u"SHARED"_qs, u"mesh"_qs);
    facts.meshDefaultConfig.insert(u"proxyMetadata"_qs, md);
    const VmBundle bundle = Generators::vmBundle(plan, plan.vms.at(0), facts);

    const YAML::Node config = meshYaml(bundle)["defaultConfig"];
    QCOMPARE(config["concurrency"].as<int>(), 2);
    QCOMPARE(config["holdApplicationUntilProxyStarts"].as<bool>(), true);
    QCOMPARE(config["discoveryAddress"].as<std::string>(), std::string("istiod.istio-system.svc:15012"));
    const auto env = envLines(bundle);
    QCOMPARE(env.value(u"FROM_MESH"_qs), u"'mesh'"_qs);
    QCOMPARE(env.value(u"FROM_ANNOTATION"_qs), u"'yes'"_qs);
    QCOMPARE(env.value(u"SHARED"_qs), u"'annotation'"_qs);
}

void TestVmFiles::probeForms()
{
    Plan plan = chapter10Plan();
    Probe probe; // API defaults: timeout 1, period 10, success 1, failure 3
    probe.kind = Probe::Kind::TcpSocket;
    probe.port = 3306;
    plan.vmGroups[0].probe = probe;
    const auto readinessProbe = [&plan]() {
        return meshYaml(Generators::vmBundle(plan, plan.vms.at(0), ClusterFacts{}))["defaultConfig"]["readinessProbe"];
    };
    YAML::Node rp = readinessProbe();
    QCOMPARE(rp["tcpSocket"]["port"].as<int>(), 3306);
    QCOMPARE(rp["failureThreshold"].as<int>(), 3);
    QCOMPARE(rp["periodSeconds"].as<int>(), 10);
    QVERIFY(!rp["initialDelaySeconds"]); // proto3 zero: jsonpb leaves it out

    probe.kind = Probe::Kind::HttpGet;
    probe.port = 8443;
    probe.scheme = u"HTTPS"_qs;
    probe.httpHeaders = {{u"Host"_qs, u"vm.example"_qs}};
    plan.vmGroups[0].probe = probe;
    rp = readinessProbe();
    QCOMPARE(rp["httpGet"]["scheme"].as<std::string>(), std::string("HTTPS"));
    QCOMPARE(rp["httpGet"]["httpHeaders"][0]["value"].as<std::string>(), std::string("vm.example"));

    probe.kind = Probe::Kind::Exec;
    probe.command = {u"/bin/check"_qs, u"--ready"_qs};
    plan.vmGroups[0].probe = probe;
    rp = readinessProbe();
    QCOMPARE(rp["exec"]["command"][1].as<std::string>(), std::string("--ready"));

    probe.kind = Probe::Kind::Grpc;
    probe.port = 9090;
    plan.vmGroups[0].probe = probe;
    rp = readinessProbe();
    QCOMPARE(rp["grpc"]["port"].as<int>(), 9090);

    // No probe: readinessProbe is absent even when the cluster's mesh config has one.
    plan.vmGroups[0].probe.reset();
    ClusterFacts facts;
    facts.meshDefaultConfig.insert(u"readinessProbe"_qs, QJsonObject{{u"tcpSocket"_qs, QJsonObject{{u"port"_qs, 1}}}});
    QVERIFY(!meshYaml(Generators::vmBundle(plan, plan.vms.at(0), facts))["defaultConfig"]["readinessProbe"]);
}

void TestVmFiles::hosts_data()
{
    QTest::addColumn<QString>("planAddress");
    QTest::addColumn<QString>("factAddress");
    QTest::addColumn<QString>("revision");
    QTest::addColumn<QString>("hosts");
    QTest::newRow("plan address") << u"35.232.112.158"_qs << QString() << QString()
                                  << u"35.232.112.158 istiod.istio-system.svc\n"_qs;
    // istioctl's --ingressIP wins over the address of --ingressService: the plan's over the Service's.
    QTest::newRow("plan address wins") << u"35.232.112.158"_qs << u"10.10.10.11"_qs << QString()
                                       << u"35.232.112.158 istiod.istio-system.svc\n"_qs;
    QTest::newRow("discovered") << QString() << u"10.10.10.11"_qs << QString() << u"10.10.10.11 istiod.istio-system.svc\n"_qs;
    QTest::newRow("revision") << u"10.10.10.11"_qs << QString() << u"rev-1"_qs
                              << u"10.10.10.11 istiod-rev-1.istio-system.svc\n"_qs;
    QTest::newRow("ipv6") << QString() << u"fd00:10:96::2"_qs << u"rev-1"_qs
                          << u"fd00:10:96::2 istiod-rev-1.istio-system.svc\n"_qs;
    QTest::newRow("unknown") << QString() << QString() << QString() << QString();
    // LB host names (AWS) are not supported by istioctl: empty file.
    QTest::newRow("hostname") << u"a1b2.elb.amazonaws.com"_qs << QString() << QString() << QString();
}

void TestVmFiles::hosts()
{
    QFETCH(QString, planAddress);
    QFETCH(QString, factAddress);
    QFETCH(QString, revision);
    QFETCH(QString, hosts);
    Plan plan = chapter10Plan();
    plan.eastWestGateway.address = planAddress;
    plan.mesh.revision = revision;
    ClusterFacts facts;
    facts.gatewayAddress = factAddress;
    const VmBundle bundle = Generators::vmBundle(plan, plan.vms.at(0), facts);
    QVERIFY(bundle.file(u"hosts"_qs));
    QCOMPARE(fileText(bundle, u"hosts"_qs), hosts);
}

void TestVmFiles::installPathsAndOptionalFiles()
{
    const Plan plan = chapter10Plan();
    VmBundle bundle = Generators::vmBundle(plan, plan.vms.at(0), ClusterFacts{});
    QCOMPARE(bundle.files.size(), 3);
    QVERIFY(!bundle.file(u"root-cert.pem"_qs));
    QVERIFY(!bundle.file(u"istio-token"_qs));

    ClusterFacts facts;
    facts.rootCert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"; // no newline added
    facts.token = "eyJhbGciOiJSUzI1NiJ9.e30.c2ln";
    bundle = Generators::vmBundle(plan, plan.vms.at(0), facts);
    QCOMPARE(bundle.files.size(), 5);
    QCOMPARE(bundle.file(u"root-cert.pem"_qs)->content, facts.rootCert);
    QCOMPARE(bundle.file(u"istio-token"_qs)->content, facts.token);
    QCOMPARE(bundle.file(u"cluster.env"_qs)->installPath, u"/var/lib/istio/envoy/cluster.env"_qs);
    QCOMPARE(bundle.file(u"mesh.yaml"_qs)->installPath, u"/etc/istio/config/mesh"_qs);
    QCOMPARE(bundle.file(u"root-cert.pem"_qs)->installPath, u"/etc/certs/root-cert.pem"_qs);
    QCOMPARE(bundle.file(u"istio-token"_qs)->installPath, u"/var/run/secrets/tokens/istio-token"_qs);
    QCOMPARE(bundle.file(u"hosts"_qs)->installPath, u"/etc/hosts"_qs);
}

void TestVmFiles::unknownGroup()
{
    Plan plan = chapter10Plan();
    plan.vms[0].group = u"nope"_qs;
    const VmBundle bundle = Generators::vmBundle(plan, plan.vms.at(0), ClusterFacts{});
    QCOMPARE(bundle.vm, u"vm"_qs);
    QVERIFY(bundle.files.isEmpty());
}

QTEST_APPLESS_MAIN(TestVmFiles)
#include "tst_vmfiles.moc"
