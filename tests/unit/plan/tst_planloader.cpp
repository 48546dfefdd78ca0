// SPDX-License-Identifier: Apache-2.0
// The plan loader: every malformed plan gets a precise, located, actionable problem, all of them
// at once; good plans load into the values the file says.
#include "planloader.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "testsupport.h"

using TestSupport::describe;

namespace {

// A valid plan that the malformed cases below break one thing at a time. Line numbers in the
// cases refer to this text after the edit, so keep its shape stable.
const char* const basePlan = R"(apiVersion: meshdeck.io/v1alpha1
kind: OnboardingPlan
metadata:
  name: demo
mesh:
  istioVersion: "1.29.2"
  meshID: mesh1
  clusterName: cluster1
  network: network1
vmGroups:
- name: envoydummy
  namespace: chapter10vm
  serviceAccount: chapter10-sa
  labels:
    app: envoydummy
  probe:
    periodSeconds: 5
    httpGet:
      port: 10000
      path: /
  service:
    ports:
    - name: tcp
      port: 80
      targetPort: 10000
vms:
- name: vm1
  group: envoydummy
  address: 198.18.0.10
- name: vm2
  group: envoydummy
  address: 198.18.0.11
trafficSplits:
- name: envoydummy
  namespace: chapter10
  hosts: [envoydummy.chapter10.svc.cluster.local]
  destinations:
  - host: envoydummy.chapter10.svc.cluster.local
    weight: 50
  - host: envoydummy.chapter10vm.svc.cluster.local
    weight: 50
)";

QByteArray edited(const QString& from, const QString& to)
{
    QString text = QString::fromUtf8(basePlan);
    if (!from.isEmpty()) {
        Q_ASSERT_X(text.contains(from), "edited", "the base plan changed shape");
        text.replace(from, to);
    }
    return text.toUtf8();
}

} // namespace

class TestPlanLoader final : public QObject
{
    Q_OBJECT

private slots:
    void validPlanLoads()
    {
        const PlanLoadResult r = loadPlanText(edited({}, {}), u"plan.yaml"_qs);
        QVERIFY2(r.ok(), qPrintable(describe(r.problems)));
        QVERIFY(r.problems.isEmpty());
        const Plan& plan = *r.plan;
        QCOMPARE(plan.name, u"demo"_qs);
        QCOMPARE(plan.mesh.istioVersion, u"1.29.2"_qs);
        QCOMPARE(plan.mesh.meshId, u"mesh1"_qs);
        QCOMPARE(plan.mesh.istioNamespace, u"istio-system"_qs); // default
        QCOMPARE(plan.vmGroups.size(), 1);
        const VmGroup& g = plan.vmGroups.front();
        QCOMPARE(g.serviceAccount, u"chapter10-sa"_qs);
        QCOMPARE(g.labels.value(u"app"_qs), u"envoydummy"_qs);
        QVERIFY(g.probe.has_value());
        QCOMPARE(g.probe->kind, Probe::Kind::HttpGet);
        QCOMPARE(g.probe->port, 10000);
        QCOMPARE(g.probe->periodSeconds, 5);
        QCOMPARE(g.probe->failureThreshold, 3);
        QCOMPARE(g.service.ports.front().targetPort, 10000);
        QCOMPARE(plan.vms.size(), 2);
        QCOMPARE(plan.trafficSplits.front().destinations.at(1).weight, 50);
        // Locations are 1-based and point at the key.
        QCOMPARE(r.locate(u"vmGroups[0].probe.httpGet.port"_qs).line, 19);
        QCOMPARE(r.locate(u"vmGroups[0].probe.httpGet.port"_qs).column, 7);
        // An unwritten field resolves to its nearest written ancestor.
        QCOMPARE(r.locate(u"vmGroups[0].probe.timeoutSeconds"_qs).line, 16);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<int>("line");
        QTest::addColumn<int>("column");
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("message"); // a fragment of the message
        QTest::addColumn<QString>("hint");    // a fragment of the hint ("" = any)

        QTest::newRow("yaml syntax") << edited(u"  meshID: mesh1\n"_qs, u"  meshID: [mesh1\n"_qs) << 8 << 0
                                     << QString() << u"YAML syntax error"_qs << u"indentation"_qs;
        // fuzz/plan: yaml-cpp 0.7's LoadAll never returned on a ',' outside [...] or {...}.
        QTest::newRow("stray comma") << QByteArray(",\n") << 1 << 1 << QString() << u"unexpected ','"_qs << u"indentation"_qs;
        QTest::newRow("stray comma after a document") << QByteArray("- a\n,\n- b\n") << 2 << 1 << QString()
                                                      << u"belongs inside [...]"_qs << u"indentation"_qs;
        QTest::newRow("empty file") << QByteArray("\n# nothing\n") << 1 << 1 << QString() << u"empty"_qs << u"examples/"_qs;
        QTest::newRow("two documents") << edited({}, {}).append("---\nkind: Other\n") << 43 << 1 << QString()
                                       << u"2 YAML documents"_qs << u"one document"_qs;
        QTest::newRow("unknown top-level key") << edited(u"vms:\n"_qs, u"vm:\n"_qs) << 26 << 1 << u"vm"_qs
                                               << u"unknown key \"vm\""_qs << u"did you mean \"vms\"?"_qs;
        QTest::newRow("unknown nested key") << edited(u"    periodSeconds: 5"_qs, u"    periodSecond: 5"_qs) << 17 << 5
                                            << u"vmGroups[0].probe.periodSecond"_qs << u"unknown key"_qs << u"periodSeconds"_qs;
        QTest::newRow("quoted port") << edited(u"      port: 10000"_qs, u"      port: \"10000\""_qs) << 19 << 13
                                     << u"vmGroups[0].probe.httpGet.port"_qs << u"expected a whole number"_qs << u"remove the quotes"_qs;
        QTest::newRow("port not a number") << edited(u"      port: 80\n"_qs, u"      port: http\n"_qs) << 24 << 13
                                           << u"vmGroups[0].service.ports[0].port"_qs << u"expected a whole number"_qs << QString();
        QTest::newRow("labels as a list") << edited(u"  labels:\n    app: envoydummy"_qs, u"  labels:\n  - app"_qs) << 15 << 3
                                          << u"vmGroups[0].labels"_qs << u"expected a mapping"_qs << QString();
        QTest::newRow("boolean as string") << edited(u"  serviceAccount: chapter10-sa\n"_qs, u"  serviceAccount: chapter10-sa\n  autoRegister: \"yes\"\n"_qs)
                                           << 14 << 17 << u"vmGroups[0].autoRegister"_qs << u"expected true or false"_qs << QString();
        QTest::newRow("version read as number") << edited(u"\"1.29.2\""_qs, u"1.29"_qs) << 6 << 17 << u"mesh.istioVersion"_qs
                                                << u"read as a number"_qs << u"quote it"_qs;
        QTest::newRow("not an istio version") << edited(u"\"1.29.2\""_qs, u"\"latest\""_qs) << 6 << 3 << u"mesh.istioVersion"_qs
                                              << u"not an Istio version"_qs << u"1.29"_qs;
        QTest::newRow("namespace not DNS-1123") << edited(u"namespace: chapter10vm"_qs, u"namespace: Chapter10_VM"_qs) << 12 << 3
                                                << u"vmGroups[0].namespace"_qs << u"DNS-1123 label"_qs << QString();
        QTest::newRow("VM name not DNS-1123") << edited(u"- name: vm2"_qs, u"- name: vm.2"_qs) << 30 << 3 << u"vms[1].name"_qs
                                              << u"DNS-1123 label"_qs << u"VM names"_qs;
        QTest::newRow("bad label key") << edited(u"    app: envoydummy"_qs, u"    -app: envoydummy"_qs) << 15 << 5
                                       << u"vmGroups[0].labels.-app"_qs << u"not a valid key"_qs << u"prefix"_qs;
        QTest::newRow("bad label value") << edited(u"    app: envoydummy"_qs, u"    app: envoy dummy"_qs) << 15 << 10
                                         << u"vmGroups[0].labels.app"_qs << u"label value \"envoy dummy\""_qs << u"63"_qs;
        QTest::newRow("port above 65535") << edited(u"      port: 80\n"_qs, u"      port: 70000\n"_qs) << 24 << 7
                                          << u"vmGroups[0].service.ports[0].port"_qs << u"outside 1–65535"_qs << QString();
        QTest::newRow("probe port 0") << edited(u"      port: 10000\n      path"_qs, u"      port: 0\n      path"_qs) << 19 << 7
                                      << u"vmGroups[0].probe.httpGet.port"_qs << u"outside 1–65535"_qs << QString();
        QTest::newRow("weights not 100") << edited(u"    weight: 50\n  - host: envoydummy.chapter10vm"_qs, u"    weight: 40\n  - host: envoydummy.chapter10vm"_qs)
                                         << 37 << 3 << u"trafficSplits[0].destinations"_qs << u"add up to 90, not 100"_qs << u"total 100"_qs;
        QTest::newRow("weight above 100") << edited(u"    weight: 50\n  - host: envoydummy.chapter10vm"_qs, u"    weight: 150\n  - host: envoydummy.chapter10vm"_qs)
                                          << 39 << 5 << u"trafficSplits[0].destinations[0].weight"_qs << u"outside 0–100"_qs << QString();
        QTest::newRow("duplicate VM name") << edited(u"- name: vm2"_qs, u"- name: vm1"_qs) << 30 << 3 << u"vms[1].name"_qs
                                           << u"duplicate VM name \"vm1\" (also vms[0])"_qs << u"unique"_qs;
        QTest::newRow("duplicate VM address") << edited(u"address: 198.18.0.11"_qs, u"address: 198.18.0.10"_qs) << 32 << 3
                                              << u"vms[1].address"_qs << u"already used by vms[0].address"_qs << u"cloned"_qs;
        QTest::newRow("probe without handler") << edited(u"    httpGet:\n      port: 10000\n      path: /\n"_qs, QString()) << 17 << 5
                                               << u"vmGroups[0].probe"_qs << u"no handler"_qs << u"exactly one of httpGet"_qs;
        QTest::newRow("probe with two handlers") << edited(u"    httpGet:"_qs, u"    tcpSocket: {port: 10000}\n    httpGet:"_qs) << 18 << 5
                                                 << u"vmGroups[0].probe"_qs << u"2 handlers (httpGet, tcpSocket)"_qs << u"exactly one"_qs;
        QTest::newRow("unknown group") << edited(u"  group: envoydummy\n  address: 198.18.0.11"_qs, u"  group: envoy\n  address: 198.18.0.11"_qs)
                                       << 31 << 3 << u"vms[1].group"_qs << u"no VM group named \"envoy\""_qs << u"vmGroups"_qs;
        QTest::newRow("wrong apiVersion") << edited(u"meshdeck.io/v1alpha1"_qs, u"meshdeck.io/v2"_qs) << 1 << 13 << u"apiVersion"_qs
                                          << u"unsupported apiVersion"_qs << u"meshdeck.io/v1alpha1"_qs;
        QTest::newRow("duplicate key") << edited(u"  meshID: mesh1\n"_qs, u"  meshID: mesh1\n  meshID: mesh2\n"_qs) << 8 << 3
                                       << u"mesh.meshID"_qs << u"duplicate key"_qs << QString();
        QTest::newRow("ssh user with metacharacters") << edited(u"  address: 198.18.0.11\n"_qs, u"  address: 198.18.0.11\n  ssh: {user: \"root;reboot\"}\n"_qs)
                                                      << 33 << 9 << u"vms[1].ssh.user"_qs << u"not a valid user name"_qs << QString();
        QTest::newRow("token too short") << edited(u"  serviceAccount: chapter10-sa\n"_qs, u"  serviceAccount: chapter10-sa\n  tokenDuration: 1m\n"_qs)
                                         << 14 << 3 << u"vmGroups[0].tokenDuration"_qs << u"60 seconds"_qs << u"600"_qs;
        QTest::newRow("bad duration") << edited(u"  serviceAccount: chapter10-sa\n"_qs, u"  serviceAccount: chapter10-sa\n  tokenDuration: forever\n"_qs)
                                      << 14 << 18 << u"vmGroups[0].tokenDuration"_qs << u"expected a duration"_qs << u"1h30m"_qs;
        QTest::newRow("service name not DNS-1035") << edited(u"  service:\n"_qs, u"  service:\n    name: 9lives\n"_qs) << 22 << 5
                                                   << u"vmGroups[0].service.name"_qs << u"DNS-1035"_qs << QString();
        QTest::newRow("no mesh section") << edited(u"mesh:\n  istioVersion: \"1.29.2\"\n  meshID: mesh1\n  clusterName: cluster1\n  network: network1\n"_qs, QString())
                                         << 1 << 1 << u"mesh"_qs << u"no mesh section"_qs << u"istioVersion"_qs;
        QTest::newRow("probe path relative") << edited(u"      path: /"_qs, u"      path: healthz"_qs) << 20 << 7
                                             << u"vmGroups[0].probe.httpGet.path"_qs << u"does not start with '/'"_qs << QString();
        QTest::newRow("vm ip invalid") << edited(u"  address: 198.18.0.11\n"_qs, u"  address: 198.18.0.11\n  ip: 198.18.0.300\n"_qs) << 33 << 3
                                       << u"vms[1].ip"_qs << u"not an IP address"_qs << QString();
        QTest::newRow("jump host injection") << edited(u"  address: 198.18.0.11\n"_qs, u"  address: 198.18.0.11\n  ssh: {jumpHost: \"-oProxyCommand=sh\"}\n"_qs)
                                             << 33 << 9 << u"vms[1].ssh.jumpHost"_qs << u"not a VM of this plan"_qs << QString();
        QTest::newRow("subset labels without subset") << edited(u"    weight: 50\n)"_qs.chopped(2) + u"\n  - host: envoydummy.chapter10vm.svc.cluster.local\n"_qs,
                                                              u"    weight: 50\n  - host: envoydummy.chapter10vm.svc.cluster.local\n    subsetLabels: {version: vm}\n"_qs)
                                                      << 41 << 5 << u"trafficSplits[0].destinations[1].subsetLabels"_qs << u"need a subset name"_qs << QString();
        QTest::newRow("service without labels") << edited(u"  labels:\n    app: envoydummy\n"_qs, QString()) << 11 << 3
                                                << u"vmGroups[0].labels"_qs << u"select nothing"_qs << u"app: envoydummy"_qs;
        QTest::newRow("revision default") << edited(u"  istioVersion: \"1.29.2\"\n"_qs, u"  istioVersion: \"1.29.2\"\n  revision: default\n"_qs)
                                          << 7 << 3 << u"mesh.revision"_qs << u"names the default revision"_qs << u"leave revision out"_qs;
        QTest::newRow("network not a label value") << edited(u"  network: network1"_qs, u"  network: network 1"_qs) << 9 << 3
                                                   << u"mesh.network"_qs << u"label value \"network 1\""_qs << QString();
        QTest::newRow("duplicate group port name") << edited(u"  serviceAccount: chapter10-sa\n"_qs,
                                                             u"  serviceAccount: chapter10-sa\n  ports:\n  - {name: http, port: 80}\n  - {name: http, port: 81}\n"_qs)
                                                   << 14 << 3 << u"vmGroups[0].ports.http"_qs << u"\"http\" is used twice"_qs << QString();
        QTest::newRow("jump host loop") << edited(u"  address: 198.18.0.10\n"_qs, u"  address: 198.18.0.10\n  ssh: {jumpHost: vm2}\n"_qs)
                                               .replace("  address: 198.18.0.11\n", "  address: 198.18.0.11\n  ssh: {jumpHost: vm1}\n")
                                        << 30 << 9 << u"vms[0].ssh.jumpHost"_qs << u"loop: vm1 → vm2 → vm1"_qs << QString();
        QTest::newRow("ipv6 jump host port") << edited(u"  address: 198.18.0.11\n"_qs, u"  address: 198.18.0.11\n  ssh: {jumpHost: \"[fd00::1]:x\"}\n"_qs)
                                             << 33 << 9 << u"vms[1].ssh.jumpHost"_qs << u"no valid port"_qs << QString();
        QTest::newRow("proxy config annotation") << edited(u"  serviceAccount: chapter10-sa\n"_qs,
                                                           u"  serviceAccount: chapter10-sa\n  annotations:\n    proxy.istio.io/config: \"[unclosed\"\n"_qs)
                                                 << 15 << 5 << u"vmGroups[0].annotations.proxy.istio.io/config"_qs << u"not a YAML mapping"_qs << QString();
        // The annotation's proxyMetadata must not undo the group's autoRegister: false or captureDNS: false.
        QTest::newRow("proxy metadata registers the group")
            << edited(u"  serviceAccount: chapter10-sa\n"_qs,
                      u"  serviceAccount: chapter10-sa\n  autoRegister: false\n  annotations:\n    proxy.istio.io/config: |\n"
                      "      proxyMetadata:\n        ISTIO_META_AUTO_REGISTER_GROUP: envoydummy\n"_qs)
            << 16 << 5 << u"vmGroups[0].annotations.proxy.istio.io/config"_qs
            << u"proxyMetadata.ISTIO_META_AUTO_REGISTER_GROUP turns auto-registration back on"_qs << u"autoRegister: true"_qs;
        QTest::newRow("proxy metadata captures DNS")
            << edited(u"  serviceAccount: chapter10-sa\n"_qs,
                      u"  serviceAccount: chapter10-sa\n  captureDNS: false\n  annotations:\n    proxy.istio.io/config: |\n"
                      "      proxyMetadata:\n        ISTIO_META_DNS_CAPTURE: \"true\"\n"_qs)
            << 16 << 5 << u"vmGroups[0].annotations.proxy.istio.io/config"_qs
            << u"proxyMetadata.ISTIO_META_DNS_CAPTURE turns DNS capture back on"_qs << u"captureDNS: true"_qs;
        QTest::newRow("proxy metadata allocates DNS addresses")
            << edited(u"  serviceAccount: chapter10-sa\n"_qs,
                      u"  serviceAccount: chapter10-sa\n  captureDNS: false\n  annotations:\n    proxy.istio.io/config: |\n"
                      "      proxyMetadata: {ISTIO_META_DNS_AUTO_ALLOCATE: \"True\"}\n"_qs)
            << 16 << 5 << u"vmGroups[0].annotations.proxy.istio.io/config"_qs
            << u"proxyMetadata.ISTIO_META_DNS_AUTO_ALLOCATE asks for DNS capture's address allocation"_qs << u"remove ISTIO_META_DNS_AUTO_ALLOCATE"_qs;
        // security review M4: refused in bounded time and memory, not expanded until the process
        // runs out of memory (std::bad_alloc after 42 s at 4 GB before).
        QTest::newRow("proxy config alias bomb") << edited(u"  serviceAccount: chapter10-sa\n"_qs,
                                                           u"  serviceAccount: chapter10-sa\n  annotations:\n    proxy.istio.io/config: |\n"_qs + TestSupport::aliasBomb(6))
                                                 << 15 << 5 << u"vmGroups[0].annotations.proxy.istio.io/config"_qs
                                                 << u"expands to more than 200000 values"_qs << u"instead of nesting aliases"_qs;
        QTest::newRow("proxy config nested too deep")
            << edited(u"  serviceAccount: chapter10-sa\n"_qs, u"  serviceAccount: chapter10-sa\n  annotations:\n    proxy.istio.io/config: |\n      a: "_qs
                                                             + QString(100, u'[') + QString(100, u']') + u"\n"_qs)
            << 15 << 5 << u"vmGroups[0].annotations.proxy.istio.io/config"_qs << u"nests deeper than 64 levels"_qs << QString();
        // security review L1: "$" also matched before a final newline, so a value ending in "\n"
        // passed and split the VMs' hosts line; every validator is anchored at the very end now.
        QTest::newRow("namespace ending in a newline") << edited(u"  namespace: chapter10vm\n"_qs, u"  namespace: \"chapter10vm\\n\"\n"_qs)
                                                       << 12 << 0 << u"vmGroups[0].namespace"_qs << u"is not a DNS-1123 label"_qs << QString();
        QTest::newRow("address ending in a newline") << edited(u"  address: 198.18.0.10\n"_qs, u"  address: \"198.18.0.10\\n\"\n"_qs)
                                                     << 29 << 0 << u"vms[0].address"_qs << u"198.18.0.10\n"_qs << QString();
        QTest::newRow("user ending in a newline") << edited(u"  address: 198.18.0.10\n"_qs, u"  address: 198.18.0.10\n  ssh: {user: \"bob\\n\"}\n"_qs)
                                                  << 30 << 0 << u"vms[0].ssh.user"_qs << u"is not a valid user name"_qs << QString();
        QTest::newRow("jump host ending in a newline") << edited(u"  address: 198.18.0.10\n"_qs, u"  address: 198.18.0.10\n  ssh: {jumpHost: \"jump.example\\n\"}\n"_qs)
                                                       << 30 << 0 << u"vms[0].ssh.jumpHost"_qs << u"jump.example\n"_qs << QString();
        QTest::newRow("gateway ending in a newline") << edited(u"  network: network1\n"_qs, u"  network: network1\neastWestGateway:\n  address: \"198.18.0.2\\n\"\n"_qs)
                                                     << 11 << 0 << u"eastWestGateway.address"_qs << u"198.18.0.2\n"_qs << QString();
        // eastWestGateway.service / namespace: istioctl's --ingressService, for a gateway meshdeck does not make.
        QTest::newRow("gateway service not a Service name")
            << edited(u"  network: network1\n"_qs, u"  network: network1\neastWestGateway:\n  enabled: false\n  service: 9gw\n"_qs) << 12 << 3
            << u"eastWestGateway.service"_qs << u"DNS-1035"_qs << QString();
        QTest::newRow("gateway namespace not a label")
            << edited(u"  network: network1\n"_qs, u"  network: network1\neastWestGateway:\n  enabled: false\n  namespace: Gate_Ways\n"_qs)
            << 12 << 3 << u"eastWestGateway.namespace"_qs << u"DNS-1123 label"_qs << QString();
        QTest::newRow("gateway service of the generated gateway")
            << edited(u"  network: network1\n"_qs, u"  network: network1\neastWestGateway:\n  service: vm-gateway\n"_qs) << 11 << 3
            << u"eastWestGateway.service"_qs << u"meshdeck generates the gateway's Service as istio-eastwestgateway"_qs
            << u"set enabled: false to use Service vm-gateway"_qs;
        QTest::newRow("gateway namespace of the generated gateway")
            << edited(u"  network: network1\n"_qs, u"  network: network1\neastWestGateway:\n  namespace: gateways\n"_qs) << 11 << 3
            << u"eastWestGateway.namespace"_qs << u"meshdeck generates the gateway in mesh.istioNamespace (istio-system)"_qs
            << u"set enabled: false to use namespace gateways"_qs;
        QTest::newRow("enum value") << edited(u"      path: /"_qs, u"      path: /\n      scheme: http"_qs) << 21 << 15
                                    << u"vmGroups[0].probe.httpGet.scheme"_qs << u"\"http\" is not one of HTTP, HTTPS"_qs << u"case"_qs;
    }

    void malformed()
    {
        QFETCH(QByteArray, text);
        QFETCH(int, line);
        QFETCH(int, column);
        QFETCH(QString, path);
        QFETCH(QString, message);
        QFETCH(QString, hint);
        const PlanLoadResult r = loadPlanText(text, u"plan.yaml"_qs);
        QVERIFY2(!r.ok(), "a malformed plan was accepted");
        const auto it = std::find_if(r.problems.cbegin(), r.problems.cend(), [&](const Problem& p) {
            return p.isError() && p.message.contains(message);
        });
        QVERIFY2(it != r.problems.cend(), qPrintable(u"no error with \""_qs + message + u"\" in:\n"_qs + describe(r.problems)));
        QCOMPARE(it->file, u"plan.yaml"_qs);
        QCOMPARE(it->line, line);
        if (column > 0)
            QCOMPARE(it->column, column);
        QCOMPARE(it->path, path);
        if (!hint.isEmpty())
            QVERIFY2(it->hint.contains(hint), qPrintable(it->hint));
        QVERIFY2(it->toString().startsWith(u"plan.yaml:"_qs + QString::number(line)), qPrintable(it->toString()));
    }

    // The gateway's Service, as istioctl's --ingressService: istio-eastwestgateway in the istio
    // namespace unless the plan names another (for a gateway it does not generate).
    void gatewayService()
    {
        const PlanLoadResult defaults = loadPlanText(edited({}, {}), u"plan.yaml"_qs);
        QVERIFY2(defaults.ok(), qPrintable(describe(defaults.problems)));
        QCOMPARE(defaults.plan->eastWestGateway.service, u"istio-eastwestgateway"_qs);
        QCOMPARE(defaults.plan->gatewayNamespace(), u"istio-system"_qs);

        const PlanLoadResult named = loadPlanText(
            edited(u"  network: network1\n"_qs,
                   u"  network: network1\n  istioNamespace: mesh-system\neastWestGateway:\n  enabled: false\n  service: vm-gateway\n"
                   "  namespace: gateways\n"_qs),
            u"plan.yaml"_qs);
        QVERIFY2(named.ok(), qPrintable(describe(named.problems)));
        QVERIFY2(named.problems.isEmpty(), qPrintable(describe(named.problems)));
        QCOMPARE(named.plan->eastWestGateway.service, u"vm-gateway"_qs);
        QCOMPARE(named.plan->eastWestGateway.namespaceName, u"gateways"_qs);
        QCOMPARE(named.plan->gatewayNamespace(), u"gateways"_qs);

        // Written out as the defaults are, they are no problem with a generated gateway.
        const PlanLoadResult spelled = loadPlanText(
            edited(u"  network: network1\n"_qs,
                   u"  network: network1\neastWestGateway:\n  service: istio-eastwestgateway\n  namespace: istio-system\n"_qs),
            u"plan.yaml"_qs);
        QVERIFY2(spelled.ok() && spelled.problems.isEmpty(), qPrintable(describe(spelled.problems)));
        QCOMPARE(spelled.plan->gatewayNamespace(), u"istio-system"_qs);
    }

    // proxyMetadata that agrees with autoRegister and captureDNS (or says "false") is no problem.
    void proxyMetadataAgreeingWithTheGroup()
    {
        const PlanLoadResult r = loadPlanText(
            edited(u"  serviceAccount: chapter10-sa\n"_qs,
                   u"  serviceAccount: chapter10-sa\n  captureDNS: false\n  annotations:\n    proxy.istio.io/config: |\n"
                   "      proxyMetadata:\n        ISTIO_META_DNS_CAPTURE: \"false\"\n        ISTIO_META_DNS_AUTO_ALLOCATE: \"0\"\n"
                   "        ISTIO_META_AUTO_REGISTER_GROUP: envoydummy\n"_qs),
            u"plan.yaml"_qs);
        QVERIFY2(r.ok(), qPrintable(describe(r.problems)));
        QVERIFY2(r.problems.isEmpty(), qPrintable(describe(r.problems)));
    }

    void everyProblemAtOnce()
    {
        QByteArray text = edited(u"namespace: chapter10vm"_qs, u"namespace: Bad_NS"_qs);
        text.replace("port: 80\n", "port: 0\n");
        text.replace("- name: vm2", "- name: vm1");
        text.replace("    weight: 50\n)", "");
        text.replace("meshID: mesh1", "meshId: mesh1");
        const PlanLoadResult r = loadPlanText(text, u"plan.yaml"_qs);
        QStringList paths;
        for (const Problem& p : r.problems)
            paths.append(p.path);
        for (const QString& expected : {u"mesh.meshId"_qs, u"vmGroups[0].namespace"_qs, u"vmGroups[0].service.ports[0].port"_qs,
                                        u"vms[1].name"_qs}) {
            QVERIFY2(paths.contains(expected), qPrintable(describe(r.problems)));
        }
        // Reported in file order.
        for (qsizetype i = 1; i < r.problems.size(); ++i)
            QVERIFY(r.problems.at(i - 1).line <= r.problems.at(i).line);
    }

    void referencedFiles()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto write = [&dir](const QString& name, const QByteArray& content) {
            QFile f(dir.filePath(name));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(content);
        };
        write(u"garbage.pem"_qs, "this is not a certificate\n");
        write(u"cert.pem"_qs, "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUU0\n-----END CERTIFICATE-----\n");
        const QByteArray text = edited(u"vmGroups:\n"_qs,
                                       u"pluginCa:\n  caCert: garbage.pem\n  caKey: cert.pem\n  rootCert: missing.pem\n  certChain: cert.pem\nvmGroups:\n"_qs);
        const QString planPath = dir.filePath(u"plan.yaml"_qs);
        const PlanLoadResult r = loadPlanText(text, planPath);
        QVERIFY(!r.ok());
        QHash<QString, Problem> byPath;
        for (const Problem& p : r.problems)
            byPath.insert(p.path, p);
        QVERIFY2(byPath.contains(u"pluginCa.caCert"_qs), qPrintable(describe(r.problems)));
        QCOMPARE(byPath.value(u"pluginCa.caCert"_qs).line, 11);
        QVERIFY(byPath.value(u"pluginCa.caCert"_qs).message.contains(u"garbage.pem"_qs));
        QVERIFY2(byPath.contains(u"pluginCa.caKey"_qs), qPrintable(describe(r.problems)));       // a certificate, not a key
        QVERIFY2(byPath.contains(u"pluginCa.rootCert"_qs), qPrintable(describe(r.problems)));    // missing
        QVERIFY(byPath.value(u"pluginCa.rootCert"_qs).hint.contains(u"make-plugin-ca"_qs));
        // Relative paths resolve against the plan's folder, not the working directory.
        QVERIFY(byPath.value(u"pluginCa.rootCert"_qs).message.contains(dir.filePath(u"missing.pem"_qs)));
    }

    void missingFile()
    {
        const PlanLoadResult r = loadPlanFile(u"/nonexistent/plan.yaml"_qs);
        QVERIFY(!r.ok());
        QCOMPARE(r.problems.size(), 1);
        QVERIFY(r.problems.front().message.contains(u"does not exist"_qs));
        QCOMPARE(r.problems.front().file, u"/nonexistent/plan.yaml"_qs);
    }

    void validateBuiltPlan()
    {
        Plan plan = *loadPlanText(edited({}, {}), u"plan.yaml"_qs).plan;
        plan.vms[1].address = plan.vms[0].address;
        const Problems problems = validatePlan(plan);
        QVERIFY(hasErrors(problems));
        QCOMPARE(problems.front().line, 0); // no locations for a plan built in code
    }
};

QTEST_APPLESS_MAIN(TestPlanLoader)
#include "tst_planloader.moc"
