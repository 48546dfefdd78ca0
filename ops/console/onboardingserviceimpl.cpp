// SPDX-License-Identifier: Apache-2.0
#include "onboardingserviceimpl.h"

#include "clusterapplytask.h"
#include "clusterpreflighttask.h"
#include "clusterreviewtask.h"
#include "clustersessions.h"
#include "clusterverifytask.h"
#include "consolefleettask.h"
#include "fleetmodel.h"
#include "onboardingstatustask.h"
#include "vmprobetask.h"

#include <QCoreApplication>

OnboardingServiceImpl::OnboardingServiceImpl(ClusterSessions* sessions, QObject* parent)
    : OnboardingService(parent)
    , m_sessions(sessions)
    , m_fleet(new FleetModel(this))
{
}

OnboardingServiceImpl::~OnboardingServiceImpl() = default;

void OnboardingServiceImpl::setKubeClient(KubeClient* client, const QString& description)
{
    m_client = client;
    m_clientDescription = description;
    emit connectionChanged();
}

void OnboardingServiceImpl::setSession(ClusterSession* session)
{
    m_session = session;
    emit connectionChanged();
}

void OnboardingServiceImpl::setSshOptions(const SshOptions& options)
{
    m_sshOptions = options;
}

SshContext* OnboardingServiceImpl::ssh()
{
    if (!m_ssh) {
        SshOptions options = m_sshOptions.value_or(SshOptions{});
        if (!m_sshOptions)
            options.askpassProgram = QCoreApplication::applicationFilePath(); // `meshdeck --askpass`
        m_ssh = new SshContext(options, this);
    }
    return m_ssh;
}

ClusterSession* OnboardingServiceImpl::sessionOf(const Plan& plan) const
{
    if (m_session)
        return m_session;
    return m_sessions ? m_sessions->sessionFor(plan) : nullptr;
}

ClientSource OnboardingServiceImpl::clientsFor(const Plan& plan)
{
    if (m_client) {
        return [client = m_client](QObject*, ClientReady ready) {
            ready(client, client ? QString() : tr("The cluster connection was closed."));
        };
    }
    QPointer<ClusterSession> session = sessionOf(plan);
    return [session](QObject* context, ClientReady ready) {
        if (!session) {
            ready(nullptr, tr("Not connected to a cluster: choose a context in the main window."));
            return;
        }
        auto deliver = [session, ready] {
            if (!session)
                ready(nullptr, tr("The cluster connection was closed."));
            else
                ready(session->client(), session->client() ? QString() : session->error());
        };
        if (!session->isLoading()) {
            deliver();
            return;
        }
        QObject::connect(session, &ClusterSession::finished, context, deliver, Qt::SingleShotConnection);
    };
}

bool OnboardingServiceImpl::isConnected() const
{
    if (m_client)
        return true;
    if (m_session)
        return m_session->client() != nullptr;
    return m_sessions != nullptr; // per plan: the tasks say why when the plan's session fails
}

PreflightTask* OnboardingServiceImpl::preflight(const Plan& plan, QObject* parent)
{
    return new ClusterPreflightTask(plan, clientsFor(plan), parent);
}

ReviewTask* OnboardingServiceImpl::review(const Plan& plan, QObject* parent)
{
    auto* task = new ClusterReviewTask(plan, clientsFor(plan), m_remoteFactory ? nullptr : ssh(), parent);
    if (m_remoteFactory)
        task->setRemoteFactory(m_remoteFactory);
    return task;
}

ApplyTask* OnboardingServiceImpl::applyCluster(const Plan& plan, QObject* parent)
{
    return new ClusterApplyTask(plan, clientsFor(plan), parent);
}

FleetTask* OnboardingServiceImpl::runFleet(const Plan& plan, const FleetRequest& request, QObject* parent)
{
    auto* task = new ConsoleFleetTask(plan, request, clientsFor(plan), m_remoteFactory ? nullptr : ssh(), m_fleet, parent);
    if (m_remoteFactory)
        task->setRemoteFactory(m_remoteFactory);
    return task;
}

VerifyTask* OnboardingServiceImpl::verify(const Plan& plan, QObject* parent)
{
    return new ClusterVerifyTask(plan, clientsFor(plan), parent);
}

ProbeTask* OnboardingServiceImpl::probeVm(const Plan& plan, const QString& vm, QObject* parent)
{
    // The gateway address the plan names (or the legacy one): the probe checks 15012/15443 from the VM.
    return VmProbeTask::forPlan(ssh(), plan, vm, {}, parent);
}

QAbstractItemModel* OnboardingServiceImpl::fleetModel() const
{
    return m_fleet;
}

QString OnboardingServiceImpl::clusterText(const Plan& plan) const
{
    if (m_client)
        return m_clientDescription.isEmpty() ? tr("connected") : m_clientDescription;
    ClusterSession* session = sessionOf(plan);
    if (!session)
        return tr("not connected to a cluster");
    switch (session->state()) {
    case ClusterSession::State::Loading:
        return tr("reading the kubeconfig…");
    case ClusterSession::State::Failed:
        return tr("not connected: %1").arg(session->error());
    case ClusterSession::State::Ready:
        break;
    }
    return tr("context %1 at %2").arg(session->contextName(), session->server());
}

StatusTask* OnboardingServiceImpl::onboardingStatus(const Plan& plan, QObject* parent)
{
    return new OnboardingStatusTask(plan, clientsFor(plan), parent);
}
