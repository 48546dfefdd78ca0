// SPDX-License-Identifier: Apache-2.0
// The state file beside the plan: round trip, atomic replacement, a running step read back as
// pending, no secret in it, and refusal of files that are not ours. Security review M8: a save
// that fails half-way (a full disk) keeps the previous file and says so; the plan's lock refuses
// a second run while the first lives and is taken over from a run that was killed.
#include "onboardstate.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

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

    void fullDiskKeepsTheOldFile()
    {
        // The write fails half-way: here the file size limit (EFBIG, as ENOSPC on a full disk;
        // it binds root too). The old state stays whole, no temporary file is left, and the
        // error names the file.
        QTemporaryDir dir;
        OnboardState s;
        s.setPath(dir.filePath(u"p.yaml.state.json"_qs));
        s.vm(u"vm1"_qs).ip = u"198.18.0.1"_qs;
        QCOMPARE(s.save(), QString());
        QFile file(s.path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray old = file.readAll();
        file.close();
        for (int i = 2; i < 50; ++i)
            s.vm(u"vm%1"_qs.arg(i)).ip = u"198.18.0.%1"_qs.arg(i);

        rlimit saved{};
        QCOMPARE(getrlimit(RLIMIT_FSIZE, &saved), 0);
        const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit small = saved;
        small.rlim_cur = 64;
        QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
        const QString error = s.save();
        setrlimit(RLIMIT_FSIZE, &saved);
        std::signal(SIGXFSZ, previousHandler);

        QVERIFY2(error.contains(s.path()), qPrintable(error));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), old);
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"p.yaml.state.json"_qs});
    }

    void secondLockOnAPlanIsRefused()
    {
        QTemporaryDir dir;
        const QString state = OnboardState::pathForPlan(dir.filePath(u"plan.yaml"_qs));
        OnboardStateLock first(state);
        QCOMPARE(first.path(), dir.filePath(u"plan.yaml.state.json.lock"_qs));
        QCOMPARE(first.acquire(), QString());
        QVERIFY(first.isLocked());
        OnboardStateLock second(state);
        const QString refused = second.acquire();
        QVERIFY2(refused.contains(first.path()), qPrintable(refused));
        QVERIFY2(refused.contains(u"PID "_qs + QString::number(QCoreApplication::applicationPid())), qPrintable(refused));
        QVERIFY(!second.isLocked());
        QVERIFY(first.isLocked() && QFileInfo::exists(first.path())); // the refused one removes nothing
        first.release();
        QVERIFY(!QFileInfo::exists(first.path()));
        QCOMPARE(second.acquire(), QString());
    }

    void staleLockOfAKilledRunIsTakenOver()
    {
        // What a run killed with SIGKILL leaves: the lock file naming a process that is gone
        // (its flock went with it). A process that ran and was reaped gives such a PID.
        const pid_t gone = ::fork();
        QVERIFY(gone >= 0);
        if (gone == 0)
            ::_exit(0);
        QCOMPARE(::waitpid(gone, nullptr, 0), gone);
        QTemporaryDir dir;
        const QString state = OnboardState::pathForPlan(dir.filePath(u"plan.yaml"_qs));
        QFile stale(OnboardStateLock::lockPathFor(state));
        QVERIFY(stale.open(QIODevice::WriteOnly));
        stale.write(QByteArray::number(gone) + "\nmeshdeck\n" + QSysInfo::machineHostName().toUtf8() + '\n'
                    + QSysInfo::machineUniqueId() + '\n' + QSysInfo::bootUniqueId() + '\n');
        stale.close();
        OnboardStateLock lock(state);
        QCOMPARE(lock.acquire(), QString());
        QVERIFY(lock.isLocked());
        QFile taken(lock.path());
        QVERIFY(taken.open(QIODevice::ReadOnly));
        QCOMPARE(taken.readLine().trimmed(), QByteArray::number(QCoreApplication::applicationPid()));
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
