// SPDX-License-Identifier: Apache-2.0
#include "onboardcommands.h"

#include "askpass.h"
#include "bundlerun.h"
#include "cli.h"
#include "clicommon.h"
#include "clusterconnection.h"
#include "execplugin.h"
#include "fleetmodel.h"
#include "fleetrun.h"
#include "fleetview.h"
#include "hostkeycheck.h"
#include "packagefileread.h"
#include "secrets.h"
#include "sshcontext.h"
#include "terminalprompter.h"
#include "tokenrefreshfleet.h"
#include "vmremote.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QLoggingCategory>
#include <QSocketNotifier>

#include <csignal>

#include <sys/socket.h>
#include <unistd.h>

namespace OnboardCommands {

namespace {

using namespace CliCommon;

// Ctrl-C: the first cancels the run (each VM stops after its current command and records where
// it stopped), a second one ends meshdeck at once.
int interruptPipe[2] = {-1, -1};

void onInterrupt(int)
{
    const char byte = 1;
    [[maybe_unused]] const ssize_t n = ::write(interruptPipe[1], &byte, 1);
    std::signal(SIGINT, SIG_DFL);
}

void watchInterrupts(QObject* scope, std::function<void()> cancel)
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, interruptPipe) != 0)
        return;
    auto* notifier = new QSocketNotifier(interruptPipe[0], QSocketNotifier::Read, scope);
    QObject::connect(notifier, &QSocketNotifier::activated, scope, [notifier, cancel = std::move(cancel)] {
        char byte;
        [[maybe_unused]] const ssize_t n = ::read(interruptPipe[0], &byte, 1);
        notifier->setEnabled(false);
        cancel();
    });
    std::signal(SIGINT, onInterrupt);
}

// The sudo password for CI: the file's first line. Never given on the command line.
std::optional<QByteArray> readSecretFile(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"cannot read "_qs + path + u": "_qs + file.errorString();
        return std::nullopt;
    }
    QByteArray secret = file.readAll();
    const qsizetype newline = secret.indexOf('\n');
    if (newline >= 0)
        secret.truncate(newline);
    if (secret.endsWith('\r'))
        secret.chop(1);
    if (QFileInfo(path).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther))
        printWarnings({path + u" can be read by other users; chmod 600 it"_qs});
    return secret;
}

void answerHostKey(HostKeyQuestion* question, bool acceptNew, TerminalPrompter* prompter)
{
    const QString what = (question->isJumpHost() ? u"jump host "_qs : u"host "_qs) + question->host() + u" (for "_qs
        + question->label() + u')';
    if (acceptNew) {
        err() << "accepted the new host key of " << what << ": " << question->keyType() << ' ' << question->fingerprint()
              << Qt::endl;
        question->accept();
        return;
    }
    if (!prompter) {
        err() << "refused the unknown host key of " << what << ": " << question->fingerprint()
              << " (confirm it with ssh, or pass --accept-new-host-keys)" << Qt::endl;
        question->reject();
        return;
    }
    QPointer<HostKeyQuestion> q = question;
    prompter->askYesNo(u"The authenticity of "_qs + what + u" can't be established.\n"_qs + question->keyType()
                           + u" key fingerprint is "_qs + question->fingerprint()
                           + u".\nAccept it and remember it in "_qs + question->knownHostsFile() + u"? [y/N] "_qs,
                       [q](bool yes) {
                           if (!q)
                               return;
                           if (yes)
                               q->accept();
                           else
                               q->reject();
                       });
}

/*!
 * --package's file, read (dpkg-deb or rpm asked for its fields) before anything else of the run
 * is set up. Nothing else runs yet and no window waits, so the command waits for the read on an
 * event loop of its own, which keeps the order of the checks and their messages.
 */
PackageSource readPackageFile(const QString& path)
{
    PackageFileRead read(path);
    QEventLoop loop;
    QObject::connect(&read, &Task::finished, &loop, &QEventLoop::quit);
    read.start();
    loop.exec();
    return read.source();
}

// A password ssh or sudo asks for (PasswordQuestion, SudoPasswordQuestion), read on the terminal
// without echo; refused without a terminal or when none is given. The secret is wiped after use.
template<typename Question>
void askSecret(TerminalPrompter* prompter, Question* question, const QString& prompt)
{
    if (!prompter) {
        question->reject();
        return;
    }
    QPointer<Question> q = question;
    prompter->askSecret(prompt, [q](QByteArray secret, bool given) {
        if (q && given)
            q->answer(secret);
        else if (q)
            q->reject();
        Secrets::wipe(secret);
    });
}

// What onboard, offboard and refresh-token read alike: --verbose, --vm (repeatable, comma
// lists), --parallel and --sudo-password-file. Returns an exit code when the options are unusable.
struct FleetInputs
{
    QStringList vms;
    int parallel = 4;
    std::optional<QByteArray> sudoPassword;
};

std::optional<int> readFleetInputs(const QCommandLineParser& parser, const QString& name, FleetInputs* inputs)
{
    // The ssh library logs each command line at debug level: useful with --verbose, noise otherwise.
    if (!parser.isSet(u"verbose"_qs))
        QLoggingCategory::setFilterRules(u"meshdeck.*.debug=false"_qs);
    for (const QString& v : parser.values(u"vm"_qs))
        inputs->vms += v.split(u',', Qt::SkipEmptyParts);
    if (parser.isSet(u"parallel"_qs)) {
        bool ok = false;
        inputs->parallel = parser.value(u"parallel"_qs).toInt(&ok);
        if (!ok || inputs->parallel < 1 || inputs->parallel > 256)
            return fail(name, u"--parallel takes a number from 1 to 256"_qs, Cli::Usage);
    }
    if (parser.isSet(u"sudo-password-file"_qs)) {
        QString error;
        inputs->sudoPassword = readSecretFile(parser.value(u"sudo-password-file"_qs), &error);
        if (!inputs->sudoPassword)
            return fail(name, error, Cli::Usage);
    }
    return std::nullopt;
}

// The ssh context of a run: --ssh-config, and askpass prompts when there is a terminal.
SshContext* fleetSshContext(const QCommandLineParser& parser, bool interactive, QObject* scope)
{
    SshOptions sshOptions;
    sshOptions.configFile = parser.value(u"ssh-config"_qs);
    if (interactive)
        sshOptions.askpassProgram = QCoreApplication::applicationFilePath();
    return new SshContext(sshOptions, scope);
}

int runFleet(const QStringList& args, OnboardOptions::Mode mode)
{
    const bool onboarding = mode == OnboardOptions::Mode::Onboard;
    const QString name = onboarding ? u"onboard"_qs : u"offboard"_qs;
    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addPositionalArgument(name, onboarding ? u"Onboard the plan's VMs over SSH."_qs : u"Offboard the plan's VMs."_qs);
    parser.addOption({u"vm"_qs, u"Only this VM (repeatable; default: every VM of the plan)."_qs, u"NAME"_qs});
    parser.addOption({u"parallel"_qs, u"VMs worked on at the same time (default 4)."_qs, u"N"_qs});
    parser.addOption({u"dry-run"_qs, u"Connect and check, show what would change; change nothing."_qs});
    if (onboarding) {
        parser.addOption({u"package"_qs, u"The istio-sidecar .deb/.rpm to upload, or an http(s) URL the VMs download "
                                         "(default: Istio's release for istiod's version)."_qs, u"FILE|URL"_qs});
        parser.addOption({u"package-sha256"_qs, u"The package's SHA-256 (hex): each VM checks its download against it "
                                                "before installing (default: the <URL path>.sha256 an https server "
                                                "publishes beside it; required for http URLs and URLs with a query)."_qs,
                          u"HEX"_qs});
        parser.addOption({u"allow-unverified-package"_qs, u"Install a downloaded package even when it cannot be verified: "
                                                          "no --package-sha256 and no .sha256 published over https."_qs});
    } else
        parser.addOption({u"cluster"_qs, u"Also delete the cluster resources of groups whose VMs are all offboarded."_qs});
    parser.addOption({u"accept-new-host-keys"_qs, u"Trust unknown host keys without asking (changed keys are always refused)."_qs});
    parser.addOption({u"sudo-password-file"_qs, u"Read the sudo password from this file's first line (for CI); it is tried on every VM."_qs, u"FILE"_qs});
    parser.addOption({u"same-sudo-password"_qs, u"Try the sudo password typed for one VM on every VM that asks (by default each VM's own is asked for)."_qs});
    parser.addOption({u"ssh-config"_qs, u"ssh configuration file instead of ~/.ssh/config (ssh -F)."_qs, u"FILE"_qs});
    parser.addOption({u"verbose"_qs, u"Log every ssh and remote command line (never a secret)."_qs});
    const QString description = onboarding
        ? u"Onboards the plan's VMs over SSH: preflight, bundle, package, distribute, start. Many VMs in parallel; "
          "a rerun resumes each VM where it stopped (state in <plan>.state.json)."_qs
        : u"Offboards VMs: stops and disables istio, removes the package, the files and the hosts block, and the "
          "VM's WorkloadEntry."_qs;
    if (const int code = parseCommand(parser, args, description); code >= 0)
        return code;

    FleetInputs inputs;
    if (const std::optional<int> code = readFleetInputs(parser, name, &inputs))
        return *code;
    OnboardOptions options;
    options.mode = mode;
    options.vms = inputs.vms;
    options.parallel = inputs.parallel;
    options.dryRun = parser.isSet(u"dry-run"_qs);
    options.allowUnverifiedPackage = onboarding && parser.isSet(u"allow-unverified-package"_qs);
    options.sameSudoPassword = parser.isSet(u"same-sudo-password"_qs);
    options.removeClusterResources = !onboarding && parser.isSet(u"cluster"_qs);
    if (onboarding && parser.isSet(u"package"_qs)) {
        const QString package = parser.value(u"package"_qs);
        options.package = package.contains(u"://") ? PackageSources::url(package) : readPackageFile(package);
        if (parser.isSet(u"package-sha256"_qs))
            PackageSources::requireSha256(options.package, parser.value(u"package-sha256"_qs));
        if (!options.package.ok())
            return fail(name, options.package.error, Cli::Usage);
        // Refused before anything is contacted (FleetRun::validate says the same).
        if (const QString refusal = PackageSources::verificationRefusal(options.package, options.allowUnverifiedPackage);
            !refusal.isEmpty())
            return fail(name, refusal, Cli::Usage);
    }
    if (onboarding && parser.isSet(u"package-sha256"_qs) && !parser.isSet(u"package"_qs))
        return fail(name, u"--package-sha256 needs --package (the checksum of which package?)"_qs, Cli::Usage);
    std::optional<QByteArray>& sudoPassword = inputs.sudoPassword;

    std::optional<OnboardStateLock> stateLock; // released after the run (in scope) is gone
    QObject scope; // everything of the run; destroyed before the application object
    std::optional<PlanLoadResult> loaded = loadChecked(parser.value(u"plan"_qs));
    if (!loaded)
        return Cli::PlanErrors;
    const Plan& plan = *loaded->plan;
    for (const QString& vm : std::as_const(options.vms)) {
        if (!plan.vm(vm))
            return fail(name, u"the plan has no VM named '"_qs + vm + u'\'', Cli::Usage);
    }
    // One run per plan at a time, from before the state file is read until the run's last
    // record is on disk (security review M8); before anything is contacted. A dry run writes
    // nothing and takes no lock.
    const QString statePath = OnboardState::pathForPlan(plan.sourceFile);
    if (!options.dryRun) {
        if (const QString refused = stateLock.emplace(statePath).acquire(); !refused.isEmpty())
            return fail(name, refused, Cli::OutputFailed);
    }
    const ExecPluginOptions exec = execPluginOptions(parser, &scope);
    ClusterConnection cluster =
        connectCluster(plan, ClusterChoice{parser.value(u"kubeconfig"_qs), parser.value(u"context"_qs)}, exec, &scope);
    printWarnings(cluster.warnings);
    if (!cluster.error.isEmpty()) {
        if (onboarding || options.removeClusterResources)
            return fail(name, cluster.error, Cli::Cluster);
        printWarnings({cluster.error + u"; WorkloadEntries are left alone"_qs});
    }

    const bool interactive = TerminalPrompter::isAvailable();
    SshContext* ssh = fleetSshContext(parser, interactive, &scope);
    if (!ssh->isValid())
        return fail(name, ssh->errorString(), Cli::SshSetupFailed);

    QString stateError;
    OnboardState state = OnboardState::load(statePath, &stateError);
    if (!stateError.isEmpty())
        return fail(name, stateError + u" (move it away to start afresh)"_qs, Cli::PlanErrors);
    auto* run = new FleetRun(plan, ssh, cluster.client, &state, options, &scope);
    if (const QString invalid = run->validate(); !invalid.isEmpty())
        return fail(name, invalid, Cli::Usage);
    if (sudoPassword) {
        run->setSudoPassword(*sudoPassword);
        Secrets::wipe(*sudoPassword);
    }
    run->setInteractive(interactive);
    TerminalPrompter* prompter = interactive ? new TerminalPrompter(&scope) : nullptr;
    // The run's VMs as this run sees them: the lines are about this run, so the model is not seeded
    // from the state file (a window would seed it with &state too).
    auto* model = new FleetModel(&scope);
    model->seed(plan, run->vmNames());
    model->attach(run);
    auto* view = new FleetView(run, model, isatty(STDOUT_FILENO) != 0, &scope);
    if (prompter)
        prompter->setAroundQuestion([view] { view->suspend(); }, [view] { view->resume(); });

    const bool acceptNew = parser.isSet(u"accept-new-host-keys"_qs);
    QObject::connect(run, &FleetRun::hostKeyQuestion, &scope,
                     [acceptNew, prompter](HostKeyQuestion* q) { answerHostKey(q, acceptNew, prompter); });
    QObject::connect(run, &FleetRun::passwordQuestion, &scope, [prompter](PasswordQuestion* question) {
        askSecret(prompter, question, question->label() + u": "_qs + question->prompt().trimmed() + u' ');
    });
    const bool samePassword = options.sameSudoPassword;
    QObject::connect(run, &FleetRun::sudoPasswordQuestion, &scope, [prompter, samePassword](SudoPasswordQuestion* request) {
        askSecret(prompter, request,
                  request->isRetry() ? u"[sudo] that password was refused on "_qs + request->vm() + u"; password: "_qs
                  : samePassword     ? u"[sudo] password on "_qs + request->vm() + u" (tried on every VM that asks): "_qs
                                     : u"[sudo] password on "_qs + request->vm() + u": "_qs);
    });
    QObject::connect(run, &FleetRun::finished, &scope, [view, options](const Error&) {
        const int failed = view->printSummary();
        if (options.dryRun)
            out() << "dry run: nothing was changed" << Qt::endl;
        QCoreApplication::exit(failed > 0 ? Cli::VmsFailed : Cli::Ok);
    });
    watchInterrupts(&scope, [run, view] {
        view->note(u"canceling: each VM stops after its current command (Ctrl-C again to quit at once)"_qs);
        run->cancel();
    });
    run->start();
    const int code = QCoreApplication::exec();
    std::signal(SIGINT, SIG_DFL);
    return code;
}

} // namespace

int bundle(const QStringList& args)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addPositionalArgument(u"bundle"_qs, u"Write one VM's files."_qs);
    parser.addOption({u"vm"_qs, u"The VM (vms[].name) to write the files for."_qs, u"NAME"_qs});
    parser.addOption({{u"o"_qs, u"output"_qs}, u"Directory to write the files into (created when missing)."_qs, u"DIR"_qs});
    if (const int code = parseCommand(parser, args, u"Writes the five files `istioctl x workload entry configure` writes for "
                                                     "a VM (cluster.env, mesh.yaml, hosts, root-cert.pem, istio-token), "
                                                     "with what only the cluster knows read from it."_qs);
        code >= 0)
        return code;
    const QString vm = parser.value(u"vm"_qs);
    const QString output = parser.value(u"output"_qs);
    if (vm.isEmpty() || output.isEmpty())
        return fail(u"bundle"_qs, u"--vm NAME and --output DIR are required"_qs, Cli::Usage);
    QObject scope; // destroyed before the application object, network stack included
    int code = Cli::Ok;
    std::optional<Session> s = openCluster(parser, &scope, &code);
    if (!s)
        return code;
    if (!s->loaded.plan->vm(vm))
        return fail(u"bundle"_qs, u"the plan has no VM named '"_qs + vm + u'\'', Cli::Usage);
    auto* run = new BundleRun(s->connection.client, *s->loaded.plan, vm, &scope);
    QObject::connect(run, &BundleRun::finished, &scope, [output, run] {
        const BundleResult& result = run->result();
        printWarnings(result.warnings);
        if (!result.ok()) {
            QCoreApplication::exit(fail(u"bundle"_qs, result.error, Cli::Cluster));
            return;
        }
        const QString error = writeBundleDirectory(result.bundle, output);
        if (!error.isEmpty()) {
            QCoreApplication::exit(fail(u"bundle"_qs, error, Cli::OutputFailed));
            return;
        }
        for (const VmFile& f : result.bundle.files) {
            if (!isSecretBundleFile(f.name))
                continue;
            const QDateTime until = f.name == u"istio-token" ? result.tokenExpiry : result.certificateExpiry;
            err() << "note: " << QDir::toNativeSeparators(QDir(output).filePath(f.name)) << " is a credential (mode 0600)"
                  << (until.isValid() ? u", valid until "_qs + until.toString(Qt::ISODate) : QString()) << Qt::endl;
        }
        out() << "wrote " << countText(result.bundle.files.size(), u"file"_qs, u"files"_qs) << " to "
              << QDir::toNativeSeparators(output) << Qt::endl;
        QCoreApplication::exit(Cli::Ok);
    });
    run->start();
    return QCoreApplication::exec();
}

int refreshToken(const QStringList& args)
{
    const QString name = u"refresh-token"_qs;
    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addPositionalArgument(name, u"Deliver a new istio-token to the plan's VMs."_qs);
    parser.addOption({u"vm"_qs, u"Only this VM (repeatable; default: every VM of the plan's groups)."_qs, u"NAME"_qs});
    parser.addOption({u"parallel"_qs, u"VMs worked on at the same time (default 4)."_qs, u"N"_qs});
    parser.addOption({u"accept-new-host-keys"_qs, u"Trust unknown host keys without asking (changed keys are always refused)."_qs});
    parser.addOption({u"sudo-password-file"_qs, u"Read the sudo password from this file's first line (for CI); it is tried on every VM."_qs, u"FILE"_qs});
    parser.addOption({u"ssh-config"_qs, u"ssh configuration file instead of ~/.ssh/config (ssh -F)."_qs, u"FILE"_qs});
    parser.addOption({u"verbose"_qs, u"Log every ssh and remote command line (never a secret)."_qs});
    const QString description =
        u"Requests a new istio-token for each VM's group service account and writes it where the onboarding put it "
        "(/var/run/secrets/tokens/istio-token, 0600, istio-proxy's). For a VM whose token is gone (it lives on tmpfs: a "
        "reboot empties it) once its workload certificate has lapsed: the agent takes the new token at its next "
        "attempt. Nothing is restarted."_qs;
    if (const int code = parseCommand(parser, args, description); code >= 0)
        return code;
    FleetInputs inputs;
    if (const std::optional<int> code = readFleetInputs(parser, name, &inputs))
        return *code;
    const QStringList& vms = inputs.vms;
    const int parallel = inputs.parallel;
    std::optional<QByteArray>& sudoPassword = inputs.sudoPassword;

    QObject scope;
    std::optional<PlanLoadResult> loaded = loadChecked(parser.value(u"plan"_qs));
    if (!loaded)
        return Cli::PlanErrors;
    const Plan& plan = *loaded->plan;
    for (const QString& vm : std::as_const(vms)) {
        if (!plan.vm(vm))
            return fail(name, u"the plan has no VM named '"_qs + vm + u'\'', Cli::Usage);
    }
    const ExecPluginOptions exec = execPluginOptions(parser, &scope);
    ClusterConnection cluster =
        connectCluster(plan, ClusterChoice{parser.value(u"kubeconfig"_qs), parser.value(u"context"_qs)}, exec, &scope);
    printWarnings(cluster.warnings);
    if (!cluster.error.isEmpty())
        return fail(name, cluster.error, Cli::Cluster);

    const bool interactive = TerminalPrompter::isAvailable();
    SshContext* ssh = fleetSshContext(parser, interactive, &scope);
    if (!ssh->isValid())
        return fail(name, ssh->errorString(), Cli::SshSetupFailed);
    TokenRefreshFleet::RemoteFactory remotes = [ssh, &plan](const QString& vm, QObject* parent) -> VmRemote* {
        const Vm* planned = plan.vm(vm);
        return planned ? new SshVmRemote(ssh, vmEndpoint(plan, *planned), parent) : nullptr;
    };
    auto* fleet = new TokenRefreshFleet(cluster.client, plan, vms, std::move(remotes), parallel, &scope);
    if (sudoPassword) {
        fleet->setSudoPassword(*sudoPassword);
        sudoPassword->fill('\0');
    }
    TerminalPrompter* prompter = interactive ? new TerminalPrompter(&scope) : nullptr;
    const bool acceptNew = parser.isSet(u"accept-new-host-keys"_qs);
    QObject::connect(fleet, &FleetTask::question, &scope, [acceptNew, prompter](Question* question) {
        if (auto* q = qobject_cast<HostKeyQuestion*>(question))
            answerHostKey(q, acceptNew, prompter);
        else if (auto* q = qobject_cast<PasswordQuestion*>(question))
            askSecret(prompter, q, q->label() + u": "_qs + q->prompt().trimmed() + u' ');
        else if (auto* q = qobject_cast<SudoPasswordQuestion*>(question))
            askSecret(prompter, q,
                      q->isRetry() ? u"[sudo] that password was refused on "_qs + q->vm() + u"; password: "_qs
                                   : u"[sudo] password on "_qs + q->vm() + u": "_qs);
        else
            question->reject();
    });
    QObject::connect(fleet, &Task::progress, &scope, [](int done, int, const QString& activity) {
        if (done > 0)
            out() << activity << Qt::endl;
    });
    QObject::connect(fleet, &Task::finished, &scope, [name](const Error& error) {
        if (error.isError()) {
            fail(name, error.text(), Cli::VmsFailed);
            QCoreApplication::exit(Cli::VmsFailed);
            return;
        }
        QCoreApplication::exit(Cli::Ok);
    });
    watchInterrupts(&scope, [fleet] { fleet->cancel(); });
    fleet->start();
    const int code = QCoreApplication::exec();
    std::signal(SIGINT, SIG_DFL);
    return code;
}

int onboard(const QStringList& args)
{
    return runFleet(args, OnboardOptions::Mode::Onboard);
}

int offboard(const QStringList& args)
{
    return runFleet(args, OnboardOptions::Mode::Offboard);
}

} // namespace OnboardCommands
