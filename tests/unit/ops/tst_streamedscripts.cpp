// SPDX-License-Identifier: Apache-2.0
// The one-round-trip scripts of the onboarding engine, run here with /bin/sh: files that arrive on
// stdin (exact sizes, a short stream refused, nothing left in the temporary directory), the
// package received and installed in one go (a fake dpkg sees the exact bytes), and the start step
// that waits on the VM (a fake systemctl: a stable agent passes only after 2 s, a restarting or
// failed one fails with the reason and the log tails, a timeout is a timeout).
#include "installscript.h"

#include "hostsblock.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

#include "testsupport.h"

namespace {

using Run = TestSupport::BasicRun<QByteArray>; // what the scripts wrote, byte for byte, and how long they took

bool write(const QString& path, const QByteArray& content, QFile::Permissions permissions = {})
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(content) != content.size())
        return false;
    f.close();
    return permissions == QFile::Permissions{} || f.setPermissions(permissions);
}

QByteArray read(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

using TestSupport::modeOf;

using TestSupport::sha256;

const QFile::Permissions executable = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;

} // namespace

class TestStreamedScripts final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_root = m_dir.filePath(u"root"_qs);
        m_tmp = m_dir.filePath(u"tmp"_qs);
        m_bin = m_dir.filePath(u"bin"_qs);
        QVERIFY(QDir().mkpath(m_tmp));
        QVERIFY(QDir().mkpath(m_bin));
        m_owner = ::geteuid() == 0 ? u"nobody"_qs : qEnvironmentVariable("USER");
        m_group = ::geteuid() == 0 ? u"nogroup"_qs : QString::number(::getegid());
        QVERIFY(write(m_root + u"/etc/hosts"_qs, "127.0.0.1\tlocalhost\n"));
    }

    void cleanup()
    {
        m_loadState = "loaded";
        m_needReload = "no";
        QDir(m_dir.path()).removeRecursively();
        QDir().mkpath(m_dir.path());
    }

    void distributionReceivesItsFilesOnStdin()
    {
        // Binary bytes, a file without a trailing newline, an empty file: each exactly as sent.
        const QByteArray cert("ROOT\n\0\xff binary", 14);
        const QByteArray token("a.b.c");
        const QByteArray env;
        const QByteArray hosts = HostsBlock::replace(read(m_root + u"/etc/hosts"_qs), "198.18.0.2 istiod.istio-system.svc\n").content;
        InstallScript::Distribution spec = distribution({{u"root-cert.pem"_qs, cert}, {u"istio-token"_qs, token},
                                                         {u"cluster.env"_qs, env}, {u"hosts"_qs, hosts}});
        const Run r = sh(InstallScript::distributionScript(spec), cert + token + env + hosts);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(read(m_root + u"/etc/certs/root-cert.pem"_qs), cert);
        QCOMPARE(read(m_root + u"/var/run/secrets/tokens/istio-token"_qs), token);
        QCOMPARE(modeOf(m_root + u"/var/run/secrets/tokens/istio-token"_qs), 0600);
        QCOMPARE(read(m_root + u"/var/lib/istio/envoy/cluster.env"_qs), env);
        QCOMPARE(read(m_root + u"/etc/hosts"_qs), hosts);
        QCOMPARE(QDir(m_tmp).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
    }

    void aShortStreamInstallsNothing()
    {
        const QByteArray hosts = HostsBlock::replace(read(m_root + u"/etc/hosts"_qs), "198.18.0.2 istiod.istio-system.svc\n").content;
        InstallScript::Distribution spec =
            distribution({{u"root-cert.pem"_qs, "ROOT"}, {u"istio-token"_qs, "a.b.c"}, {u"hosts"_qs, hosts}});
        const Run r = sh(InstallScript::distributionScript(spec), "ROOTa.b"); // the stream ends early
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("arrived incomplete"), r.err.constData());
        QVERIFY(!QFileInfo::exists(m_root + u"/etc/certs/root-cert.pem"_qs));
        QCOMPARE(read(m_root + u"/etc/hosts"_qs), QByteArray("127.0.0.1\tlocalhost\n"));
        QCOMPARE(QDir(m_tmp).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
    }

    void changedHostsStopsTheStreamedDistribution()
    {
        const QByteArray hosts = HostsBlock::replace(read(m_root + u"/etc/hosts"_qs), "198.18.0.2 istiod.istio-system.svc\n").content;
        InstallScript::Distribution spec = distribution({{u"root-cert.pem"_qs, "ROOT"}, {u"hosts"_qs, hosts}});
        QVERIFY(write(m_root + u"/etc/hosts"_qs, "127.0.0.1\tlocalhost\n10.0.0.1 other\n")); // after meshdeck read it
        const Run r = sh(InstallScript::distributionScript(spec), "ROOT" + hosts);
        QCOMPARE(r.exitCode, 4); // what VmPipeline::retryHosts() reads /etc/hosts again for
        QVERIFY(!QFileInfo::exists(m_root + u"/etc/certs/root-cert.pem"_qs));
        QCOMPARE(read(m_root + u"/etc/hosts"_qs), QByteArray("127.0.0.1\tlocalhost\n10.0.0.1 other\n"));
        QCOMPARE(QDir(m_tmp).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
    }

    void removalReceivesTheNewHostsOnStdin()
    {
        const QByteArray before = read(m_root + u"/etc/hosts"_qs);
        const QByteArray onboarded = HostsBlock::replace(before, "198.18.0.2 istiod.istio-system.svc\n").content;
        QVERIFY(write(m_root + u"/etc/hosts"_qs, onboarded));
        QVERIFY(write(m_root + u"/etc/certs/root-cert.pem"_qs, "ROOT"));
        const HostsBlock::Edit edit = HostsBlock::remove(onboarded);
        QVERIFY(edit.changed);
        InstallScript::Removal removal;
        removal.root = m_root;
        removal.files = {u"/etc/certs/root-cert.pem"_qs};
        removal.incoming = {InstallScript::Incoming{u"hosts"_qs, edit.content.size()}};
        removal.replaceHosts = true;
        removal.hosts = InstallScript::HostsReplacement{u"./hosts"_qs, sha256(onboarded)};
        const Run r = sh(InstallScript::removalScript(removal), edit.content);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(read(m_root + u"/etc/hosts"_qs), before);
        QVERIFY(!QFileInfo::exists(m_root + u"/etc/certs/root-cert.pem"_qs));
        QCOMPARE(QDir(m_tmp).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
    }

    void packageArrivesAndIsInstalledInOneGo()
    {
        // A fake dpkg keeps what it was given: the very bytes, under the name meshdeck sent.
        const QString seen = m_dir.filePath(u"seen.deb"_qs);
        QVERIFY(write(m_bin + u"/dpkg"_qs, "#!/bin/sh\nfor a; do last=$a; done\necho \"$*\" > \"" + seen.toUtf8()
                                               + ".args\"\ncp \"$last\" \"" + seen.toUtf8() + "\"\n", executable));
        QByteArray package(300 * 1024, 'p');
        package[0] = '!';
        const QString script = InstallScript::packageReceiveInstallScript(InstallScript::PackageFormat::Deb,
                                                                           u"istio-sidecar.deb"_qs, package.size());
        Run r = sh(script, package);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(read(seen), package);
        QVERIFY(read(seen + u".args"_qs).startsWith("--force-confold -i "));
        QVERIFY(read(seen + u".args"_qs).trimmed().endsWith("/istio-sidecar.deb"));
        QCOMPARE(QDir(m_tmp).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
        // Short: dpkg never runs.
        QFile::remove(seen);
        r = sh(script, package.left(1000));
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("arrived incomplete (1000 of"), r.err.constData());
        QVERIFY(!QFileInfo::exists(seen));
        QCOMPARE(QDir(m_tmp).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());
    }

    void startWaitsOnTheVm_data()
    {
        QTest::addColumn<QString>("show");    // what the fake `systemctl show` answers, call by call (last repeats)
        QTest::addColumn<bool>("restart");
        QTest::addColumn<int>("timeout");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("expected"); // in stdout
        QTest::addColumn<int>("minimumMs");
        const QString up = u"ActiveState=active SubState=running MainPID=42 NRestarts=0"_qs;
        QTest::newRow("stable for 2 s") << up << false << 40 << 0 << u"meshdeck-start=ok 42"_qs << 2000;
        QTest::newRow("restart") << up << true << 40 << 0 << u"meshdeck-start=ok 42"_qs << 2000;
        // Up for a second, then a new main process: the 2 s start again from the new one.
        QTest::newRow("pid changes")
            << u"ActiveState=activating SubState=start MainPID=0 NRestarts=0|%1|%1|%1|%1|%2"_qs.arg(up, u"ActiveState=active SubState=running MainPID=43 NRestarts=1"_qs)
            << false << 40 << 0 << u"meshdeck-start=ok 43"_qs << 3000;
        QTest::newRow("failed") << u"ActiveState=failed SubState=failed MainPID=0 NRestarts=3"_qs << false << 40 << 1
                                << u"meshdeck-start=failed\nistio.service is failed (failed)\n"_qs << 0;
        QTest::newRow("crash loop") << u"%1|ActiveState=activating SubState=auto-restart MainPID=0 NRestarts=1"_qs.arg(up) << false << 40
                                    << 1 << u"istio.service is activating (auto-restart)"_qs << 0;
        QTest::newRow("never settles") << u"ActiveState=activating SubState=start MainPID=0 NRestarts=0"_qs << false << 2 << 1
                                       << u"istio.service did not settle in 2 s (now activating/start)"_qs << 2000;
    }

    void startWaitsOnTheVm()
    {
        QFETCH(QString, show);
        QFETCH(bool, restart);
        QFETCH(int, timeout);
        QFETCH(int, exitCode);
        QFETCH(QString, expected);
        QFETCH(int, minimumMs);
        fakeSystemd(show);
        const Run r = sh(InstallScript::serviceStartAndWaitScript(restart, timeout), {});
        QVERIFY2(r.exitCode == exitCode, QByteArray(r.out + r.err).constData());
        QVERIFY2(r.out.contains(expected.toUtf8()), r.out.constData());
        QVERIFY2(r.ms >= minimumMs, qPrintable(QString::number(r.ms)));
        const QByteArray calls = read(m_dir.filePath(u"calls"_qs));
        // systemd has the unit as it is on disk (the fake's default): enable without a daemon-reload.
        QVERIFY2(calls.startsWith(QByteArray("enable --no-reload istio.service\nreset-failed istio.service\n"
                                             + QByteArray(restart ? "restart" : "start") + " istio.service\n")),
                 calls.constData());
        // A failure carries the tails of the agent's log and the journal, in the same answer.
        if (exitCode != 0) {
            QVERIFY(r.out.contains("--- journalctl -u istio -n 20\njournal: istio.service -n 20\n"));
            QVERIFY(r.out.contains("--- tail of /var/log/istio/istio.err.log"));
        }
    }

    void enableReloadsWhenSystemdNeedsIt_data()
    {
        QTest::addColumn<QByteArray>("loadState");
        QTest::addColumn<QByteArray>("needReload");
        QTest::addColumn<QByteArray>("enable");
        QTest::newRow("known and current") << QByteArray("loaded") << QByteArray("no") << QByteArray("enable --no-reload istio.service\n");
        QTest::newRow("file changed on disk") << QByteArray("loaded") << QByteArray("yes") << QByteArray("enable istio.service\n");
        QTest::newRow("not loaded yet") << QByteArray("not-found") << QByteArray("no") << QByteArray("enable istio.service\n");
    }

    void enableReloadsWhenSystemdNeedsIt()
    {
        QFETCH(QByteArray, loadState);
        QFETCH(QByteArray, needReload);
        QFETCH(QByteArray, enable);
        m_loadState = loadState;
        m_needReload = needReload;
        fakeSystemd(u"ActiveState=active SubState=running MainPID=42 NRestarts=0"_qs);
        const Run r = sh(InstallScript::serviceStartAndWaitScript(false, 40), {});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(read(m_dir.filePath(u"calls"_qs)).startsWith(enable), read(m_dir.filePath(u"calls"_qs)).constData());
    }

    void aStartThatFailsIsReported()
    {
        fakeSystemd(u"ActiveState=inactive SubState=dead MainPID=0 NRestarts=0"_qs, "start");
        const Run r = sh(InstallScript::serviceStartAndWaitScript(false, 40), {});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.startsWith("meshdeck-start=failed\nsystemctl start istio.service failed: Job for istio.service failed"),
                 r.out.constData());
        QVERIFY(r.out.contains("journal: istio.service"));
    }

private:
    struct File
    {
        QString name;
        QByteArray content;
    };

    InstallScript::Distribution distribution(const QList<File>& files)
    {
        VmBundle bundle;
        const QHash<QString, QString> paths = {{u"root-cert.pem"_qs, u"/etc/certs/root-cert.pem"_qs},
                                               {u"istio-token"_qs, u"/var/run/secrets/tokens/istio-token"_qs},
                                               {u"cluster.env"_qs, u"/var/lib/istio/envoy/cluster.env"_qs},
                                               {u"hosts"_qs, u"/etc/hosts"_qs}};
        QStringList sources;
        QList<InstallScript::Incoming> incoming;
        for (const File& f : files) {
            bundle.files.append(VmFile{f.name, f.content, paths.value(f.name)});
            sources.append(u"./"_qs + f.name);
            incoming.append(InstallScript::Incoming{f.name, f.content.size()});
        }
        InstallScript::Distribution d = InstallScript::istioDistribution(bundle, {}, sources);
        d.root = m_root;
        d.incoming = incoming;
        d.owner = m_owner;
        d.group = m_group;
        d.hosts.expectedSha256 = sha256(read(m_root + u"/etc/hosts"_qs));
        return d;
    }

    // systemctl and journalctl in PATH: show answers the '|'-separated states one per call (the
    // last one repeats), each call is logged; failVerb makes that verb fail as systemd's would.
    void fakeSystemd(const QString& show, const QByteArray& failVerb = {})
    {
        const QByteArray dir = m_dir.path().toUtf8();
        QByteArray answers;
        const QStringList states = show.split(u'|');
        for (qsizetype i = 0; i < states.size(); ++i)
            answers += "  " + QByteArray::number(i) + ") s='" + states.at(i).toUtf8() + "' ;;\n";
        const QByteArray script = "#!/bin/sh\n"
                                  "d='" + dir + "'\n"
                                  "if [ \"$1\" = show ] && [ \"$6\" = NeedDaemonReload ]; then echo LoadState=" + m_loadState + "; echo NeedDaemonReload="
                                  + m_needReload + "; exit 0; fi\n"
                                  "if [ \"$1\" = show ]; then\n"
                                  " n=$(cat \"$d/n\" 2>/dev/null || echo 0); echo $((n + 1)) > \"$d/n\"\n"
                                  " case $n in\n" + answers +
                                  "  *) s='" + states.constLast().toUtf8() + "' ;;\n"
                                  " esac\n"
                                  " for kv in $s; do echo \"$kv\"; done\n"
                                  " exit 0\n"
                                  "fi\n"
                                  "echo \"$*\" >> \"$d/calls\"\n"
                                  "if [ \"$1\" = '" + failVerb + "' ]; then echo 'Job for istio.service failed.' >&2; exit 1; fi\n";
        QVERIFY(write(m_bin + u"/systemctl"_qs, script, executable));
        QVERIFY(write(m_bin + u"/journalctl"_qs, "#!/bin/sh\necho \"journal: $2 $3 $4\"\n", executable));
    }

    // The script as the engine runs it (sh -c SCRIPT, $0 meshdeck) with input on stdin, the fakes
    // in m_bin first on PATH, and its temporary files in m_tmp.
    Run sh(const QString& script, const QByteArray& input)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"PATH"_qs, m_bin + u':' + env.value(u"PATH"_qs));
        env.insert(u"TMPDIR"_qs, m_tmp);
        return TestSupport::run<Run>(u"/bin/sh"_qs, {u"-c"_qs, script, u"meshdeck"_qs},
                                     TestSupport::RunOptions().withInput(input).withEnvironment(env));
    }

    QTemporaryDir m_dir;
    QString m_root;
    QString m_tmp;
    QString m_bin;
    QString m_owner;
    QString m_group;
    QByteArray m_loadState = "loaded"; //!< what the fake systemd says about the unit file
    QByteArray m_needReload = "no";
};

QTEST_APPLESS_MAIN(TestStreamedScripts)
#include "tst_streamedscripts.moc"
