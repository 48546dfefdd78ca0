// SPDX-License-Identifier: Apache-2.0
// meshdeck bundle / onboard / offboard: the real binary, its options and exit codes, and (with
// the control-plane and VM labs) a whole run as a CI job would do it: plain lines, host keys
// refused unless accepted, --dry-run, a resumed rerun, the sudo password from a file that never
// shows up in any output or in the state file.
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include "testsupport.h"

namespace {

using TestSupport::Run;

// The binary, the lab's commands and ssh: three minutes each, and one that hangs ends the suite.
const TestSupport::RunOptions patient = TestSupport::RunOptions().withTimeout(180000).withAbortOnTimeout();

Run meshdeck(const QStringList& args)
{
    return TestSupport::run(qEnvironmentVariable("MESHDECK_BINARY"), args, patient);
}

QString example()
{
    return TestSupport::sourceDir() + u"/examples/book-chapter10.yaml"_qs;
}

QString labKubeconfig()
{
    return qEnvironmentVariable("MESHDECK_LAB_KUBECONFIG");
}

QString sshConfig()
{
    return qEnvironmentVariable("MESHDECK_LAB_SSH_CONFIG");
}

bool haveLabs()
{
    return QFileInfo::exists(labKubeconfig()) && QFileInfo::exists(sshConfig());
}

Run asRoot(const QString& vm, const QString& script)
{
    return TestSupport::run(u"ssh"_qs, {u"-F"_qs, QFileInfo(sshConfig()).absolutePath() + u"/vms/lab_ssh_config"_qs, vm, script},
                            patient);
}

const QString listing = uR"(for p in /etc/certs /etc/istio /var/lib/istio /var/log/istio /var/run/secrets; do
  if [ -e "$p" ] || [ -L "$p" ]; then find "$p" -printf '%p %M %u:%g %s\n' | sort; else echo "$p absent"; fi
done; cat /etc/hosts; dpkg-query -W istio-sidecar 2>&1; systemctl is-enabled istio 2>&1)"_qs;

} // namespace

class TestOnboardCli final : public QObject
{
    Q_OBJECT

private slots:
    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("bundle without --vm") << QStringList{u"bundle"_qs, u"--plan"_qs, example(), u"-o"_qs, u"/tmp/x"_qs}
                                             << u"--vm NAME and --output DIR are required"_qs;
        QTest::newRow("parallel 0") << QStringList{u"onboard"_qs, u"--plan"_qs, example(), u"--parallel"_qs, u"0"_qs}
                                    << u"--parallel takes a number"_qs;
        QTest::newRow("missing package") << QStringList{u"onboard"_qs, u"--plan"_qs, example(), u"--package"_qs, u"/nonexistent.deb"_qs}
                                         << u"cannot read the package"_qs;
        QTest::newRow("package URL not http") << QStringList{u"onboard"_qs, u"--plan"_qs, example(), u"--package"_qs, u"ftp://x/y.deb"_qs}
                                              << u"is not an http(s) URL"_qs;
        QTest::newRow("unknown VM") << QStringList{u"offboard"_qs, u"--plan"_qs, example(), u"--vm"_qs, u"nosuch"_qs}
                                    << u"the plan has no VM named 'nosuch'"_qs;
        QTest::newRow("missing password file") << QStringList{u"onboard"_qs, u"--plan"_qs, example(), u"--sudo-password-file"_qs, u"/nonexistent"_qs}
                                               << u"cannot read /nonexistent"_qs;
        QTest::newRow("no password on the command line") << QStringList{u"onboard"_qs, u"--plan"_qs, example(), u"--sudo-password"_qs, u"x"_qs}
                                                         << u"Unknown option 'sudo-password'"_qs;
    }

    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        const Run r = meshdeck(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message), qPrintable(r.err));
    }

    void helpNamesTheOptions()
    {
        const Run onboard = meshdeck({u"onboard"_qs, u"--help"_qs});
        QCOMPARE(onboard.exitCode, 0);
        for (const QString& option : {u"--vm"_qs, u"--parallel"_qs, u"--dry-run"_qs, u"--package"_qs, u"--accept-new-host-keys"_qs,
                                      u"--sudo-password-file"_qs, u"--ssh-config"_qs})
            QVERIFY2(onboard.out.contains(option), qPrintable(option));
        QVERIFY(meshdeck({u"offboard"_qs, u"--help"_qs}).out.contains(u"--cluster"_qs));
        QVERIFY(meshdeck({u"bundle"_qs, u"--help"_qs}).out.contains(u"--output"_qs));
        QVERIFY(meshdeck({u"--help"_qs}).out.contains(u"onboard"_qs));
    }

    void bundleWritesTheFiveFiles()
    {
        if (!haveLabs())
            QSKIP("no lab (MESHDECK_LAB_KUBECONFIG, MESHDECK_LAB_SSH_CONFIG)");
        prepareCluster();
        const QString out = m_dir.filePath(u"bundle"_qs);
        const Run r = meshdeck({u"bundle"_qs, u"--plan"_qs, m_plan, u"--kubeconfig"_qs, labKubeconfig(), u"--vm"_qs,
                                u"chapter10-instance"_qs, u"-o"_qs, out});
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        QCOMPARE(QDir(out).entryList(QDir::Files),
                 (QStringList{u"cluster.env"_qs, u"hosts"_qs, u"istio-token"_qs, u"mesh.yaml"_qs, u"root-cert.pem"_qs}));
        struct stat st{};
        QCOMPARE(::stat(QFile::encodeName(out + u"/istio-token"_qs).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 0777), 0600);
        QVERIFY(r.err.contains(u"is a credential (mode 0600)"_qs));
        QVERIFY(!r.out.contains(QString::fromLatin1(TestSupport::readAll(out + u"/istio-token"_qs))));
    }

    void onboardOffboardAsCiWould()
    {
        if (!haveLabs())
            QSKIP("no lab (MESHDECK_LAB_KUBECONFIG, MESHDECK_LAB_SSH_CONFIG)");
        prepareCluster();
        const QString before1 = asRoot(u"vm1"_qs, listing).out;
        const QString before2 = asRoot(u"vm2"_qs, listing).out;
        const QString state = m_plan + u".state.json"_qs;
        // The lab's ssh config with this test's own, empty known_hosts.
        QString config = QString::fromUtf8(TestSupport::readAll(sshConfig()));
        config.replace(QFileInfo(sshConfig()).absolutePath() + u"/known_hosts"_qs, m_dir.filePath(u"known_hosts"_qs));
        const QString ownConfig = m_dir.filePath(u"ssh_config"_qs);
        QVERIFY(TestSupport::writeFile(ownConfig, config.toUtf8()));
        const QStringList common{u"--plan"_qs, m_plan, u"--kubeconfig"_qs, labKubeconfig(), u"--ssh-config"_qs, ownConfig,
                                 u"--sudo-password-file"_qs, qEnvironmentVariable("MESHDECK_LAB_SUDO_PASSWORD_FILE")};
        const QStringList package{u"--package"_qs, qEnvironmentVariable("MESHDECK_LAB_STANDIN_DEB")};

        // Unknown host keys without a terminal and without --accept-new-host-keys: refused.
        Run r = meshdeck(QStringList{u"onboard"_qs} + common + package);
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains(u"refused the unknown host key"_qs), qPrintable(r.err));
        QVERIFY2(r.out.contains(u"0 of 2 VMs ok"_qs), qPrintable(r.out));

        // A dry run connects and checks, and changes nothing, not even the state file.
        QFile::remove(state);
        r = meshdeck(QStringList{u"onboard"_qs, u"--dry-run"_qs, u"--accept-new-host-keys"_qs} + common + package);
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY(r.out.contains(u"would install istio-sidecar"_qs));
        QVERIFY(r.out.contains(u"dry run: nothing was changed"_qs));
        QCOMPARE(asRoot(u"vm1"_qs, listing).out, before1);
        QVERIFY(!QFileInfo::exists(state));

        // The real thing, with plain lines per step, in parallel.
        r = meshdeck(QStringList{u"onboard"_qs, u"--parallel"_qs, u"2"_qs, u"--verbose"_qs} + common + package);
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY(r.out.contains(u"2 of 2 VMs ok"_qs));
        for (const QString& vm : {u"chapter10-instance"_qs, u"sudo-vm"_qs})
            for (const QString& step : {u"preflight"_qs, u"bundle"_qs, u"package"_qs, u"distribute"_qs, u"start"_qs})
                QVERIFY2(r.out.contains(QRegularExpression(vm + u" +"_qs + step + u" +done"_qs)), qPrintable(vm + u' ' + step));
        QCOMPARE(asRoot(u"vm2"_qs, u"systemctl is-active istio"_qs).out, u"active\n"_qs);
        // Secrets go nowhere: not the sudo password (not even in --verbose command lines), not the token.
        const QByteArray password = TestSupport::readAll(qEnvironmentVariable("MESHDECK_LAB_SUDO_PASSWORD_FILE")).trimmed();
        const QByteArray token = asRoot(u"vm1"_qs, u"cat /var/run/secrets/tokens/istio-token"_qs).out.toUtf8();
        QVERIFY(token.count('.') == 2);
        QVERIFY(!r.out.toUtf8().contains(password) && !r.err.toUtf8().contains(password));
        QVERIFY(!r.out.toUtf8().contains(token) && !r.err.toUtf8().contains(token));
        const QByteArray stateText = TestSupport::readAll(state);
        QVERIFY(stateText.contains("MeshdeckOnboardingState"));
        QVERIFY(!stateText.contains(password) && !stateText.contains(token));

        // A rerun resumes: nothing to do.
        r = meshdeck(QStringList{u"onboard"_qs} + common + package);
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        for (const QString& step : {u"bundle"_qs, u"package"_qs, u"distribute"_qs, u"start"_qs})
            QCOMPARE(r.out.count(QRegularExpression(step + u" +skipped"_qs)), 2);

        r = meshdeck(QStringList{u"offboard"_qs} + common);
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QCOMPARE(asRoot(u"vm1"_qs, listing).out, before1);
        QCOMPARE(asRoot(u"vm2"_qs, listing).out, before2);
    }

    void cleanupTestCase()
    {
        if (m_prepared)
            TestSupport::run(QFileInfo(labKubeconfig()).absolutePath() + u"/bin/kubectl"_qs,
                             {u"--kubeconfig"_qs, labKubeconfig(), u"delete"_qs, u"namespace"_qs, u"chapter10vm"_qs, u"--wait=true"_qs,
                              u"--timeout=120s"_qs},
                             patient);
    }

private:
    // The book's plan on the lab: vm1 as meshdeck, vm2 as sudopw (sudo needs the password).
    void prepareCluster()
    {
        if (m_prepared)
            return;
        QVERIFY(m_dir.isValid());
        QString text = QString::fromUtf8(TestSupport::readAll(example()));
        text = text.left(text.indexOf(u"\nvms:"_qs));
        text += u"\nvms:\n- name: chapter10-instance\n  group: envoydummy\n  address: vm1\n"
                "- name: sudo-vm\n  group: envoydummy\n  address: vm2\n  ssh: {user: sudopw}\n"_qs;
        m_plan = m_dir.filePath(u"book.yaml"_qs);
        QVERIFY(TestSupport::writeFile(m_plan, text.toUtf8()));
        const Run apply = meshdeck({u"apply"_qs, u"--plan"_qs, m_plan, u"--kubeconfig"_qs, labKubeconfig()});
        QVERIFY2(apply.exitCode == 0, qPrintable(apply.out + apply.err));
        const QString lab = qEnvironmentVariable("MESHDECK_LAB_SCRIPT");
        QCOMPARE(TestSupport::run(lab, {u"publish-root-cert"_qs, u"chapter10vm"_qs}, patient).exitCode, 0);
        for (const QString& vm : {u"vm1"_qs, u"vm2"_qs})
            QCOMPARE(TestSupport::run(lab, {u"vm-expect"_qs, vm, u"envoydummy"_qs, u"chapter10vm"_qs, u"chapter10-sa"_qs}, patient).exitCode,
                     0);
        m_prepared = true;
    }

    QTemporaryDir m_dir;
    QString m_plan;
    bool m_prepared = false;
};

QTEST_GUILESS_MAIN(TestOnboardCli)
#include "tst_onboardcli.moc"
