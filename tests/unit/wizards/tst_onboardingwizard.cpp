// SPDX-License-Identifier: Apache-2.0
// The wizard's run half: Next through the cluster, review, run, verify and done pages; reopened
// on a plan it starts at the first page whose step is not done (ResumePoint without widgets
// first); the wizard's Cancel during a run cancels the run first; leaving an edit saves the plan.

#include "clusterpage.h"
#include "donepage.h"
#include "onboardingwizard.h"
#include "palettecheck.h"
#include "planloader.h"
#include "resumepoint.h"
#include "reviewpage.h"
#include "runpage.h"
#include "scriptedonboardingservice.h"
#include "verifypage.h"
#include "wizardcontext.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

using Scripted::check;

namespace {

OnboardingStatus statusOf(bool answered, int objects, int inSync, const QStringList& onboarded)
{
    OnboardingStatus s;
    s.clusterAnswered = answered;
    s.objects = objects;
    s.objectsInSync = inSync;
    s.vms = {u"vm1"_qs, u"vm2"_qs};
    s.vmsOnboarded = onboarded;
    return s;
}

} // namespace

class TestOnboardingWizard final : public QObject
{
    Q_OBJECT
private slots:
    void resumePoint_data()
    {
        QTest::addColumn<OnboardingStatus>("status");
        QTest::addColumn<int>("page");
        QTest::newRow("no cluster") << statusOf(false, 0, 0, {}) << int(OnboardingWizard::ClusterPageId);
        QTest::newRow("nothing applied") << statusOf(true, 5, 0, {}) << int(OnboardingWizard::ReviewPageId);
        QTest::newRow("some drift") << statusOf(true, 5, 4, {u"vm1"_qs, u"vm2"_qs}) << int(OnboardingWizard::ReviewPageId);
        QTest::newRow("applied, one VM to go") << statusOf(true, 5, 5, {u"vm1"_qs}) << int(OnboardingWizard::RunPageId);
        QTest::newRow("all onboarded") << statusOf(true, 5, 5, {u"vm1"_qs, u"vm2"_qs}) << int(OnboardingWizard::VerifyPageId);
    }

    void resumePoint()
    {
        QFETCH(OnboardingStatus, status);
        QTEST(ResumePoint::pageFor(TestPlans::twoVmPlan(), status), "page");
        QCOMPARE(ResumePoint::pageFor(Plan{}, status), int(OnboardingWizard::ClusterPageId)); // an empty plan starts at the start
    }

    void nextThroughTheRunPages()
    {
        ScriptedOnboardingService service;
        service.preflightResults = {{check(PreflightCheck::Status::Pass, u"API"_qs)}};
        service.reviewObjects = {{u"Namespace ns"_qs, ObjectDiff::State::Missing, {}, {}, u"kind: Namespace\n"_qs},
                                 {u"WorkloadGroup ns/g"_qs, ObjectDiff::State::Differs, {u"spec.template.ports: 80 → 8080"_qs}, {}, {}}};
        service.reviewSteps = {{u"vm1"_qs, u"preflight"_qs, u"preflight"_qs, VmStepPlan::Action::Run, u"would check"_qs},
                               {u"vm2"_qs, u"preflight"_qs, u"preflight"_qs, VmStepPlan::Action::Fail, u"no route to host"_qs}};
        service.entries = {{u"ns/g"_qs, u"g-1"_qs, u"192.0.2.10"_qs, u"True"_qs, {}, {}}};
        WizardContext context(TestPlans::twoVmPlan(), {}, &service);
        QWizard wizard;
        auto* cluster = new ClusterPage(&context);
        auto* review = new ReviewPage(&context);
        auto* run = new RunPage(&context);
        auto* verify = new VerifyPage(&context);
        auto* done = new DonePage(&context);
        for (QWizardPage* p : {static_cast<QWizardPage*>(cluster), static_cast<QWizardPage*>(review),
                               static_cast<QWizardPage*>(run), static_cast<QWizardPage*>(verify), static_cast<QWizardPage*>(done)})
            wizard.addPage(p);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentPage(), review);
        QVERIFY(review->isRunning()); // started on the next pass, running from the start
        auto* objects = review->findChild<QTreeWidget*>(u"objectsTree"_qs);
        auto* vms = review->findChild<QTreeWidget*>(u"vmTree"_qs);
        QTRY_COMPARE(objects->topLevelItemCount(), 2);
        QCOMPARE(objects->topLevelItem(1)->text(1), ReviewPage::stateText(ObjectDiff::State::Differs));
        QCOMPARE(objects->topLevelItem(1)->child(0)->text(0), u"spec.template.ports: 80 → 8080"_qs);
        QCOMPARE(vms->topLevelItemCount(), 2);
        QCOMPARE(vms->topLevelItem(1)->child(0)->text(2), u"no route to host"_qs);
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentPage(), run);
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        run->start();
        QTRY_COMPARE(service.fleets.size(), 1);
        service.lastFleet()->complete();
        QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentPage(), verify);
        QTRY_COMPARE(verify->findChild<QTreeWidget*>(u"entriesTree"_qs)->topLevelItemCount(), 1);
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentPage(), done);
        QSignalSpy graph(done, &DonePage::openTrafficGraph);
        QTest::mouseClick(done->findChild<QPushButton*>(u"openGraphButton"_qs), Qt::LeftButton);
        QCOMPARE(graph.size(), 1);
    }

    void reopenedStartsAtTheFirstUndonePage()
    {
        ScriptedOnboardingService service;
        service.status = statusOf(true, 5, 5, {u"vm1"_qs, u"vm2"_qs});
        OnboardingWizard wizard(TestPlans::twoVmPlan(), u"/nonexistent/plan.yaml"_qs, &service);
        QSignalSpy resumed(&wizard, &OnboardingWizard::resumed);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QTRY_COMPARE(wizard.currentId(), int(OnboardingWizard::VerifyPageId));
        QCOMPARE(resumed.size(), 1);
        QCOMPARE(resumed.first().first().toInt(), int(OnboardingWizard::VerifyPageId));
        // The pages before it are in the history: Back reaches each, down to the first.
        QCOMPARE(wizard.visitedIds().first(), int(OnboardingWizard::ClusterPageId));
        QAbstractButton* back = wizard.button(QWizard::BackButton);
        for (int id = OnboardingWizard::RunPageId; id >= OnboardingWizard::ClusterPageId; --id) {
            QVERIFY2(back->isEnabled(), qPrintable(wizard.currentPage()->title()));
            QTest::mouseClick(back, Qt::LeftButton);
            QCOMPARE(wizard.currentId(), id);
        }
        // Walking past the review page did not start its dry run (it connects to every VM).
        QCOMPARE(service.reviews, 0);
    }

    void resumeStopsAtAPageThatRefusesToBeLeft()
    {
        ScriptedOnboardingService service;
        service.status = statusOf(true, 5, 5, {u"vm1"_qs}); // would resume at the run page
        OnboardingWizard wizard(TestPlans::twoVmPlan(), u"/nonexistent/plan.yaml"_qs, &service);
        PackageChoice missing;
        missing.kind = PackageChoice::Kind::File;
        missing.file = u"/nonexistent/istio-sidecar.deb"_qs;
        wizard.context()->setPackage(missing);
        QSignalSpy resumed(&wizard, &OnboardingWizard::resumed);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QTRY_COMPARE(resumed.size(), 1);
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::PackagePageId)); // the file to fix
        QVERIFY(wizard.button(QWizard::BackButton)->isEnabled());
    }

    void everyPageFollowsTheDarkPalette_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::newRow("Breeze Dark") << PaletteCheck::breezeDark();
        QTest::newRow("Adwaita-dark") << PaletteCheck::adwaitaDark();
    }

    // On a dark desktop every page, filled with what its operations return (a preflight with a
    // warning and a failure, a review with differences, verified entries), follows the palette:
    // nothing keeps a light palette, no colour of its own loses its contrast.
    void everyPageFollowsTheDarkPalette()
    {
        QFETCH(QPalette, palette);
        ScriptedOnboardingService service;
        service.preflightResults = {{check(PreflightCheck::Status::Pass, u"API"_qs), check(PreflightCheck::Status::Warn, u"istiod"_qs),
                                     check(PreflightCheck::Status::Fail, u"CRDs"_qs)}};
        service.reviewObjects = {{u"Namespace ns"_qs, ObjectDiff::State::Missing, {}, {}, u"kind: Namespace\n"_qs},
                                 {u"WorkloadGroup ns/g"_qs, ObjectDiff::State::Differs, {u"spec.template.ports: 80 → 8080"_qs}, {}, {}}};
        service.entries = {{u"ns/g"_qs, u"g-1"_qs, u"192.0.2.10"_qs, u"True"_qs, {}, {}},
                           {u"ns/g"_qs, u"g-2"_qs, u"192.0.2.11"_qs, u"False"_qs, u"probe failed"_qs, {}}};
        OnboardingWizard wizard(TestPlans::twoVmPlan(), {}, &service);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        const PaletteCheck::ScopedPalette scoped(palette);
        QTRY_COMPARE(wizard.palette().color(QPalette::Base), palette.color(QPalette::Base)); // delivered by events
        for (const int id : wizard.pageIds()) {
            wizard.setStartId(id);
            wizard.restart();
            QTest::qWait(20); // what the page's operations deliver
            const QStringList problems = PaletteCheck::problems(&wizard);
            QVERIFY2(problems.isEmpty(), qPrintable(wizard.currentPage()->title() + u":\n"_qs + problems.join(u'\n')));
        }
    }

    void newPlanStartsAtTheBeginning()
    {
        ScriptedOnboardingService service;
        service.status = statusOf(true, 5, 5, {u"vm1"_qs, u"vm2"_qs});
        OnboardingWizard wizard(Plan{}, {}, &service); // no file: nothing to resume
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QCOMPARE(wizard.currentId(), int(OnboardingWizard::ClusterPageId));
    }

    void cancelDuringARunCancelsItFirst()
    {
        ScriptedOnboardingService service;
        service.status = statusOf(true, 5, 5, {u"vm1"_qs}); // resumes at the run page
        OnboardingWizard wizard(TestPlans::twoVmPlan(), u"/nonexistent/plan.yaml"_qs, &service);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QTRY_COMPARE(wizard.currentId(), int(OnboardingWizard::RunPageId));
        auto* run = qobject_cast<RunPage*>(wizard.currentPage());
        QVERIFY(run);
        run->start();
        QTRY_COMPARE(service.fleets.size(), 1);
        QSignalSpy finished(service.lastFleet(), &Task::finished);
        wizard.reject();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(finished.first().first().value<Error>().kind, Error::Kind::Canceled);
        QVERIFY(!wizard.isVisible());
    }

    void leavingAnEditedPageSavesThePlan()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"plan.yaml"_qs);
        ScriptedOnboardingService service;
        service.preflightResults = {{check(PreflightCheck::Status::Pass, u"API"_qs)}};
        Plan plan = TestPlans::twoVmPlan();
        plan.sourceFile = path;
        OnboardingWizard wizard(plan, path, &service);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QSignalSpy saved(wizard.context(), &WizardContext::saved);
        wizard.context()->plan().vms[0].address = u"192.0.2.77"_qs;
        wizard.context()->planEdited();
        QTRY_VERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.first().first().toString(), QString());
        QVERIFY(!wizard.context()->isDirty());
        QVERIFY(QFile::exists(path));
    }
};

QTEST_MAIN(TestOnboardingWizard)
#include "tst_onboardingwizard.moc"
