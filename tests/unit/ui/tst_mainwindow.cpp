// SPDX-License-Identifier: Apache-2.0
#include "mainwindow.h"

#include "onboardingservice.h"

#include "codeview.h"
#include "exportdialog.h"
#include "generatedtreemodel.h"
#include "graphpage.h"
#include "graphscene.h"
#include "graphview.h"
#include "plandocument.h"
#include "problemsmodel.h"
#include "recentfiles.h"
#include "recordinggraphsource.h"
#include "testplans.h"
#include "testsupport.h"

#include <QAction>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <memory>

namespace {

constexpr int timeoutMs = 20000;

template<class T>
T* child(const QWidget& window, const QString& name)
{
    T* found = window.findChild<T*>(name);
    if (!found)
        qFatal("no child named %s", qPrintable(name));
    return found;
}

QModelIndex findKey(const QAbstractItemModel* model, const QString& key)
{
    const QModelIndexList hits = model->match(model->index(0, 0), GeneratedTreeModel::KeyRole, key, 1,
                                              Qt::MatchExactly | Qt::MatchRecursive);
    return hits.value(0);
}

/*! Enough of an OnboardingService for the window's actions: it makes no task. */
class IdleOnboardingService final : public OnboardingService
{
public:
    bool isConnected() const override { return false; }
    PreflightTask* preflight(const Plan&, QObject*) override { return nullptr; }
    ReviewTask* review(const Plan&, QObject*) override { return nullptr; }
    ApplyTask* applyCluster(const Plan&, QObject*) override { return nullptr; }
    FleetTask* runFleet(const Plan&, const FleetRequest&, QObject*) override { return nullptr; }
    VerifyTask* verify(const Plan&, QObject*) override { return nullptr; }
    ProbeTask* probeVm(const Plan&, const QString&, QObject*) override { return nullptr; }
    QAbstractItemModel* fleetModel() const override { return nullptr; }
};

QStringList childTexts(const QAbstractItemModel* model, const QModelIndex& parent)
{
    QStringList texts;
    for (int row = 0; row < model->rowCount(parent); ++row)
        texts << model->index(row, 0, parent).data().toString();
    return texts;
}

QString readFile(const QString& path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QString::fromUtf8(file.readAll()) : QString();
}

} // namespace

class tst_MainWindow final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settings;

    // Opens a plan and waits until the window shows it (the result may even arrive before
    // openPlan() returns, when the worker is quick).
    bool open(MainWindow& window, const QString& path)
    {
        auto* document = window.findChild<PlanDocument*>();
        QSignalSpy loaded(document, &PlanDocument::loaded);
        window.openPlan(path);
        return !loaded.isEmpty() || loaded.wait(timeoutMs);
    }

private slots:
    void initTestCase()
    {
        // Recent files and window layout go to a settings folder of this run's own, neither the
        // user's nor one shared with a test running in parallel.
        QVERIFY(m_settings.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
        QVERIFY(QSettings(u"meshdeck"_qs, u"meshdeck"_qs).fileName().startsWith(m_settings.path()));
    }

    void startsEmptyAndUsable()
    {
        MainWindow window(new PlanDocument);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.windowTitle(), u"meshdeck"_qs);
        QCOMPARE(child<QLabel>(window, u"statusCounts"_qs)->text(), u"0 resources, 0 VM files, 0 problems"_qs);
        QVERIFY(!child<QAction>(window, u"exportAction"_qs)->isEnabled());
        QVERIFY(!child<QAction>(window, u"saveAsAction"_qs)->isEnabled());
        QVERIFY(child<QAction>(window, u"openAction"_qs)->isEnabled());
    }

    void openShowsTheGeneratedTree()
    {
        QTemporaryDir dir;
        const QString path = TestPlans::write(dir.path(), u"demo.yaml"_qs, TestPlans::demo());
        MainWindow window(new PlanDocument);
        window.show();
        QVERIFY(open(window, path));

        QCOMPARE(window.windowTitle(), u"demo.yaml — meshdeck"_qs);
        const QAbstractItemModel* tree = child<QTreeView>(window, u"generatedTree"_qs)->model();
        const QStringList stages = childTexts(tree, {});
        QVERIFY2(stages.first().startsWith(u"Control plane ("), qPrintable(stages.join(u", ")));
        QVERIFY2(stages.last() == u"VM files (1)", qPrintable(stages.join(u", ")));

        // The book's VM group: a WorkloadGroup and a Service named after it, in its namespace.
        const QModelIndex wg = findKey(tree, u"WorkloadGroup/chapter10vm/envoydummy"_qs);
        QVERIFY(wg.isValid());
        QVERIFY(wg.parent().data().toString().startsWith(u"VM groups ("));
        QCOMPARE(wg.data().toString(), u"WorkloadGroup envoydummy"_qs);
        QCOMPARE(wg.siblingAtColumn(GeneratedTreeModel::NamespaceColumn).data().toString(), u"chapter10vm"_qs);
        QVERIFY(findKey(tree, u"Service/chapter10vm/envoydummy"_qs).isValid());
        // istioctl x workload entry configure's files for the VM.
        QVERIFY(findKey(tree, u"vms/vm1/cluster.env"_qs).isValid());
        QVERIFY(findKey(tree, u"vms/vm1/mesh.yaml"_qs).isValid());

        // The VM files counted independently of the window's own sum: offline (no cluster facts,
        // so no root certificate and no token) vm1 gets exactly these three, as the tree lists them.
        const QStringList vmFiles{u"cluster.env"_qs, u"mesh.yaml"_qs, u"hosts"_qs};
        QCOMPARE(childTexts(tree, findKey(tree, u"vms/vm1"_qs)), vmFiles);
        const PlanSnapshot& snapshot = window.findChild<PlanDocument*>()->snapshot();
        QCOMPARE(child<QLabel>(window, u"statusCounts"_qs)->text(),
                 QString::number(snapshot.generated.resources.size()) + u" resources, "_qs
                     + QString::number(vmFiles.size()) + u" VM files, 0 problems"_qs);
        QCOMPARE(child<CodeView>(window, u"planSource"_qs)->toPlainText(), QString::fromUtf8(TestPlans::demo()));
        QVERIFY(child<QAction>(window, u"exportAction"_qs)->isEnabled());
        QCOMPARE(RecentFiles().files().value(0), path);
    }

    void selectingAResourceShowsItsYamlAndOrigin()
    {
        QTemporaryDir dir;
        MainWindow window(new PlanDocument);
        window.show();
        QVERIFY(open(window, TestPlans::write(dir.path(), u"demo.yaml"_qs, TestPlans::demo())));
        auto* view = child<QTreeView>(window, u"generatedTree"_qs);
        auto* preview = child<CodeView>(window, u"preview"_qs);
        auto* source = child<CodeView>(window, u"planSource"_qs);

        view->setCurrentIndex(findKey(view->model(), u"WorkloadGroup/chapter10vm/envoydummy"_qs));
        const QString yaml = preview->toPlainText();
        QVERIFY2(yaml.contains(u"\nkind: WorkloadGroup\n"), qPrintable(yaml));
        QVERIFY2(yaml.contains(u"  name: envoydummy\n"), qPrintable(yaml));
        QVERIFY2(yaml.contains(u"  namespace: chapter10vm\n"), qPrintable(yaml));
        QVERIFY2(yaml.contains(u"serviceAccount: chapter10-sa\n"), qPrintable(yaml));
        QCOMPARE(source->cursorLine(), TestPlans::demoGroupLine);

        // A stage: its resources as one multi-document YAML, the way kubectl apply -f takes it.
        view->setCurrentIndex(findKey(view->model(), u"WorkloadGroup/chapter10vm/envoydummy"_qs).parent());
        const QString stage = preview->toPlainText();
        QVERIFY2(stage.contains(u"\n---\n"), qPrintable(stage));
        QVERIFY(stage.contains(u"kind: WorkloadGroup\n") && stage.contains(u"kind: Service\n"));

        // A VM file: its content, and the VM it belongs to in the plan.
        source->goTo(1, 0);
        view->setCurrentIndex(findKey(view->model(), u"vms/vm1/cluster.env"_qs));
        QVERIFY2(preview->toPlainText().contains(u"ISTIO_NAMESPACE='chapter10vm'\n"), qPrintable(preview->toPlainText()));
        QCOMPARE(source->cursorLine(), TestPlans::demoVmLine);

        // Activating (Enter) jumps and hands the keyboard to the source.
        source->goTo(1, 0);
        view->setFocus();
        view->setCurrentIndex(findKey(view->model(), u"Service/chapter10vm/envoydummy"_qs));
        source->goTo(1, 0);
        QTest::keyClick(view, Qt::Key_Return);
        QVERIFY(source->cursorLine() >= TestPlans::demoGroupLine && source->cursorLine() < TestPlans::demoVmLine);
    }

    void brokenPlanListsProblemsThatJumpToTheirLine()
    {
        QTemporaryDir dir;
        MainWindow window(new PlanDocument);
        window.show();
        QVERIFY(open(window, TestPlans::write(dir.path(), u"broken.yaml"_qs, TestPlans::misspelt())));
        auto* problems = child<QTreeView>(window, u"problemsView"_qs);
        auto* source = child<CodeView>(window, u"planSource"_qs);
        QVERIFY(problems->model()->rowCount() >= 1);
        QVERIFY(child<QLabel>(window, u"statusCounts"_qs)->text().startsWith(u"0 resources, 0 VM files, "));
        QVERIFY(!child<QAction>(window, u"exportAction"_qs)->isEnabled());

        QModelIndex misspelt;
        for (int row = 0; row < problems->model()->rowCount(); ++row) {
            const QModelIndex index = problems->model()->index(row, 0);
            if (index.data(ProblemsModel::LineRole).toInt() == TestPlans::misspeltLine)
                misspelt = index;
        }
        QVERIFY2(misspelt.isValid(), "no problem on the misspelt key's line");
        QCOMPARE(misspelt.data().toString(), u"broken.yaml:13:"_qs + misspelt.data(ProblemsModel::ColumnRole).toString());

        problems->setFocus();
        problems->setCurrentIndex(misspelt);
        source->goTo(1, 0);
        QTest::keyClick(problems, Qt::Key_Return); // activated
        QCOMPARE(source->cursorLine(), TestPlans::misspeltLine);
        QCOMPARE(source->cursorColumn(), qMax(1, misspelt.data(ProblemsModel::ColumnRole).toInt()));
    }

    void exportDialogWritesTheFilesItLists()
    {
        QTemporaryDir dir;
        MainWindow window(new PlanDocument);
        window.show();
        QVERIFY(open(window, TestPlans::write(dir.path(), u"demo.yaml"_qs, TestPlans::demo())));
        child<QAction>(window, u"exportAction"_qs)->trigger();
        auto* dialog = window.findChild<ExportDialog*>();
        QVERIFY(dialog);
        QVERIFY(QTest::qWaitForWindowExposed(dialog));
        QCOMPARE(QDir::fromNativeSeparators(dialog->directory()), dir.filePath(u"demo-export"_qs));

        const QString target = dir.filePath(u"out"_qs);
        dialog->setDirectory(target);
        const Generated& generated = window.findChild<PlanDocument*>()->snapshot().generated;
        const QStringList planned = ExportDialog::plannedFiles(generated);
        QVERIFY(planned.contains(u"cluster/all.yaml"_qs));
        QVERIFY(planned.contains(u"vms/vm1/cluster.env"_qs));

        QSignalSpy exported(dialog, &ExportDialog::exported);
        QPushButton* exportButton = nullptr;
        for (QAbstractButton* button : dialog->findChild<QDialogButtonBox*>()->buttons()) {
            if (dialog->findChild<QDialogButtonBox*>()->buttonRole(button) == QDialogButtonBox::AcceptRole)
                exportButton = qobject_cast<QPushButton*>(button);
        }
        QVERIFY(exportButton);
        QTest::mouseClick(exportButton, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(exported.count(), 1, timeoutMs);
        QCOMPARE(exported.first().at(0).toString(), target);
        const QStringList written = exported.first().at(1).toStringList();
        QCOMPARE(written, planned);
        for (const QString& file : written)
            QVERIFY2(QFile::exists(QDir(target).filePath(file)), qPrintable(file));
        QVERIFY(readFile(QDir(target).filePath(u"cluster/all.yaml"_qs)).contains(u"kind: WorkloadGroup\n"));
        QVERIFY(readFile(QDir(target).filePath(u"vms/vm1/cluster.env"_qs)).contains(u"ISTIO_NAMESPACE='chapter10vm'\n"));
    }

    void fileChangeOnDiskReloadsTheWindow()
    {
        QTemporaryDir dir;
        MainWindow window(new PlanDocument);
        window.show();
        const QString path = TestPlans::write(dir.path(), u"demo.yaml"_qs, TestPlans::demo());
        QVERIFY(open(window, path));
        const QAbstractItemModel* tree = child<QTreeView>(window, u"generatedTree"_qs)->model();
        QVERIFY(!findKey(tree, u"vms/vm2"_qs).isValid());
        QVERIFY(!TestPlans::write(dir.path(), u"demo.yaml"_qs, TestPlans::twoVms()).isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(findKey(tree, u"vms/vm2"_qs).isValid(), timeoutMs);
        QVERIFY(child<CodeView>(window, u"planSource"_qs)->toPlainText().contains(u"- name: vm2\n"));
    }

    void recentFilesMenuReopens()
    {
        QTemporaryDir dir;
        const QString path = TestPlans::write(dir.path(), u"recent.yaml"_qs, TestPlans::demo());
        {
            MainWindow first(new PlanDocument);
            QVERIFY(open(first, path));
        }
        MainWindow window(new PlanDocument);
        QAction* recent = nullptr;
        const QList<QAction*> actions = window.findChildren<QAction*>();
        for (QAction* action : actions) {
            if (action->toolTip() == QDir::toNativeSeparators(path))
                recent = action;
        }
        QVERIFY(recent);
        QSignalSpy loaded(window.findChild<PlanDocument*>(), &PlanDocument::loaded);
        recent->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(loaded.count(), 1, timeoutMs);
        QCOMPARE(window.windowTitle(), u"recent.yaml — meshdeck"_qs);
    }

    void onboardingActionsAskForTheWizard()
    {
        QTemporaryDir dir;
        const QString path = TestPlans::write(dir.path(), u"demo.yaml"_qs, TestPlans::demo());
        MainWindow window(new PlanDocument);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* onboard = child<QAction>(window, u"onboardAction"_qs);
        auto* fresh = child<QAction>(window, u"newOnboardingAction"_qs);
        QVERIFY(!onboard->isEnabled()); // no service yet
        QVERIFY(!fresh->isEnabled());
        IdleOnboardingService service;
        window.setOnboardingService(&service);
        QVERIFY(fresh->isEnabled());
        QVERIFY(!onboard->isEnabled()); // no plan yet
        QVERIFY(open(window, path));
        QVERIFY(onboard->isEnabled());
        QSignalSpy requested(&window, &MainWindow::onboardingRequested);
        onboard->trigger();
        QCOMPARE(requested.size(), 1);
        QCOMPARE(requested.last().at(1).toString(), path);
        QVERIFY(!requested.last().at(0).value<Plan>().vms.isEmpty());
        fresh->trigger();
        QCOMPARE(requested.size(), 2);
        QCOMPARE(requested.last().at(1).toString(), QString());
        QVERIFY(requested.last().at(0).value<Plan>().vms.isEmpty());
        window.showTrafficGraph();
        QCOMPARE(child<QTabWidget>(window, u"mainTabs"_qs)->currentWidget(), window.graphPage());
    }

    void trafficGraphTab()
    {
        QStandardPaths::setTestModeEnabled(true); // node positions go to ~/.qttest
        MainWindow window(new PlanDocument);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto* tabs = child<QTabWidget>(window, u"mainTabs"_qs);
        QCOMPARE(tabs->tabText(1), u"Traffic graph"_qs);
        tabs->setCurrentIndex(1);
        // No source given by app/: the page says how to get a graph.
        QVERIFY(child<QLabel>(window, u"graphPlaceholder"_qs)->isVisible());

        QString error;
        const QString recording = TestSupport::sourceDir() + u"/tests/data/recordings/graph-split-80-20.json"_qs;
        std::unique_ptr<RecordingGraphSource> source(RecordingGraphSource::fromFile(recording, &error));
        QVERIFY2(source, qPrintable(error));
        window.setGraphSource(source.get());
        QVERIFY(!child<QLabel>(window, u"graphPlaceholder"_qs)->isVisible());
        GraphScene* scene = window.graphPage()->view()->scene();
        QVERIFY(QTest::qWaitFor([&] { return scene->nodeItems().size() == 4 && !scene->isLayoutPending(); }, timeoutMs));

        // Positions are kept per plan: the window tells the page which plan is open.
        QTemporaryDir dir;
        const QString path = TestPlans::write(dir.path(), u"demo.yaml"_qs, TestPlans::demo());
        const QString before = window.graphPage()->positionsFile();
        QVERIFY(open(window, path));
        window.graphPage()->refresh();
        QVERIFY(window.graphPage()->positionsFile() != before);
        window.setGraphSource(nullptr);
        QVERIFY(child<QLabel>(window, u"graphPlaceholder"_qs)->isVisible());
    }
};

QTEST_MAIN(tst_MainWindow)
#include "tst_mainwindow.moc"
