// SPDX-License-Identifier: Apache-2.0
// meshdeck-screenshot: renders the main window with a plan loaded to a PNG, for the README.
// A development tool (EXCLUDE_FROM_ALL), not installed. Runs on any platform plugin, including
// offscreen:  QT_QPA_PLATFORM=offscreen meshdeck-screenshot PLAN OUT.png [KEY [WIDTHxHEIGHT]]
// KEY is the tree item to select, e.g. "WorkloadGroup/chapter10vm/envoydummy". With
// MESHDECK_SCREENSHOT_GRAPH=RECORDING.json it shows the "Traffic graph" tab over that recording
// instead, with the node whose id contains KEY selected.
#include "generatedtreemodel.h"
#include "graphitems.h"
#include "graphpage.h"
#include "graphscene.h"
#include "graphview.h"
#include "mainwindow.h"
#include "plandocument.h"
#include "recordinggraphsource.h"

#include <QApplication>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QTreeView>

namespace {

int fail(const QString& message)
{
    QTextStream(stderr) << "meshdeck-screenshot: " << message << Qt::endl;
    return 1;
}

QModelIndex findKey(const QAbstractItemModel* model, const QString& key)
{
    return model->match(model->index(0, 0), GeneratedTreeModel::KeyRole, key, 1, Qt::MatchExactly | Qt::MatchRecursive)
        .value(0);
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    const QStringList args = QApplication::arguments();
    if (args.size() < 3)
        return fail(u"usage: meshdeck-screenshot PLAN OUT.png [KEY [WIDTHxHEIGHT]]"_qs);
    // Default layout, whatever the user's settings hold.
    QTemporaryDir settings;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.path());

    MainWindow window(new PlanDocument);
    const QStringList size = args.value(4, u"1280x800"_qs).split(u'x');
    window.resize(size.value(0).toInt(), size.value(1).toInt());
    window.show();
    auto* document = window.findChild<PlanDocument*>();
    QObject::connect(document, &PlanDocument::failed, &app, [](const QString& path, const QString& message) {
        QApplication::exit(fail(path + u": "_qs + message));
    });
    const QString recording = qEnvironmentVariable("MESHDECK_SCREENSHOT_GRAPH");
    std::unique_ptr<RecordingGraphSource> graphSource;
    if (!recording.isEmpty()) {
        QStandardPaths::setTestModeEnabled(true); // no saved node positions of the user's
        QString error;
        graphSource.reset(RecordingGraphSource::fromFile(recording, &error));
        if (!graphSource)
            return fail(recording + u": "_qs + error);
        window.setGraphSource(graphSource.get());
        window.findChild<QTabWidget*>(u"mainTabs"_qs)->setCurrentWidget(window.graphPage());
        GraphScene* scene = window.graphPage()->view()->scene();
        QObject::connect(scene, &GraphScene::layoutFinished, &window, [&, scene] {
            for (GraphNodeItem* item : scene->nodeItems())
                item->setSelected(!args.value(3).isEmpty() && item->nodeId().contains(args.value(3)));
            QTimer::singleShot(300, &window, [&] {
                const bool saved = window.grab().save(args.at(2));
                QApplication::exit(saved ? 0 : fail(u"cannot write "_qs + args.at(2)));
            });
        });
    }
    QObject::connect(document, &PlanDocument::loaded, &window, [&] {
        if (!recording.isEmpty())
            return;
        auto* tree = window.findChild<QTreeView*>(u"generatedTree"_qs);
        const QModelIndex index = findKey(tree->model(), args.value(3));
        if (index.isValid())
            tree->setCurrentIndex(index);
        // Let layouts and the highlighter settle before grabbing.
        QTimer::singleShot(200, &window, [&] {
            const bool saved = window.grab().save(args.at(2));
            QApplication::exit(saved ? 0 : fail(u"cannot write "_qs + args.at(2)));
        });
    });
    window.openPlan(args.at(1));
    return QApplication::exec();
}
