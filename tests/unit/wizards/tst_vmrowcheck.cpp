// SPDX-License-Identifier: Apache-2.0
// The VM table's rules without widgets: one row's problems, unique names, the probe's texts.
#include "vmrowcheck.h"

#include "plan.h"

#include <QTest>

class TestVmRowCheck final : public QObject
{
    Q_OBJECT

private:
    static Plan plan()
    {
        Plan p;
        VmGroup g;
        g.name = u"web"_qs;
        p.vmGroups = {g};
        Vm a;
        a.name = u"web-1"_qs;
        a.group = u"web"_qs;
        a.address = u"10.0.0.5"_qs;
        Vm b = a;
        b.name = u"web-2"_qs;
        b.address = u"web-2.example"_qs;
        p.vms = {a, b};
        return p;
    }

private slots:
    void problems_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("value");
        QTest::addColumn<int>("count");
        QTest::newRow("valid") << QString() << QString() << 0;
        QTest::newRow("empty name") << u"name"_qs << QString() << 1;
        QTest::newRow("bad name") << u"name"_qs << u"Web 1"_qs << 1;
        QTest::newRow("duplicate name") << u"name"_qs << u"web-2"_qs << 1;
        QTest::newRow("no group") << u"group"_qs << QString() << 1;
        QTest::newRow("unknown group") << u"group"_qs << u"db"_qs << 1;
        QTest::newRow("no address") << u"address"_qs << u"  "_qs << 1;
        QTest::newRow("address with shell characters") << u"address"_qs << u"host;rm"_qs << 1;
        QTest::newRow("address starting with -") << u"address"_qs << u"-oProxyCommand=x"_qs << 1;
        QTest::newRow("ssh alias address") << u"address"_qs << u"web1-alias"_qs << 0;
        QTest::newRow("workload IP") << u"ip"_qs << u"10.1.0.5"_qs << 0;
        QTest::newRow("IPv6 workload IP") << u"ip"_qs << u"2001:db8::5"_qs << 0;
        QTest::newRow("bad workload IP") << u"ip"_qs << u"10.1.0"_qs << 1;
        QTest::newRow("bad ssh user") << u"user"_qs << u"a b"_qs << 1;
        QTest::newRow("bad ssh port") << u"port"_qs << u"-1"_qs << 1;
        QTest::newRow("port 2222") << u"port"_qs << u"2222"_qs << 0;
        QTest::newRow("jump host") << u"jump"_qs << u"ops@bastion:2222"_qs << 0;
        QTest::newRow("jump through another VM") << u"jump"_qs << u"web-2"_qs << 0;
        QTest::newRow("bad jump host") << u"jump"_qs << u"ops@@bastion"_qs << 1;
    }

    void problems()
    {
        QFETCH(QString, field);
        QFETCH(QString, value);
        QFETCH(int, count);
        Plan p = plan();
        Vm& vm = p.vms[0];
        if (field == u"name") vm.name = value;
        if (field == u"group") vm.group = value;
        if (field == u"address") vm.address = value;
        if (field == u"ip") vm.ip = value;
        if (field == u"user") vm.ssh.user = value;
        if (field == u"port") vm.ssh.port = value.toInt();
        if (field == u"jump") vm.ssh.jumpHost = value;
        const QStringList found = VmRowCheck::problems(p, 0);
        QVERIFY2(found.size() == count, qPrintable(found.join(u'\n')));
    }

    void allProblems()
    {
        QCOMPARE(VmRowCheck::allProblems(plan()), QStringList{});
        QCOMPARE(VmRowCheck::allProblems(Plan{}).size(), 1); // no VM yet
        Plan p = plan();
        p.vms[1].address.clear();
        const QStringList found = VmRowCheck::allProblems(p);
        QCOMPARE(found.size(), 1);
        QVERIFY(found.first().startsWith(u"web-2: "_qs));
    }

    void uniqueName()
    {
        const Plan p = plan();
        QCOMPARE(VmRowCheck::uniqueName(p, u"db"_qs), u"db"_qs);
        QCOMPARE(VmRowCheck::uniqueName(p, u"web-1"_qs), u"web-1-2"_qs);
    }

    void texts()
    {
        QCOMPARE(VmRowCheck::diskText(-1), u"unknown"_qs);
        QVERIFY(VmRowCheck::diskText(qint64(10) * 1024 * 1024 * 1024).contains(u"10"_qs));
        QVERIFY(!VmRowCheck::skewText(1.5).contains(u"NTP"_qs));
        QVERIFY(VmRowCheck::skewText(-42).contains(u"NTP"_qs));
    }
};

QTEST_GUILESS_MAIN(TestVmRowCheck)
#include "tst_vmrowcheck.moc"
