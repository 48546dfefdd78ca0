// SPDX-License-Identifier: Apache-2.0
#include "consolefleettask.h"

#include "fleetmodel.h"
#include "askpass.h"
#include "fleetrun.h"
#include "hostkeycheck.h"
#include "packagefileread.h"
#include "sshcontext.h"
#include "tokenrefreshfleet.h"
#include "vmremote.h"
#include "vmrun.h"

ConsoleFleetTask::ConsoleFleetTask(Plan plan, FleetRequest request, ClientSource clients, SshContext* ssh,
                                   FleetModel* model, QObject* parent)
    : ConsoleTask(std::move(plan), std::move(clients), parent)
    , m_request(std::move(request))
    , m_ssh(ssh)
    , m_model(model)
{
}

ConsoleFleetTask::~ConsoleFleetTask() = default;

void ConsoleFleetTask::run()
{
    if (m_request.mode == FleetRequest::Mode::RefreshToken) {
        withClient([this](KubeClient* client) { startTokenRefresh(client); });
        return;
    }
    QString stateError;
    if (!m_plan.sourceFile.isEmpty()) {
        const QString statePath = OnboardState::pathForPlan(m_plan.sourceFile);
        if (!m_request.dryRun) {
            // Released when this task finishes: the fleet finishes once its last record is on
            // disk, and after a cancel nothing of it writes any more.
            m_stateLock = std::make_unique<OnboardStateLock>(statePath);
            if (const QString refused = m_stateLock->acquire(); !refused.isEmpty()) {
                m_stateLock.reset();
                finish(Error::make(Error::Kind::LocalFailure, refused));
                return;
            }
            connect(this, &Task::finished, this, [this] { m_stateLock.reset(); });
        }
        m_state = OnboardState::load(statePath, &stateError);
        if (!stateError.isEmpty()) {
            finish(Error::make(Error::Kind::InvalidInput, tr("%1 (move it away to start afresh)").arg(stateError)));
            return;
        }
    }
    const bool onboarding = m_request.mode != FleetRequest::Mode::Offboard;
    withPackage([this, onboarding](const PackageSource& package) {
        m_clients(this, [this, onboarding, package](KubeClient* client, const QString& error) {
            if (!isRunning())
                return;
            if (!client && onboarding) {
                finish(Error::make(Error::Kind::KubernetesUnreachable, error));
                return;
            }
            if (!client)
                m_notes.append(tr("No cluster connection (%1): the WorkloadEntries stay.").arg(error));
            startFleet(client, package);
        });
    });
}

void ConsoleFleetTask::withPackage(std::function<void(const PackageSource&)> then)
{
    PackageSource package;
    if (m_request.mode == FleetRequest::Mode::Offboard || (m_request.packageFile.isEmpty() && m_request.packageUrl.isEmpty())) {
        then(package);
        return;
    }
    if (!m_request.packageUrl.isEmpty()) {
        package = PackageSources::url(m_request.packageUrl);
        if (!m_request.packageSha256.isEmpty())
            PackageSources::requireSha256(package, m_request.packageSha256);
        if (!package.ok()) {
            finish(Error::make(Error::Kind::InvalidInput, package.error));
            return;
        }
        then(package);
        return;
    }
    auto* read = new PackageFileRead(m_request.packageFile, this);
    connect(read, &Task::finished, this, [this, read, then = std::move(then)](const Error& error) {
        if (!isRunning())
            return;
        if (error.isError() || !read->source().ok()) {
            finish(error.isError() ? error : Error::make(Error::Kind::InvalidInput, read->source().error));
            return;
        }
        then(read->source());
    });
    m_inFlight.start(read);
}

void ConsoleFleetTask::startFleet(KubeClient* client, const PackageSource& package)
{
    if (!m_remoteFactory && (!m_ssh || !m_ssh->isValid())) {
        finish(Error::make(Error::Kind::LocalFailure, m_ssh ? m_ssh->errorString() : tr("ssh is not set up.")));
        return;
    }
    OnboardOptions options;
    options.mode = m_request.mode == FleetRequest::Mode::Offboard ? OnboardOptions::Mode::Offboard
                                                                  : OnboardOptions::Mode::Onboard;
    options.vms = m_request.vms;
    options.parallel = qBound(1, m_request.parallel, 256);
    options.dryRun = m_request.dryRun;
    options.package = package;
    options.allowUnverifiedPackage = m_request.allowUnverifiedPackage;
    options.removeClusterResources = m_request.removeClusterResources;
    auto* fleet = new FleetRun(m_plan, m_ssh, client, &m_state, options, this);
    if (const QString invalid = fleet->validate(); !invalid.isEmpty()) {
        finish(Error::make(Error::Kind::InvalidInput, invalid));
        return;
    }
    if (m_remoteFactory)
        fleet->setRemoteFactory(m_remoteFactory);
    fleet->setInteractive(true);
    if (m_model && !m_request.dryRun) {
        // A run over some VMs (retry the failed) leaves the other rows as they are.
        if (m_request.vms.isEmpty() || m_model->rowCount() == 0)
            m_model->seed(m_plan, {}, &m_state);
        else
            m_model->reseed(m_plan, m_request.vms, &m_state);
        m_model->attach(fleet);
    }
    connect(fleet, &FleetRun::hostKeyQuestion, this, [this](HostKeyQuestion* q) { emit question(q); });
    connect(fleet, &FleetRun::passwordQuestion, this, [this](PasswordQuestion* q) { emit question(q); });
    connect(fleet, &FleetRun::sudoPasswordQuestion, this, [this](SudoPasswordQuestion* q) { emit question(q); });
    connect(fleet, &FleetRun::note, this, [this](const QString& text) { m_notes.append(text); });
    connect(fleet, &FleetRun::vmFinished, this, [this](const QString& vm, bool ok, const QString&) {
        if (!ok && isRunning() && !m_failed.contains(vm))
            m_failed.append(vm);
    });
    forwardProgress(fleet);
    forwardFinished(fleet);
    m_inFlight.start(fleet);
}

void ConsoleFleetTask::startTokenRefresh(KubeClient* client)
{
    if (!m_remoteFactory && (!m_ssh || !m_ssh->isValid())) {
        finish(Error::make(Error::Kind::LocalFailure, m_ssh ? m_ssh->errorString() : tr("ssh is not set up.")));
        return;
    }
    // Only the token: a TokenRequest per VM and one sudo write of it (TokenRefreshFleet).
    TokenRefreshFleet::RemoteFactory remotes = [this](const QString& vm, QObject* parent) -> VmRemote* {
        if (m_remoteFactory) {
            VmRemote* remote = m_remoteFactory(vm);
            if (remote)
                remote->setParent(parent);
            return remote;
        }
        const Vm* planned = m_plan.vm(vm);
        return planned ? new SshVmRemote(m_ssh, vmEndpoint(m_plan, *planned), parent) : nullptr;
    };
    auto* refresh = new TokenRefreshFleet(client, m_plan, m_request.vms, std::move(remotes), qBound(1, m_request.parallel, 256), this);
    connect(refresh, &FleetTask::question, this, [this](Question* q) { emit question(q); });
    forwardProgress(refresh);
    connect(refresh, &Task::finished, this, [this, refresh](const Error& error) {
        if (!isRunning())
            return;
        m_failed = refresh->failedVms();
        finish(error);
    });
    m_inFlight.start(refresh);
}
