// SPDX-License-Identifier: Apache-2.0
// The control-plane lab (tests/lab/lab) is what the kube tests stand on, so this proves the facts
// they rely on against the running lab, through the lab's own kubectl: the pinned Kubernetes
// version reached with each of the three users, Istio's WorkloadGroup CRD at networking.istio.io/v1,
// the Istio ConfigMaps as `istioctl manifest generate` wrote them for mesh1/cluster1/network1,
// istio-ca-root-cert published where asked, the controller manager's work, the helper commands, and
// that istioctl's own VM flow (`x workload entry configure`) finds everything it reads.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

#include "testsupport.h"

namespace {

using Run = TestSupport::BasicRun<QByteArray, QString>; // stdout as bytes, for json()

QString labKubeconfig()
{
    return qEnvironmentVariable("MESHDECK_LAB_KUBECONFIG");
}

// The lab links its binaries into <state>/bin, beside the kubeconfig.
QString labDir()
{
    return QFileInfo(labKubeconfig()).absolutePath();
}

Run kubectl(const QStringList& args, const QString& context = u"admin"_qs)
{
    return TestSupport::run<Run>(labDir() + u"/bin/kubectl"_qs,
                                 QStringList{u"--kubeconfig"_qs, labKubeconfig(), u"--context"_qs, context} + args);
}

Run labScript(const QStringList& args)
{
    return TestSupport::run<Run>(qEnvironmentVariable("MESHDECK_LAB_SCRIPT"), args, TestSupport::RunOptions().withTimeout(180000));
}

QString readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? QString::fromUtf8(f.readAll()) : QString();
}

// The version the lab pins (tests/lab/versions.env), which the built binaries must report.
QString pinnedKubernetesVersion()
{
    const QString env = readFile(qEnvironmentVariable("MESHDECK_SOURCE_DIR") + u"/tests/lab/versions.env"_qs);
    const auto match = QRegularExpression(u"^K8S_VERSION=(\\S+)$"_qs, QRegularExpression::MultilineOption).match(env);
    return match.captured(1);
}

bool exists(const QStringList& getArgs)
{
    return kubectl(QStringList{u"get"_qs} + getArgs).exitCode == 0;
}

} // namespace

class TestLabSmoke final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (labKubeconfig().isEmpty())
            QSKIP("MESHDECK_LAB_KUBECONFIG is not set: run through ctest (fixture lab) or tests/lab/lab env");
        if (!QFile::exists(labKubeconfig()))
            QSKIP("the lab is not up (lab/up skipped or failed): no kubeconfig at MESHDECK_LAB_KUBECONFIG");
        QVERIFY2(!pinnedKubernetesVersion().isEmpty(), "K8S_VERSION not found in tests/lab/versions.env");
        m_namespace = u"labsmoke-%1"_qs.arg(QCoreApplication::applicationPid());
        const Run created = kubectl({u"create"_qs, u"namespace"_qs, m_namespace});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
    }

    void cleanupTestCase()
    {
        if (!m_namespace.isEmpty())
            kubectl({u"delete"_qs, u"namespace"_qs, m_namespace, u"--wait=false"_qs});
    }

    void versionAndIdentityPerUser_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("user");
        QTest::newRow("client certificate") << u"admin"_qs << u"lab-admin"_qs;
        QTest::newRow("bearer token") << u"token"_qs << u"lab-token"_qs;
        QTest::newRow("exec plugin") << u"exec"_qs << u"lab-exec"_qs;
    }

    void versionAndIdentityPerUser()
    {
        QFETCH(QString, context);
        QFETCH(QString, user);
        const Run version = kubectl({u"get"_qs, u"--raw"_qs, u"/version"_qs}, context);
        QVERIFY2(version.exitCode == 0, qPrintable(version.err));
        QCOMPARE(version.json().value(u"gitVersion"_qs).toString(), pinnedKubernetesVersion());

        // The server says who it authenticated (SelfSubjectReview), so a context that silently fell
        // back to another credential would show here.
        const Run whoami = kubectl({u"auth"_qs, u"whoami"_qs, u"-o"_qs, u"json"_qs}, context);
        QVERIFY2(whoami.exitCode == 0, qPrintable(whoami.err));
        const QJsonObject info = whoami.json()[u"status"_qs][u"userInfo"_qs].toObject();
        QCOMPARE(info.value(u"username"_qs).toString(), user);
    }

    void wrongTokenIsRejected()
    {
        const Run r = kubectl({u"--token"_qs, u"not-a-lab-token"_qs, u"get"_qs, u"--raw"_qs, u"/version"_qs},
                              u"token"_qs);
        QVERIFY(r.exitCode != 0);
        QVERIFY2(r.err.contains(u"Unauthorized"_qs), qPrintable(r.err));
    }

    void execPluginSpeaksV1()
    {
        const QString calls = readFile(labDir() + u"/exec/calls"_qs);
        QVERIFY2(calls.contains(u"client.authentication.k8s.io/v1 "_qs), qPrintable(calls));
    }

    void workloadGroupServedAsV1()
    {
        const Run group = kubectl({u"get"_qs, u"--raw"_qs, u"/apis/networking.istio.io/v1"_qs});
        QVERIFY2(group.exitCode == 0, qPrintable(group.err));
        bool found = false;
        for (const QJsonValue& r : group.json().value(u"resources"_qs).toArray())
            found = found || (r[u"name"_qs] == u"workloadgroups"_qs && r[u"kind"_qs] == u"WorkloadGroup"_qs);
        QVERIFY2(found, group.out.constData());

        const Run crd = kubectl({u"get"_qs, u"crd"_qs, u"workloadgroups.networking.istio.io"_qs, u"-o"_qs, u"json"_qs});
        QVERIFY2(crd.exitCode == 0, qPrintable(crd.err));
        bool established = false;
        for (const QJsonValue& c : crd.json()[u"status"_qs][u"conditions"_qs].toArray())
            established = established || (c[u"type"_qs] == u"Established"_qs && c[u"status"_qs] == u"True"_qs);
        QVERIFY(established);
    }

    void istioConfigMapsCarryMeshClusterNetwork()
    {
        const Run mesh = kubectl({u"get"_qs, u"configmap"_qs, u"istio"_qs, u"-n"_qs, u"istio-system"_qs, u"-o"_qs, u"json"_qs});
        QVERIFY2(mesh.exitCode == 0, qPrintable(mesh.err));
        const QString meshConfig = mesh.json()[u"data"_qs][u"mesh"_qs].toString();
        QVERIFY2(meshConfig.contains(u"meshId: mesh1"_qs), qPrintable(meshConfig));

        const Run injector = kubectl({u"get"_qs, u"configmap"_qs, u"istio-sidecar-injector"_qs, u"-n"_qs,
                                      u"istio-system"_qs, u"-o"_qs, u"json"_qs});
        QVERIFY2(injector.exitCode == 0, qPrintable(injector.err));
        const QJsonObject values =
            QJsonDocument::fromJson(injector.json()[u"data"_qs][u"values"_qs].toString().toUtf8()).object();
        const QJsonObject global = values.value(u"global"_qs).toObject();
        QCOMPARE(global.value(u"meshID"_qs).toString(), u"mesh1"_qs);
        QCOMPARE(global.value(u"network"_qs).toString(), u"network1"_qs);
        QCOMPARE(global[u"multiCluster"_qs][u"clusterName"_qs].toString(), u"cluster1"_qs);
    }

    // The real istiod's namespace controller publishes its CA's root (the lab's root CA, given to
    // it as a plug-in CA) into every namespace, a new one included; `lab publish-root-cert` waits
    // for that.
    void rootCertPublishedByIstiod()
    {
        const QString rootCert = readFile(labDir() + u"/pki/istio-root-cert.pem"_qs);
        QVERIFY(rootCert.startsWith(u"-----BEGIN CERTIFICATE-----"_qs));
        const Run published = labScript({u"publish-root-cert"_qs, m_namespace});
        QVERIFY2(published.exitCode == 0, qPrintable(published.err));
        for (const QString& ns : {u"istio-system"_qs, m_namespace}) {
            const Run cm = kubectl({u"get"_qs, u"configmap"_qs, u"istio-ca-root-cert"_qs, u"-n"_qs, ns, u"-o"_qs, u"json"_qs});
            QVERIFY2(cm.exitCode == 0, qPrintable(cm.err));
            QCOMPARE(cm.json()[u"data"_qs][u"root-cert.pem"_qs].toString(), rootCert);
        }
        // istiod owns it: removed, it comes back.
        QVERIFY(kubectl({u"delete"_qs, u"configmap"_qs, u"istio-ca-root-cert"_qs, u"-n"_qs, m_namespace}).exitCode == 0);
        QTRY_VERIFY_WITH_TIMEOUT(exists({u"configmap"_qs, u"istio-ca-root-cert"_qs, u"-n"_qs, m_namespace}), 30000);
    }

    void controllerManagerRuns()
    {
        // serviceaccount and root-ca-cert-publisher controllers fill a new namespace ...
        QTRY_VERIFY_WITH_TIMEOUT(exists({u"serviceaccount"_qs, u"default"_qs, u"-n"_qs, m_namespace}), 30000);
        QTRY_VERIFY_WITH_TIMEOUT(exists({u"configmap"_qs, u"kube-root-ca.crt"_qs, u"-n"_qs, m_namespace}), 30000);
        // ... and the namespace controller lets a deleted one go instead of leaving it Terminating.
        const QString doomed = m_namespace + u"-gone"_qs;
        QCOMPARE(kubectl({u"create"_qs, u"namespace"_qs, doomed}).exitCode, 0);
        QCOMPARE(kubectl({u"delete"_qs, u"namespace"_qs, doomed, u"--wait=false"_qs}).exitCode, 0);
        QTRY_VERIFY_WITH_TIMEOUT(!exists({u"namespace"_qs, doomed}), 60000);
    }

    void loadBalancerIpThroughStatus()
    {
        const Run created = kubectl({u"create"_qs, u"service"_qs, u"loadbalancer"_qs, u"istio-eastwestgateway"_qs,
                                     u"-n"_qs, m_namespace, u"--tcp=15443:15443"_qs});
        QVERIFY2(created.exitCode == 0, qPrintable(created.err));
        const Run set = labScript({u"lb-ip"_qs, m_namespace, u"istio-eastwestgateway"_qs, u"198.18.0.2"_qs});
        QVERIFY2(set.exitCode == 0, qPrintable(set.err));
        const Run svc = kubectl({u"get"_qs, u"service"_qs, u"istio-eastwestgateway"_qs, u"-n"_qs, m_namespace, u"-o"_qs, u"json"_qs});
        const QJsonValue ingress = svc.json()[u"status"_qs][u"loadBalancer"_qs][u"ingress"_qs][0];
        QCOMPARE(ingress[u"ip"_qs].toString(), u"198.18.0.2"_qs);
    }

    void istioctlWorkloadEntryConfigure()
    {
        // Everything istioctl reads for a VM (shared/reference/real-cluster-lab.md §6): the WorkloadGroup, the two
        // ConfigMaps, istio-ca-root-cert in the group's namespace, a TokenRequest for its service
        // account and the east-west gateway's load-balancer address.
        QCOMPARE(kubectl({u"create"_qs, u"serviceaccount"_qs, u"vm-sa"_qs, u"-n"_qs, m_namespace}).exitCode, 0);
        QProcess apply;
        apply.start(labDir() + u"/bin/kubectl"_qs,
                    {u"--kubeconfig"_qs, labKubeconfig(), u"apply"_qs, u"--server-side"_qs, u"-f"_qs, u"-"_qs});
        apply.write(u"apiVersion: networking.istio.io/v1\nkind: WorkloadGroup\nmetadata: {name: vm-group, namespace: %1}\n"
                    "spec:\n  metadata: {labels: {app: vm-app}}\n  template: {serviceAccount: vm-sa, network: vm-network}\n"_qs
                        .arg(m_namespace)
                        .toUtf8());
        apply.closeWriteChannel();
        QVERIFY(apply.waitForFinished(60000));
        QVERIFY2(apply.exitCode() == 0, apply.readAllStandardError().constData());
        QCOMPARE(labScript({u"publish-root-cert"_qs, m_namespace}).exitCode, 0);

        const QStringList gateway{u"service"_qs, u"istio-eastwestgateway"_qs, u"-n"_qs, u"istio-system"_qs};
        const auto removeGateway = qScopeGuard([&] { kubectl(QStringList{u"delete"_qs} + gateway); });
        QCOMPARE(kubectl({u"create"_qs, u"service"_qs, u"loadbalancer"_qs, u"istio-eastwestgateway"_qs, u"-n"_qs,
                          u"istio-system"_qs, u"--tcp=15443:15443"_qs})
                     .exitCode,
                 0);
        QCOMPARE(labScript({u"lb-ip"_qs, u"istio-system"_qs, u"istio-eastwestgateway"_qs, u"198.18.0.2"_qs}).exitCode, 0);

        QTemporaryDir out;
        const Run configured = TestSupport::run<Run>(
            labDir() + u"/bin/istioctl"_qs, {u"--kubeconfig"_qs, labKubeconfig(), u"x"_qs, u"workload"_qs, u"entry"_qs,
                                              u"configure"_qs, u"-n"_qs, m_namespace, u"--name"_qs, u"vm-group"_qs,
                                              u"-o"_qs, out.path(), u"--autoregister"_qs});
        QVERIFY2(configured.exitCode == 0, qPrintable(configured.err));
        const QString clusterEnv = readFile(out.filePath(u"cluster.env"_qs));
        QVERIFY2(clusterEnv.contains(u"ISTIO_META_CLUSTER_ID='cluster1'\n"_qs), qPrintable(clusterEnv));
        QVERIFY2(clusterEnv.contains(u"ISTIO_META_MESH_ID='mesh1'\n"_qs), qPrintable(clusterEnv));
        QVERIFY2(clusterEnv.contains(u"SERVICE_ACCOUNT='vm-sa'\n"_qs), qPrintable(clusterEnv));
        QCOMPARE(readFile(out.filePath(u"hosts"_qs)), u"198.18.0.2 istiod.istio-system.svc\n"_qs);
        QCOMPARE(readFile(out.filePath(u"root-cert.pem"_qs)), readFile(labDir() + u"/pki/istio-root-cert.pem"_qs));
        // A real TokenRequest: a JWT signed by the lab apiserver for audience istio-ca.
        const QStringList jwt = readFile(out.filePath(u"istio-token"_qs)).split(u'.');
        QCOMPARE(jwt.size(), 3);
        const QJsonObject claims =
            QJsonDocument::fromJson(QByteArray::fromBase64(jwt.at(1).toLatin1(), QByteArray::Base64UrlEncoding)).object();
        QCOMPARE(claims.value(u"aud"_qs).toArray().first().toString(), u"istio-ca"_qs);
    }

    void apiserverRestartKeepsData()
    {
        const Run restarted = labScript({u"restart-apiserver"_qs});
        QVERIFY2(restarted.exitCode == 0, qPrintable(restarted.err));
        QVERIFY(exists({u"namespace"_qs, m_namespace}));
        QVERIFY(exists({u"configmap"_qs, u"istio"_qs, u"-n"_qs, u"istio-system"_qs}));
    }

private:
    QString m_namespace;
};

QTEST_GUILESS_MAIN(TestLabSmoke)
#include "tst_labsmoke.moc"
