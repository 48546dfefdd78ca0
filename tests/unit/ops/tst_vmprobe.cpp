// SPDX-License-Identifier: Apache-2.0
// Preflight's probe: the script run for real here (it is POSIX sh, the same as on a VM), the
// parser on recorded outputs, and the judgement of OS, architecture, init, disk, clock and ports.
#include "vmprobe.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcessEnvironment>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QByteArray debianOutput = R"X(osr.PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
osr.NAME="Debian GNU/Linux"
osr.VERSION_ID="12"
osr.ID=debian
machine=x86_64
systemd=yes
dpkg=yes
free_var_kb=10485760
free_usr_kb=10485760
epoch=1763700000
ip=198.18.0.11
port15012=closed
port15443=open
installed=1.31-dev
unit=yes
user=yes
exists=/etc/certs
exists=/var/run/secrets
)X";

QString names(const QList<ProbeCheck>& checks, ProbeCheck::Level level)
{
    QStringList out;
    for (const ProbeCheck& c : checks)
        if (c.level == level)
            out.append(c.name);
    return out.join(u',');
}

} // namespace

class TestVmProbe final : public QObject
{
    Q_OBJECT

private slots:
    void parsesARecordedProbe()
    {
        const VmProbe p = VmProbing::parse(debianOutput);
        QCOMPARE(p.osId, u"debian"_qs);
        QCOMPARE(p.osPretty, u"Debian GNU/Linux 12 (bookworm)"_qs);
        QCOMPARE(p.osVersion, u"12"_qs);
        QCOMPARE(p.machine, u"x86_64"_qs);
        QVERIFY(p.systemd);
        QVERIFY(p.hasDpkg);
        QVERIFY(!p.hasRpm);
        QCOMPARE(p.freeVarKb, 10485760);
        QCOMPARE(p.remoteEpoch, 1763700000);
        QCOMPARE(p.primaryIp, u"198.18.0.11"_qs);
        QCOMPARE(p.port15012, u"closed"_qs);
        QCOMPARE(p.port15443, u"open"_qs);
        QCOMPARE(p.installedVersion, u"1.31-dev"_qs);
        QVERIFY(p.unitPresent);
        QVERIFY(p.proxyUser);
        QCOMPARE(p.existingPaths, (QStringList{u"/etc/certs"_qs, u"/var/run/secrets"_qs}));
        QCOMPARE(VmProbing::packageFormat(p), InstallScript::PackageFormat::Deb);
    }

    void packageFormatByFamily_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("like");
        QTest::addColumn<int>("format"); // 0 deb, 1 rpm, -1 none
        QTest::newRow("ubuntu") << u"ubuntu"_qs << u"debian"_qs << 0;
        QTest::newRow("rocky") << u"rocky"_qs << u"rhel centos fedora"_qs << 1;
        QTest::newRow("amazon") << u"amzn"_qs << u"centos rhel fedora"_qs << 1;
        QTest::newRow("alpine") << u"alpine"_qs << QString() << -1;
    }

    void packageFormatByFamily()
    {
        QFETCH(QString, id);
        QFETCH(QString, like);
        QFETCH(int, format);
        VmProbe p;
        p.osId = id;
        p.osLike = like;
        const auto f = VmProbing::packageFormat(p);
        QCOMPARE(f.has_value() ? int(*f) : -1, format);
    }

    void judgement_data()
    {
        QTest::addColumn<QByteArray>("change");
        QTest::addColumn<qint64>("localEpoch");
        QTest::addColumn<QString>("failures");
        QTest::addColumn<QString>("warnings");
        QTest::newRow("healthy, 15012 closed warns") << QByteArray() << qint64(1763700000) << QString() << u"gateway"_qs;
        QTest::newRow("arm64 is fine") << QByteArray("machine=aarch64\n") << qint64(1763700000) << QString() << u"gateway"_qs;
        QTest::newRow("s390x is not") << QByteArray("machine=s390x\n") << qint64(1763700000) << u"architecture"_qs << u"gateway"_qs;
        QTest::newRow("no systemd") << QByteArray("systemd=no\n") << qint64(1763700000) << u"init"_qs << u"gateway"_qs;
        QTest::newRow("full disk") << QByteArray("free_var_kb=1024\n") << qint64(1763700000) << u"disk"_qs << u"gateway"_qs;
        QTest::newRow("tight disk") << QByteArray("free_usr_kb=307200\n") << qint64(1763700000) << QString() << u"disk,gateway"_qs;
        QTest::newRow("clock 10 min ahead") << QByteArray() << qint64(1763700000 - 600) << u"clock"_qs << u"gateway"_qs;
        QTest::newRow("clock 1 min behind") << QByteArray() << qint64(1763700000 + 60) << QString() << u"clock,gateway"_qs;
        QTest::newRow("15012 reachable") << QByteArray("port15012=open\n") << qint64(1763700000) << QString() << QString();
    }

    void judgement()
    {
        QFETCH(QByteArray, change);
        QFETCH(qint64, localEpoch);
        QFETCH(QString, failures);
        QFETCH(QString, warnings);
        const VmProbe p = VmProbing::parse(debianOutput + change); // later lines win
        const QList<ProbeCheck> checks = VmProbing::judge(p, localEpoch, 1, true);
        QCOMPARE(names(checks, ProbeCheck::Level::Failure), failures);
        QCOMPARE(names(checks, ProbeCheck::Level::Warning), warnings);
        QCOMPARE(VmProbing::passed(checks), failures.isEmpty());
    }

    void theScriptRunsHere()
    {
        // This machine is a Debian too: the probe must read it right, find a listening port
        // "open", a closed one "closed", and report only paths that exist.
        QTcpServer listening;
        QVERIFY(listening.listen(QHostAddress::LocalHost));
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 closedPort = closed.serverPort();
        closed.close();
        QTemporaryDir dir;
        const QStringList argv = VmProbing::probeCommand(u"127.0.0.1"_qs, {dir.path(), dir.filePath(u"absent"_qs)},
                                                         {listening.serverPort(), closedPort});
        QProcess p;
        const qint64 before = QDateTime::currentSecsSinceEpoch();
        p.start(argv.first(), argv.mid(1));
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const VmProbe probe = VmProbing::parse(p.readAllStandardOutput());
        QVERIFY(!probe.osId.isEmpty());
        QVERIFY(!probe.machine.isEmpty());
        QVERIFY(probe.freeVarKb > 0);
        QVERIFY(qAbs(probe.remoteEpoch - before) <= 5);
        QCOMPARE(probe.port15012, u"open"_qs);
        QCOMPARE(probe.port15443, u"closed"_qs);
        QCOMPARE(probe.existingPaths, QStringList{dir.path()});
        QVERIFY(VmProbing::packageFormat(probe).has_value());
    }

    void plantedPortFilesAreIgnored_data()
    {
        QTest::addColumn<QString>("shell");
        QTest::newRow("sh") << u"/bin/sh"_qs;
        if (QFileInfo(u"/bin/bash"_qs).isExecutable())
            QTest::newRow("bash") << u"/bin/bash"_qs;
    }

    void plantedPortFilesAreIgnored()
    {
        // Security review L4: the port answers went to ${TMPDIR:-/tmp}/.meshdeck-port-$$-N, names
        // another user could plant beforehand. Here they are planted, as symlinks to files of
        // ours, for the very PID the script runs as: a wrapper shell waits on stdin until they
        // are there, then execs the probe in its own process (same $$).
        QFETCH(QString, shell);
        QTcpServer listening;
        QVERIFY(listening.listen(QHostAddress::LocalHost));
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        const quint16 closedPort = closed.serverPort();
        closed.close();
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QStringList argv = VmProbing::probeCommand(u"127.0.0.1"_qs, {}, {listening.serverPort(), closedPort});
        QCOMPARE(argv.mid(0, 2), (QStringList{u"sh"_qs, u"-c"_qs}));
        QVERIFY(!argv.at(2).contains(u".meshdeck-port"_qs));
        QVERIFY(argv.at(2).contains(u"mktemp -d"_qs));

        QProcess p;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"TMPDIR"_qs, tmp.path());
        p.setProcessEnvironment(environment);
        p.start(shell, QStringList{u"-c"_qs, u"read go; exec \"$0\" -c \"$@\""_qs, shell} + argv.mid(2));
        QVERIFY(p.waitForStarted(10000));
        const QString pid = QString::number(p.processId());
        QStringList planted;
        for (const QString& n : {u"1"_qs, u"2"_qs}) {
            const QString victim = tmp.filePath(u"victim-"_qs + n);
            QFile file(victim);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write("planted\n");
            file.close();
            const QString name = tmp.filePath(u".meshdeck-port-"_qs + pid + u'-' + n);
            QVERIFY(QFile::link(victim, name));
            planted << name << victim;
        }
        p.write("go\n");
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 0);
        const VmProbe probe = VmProbing::parse(p.readAllStandardOutput());
        QCOMPARE(probe.port15012, u"open"_qs);
        QCOMPARE(probe.port15443, u"closed"_qs);
        for (const QString& n : {u"1"_qs, u"2"_qs}) {
            QFile victim(tmp.filePath(u"victim-"_qs + n));
            QVERIFY(victim.open(QIODevice::ReadOnly));
            QCOMPARE(victim.readAll(), QByteArray("planted\n")); // never written through the link
        }
        // and the private directory is gone: only what was planted is left
        const QStringList left = QDir(tmp.path()).entryList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot);
        QCOMPARE(left.size(), planted.size());
    }

    void privateDirectoryRemovedWhenStopped()
    {
        // The port tests hang (a stand-in nc that sleeps); the script is stopped with SIGTERM
        // while it waits: the trap removes its directory.
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString bin = tmp.filePath(u"bin"_qs);
        QVERIFY(QDir().mkpath(bin));
        QFile nc(bin + u"/nc"_qs);
        QVERIFY(nc.open(QIODevice::WriteOnly));
        nc.write("#!/bin/sh\nexec sleep 5\n");
        nc.close();
        QVERIFY(nc.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        const QString scratch = tmp.filePath(u"tmp"_qs);
        QVERIFY(QDir().mkpath(scratch));
        const QStringList argv = VmProbing::probeCommand(u"127.0.0.1"_qs, {});
        QProcess p;
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"TMPDIR"_qs, scratch);
        environment.insert(u"PATH"_qs, bin + u':' + environment.value(u"PATH"_qs));
        p.setProcessEnvironment(environment);
        p.start(argv.first(), argv.mid(1));
        QVERIFY(p.waitForStarted(10000));
        const auto entries = [&scratch] { return QDir(scratch).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot); };
        QTRY_COMPARE_WITH_TIMEOUT(entries().size(), 1, 10000);
        QVERIFY2(entries().constFirst().startsWith(u"meshdeck-probe."_qs), qPrintable(entries().join(u' ')));
        QTRY_VERIFY_WITH_TIMEOUT(QDir(scratch + u'/' + entries().constFirst()).entryList(QDir::Files).size() == 2, 5000);
        p.terminate();
        QVERIFY(p.waitForFinished(10000));
        QCOMPARE(entries(), QStringList{});
    }

    void touchedPathsCoverWhatOnboardingCreates()
    {
        const QStringList paths = VmProbing::touchedPaths();
        for (const QString& p : {u"/etc/certs"_qs, u"/etc/istio"_qs, u"/var/lib/istio"_qs, u"/var/log/istio"_qs,
                                 u"/var/run/secrets"_qs, u"/var/run/secrets/tokens"_qs})
            QVERIFY2(paths.contains(p), qPrintable(p));
    }
};

QTEST_GUILESS_MAIN(TestVmProbe)
#include "tst_vmprobe.moc"
