// SPDX-License-Identifier: Apache-2.0
#include "gui.h"

#include "livegraphs.h"
#include "mainwindow.h"
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
    if (!graphSource)
        new LiveGraphs(&window); // a child of the window: gone before the window's tabs
    window.show();
    if (!plan.isEmpty())
        window.openPlan(plan);
    return app.exec();
}
