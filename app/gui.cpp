// SPDX-License-Identifier: Apache-2.0
#include "gui.h"

#include "clusterconnectionservice.h"
#include "console.h"
#include "mainwindow.h"
#include "plandocument.h"
#include "recordinggraphsource.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QTextStream>
#include <QTimer>

#include <csignal>
#include <fcntl.h>
#include <unistd.h>

namespace {

// SIGTERM (a session logging out, `kill`, a test) and SIGINT (Ctrl+C in the terminal that started
// the window) end the event loop like File > Quit, so destructors run: ssh control masters,
// askpass sockets and temporary files are cleaned up and the exit code is 0. The handler only
// writes a byte to a pipe (async-signal-safe); the event loop reads it.
int signalPipe[2] = {-1, -1};

extern "C" void onTerminationSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(signalPipe[1], &byte, 1);
}

void quitOnTerminationSignals(QApplication& app)
{
    if (::pipe2(signalPipe, O_CLOEXEC | O_NONBLOCK) != 0)
        return;
    auto* notifier = new QSocketNotifier(signalPipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [notifier] {
        char byte;
        while (::read(signalPipe[0], &byte, 1) > 0) { }
        notifier->setEnabled(false);
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onTerminationSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    ::sigaction(SIGTERM, &action, nullptr);
    ::sigaction(SIGINT, &action, nullptr);
}

// MESHDECK_QUIT_AFTER_CONNECT=1 (scripts/run-meshdeck's smoke test, tests/lab/app): once the plan
// is loaded, connect to its cluster as the window does (same sessions, same --kubeconfig/--context),
// ask the API server for /version, and quit: 0 when it answered, 1 with the reason otherwise.
void quitAfterConnect(PlanDocument* document, ConnectionService* connection)
{
    QObject::connect(document, &PlanDocument::failed, document, [](const QString& path, const QString& message) {
        QTextStream(stderr) << "meshdeck: not connected: " << path << ": " << message << Qt::endl;
        QCoreApplication::exit(1);
    });
    // The window's own connection (the context picker's state), not a second one: what a user sees.
    QObject::connect(connection, &ConnectionService::infoChanged, connection, [connection] {
        const ConnectionInfo info = connection->info();
        if (info.state == ConnectionInfo::State::Connected) {
            QTextStream(stdout) << "meshdeck: connected to " << info.server << " (context " << info.context
                                << ", Kubernetes " << info.kubernetesVersion << ')' << Qt::endl;
            QCoreApplication::exit(0);
        } else if (info.state == ConnectionInfo::State::Failed) {
            QTextStream(stderr) << "meshdeck: not connected: " << info.error << Qt::endl;
            QCoreApplication::exit(1);
        }
    });
}

// `meshdeck [PLAN]` or `meshdeck --plan PLAN`, the cluster over the plan's, and recorded telemetry for the graph.
QList<QCommandLineOption> windowOptions()
{
    return {{u"plan"_qs, u"The plan file to open."_qs, u"FILE"_qs},
            {u"kubeconfig"_qs, u"The kubeconfig file to use instead of the plan's cluster.kubeconfig."_qs, u"FILE"_qs},
            {u"context"_qs, u"The kubeconfig context to use instead of the plan's cluster.context."_qs, u"NAME"_qs},
            {u"graph-recording"_qs,
             u"Show the traffic graph of recorded telemetry (what `meshdeck graph --input` reads)."_qs, u"FILE"_qs}};
}

} // namespace

QStringList Gui::optionNames()
{
    QStringList names;
    for (const QCommandLineOption& option : windowOptions())
        names += option.names();
    return names;
}

int Gui::run(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"meshdeck"_qs);
    QApplication::setOrganizationName(u"meshdeck"_qs);
    QApplication::setApplicationVersion(QStringLiteral(MESHDECK_VERSION));
    // Without it Wayland compositors cannot match the window to io.meshdeck.Meshdeck.desktop.
    QGuiApplication::setDesktopFileName(u"io.meshdeck.Meshdeck"_qs);
    QApplication::setWindowIcon(QIcon(u":/icons/meshdeck.svg"_qs));
    // The desktop's language (LANGUAGE, LC_ALL, LC_MESSAGES, LANG): meshdeck's strings and Qt's own.
    Translations::install(&app, QLocale());
    // The ssh layer logs every command line it runs at debug level: noise in a terminal that
    // started the window (thousands of lines for a fleet). QT_LOGGING_RULES still turns it on.
    QLoggingCategory::setFilterRules(u"meshdeck.*.debug=false"_qs);
    quitOnTerminationSignals(app);

    QCommandLineParser parser;
    parser.addOptions(windowOptions());
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

    // Everything the window runs on (app/console.h); the recording, if any, outlives it.
    Console console({graphSource, ClusterChoice{parser.value(u"kubeconfig"_qs), parser.value(u"context"_qs)}});
    MainWindow& window = console.window();
    PlanDocument* document = console.document();
    ClusterConnectionService* connection = console.connection();
    if (qEnvironmentVariableIntValue("MESHDECK_QUIT_AFTER_CONNECT") == 1)
        quitAfterConnect(document, connection);
    window.show();
    if (!plan.isEmpty())
        window.openPlan(plan);
    else
        connection->setPlan(Plan{}); // no plan: the user's own kubeconfig ($KUBECONFIG, ~/.kube/config)
    return app.exec();
}
