// SPDX-License-Identifier: Apache-2.0
// Reading `ssh -G` and `ssh-keygen -l` output: recorded from OpenSSH 9.2p1 (Debian bookworm), and
// checked against the real ssh on this machine for the known_hosts name rule.
#include "sshhostconfig.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {

// `ssh -G -F config -J root@127.0.0.1:22931 -p 22932 127.0.0.1`, abridged, as OpenSSH 9.2p1 prints it
const QByteArray recorded = "user root\nhostname 127.0.0.1\nport 22932\nbatchmode no\ncheckhostip no\n"
                            "hashknownhosts yes\nidentityfile ~/.ssh/id_rsa\nidentityfile ~/.ssh/id_ed25519\n"
                            "globalknownhostsfile /etc/ssh/ssh_known_hosts /etc/ssh/ssh_known_hosts2\n"
                            "userknownhostsfile /tmp/h9x/known_hosts\nstricthostkeychecking ask\n"
                            "proxyjump root@[127.0.0.1]:22931\ncontrolpersist no\n";

} // namespace

class TestSshHostConfig final : public QObject
{
    Q_OBJECT

private slots:
    void parsesSshG()
    {
        const SshHostConfig config = SshHostConfig::parse(recorded);
        QCOMPARE(config.hostname, u"127.0.0.1"_qs);
        QCOMPARE(config.port, 22932);
        QCOMPARE(config.user, u"root"_qs);
        QVERIFY(config.hashKnownHosts);
        QCOMPARE(config.userKnownHostsFiles, QStringList{u"/tmp/h9x/known_hosts"_qs});
        QCOMPARE(config.globalKnownHostsFiles,
                 (QStringList{u"/etc/ssh/ssh_known_hosts"_qs, u"/etc/ssh/ssh_known_hosts2"_qs}));
        QCOMPARE(config.proxyJump, u"root@[127.0.0.1]:22931"_qs);
        QCOMPARE(config.knownHostsName(), u"[127.0.0.1]:22932"_qs);
        QCOMPARE(config.knownHostsFileToWrite(), u"/tmp/h9x/known_hosts"_qs);
    }

    void knownHostsName_data()
    {
        QTest::addColumn<QString>("hostname");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("alias");
        QTest::addColumn<QString>("name");
        QTest::newRow("port 22") << u"10.0.0.1"_qs << 22 << QString() << u"10.0.0.1"_qs;
        QTest::newRow("other port") << u"vm.example"_qs << 2222 << QString() << u"[vm.example]:2222"_qs;
        QTest::newRow("alias") << u"10.0.0.1"_qs << 22 << u"billing-1"_qs << u"billing-1"_qs;
        QTest::newRow("alias, port") << u"10.0.0.1"_qs << 2200 << u"billing-1"_qs << u"[billing-1]:2200"_qs;
    }

    void knownHostsName()
    {
        QFETCH(QString, hostname);
        QFETCH(int, port);
        QFETCH(QString, alias);
        QFETCH(QString, name);
        SshHostConfig config;
        config.hostname = hostname;
        config.port = port;
        config.hostKeyAlias = alias;
        QCOMPARE(config.knownHostsName(), name);
    }

    void noneIsNoFile()
    {
        const SshHostConfig config = SshHostConfig::parse("userknownhostsfile none\nproxyjump none\nproxycommand none\n");
        QVERIFY(config.userKnownHostsFiles.isEmpty());
        QVERIFY(config.knownHostsFileToWrite().isEmpty());
        QVERIFY(config.proxyJump.isEmpty());
        QVERIFY(!config.proxyCommand);
        QCOMPARE(config.port, 22);
    }

    void realSshAgrees()
    {
        // this machine's ssh, with an alias and a port from a config file
        QTemporaryDir dir;
        QFile file(dir.filePath(u"config"_qs));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("Host billing\n  HostName 10.9.8.7\n  Port 2200\n  User ops\n  ProxyJump a@b:3,c\n"
                   "  UserKnownHostsFile ~/kh1 /tmp/kh2\n  HashKnownHosts no\n");
        file.close();
        QProcess ssh;
        ssh.start(u"ssh"_qs, {u"-T"_qs, u"-G"_qs, u"-F"_qs, file.fileName(), u"billing"_qs});
        QVERIFY(ssh.waitForFinished(10000));
        QCOMPARE(ssh.exitCode(), 0);
        const SshHostConfig config = SshHostConfig::parse(ssh.readAllStandardOutput());
        QCOMPARE(config.hostname, u"10.9.8.7"_qs);
        QCOMPARE(config.port, 2200);
        QCOMPARE(config.user, u"ops"_qs);
        QCOMPARE(config.proxyJump, u"a@b:3,c"_qs);
        QVERIFY(!config.hashKnownHosts);
        QCOMPARE(config.userKnownHostsFiles.size(), 2);
        QVERIFY(!config.userKnownHostsFiles[0].startsWith(u'~')); // ssh expands ~ itself
        QCOMPARE(config.knownHostsName(), u"[10.9.8.7]:2200"_qs);
    }

    void fingerprints()
    {
        const QList<KeyFingerprint> parsed = parseFingerprints(
            "256 SHA256:b2aO0FG5G8EgiZePsrjxWh0WLYeIqT1Vn6Ds23dvEjg [127.0.0.1]:22931 (ED25519)\n"
            "3072 SHA256:xRmudcnnGInL4Y5z1dldEJ2T8EpOoCaAPVaGIDAsxK8 no comment (RSA)\n"
            "256 SHA256:b2aO0FG5G8EgiZePsrjxWh0WLYeIqT1Vn6Ds23dvEjg |1|+6VTgBHaCTKxoHXALyf5yVvMirE=|MY7iJdaohyxv8q83TM5iKVJNMF8= (ED25519)\n"
            "garbage\n");
        QCOMPARE(parsed.size(), 3);
        QCOMPARE(parsed[0].bits, 256);
        QCOMPARE(parsed[0].fingerprint, u"SHA256:b2aO0FG5G8EgiZePsrjxWh0WLYeIqT1Vn6Ds23dvEjg"_qs);
        QCOMPARE(parsed[0].type, u"ED25519"_qs);
        QCOMPARE(parsed[1].type, u"RSA"_qs);
        QCOMPARE(parsed[2].fingerprint, parsed[0].fingerprint);
    }
};

QTEST_APPLESS_MAIN(TestSshHostConfig)
#include "tst_sshhostconfig.moc"
