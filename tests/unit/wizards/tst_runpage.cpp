// SPDX-License-Identifier: Apache-2.0
// The run page: the cluster side, then the fleet; progress; Cancel mid-run then resume; "retry
// the failed" runs only those; Back during a run cancels it (RunFlow without widgets first).

#include "runflow.h"
#include "runpage.h"
#include "scriptedonboardingservice.h"
#include "wizardcontext.h"

#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>
#include <QWizard>

class TestRunPage final : public QObject
{
    Q_OBJECT
private slots:
    void flow()
    {
        RunFlow flow;
        QVERIFY(flow.canStart());
        QVERIFY(!flow.isComplete());
        flow.start();
        QVERIFY(flow.isRunning());
        QVERIFY(!flow.canStart());
        flow.clusterApplied(true);
        QCOMPARE(flow.stage(), RunFlow::Stage::RunningFleet);
        flow.canceled();
        QVERIFY(!flow.isRunning());
        QVERIFY(!flow.isComplete()); // no fleet run finished yet
        flow.start();
        flow.clusterApplied(true);
        flow.fleetFinished({u"vm2"_qs});
        QVERIFY(flow.isComplete());
        QVERIFY(flow.canRetry());
        flow.startFleet();
        QVERIFY(!flow.canRetry());
        flow.fleetFinished({});
        QVERIFY(!flow.canRetry());
        RunFlow failing;
        failing.start();
        failing.clusterApplied(false);
        QCOMPARE(failing.stage(), RunFlow::Stage::Failed);
        QVERIFY(failing.canStart());
    }

    void cancelMidRunThenResumeThenRetryTheFailed()
    {
        ScriptedOnboardingService service;
        service.applied = {{u"Namespace ns"_qs, AppliedObject::Outcome::Created, {}},
                           {u"WorkloadGroup ns/g"_qs, AppliedObject::Outcome::Unchanged, {}}};
        WizardContext context(TestPlans::twoVmPlan(), {}, &service);
        QWizard wizard;
        auto* before = new QWizardPage;
        wizard.addPage(before);
        auto* page = new RunPage(&context);
        wizard.addPage(page);
        auto* after = new QWizardPage;
        wizard.addPage(after);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentPage(), page);
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());

        auto* start = page->findChild<QPushButton*>(u"startButton"_qs);
        auto* cancel = page->findChild<QPushButton*>(u"cancelRunButton"_qs);
        auto* retry = page->findChild<QPushButton*>(u"retryButton"_qs);
        auto* tree = page->findChild<QTreeWidget*>(u"clusterTree"_qs);
        auto* progress = page->findChild<QProgressBar*>(u"progressBar"_qs);
        QTest::mouseClick(start, Qt::LeftButton);
        QCOMPARE(service.applies, 1);
        QTRY_COMPARE(service.fleets.size(), 1); // the cluster side applied, then the fleet
        QCOMPARE(tree->topLevelItemCount(), 2);
        QCOMPARE(tree->topLevelItem(0)->text(1), RunPage::outcomeText(AppliedObject::Outcome::Created));
        QVERIFY(service.fleetRequests.first().vms.isEmpty()); // every VM
        QVERIFY(page->flow().isRunning());
        QVERIFY(cancel->isEnabled());
        QVERIFY(!start->isEnabled());
        service.lastFleet()->report(1, 2);
        QCOMPARE(progress->maximum(), 2);
        QCOMPARE(progress->value(), 1);

        // Cancel mid-run: the task is canceled once, the page stops, Next stays off
        QSignalSpy canceled(service.lastFleet(), &Task::finished);
        QTest::mouseClick(cancel, Qt::LeftButton);
        QCOMPARE(canceled.size(), 1);
        QCOMPARE(canceled.first().first().value<Error>().kind, Error::Kind::Canceled);
        QCOMPARE(page->flow().stage(), RunFlow::Stage::Canceled);
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        QVERIFY(start->isEnabled());

        // Resume: the whole sequence again; vm2 fails
        QTest::mouseClick(start, Qt::LeftButton);
        QTRY_COMPARE(service.fleets.size(), 2);
        service.lastFleet()->complete({u"vm2"_qs});
        QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        QVERIFY(retry->isEnabled());

        // Retry the failed: only vm2, without applying the cluster side again
        QTest::mouseClick(retry, Qt::LeftButton);
        QCOMPARE(service.fleets.size(), 3);
        QCOMPARE(service.applies, 2);
        QCOMPARE(service.fleetRequests.last().vms, QStringList{u"vm2"_qs});
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        service.lastFleet()->complete();
        QVERIFY(!retry->isEnabled());
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentPage(), after);
    }

    void backDuringARunCancelsIt()
    {
        ScriptedOnboardingService service;
        WizardContext context(TestPlans::twoVmPlan(), {}, &service);
        QWizard wizard;
        auto* before = new QWizardPage;
        wizard.addPage(before);
        auto* page = new RunPage(&context);
        wizard.addPage(page);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        page->start();
        QTRY_COMPARE(service.fleets.size(), 1);
        QPointer<Scripted::Fleet> fleet = service.lastFleet();
        QSignalSpy finished(fleet.data(), &Task::finished);
        QVERIFY(wizard.button(QWizard::BackButton)->isEnabled());
        QTest::mouseClick(wizard.button(QWizard::BackButton), Qt::LeftButton);
        QCOMPARE(wizard.currentPage(), before);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().value<Error>().kind, Error::Kind::Canceled);
        QVERIFY(!page->flow().isRunning());
    }

    void aFailedClusterSideStopsBeforeTheFleet()
    {
        ScriptedOnboardingService service;
        service.applied = {{u"Namespace ns"_qs, AppliedObject::Outcome::Failed, u"forbidden"_qs}};
        service.applyError = Error::make(Error::Kind::KubernetesStatus, u"namespaces is forbidden"_qs);
        WizardContext context(TestPlans::twoVmPlan(), {}, &service);
        RunPage page(&context);
        page.start();
        QTRY_COMPARE(page.flow().stage(), RunFlow::Stage::Failed);
        QVERIFY(service.fleets.isEmpty());
        QVERIFY(!page.isComplete());
    }
};

QTEST_MAIN(TestRunPage)
#include "tst_runpage.moc"
