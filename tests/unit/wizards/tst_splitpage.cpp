// SPDX-License-Identifier: Apache-2.0
// The wizard's traffic split page: the plan's split in the weights editor, every move written
// into the context's plan (sum 100), the VirtualService it will apply shown and exported.

#include "planloader.h"
#include "splitpage.h"
#include "testsupport.h"
#include "weightseditor.h"
#include "wizardcontext.h"

#include <QComboBox>
#include <QLabel>
#include <QSignalSpy>
#include <QSlider>
#include <QTemporaryDir>
#include <QTest>

namespace {

Plan bookPlan()
{
    const PlanLoadResult loaded = loadPlanFile(TestSupport::sourceDir() + u"/examples/book-chapter10.yaml"_qs);
    return loaded.plan ? *loaded.plan : Plan{};
}

} // namespace

class TestSplitPage final : public QObject
{
    Q_OBJECT
private slots:
    void editsGoIntoThePlan();
    void secondSplit();
    void exportsTheYaml();
    void noSplit();
};

void TestSplitPage::editsGoIntoThePlan()
{
    WizardContext context(bookPlan(), {}, nullptr);
    SplitPage page(&context);
    page.initializePage();
    auto* editor = page.findChild<WeightsEditor*>(u"splitEditor"_qs);
    QVERIFY(editor);
    QCOMPARE(editor->weights(), (QList<int>{50, 50}));
    QVERIFY(page.yaml().contains("weight: 50"));
    QSignalSpy edited(&context, &WizardContext::planChanged);
    editor->slider(1)->setValue(20);
    QCOMPARE(edited.size(), 1);
    QCOMPARE(context.plan().trafficSplits.at(0).destinations.at(0).weight, 80);
    QCOMPARE(context.plan().trafficSplits.at(0).destinations.at(1).weight, 20);
    QVERIFY(page.yaml().contains("weight: 80"));
    QVERIFY(page.yaml().contains("weight: 20"));
    QVERIFY(page.yaml().contains("kind: VirtualService"));
    QCOMPARE(editor->weights(), (QList<int>{80, 20})); // our own edit does not reset the editor
}

void TestSplitPage::secondSplit()
{
    Plan plan = bookPlan();
    TrafficSplit second = plan.trafficSplits.first();
    second.name = u"canary"_qs;
    second.destinations[0].weight = 90;
    second.destinations[1].weight = 10;
    plan.trafficSplits.append(second);
    WizardContext context(plan, {}, nullptr);
    SplitPage page(&context);
    page.initializePage();
    QCOMPARE(page.currentSplit(), 0);
    page.setCurrentSplit(1);
    auto* editor = page.findChild<WeightsEditor*>(u"splitEditor"_qs);
    QCOMPARE(editor->weights(), (QList<int>{90, 10}));
    editor->moveWeight(0, 70);
    QCOMPARE(context.plan().trafficSplits.at(1).destinations.at(1).weight, 30);
    QCOMPARE(context.plan().trafficSplits.at(0).destinations.at(1).weight, 50); // the other split stays
    QVERIFY(page.yaml().contains("name: canary"));
}

void TestSplitPage::exportsTheYaml()
{
    WizardContext context(bookPlan(), {}, nullptr);
    SplitPage page(&context);
    page.initializePage();
    QTemporaryDir dir;
    const QString path = dir.filePath(u"split.yaml"_qs);
    QCOMPARE(page.exportTo(path), QString());
    QCOMPARE(TestSupport::readAll(path), page.yaml());
    QVERIFY(!page.exportTo(dir.filePath(u"missing/dir/split.yaml"_qs)).isEmpty());
}

void TestSplitPage::noSplit()
{
    Plan plan = bookPlan();
    plan.trafficSplits.clear();
    WizardContext context(plan, {}, nullptr);
    SplitPage page(&context);
    page.initializePage();
    QCOMPARE(page.currentSplit(), -1);
    QVERIFY(page.yaml().isEmpty());
    QVERIFY(!page.findChild<QLabel*>(u"emptyLabel"_qs)->isHidden());
    // A split added by another page shows up.
    context.plan().trafficSplits = bookPlan().trafficSplits;
    context.planEdited();
    QCOMPARE(page.currentSplit(), 0);
    QVERIFY(page.findChild<QLabel*>(u"emptyLabel"_qs)->isHidden());
}

QTEST_MAIN(TestSplitPage)
#include "tst_splitpage.moc"
