// SPDX-License-Identifier: Apache-2.0
#include "plandocument.h"

#include "testplans.h"

#include <QSaveFile>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>

#include <algorithm>

namespace {

constexpr int timeoutMs = 20000;

// Occupies every thread of the global pool until released, so that jobs queue behind it: the
// only way to hold a worker back without sleeping.
class PoolBlocker
{
public:
    PoolBlocker()
    {
        QThreadPool* pool = QThreadPool::globalInstance();
        for (int i = 0; i < pool->maxThreadCount(); ++i)
            pool->start([this] { m_gate.acquire(); });
    }
    ~PoolBlocker() { release(); }
    void release()
    {
        m_gate.release(QThreadPool::globalInstance()->maxThreadCount() - m_released);
        m_released = QThreadPool::globalInstance()->maxThreadCount();
    }

private:
    QSemaphore m_gate;
    int m_released = 0;
};

bool hasResource(const Generated& generated, const QString& key)
{
    return std::any_of(generated.resources.cbegin(), generated.resources.cend(),
                       [&key](const Resource& r) { return r.key() == key; });
}

} // namespace

class tst_PlanDocument final : public QObject
{
    Q_OBJECT

private slots:
    void loadsAndGeneratesOffTheGuiThread()
    {
        QTemporaryDir dir;
        const QString path = TestPlans::write(dir.path(), u"demo.yaml"_qs, TestPlans::demo());
        PlanDocument document;
        QSignalSpy started(&document, &PlanDocument::loadingStarted);
        QSignalSpy loaded(&document, &PlanDocument::loaded);
        PoolBlocker blocker;
        document.load(path);
        // load() returns while the work is still queued: the GUI thread never waits for it.
        QCOMPARE(started.count(), 1);
        QCOMPARE(loaded.count(), 0);
        QVERIFY(document.isLoading());
        blocker.release();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, timeoutMs);
        QVERIFY(!document.isLoading());

        const PlanSnapshot& snapshot = document.snapshot();
        QCOMPARE(snapshot.path, path);
        QCOMPARE(snapshot.text, TestPlans::demo());
        QVERIFY2(snapshot.load.ok(), qPrintable(snapshot.problems().value(0).toString()));
        QCOMPARE(snapshot.load.plan->name, u"demo"_qs);
        QVERIFY(hasResource(snapshot.generated, u"WorkloadGroup/chapter10vm/envoydummy"_qs));
        QCOMPARE(snapshot.generated.vmBundles.size(), 1);
        QCOMPARE(snapshot.generated.vmBundles.first().vm, u"vm1"_qs);
    }

    void locatesPlanFields()
    {
        QTemporaryDir dir;
        PlanDocument document;
        QSignalSpy loaded(&document, &PlanDocument::loaded);
        document.load(TestPlans::write(dir.path(), u"demo.yaml"_qs, TestPlans::demo()));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, timeoutMs);
        QCOMPARE(document.locate(u"vmGroups[0]"_qs).line, TestPlans::demoGroupLine);
        QCOMPARE(document.vmFieldPath(u"vm1"_qs), u"vms[0]"_qs);
        QCOMPARE(document.locate(document.vmFieldPath(u"vm1"_qs)).line, TestPlans::demoVmLine);
        QVERIFY(document.vmFieldPath(u"nope"_qs).isEmpty());
    }

    void planWithErrorsListsProblemsAndGeneratesNothing()
    {
        QTemporaryDir dir;
        PlanDocument document;
        QSignalSpy loaded(&document, &PlanDocument::loaded);
        document.load(TestPlans::write(dir.path(), u"broken.yaml"_qs, TestPlans::misspelt()));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, timeoutMs);
        const Problems problems = document.snapshot().problems();
        QVERIFY(hasErrors(problems));
        QVERIFY(std::any_of(problems.cbegin(), problems.cend(),
                            [](const Problem& p) { return p.line == TestPlans::misspeltLine; }));
        QVERIFY(document.snapshot().generated.resources.isEmpty());
    }

    void unreadableFileFailsAndKeepsTheOldPlan()
    {
        QTemporaryDir dir;
        const QString good = TestPlans::write(dir.path(), u"demo.yaml"_qs, TestPlans::demo());
        PlanDocument document;
        QSignalSpy loaded(&document, &PlanDocument::loaded);
        QSignalSpy failed(&document, &PlanDocument::failed);
        document.load(good);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, timeoutMs);
        const QString missing = dir.filePath(u"missing.yaml"_qs);
        document.load(missing);
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, timeoutMs);
        QCOMPARE(failed.first().at(0).toString(), missing);
        QVERIFY(!failed.first().at(1).toString().isEmpty());
        QCOMPARE(document.path(), good);
        QCOMPARE(document.snapshot().path, good);
    }

    void staleResultsAreDropped()
    {
        QTemporaryDir dir;
        const QString first = TestPlans::write(dir.path(), u"first.yaml"_qs, TestPlans::demo());
        const QString second = TestPlans::write(dir.path(), u"second.yaml"_qs, TestPlans::twoVms());
        PlanDocument document;
        QSignalSpy loaded(&document, &PlanDocument::loaded);
        PoolBlocker blocker;
        document.load(first);
        document.load(second); // before the first can finish
        blocker.release();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, timeoutMs);
        // Let the first job finish and deliver, if it were going to.
        QThreadPool::globalInstance()->waitForDone();
        QCoreApplication::sendPostedEvents();
        QCOMPARE(loaded.count(), 1);
        QCOMPARE(document.snapshot().path, second);
        QCOMPARE(document.snapshot().generated.vmBundles.size(), 2);
    }

    void reloadsWhenTheFileChanges()
    {
        QTemporaryDir dir;
        const QString path = TestPlans::write(dir.path(), u"demo.yaml"_qs, TestPlans::demo());
        PlanDocument document;
        QSignalSpy loaded(&document, &PlanDocument::loaded);
        document.load(path);
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, timeoutMs);

        // In place, as some editors write.
        QVERIFY(!TestPlans::write(dir.path(), u"demo.yaml"_qs, TestPlans::twoVms()).isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(document.snapshot().generated.vmBundles.size(), 2, timeoutMs);

        // By rename, as QSaveFile and most editors do: the watched file is replaced.
        QSaveFile save(path);
        QVERIFY(save.open(QIODevice::WriteOnly));
        save.write(TestPlans::demo());
        QVERIFY(save.commit());
        QTRY_COMPARE_WITH_TIMEOUT(document.snapshot().generated.vmBundles.size(), 1, timeoutMs);
        QCOMPARE(document.snapshot().text, TestPlans::demo());
    }

    void saveAsWritesThePlanAndOpensIt()
    {
        QTemporaryDir dir;
        PlanDocument document;
        QSignalSpy loaded(&document, &PlanDocument::loaded);
        QSignalSpy saved(&document, &PlanDocument::saved);
        document.load(TestPlans::write(dir.path(), u"demo.yaml"_qs, TestPlans::demo()));
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, timeoutMs);
        const Plan original = *document.snapshot().load.plan;

        const QString copy = dir.filePath(u"copy.yaml"_qs);
        document.saveAs(copy);
        QTRY_COMPARE_WITH_TIMEOUT(saved.count(), 1, timeoutMs);
        QCOMPARE(saved.first().at(0).toString(), copy);
        QTRY_COMPARE_WITH_TIMEOUT(document.snapshot().path, copy, timeoutMs);
        QVERIFY(document.snapshot().load.ok());
        Plan reread = *document.snapshot().load.plan;
        reread.sourceFile = original.sourceFile;
        QCOMPARE(reread, original);
    }
};

QTEST_GUILESS_MAIN(tst_PlanDocument)
#include "tst_plandocument.moc"
