// SPDX-License-Identifier: Apache-2.0
#include "gui.h"

#include "clustersessions.h"
#include "fleetmodel.h"
#include "fleetstatus.h"
#include "kubeclient.h"
#include "kubeoperation.h"
#include "livegraphs.h"
#include "mainwindow.h"
#include "plandocument.h"
#include "recordinggraphsource.h"
#include "translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
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
void quitAfterConnect(PlanDocument* document, ClusterSessions* sessions, const ClusterChoice& choice)
{
    const auto done = [](int code, const QString& message) {
        QTextStream(code == 0 ? stdout : stderr) << "meshdeck: " << message << Qt::endl;
        QCoreApplication::exit(code);
    };
    QObject::connect(document, &PlanDocument::failed, document, [done](const QString& path, const QString& message) {
        done(1, u"not connected: "_qs + path + u": "_qs + message);
    });
    QObject::connect(document, &PlanDocument::loaded, document, [document, sessions, choice, done] {
        const PlanLoadResult& load = document->snapshot().load;
        if (!load.ok())
            return done(1, u"not connected: the plan has errors (meshdeck validate --plan "_qs + document->path() + u')');
        ClusterSession* session = sessions->sessionFor(*load.plan, choice);
        const auto ask = [session, done] {
            if (!session->client())
                return done(1, u"not connected: "_qs + session->error());
            KubeOperation* op = session->client()->version();
            QObject::connect(op, &KubeOperation::finished, session, [session, done](const KubeResult& result) {
                if (!result.ok())
                    return done(1, u"not connected to "_qs + session->server() + u": "_qs + result.error.message);
                done(0, u"connected to "_qs + session->server() + u" (context "_qs + session->contextName()
                            + u", Kubernetes "_qs + result.json.value(u"gitVersion"_qs).toString() + u')');
            });
            op->start();
        };
        if (session->isLoading())
            QObject::connect(session, &ClusterSession::finished, session, ask, Qt::SingleShotConnection);
        else
            ask();
    }, Qt::SingleShotConnection);
    QTimer::singleShot(120'000, document, [done] { done(1, u"not connected after 120 s"_qs); });
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

    // The cluster clients outlive the window, whose live graph sources borrow them. The GUI has no
    // terminal: exec credential plugins run without one (ExecPluginOptions' default).
    ClusterSessions sessions;
    auto* document = new PlanDocument; // the window takes it
    MainWindow window(document);
    window.setGraphSource(graphSource);
    auto* fleet = new FleetModel(&window);
    window.setFleetModel(fleet);
    new FleetStatus(document, fleet, &window);
    const ClusterChoice choice{parser.value(u"kubeconfig"_qs), parser.value(u"context"_qs)};
    if (!graphSource)
        new LiveGraphs(document, &sessions, &window, choice); // a child of the window: gone before the window's tabs
    if (qEnvironmentVariableIntValue("MESHDECK_QUIT_AFTER_CONNECT") == 1)
        quitAfterConnect(document, &sessions, choice);
    window.show();
    if (!plan.isEmpty())
        window.openPlan(plan);
    return app.exec();
}
