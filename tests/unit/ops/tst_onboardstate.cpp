// SPDX-License-Identifier: Apache-2.0
// The state file beside the plan: round trip, atomic replacement, a running step read back as
// pending, no secret in it, and refusal of files that are not ours.
#include "onboardstate.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

class TestOnboardState final : public QObject
{
    Q_OBJECT

private slots:
    void pathBesideThePlan()
    {
        QCOMPARE(OnboardState::pathForPlan(u"/srv/plans/book.yaml"_qs), u"/srv/plans/book.yaml.state.json"_qs);
    }

    void missingFileIsEmptyState()
    {
        QTemporaryDir dir;
        QString error;
        const OnboardState s = OnboardState::load(dir.filePath(u"none.state.json"_qs), &error);
        QVERIFY(error.isEmpty());
        QVERIFY(s.vmNames().isEmpty());
    }

    void roundTrip()
    {
        QTemporaryDir dir;
        OnboardState s;
        s.setPath(dir.filePath(u"plan.yaml.state.json"_qs));
        VmRecord& r = s.vm(u"vm1"_qs);
        const QDateTime when = QDateTime::fromString(u"2026-11-21T10:00:00Z"_qs, Qt::ISODate);
        r.steps.insert(stepKey(StepKind::Preflight), StepRecord{StepState::Done, {}, u"Debian GNU/Linux 12, amd64"_qs, when});
        r.steps.insert(stepKey(StepKind::Distribute), StepRecord{StepState::Done, u"abc123"_qs, u"installed"_qs, when});
        r.steps.insert(stepKey(StepKind::Start), StepRecord{StepState::Failed, u"x"_qs, u"istio.service failed"_qs, when});
        r.steps.insert(stepKey(StepKind::Package), StepRecord{StepState::Running, {}, {}, when});
        r.os = u"debian 12"_qs;
        r.arch = u"amd64"_qs;
        r.format = u"deb"_qs;
        r.ip = u"198.18.0.11"_qs;
        r.packageVersion = u"1.31-dev"_qs;
        r.baseline = VmBaseline{true, {u"/var/run/secrets"_qs}, false, {}};
        QCOMPARE(s.save(), QString());

        QString error;
        const OnboardState back = OnboardState::load(s.path(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        VmRecord expected = r;
        // A step that was running when meshdeck stopped did not finish: it is pending again.
        expected.steps[stepKey(StepKind::Package)].state = StepState::Pending;
        QCOMPARE(back.vmRecord(u"vm1"_qs), expected);
        QCOMPARE(back.vmRecord(u"vm1"_qs).step(StepKind::Distribute).inputs, u"abc123"_qs);
        QCOMPARE(back.vmRecord(u"vm1"_qs).step(StepKind::Bundle).state, StepState::Pending); // never recorded
    }

    void savedAtomicallyWithoutLeftovers()
    {
        QTemporaryDir dir;
        OnboardState s;
        s.setPath(dir.filePath(u"p.yaml.state.json"_qs));
        for (int i = 0; i < 20; ++i) {
            s.vm(u"vm%1"_qs.arg(i)).ip = u"198.18.0.%1"_qs.arg(i);
            QCOMPARE(s.save(), QString());
        }
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"p.yaml.state.json"_qs});
        QString error;
        QCOMPARE(OnboardState::load(s.path(), &error).vmNames().size(), 20);
    }

    void unwritableLocationIsReported()
    {
        OnboardState s;
        s.setPath(u"/nonexistent-dir/p.yaml.state.json"_qs);
        QVERIFY(!s.save().isEmpty());
    }

    void oversizedFileIsRefusedUnread()
    {
        QTemporaryDir dir;
        QFile f(dir.filePath(u"s.json"_qs));
        QVERIFY(f.open(QIODevice::WriteOnly));
        QVERIFY(f.resize(OnboardState::maxFileSize + 1)); // sparse: nothing is allocated
        f.close();
        QString error;
        const OnboardState s = OnboardState::load(f.fileName(), &error);
        QVERIFY2(error.contains(f.fileName()) && error.contains(u"move it aside"_qs), qPrintable(error));
        QVERIFY(s.vmNames().isEmpty());
    }

    void foreignFilesAreRefused_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("not JSON") << QByteArray("vms: {}\n");
        QTest::newRow("another kind") << QByteArray(R"({"kind":"Something","version":1,"vms":{}})");
        QTest::newRow("a future version") << QByteArray(R"({"kind":"MeshdeckOnboardingState","version":2,"vms":{}})");
    }

    void foreignFilesAreRefused()
    {
        QFETCH(QByteArray, content);
        QTemporaryDir dir;
        QFile f(dir.filePath(u"s.json"_qs));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
        f.close();
        QString error;
        OnboardState::load(f.fileName(), &error);
        QVERIFY(!error.isEmpty());
    }

    void stepOrder()
    {
        // The package goes before the files: its postinst makes the istio-proxy user and the
        // /etc/istio link the files need.
        QCOMPARE(onboardSteps(), (QList<StepKind>{StepKind::Preflight, StepKind::Bundle, StepKind::Package,
                                                  StepKind::Distribute, StepKind::Start}));
        QCOMPARE(offboardSteps().first(), StepKind::Stop);
        QCOMPARE(stepKey(StepKind::RemoveWorkloadEntry), u"remove-workloadentry"_qs);
        QCOMPARE(stateKey(StepState::Skipped), u"skipped"_qs);
    }
};

QTEST_APPLESS_MAIN(TestOnboardState)
#include "tst_onboardstate.moc"
