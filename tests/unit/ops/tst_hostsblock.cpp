// SPDX-License-Identifier: Apache-2.0
// The marked /etc/hosts block: replaced where it stands, never appended twice, removed cleanly,
// and the user's own lines (even ones that look like ours) never touched.
#include "hostsblock.h"

#include <QTest>

class TestHostsBlock final : public QObject
{
    Q_OBJECT

private slots:
    void replace_data()
    {
        QTest::addColumn<QByteArray>("before");
        QTest::addColumn<QByteArray>("lines");
        QTest::addColumn<QByteArray>("after");
        const QByteArray base = "127.0.0.1\tlocalhost\n::1\tlocalhost\n";
        const QByteArray block = "# BEGIN meshdeck\n198.18.0.2 istiod.istio-system.svc\n# END meshdeck\n";
        QTest::newRow("appended to a file without a block")
            << base << QByteArray("198.18.0.2 istiod.istio-system.svc\n") << QByteArray(base + block);
        QTest::newRow("the lines get their newline")
            << base << QByteArray("198.18.0.2 istiod.istio-system.svc") << QByteArray(base + block);
        QTest::newRow("a file without a final newline")
            << QByteArray("127.0.0.1 localhost") << QByteArray("198.18.0.2 istiod.istio-system.svc\n")
            << QByteArray("127.0.0.1 localhost\n" + block);
        QTest::newRow("replaced in place, lines after it kept")
            << QByteArray("127.0.0.1 a\n# BEGIN meshdeck\n10.0.0.1 istiod.istio-system.svc\n# END meshdeck\n10.9.9.9 b\n")
            << QByteArray("198.18.0.2 istiod.istio-system.svc\n")
            << QByteArray("127.0.0.1 a\n" + block + "10.9.9.9 b\n");
        QTest::newRow("two blocks (hand-edited) become one")
            << QByteArray("# BEGIN meshdeck\nx\n# END meshdeck\n1.1.1.1 c\n# BEGIN meshdeck\ny\n# END meshdeck\n")
            << QByteArray("198.18.0.2 istiod.istio-system.svc\n") << QByteArray(block + "1.1.1.1 c\n");
        QTest::newRow("empty lines remove the block")
            << QByteArray(base + block) << QByteArray() << base;
        QTest::newRow("nothing to remove: untouched, even without final newline")
            << QByteArray("127.0.0.1 localhost") << QByteArray() << QByteArray("127.0.0.1 localhost");
        QTest::newRow("a user's identical line outside the block is theirs")
            << QByteArray("198.18.0.2 istiod.istio-system.svc\n") << QByteArray("198.18.0.2 istiod.istio-system.svc\n")
            << QByteArray("198.18.0.2 istiod.istio-system.svc\n" + block);
        QTest::newRow("markers with trailing blanks are recognised")
            << QByteArray("# BEGIN meshdeck  \nold\n# END meshdeck\t\n") << QByteArray("new\n")
            << QByteArray("# BEGIN meshdeck\nnew\n# END meshdeck\n");
        QTest::newRow("several lines")
            << base << QByteArray("198.18.0.2 istiod.istio-system.svc\n127.255.0.3 httpbin.bar.global\n")
            << QByteArray(base + "# BEGIN meshdeck\n198.18.0.2 istiod.istio-system.svc\n127.255.0.3 httpbin.bar.global\n# END meshdeck\n");
    }

    void replace()
    {
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, lines);
        QFETCH(QByteArray, after);
        const HostsBlock::Edit edit = HostsBlock::replace(before, lines);
        QVERIFY2(edit.ok(), qPrintable(edit.error));
        QCOMPARE(edit.content, after);
        QCOMPARE(edit.changed, before != after);
    }

    void neverAppendedTwice()
    {
        QByteArray hosts = "127.0.0.1 localhost\n";
        for (int i = 0; i < 5; ++i)
            hosts = HostsBlock::replace(hosts, "198.18.0.2 istiod.istio-system.svc\n").content;
        QCOMPARE(hosts.count("# BEGIN meshdeck"), 1);
        QCOMPARE(hosts.count("istiod.istio-system.svc"), 1);
        const HostsBlock::Edit again = HostsBlock::replace(hosts, "198.18.0.2 istiod.istio-system.svc\n");
        QVERIFY(!again.changed);
        QCOMPARE(HostsBlock::current(hosts), QByteArray("198.18.0.2 istiod.istio-system.svc\n"));
        QCOMPARE(HostsBlock::remove(hosts).content, QByteArray("127.0.0.1 localhost\n"));
    }

    void brokenMarkersLeaveTheFileAlone_data()
    {
        QTest::addColumn<QByteArray>("hosts");
        QTest::newRow("begin without end") << QByteArray("127.0.0.1 a\n# BEGIN meshdeck\n10.0.0.1 x\n");
        QTest::newRow("end without begin") << QByteArray("127.0.0.1 a\n# END meshdeck\n");
        QTest::newRow("nested begin") << QByteArray("# BEGIN meshdeck\n# BEGIN meshdeck\n# END meshdeck\n");
    }

    void brokenMarkersLeaveTheFileAlone()
    {
        QFETCH(QByteArray, hosts);
        const HostsBlock::Edit edit = HostsBlock::replace(hosts, "198.18.0.2 istiod.istio-system.svc\n");
        QVERIFY(!edit.ok());
        QVERIFY(edit.error.contains(u"fix it by hand"_qs));
        QCOMPARE(edit.content, hosts);
        QVERIFY(!edit.changed);
        QVERIFY(!HostsBlock::remove(hosts).ok());
    }
};

QTEST_APPLESS_MAIN(TestHostsBlock)
#include "tst_hostsblock.moc"
