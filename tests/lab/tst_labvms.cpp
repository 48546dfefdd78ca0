// SPDX-License-Identifier: Apache-2.0
// The VM lab (tests/lab/lab vms-up, fixture labvms) is what the onboarding tests stand on, so this
// proves its facts with the plain OpenSSH client, not meshdeck's: every VM answers ssh through the
// lab's config as user meshdeck with its own host key; the lab config refuses unknown keys; the
// inner VM is unreachable from the host and reachable only with ProxyJump through the bastion;
// sudopw's sudo needs the lab's password; and the lab's istio-sidecar package, installed by hand,
// has the real package's layout and its stand-in agent refuses missing or wrong files with one
// clear log line and reaches ready with right ones (a JWT with Istio's claims, an openssl CA).
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include "testsupport.h"

namespace {

using TestSupport::Run;
using TestSupport::run;

QString env(const char* name)
{
    return qEnvironmentVariable(name);
}

QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString& path, const QByteArray& content)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

QByteArray base64url(const QByteArray& data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// A token shaped like a TokenRequest token for audience istio-ca. The stand-in checks claims, not
// the signature (only istiod could), so the signature part is filler.
QByteArray jwt(const QString& subject, const QJsonValue& audience, qint64 expires)
{
    const QJsonObject header{{u"alg"_qs, u"RS256"_qs}, {u"kid"_qs, u"labvms"_qs}};
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const QJsonObject claims{{u"aud"_qs, audience},
                             {u"exp"_qs, expires},
                             {u"iat"_qs, now},
                             {u"iss"_qs, u"https://kubernetes.default.svc.cluster.local"_qs},
                             {u"sub"_qs, subject}};
    return base64url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.' +
           base64url(QJsonDocument(claims).toJson(QJsonDocument::Compact)) + '.' + base64url("not-checked");
}

} // namespace

class TestLabVms final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_config; // the lab's ssh_config with our own known_hosts that accepts new keys
    QStringList m_vms;
    QString m_sidecarVm;
    QString m_verdict;

    Run ssh(const QString& vm, const QString& command, const QStringList& options = {}, const QByteArray& input = {})
    {
        return run(u"ssh"_qs, QStringList{u"-F"_qs, m_config, u"-o"_qs, u"BatchMode=yes"_qs} + options +
                                  QStringList{vm, command}, TestSupport::RunOptions().withInput(input));
    }

    // As root on the sidecar VM, through meshdeck's passwordless sudo.
    Run sudo(const QString& command) { return ssh(m_sidecarVm, u"sudo sh -c '%1'"_qs.arg(command)); }

    QString errLog() { return sudo(u"cat /var/log/istio/istio.err.log 2>/dev/null"_qs).out; }

    bool upload(const QString& local, const QString& remote)
    {
        const QByteArray data = readAll(local);
        return !data.isEmpty() && ssh(m_sidecarVm, u"cat > "_qs + remote, {}, data).exitCode == 0;
    }

    bool writeLocal(const QString& name, const QByteArray& content)
    {
        return writeFile(m_dir.filePath(name), content);
    }

    QString hostName(const QString& vm)
    {
        const QString text = QString::fromUtf8(readAll(m_config));
        return QRegularExpression(u"^Host %1\n\\s+HostName (\\S+)$"_qs.arg(vm), QRegularExpression::MultilineOption)
            .match(text)
            .captured(1);
    }

    void restartIstio()
    {
        m_verdict.clear();
        sudo(u"rm -f /var/log/istio/istio.err.log /var/log/istio/istio.log; systemctl restart istio"_qs);
    }

    // The stand-in's verdict after a restart: its REFUSED line, or "ready" (then it serves 15021).
    bool verdictArrived()
    {
        m_verdict = sudo(u"cat /var/log/istio/istio.err.log /var/log/istio/istio.log 2>/dev/null"_qs).out;
        return m_verdict.contains(u"REFUSED"_qs) || m_verdict.contains(u"\tready:"_qs);
    }

private slots:
    void initTestCase()
    {
        const QString config = env("MESHDECK_LAB_SSH_CONFIG");
        if (config.isEmpty())
            QSKIP("MESHDECK_LAB_SSH_CONFIG is not set: run through ctest (fixture labvms) or tests/lab/lab env");
        if (!QFile::exists(config))
            QSKIP("the lab VMs are not up (lab/vms-up skipped or failed; ctest -R lab/vms-up -V says why)");
        m_vms = env("MESHDECK_LAB_VMS").split(u' ', Qt::SkipEmptyParts);
        QVERIFY2(m_vms.contains(u"bastion"_qs) && m_vms.contains(u"inner"_qs), qPrintable(m_vms.join(u' ')));
        for (const QString& vm : m_vms)
            if (vm.startsWith(u"vm"_qs))
                m_sidecarVm = vm; // the last numbered VM: the one the onboarding tests reach last
        QVERIFY(!m_sidecarVm.isEmpty());
        QVERIFY(m_dir.isValid());

        QString text = QString::fromUtf8(readAll(config));
        const QString knownHosts = QFileInfo(config).absolutePath() + u"/known_hosts"_qs;
        QVERIFY2(text.contains(u"UserKnownHostsFile \"%1\""_qs.arg(knownHosts)), qPrintable(text));
        QVERIFY(text.contains(u"StrictHostKeyChecking yes"_qs));
        text.replace(knownHosts, m_dir.filePath(u"known_hosts"_qs));
        text.replace(u"StrictHostKeyChecking yes"_qs, u"StrictHostKeyChecking accept-new"_qs);
        m_config = m_dir.filePath(u"ssh_config"_qs);
        QVERIFY(writeLocal(u"ssh_config"_qs, text.toUtf8()));
    }

    // The lab's config checks host keys strictly (other tests may already have accepted keys into
    // its known_hosts, so this uses an empty one).
    void labConfigRefusesUnknownHostKeys()
    {
        QString text = QString::fromUtf8(readAll(m_config));
        text.replace(u"StrictHostKeyChecking accept-new"_qs, u"StrictHostKeyChecking yes"_qs);
        text.replace(m_dir.filePath(u"known_hosts"_qs), m_dir.filePath(u"empty_known_hosts"_qs));
        QVERIFY(writeLocal(u"strict_config"_qs, text.toUtf8()));
        const Run r = run(u"ssh"_qs, {u"-F"_qs, m_dir.filePath(u"strict_config"_qs), u"-o"_qs, u"BatchMode=yes"_qs,
                                      m_vms.first(), u"true"_qs});
        QCOMPARE(r.exitCode, 255);
        QVERIFY2(r.err.contains(u"Host key verification failed"_qs), qPrintable(r.err));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"empty_known_hosts"_qs)) ||
                QFileInfo(m_dir.filePath(u"empty_known_hosts"_qs)).size() == 0);
    }

    void everyVmAnswers()
    {
        for (const QString& vm : std::as_const(m_vms)) {
            const Run r = ssh(vm, u"hostname; id -un; systemctl is-system-running"_qs);
            QVERIFY2(r.exitCode == 0, qPrintable(vm + u": "_qs + r.err));
            const QStringList lines = r.out.split(u'\n', Qt::SkipEmptyParts);
            QCOMPARE(lines.value(0), vm);
            QCOMPARE(lines.value(1), u"meshdeck"_qs);
            QVERIFY2(lines.value(2) == u"running"_qs || lines.value(2) == u"degraded"_qs, qPrintable(r.out));
        }
    }

    // The keys ssh accepted are the ones the lab generated for each VM, one per VM.
    void acceptedKeysAreTheVmsOwn()
    {
        const QString truth = QString::fromUtf8(readAll(env("MESHDECK_LAB_VM_KNOWN_HOSTS")));
        QVERIFY(!truth.isEmpty());
        const QStringList accepted =
            QString::fromUtf8(readAll(m_dir.filePath(u"known_hosts"_qs))).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(accepted.size(), m_vms.size());
        QSet<QString> keys;
        for (const QString& line : accepted) {
            QVERIFY2(truth.contains(line), qPrintable(line));
            keys.insert(line.section(u' ', 2));
        }
        QCOMPARE(keys.size(), m_vms.size());
    }

    void innerOnlyThroughBastion()
    {
        const Run direct = ssh(u"inner"_qs, u"true"_qs, {u"-o"_qs, u"ProxyJump=none"_qs, u"-o"_qs, u"ConnectTimeout=3"_qs});
        QCOMPARE(direct.exitCode, 255);
        QVERIFY2(direct.err.contains(u"No route to host"_qs) || direct.err.contains(u"unreachable"_qs),
                 qPrintable(direct.err));

        // The connection arrives from the bastion's inner leg (x.y.z.1 of inner's /24), on the inner
        // VM's only address, which is not on the bastion's (the host's) network.
        const QString inner = hostName(u"inner"_qs), bastion = hostName(u"bastion"_qs);
        QVERIFY2(inner.startsWith(u"198.19."_qs) && bastion.startsWith(u"198.18."_qs), qPrintable(inner + u' ' + bastion));
        const Run jumped = ssh(u"inner"_qs, u"echo $SSH_CONNECTION; ip -4 -o addr show"_qs);
        QVERIFY2(jumped.exitCode == 0, qPrintable(jumped.err));
        QVERIFY2(jumped.out.startsWith(inner.section(u'.', 0, 2) + u".1 "_qs), qPrintable(jumped.out));
        QVERIFY2(jumped.out.contains(u"inet %1/24"_qs.arg(inner)), qPrintable(jumped.out));
        QVERIFY2(!jumped.out.contains(bastion.section(u'.', 0, 2) + u'.'), qPrintable(jumped.out));
    }

    void sudoPasswordUser()
    {
        const QString vm = m_vms.first();
        const QByteArray password = readAll(env("MESHDECK_LAB_SUDO_PASSWORD_FILE")).trimmed();
        QVERIFY(!password.isEmpty());
        const auto perms = QFileInfo(env("MESHDECK_LAB_SUDO_PASSWORD_FILE")).permissions();
        QVERIFY(!(perms & (QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ReadOther | QFileDevice::WriteOther)));

        const Run passwordless = ssh(vm, u"sudo -n id -u"_qs);
        QCOMPARE(passwordless.out.trimmed(), u"0"_qs);

        const QStringList asSudopw{u"-l"_qs, u"sudopw"_qs};
        const Run noPassword = ssh(vm, u"sudo -n id -u"_qs, asSudopw);
        QVERIFY(noPassword.exitCode != 0);
        QVERIFY2(noPassword.err.contains(u"a password is required"_qs), qPrintable(noPassword.err));

        const QString withPrompt = u"sudo -S -p labvms-prompt: id -u"_qs;
        const Run wrong = ssh(vm, withPrompt, asSudopw, "not-the-password\n");
        QVERIFY(wrong.exitCode != 0);
        QVERIFY2(wrong.err.contains(u"labvms-prompt:"_qs), qPrintable(wrong.err));

        const Run right = ssh(vm, withPrompt, asSudopw, password + '\n');
        QVERIFY2(right.exitCode == 0, qPrintable(right.err));
        QCOMPARE(right.out.trimmed(), u"0"_qs);
    }

    void sidecarPackage()
    {
        const auto cleanup = qScopeGuard([this] {
            sudo(u"systemctl stop istio; dpkg --purge istio-sidecar; rm -rf /etc/istio /var/lib/istio /var/log/istio "
                 "/etc/certs /var/run/secrets /tmp/labvms; userdel istio-proxy; groupdel istio-proxy; "
                 // dpkg removes the emptied /usr/local/bin, which every Debian system has: put it back
                 // so later tests start from a normal VM.
                 "install -d -m 0755 /usr/local/bin; true"_qs);
            run(env("MESHDECK_LAB_SCRIPT"), {u"vm-expect"_qs, m_sidecarVm});
        });
        const QString version = QString::fromUtf8(readAll(env("MESHDECK_SOURCE_DIR") + u"/tests/lab/versions.env"_qs));
        const QString istioVersion =
            QRegularExpression(u"^ISTIO_VERSION=(\\S+)$"_qs, QRegularExpression::MultilineOption).match(version).captured(1);
        QVERIFY(!istioVersion.isEmpty());

        QVERIFY(ssh(m_sidecarVm, u"mkdir -p /tmp/labvms"_qs).exitCode == 0);
        QVERIFY(upload(env("MESHDECK_LAB_STANDIN_DEB"), u"/tmp/labvms/istio-sidecar.deb"_qs));
        const Run installed = sudo(u"dpkg -i /tmp/labvms/istio-sidecar.deb"_qs);
        QVERIFY2(installed.exitCode == 0, qPrintable(installed.err));

        // The real package's facts (reference §4): name and version, setgid binaries, /etc/istio
        // link, istio-proxy's home, the directories, and a unit that is installed but not enabled.
        const Run facts = sudo(
            u"dpkg-query -W -f \"\\${Package} \\${Version}\\n\" istio-sidecar; "
            "stat -c \"%U:%G %a\" /usr/local/bin/pilot-agent /usr/local/bin/envoy; readlink /etc/istio; "
            "getent passwd istio-proxy | cut -d: -f6; stat -c \"%U %F\" /var/lib/istio/config/mesh; "
            "ls -d /var/lib/istio/envoy /var/lib/istio/proxy /var/log/istio /etc/certs; "
            "systemctl is-enabled istio; /usr/local/bin/pilot-agent --version"_qs);
        const QStringList lines = facts.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.value(0), u"istio-sidecar "_qs + istioVersion);
        QCOMPARE(lines.value(1), u"root:istio-proxy 2755"_qs);
        QCOMPARE(lines.value(2), u"root:istio-proxy 2755"_qs);
        QCOMPARE(lines.value(3), u"/var/lib/istio"_qs);
        QCOMPARE(lines.value(4), u"/var/lib/istio"_qs);
        QCOMPARE(lines.value(5), u"istio-proxy regular empty file"_qs);
        QCOMPARE(lines.mid(6, 4), QStringList({u"/etc/certs"_qs, u"/var/lib/istio/envoy"_qs, u"/var/lib/istio/proxy"_qs,
                                               u"/var/log/istio"_qs})); // ls sorts
        QCOMPARE(lines.value(10), u"disabled"_qs);
        QVERIFY2(lines.value(11).contains(u"STAND-IN"_qs), qPrintable(facts.out));

        // Nothing delivered yet: the agent refuses, the unit does not stay active.
        restartIstio();
        QTRY_VERIFY_WITH_TIMEOUT(verdictArrived(), 15000);
        QString verdict = m_verdict;
        QVERIFY2(verdict.contains(u"REFUSED: cluster.env /var/lib/istio/envoy/cluster.env is missing"_qs), qPrintable(verdict));
        QVERIFY(sudo(u"systemctl is-active istio"_qs).out.trimmed() != u"active"_qs);
        // journald may write the unit's line a moment after the verdict file appeared.
        QTRY_VERIFY_WITH_TIMEOUT(sudo(u"journalctl -u istio --no-pager"_qs).out.contains(u"REFUSED: cluster.env"_qs), 15000);

        // What istioctl would produce for WorkloadGroup labvms in namespace labvms-ns.
        const QString ns = u"labvms-ns"_qs, sa = u"labvms-sa"_qs;
        const Run ca = run(u"openssl"_qs, {u"req"_qs, u"-x509"_qs, u"-newkey"_qs, u"rsa:2048"_qs, u"-nodes"_qs,
                                           u"-keyout"_qs, m_dir.filePath(u"ca.key"_qs), u"-out"_qs,
                                           m_dir.filePath(u"root-cert.pem"_qs), u"-days"_qs, u"1"_qs, u"-subj"_qs,
                                           u"/O=cluster.local"_qs, u"-addext"_qs, u"basicConstraints=critical,CA:TRUE"_qs});
        QVERIFY2(ca.exitCode == 0, qPrintable(ca.err));
        const Run leaf = run(u"openssl"_qs, {u"req"_qs, u"-x509"_qs, u"-newkey"_qs, u"rsa:2048"_qs, u"-nodes"_qs,
                                             u"-keyout"_qs, m_dir.filePath(u"leaf.key"_qs), u"-out"_qs,
                                             m_dir.filePath(u"leaf.pem"_qs), u"-days"_qs, u"1"_qs, u"-subj"_qs,
                                             u"/CN=leaf"_qs, u"-addext"_qs, u"basicConstraints=critical,CA:FALSE"_qs});
        QVERIFY2(leaf.exitCode == 0, qPrintable(leaf.err));
        const qint64 inAnHour = QDateTime::currentSecsSinceEpoch() + 3600;
        QVERIFY(writeLocal(u"istio-token"_qs,
                           jwt(u"system:serviceaccount:%1:%2"_qs.arg(ns, sa), QJsonArray{u"istio-ca"_qs}, inAnHour)));
        QVERIFY(writeLocal(u"cluster.env"_qs,
                           QStringLiteral("CANONICAL_REVISION='latest'\nCANONICAL_SERVICE='labvms'\n"
                                          "ISTIO_META_WORKLOAD_NAME='labvms'\nISTIO_NAMESPACE='%1'\n"
                                          "ISTIO_SERVICE='labvms.%1'\nISTIO_SERVICE_CIDR='*'\nPOD_NAMESPACE='%1'\n"
                                          "SERVICE_ACCOUNT='%2'\n").arg(ns, sa).toUtf8()));
        QVERIFY(writeLocal(u"mesh.yaml"_qs, "defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\n"));
        for (const QString& f : {u"istio-token"_qs, u"cluster.env"_qs, u"mesh.yaml"_qs, u"root-cert.pem"_qs, u"leaf.pem"_qs})
            QVERIFY2(upload(m_dir.filePath(f), u"/tmp/labvms/"_qs + f), qPrintable(f));
        const Run placed = sudo(
            u"install -d -o istio-proxy -m 0755 /var/run/secrets /var/run/secrets/tokens /etc/istio/proxy && "
            "install -o istio-proxy -m 0644 /tmp/labvms/root-cert.pem /etc/certs/root-cert.pem && "
            "install -o istio-proxy -m 0600 /tmp/labvms/istio-token /var/run/secrets/tokens/istio-token && "
            "install -o istio-proxy -m 0644 /tmp/labvms/cluster.env /var/lib/istio/envoy/cluster.env && "
            "install -o istio-proxy -m 0644 /tmp/labvms/mesh.yaml /etc/istio/config/mesh"_qs);
        QVERIFY2(placed.exitCode == 0, qPrintable(placed.err));

        const QString script = env("MESHDECK_LAB_SCRIPT");
        QCOMPARE(run(script, {u"vm-expect"_qs, m_sidecarVm, u"labvms"_qs, ns, sa}).exitCode, 0);
        restartIstio();
        QTRY_VERIFY_WITH_TIMEOUT(verdictArrived(), 15000);
        verdict = m_verdict;
        QVERIFY2(verdict.contains(u"\tready:"_qs) && !verdict.contains(u"REFUSED"_qs), qPrintable(verdict));
        QCOMPARE(sudo(u"systemctl is-active istio"_qs).out.trimmed(), u"active"_qs);
        const Run health = ssh(m_sidecarVm, u"curl -s -o /dev/null -w %{http_code} http://127.0.0.1:15021/healthz/ready"_qs);
        QCOMPARE(health.out, u"200"_qs);

        // Each wrong delivery is refused on its own.
        QCOMPARE(run(script, {u"vm-expect"_qs, m_sidecarVm, u"othergroup"_qs, ns}).exitCode, 0);
        restartIstio();
        QTRY_VERIFY_WITH_TIMEOUT(verdictArrived(), 15000);
        verdict = m_verdict;
        QVERIFY2(verdict.contains(u"REFUSED: cluster.env ISTIO_META_WORKLOAD_NAME=labvms, but this VM belongs to group othergroup"_qs),
                 qPrintable(verdict));
        QCOMPARE(run(script, {u"vm-expect"_qs, m_sidecarVm, u"labvms"_qs, ns, sa}).exitCode, 0);

        sudo(u"cp /tmp/labvms/leaf.pem /etc/certs/root-cert.pem"_qs);
        restartIstio();
        QTRY_VERIFY_WITH_TIMEOUT(verdictArrived(), 15000);
        verdict = m_verdict;
        QVERIFY2(verdict.contains(u"REFUSED: root cert /etc/certs/root-cert.pem is not a CA certificate"_qs), qPrintable(verdict));
        sudo(u"cp /tmp/labvms/root-cert.pem /etc/certs/root-cert.pem"_qs);

        sudo(u"chown root:root /var/run/secrets/tokens/istio-token"_qs);
        restartIstio();
        QTRY_VERIFY_WITH_TIMEOUT(verdictArrived(), 15000);
        verdict = m_verdict;
        QVERIFY2(verdict.contains(u"REFUSED: token /var/run/secrets/tokens/istio-token is not readable by istio-proxy"_qs),
                 qPrintable(verdict));
    }
};

QTEST_GUILESS_MAIN(TestLabVms)
#include "tst_labvms.moc"
