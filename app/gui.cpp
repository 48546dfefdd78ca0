// SPDX-License-Identifier: Apache-2.0
#include "gui.h"

#include "clustersession.h"
#include "execplugin.h"
#include "livegraphsource.h"
#include "graphpage.h"
#include "mainwindow.h"
#include "plan.h"
#include "recordinggraphsource.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QTextStream>

int Gui::run(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"meshdeck"_qs);
    QApplication::setOrganizationName(u"meshdeck"_qs);
    QApplication::setApplicationVersion(QStringLiteral(MESHDECK_VERSION));
    // Without it Wayland compositors cannot match the window to io.meshdeck.Meshdeck.desktop.
    QGuiApplication::setDesktopFileName(u"io.meshdeck.Meshdeck"_qs);
    QApplication::setWindowIcon(QIcon(u":/icons/meshdeck.svg"_qs));

    // `meshdeck [PLAN]` or `meshdeck --plan PLAN`.
    QCommandLineParser parser;
    parser.addOption({u"plan"_qs, u"The plan file to open."_qs, u"FILE"_qs});
    parser.addOption({u"graph-recording"_qs,
                      u"Show the traffic graph of recorded telemetry (what `meshdeck graph --input` reads)."_qs,
                      u"FILE"_qs});
    parser.addPositionalArgument(u"plan"_qs, u"The plan file to open."_qs, u"[PLAN]"_qs);
    parser.process(app);
    const QString plan = parser.isSet(u"plan"_qs) ? parser.value(u"plan"_qs) : parser.positionalArguments().value(0);

    // Owned by the application, which outlives the window: the window only borrows it.
    GraphSource* graphSource = nullptr;
    if (parser.isSet(u"graph-recording"_qs)) {
        QString error;
        const QString file = parser.value(u"graph-recording"_qs);
        graphSource = RecordingGraphSource::fromFile(file, &error, &app);
        if (!graphSource) {
            QTextStream(stderr) << "meshdeck: " << file << ": " << error << Qt::endl;
            return 1;
        }
    }

    MainWindow window;
    window.setGraphSource(graphSource);
    if (!graphSource) {
        // The live graph follows the open plan: its cluster (kubeconfig and context) and its
        // Prometheus. Loading the kubeconfig sends nothing; the page asks for graphs when shown.
        QObject* live = nullptr;
        QObject::connect(&window, &MainWindow::planLoaded, &window, [&window, &live](const Plan& plan) {
            QObject* previous = live;
            auto* scope = new QObject;
            const ClusterConnection connection = connectCluster(plan, ClusterChoice{}, ExecPluginOptions{}, scope);
            if (!connection.client) {
                window.setGraphSource(nullptr);
                window.graphPage()->setPlaceholderText(QObject::tr("No traffic graph: %1").arg(connection.error));
                delete scope;
                live = nullptr;
            } else {
                window.setGraphSource(new LiveGraphSource(connection.client, plan, {}, scope));
                live = scope;
            }
            delete previous; // after the page let go of its source
        });
        QObject::connect(&app, &QCoreApplication::aboutToQuit, &window, [&window, &live] {
            window.setGraphSource(nullptr);
            delete std::exchange(live, nullptr);
        });
    }
    window.show();
    if (!plan.isEmpty())
        window.openPlan(plan);
    return app.exec();
}
