// SPDX-License-Identifier: Apache-2.0
// The cluster page: the cluster in words, preflight on entering and on "Run again", a Fail
// blocks Next, warnings only with "continue anyway" (PreflightGate, without widgets first).

#include "clusterpage.h"
#include "preflightgate.h"
#include "scriptedonboardingservice.h"
#include "wizardcontext.h"

#include <QCheckBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QTreeWidget>
#include <QWizard>

using Scripted::check;
using S = PreflightCheck::Status;

class TestClusterPage final : public QObject
{
    Q_OBJECT
private slots:
    void gate_data()
    {
        QTest::addColumn<QList<PreflightCheck>>("checks");
        QTest::addColumn<bool>("continueAnyway");
        QTest::addColumn<bool>("proceed");
        QTest::addColumn<bool>("canOverride");
        QTest::newRow("all pass") << QList{check(S::Pass, u"a"_qs)} << false << true << false;
        QTest::newRow("a fail") << QList{check(S::Pass, u"a"_qs), check(S::Fail, u"b"_qs)} << false << false << false;
        QTest::newRow("a fail, ticked") << QList{check(S::Fail, u"b"_qs), check(S::Warn, u"c"_qs)} << true << false << false;
        QTest::newRow("a warning") << QList{check(S::Warn, u"c"_qs)} << false << false << true;
        QTest::newRow("a warning, ticked") << QList{check(S::Warn, u"c"_qs)} << true << true << true;
    }

    void gate()
    {
        QFETCH(QList<PreflightCheck>, checks);
        QFETCH(bool, continueAnyway);
        PreflightGate gate;
        QVERIFY(!gate.canProceed()); // not run yet
        gate.setChecks(checks);
        gate.setContinueAnyway(continueAnyway);
        QTEST(gate.canProceed(), "proceed");
        QTEST(gate.canOverride(), "canOverride");
    }

    void failBlocksNextUntilRunAgainPasses()
    {
        ScriptedOnboardingService service;
        service.preflightResults = {{check(S::Pass, u"API"_qs), check(S::Fail, u"istiod"_qs)}, {check(S::Pass, u"API"_qs)}};
        WizardContext context(TestPlans::twoVmPlan(), {}, &service);
        QWizard wizard;
        auto* page = new ClusterPage(&context);
        wizard.addPage(page);
        auto* next = new QWizardPage;
        wizard.addPage(next);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QCOMPARE(service.preflights, 1);
        QCOMPARE(page->findChild<QLabel*>(u"clusterLabel"_qs)->text(), u"context scripted at https://127.0.0.1:6443"_qs);
        auto* tree = page->findChild<QTreeWidget*>(u"checksTree"_qs);
        QTRY_COMPARE(tree->topLevelItemCount(), 2);
        QCOMPARE(tree->topLevelItem(1)->text(3), u"fix istiod"_qs);
        QVERIFY(!page->isComplete());
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentPage(), page);

        QTest::mouseClick(page->findChild<QPushButton*>(u"runAgainButton"_qs), Qt::LeftButton);
        QCOMPARE(service.preflights, 2);
        QTRY_VERIFY(page->isComplete());
        QCOMPARE(tree->topLevelItemCount(), 1);
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentPage(), next);
    }

    void warningsNeedTheTick()
    {
        ScriptedOnboardingService service;
        service.preflightResults = {{check(S::Warn, u"gateway"_qs)}};
        WizardContext context(TestPlans::twoVmPlan(), {}, &service);
        QWizard wizard;
        auto* page = new ClusterPage(&context);
        wizard.addPage(page);
        auto* next = new QWizardPage;
        wizard.addPage(next);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        auto* tick = page->findChild<QCheckBox*>(u"continueAnywayBox"_qs);
        QTRY_VERIFY(tick->isEnabled());
        QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
        tick->setChecked(true);
        QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
        QTest::mouseClick(wizard.button(QWizard::NextButton), Qt::LeftButton);
        QCOMPARE(wizard.currentPage(), next);
    }
};

QTEST_MAIN(TestClusterPage)
#include "tst_clusterpage.moc"
