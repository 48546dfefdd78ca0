// SPDX-License-Identifier: Apache-2.0
// The plan writer: what it writes loads back into the same plan (every field, through the real
// loader), writes the same text again, leaves defaults out, and saves atomically.
#include "planwriter.h"

#include "planloader.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include "testsupport.h"

#include <algorithm>
#include <csignal>
#include <sys/resource.h>

namespace {

using namespace TestSupport;

// tests/data/plans/full.yaml copied into a temporary folder next to the files it names: a
// plug-in CA made by scripts/make-plugin-ca, a kubeconfig and an SSH identity (placeholders:
// the loader only checks that they exist).
class KitchenSink
{
public:
    /*! Empty on success, else why not. */
    QString create()
    {
        if (QStandardPaths::findExecutable(u"openssl"_qs).isEmpty())
            return u"openssl not found"_qs;
        QProcess ca;
        ca.setProcessChannelMode(QProcess::MergedChannels);
        ca.start(u"/bin/sh"_qs, {sourceDir() + u"/scripts/make-plugin-ca"_qs, m_dir.filePath(u"certs"_qs), u"east"_qs});
        if (!ca.waitForFinished(120000) || ca.exitCode() != 0)
            return u"make-plugin-ca failed: "_qs + QString::fromLocal8Bit(ca.readAll());
        if (!writeFile(m_dir.filePath(u"kube/config"_qs), "apiVersion: v1\nkind: Config\n")
            || !writeFile(m_dir.filePath(u"keys/id_vm"_qs), "placeholder, not a key\n")
            || !QFile::copy(sourceDir() + u"/tests/data/plans/full.yaml"_qs, path()))
            return u"cannot set up "_qs + m_dir.path();
        return {};
    }
    QString path() const { return m_dir.filePath(u"full.yaml"_qs); }

private:
    QTemporaryDir m_dir;
};

// The fields of `items` that no element sets to something other than the default.
template<class T, class... Getters>
QStringList unsetFields(const QList<T>& items, const QString& what, const std::pair<const char*, Getters>&... getters)
{
    QStringList unset;
    const T fallback{};
    const auto check = [&](const char* name, const auto& get) {
        const bool any = std::any_of(items.cbegin(), items.cend(), [&](const T& item) { return !(get(item) == get(fallback)); });
        if (!any)
            unset.append(what + u'.' + QString::fromLatin1(name));
    };
    (check(getters.first, getters.second), ...);
    return unset;
}

#define FIELD(name) std::pair{#name, [](const auto& x) { return x.name; }}

// Every field of model/plan.h the plan leaves at its default (the kitchen sink must set all).
QStringList fieldsLeftAtDefault(const Plan& p)
{
    QStringList unset;
    unset += unsetFields(QList<Plan>{p}, u"plan"_qs, FIELD(name));
    unset += unsetFields(QList<ClusterRef>{p.cluster}, u"cluster"_qs, FIELD(kubeconfig), FIELD(context));
    unset += unsetFields(QList<MeshSettings>{p.mesh}, u"mesh"_qs, FIELD(istioVersion), FIELD(revision), FIELD(meshId),
                         FIELD(clusterName), FIELD(network), FIELD(trustDomain), FIELD(istioNamespace),
                         FIELD(autoRegistration), FIELD(healthChecks));
    if (!p.pluginCa)
        unset.append(u"pluginCa"_qs);
    else
        unset += unsetFields(QList<PluginCa>{*p.pluginCa}, u"pluginCa"_qs, FIELD(caCert), FIELD(caKey), FIELD(rootCert),
                             FIELD(certChain), FIELD(allowSampleCertificates));
    unset += unsetFields(QList<EastWestGateway>{p.eastWestGateway}, u"eastWestGateway"_qs, FIELD(enabled), FIELD(network),
                         FIELD(serviceType), FIELD(form), FIELD(address), FIELD(service), FIELD(namespaceName));
    unset += unsetFields(QList<IstiodExposure>{p.istiodExposure}, u"istiodExposure"_qs, FIELD(enabled), FIELD(crossNetworkGateway));
    unset += unsetFields(p.vmGroups, u"vmGroups"_qs, FIELD(name), FIELD(namespaceName), FIELD(serviceAccount), FIELD(network),
                         FIELD(labels), FIELD(annotations), FIELD(ports), FIELD(probe), FIELD(autoRegister), FIELD(captureDns),
                         FIELD(tokenDurationSeconds), FIELD(service));
    QList<Probe> probes;
    QList<GroupService> services;
    QList<NamedPort> namedPorts;
    for (const VmGroup& g : p.vmGroups) {
        if (g.probe)
            probes.append(*g.probe);
        services.append(g.service);
        namedPorts += g.ports;
    }
    unset += unsetFields(probes, u"probe"_qs, FIELD(initialDelaySeconds), FIELD(timeoutSeconds), FIELD(periodSeconds),
                         FIELD(successThreshold), FIELD(failureThreshold), FIELD(kind), FIELD(port), FIELD(host), FIELD(path),
                         FIELD(scheme), FIELD(httpHeaders), FIELD(command), FIELD(service));
    for (const Probe::Kind kind : {Probe::Kind::HttpGet, Probe::Kind::TcpSocket, Probe::Kind::Exec, Probe::Kind::Grpc}) {
        if (std::none_of(probes.cbegin(), probes.cend(), [kind](const Probe& pr) { return pr.kind == kind; }))
            unset.append(u"probe kind "_qs + QString::number(int(kind)));
    }
    unset += unsetFields(services, u"service"_qs, FIELD(enabled), FIELD(name), FIELD(ports), FIELD(labels));
    QList<ServicePort> servicePorts;
    for (const GroupService& s : services)
        servicePorts += s.ports;
    unset += unsetFields(servicePorts, u"service.ports"_qs, FIELD(name), FIELD(port), FIELD(targetPort), FIELD(protocol));
    unset += unsetFields(namedPorts, u"ports"_qs, FIELD(name), FIELD(port));
    unset += unsetFields(p.vms, u"vms"_qs, FIELD(name), FIELD(group), FIELD(address), FIELD(ip), FIELD(ipKind), FIELD(ssh), FIELD(labels));
    QList<SshSettings> ssh;
    for (const Vm& vm : p.vms)
        ssh.append(vm.ssh);
    unset += unsetFields(ssh, u"ssh"_qs, FIELD(user), FIELD(port), FIELD(identityFile), FIELD(jumpHost));
    if (std::none_of(p.vms.cbegin(), p.vms.cend(), [](const Vm& vm) { return vm.ipKind == Vm::IpKind::External; }))
        unset.append(u"vms.ipKind external"_qs);
    unset += unsetFields(QList<LegacySettings>{p.legacy}, u"legacy"_qs, FIELD(vipPool), FIELD(serviceCidr), FIELD(gatewayAddress),
                         FIELD(globalServices), FIELD(meshExpansion));
    unset += unsetFields(p.legacy.globalServices, u"globalServices"_qs, FIELD(name), FIELD(namespaceName), FIELD(vip), FIELD(ports));
    QList<ServiceEntryPort> entryPorts;
    for (const GlobalService& g : p.legacy.globalServices)
        entryPorts += g.ports;
    unset += unsetFields(entryPorts, u"globalServices.ports"_qs, FIELD(name), FIELD(number), FIELD(protocol));
    unset += unsetFields(p.legacy.meshExpansion, u"meshExpansion"_qs, FIELD(name), FIELD(namespaceName), FIELD(vms),
                         FIELD(addresses), FIELD(ports), FIELD(serviceAccount), FIELD(labels));
    unset += unsetFields(p.trafficSplits, u"trafficSplits"_qs, FIELD(name), FIELD(namespaceName), FIELD(hosts), FIELD(gateways),
                         FIELD(destinations));
    QList<SplitDestination> destinations;
    for (const TrafficSplit& s : p.trafficSplits)
        destinations += s.destinations;
    unset += unsetFields(destinations, u"destinations"_qs, FIELD(host), FIELD(weight), FIELD(port), FIELD(subset), FIELD(subsetLabels));
    unset += unsetFields(QList<GraphSettings>{p.graph}, u"graph"_qs, FIELD(namespaces), FIELD(prometheus), FIELD(driftTolerance));
    unset += unsetFields(QList<PrometheusRef>{p.graph.prometheus}, u"graph.prometheus"_qs, FIELD(url), FIELD(namespaceName),
                         FIELD(service), FIELD(port), FIELD(scheme));
    return unset;
}

#undef FIELD

// A plan that writes every default explicitly: all of it must disappear on writing.
const char* const explicitDefaults = R"(apiVersion: meshdeck.io/v1alpha1
kind: OnboardingPlan
cluster:
  kubeconfig: ""
  context: ""
mesh:
  istioVersion: "1.29.0"
  revision: ""
  trustDomain: cluster.local
  istioNamespace: istio-system
  autoRegistration: true
  healthChecks: true
eastWestGateway:
  enabled: true
  serviceType: LoadBalancer
  form: istioOperator
istiodExposure:
  enabled: true
  crossNetworkGateway: auto
vmGroups:
- name: app
  namespace: ns
  serviceAccount: default
  network: ""
  autoRegister: true
  captureDNS: true
  tokenDuration: 1h
  labels:
    app: app
  annotations: {}
  probe:
    initialDelaySeconds: 0
    timeoutSeconds: 1
    periodSeconds: 10
    successThreshold: 1
    failureThreshold: 3
    httpGet:
      port: 8080
      path: /
      scheme: HTTP
      httpHeaders: []
  service:
    enabled: true
    ports:
    - port: 80
      protocol: TCP
vms:
- name: vm1
  group: app
  address: 10.0.0.1
  ip: 10.0.0.2
  ipKind: internal
  ssh: {}
  labels: {}
legacy:
  vipPool: 127.255.0.0/16
  globalServices: []
trafficSplits: []
)";

const char* const explicitDefaultsWritten = R"(apiVersion: meshdeck.io/v1alpha1
kind: OnboardingPlan
mesh:
  istioVersion: 1.29.0
vmGroups:
- name: app
  namespace: ns
  labels:
    app: app
  probe:
    httpGet:
      port: 8080
  service:
    ports:
    - port: 80
vms:
- name: vm1
  group: app
  address: 10.0.0.1
  ip: 10.0.0.2
)";

// The top-level keys of a written plan, in order.
QStringList topLevelKeys(const QByteArray& yaml)
{
    QStringList keys;
    for (const QByteArray& line : yaml.split('\n')) {
        if (!line.isEmpty() && line.at(0) != ' ' && line.at(0) != '-' && line.contains(':'))
            keys.append(QString::fromUtf8(line.left(line.indexOf(':'))));
    }
    return keys;
}

} // namespace

class TestPlanWriter final : public QObject
{
    Q_OBJECT

private:
    // load -> write -> load gives the same plan, and writing that again gives the same text.
    void checkRoundTrip(const PlanLoadResult& first, const QString& fileName)
    {
        QVERIFY2(first.ok(), qPrintable(describe(first.problems)));
        const QByteArray written = writePlan(*first.plan);
        const PlanLoadResult second = loadPlanText(written, fileName);
        QVERIFY2(second.ok(), qPrintable(describe(second.problems) + u"\n---\n"_qs + QString::fromUtf8(written)));
        QVERIFY2(*second.plan == *first.plan, qPrintable(QString::fromUtf8(written)));
        QCOMPARE(QString::fromUtf8(writePlan(*second.plan)), QString::fromUtf8(written));
        // writing adds no problem the original did not have (warnings included)
        QCOMPARE(describe(second.problems).count(u'\n'), describe(first.problems).count(u'\n'));
    }

private slots:
    void bookExampleRoundTrips()
    {
        const QString path = sourceDir() + u"/examples/book-chapter10.yaml"_qs;
        const PlanLoadResult first = loadPlanFile(path);
        checkRoundTrip(first, path);
        const QString written = QString::fromUtf8(writePlan(*first.plan));
        // what the example says is kept; what it spells out at its default is not
        for (const QString& kept : {u"name: book-chapter10"_qs, u"user: anand_rai"_qs, u"istioVersion: 1.29.2"_qs,
                                    u"address: 198.18.0.2"_qs, u"initialDelaySeconds: 1"_qs, u"targetPort: 10000"_qs,
                                    u"weight: 50"_qs})
            QVERIFY2(written.contains(kept), qPrintable(kept));
        for (const QString& dropped : {u"context"_qs, u"autoRegistration"_qs, u"healthChecks"_qs, u"serviceType"_qs,
                                       u"form:"_qs, u"istiodExposure"_qs, u"autoRegister"_qs, u"path: /"_qs})
            QVERIFY2(!written.contains(dropped), qPrintable(dropped));
        QCOMPARE(topLevelKeys(writePlan(*first.plan)),
                 QStringList({u"apiVersion"_qs, u"kind"_qs, u"metadata"_qs, u"mesh"_qs, u"eastWestGateway"_qs,
                              u"vmGroups"_qs, u"vms"_qs, u"trafficSplits"_qs}));
    }

    void kitchenSinkRoundTrips()
    {
        KitchenSink sink;
        if (const QString why = sink.create(); !why.isEmpty())
            QSKIP(qPrintable(why));
        const PlanLoadResult first = loadPlanFile(sink.path());
        QVERIFY2(first.ok(), qPrintable(describe(first.problems)));
        const QStringList unset = fieldsLeftAtDefault(*first.plan);
        QVERIFY2(unset.isEmpty(), qPrintable(u"full.yaml leaves at the default: "_qs + unset.join(u", "_qs)));
        checkRoundTrip(first, sink.path());
        // the documented section order, every section present
        QCOMPARE(topLevelKeys(writePlan(*first.plan)),
                 QStringList({u"apiVersion"_qs, u"kind"_qs, u"metadata"_qs, u"cluster"_qs, u"mesh"_qs, u"pluginCa"_qs,
                              u"eastWestGateway"_qs, u"istiodExposure"_qs, u"vmGroups"_qs, u"vms"_qs, u"legacy"_qs,
                              u"trafficSplits"_qs, u"graph"_qs}));
        // a few values that only survive with the right quoting
        const Plan& p = *first.plan;
        QCOMPARE(p.vmGroups.at(0).annotations.value(u"example.com/yes"_qs), u"yes"_qs);
        QCOMPARE(p.vmGroups.at(0).annotations.value(u"example.com/port"_qs), u"80"_qs);
        QCOMPARE(p.vmGroups.at(0).annotations.value(u"example.com/empty"_qs), QString());
        QCOMPARE(p.vmGroups.at(0).annotations.value(u"example.com/script"_qs), u"#!/bin/sh\necho \"it's: #1\"\n"_qs);
        QCOMPARE(p.vmGroups.at(0).labels.value(u"version"_qs), u"1.0"_qs);
        QCOMPARE(p.vmGroups.at(0).tokenDurationSeconds, 7200);
        QCOMPARE(p.vmGroups.at(1).ports.size(), 2); // the mapping form, written back as a list
        QCOMPARE(p.vmGroups.at(2).probe->command.last(), u"true"_qs);
    }

    void variantsRoundTrip_data()
    {
        QTest::addColumn<QString>("from");
        QTest::addColumn<QString>("to");
        // the other spellings of the kitchen sink's enums and a two-part version
        QTest::newRow("crossNetworkGateway never") << u"crossNetworkGateway: always"_qs << u"crossNetworkGateway: never"_qs;
        QTest::newRow("serviceType ClusterIP") << u"serviceType: NodePort"_qs << u"serviceType: ClusterIP"_qs;
        QTest::newRow("ipKind internal") << u"ipKind: external"_qs << u"ipKind: internal"_qs;
        QTest::newRow("two-part version") << u"istioVersion: \"1.28.1\""_qs << u"istioVersion: \"1.30\""_qs;
        // a generated gateway: the Service the plan names for one of its own goes too
        QTest::newRow("gateway enabled") << u"  enabled: false\n  service: vm-gateway\n  namespace: gateways\n  network: net-gateway"_qs
                                         << u"  network: net-gateway"_qs;
    }

    void variantsRoundTrip()
    {
        QFETCH(QString, from);
        QFETCH(QString, to);
        KitchenSink sink;
        if (const QString why = sink.create(); !why.isEmpty())
            QSKIP(qPrintable(why));
        QString text = QString::fromUtf8(readAll(sink.path()));
        QVERIFY(text.contains(from));
        text.replace(from, to);
        checkRoundTrip(loadPlanText(text.toUtf8(), sink.path()), sink.path());
    }

    void defaultsAreOmitted()
    {
        QCOMPARE(QString::fromUtf8(writePlan(Plan{})),
                 u"apiVersion: meshdeck.io/v1alpha1\nkind: OnboardingPlan\nmesh:\n  istioVersion: 1.29.0\n"_qs);
        const PlanLoadResult loaded = loadPlanText(explicitDefaults, u"defaults.yaml"_qs);
        QVERIFY2(loaded.ok(), qPrintable(describe(loaded.problems)));
        QCOMPARE(QString::fromUtf8(writePlan(*loaded.plan)), QString::fromUtf8(explicitDefaultsWritten));
        checkRoundTrip(loaded, u"defaults.yaml"_qs);
    }

    void saveIntoMissingFolderFails()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"missing/plan.yaml"_qs);
        const QString error = savePlanFile(Plan{}, path);
        QVERIFY(!error.isEmpty());
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY(!QFileInfo::exists(path));
        QVERIFY(!QFileInfo::exists(dir.filePath(u"missing"_qs)));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
    }

    void saveOverwritesWhole()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"plan.yaml"_qs);
        QVERIFY(writeFile(path, QByteArray(100000, '#') + '\n')); // longer than the new text
        PlanLoadResult book = loadPlanFile(sourceDir() + u"/examples/book-chapter10.yaml"_qs);
        QVERIFY(book.ok());
        book.plan->sourceFile.clear(); // else the copy keeps the example's comments (tst_planmerge)
        QCOMPARE(savePlanFile(*book.plan, path), QString());
        QCOMPARE(readAll(path), writePlan(*book.plan));
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{u"plan.yaml"_qs});
        const PlanLoadResult back = loadPlanFile(path);
        QVERIFY(back.ok());
        Plan expected = *book.plan;
        expected.sourceFile = back.plan->sourceFile;
        QVERIFY(*back.plan == expected);
    }

    void failedSaveKeepsTheOldFile()
    {
        // A write that fails half-way (here: the file size limit, which binds root too) must
        // leave the previous file as it was and no temporary file behind.
        QTemporaryDir dir;
        const QString path = dir.filePath(u"plan.yaml"_qs);
        const QByteArray old = "apiVersion: meshdeck.io/v1alpha1\nkind: OnboardingPlan\nmesh:\n  istioVersion: \"1.28\"\n";
        QVERIFY(writeFile(path, old));
        const PlanLoadResult book = loadPlanFile(sourceDir() + u"/examples/book-chapter10.yaml"_qs);
        QVERIFY(book.ok());

        rlimit saved{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit small = saved;
        small.rlim_cur = 64;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        const QString error = savePlanFile(*book.plan, path);
        setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, previousHandler);

        QCOMPARE(readAll(path), old);
        QVERIFY(!error.isEmpty());
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{u"plan.yaml"_qs});
    }
};

QTEST_APPLESS_MAIN(TestPlanWriter)
#include "tst_planwriter.moc"
