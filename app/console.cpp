// SPDX-License-Identifier: Apache-2.0
#include "console.h"

#include "clusterconnectionservice.h"
#include "fleetmonitorimpl.h"
#include "fleetmonitoring.h"
#include "fleetstatus.h"
#include "livegraphs.h"
#include "liveweights.h"
#include "mainwindow.h"
#include "onboardingwizard.h"
#include "plandocument.h"
#include "questiondialog.h"
#include "sshcontext.h"
#include "vmspage.h"
#include "wizardcontext.h"

#include <QCoreApplication>

namespace {

// The GUI has no terminal: exec credential plugins run without one (ExecPluginOptions' default).
// A plugin named by a kubeconfig the plan chose runs only after the user's yes (security review M2).
ExecPluginOptions execOptions(ExecPluginApprovals& approvals)
{
    ExecPluginOptions exec;
    exec.approve = approvals.hook();
    return exec;
}

} // namespace

Console::Console(const Options& options)
    : m_sessions(execOptions(m_approvals))
    , m_onboarding(&m_sessions)
    , m_window(std::make_unique<MainWindow>(new PlanDocument)) // the window takes the document
    , m_document(m_window->document())
{
    MainWindow& window = *m_window;
    // The connection (context picker): a child of the window, gone before the sessions it borrows.
    m_connection = new ClusterConnectionService(&m_sessions, &m_approvals, &window);
    m_connection->setChoice(options.choice);
    QObject::connect(m_connection, &ConnectionService::question, &window,
                     [&window](Question* question) { QuestionDialog::ask(question, &window); });
    // Connected before LiveGraphs: the service knows the plan when the graph asks for its target.
    QObject::connect(m_document, &PlanDocument::loaded, m_connection, [this] {
        if (const std::optional<Plan>& plan = m_document->snapshot().load.plan)
            m_connection->setPlan(*plan);
    });
    window.setConnectionService(m_connection);
    window.setGraphSource(options.graphSource);

    // The onboarding wizard runs on the onboarding service; its fleet model is the run page's.
    window.setOnboardingService(&m_onboarding);
    QObject::connect(&window, &MainWindow::onboardingRequested, &window,
                     [this](const Plan& plan, const QString& path) { openWizard(plan, path)->show(); });
    new FleetStatus(m_document, m_onboarding.fleet(), &window);

    // The VMs tab as an operations view; its actions run through the onboarding service.
    // The monitor first: children go in creation order, so its probes stop before ssh does.
    auto* monitor = new FleetMonitorImpl(&m_onboarding, &window);
    SshOptions sshOptions;
    sshOptions.askpassProgram = QCoreApplication::applicationFilePath();
    auto* ssh = new SshContext(sshOptions, &window);
    if (ssh->isValid())
        monitor->setSshContext(ssh);
    auto* monitoring = new FleetMonitoring(m_document, &m_sessions, monitor, &window);
    monitoring->followConnection(m_connection);
    window.setFleetMonitor(monitor);
    window.vmsPage()->setQuestionHandler([](Question* question, QWidget* parent) { QuestionDialog::ask(question, parent); });

    if (!options.graphSource) {
        // A child of the window: gone before the window's tabs.
        auto* graphs = new LiveGraphs(m_document, &m_sessions, &window, options.choice);
        graphs->followConnection(m_connection);
    }
    // After LiveGraphs: it reads the graph source LiveGraphs set.
    auto* weights = new LiveWeights(m_document, &m_sessions, &window);
    weights->followConnection(m_connection);
    // The wizard's operations follow the picker's context too.
    QObject::connect(m_connection, &ClusterConnectionService::sessionChanged, &window,
                     [this] { m_onboarding.setSession(m_connection->currentSession()); });
}

Console::~Console() = default;

OnboardingWizard* Console::openWizard(const Plan& plan, const QString& path)
{
    auto* wizard = new OnboardingWizard(plan, path, &m_onboarding, m_window.get());
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(wizard, &OnboardingWizard::openTrafficGraph, m_window.get(), &MainWindow::showTrafficGraph);
    // Host keys, ssh and sudo passwords of the pages' operations: a dialog each.
    QObject::connect(wizard->context(), &WizardContext::questionAsked, wizard,
                     [wizard](Question* question) { QuestionDialog::ask(question, wizard); });
    return wizard;
}
