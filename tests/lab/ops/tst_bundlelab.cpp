// SPDX-License-Identifier: Apache-2.0
// meshdeck's bundle beside istioctl's own, against the same lab cluster and WorkloadGroup:
// `istioctl x workload entry configure -f <wg.yaml> -o DIR --clusterID cluster1 ...` with the lab's
// istioctl (Istio 1.31), and BundleRun + writeBundleDirectory for the same plan. The bundles must
// mean the same: cluster.env as key=value maps, mesh.yaml as parsed YAML, hosts and root-cert.pem
// byte for byte, the tokens (new on every request) as claims: audience istio-ca, the group's
// service account, the group's duration.
#include "bundlerun.h"
#include "clusterfactsrun.h"

#include "generation.h"
#include "planloader.h"
#include "preflightrun.h"
#include "yamljson.h"
#include "yamlwriter.h"

#include "labenv.h"
#include "testsupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

namespace {

QString labBin(const QString& name)
{
    return qEnvironmentVariable("MESHDECK_LAB_DIR") + u"/bin/"_qs + name;
}

QMap<QString, QString> envMap(const QByteArray& text)
{
    QMap<QString, QString> map;
    for (const QByteArray& line : text.split('\n')) {
        if (line.isEmpty())
            continue;
        const qsizetype eq = line.indexOf('=');
        map.insert(QString::fromUtf8(line.left(eq)), QString::fromUtf8(line.mid(eq + 1)));
    }
    return map;
}

QJsonObject claimsOf(const QByteArray& jwt)
{
    const QList<QByteArray> parts = jwt.split('.');
    if (parts.size() != 3)
        return {};
    return QJsonDocument::fromJson(QByteArray::fromBase64(parts.at(1), QByteArray::Base64UrlEncoding)).object();
}

using TestSupport::modeOf;

} // namespace

class TestBundleLab final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        MESHDECK_REQUIRE_LAB();
        const RestConfigResult rc = Lab::config(u"admin"_qs);
        QVERIFY2(rc.ok(), qPrintable(rc.error));
        m_client = new KubeClient(rc.config, KubeClientOptions{}, this);
        // The east-west gateway with a load-balancer address, as `meshdeck apply` and a cloud
        // would leave it; the plan gives another address, which must lose to the cluster's.
        QJsonObject gateway{{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"Service"_qs},
                            {u"metadata"_qs, QJsonObject{{u"name"_qs, u"istio-eastwestgateway"_qs}, {u"namespace"_qs, u"istio-system"_qs}}},
                            {u"spec"_qs, QJsonObject{{u"type"_qs, u"LoadBalancer"_qs},
                                                     {u"ports"_qs, QJsonArray{QJsonObject{{u"name"_qs, u"tls-istiod"_qs}, {u"port"_qs, 15012}}}}}}};
        const KubeResult applied = Lab::run(m_client->apply(gateway));
        QVERIFY2(applied.ok(), qPrintable(applied.error.message));
        QVERIFY(Lab::labScript({u"lb-ip"_qs, u"istio-system"_qs, u"istio-eastwestgateway"_qs, u"198.18.0.2"_qs}));
    }

    void cleanupTestCase()
    {
        if (!m_client)
            return;
        Lab::run(m_client->remove(ObjectRef{u"v1"_qs, u"Service"_qs, u"istio-system"_qs, u"istio-eastwestgateway"_qs}));
        Lab::run(m_client->remove(ObjectRef{u"v1"_qs, u"ConfigMap"_qs, u"istio-system"_qs, u"istio-canary"_qs}));
        for (const QString& ns : std::as_const(m_namespaces))
            Lab::run(m_client->remove(ObjectRef{u"v1"_qs, u"Namespace"_qs, {}, ns}));
    }

    void sameAsIstioctl_data()
    {
        QTest::addColumn<bool>("autoRegister");
        QTest::addColumn<QString>("ipKind");
        QTest::addColumn<QString>("revision");
        QTest::addColumn<QString>("vmLabels");
        QTest::addColumn<bool>("annotationMetadata");
        QTest::addColumn<QString>("ingressIp"); // eastWestGateway.address = --ingressIP; empty: both read the Service
        QTest::addColumn<bool>("captureDns");   // captureDNS = --capture-dns
        QTest::newRow("autoregister, no IP") << true << QString() << QString() << QString() << false << QString() << true;
        QTest::newRow("no autoregister") << false << QString() << QString() << QString() << false << QString() << true;
        QTest::newRow("internal IP") << true << u"internal"_qs << QString() << QString() << false << QString() << true;
        QTest::newRow("external IP") << true << u"external"_qs << QString() << QString() << false << QString() << true;
        QTest::newRow("revision canary") << true << u"internal"_qs << u"canary"_qs << QString() << false << QString() << true;
        // istioctl 1.31 panics (nil map) on an annotation with proxyMetadata when the mesh's
        // defaultConfig has none; the canary mesh config has some.
        QTest::newRow("revision, proxyMetadata from mesh and annotation") << true << QString() << u"canary"_qs << QString() << true
                                                                          << QString() << true;
        QTest::newRow("VM labels = template.labels") << true << QString() << QString() << u"version: v2"_qs << false << QString() << true;
        // The plan's address wins over the Service's (198.18.0.2), as --ingressIP does in istioctl.
        QTest::newRow("plan's address = --ingressIP") << true << QString() << QString() << QString() << false << u"198.18.0.99"_qs << true;
        QTest::newRow("DNS capture off") << true << QString() << QString() << QString() << false << QString() << false;
    }

    void sameAsIstioctl()
    {
        MESHDECK_REQUIRE_LAB();
        QFETCH(bool, autoRegister);
        QFETCH(QString, ipKind);
        QFETCH(QString, revision);
        QFETCH(QString, vmLabels);
        QFETCH(bool, annotationMetadata);
        QFETCH(QString, ingressIp);
        QFETCH(bool, captureDns);
        const QString ns = Lab::uniqueName(u"bundle"_qs);
        m_namespaces.append(ns);
        QTemporaryDir dir;

        // The plan: a group with labels, ports, a probe and a proxy.istio.io/config annotation.
        QString planText = uR"(apiVersion: meshdeck.io/v1alpha1
kind: OnboardingPlan
metadata: {name: bundle-lab}
mesh:
  istioVersion: "1.29.2"
  meshID: mesh1
  clusterName: cluster1
  network: network1
%REVISION%
%GATEWAY%
vmGroups:
- name: vm-group
  namespace: %NS%
  serviceAccount: vm-sa
  labels: {app: vm-app, version: v1}
  annotations:
    proxy.istio.io/config: |
      concurrency: 2
      holdApplicationUntilProxyStarts: true
%ANNOTATION%  ports: [{name: http, port: 8080}, {name: grpc, port: 3550}]
  probe:
    initialDelaySeconds: 1
    periodSeconds: 5
    httpGet: {port: 10000, path: /ready}
  autoRegister: %AUTO%
  captureDNS: %DNS%
  tokenDuration: 1800
vms:
- name: vm-1
  group: vm-group
  address: 198.18.0.11
%IP%
%LABELS%
)"_qs;
        planText.replace(u"%NS%"_qs, ns);
        planText.replace(u"%ANNOTATION%"_qs, annotationMetadata ? u"      proxyMetadata:\n        FROM_ANNOTATION: \"yes\"\n        FROM_MESH: overridden\n"_qs : QString());
        planText.replace(u"%AUTO%"_qs, autoRegister ? u"true"_qs : u"false"_qs);
        planText.replace(u"%DNS%"_qs, captureDns ? u"true"_qs : u"false"_qs);
        planText.replace(u"%REVISION%"_qs, revision.isEmpty() ? QString() : u"  revision: "_qs + revision);
        planText.replace(u"%GATEWAY%"_qs, ingressIp.isEmpty() ? QString() : u"eastWestGateway:\n  address: "_qs + ingressIp);
        planText.replace(u"%IP%"_qs, ipKind.isEmpty() ? QString() : u"  ip: 10.20.30.40\n  ipKind: "_qs + ipKind);
        planText.replace(u"%LABELS%"_qs, vmLabels.isEmpty() ? QString() : u"  labels: {"_qs + vmLabels + u'}');
        const QString planFile = dir.filePath(u"plan.yaml"_qs);
        QVERIFY(TestSupport::writeFile(planFile, planText.toUtf8()));
        const PlanLoadResult loaded = loadPlanFile(planFile);
        QVERIFY2(loaded.ok(), qPrintable(TestSupport::describe(loaded.problems)));
        const Plan& plan = *loaded.plan;

        // The group's objects in the cluster, and istiod's root certificate in its namespace.
        QJsonObject workloadGroup;
        for (const Resource& r : generateOffline(plan).kubectlResources()) {
            if (r.origin != u"vmGroups[0]")
                continue;
            const KubeResult applied = Lab::run(m_client->apply(r.object));
            QVERIFY2(applied.ok(), qPrintable(r.key() + u": "_qs + applied.error.message));
            if (r.kind() == u"WorkloadGroup")
                workloadGroup = r.object;
        }
        QVERIFY(!workloadGroup.isEmpty());
        QVERIFY(Lab::labScript({u"publish-root-cert"_qs, ns}));
        if (!revision.isEmpty()) {
            // The lab's mesh ConfigMap is not revisioned: a revision's own, as `istioctl install
            // --revision canary` leaves it (no discoveryAddress: both tools derive istiod-canary).
            QJsonObject cm{{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"ConfigMap"_qs},
                           {u"metadata"_qs, QJsonObject{{u"name"_qs, QString(u"istio-"_qs + revision)}, {u"namespace"_qs, u"istio-system"_qs}}},
                           {u"data"_qs, QJsonObject{{u"mesh"_qs, u"defaultConfig:\n  meshId: mesh1\n  tracing: {}\n  proxyMetadata:\n    FROM_MESH: \"1\"\n    KEPT: kept\ntrustDomain: cluster.local\n"_qs}}}};
            QVERIFY(Lab::run(m_client->apply(cm)).ok());
        }

        // istioctl, from the WorkloadGroup file (the VM's own labels are template.labels there).
        if (!vmLabels.isEmpty()) {
            QJsonObject spec = workloadGroup[u"spec"_qs].toObject();
            QJsonObject tmpl = spec[u"template"_qs].toObject();
            tmpl.insert(u"labels"_qs, QJsonObject{{u"version"_qs, u"v2"_qs}});
            spec.insert(u"template"_qs, tmpl);
            workloadGroup.insert(u"spec"_qs, spec);
        }
        const QString wgFile = dir.filePath(u"wg.yaml"_qs);
        QVERIFY(TestSupport::writeFile(wgFile, YamlWriter::toYaml(workloadGroup).toUtf8()));
        const QString theirs = dir.filePath(u"istioctl"_qs);
        QStringList args{u"--kubeconfig"_qs, Lab::kubeconfig(), u"x"_qs, u"workload"_qs, u"entry"_qs, u"configure"_qs,
                         u"-f"_qs, wgFile, u"-o"_qs, theirs, u"--clusterID"_qs, u"cluster1"_qs, u"--tokenDuration"_qs, u"1800"_qs};
        if (autoRegister)
            args << u"--autoregister"_qs;
        if (!captureDns)
            args << u"--capture-dns=false"_qs;
        if (ipKind == u"internal")
            args << u"--internalIP"_qs << u"10.20.30.40"_qs;
        if (ipKind == u"external")
            args << u"--externalIP"_qs << u"10.20.30.40"_qs;
        if (!revision.isEmpty())
            args << u"--revision"_qs << revision;
        if (!ingressIp.isEmpty())
            args << u"--ingressIP"_qs << ingressIp;
        const TestSupport::Run istioctl = TestSupport::run(labBin(u"istioctl"_qs), args, TestSupport::RunOptions().withTimeout(120000));
        QVERIFY2(istioctl.exitCode == 0, qPrintable(istioctl.err));

        // meshdeck.
        BundleRun run(m_client, plan, u"vm-1"_qs);
        QSignalSpy finished(&run, &BundleRun::finished);
        run.start();
        QVERIFY(finished.wait(30000));
        const BundleResult result = run.result();
        QVERIFY2(result.ok(), qPrintable(result.error));
        const QString ours = dir.filePath(u"meshdeck"_qs);
        QCOMPARE(writeBundleDirectory(result.bundle, ours), QString());

        // The same five files.
        QStringList names = QDir(ours).entryList(QDir::Files);
        QCOMPARE(names, QDir(theirs).entryList(QDir::Files));
        QCOMPARE(names.size(), 5);

        // cluster.env: the same keys and values. ISTIO_INBOUND_PORTS is joined in Go map order by
        // istioctl (it changes from run to run); meshdeck sorts by port name: same ports.
        QMap<QString, QString> env = envMap(TestSupport::readAll(ours + u"/cluster.env"_qs));
        QMap<QString, QString> theirEnv = envMap(TestSupport::readAll(theirs + u"/cluster.env"_qs));
        auto ports = [](const QString& v) {
            QStringList p = QString(v).remove(u'\'').split(u',');
            p.sort();
            return p;
        };
        QCOMPARE(ports(env.take(u"ISTIO_INBOUND_PORTS"_qs)), ports(theirEnv.take(u"ISTIO_INBOUND_PORTS"_qs)));
        QCOMPARE(env, theirEnv);
        QCOMPARE(env.value(u"ISTIO_META_AUTO_REGISTER_GROUP"_qs), autoRegister ? u"'vm-group'"_qs : QString());
        if (!ipKind.isEmpty())
            QCOMPARE(env.value(u"ISTIO_SVC_IP"_qs), u"'10.20.30.40'"_qs);
        if (!revision.isEmpty()) {
            QCOMPARE(env.value(u"CA_ADDR"_qs), u"'istiod-canary.istio-system.svc:15012'"_qs);
            // The revision's own mesh config was read, and the annotation merged key by key.
            QCOMPARE(env.value(u"KEPT"_qs), u"'kept'"_qs);
            QCOMPARE(env.value(u"FROM_MESH"_qs), annotationMetadata ? u"'overridden'"_qs : u"'1'"_qs);
            QCOMPARE(env.value(u"FROM_ANNOTATION"_qs), annotationMetadata ? u"'yes'"_qs : QString());
        }

        // mesh.yaml as parsed YAML.
        const auto mesh = YamlJson::parse(QString::fromUtf8(TestSupport::readAll(ours + u"/mesh.yaml"_qs)));
        const auto theirMesh = YamlJson::parse(QString::fromUtf8(TestSupport::readAll(theirs + u"/mesh.yaml"_qs)));
        QVERIFY(mesh && theirMesh);
        QCOMPARE(*mesh, *theirMesh);
        QCOMPARE((*mesh)[u"defaultConfig"_qs][u"concurrency"_qs].toInt(), 2);

        // hosts and root-cert.pem byte for byte: the gateway Service's address, unless the plan
        // gives one (--ingressIP), which wins.
        const QByteArray gateway = ingressIp.isEmpty() ? QByteArray("198.18.0.2") : ingressIp.toUtf8();
        QCOMPARE(TestSupport::readAll(ours + u"/hosts"_qs), TestSupport::readAll(theirs + u"/hosts"_qs));
        QCOMPARE(TestSupport::readAll(ours + u"/hosts"_qs),
                 QByteArray(gateway + (revision.isEmpty() ? " istiod.istio-system.svc\n" : " istiod-canary.istio-system.svc\n")));
        QCOMPARE(TestSupport::readAll(ours + u"/root-cert.pem"_qs), TestSupport::readAll(theirs + u"/root-cert.pem"_qs));
        QCOMPARE(TestSupport::readAll(ours + u"/root-cert.pem"_qs),
                 TestSupport::readAll(qEnvironmentVariable("MESHDECK_LAB_DIR") + u"/pki/istio-root-cert.pem"_qs));

        // The tokens: different requests, the same claims.
        const QJsonObject claims = claimsOf(TestSupport::readAll(ours + u"/istio-token"_qs));
        const QJsonObject theirClaims = claimsOf(TestSupport::readAll(theirs + u"/istio-token"_qs));
        QCOMPARE(claims[u"aud"_qs].toArray(), QJsonArray{u"istio-ca"_qs});
        QCOMPARE(claims[u"aud"_qs], theirClaims[u"aud"_qs]);
        QCOMPARE(claims[u"sub"_qs].toString(), u"system:serviceaccount:"_qs + ns + u":vm-sa"_qs);
        QCOMPARE(claims[u"sub"_qs], theirClaims[u"sub"_qs]);
        QCOMPARE(claims[u"exp"_qs].toInteger() - claims[u"iat"_qs].toInteger(), 1800);
        QCOMPARE(theirClaims[u"exp"_qs].toInteger() - theirClaims[u"iat"_qs].toInteger(), 1800);

        // The deliberate difference: istioctl writes every file 0744; the token is 0600 here.
        QCOMPARE(modeOf(theirs + u"/istio-token"_qs), 0744);
        QCOMPARE(modeOf(ours + u"/istio-token"_qs), 0600);
        QCOMPARE(modeOf(ours + u"/cluster.env"_qs), 0644);
    }

    void missingRootCertIsNamed()
    {
        MESHDECK_REQUIRE_LAB();
        const QString ns = Lab::uniqueName(u"noroot"_qs);
        m_namespaces.append(ns);
        // Only a stopped istiod leaves a namespace without its root certificate: it publishes one
        // into every namespace, and again when it is removed.
        QVERIFY(Lab::labScript({u"stop-istiod"_qs}));
        auto restart = qScopeGuard([] { QVERIFY(Lab::labScript({u"start-istiod"_qs})); });
        QVERIFY(Lab::run(m_client->apply(Lab::namespaceObject(ns))).ok());
        Plan plan;
        plan.mesh.clusterName = u"cluster1"_qs;
        VmGroup g;
        g.name = u"g"_qs;
        g.namespaceName = ns;
        plan.vmGroups = {g};
        Vm vm;
        vm.name = u"vm"_qs;
        vm.group = u"g"_qs;
        plan.vms = {vm};
        BundleRun run(m_client, plan, u"vm"_qs);
        QSignalSpy finished(&run, &BundleRun::finished);
        run.start();
        QVERIFY(finished.wait(30000));
        const BundleResult result = run.result();
        QVERIFY(!result.ok());
        QVERIFY2(result.error.contains(u"istio-ca-root-cert"_qs) && result.error.contains(ns), qPrintable(result.error));
    }

    // istio#31624: a load balancer that gives the gateway a host name only (AWS). The one rule
    // (GatewayAddress) makes preflight fail with the fix and the VM files warn, where before
    // preflight passed and apply finished while the hosts file silently lost istiod's line;
    // with eastWestGateway.address the plan's IP is used, with a warning.
    void hostnameOnlyLoadBalancer()
    {
        MESHDECK_REQUIRE_LAB();
        const QString host = u"a1b2-123456.elb.us-east-1.amazonaws.com"_qs;
        QVERIFY(Lab::labScript({u"lb-hostname"_qs, u"istio-system"_qs, u"istio-eastwestgateway"_qs, host}));
        const auto restore = qScopeGuard([] {
            Lab::labScript({u"lb-ip"_qs, u"istio-system"_qs, u"istio-eastwestgateway"_qs, u"198.18.0.2"_qs});
        });
        const QString ns = Lab::uniqueName(u"lbhost"_qs);
        m_namespaces.append(ns);
        QTemporaryDir dir;
        for (const QString& address : {QString(), u"198.18.0.99"_qs}) {
            QString text = uR"(apiVersion: meshdeck.io/v1alpha1
kind: OnboardingPlan
metadata: {name: lb-host}
mesh: {istioVersion: "1.29.2", meshID: mesh1, clusterName: cluster1, network: network1}
%GATEWAY%
vmGroups:
- {name: app, namespace: %NS%, serviceAccount: app-sa, labels: {app: app}}
vms:
- {name: vm-1, group: app, address: 198.18.0.11}
)"_qs;
            text.replace(u"%NS%"_qs, ns);
            text.replace(u"%GATEWAY%"_qs, address.isEmpty() ? QString() : u"eastWestGateway: {address: "_qs + address + u'}');
            const QString planFile = dir.filePath(u"plan.yaml"_qs);
            QVERIFY(TestSupport::writeFile(planFile, text.toUtf8()));
            const PlanLoadResult loaded = loadPlanFile(planFile);
            QVERIFY2(loaded.ok(), qPrintable(TestSupport::describe(loaded.problems)));

            ClusterFactsRun facts(m_client, *loaded.plan);
            QSignalSpy factsDone(&facts, &ClusterFactsRun::finished);
            facts.start();
            QVERIFY(factsDone.wait(30000));
            const SharedClusterFacts shared = facts.facts();
            QVERIFY2(shared.gatewayAddress.isEmpty(), qPrintable(shared.gatewayAddress));
            const QString warnings = shared.warnings.join(u'\n');
            QVERIFY2(warnings.contains(u"only the host name "_qs + host), qPrintable(warnings));

            PreflightRun preflight(m_client, *loaded.plan);
            QSignalSpy preflightDone(&preflight, &PreflightRun::finished);
            preflight.start();
            QVERIFY(preflightDone.wait(60000));
            const QList<PreflightCheck> checks = preflight.checks();
            const auto gateway = std::find_if(checks.cbegin(), checks.cend(),
                                              [](const PreflightCheck& c) { return c.title == u"East-west gateway"; });
            QVERIFY2(gateway != checks.cend(), qPrintable(preflightTable(checks)));
            QVERIFY2(gateway->detail.contains(host), qPrintable(gateway->detail));
            if (address.isEmpty()) {
                QVERIFY2(warnings.contains(u"set eastWestGateway.address to one of its IPs"_qs), qPrintable(warnings));
                QCOMPARE(int(gateway->status), int(PreflightCheck::Status::Fail));
                QVERIFY2(gateway->fix.contains(u"getent hosts "_qs + host), qPrintable(gateway->fix));
            } else {
                QCOMPARE(shared.gatewaySource, u"plan"_qs);
                QVERIFY2(warnings.contains(u"using the plan's address 198.18.0.99"_qs), qPrintable(warnings));
                QCOMPARE(int(gateway->status), int(PreflightCheck::Status::Warn));
            }
        }
    }

private:
    KubeClient* m_client = nullptr;
    QStringList m_namespaces;
};

QTEST_GUILESS_MAIN(TestBundleLab)
#include "tst_bundlelab.moc"
