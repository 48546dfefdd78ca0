// SPDX-License-Identifier: Apache-2.0
// SshEndpoint's ssh options (only what the plan sets) and ProxyJump lists as OpenSSH writes them
// (`ssh -G` prints "root@[127.0.0.1]:22931" for -J root@127.0.0.1:22931).
#include "sshendpoint.h"

#include <QTest>

class TestSshEndpoint final : public QObject
{
    Q_OBJECT

private slots:
    void onlyWhatThePlanSets()
    {
        SshEndpoint endpoint;
        endpoint.host = u"10.10.1.21"_qs;
        QCOMPARE(endpoint.options(), QStringList());
        endpoint.user = u"ops"_qs;
        endpoint.port = 2222;
        endpoint.identityFile = u"/home/u/.ssh/meshdeck_ed25519"_qs;
        endpoint.jumpHost = u"ops@bastion.corp.example.com:22"_qs;
        QCOMPARE(endpoint.options(),
                 (QStringList{u"-l"_qs, u"ops"_qs, u"-p"_qs, u"2222"_qs, u"-i"_qs, u"/home/u/.ssh/meshdeck_ed25519"_qs,
                              u"-o"_qs, u"IdentitiesOnly=yes"_qs, u"-J"_qs, u"ops@bastion.corp.example.com:22"_qs}));
        QCOMPARE(endpoint.displayName(), u"10.10.1.21"_qs);
        endpoint.label = u"billing-vm-1"_qs;
        QCOMPARE(endpoint.displayName(), u"billing-vm-1"_qs);
    }

    void jumpHosts_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QStringList>("users");
        QTest::addColumn<QStringList>("hosts");
        QTest::addColumn<QList<int>>("ports");
        QTest::newRow("none") << u"none"_qs << QStringList{} << QStringList{} << QList<int>{};
        QTest::newRow("empty") << QString() << QStringList{} << QStringList{} << QList<int>{};
        QTest::newRow("host") << u"bastion"_qs << QStringList{QString()} << QStringList{u"bastion"_qs} << QList<int>{0};
        QTest::newRow("ssh -G form") << u"root@[127.0.0.1]:22931"_qs << QStringList{u"root"_qs}
                                     << QStringList{u"127.0.0.1"_qs} << QList<int>{22931};
        QTest::newRow("chain") << u"a@b:3,c"_qs << QStringList{u"a"_qs, QString()} << QStringList{u"b"_qs, u"c"_qs}
                               << QList<int>{3, 0};
        QTest::newRow("ipv6 with port") << u"[fd00::1]:2222"_qs << QStringList{QString()} << QStringList{u"fd00::1"_qs}
                                        << QList<int>{2222};
        QTest::newRow("bare ipv6") << u"fd00::1"_qs << QStringList{QString()} << QStringList{u"fd00::1"_qs} << QList<int>{0};
        QTest::newRow("uri") << u"ssh://ops@jump:2200"_qs << QStringList{u"ops"_qs} << QStringList{u"jump"_qs}
                             << QList<int>{2200};
    }

    void jumpHosts()
    {
        QFETCH(QString, value);
        QFETCH(QStringList, users);
        QFETCH(QStringList, hosts);
        QFETCH(QList<int>, ports);
        QList<JumpHop> hops;
        QString error;
        QVERIFY2(parseJumpHosts(value, &hops, &error), qPrintable(error));
        QCOMPARE(hops.size(), hosts.size());
        for (qsizetype i = 0; i < hops.size(); ++i) {
            QCOMPARE(hops[i].user, users[i]);
            QCOMPARE(hops[i].host, hosts[i]);
            QCOMPARE(hops[i].port, ports[i]);
        }
        // joined back, and parsed again to the same hops
        QList<JumpHop> again;
        QVERIFY(parseJumpHosts(joinJumpHosts(hops), &again, &error));
        QCOMPARE(again, hops);
    }

    void badJumpHosts_data()
    {
        QTest::addColumn<QString>("value");
        QTest::newRow("port") << u"host:0"_qs;
        QTest::newRow("port text") << u"host:ssh"_qs;
        QTest::newRow("port too big") << u"host:70000"_qs;
        QTest::newRow("unclosed") << u"[fd00::1:22"_qs;
        QTest::newRow("empty hop") << u"a,,b"_qs;
        QTest::newRow("no host") << u"user@"_qs;
        // fuzz/sshconfig: taken for a bare IPv6 address, then joined as "[b:]:22x]" that reads back otherwise.
        QTest::newRow("bracket in a bare host") << u"ssh://jump@b:]:22x"_qs;
        QTest::newRow("bracket in brackets") << u"[[::1]:22"_qs;
        QTest::newRow("space in host") << u"a b:22"_qs;
        QTest::newRow("none as a hop") << u"ssh://none"_qs;
        QTest::newRow("uri twice") << u"ssh://ssh://ops@jump:2200"_qs;
        QTest::newRow("space in user") << u"ssh:// ops@jump"_qs;
    }

    void badJumpHosts()
    {
        QFETCH(QString, value);
        QList<JumpHop> hops;
        QString error;
        QVERIFY(!parseJumpHosts(value, &hops, &error));
        QVERIFY(!error.isEmpty());
    }

    void hopText()
    {
        QCOMPARE((JumpHop{u"u"_qs, u"fd00::1"_qs, 22}).toString(), u"u@[fd00::1]:22"_qs);
        QCOMPARE((JumpHop{{}, u"h"_qs, 0}).toString(), u"h"_qs);
    }
};

QTEST_APPLESS_MAIN(TestSshEndpoint)
#include "tst_sshendpoint.moc"
