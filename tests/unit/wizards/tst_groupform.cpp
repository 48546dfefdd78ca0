// SPDX-License-Identifier: Apache-2.0
// The group page's conversions (table rows ↔ the plan's labels and ports, the probe command,
// the token duration) and rules, without widgets.
#include "groupform.h"

#include <QTest>

using Rows = GroupForm::Rows;

class TestGroupForm final : public QObject
{
    Q_OBJECT

private slots:
    void labels_data()
    {
        QTest::addColumn<Rows>("rows");
        QTest::addColumn<StringMap>("labels");
        QTest::addColumn<int>("problems");
        QTest::newRow("two") << Rows{{u"app"_qs, u"web"_qs}, {u"tier"_qs, u"backend"_qs}}
                             << StringMap{{u"app"_qs, u"web"_qs}, {u"tier"_qs, u"backend"_qs}} << 0;
        QTest::newRow("blanks trimmed, empty rows skipped") << Rows{{u" app "_qs, u" web"_qs}, {u""_qs, u" "_qs}, {}}
                                                            << StringMap{{u"app"_qs, u"web"_qs}} << 0;
        QTest::newRow("prefixed key, empty value") << Rows{{u"example.com/team"_qs, QString()}}
                                                   << StringMap{{u"example.com/team"_qs, QString()}} << 0;
        QTest::newRow("bad key") << Rows{{u"-app"_qs, u"web"_qs}} << StringMap{{u"-app"_qs, u"web"_qs}} << 1;
        QTest::newRow("bad value") << Rows{{u"app"_qs, u"a b"_qs}} << StringMap{{u"app"_qs, u"a b"_qs}} << 1;
        QTest::newRow("duplicate key") << Rows{{u"app"_qs, u"a"_qs}, {u"app"_qs, u"b"_qs}} << StringMap{{u"app"_qs, u"b"_qs}} << 1;
    }

    void labels()
    {
        QFETCH(Rows, rows);
        QFETCH(StringMap, labels);
        QFETCH(int, problems);
        QStringList found;
        QCOMPARE(GroupForm::labels(rows, &found), labels);
        QVERIFY2(found.size() == problems, qPrintable(found.join(u'\n')));
        if (problems == 0)
            QCOMPARE(GroupForm::labels(GroupForm::labelRows(labels), nullptr), labels);
    }

    void servicePorts_data()
    {
        QTest::addColumn<Rows>("rows");
        QTest::addColumn<QList<ServicePort>>("ports");
        QTest::addColumn<int>("problems");
        QTest::newRow("one, defaults") << Rows{{QString(), u"8080"_qs, QString(), QString()}}
                                       << QList<ServicePort>{{QString(), 8080, 0, u"TCP"_qs}} << 0;
        QTest::newRow("two named") << Rows{{u"http"_qs, u"80"_qs, u"8080"_qs, u"tcp"_qs}, {u"grpc"_qs, u"9090"_qs, QString(), u"TCP"_qs}}
                                   << QList<ServicePort>{{u"http"_qs, 80, 8080, u"TCP"_qs}, {u"grpc"_qs, 9090, 0, u"TCP"_qs}} << 0;
        QTest::newRow("two, one unnamed") << Rows{{u"http"_qs, u"80"_qs}, {QString(), u"81"_qs}}
                                          << QList<ServicePort>{{u"http"_qs, 80, 0, u"TCP"_qs}, {QString(), 81, 0, u"TCP"_qs}} << 1;
        QTest::newRow("bad port") << Rows{{u"http"_qs, u"eighty"_qs}} << QList<ServicePort>{{u"http"_qs, 0, 0, u"TCP"_qs}} << 1;
        QTest::newRow("port out of range") << Rows{{u"http"_qs, u"70000"_qs}} << QList<ServicePort>{{u"http"_qs, 0, 0, u"TCP"_qs}} << 1;
        QTest::newRow("bad protocol") << Rows{{u"http"_qs, u"80"_qs, QString(), u"HTTP"_qs}}
                                      << QList<ServicePort>{{u"http"_qs, 80, 0, u"HTTP"_qs}} << 1;
        QTest::newRow("duplicate port") << Rows{{u"a"_qs, u"80"_qs}, {u"b"_qs, u"80"_qs}}
                                        << QList<ServicePort>{{u"a"_qs, 80, 0, u"TCP"_qs}, {u"b"_qs, 80, 0, u"TCP"_qs}} << 1;
    }

    void servicePorts()
    {
        QFETCH(Rows, rows);
        QFETCH(QList<ServicePort>, ports);
        QFETCH(int, problems);
        QStringList found;
        QCOMPARE(GroupForm::servicePorts(rows, &found), ports);
        QVERIFY2(found.size() == problems, qPrintable(found.join(u'\n')));
        if (problems == 0)
            QCOMPARE(GroupForm::servicePorts(GroupForm::servicePortRows(ports), nullptr), ports);
    }

    void workloadPorts()
    {
        QStringList found;
        const QList<NamedPort> ports = GroupForm::ports({{u"http"_qs, u"8080"_qs}, {u"Bad_Name"_qs, u"1"_qs}, {u"http"_qs, u"2"_qs}}, &found);
        QCOMPARE(ports.size(), 3);
        QCOMPARE(ports[0], (NamedPort{u"http"_qs, 8080}));
        QCOMPARE(found.size(), 2);
        QCOMPARE(GroupForm::portRows({{u"http"_qs, 8080}}), (Rows{{u"http"_qs, u"8080"_qs}}));
    }

    void command()
    {
        const QStringList argv{u"/usr/bin/curl"_qs, u"-f"_qs, u"http://localhost:8080/health check"_qs};
        QCOMPARE(GroupForm::command(GroupForm::commandText(argv)), argv);
        QCOMPARE(GroupForm::command(u"  a \n\n b\n"_qs), (QStringList{u"a"_qs, u"b"_qs}));
    }

    void duration_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<int>("seconds");
        QTest::newRow("seconds") << u"3600"_qs << 3600;
        QTest::newRow("hours") << u"2h"_qs << 7200;
        QTest::newRow("minutes") << u"90m"_qs << 5400;
        QTest::newRow("combined") << u"1h30m15s"_qs << 5415;
        QTest::newRow("blanks") << u" 10m "_qs << 600;
        QTest::newRow("garbage") << u"soon"_qs << -1;
        QTest::newRow("empty") << QString() << -1;
        QTest::newRow("days unsupported") << u"1d"_qs << -1;
    }

    void duration()
    {
        QFETCH(QString, text);
        QFETCH(int, seconds);
        QCOMPARE(GroupForm::parseDuration(text).value_or(-1), seconds);
        if (seconds > 0)
            QCOMPARE(GroupForm::parseDuration(GroupForm::durationText(seconds)).value_or(-1), seconds);
    }

    void durationText()
    {
        QCOMPARE(GroupForm::durationText(3600), u"1h"_qs);
        QCOMPARE(GroupForm::durationText(5400), u"1h30m"_qs);
        QCOMPARE(GroupForm::durationText(600), u"10m"_qs);
        QCOMPARE(GroupForm::durationText(601), u"601"_qs);
    }

    void problems_data()
    {
        QTest::addColumn<QString>("change");
        QTest::addColumn<int>("count");
        QTest::newRow("valid") << QString() << 0;
        QTest::newRow("bad name") << u"name"_qs << 1;
        QTest::newRow("duplicate name") << u"duplicate"_qs << 1;
        QTest::newRow("no namespace") << u"namespace"_qs << 1;
        QTest::newRow("no labels") << u"labels"_qs << 1;
        QTest::newRow("token too short") << u"token"_qs << 1;
        QTest::newRow("http probe without port") << u"probe-port"_qs << 1;
        QTest::newRow("exec probe without command") << u"probe-exec"_qs << 1;
        QTest::newRow("probe thresholds") << u"probe-thresholds"_qs << 1;
        QTest::newRow("tcp probe") << u"probe-tcp"_qs << 0;
    }

    void problems()
    {
        QFETCH(QString, change);
        QFETCH(int, count);
        Plan plan;
        VmGroup g;
        g.name = u"web"_qs;
        g.namespaceName = u"vm"_qs;
        g.labels.insert(u"app"_qs, u"web"_qs);
        VmGroup other = g;
        other.name = u"db"_qs;
        Probe probe;
        probe.kind = Probe::Kind::HttpGet;
        probe.port = 8080;
        if (change == u"name") g.name = u"Web!"_qs;
        if (change == u"duplicate") g.name = u"db"_qs;
        if (change == u"namespace") g.namespaceName.clear();
        if (change == u"labels") g.labels.clear();
        if (change == u"token") g.tokenDurationSeconds = 60;
        if (change == u"probe-port") probe.port = 0;
        if (change == u"probe-exec") probe.kind = Probe::Kind::Exec;
        if (change == u"probe-thresholds") probe.failureThreshold = 0;
        if (change == u"probe-tcp") probe.kind = Probe::Kind::TcpSocket;
        g.probe = probe;
        plan.vmGroups = {g, other};
        const QStringList found = GroupForm::problems(plan, 0);
        QVERIFY2(found.size() == count, qPrintable(found.join(u'\n')));
    }

    void newGroupName()
    {
        Plan plan;
        QCOMPARE(GroupForm::newGroupName(plan), u"vm-group"_qs);
        plan.vmGroups.append(VmGroup{});
        plan.vmGroups.last().name = u"vm-group"_qs;
        QCOMPARE(GroupForm::newGroupName(plan), u"vm-group-2"_qs);
    }
};

QTEST_GUILESS_MAIN(TestGroupForm)
#include "tst_groupform.moc"
