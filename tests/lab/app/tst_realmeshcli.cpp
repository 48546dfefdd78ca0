// SPDX-License-Identifier: Apache-2.0
// The seeds' real ending, through meshdeck's own commands, with a real istiod, pilot-agent and
// Envoy (issue 12; docs/lab.md, "The real mesh"): `meshdeck onboard` on two lab VMs, after which
// - each VM's agent holds a certificate istiod signed for the group's SPIFFE identity, obtained
//   with the token meshdeck delivered;
// - istiod has created each VM's WorkloadEntry (the group's labels, the VM's address and network),
//   and `meshdeck status` lists them healthy;
// - the WorkloadGroup's probe drives Healthy: the VM's application stopped, it turns False within
//   periodSeconds x failureThreshold plus a margin; started again, True;
// - a reboot (the token on tmpfs is gone): the agent comes back on its certificate; powered off
//   longer than the certificate lives, `meshdeck refresh-token` brings it back;
// - `meshdeck offboard` makes the WorkloadEntry go away;
// - bundles the real agent refuses fail the start step with the agent's own words.
// Every figure it measures is printed (qInfo) for docs/testing.md.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "testsupport.h"

namespace {

using TestSupport::Run;

const TestSupport::RunOptions patient = TestSupport::RunOptions().withTimeout(300000).withAbortOnTimeout();

Run meshdeck(const QStringList& args)
{
    return TestSupport::run(qEnvironmentVariable("MESHDECK_BINARY"), args, patient);
}

QString labKubeconfig() { return qEnvironmentVariable("MESHDECK_LAB_KUBECONFIG"); }
QString sshConfig() { return qEnvironmentVariable("MESHDECK_LAB_SSH_CONFIG"); }
QString labDir() { return QFileInfo(sshConfig()).absolutePath(); }

Run lab(const QStringList& args)
{
    return TestSupport::run(qEnvironmentVariable("MESHDECK_LAB_SCRIPT"), args, patient);
}

Run kubectl(const QStringList& args)
{
    return TestSupport::run(QFileInfo(labKubeconfig()).absolutePath() + u"/bin/kubectl"_qs,
                            QStringList{u"--kubeconfig"_qs, labKubeconfig(), u"--context"_qs, u"admin"_qs} + args, patient);
}

Run asRoot(const QString& vm, const QString& script)
{
    return TestSupport::run(u"ssh"_qs, {u"-F"_qs, labDir() + u"/vms/lab_ssh_config"_qs, vm, script}, patient);
}

QString vmNet() { return u"198.18."_qs + QString::number(qEnvironmentVariableIntValue("MESHDECK_LAB_VM_NET")); }
QString vmAddress(int n) { return vmNet() + u'.' + QString::number(10 + n); }

const QString kNamespace = u"realmesh"_qs;
const QString kGroup = u"envoydummy"_qs;
const QString kServiceAccount = u"realmesh-sa"_qs;
//! The workload certificates' lifetime the group asks for (proxyMetadata SECRET_TTL): short, so
//! that a VM can be powered off for longer.
const int kSecretTtlSeconds = 90;

} // namespace

class TestRealMeshCli final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!QFileInfo::exists(labKubeconfig()) || !QFileInfo::exists(sshConfig()))
            QSKIP("no lab (MESHDECK_LAB_KUBECONFIG, MESHDECK_LAB_SSH_CONFIG)");
        QVERIFY(m_dir.isValid());
        m_deb = qEnvironmentVariable("MESHDECK_LAB_SIDECAR_DEB");
        QVERIFY2(QFileInfo::exists(m_deb), qPrintable(m_deb));
        // The real package, not the stand-in: its agent is Istio's.
        QVERIFY(asRoot(u"vm1"_qs, u"true"_qs).exitCode == 0);
        const Run fields = TestSupport::run(u"dpkg-deb"_qs, {u"-c"_qs, m_deb}, patient);
        QVERIFY2(fields.out.contains(u"./usr/local/bin/envoy"_qs) && fields.out.contains(u"./usr/local/bin/pilot-agent"_qs),
                 qPrintable(fields.out.left(2000)));
        for (int vm : {1, 2, 3})
            m_before.insert(vm, asRoot(u"vm"_qs + QString::number(vm), listing()).out);

        m_plan = writePlan(u"plan.yaml"_qs, kGroup, {1, 2, 3});
        const Run apply = meshdeck({u"apply"_qs, u"--plan"_qs, m_plan});
        QVERIFY2(apply.exitCode == 0, qPrintable(apply.out + apply.err));
        QVERIFY(lab({u"publish-root-cert"_qs, kNamespace}).exitCode == 0);
        QString knownHosts;
        QString config = QString::fromUtf8(TestSupport::readAll(sshConfig()));
        config.replace(labDir() + u"/known_hosts"_qs, m_dir.filePath(u"known_hosts"_qs));
        m_sshConfig = m_dir.filePath(u"ssh_config"_qs);
        QVERIFY(TestSupport::writeFile(m_sshConfig, config.toUtf8()));
    }

    void cleanupTestCase()
    {
        if (m_plan.isEmpty())
            return;
        meshdeck({u"offboard"_qs, u"--plan"_qs, m_plan, u"--ssh-config"_qs, m_sshConfig, u"--sudo-password-file"_qs,
                  qEnvironmentVariable("MESHDECK_LAB_SUDO_PASSWORD_FILE")});
        lab({u"restart-istiod"_qs});
        kubectl({u"delete"_qs, u"namespace"_qs, kNamespace, u"--wait=true"_qs, u"--timeout=120s"_qs});
    }

    // onboard → the agent's certificate from istiod → istiod's WorkloadEntry → status sees it healthy.
    void onboardJoinsTheMesh()
    {
        QElapsedTimer t;
        t.start();
        const Run r = onboard({u"vm1"_qs, u"vm2"_qs});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        qInfo("onboard of 2 VMs with the real agent: %.1f s", double(t.elapsed()) / 1000.0);
        QVERIFY2(r.out.contains(u"the agent ready"_qs), qPrintable(r.out));

        const QString rootPem = kubectl({u"get"_qs, u"configmap"_qs, u"istio-ca-root-cert"_qs, u"-n"_qs, kNamespace, u"-o"_qs,
                                         u"jsonpath={.data.root-cert\\.pem}"_qs}).out;
        QVERIFY(rootPem.contains(u"BEGIN CERTIFICATE"_qs));
        QVERIFY(TestSupport::writeFile(m_dir.filePath(u"root.pem"_qs), rootPem.toUtf8()));
        for (int vm : {1, 2}) {
            const QString name = u"vm"_qs + QString::number(vm);
            // The agent wrote what istiod signed (OUTPUT_CERTS=/etc/certs).
            const Run chain = asRoot(name, u"cat /etc/certs/cert-chain.pem"_qs);
            QVERIFY2(chain.exitCode == 0 && chain.out.contains(u"BEGIN CERTIFICATE"_qs), qPrintable(name + chain.err));
            const QString chainFile = m_dir.filePath(name + u"-chain.pem"_qs);
            QVERIFY(TestSupport::writeFile(chainFile, chain.out.toUtf8()));
            const Run san = TestSupport::run(u"openssl"_qs, {u"x509"_qs, u"-in"_qs, chainFile, u"-noout"_qs, u"-ext"_qs, u"subjectAltName"_qs}, patient);
            QVERIFY2(san.out.contains(u"URI:spiffe://cluster.local/ns/"_qs + kNamespace + u"/sa/"_qs + kServiceAccount), qPrintable(san.out));
            const Run verify = TestSupport::run(u"openssl"_qs, {u"verify"_qs, u"-CAfile"_qs, m_dir.filePath(u"root.pem"_qs), chainFile}, patient);
            QVERIFY2(verify.exitCode == 0, qPrintable(verify.out + verify.err));
        }

        // istiod's WorkloadEntries: one per VM, named as auto-registration names them.
        QJsonArray entries;
        QTRY_VERIFY_WITH_TIMEOUT((entries = workloadEntries()).size() == 2, 30000);
        for (const QJsonValue& v : std::as_const(entries)) {
            const QJsonObject e = v.toObject();
            const QString address = e[u"spec"_qs][u"address"_qs].toString();
            QVERIFY2(address == vmAddress(1) || address == vmAddress(2), qPrintable(address));
            QCOMPARE(e[u"metadata"_qs][u"name"_qs].toString(), kGroup + u'-' + address + u"-network1"_qs);
            QCOMPARE(e[u"spec"_qs][u"network"_qs].toString(), u"network1"_qs);
            QCOMPARE(e[u"spec"_qs][u"labels"_qs][u"app"_qs].toString(), u"envoydummy"_qs);
            QCOMPARE(e[u"spec"_qs][u"serviceAccount"_qs].toString(), kServiceAccount);
            QCOMPARE(e[u"metadata"_qs][u"annotations"_qs][u"istio.io/autoRegistrationGroup"_qs].toString(), kGroup);
            QCOMPARE(e[u"metadata"_qs][u"ownerReferences"_qs][0][u"kind"_qs].toString(), u"WorkloadGroup"_qs);
        }
        QElapsedTimer healthy;
        healthy.start();
        QTRY_VERIFY_WITH_TIMEOUT(healthOf(vmAddress(1)) == u"True" && healthOf(vmAddress(2)) == u"True", 30000);
        qInfo("both WorkloadEntries Healthy=True %.1f s after onboard returned", double(healthy.elapsed()) / 1000.0);

        const Run status = meshdeck({u"status"_qs, u"--plan"_qs, m_plan});
        for (int vm : {1, 2})
            QVERIFY2(status.out.contains(QRegularExpression(u"healthy +"_qs + kNamespace + u'/' + kGroup + u' ' + kGroup + u'-'
                                                            + QRegularExpression::escape(vmAddress(vm)) + u"-network1 "_qs)),
                     qPrintable(status.out));
    }

    // The group's probe (httpGet :10000, periodSeconds 2, failureThreshold 3) drives Healthy.
    void healthFollowsTheApplication()
    {
        if (healthOf(vmAddress(1)) != u"True")
            QSKIP("needs onboardJoinsTheMesh");
        QVERIFY(asRoot(u"vm1"_qs, u"systemctl stop lab-app"_qs).exitCode == 0);
        QElapsedTimer t;
        t.start();
        // periodSeconds 2 x failureThreshold 3 = 6 s, plus a 10 s margin (istiod's write, the watch).
        QTRY_VERIFY_WITH_TIMEOUT(healthOf(vmAddress(1)) == u"False", 16000);
        qInfo("application stopped: Healthy=False after %.1f s (bound 6 s + 10 s)", double(t.elapsed()) / 1000.0);
        QCOMPARE(healthOf(vmAddress(2)), u"True"_qs);
        QVERIFY(asRoot(u"vm1"_qs, u"systemctl start lab-app"_qs).exitCode == 0);
        t.restart();
        QTRY_VERIFY_WITH_TIMEOUT(healthOf(vmAddress(1)) == u"True", 14000);
        qInfo("application started: Healthy=True after %.1f s (bound 2 s x 1 + 10 s)", double(t.elapsed()) / 1000.0);
    }

    // The token lives on tmpfs: a reboot removes it. While its certificate is valid the agent
    // comes back by itself (it authenticates with /etc/certs, istio.io's "cert lifecycle").
    void rebootWithAValidCertificate()
    {
        if (healthOf(vmAddress(1)) != u"True")
            QSKIP("needs onboardJoinsTheMesh");
        QElapsedTimer t;
        t.start();
        const Run reboot = lab({u"vm-reboot"_qs, u"vm1"_qs});
        QVERIFY2(reboot.exitCode == 0, qPrintable(reboot.out + reboot.err));
        qInfo("vm1 rebooted in %.1f s", double(t.elapsed()) / 1000.0);
        QCOMPARE(asRoot(u"vm1"_qs, u"test -e /var/run/secrets/tokens/istio-token && echo present || echo gone"_qs).out, u"gone\n"_qs);
        t.restart();
        QTRY_VERIFY_WITH_TIMEOUT(agentReady(u"vm1"_qs), 120000);
        QTRY_VERIFY_WITH_TIMEOUT(healthOf(vmAddress(1)) == u"True", 60000);
        qInfo("after the reboot, without a token: the agent ready and Healthy=True %.1f s after boot", double(t.elapsed()) / 1000.0);
        QVERIFY2(asRoot(u"vm1"_qs, u"test -e /var/run/secrets/tokens/istio-token && echo present || echo gone"_qs).out == u"gone\n",
                 "the agent came back without a token");
    }

    // Powered off longer than the certificate's lifetime (the group's SECRET_TTL, 90 s here),
    // the agent cannot authenticate: neither a valid certificate nor a token. `meshdeck
    // refresh-token` delivers a new token; the agent takes it at its next attempt.
    void rebootAfterTheCertificateLapsed()
    {
        if (healthOf(vmAddress(1)) != u"True")
            QSKIP("needs rebootWithAValidCertificate");
        const Run reboot = lab({u"vm-reboot"_qs, u"vm1"_qs, QString::number(kSecretTtlSeconds + 15)});
        QVERIFY2(reboot.exitCode == 0, qPrintable(reboot.out + reboot.err));
        // The certificate the agent holds has lapsed (the group's SECRET_TTL reached the agent)...
        const Run chain = asRoot(u"vm1"_qs, u"cat /etc/certs/cert-chain.pem"_qs);
        QVERIFY(TestSupport::writeFile(m_dir.filePath(u"lapsed.pem"_qs), chain.out.toUtf8()));
        const Run lapsed = TestSupport::run(u"openssl"_qs, {u"x509"_qs, u"-in"_qs, m_dir.filePath(u"lapsed.pem"_qs), u"-noout"_qs,
                                                            u"-checkend"_qs, u"0"_qs}, patient);
        QVERIFY2(lapsed.exitCode == 1, qPrintable(lapsed.out));
        // ... so it stays out: no certificate it can use, no token.
        QTest::qWait(20000);
        QVERIFY(!agentReady(u"vm1"_qs));
        const Run log = asRoot(u"vm1"_qs, u"grep -h -i -E 'error|warn' /var/log/istio/istio.err.log /var/log/istio/istio.log 2>/dev/null | tail -n 2"_qs);
        qInfo("the agent, certificate lapsed and no token: %s", qPrintable(log.out.trimmed()));
        QElapsedTimer t;
        t.start();
        const Run refresh = meshdeck({u"refresh-token"_qs, u"--plan"_qs, m_plan, u"--vm"_qs, u"vm1"_qs, u"--ssh-config"_qs, m_sshConfig,
                                      u"--sudo-password-file"_qs, qEnvironmentVariable("MESHDECK_LAB_SUDO_PASSWORD_FILE")});
        QVERIFY2(refresh.exitCode == 0, qPrintable(refresh.out + refresh.err));
        QTRY_VERIFY_WITH_TIMEOUT(agentReady(u"vm1"_qs), 120000);
        QTRY_VERIFY_WITH_TIMEOUT(healthOf(vmAddress(1)) == u"True", 60000);
        qInfo("refresh-token: the agent ready and Healthy=True %.1f s after it started", double(t.elapsed()) / 1000.0);
    }

    // istiod refuses a token for an audience it does not accept: the start step fails with the
    // agent's words, not a timeout.
    void wrongAudienceIsRefusedInTheAgentsWords()
    {
        QVERIFY(lab({u"restart-istiod"_qs, u"TOKEN_AUDIENCES=not-istio-ca"_qs}).exitCode == 0);
        const Run r = onboard({u"vm3"_qs});
        QVERIFY(lab({u"restart-istiod"_qs}).exitCode == 0);
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.out.contains(u"the agent did not become ready"_qs), qPrintable(r.out));
        // The agent's own line about the certificate it could not get.
        QVERIFY2(r.out.contains(QRegularExpression(u"(CSR|certificate|authenticat)"_qs)), qPrintable(r.out));
        // With istiod accepting it again, a rerun finishes the job.
        const Run again = onboard({u"vm3"_qs});
        QVERIFY2(again.exitCode == 0, qPrintable(again.out + again.err));
    }

    // A group whose WorkloadGroup is not in the cluster: refused before anything reaches the VM
    // (istioctl --name refuses too); a group deleted after onboarding: the agent's words.
    void missingGroupIsRefused()
    {
        const QString plan = writePlan(u"nogroup.yaml"_qs, u"nosuchgroup"_qs, {3});
        const Run bundle = meshdeck({u"bundle"_qs, u"--plan"_qs, plan, u"--vm"_qs, u"vm3"_qs, u"-o"_qs, m_dir.filePath(u"nogroup"_qs)});
        QVERIFY(bundle.exitCode != 0);
        QVERIFY2(bundle.err.contains(u"nosuchgroup"_qs) && bundle.err.contains(u"meshdeck apply"_qs), qPrintable(bundle.err));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"nogroup/istio-token"_qs)));
    }

    // offboard: the WorkloadEntry goes (meshdeck removes it; istiod would after its grace period).
    void offboardRemovesTheEntry()
    {
        QElapsedTimer t;
        t.start();
        const Run r = meshdeck({u"offboard"_qs, u"--plan"_qs, m_plan, u"--ssh-config"_qs, m_sshConfig, u"--vm"_qs, u"vm2"_qs,
                                u"--sudo-password-file"_qs, qEnvironmentVariable("MESHDECK_LAB_SUDO_PASSWORD_FILE")});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QTRY_VERIFY_WITH_TIMEOUT(healthOf(vmAddress(2)) == u"absent", 30000);
        qInfo("offboard of vm2: its WorkloadEntry gone %.1f s after offboard started; offboard said: %s", double(t.elapsed()) / 1000.0,
              qPrintable(r.out.section(u'\n', -3)));
        QCOMPARE(asRoot(u"vm2"_qs, listing()).out, m_before.value(2));
        QCOMPARE(healthOf(vmAddress(1)), u"True"_qs);
    }

private:
    static QString listing()
    {
        return uR"(for p in /etc/certs /etc/istio /var/lib/istio /var/run/secrets; do
  if [ -e "$p" ] || [ -L "$p" ]; then find "$p" -printf '%p %M %u:%g\n' | sort; else echo "$p absent"; fi
done; cat /etc/hosts; dpkg-query -W istio-sidecar 2>&1; systemctl is-enabled istio 2>&1)"_qs;
    }

    QString writePlan(const QString& file, const QString& group, const QList<int>& vms)
    {
        QString text = uR"(apiVersion: meshdeck.io/v1alpha1
kind: OnboardingPlan
metadata: {name: realmesh}
cluster: {kubeconfig: %KUBECONFIG%, context: admin}
mesh:
  istioVersion: "1.31.0"
  meshID: mesh1
  clusterName: cluster1
  network: network1
eastWestGateway:
  network: network1
  form: istioOperator
  address: %GATEWAY%
vmGroups:
- name: %GROUP%
  namespace: %NS%
  serviceAccount: %SA%
  network: network1
  labels: {app: envoydummy}
  probe:
    initialDelaySeconds: 1
    periodSeconds: 2
    failureThreshold: 3
    httpGet: {port: 10000, path: /}
  autoRegister: true
  annotations:
    proxy.istio.io/config: |
      proxyMetadata:
        SECRET_TTL: "%TTL%s"
vms:
)"_qs;
        for (int vm : vms) {
            text += u"- name: vm%1\n  group: %GROUP%\n  address: vm%1\n"_qs.arg(vm);
            if (vm == 2)
                text += u"  ssh: {user: sudopw}\n"_qs; // sudo asks for the password
        }
        text.replace(u"%KUBECONFIG%"_qs, labKubeconfig());
        text.replace(u"%GATEWAY%"_qs, vmNet() + u".2"_qs);
        text.replace(u"%GROUP%"_qs, group);
        text.replace(u"%NS%"_qs, kNamespace);
        text.replace(u"%SA%"_qs, kServiceAccount);
        text.replace(u"%TTL%"_qs, QString::number(kSecretTtlSeconds));
        const QString path = m_dir.filePath(file);
        return TestSupport::writeFile(path, text.toUtf8()) ? path : QString();
    }

    Run onboard(const QStringList& vms)
    {
        QStringList args{u"onboard"_qs, u"--plan"_qs, m_plan, u"--ssh-config"_qs, m_sshConfig, u"--accept-new-host-keys"_qs,
                         u"--package"_qs, m_deb, u"--sudo-password-file"_qs, qEnvironmentVariable("MESHDECK_LAB_SUDO_PASSWORD_FILE")};
        for (const QString& vm : vms)
            args << u"--vm"_qs << vm;
        return meshdeck(args);
    }

    //! The agent on the VM answers /healthz/ready with 200.
    static bool agentReady(const QString& vm)
    {
        return asRoot(vm, u"curl -s -o /dev/null -m 3 -w '%{http_code}' localhost:15021/healthz/ready"_qs).out == u"200"_qs;
    }

    QJsonArray workloadEntries()
    {
        const Run r = kubectl({u"get"_qs, u"workloadentries.networking.istio.io"_qs, u"-n"_qs, kNamespace, u"-o"_qs, u"json"_qs});
        return QJsonDocument::fromJson(r.out.toUtf8()).object()[u"items"_qs].toArray();
    }

    //! The Healthy condition of the entry for address: "True", "False", "unset" (none yet), "absent" (no entry).
    QString healthOf(const QString& address)
    {
        for (const QJsonValue& v : workloadEntries()) {
            const QJsonObject e = v.toObject();
            if (e[u"spec"_qs][u"address"_qs].toString() != address)
                continue;
            for (const QJsonValue& c : e[u"status"_qs][u"conditions"_qs].toArray())
                if (c[u"type"_qs].toString() == u"Healthy")
                    return c[u"status"_qs].toString();
            return u"unset"_qs;
        }
        return u"absent"_qs;
    }

    QTemporaryDir m_dir;
    QString m_plan;
    QString m_deb;
    QString m_sshConfig;
    QHash<int, QString> m_before;
};

QTEST_GUILESS_MAIN(TestRealMeshCli)
#include "tst_realmeshcli.moc"
