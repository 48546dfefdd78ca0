// SPDX-License-Identifier: Apache-2.0
// The task protocol (core/task.h) every operation follows: exactly one finished() after
// start(), also when the work ends inside start() or is canceled; cancel() aborts the work
// first and reports Canceled at once; nothing is reported after finished().

#include "task.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

namespace {

// A task whose work is a timer, or that ends inside run() when told to.
class TimerTask final : public Task
{
public:
    bool finishInRun = false;
    Error result;
    int aborts = 0;
    bool reportWhileAborted = false;
    QTimer timer;

    TimerTask()
    {
        timer.setSingleShot(true);
        timer.setInterval(20);
        connect(&timer, &QTimer::timeout, this, [this] {
            setProgress(1, 1, u"done"_qs);
            finish(result);
        });
    }
    using Task::finish;
    using Task::setProgress;

protected:
    void run() override
    {
        setProgress(0, 1, u"waiting"_qs);
        if (finishInRun)
            finish(result);
        else
            timer.start();
    }
    void abort() override
    {
        ++aborts;
        timer.stop();
        if (reportWhileAborted) // as a canceled request does: its callback runs inside abort()
            finish(Error::make(Error::Kind::KubernetesUnreachable, u"operation canceled"_qs));
    }
};

} // namespace

class TestTask final : public QObject
{
    Q_OBJECT
private slots:
    void finishesOnceWithItsError();
    void finishInsideStartIsReportedAfterStart();
    void cancelAbortsAndReportsCanceledOnce();
    void cancelOutsideARunDoesNothing();
    void nothingAfterFinished();
    void startTwiceRunsOnce();
    void whatAbortedWorkReportsIsIgnored();
};

void TestTask::finishesOnceWithItsError()
{
    TimerTask task;
    task.result = Error::make(Error::Kind::SshHostKeyChanged, u"host key changed"_qs, u"ssh said so"_qs);
    QSignalSpy finished(&task, &Task::finished);
    QSignalSpy progress(&task, &Task::progress);
    task.start();
    QVERIFY(task.isRunning());
    QVERIFY(finished.wait(2000));
    QCOMPARE(finished.size(), 1);
    const auto error = finished.first().first().value<Error>();
    QCOMPARE(error.kind, Error::Kind::SshHostKeyChanged);
    QCOMPARE(error.message, u"host key changed");
    QCOMPARE(error.detail, u"ssh said so");
    QCOMPARE(task.error().kind, Error::Kind::SshHostKeyChanged);
    QVERIFY(task.isFinished());
    QCOMPARE(progress.size(), 2);
    QCOMPARE(progress.last().at(0).toInt(), 1);
    QCOMPARE(progress.last().at(2).toString(), u"done");
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
}

void TestTask::finishInsideStartIsReportedAfterStart()
{
    TimerTask task;
    task.finishInRun = true;
    QSignalSpy finished(&task, &Task::finished);
    task.start();
    QCOMPARE(finished.size(), 0); // a caller connecting after start() still hears it
    QVERIFY(!task.isRunning());   // but the work is over: callbacks stop here
    task.cancel();                // too late: the result stands
    QVERIFY(finished.wait(2000));
    QCOMPARE(finished.size(), 1);
    QVERIFY(!finished.first().first().value<Error>().isError());
    QCOMPARE(task.aborts, 0);
}

void TestTask::cancelAbortsAndReportsCanceledOnce()
{
    TimerTask task;
    QSignalSpy finished(&task, &Task::finished);
    task.start();
    task.cancel();
    QCOMPARE(task.aborts, 1);
    QCOMPARE(finished.size(), 1); // at once, not later
    QCOMPARE(finished.first().first().value<Error>().kind, Error::Kind::Canceled);
    QVERIFY(!task.timer.isActive()); // nothing keeps running
    task.cancel();
    QTest::qWait(60);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(task.aborts, 1);
}

void TestTask::cancelOutsideARunDoesNothing()
{
    TimerTask task;
    QSignalSpy finished(&task, &Task::finished);
    task.cancel(); // not started
    QCOMPARE(task.aborts, 0);
    QCOMPARE(finished.size(), 0);
    QCOMPARE(task.state(), Task::State::Ready);
    task.start();
    QVERIFY(finished.wait(2000));
    task.cancel(); // finished
    QCOMPARE(task.aborts, 0);
    QCOMPARE(finished.size(), 1);
    QVERIFY(!task.error().isError());
}

void TestTask::nothingAfterFinished()
{
    TimerTask task;
    QSignalSpy finished(&task, &Task::finished);
    QSignalSpy progress(&task, &Task::progress);
    task.start();
    QVERIFY(finished.wait(2000));
    const qsizetype before = progress.size();
    task.setProgress(5, 5, u"late"_qs);
    task.finish(Error::make(Error::Kind::Timeout, u"late"_qs));
    QCOMPARE(progress.size(), before);
    QCOMPARE(finished.size(), 1);
    QVERIFY(!task.error().isError());
}

void TestTask::startTwiceRunsOnce()
{
    TimerTask task;
    QSignalSpy finished(&task, &Task::finished);
    QSignalSpy progress(&task, &Task::progress);
    task.start();
    task.start();
    QVERIFY(finished.wait(2000));
    QTest::qWait(60);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(progress.size(), 2);
}

void TestTask::whatAbortedWorkReportsIsIgnored()
{
    TimerTask task;
    task.reportWhileAborted = true;
    QSignalSpy finished(&task, &Task::finished);
    task.start();
    task.cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().value<Error>().kind, Error::Kind::Canceled);
}

QTEST_GUILESS_MAIN(TestTask)
#include "tst_task.moc"
