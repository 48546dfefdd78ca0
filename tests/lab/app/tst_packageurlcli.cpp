// SPDX-License-Identifier: Apache-2.0
// `meshdeck onboard --package URL` on a real VM (the VM lab and the control-plane lab): the VM
// itself downloads the istio-sidecar package over http from a server this test starts on the lab
// bridge's host-side address (198.18.K.1, the only address it binds: no traffic leaves the
// machine), checks it, installs it, and the agent starts. An http URL without --package-sha256 is
// refused before anything is contacted (security review H2) unless --allow-unverified-package
// says otherwise; a URL's user and presigned query reach the server but no command line on the
// VM, no output and not the state file (M5). Then what must fail does, each time with a clear
// message and with nothing left on the VM: a wrong --package-sha256, a published .sha256 that
// does not match, a URL nothing answers, a 404, and a sidecar newer than istiod (by URL, where
// the version is read on the VM after the download; and as a local file, refused before the
// upload).
#include "generation.h"
#include "planloader.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDeadlineTimer>
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
#include <QThread>

#include "testsupport.h"

namespace {

using TestSupport::Run;

// The binary, the lab's commands and ssh: three minutes each, and one that hangs ends the suite.
const TestSupport::RunOptions patient = TestSupport::RunOptions().withTimeout(180000).withAbortOnTimeout();

QString labKubeconfig()
{
    return qEnvironmentVariable("MESHDECK_LAB_KUBECONFIG");
}

QString sshConfig()
{
    return qEnvironmentVariable("MESHDECK_LAB_SSH_CONFIG");
}

QString labDir()
{
    return QFileInfo(sshConfig()).absolutePath();
}

// The lab's VM network K: the bridge is 198.18.K.1, vm1 is 198.18.K.11 (tests/lab/vms.sh).
QString vmNet()
{
    return u"198.18."_qs + QString::number(qEnvironmentVariableIntValue("MESHDECK_LAB_VM_NET"));
}

Run asRoot(const QString& vm, const QString& script)
{
    return TestSupport::run(u"ssh"_qs, {u"-F"_qs, labDir() + u"/vms/lab_ssh_config"_qs, vm, script}, patient);
}

QString sha256Of(const QString& path)
{
    return QString::fromLatin1(QCryptographicHash::hash(TestSupport::readAll(path), QCryptographicHash::Sha256).toHex());
}

// Everything onboarding touches, plus whatever the meshdeck user left in the temporary
// directories (the download goes to a private mktemp -d there): equal before and after.
const QString listing = uR"(for p in /etc/certs /etc/istio /var/lib/istio /var/log/istio /var/run/secrets /usr/local/bin /lib/systemd/system/istio.service; do
  if [ -e "$p" ] || [ -L "$p" ]; then find "$p" -printf '%p %M %u:%g %s\n' 2>/dev/null | sort; else echo "$p absent"; fi
done
echo '--- hosts'; cat /etc/hosts
echo '--- package'; dpkg-query -W -f='${db:Status-Abbrev} ${Version}\n' istio-sidecar 2>&1
echo '--- user'; getent passwd istio-proxy; getent group istio-proxy
echo '--- unit'; systemctl is-enabled istio.service 2>&1
echo '--- left by meshdeck'; find /tmp /var/tmp /home/meshdeck -mindepth 1 -maxdepth 1 -user meshdeck ! -name '.*' 2>/dev/null
)"_qs;

const QString planText = uR"(apiVersion: meshdeck.io/v1alpha1
kind: OnboardingPlan
metadata: {name: pkgurl}
mesh: {istioVersion: "1.31.0", meshID: mesh1, clusterName: cluster1, network: network1}
eastWestGateway: {address: @NET@.2}
vmGroups:
- name: pkgurl
  namespace: pkgurl-vm
  labels: {app: pkgurl}
vms:
- name: pkgurl-vm1
  group: pkgurl
  address: vm1
)"_qs;

} // namespace

class TestPackageUrlCli final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        if (!QFileInfo::exists(labKubeconfig()) || !QFileInfo::exists(sshConfig()))
            QSKIP("no lab (MESHDECK_LAB_KUBECONFIG, MESHDECK_LAB_SSH_CONFIG)");
        QVERIFY(m_dir.isValid());
        m_lab = qEnvironmentVariable("MESHDECK_LAB_SCRIPT");
        m_kubectl = labDir() + u"/bin/kubectl"_qs;

        // What the server offers: the lab's package (with the .sha256 the lab publishes beside
        // it, as Istio does), a copy without one, one whose .sha256 is wrong, and a package of a
        // newer minor than istiod (the lab's own package builder, another version).
        const QString deb = qEnvironmentVariable("MESHDECK_LAB_STANDIN_DEB");
        m_sha256 = sha256Of(deb);
        const QString srv = m_dir.filePath(u"srv"_qs);
        for (const QString& d : {u"published"_qs, u"plain"_qs, u"badsum"_qs, u"newer"_qs})
            QVERIFY(QDir().mkpath(srv + u'/' + d));
        QVERIFY(QFile::copy(deb, srv + u"/published/istio-sidecar.deb"_qs));
        QVERIFY(QFile::copy(deb + u".sha256"_qs, srv + u"/published/istio-sidecar.deb.sha256"_qs));
        QVERIFY(TestSupport::readAll(deb + u".sha256"_qs).startsWith(m_sha256.toLatin1())); // sha256sum's format
        QVERIFY(QFile::copy(deb, srv + u"/plain/istio-sidecar.deb"_qs));
        QVERIFY(QFile::copy(deb, srv + u"/badsum/istio-sidecar.deb"_qs));
        QVERIFY(TestSupport::writeFile(srv + u"/badsum/istio-sidecar.deb.sha256"_qs, QByteArray(64, 'a') + "  istio-sidecar.deb\n"));
        m_newerDeb = srv + u"/newer/istio-sidecar.deb"_qs;
        const Run built = TestSupport::run(TestSupport::sourceDir() + u"/tests/lab/vm/build-deb"_qs, {u"1.32.0"_qs, m_newerDeb},
                                           patient);
        QVERIFY2(built.exitCode == 0, qPrintable(built.err));
        startServer(srv);

        // The cluster side of the plan's group (namespace, ServiceAccount, WorkloadGroup, ...) and
        // istiod's root certificate, as `meshdeck apply` and istiod would leave them.
        m_plan = m_dir.filePath(u"pkgurl.yaml"_qs);
        QVERIFY(TestSupport::writeFile(m_plan, QString(planText).replace(u"@NET@"_qs, vmNet()).toUtf8()));
        const PlanLoadResult loaded = loadPlanFile(m_plan);
        QVERIFY2(loaded.ok(), qPrintable(TestSupport::describe(loaded.problems)));
        QJsonArray items;
        for (const Resource& r : generateOffline(*loaded.plan).kubectlResources())
            if (r.stage == Stage::VmGroup)
                items.append(r.object);
        const QString list = m_dir.filePath(u"group.json"_qs);
        QVERIFY(TestSupport::writeFile(list, QJsonDocument(QJsonObject{{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"List"_qs},
                                                                       {u"items"_qs, items}}).toJson()));
        const Run applied = TestSupport::run(m_kubectl, {u"--kubeconfig"_qs, labKubeconfig(), u"apply"_qs, u"--server-side"_qs,
                                                         u"--field-manager=meshdeck"_qs, u"-f"_qs, list},
                                             patient);
        QVERIFY2(applied.exitCode == 0, qPrintable(applied.err));
        m_applied = true;
        QCOMPARE(TestSupport::run(m_lab, {u"publish-root-cert"_qs, u"pkgurl-vm"_qs}, patient).exitCode, 0);
        QCOMPARE(TestSupport::run(m_lab, {u"vm-expect"_qs, u"vm1"_qs, u"pkgurl"_qs, u"pkgurl-vm"_qs, u"default"_qs}, patient).exitCode,
                 0);

        // The lab's ssh config with this test's own, empty known_hosts.
        QString config = QString::fromUtf8(TestSupport::readAll(sshConfig()));
        config.replace(labDir() + u"/known_hosts"_qs, m_dir.filePath(u"known_hosts"_qs));
        m_sshConfig = m_dir.filePath(u"ssh_config"_qs);
        QVERIFY(TestSupport::writeFile(m_sshConfig, config.toUtf8()));

        const Run before = asRoot(u"vm1"_qs, listing);
        QCOMPARE(before.exitCode, 0);
        QVERIFY2(before.out.contains(u"--- package\ndpkg-query: no packages found"_qs), qPrintable(before.out));
        m_before = before.out;
    }

    void cleanupTestCase()
    {
        if (m_server.state() != QProcess::NotRunning) {
            m_server.terminate();
            if (!m_server.waitForFinished(5000))
                m_server.kill();
            m_server.waitForFinished();
        }
        if (!m_lab.isEmpty())
            TestSupport::run(m_lab, {u"vm-expect"_qs, u"vm1"_qs}, patient);
        if (m_applied)
            TestSupport::run(m_kubectl, {u"--kubeconfig"_qs, labKubeconfig(), u"delete"_qs, u"namespace"_qs, u"pkgurl-vm"_qs,
                                         u"--wait=true"_qs, u"--timeout=120s"_qs},
                             patient);
    }

    void vmDownloadsOverHttpWithAGivenChecksum()
    {
        const QString url = m_url + u"/plain/istio-sidecar.deb"_qs;
        Run r = onboard({u"--package"_qs, url, u"--package-sha256"_qs, m_sha256.toUpper()});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(r.out.contains(u"1 of 1 VMs ok"_qs), qPrintable(r.out));
        QVERIFY2(r.out.contains(QRegularExpression(u"pkgurl-vm1 +package +done"_qs)), qPrintable(r.out));
        // The VM fetched it (from its own address), not this machine on its behalf; with a given
        // checksum no .sha256 is asked for.
        QVERIFY2(requests().contains(vmNet() + u".11 - - "_qs), qPrintable(requests()));
        QVERIFY2(requests().contains(u"\"GET /plain/istio-sidecar.deb HTTP/1.1\" 200"_qs), qPrintable(requests()));
        QVERIFY(!requests().contains(u"/plain/istio-sidecar.deb.sha256"_qs));
        QVERIFY2(!r.all().contains(u"to verify the download against"_qs), qPrintable(r.all()));

        // Installed as the lab built it, and the VM's judge, the stand-in agent, satisfied.
        QCOMPARE(asRoot(u"vm1"_qs, u"dpkg-query -W -f='${Status} ${Version}' istio-sidecar"_qs).out,
                 u"install ok installed 1.31-dev"_qs);
        QCOMPARE(asRoot(u"vm1"_qs, u"systemctl is-enabled istio; systemctl is-active istio"_qs).out, u"enabled\nactive\n"_qs);
        const Run agent = asRoot(u"vm1"_qs, u"grep -c 'ready: meshdeck lab stand-in accepted the onboarding of pkgurl.pkgurl-vm'"
                                             " /var/log/istio/istio.log; curl -s -o /dev/null -w '%{http_code}'"
                                             " localhost:15021/healthz/ready"_qs);
        QCOMPARE(agent.out, u"1\n200"_qs);
        // The download directory went with the install.
        QCOMPARE(asRoot(u"vm1"_qs, u"find /tmp /var/tmp /home/meshdeck -mindepth 1 -maxdepth 1 -user meshdeck ! -name '.*'"_qs).out,
                 QString());

        // The same URL and checksum again: installed, nothing fetched.
        clearRequests();
        r = onboard({u"--package"_qs, url, u"--package-sha256"_qs, m_sha256});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(r.out.contains(QRegularExpression(u"pkgurl-vm1 +package +skipped"_qs)), qPrintable(r.out));
        QCOMPARE(requests(), QString());
        offboardAndCompare();
    }

    void httpWithoutAChecksumIsRefused()
    {
        // Security review H2: over http a published .sha256 proves nothing (whoever answers the
        // package answers it too): refused before the cluster or the VM is contacted.
        const Run r = onboard({u"--package"_qs, m_url + u"/published/istio-sidecar.deb"_qs});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"is plain http"_qs) && r.err.contains(u"--package-sha256"_qs)
                     && r.err.contains(u"--allow-unverified-package"_qs),
                 qPrintable(r.err));
        QCOMPARE(requests(), QString());
        QCOMPARE(asRoot(u"vm1"_qs, listing).out, m_before);
    }

    void publishedChecksumOverHttpWhenAllowed()
    {
        // --allow-unverified-package: installed, the published .sha256 still compared (it catches
        // a broken download), and the VM's result says it was not verified.
        const QString url = m_url + u"/published/istio-sidecar.deb"_qs;
        const Run r = onboard({u"--package"_qs, url, u"--allow-unverified-package"_qs});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(requests().contains(u"\"GET /published/istio-sidecar.deb.sha256 HTTP/1.1\" 200"_qs), qPrintable(requests()));
        QVERIFY2(r.out.contains(u"installed unverified (--allow-unverified-package): "_qs + url
                                + u" and its .sha256 both came over plain http"_qs),
                 qPrintable(r.out));
        QCOMPARE(asRoot(u"vm1"_qs, u"systemctl is-active istio"_qs).out, u"active\n"_qs);
        offboardAndCompare();
    }

    void unverifiedDownloadIsNamed()
    {
        // Neither a given checksum nor a published one, and allowed: installed, and the VM's
        // result says so.
        const QString url = m_url + u"/plain/istio-sidecar.deb"_qs;
        const Run r = onboard({u"--package"_qs, url, u"--allow-unverified-package"_qs});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(requests().contains(u"\"GET /plain/istio-sidecar.deb.sha256 HTTP/1.1\" 404"_qs), qPrintable(requests()));
        QVERIFY2(r.out.contains(u"installed unverified (--allow-unverified-package): no SHA-256 of "_qs + url
                                + u" to check the download against"_qs),
                 qPrintable(r.out));
        offboardAndCompare();
    }

    void credentialsInTheUrlAreNowhereButOnTheWire()
    {
        // Security review M5: a user and a presigned query in the URL. While meshdeck runs, the
        // VM's process list is scanned as root every few milliseconds for the secret (the pattern
        // read from a file, so the scanner's own command line does not hold it); --verbose logs
        // every ssh and remote command line. The server sees the query (and curl's Basic header).
        const QByteArray secret = "S3CR3T" + QByteArray::number(QDateTime::currentMSecsSinceEpoch());
        QCOMPARE(asRoot(u"vm1"_qs, u"umask 077; printf '%s' '"_qs + QString::fromLatin1(secret.left(3)) + u"' > /root/scan.pattern; printf '%s\\n' '"_qs
                                       + QString::fromLatin1(secret.mid(3)) + u"' >> /root/scan.pattern; rm -f /root/scan.hits /root/scan.stop"_qs)
                     .exitCode,
                 0);
        const Run started = asRoot(u"vm1"_qs, u"nohup sh -c 'while [ ! -e /root/scan.stop ]; do for c in /proc/[0-9]*/cmdline; do"
                                               " tr \"\\000\" \" \" < \"$c\" 2>/dev/null | grep -F -f /root/scan.pattern >> /root/scan.hits; done;"
                                               " done' >/dev/null 2>&1 & echo started"_qs);
        QCOMPARE(started.out.trimmed(), u"started"_qs);
        const auto stopScan = qScopeGuard([] { asRoot(u"vm1"_qs, u"touch /root/scan.stop"_qs); });
        QThread::msleep(500);

        const QString url = u"http://u:"_qs + QString::fromLatin1(secret) + u'@' + m_url.mid(7) + u"/plain/istio-sidecar.deb?X-Amz-Signature="_qs
            + QString::fromLatin1(secret);
        const Run r = onboard({u"--package"_qs, url, u"--package-sha256"_qs, m_sha256, u"--verbose"_qs});
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QVERIFY2(requests().contains(u"\"GET /plain/istio-sidecar.deb?X-Amz-Signature="_qs + QString::fromLatin1(secret)
                                     + u" HTTP/1.1\" 200"_qs),
                 qPrintable(requests()));
        QVERIFY2(!r.all().contains(QString::fromLatin1(secret)), qPrintable(r.all()));
        // --verbose logged the download script's command line, with the URL as it may be shown.
        QVERIFY2(r.err.contains(u"meshdeck: cannot download http://***@"_qs), qPrintable(r.err));
        const QByteArray state = TestSupport::readAll(m_plan + u".state.json"_qs);
        QVERIFY(!state.isEmpty());
        QVERIFY2(!state.contains(secret), state.constData());
        QVERIFY2(state.contains("?***"), state.constData());

        asRoot(u"vm1"_qs, u"touch /root/scan.stop"_qs);
        QThread::msleep(500);
        const Run hits = asRoot(u"vm1"_qs, u"cat /root/scan.hits; rm -f /root/scan.hits /root/scan.pattern /root/scan.stop"_qs);
        QCOMPARE(hits.out, QString());
        offboardAndCompare();
    }

    void wrongChecksumFailsAndInstallsNothing_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("sha256"); // --package-sha256; empty: the published one
        QTest::addColumn<QString>("message");
        const QString other = QString::fromLatin1(QCryptographicHash::hash("another package", QCryptographicHash::Sha256).toHex());
        QTest::newRow("--package-sha256") << u"/plain/istio-sidecar.deb"_qs << other
                                          << u"has the SHA-256 "_qs + m_sha256 + u", not the expected "_qs + other
                                                 + u": nothing was installed"_qs;
        QTest::newRow("published .sha256") << u"/badsum/istio-sidecar.deb"_qs << QString() // with --allow-unverified-package
                                           << u"does not match "_qs + m_url + u"/badsum/istio-sidecar.deb.sha256 (SHA-256 "_qs
                                                  + m_sha256 + u", published "_qs + QString(64, u'a') + u"): nothing was installed"_qs;
    }

    void wrongChecksumFailsAndInstallsNothing()
    {
        QFETCH(QString, path);
        QFETCH(QString, sha256);
        QFETCH(QString, message);
        QStringList args{u"--package"_qs, m_url + path};
        if (!sha256.isEmpty())
            args += {u"--package-sha256"_qs, sha256};
        else
            args += u"--allow-unverified-package"_qs; // http: its .sha256 compared all the same
        const Run r = onboard(args);
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.out.contains(QRegularExpression(u"pkgurl-vm1 +package +failed"_qs)), qPrintable(r.out));
        QVERIFY2(r.all().contains(message), qPrintable(r.all()));
        QVERIFY2(requests().contains(u"\"GET "_qs + path + u" HTTP/1.1\" 200"_qs), qPrintable(requests())); // it was fetched
        QCOMPARE(asRoot(u"vm1"_qs, listing).out, m_before); // and thrown away: no package, no files, no download
    }

    void unreachableUrlFails_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("reason"); // curl's own words
        // A port nothing listens on, on the same address: refused at once.
        const Run port = TestSupport::run(u"python3"_qs, {u"-c"_qs, u"import socket; s = socket.socket(); s.bind(('"_qs + vmNet()
                                                                   + u".1', 0)); print(s.getsockname()[1])"_qs},
                                          patient);
        QVERIFY2(port.exitCode == 0, qPrintable(port.err));
        const QString closed = u"http://"_qs + vmNet() + u".1:"_qs + port.out.trimmed() + u"/istio-sidecar.deb"_qs;
        QTest::newRow("nothing listens") << closed << u"Failed to connect to "_qs + vmNet() + u".1 port"_qs;
        QTest::newRow("404") << m_url + u"/nosuch/istio-sidecar.deb"_qs << u"The requested URL returned error: 404"_qs;
    }

    void unreachableUrlFails()
    {
        QFETCH(QString, url);
        QFETCH(QString, reason);
        const Run r = onboard({u"--package"_qs, url, u"--package-sha256"_qs, m_sha256});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.out.contains(QRegularExpression(u"pkgurl-vm1 +package +failed"_qs)), qPrintable(r.out));
        QVERIFY2(r.all().contains(u"meshdeck: cannot download "_qs + url), qPrintable(r.all()));
        QVERIFY2(r.all().contains(reason), qPrintable(r.all()));
        QCOMPARE(asRoot(u"vm1"_qs, listing).out, m_before);
    }

    void newerSidecarThanIstiodIsRefused()
    {
        // By URL: the version is unknown here, read on the VM after the download, then refused
        // before dpkg runs; the download is removed.
        Run r = onboard({u"--package"_qs, m_url + u"/newer/istio-sidecar.deb"_qs, u"--package-sha256"_qs, sha256Of(m_newerDeb)});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(requests().contains(u"\"GET /newer/istio-sidecar.deb HTTP/1.1\" 200"_qs), qPrintable(requests()));
        QVERIFY2(r.all().contains(QRegularExpression(u"istio-sidecar 1\\.32\\.0 is newer than istiod 1\\.31"_qs)), qPrintable(r.all()));
        QVERIFY2(r.all().contains(u"must not be ahead of the control plane"_qs), qPrintable(r.all()));
        QCOMPARE(asRoot(u"vm1"_qs, listing).out, m_before);

        // As a local file: its version is read here, and it is refused before it is uploaded.
        r = onboard({u"--package"_qs, m_newerDeb});
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.all().contains(QRegularExpression(u"istio-sidecar 1\\.32\\.0 is newer than istiod 1\\.31"_qs)), qPrintable(r.all()));
        QCOMPARE(asRoot(u"vm1"_qs, listing).out, m_before);
    }

    void checksumNeedsAPackage()
    {
        const Run r = TestSupport::run(qEnvironmentVariable("MESHDECK_BINARY"),
                                       {u"onboard"_qs, u"--plan"_qs, m_plan, u"--package-sha256"_qs, m_sha256}, patient);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(u"--package-sha256 needs --package"_qs), qPrintable(r.err));
        const Run bad = TestSupport::run(qEnvironmentVariable("MESHDECK_BINARY"),
                                         {u"onboard"_qs, u"--plan"_qs, m_plan, u"--package"_qs, m_url + u"/plain/istio-sidecar.deb"_qs,
                                          u"--package-sha256"_qs, m_sha256.left(40)},
                                         patient);
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(u"is not a SHA-256"_qs), qPrintable(bad.err));
    }

private:
    // python3's http.server on the bridge's host side only, on a port the kernel picks.
    void startServer(const QString& root)
    {
        m_serverLog = m_dir.filePath(u"server.log"_qs);
        const QString out = m_dir.filePath(u"server.out"_qs);
        m_server.setStandardOutputFile(out);
        m_server.setStandardErrorFile(m_serverLog, QIODevice::Append); // O_APPEND: clearRequests() truncates it
        m_server.start(u"python3"_qs, {u"-u"_qs, u"-m"_qs, u"http.server"_qs, u"0"_qs, u"--bind"_qs, vmNet() + u".1"_qs,
                                      u"--directory"_qs, root});
        QVERIFY2(m_server.waitForStarted(), "python3 is not installed");
        static const QRegularExpression serving(u"Serving HTTP on \\S+ port (\\d+)"_qs);
        QDeadlineTimer deadline(10000);
        QRegularExpressionMatch m;
        while (!deadline.hasExpired() && !(m = serving.match(QString::fromUtf8(TestSupport::readAll(out)))).hasMatch())
            QThread::msleep(50);
        QVERIFY2(m.hasMatch(), TestSupport::readAll(m_serverLog).constData());
        m_url = u"http://"_qs + vmNet() + u".1:"_qs + m.captured(1);
    }

    QString requests() const
    {
        return QString::fromUtf8(TestSupport::readAll(m_serverLog));
    }

    void clearRequests()
    {
        QFile(m_serverLog).resize(0); // the server appends (O_APPEND): it goes on at the new end
    }

    Run onboard(const QStringList& package)
    {
        clearRequests();
        return TestSupport::run(qEnvironmentVariable("MESHDECK_BINARY"),
                                QStringList{u"onboard"_qs, u"--plan"_qs, m_plan, u"--kubeconfig"_qs, labKubeconfig(), u"--ssh-config"_qs,
                                            m_sshConfig, u"--accept-new-host-keys"_qs}
                                    + package,
                                patient);
    }

    void offboardAndCompare()
    {
        const Run r = TestSupport::run(qEnvironmentVariable("MESHDECK_BINARY"),
                                       {u"offboard"_qs, u"--plan"_qs, m_plan, u"--kubeconfig"_qs, labKubeconfig(), u"--ssh-config"_qs,
                                        m_sshConfig, u"--accept-new-host-keys"_qs},
                                       patient);
        QVERIFY2(r.exitCode == 0, qPrintable(r.all()));
        QCOMPARE(asRoot(u"vm1"_qs, listing).out, m_before);
    }

    QTemporaryDir m_dir;
    QString m_lab;
    QString m_kubectl;
    QString m_plan;
    QString m_sshConfig;
    QString m_sha256;
    QString m_newerDeb;
    QString m_url;
    QString m_serverLog;
    QString m_before;
    QProcess m_server;
    bool m_applied = false;
};

QTEST_GUILESS_MAIN(TestPackageUrlCli)
#include "tst_packageurlcli.moc"
