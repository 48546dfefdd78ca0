// SPDX-License-Identifier: Apache-2.0
// The Weights tab over a fake WeightsService: the editor holds the sum at 100 when a slider
// moves, locks hold, drift is flagged by the graph's rule; "Apply…" shows the diff and applies
// only after the user confirms; "Save to plan" writes the split's weights into the plan file;
// routes only in the cluster cannot be saved to the plan.

#include "fakeweightsservice.h"
#include "graphsource.h" // mainwindow.h's graphSource() needs it whole
#include "mainwindow.h"
#include "palettecheck.h"
#include "plandocument.h"
#include "planloader.h"
#include "testsupport.h"
#include "weightseditor.h"
#include "weightspage.h"

#include <QApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QSettings>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeWidget>

#include <numeric>

namespace {

QString bookPlanPath()
{
    return TestSupport::sourceDir() + u"/examples/book-chapter10.yaml"_qs;
}

Plan bookPlan()
{
    const PlanLoadResult loaded = loadPlanFile(bookPlanPath());
    return loaded.plan ? *loaded.plan : Plan{};
}

QList<WeightedRoute> clusterRoutes(const Plan& plan)
{
    const QByteArray json = TestSupport::readAll(TestSupport::sourceDir() + u"/tests/data/kube/weights/virtualservices.json"_qs);
    QList<QJsonObject> items;
    for (const QJsonValue& item : QJsonDocument::fromJson(json).object().value(u"items"_qs).toArray())
        items.append(item.toObject());
    return WeightedRoutes::merge(WeightedRoutes::fromPlan(plan), WeightedRoutes::fromVirtualServices(items, plan));
}

int sum(const QList<int>& weights)
{
    return std::accumulate(weights.cbegin(), weights.cend(), 0);
}

} // namespace

class TestWeightsPage final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void mainWindowTab();
    void sliderKeepsTheSum();
    void locksHold();
    void driftFlagged();
    void driftReadableInEveryPalette_data();
    void driftReadableInEveryPalette();
    void refreshesWhenShown();
    void applyShowsTheDiffThenApplies();
    void applyCanceledSendsNothing();
    void saveToPlanWritesTheSplit();
    void clusterOnlyCannotBeSaved();

private:
    QTemporaryDir m_settings;
};

void TestWeightsPage::initTestCase()
{
    // The window's layout and recent files go to this run's own settings folder.
    QVERIFY(m_settings.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
}

void TestWeightsPage::mainWindowTab()
{
    MainWindow window(new PlanDocument);
    FakeWeightsService service;
    service.setRoutes(WeightedRoutes::fromPlan(bookPlan()));
    window.setWeightsService(&service);
    auto* tabs = window.findChild<QTabWidget*>(u"mainTabs"_qs);
    QCOMPARE(tabs->tabText(tabs->indexOf(window.weightsPage())), u"Weights"_qs);
    QCOMPARE(window.weightsPage()->service(), &service);
    QCOMPARE(service.refreshes, 0); // not before the tab is shown
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    tabs->setCurrentWidget(window.weightsPage());
    QTRY_COMPARE(service.refreshes, 1);
    QCOMPARE(window.weightsPage()->routeList()->topLevelItemCount(), 1);
}

void TestWeightsPage::sliderKeepsTheSum()
{
    WeightsEditor editor;
    editor.setRoute(clusterRoutes(bookPlan()).at(1)); // reviews canary: 70/20/10
    QCOMPARE(editor.weights(), (QList<int>{70, 20, 10}));
    QSignalSpy changed(&editor, &WeightsEditor::weightsChanged);
    editor.slider(0)->setValue(90); // as a drag would
    QCOMPARE(editor.weights(), (QList<int>{90, 10, 0}));
    QCOMPARE(sum(editor.weights()), 100);
    QCOMPARE(editor.spinBox(0)->value(), 90);
    QCOMPARE(editor.slider(1)->value(), 10);
    QCOMPARE(editor.spinBox(2)->value(), 0);
    QCOMPARE(changed.size(), 1);
    editor.spinBox(2)->setValue(50);
    QCOMPARE(sum(editor.weights()), 100);
    QCOMPARE(editor.weights().at(2), 50);
    QVERIFY(editor.isModified());
    editor.reset();
    QCOMPARE(editor.weights(), (QList<int>{70, 20, 10}));
    QVERIFY(!editor.isModified());
    editor.distributeEvenly();
    QCOMPARE(editor.weights(), (QList<int>{33, 33, 34}));
}

void TestWeightsPage::locksHold()
{
    WeightsEditor editor;
    editor.setRoute(clusterRoutes(bookPlan()).at(1));
    editor.setLocked(2, true);
    QVERIFY(!editor.slider(2)->isEnabled());
    editor.slider(0)->setValue(100);
    QCOMPARE(editor.weights(), (QList<int>{90, 0, 10})); // the lock leaves 90
    QCOMPARE(editor.spinBox(0)->maximum(), 90);
}

void TestWeightsPage::driftFlagged()
{
    WeightedRoute route = clusterRoutes(bookPlan()).first(); // 80/20 live
    route.destinations[0].observedShare = 50; // 30 points off: drift
    route.destinations[1].observedShare = 25; // 5 points: fine
    WeightsEditor editor;
    editor.setDriftTolerance(10);
    editor.setRoute(route);
    QVERIFY(editor.observedLabel(0)->property("drift").toBool());
    QVERIFY(editor.observedLabel(0)->text().contains(u"50%"_qs));
    QVERIFY(!editor.observedLabel(1)->property("drift").toBool());
    QVERIFY2(editor.observedLabel(0)->text().contains(u"now 80%, planned 50%"_qs), qPrintable(editor.observedLabel(0)->text()));
    route.destinations[1].observedShare = -1;
    editor.setRoute(route);
    QVERIFY(!editor.observedLabel(1)->property("drift").toBool());
}

// The drift warning keeps 4.5:1 on the light palette and on dark desktops, and follows a palette
// switched while the page is open; so does the whole Weights tab.
void TestWeightsPage::driftReadableInEveryPalette_data()
{
    QTest::addColumn<QPalette>("palette");
    QTest::newRow("light") << QApplication::palette();
    QTest::newRow("Breeze Dark") << PaletteCheck::breezeDark();
    QTest::newRow("Adwaita-dark") << PaletteCheck::adwaitaDark();
}

void TestWeightsPage::driftReadableInEveryPalette()
{
    QFETCH(QPalette, palette);
    WeightedRoute route = clusterRoutes(bookPlan()).first();
    route.destinations[0].observedShare = 50;
    route.destinations[1].observedShare = 25;
    FakeWeightsService service;
    service.setRoutes({route});
    WeightsPage page;
    page.setService(&service);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QTRY_VERIFY(page.editor()->observedLabel(0) && page.editor()->observedLabel(0)->property("drift").toBool());
    const QString before = page.editor()->observedLabel(0)->styleSheet();
    const PaletteCheck::ScopedPalette scoped(palette);
    QTRY_COMPARE(page.palette().color(QPalette::Base), palette.color(QPalette::Base)); // delivered by events
    const QStringList problems = PaletteCheck::problems(&page);
    QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    if (GraphTheme::isDark(palette))
        QVERIFY2(page.editor()->observedLabel(0)->styleSheet() != before, qPrintable(before)); // repainted for the dark palette
}

void TestWeightsPage::refreshesWhenShown()
{
    FakeWeightsService service;
    WeightsPage page;
    page.setService(&service);
    QCOMPARE(service.refreshes, 0); // nothing is read before the user looks
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(service.refreshes, 1);
}

void TestWeightsPage::applyShowsTheDiffThenApplies()
{
    FakeWeightsService service;
    service.setRoutes(clusterRoutes(bookPlan()));
    WeightsPage page;
    page.setService(&service);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    QCOMPARE(page.routeList()->topLevelItemCount(), 3);
    QVERIFY(page.selectRoute(u"chapter10/envoydummy http[0]"_qs));
    page.editor()->slider(0)->setValue(50);
    QCOMPARE(page.editor()->weights(), (QList<int>{50, 50}));
    QVERIFY(page.applyButton()->isEnabled());
    QTest::mouseClick(page.applyButton(), Qt::LeftButton);

    QDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = page.findChild<QDialog*>(u"weightsDiffDialog"_qs)) && dialog->isVisible());
    QCOMPARE(service.diffs, 1);
    QVERIFY(service.appliedRoutes.isEmpty()); // nothing applied before the user confirms
    const QString lines = dialog->findChild<QPlainTextEdit*>(u"weightsDiffLines"_qs)->toPlainText();
    QVERIFY2(lines.contains(u"envoydummy.chapter10.svc.cluster.local: 80% → 50%"_qs), qPrintable(lines));
    QSignalSpy applied(&service, &WeightsService::applied);
    QTest::mouseClick(dialog->findChild<QPushButton*>(u"weightsConfirmApply"_qs), Qt::LeftButton);
    QTRY_COMPARE(applied.size(), 1);
    QCOMPARE(service.appliedRoutes, QStringList{u"chapter10/envoydummy http[0]"_qs});
    QCOMPARE(service.appliedWeights, (QList<QList<int>>{{50, 50}}));
    QTRY_VERIFY(page.statusText().startsWith(u"Applied"_qs));
    QVERIFY(page.applyButton()->isEnabled());
}

void TestWeightsPage::applyCanceledSendsNothing()
{
    FakeWeightsService service;
    service.setRoutes(clusterRoutes(bookPlan()));
    WeightsPage page;
    page.setService(&service);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.editor()->moveWeight(0, 60);
    QTest::mouseClick(page.applyButton(), Qt::LeftButton);
    QDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = page.findChild<QDialog*>(u"weightsDiffDialog"_qs)) && dialog->isVisible());
    dialog->reject();
    QTRY_VERIFY(!page.findChild<QDialog*>(u"weightsDiffDialog"_qs)); // closed and deleted
    QVERIFY(service.appliedRoutes.isEmpty());
}

void TestWeightsPage::saveToPlanWritesTheSplit()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"book.yaml"_qs);
    QVERIFY(QFile::copy(bookPlanPath(), path));
    PlanDocument document;
    QSignalSpy loaded(&document, &PlanDocument::loaded);
    document.load(path);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 20000);
    FakeWeightsService service;
    service.setRoutes(WeightedRoutes::fromPlan(*document.snapshot().load.plan)); // the plan's split, 50/50
    WeightsPage page;
    page.setDocument(&document);
    page.setService(&service);
    QVERIFY(page.selectRoute(u"chapter10/envoydummy http[0]"_qs));
    page.editor()->slider(1)->setValue(20); // the VM gets 20
    QCOMPARE(page.editor()->weights(), (QList<int>{80, 20}));
    QVERIFY(page.saveButton()->isEnabled());
    QSignalSpy saved(&document, &PlanDocument::saved);
    QTest::mouseClick(page.saveButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(saved.size(), 1, 20000);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 2, 20000); // read back from the file
    const Plan plan = *document.snapshot().load.plan;
    QCOMPARE(plan.trafficSplits.at(0).destinations.at(0).weight, 80);
    QCOMPARE(plan.trafficSplits.at(0).destinations.at(1).weight, 20);
    Plan rest = plan;
    rest.trafficSplits = bookPlan().trafficSplits;
    rest.sourceFile = bookPlan().sourceFile;
    QCOMPARE(rest, bookPlan()); // nothing else changed
    QTRY_VERIFY(page.statusText().contains(u"Saved"_qs));
}

void TestWeightsPage::clusterOnlyCannotBeSaved()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(u"book.yaml"_qs);
    QVERIFY(QFile::copy(bookPlanPath(), path));
    PlanDocument document;
    QSignalSpy loaded(&document, &PlanDocument::loaded);
    document.load(path);
    QTRY_COMPARE_WITH_TIMEOUT(loaded.size(), 1, 20000);
    FakeWeightsService service;
    service.setRoutes(clusterRoutes(bookPlan()));
    WeightsPage page;
    page.setDocument(&document);
    page.setService(&service);
    QVERIFY(page.selectRoute(u"chapter10/reviews http[1]"_qs));
    QVERIFY(!page.saveButton()->isEnabled());
    QVERIFY(page.saveButton()->toolTip().contains(u"Only in the cluster"_qs));
    QVERIFY(page.selectRoute(u"chapter10/envoydummy http[0]"_qs)); // in both: saving is fine
    QVERIFY(page.saveButton()->isEnabled());
    service.connected = false;
    QVERIFY(page.selectRoute(u"chapter10/reviews tcp[0]"_qs));
    QVERIFY(!page.applyButton()->isEnabled());
}

QTEST_MAIN(TestWeightsPage)
#include "tst_weightspage.moc"
