// SPDX-License-Identifier: Apache-2.0
#include "gui.h"

#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

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
    parser.addPositionalArgument(u"plan"_qs, u"The plan file to open."_qs, u"[PLAN]"_qs);
    parser.process(app);
    const QString plan = parser.isSet(u"plan"_qs) ? parser.value(u"plan"_qs) : parser.positionalArguments().value(0);

    MainWindow window;
    window.show();
    if (!plan.isEmpty())
        window.openPlan(plan);
    return app.exec();
}
