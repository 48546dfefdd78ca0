// SPDX-License-Identifier: Apache-2.0
#include "fleetmonitorimpl.h"

#include "hostkeycheck.h"
#include "kubeclient.h"
#include "sshcontext.h"
#include "askpass.h"
#include "onboardingservice.h"
#include "remoteshell.h"
#include "sshcommandline.h"
#include "vmremote.h"
#include "vmrun.h"
#include "watchcache.h"

#include <QFileInfo>

using namespace std::chrono_literals;

FleetMonitorImpl::FleetMonitorImpl(OnboardingService* service, QObject* parent)
    : FleetMonitor(parent)
    , m_service(service)
    , m_model(new FleetHealthModel(this))
{
    m_remoteFactory = [this](const Plan& plan, const QString& vm, QObject* owner) -> VmRemote* {
        const Vm* planVm = plan.vm(vm);
        if (!m_ssh || !planVm)
            return nullptr;
        return new SshVmRemote(m_ssh, vmEndpoint(plan, *planVm), owner);
    };
    // `meshdeck onboard` in a terminal writes the same state file: follow it.
    connect(&m_stateWatcher, &QFileSystemWatcher::fileChanged, this, [this] {
        reloadState();
        watchStateFile();
    });
    // A plan's first onboarding: its state file does not exist yet, so its folder is watched
    // until the file appears there.
    connect(&m_stateWatcher, &QFileSystemWatcher::directoryChanged, this, [this] {
        if (m_stateWatcher.files().isEmpty() && !m_planPath.isEmpty()
            && QFileInfo::exists(OnboardState::pathForPlan(m_planPath))) {
            reloadState();
            watchStateFile();
        }
    });
    m_probeTimer.setInterval(5min);
    connect(&m_probeTimer, &QTimer::timeout, this, &FleetMonitorImpl::scheduleProbes);
    m_probeTimer.start();
}

FleetMonitorImpl::~FleetMonitorImpl()
{
    for (const QPointer<VmRemote>& remote : std::as_const(m_probing)) {
        if (remote)
            remote->cancel();
    }
}

QAbstractItemModel* FleetMonitorImpl::model() const
{
    return m_model;
}

void FleetMonitorImpl::setPlan(const Plan& plan, const QString& planPath)
{
    const bool namespacesChanged = FleetHealthModel::watchedNamespaces(plan) != FleetHealthModel::watchedNamespaces(m_plan);
    m_plan = plan;
    m_planPath = planPath;
    QString error;
    const OnboardState state = planPath.isEmpty() ? OnboardState{} : OnboardState::load(OnboardState::pathForPlan(planPath), &error);
    m_model->setPlan(plan, error.isEmpty() ? state : OnboardState{});
    watchStateFile();
    if (namespacesChanged)
        rebuildCaches();
    // The first probes soon after a plan opens, not five minutes later.
    QTimer::singleShot(2s, this, &FleetMonitorImpl::scheduleProbes);
}

void FleetMonitorImpl::watchStateFile()
{
    // Files replaced by a rename (QSaveFile) drop out of the watcher: add them again each time.
    if (!m_stateWatcher.files().isEmpty())
        m_stateWatcher.removePaths(m_stateWatcher.files());
    if (!m_stateWatcher.directories().isEmpty())
        m_stateWatcher.removePaths(m_stateWatcher.directories());
    if (m_planPath.isEmpty())
        return;
    const QString path = OnboardState::pathForPlan(m_planPath);
    if (QFileInfo::exists(path))
        m_stateWatcher.addPath(path);
    else if (const QString folder = QFileInfo(path).absolutePath(); QFileInfo(folder).isDir())
        m_stateWatcher.addPath(folder);
}

void FleetMonitorImpl::reloadState()
{
    if (m_planPath.isEmpty())
        return;
    QString error;
    const OnboardState state = OnboardState::load(OnboardState::pathForPlan(m_planPath), &error);
    if (error.isEmpty())
        m_model->setState(state);
}

void FleetMonitorImpl::setCluster(KubeClient* client)
{
    if (client == m_client)
        return;
    m_client = client;
    rebuildCaches();
}

void FleetMonitorImpl::setSshContext(SshContext* context)
{
    m_ssh = context;
}

void FleetMonitorImpl::setProbeInterval(std::chrono::milliseconds interval)
{
    m_probeTimer.setInterval(interval);
    m_probeTimer.start();
}

void FleetMonitorImpl::rebuildCaches()
{
    qDeleteAll(m_caches);
    m_caches.clear();
    m_model->resetEntries();
    if (!m_client)
        return;
    // WatchCache watches one namespace or all; a cache per namespace keeps the watches (and the
    // RBAC they need) to what the plan names.
    const QList<GroupKind> kinds{{u"networking.istio.io"_qs, u"WorkloadEntry"_qs}, {{}, u"Service"_qs}};
    for (const QString& ns : FleetHealthModel::watchedNamespaces(m_plan)) {
        WatchCache::Options options;
        options.namespaceName = ns;
        auto* cache = new WatchCache(m_client, kinds, options, this);
        connect(cache, &WatchCache::changed, m_model, &FleetHealthModel::applyChanges);
        connect(cache, &WatchCache::synced, this, [this] {
            for (const WatchCache* c : std::as_const(m_caches)) {
                if (!c->isSynced())
                    return;
            }
            m_model->setEntriesSynced(true);
        });
        // A watch that cannot be had (Forbidden, Istio's CRDs missing) leaves rows without entries:
        // say why once per cause instead of showing every VM "no entry" without a reason.
        connect(cache, &WatchCache::errorOccurred, this, [this, ns](const GroupKind& kind, const KubeError& error) {
            const QString message = tr("Watching %1 in %2: %3").arg(kind.kind, ns, error.message);
            if (message != m_lastWatchError) {
                m_lastWatchError = message;
                emit actionFailed({}, message);
            }
        });
        connect(cache, &WatchCache::kindUnavailable, this, [this, ns](const GroupKind& kind, const QString& message) {
            emit actionFailed({}, tr("Watching %1 in %2: %3").arg(kind.kind, ns, message));
        });
        m_caches.append(cache);
        cache->start();
    }
}

Task* FleetMonitorImpl::runFleet(int mode, const QStringList& vms)
{
    const QString who = vms.join(u", "_qs);
    if (!m_service || m_plan.vms.isEmpty()) {
        emit actionFailed(who, tr("Open a plan with VMs first."));
        return nullptr;
    }
    FleetRequest request;
    request.mode = FleetRequest::Mode(mode);
    request.vms = vms;
    FleetTask* task = m_service->runFleet(m_plan, request, this);
    if (!task) {
        emit actionFailed(who, tr("The operation could not start."));
        return nullptr;
    }
    for (const QString& vm : vms)
        m_model->setBusy(vm, true);
    connect(task, &FleetTask::question, this, &FleetMonitor::question);
    connect(task, &Task::finished, this, [this, vms, who](const Error& error) {
        for (const QString& vm : vms) {
            m_model->setBusy(vm, false);
            if (error.isError() && error.kind != Error::Kind::Canceled)
                addError(vm, error.message);
        }
        if (error.isError() && error.kind != Error::Kind::Canceled)
            emit actionFailed(who, error.message);
        reloadState();
        watchStateFile(); // a first run has just created it
        for (const QString& vm : vms)
            emit historyChanged(vm);
    });
    task->start();
    return task;
}

Task* FleetMonitorImpl::onboard(const QStringList& vms)
{
    return runFleet(int(FleetRequest::Mode::Onboard), vms);
}

Task* FleetMonitorImpl::reonboard(const QStringList& vms)
{
    return runFleet(int(FleetRequest::Mode::Reonboard), vms);
}

Task* FleetMonitorImpl::offboard(const QStringList& vms)
{
    return runFleet(int(FleetRequest::Mode::Offboard), vms);
}

Task* FleetMonitorImpl::refreshToken(const QString& vm)
{
    Task* task = runFleet(int(FleetRequest::Mode::RefreshToken), {vm});
    // The new token's expiry shows at once instead of at the next scheduled probe.
    if (task)
        connect(task, &Task::finished, this, [this, vm](const Error& error) {
            if (!error.isError())
                probeNow(vm);
        });
    return task;
}

void FleetMonitorImpl::scheduleProbes()
{
    for (const Vm& vm : m_plan.vms) {
        const int row = m_model->rowOf(vm.name);
        const QModelIndex index = m_model->index(row, 0);
        const bool started = m_model->state().vmRecord(vm.name).step(StepKind::Start).state == StepState::Done;
        const bool hasEntry = row >= 0 && !index.data(FleetMonitor::EntryRole).toString().isEmpty();
        if ((started || hasEntry) && !m_probeQueue.contains(vm.name) && !m_probing.contains(vm.name))
            m_probeQueue.append(vm.name);
    }
    pumpProbes();
}

void FleetMonitorImpl::probeNow(const QString& vm)
{
    if (!m_plan.vm(vm)) {
        emit actionFailed(vm, tr("Only the plan's VMs can be probed: meshdeck does not know how to reach %1.").arg(vm));
        return;
    }
    m_interactive.insert(vm);
    if (!m_probing.contains(vm)) {
        m_probeQueue.removeAll(vm);
        m_probeQueue.prepend(vm);
    }
    pumpProbes();
}

void FleetMonitorImpl::pumpProbes()
{
    while (m_probing.size() < m_maxProbes && !m_probeQueue.isEmpty()) {
        const QString vm = m_probeQueue.takeFirst();
        startProbe(vm, m_interactive.contains(vm));
    }
}

void FleetMonitorImpl::startProbe(const QString& vm, bool interactive)
{
    m_interactive.remove(vm);
    VmRemote* remote = m_remoteFactory ? m_remoteFactory(m_plan, vm, this) : nullptr;
    if (!remote) {
        VmHealth health;
        health.probedAt = QDateTime::currentDateTimeUtc();
        health.error = tr("No ssh to reach %1.").arg(vm);
        finishProbe(vm, health);
        return;
    }
    m_probing.insert(vm, remote);
    m_model->setBusy(vm, true);
    const auto failed = [this, vm, remote](const QString& message) {
        remote->cancel();
        VmHealth health;
        health.probedAt = QDateTime::currentDateTimeUtc();
        health.error = message;
        finishProbe(vm, health);
    };
    if (interactive) {
        connect(remote, &VmRemote::hostKeyQuestion, this, [this](HostKeyQuestion* q) { emit question(q); });
        connect(remote, &VmRemote::passwordQuestion, this, [this](PasswordQuestion* q) { emit question(q); });
    } else {
        // Nobody asked for this probe: it must not pop a dialog up.
        connect(remote, &VmRemote::hostKeyQuestion, this, [failed](HostKeyQuestion* q) {
            q->reject();
            failed(tr("ssh asks about the host key: probe now to answer."));
        });
        connect(remote, &VmRemote::passwordQuestion, this, [failed](PasswordQuestion* q) {
            q->reject();
            failed(tr("ssh asks for a password: probe now to answer."));
        });
    }
    remote->open([this, vm, remote, failed](const SshError& error) {
        if (error.isError()) {
            failed(error.message);
            return;
        }
        RemoteRequest request;
        request.argv = {u"sh"_qs, u"-c"_qs, vmHealthScript()};
        request.sudo = true; // the token is 0600 istio-proxy's; with NOPASSWD only (no password given)
        request.timeout = 30s;
        remote->run(request, [this, vm, remote, failed, request](const CommandResult& result) mutable {
            const auto done = [this, vm, failed](const CommandResult& r) {
                if (r.error.isError()) {
                    failed(r.error.message);
                    return;
                }
                VmHealth health = parseVmHealth(r.standardOutput);
                health.probedAt = QDateTime::currentDateTimeUtc();
                finishProbe(vm, health);
            };
            const auto k = result.error.kind;
            if (k == SshError::Kind::SudoPasswordRequired || k == SshError::Kind::SudoFailed) {
                // Without sudo the token is unreadable (shown so), everything else still is.
                request.sudo = false;
                remote->run(request, done);
                return;
            }
            done(result);
        });
    });
}

void FleetMonitorImpl::finishProbe(const QString& vm, const VmHealth& health)
{
    if (const QPointer<VmRemote> remote = m_probing.take(vm))
        remote->deleteLater();
    m_model->setBusy(vm, false);
    m_model->setHealth(vm, health);
    if (!health.error.isEmpty())
        addError(vm, tr("probe: %1").arg(health.error));
    emit historyChanged(vm);
    pumpProbes();
}

void FleetMonitorImpl::addError(const QString& vm, const QString& message)
{
    QStringList& errors = m_errors[vm];
    errors.prepend(QDateTime::currentDateTime().toString(u"HH:mm:ss"_qs) + u"  "_qs + message);
    while (errors.size() > 10)
        errors.removeLast();
}

QStringList FleetMonitorImpl::sshArguments(const QString& vm) const
{
    if (const Vm* planVm = m_plan.vm(vm))
        return sshCommandArguments(vmEndpoint(m_plan, *planVm));
    // An entry no plan VM is: its address, with the user's ssh config for the rest.
    const int row = m_model->rowOf(vm);
    if (row < 0)
        return {};
    const QString address = m_model->index(row, FleetMonitor::AddressColumn).data().toString();
    if (address.isEmpty())
        return {};
    SshEndpoint endpoint;
    endpoint.host = address;
    return sshCommandArguments(endpoint);
}

QString FleetMonitorImpl::sshCommand(const QString& vm) const
{
    const QStringList argv = sshArguments(vm);
    return argv.isEmpty() ? QString() : RemoteShell::commandLine(argv);
}

VmHistory FleetMonitorImpl::stepHistory(const QString& vm) const
{
    VmHistory history;
    history.vm = vm;
    const VmRecord record = m_model->state().vmRecord(vm);
    for (StepKind step : onboardSteps() + offboardSteps()) {
        const auto it = record.steps.constFind(stepKey(step));
        if (it == record.steps.cend())
            continue;
        history.steps.append({stepKey(step), stateKey(it->state), it->message, it->updated});
        if (it->state == StepState::Failed)
            history.lastErrors.append(stepKey(step) + u": "_qs + it->message);
    }
    history.lastErrors = m_errors.value(vm) + history.lastErrors;
    return history;
}
