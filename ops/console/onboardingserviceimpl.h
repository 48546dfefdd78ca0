// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clientsource.h"
#include "kubeclient.h"
#include "onboardingservice.h"
#include "sshcontext.h"

#include <QPointer>

#include <functional>
#include <optional>

class ClusterSession;
class ClusterSessions;
class FleetModel;
class KubeClient;
class VmRemote;

/*!
 * The onboarding as ops/ does it (OnboardingService): each task an adapter over the cluster runs
 * (PreflightRun, ApplyRun, StatusRun) and the fleet (FleetRun), on the cluster client of the
 * moment, and the VMs' ssh through one SshContext (askpass through this binary, as the CLI's).
 *
 * Which cluster: the client given by setKubeClient(), else the session given by setSession(),
 * else the plan's session from ClusterSessions (sessionFor(plan), as app/livegraphs.cpp does).
 * Changing either emits connectionChanged().
 *
 * The service owns the FleetModel every fleet run is attached to (fleetModel()).
 */
class OnboardingServiceImpl final : public OnboardingService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OnboardingServiceImpl)
public:
    using RemoteFactory = std::function<VmRemote*(const QString& vm)>;

    /*! sessions: borrowed, may be null (then only setKubeClient/setSession give a cluster). */
    explicit OnboardingServiceImpl(ClusterSessions* sessions, QObject* parent = nullptr);
    ~OnboardingServiceImpl() override;

    /*! The connection service's hook: this client from now on (nullptr: back to the sessions). */
    void setKubeClient(KubeClient* client, const QString& description = {});
    /*! The connection service's hook: this session's client from now on (nullptr: back to the sessions). */
    void setSession(ClusterSession* session);
    /*! How ssh runs (default: the user's config, askpass through this program). Before the first fleet task. */
    void setSshOptions(const SshOptions& options);
    /*! Tests: how each VM is reached by fleet and review tasks (FleetRun::setRemoteFactory). */
    void setRemoteFactory(RemoteFactory factory) { m_remoteFactory = std::move(factory); }

    FleetModel* fleet() const { return m_fleet; }

    bool isConnected() const override;
    PreflightTask* preflight(const Plan& plan, QObject* parent) override;
    ReviewTask* review(const Plan& plan, QObject* parent) override;
    ApplyTask* applyCluster(const Plan& plan, QObject* parent) override;
    FleetTask* runFleet(const Plan& plan, const FleetRequest& request, QObject* parent) override;
    VerifyTask* verify(const Plan& plan, QObject* parent) override;
    ProbeTask* probeVm(const Plan& plan, const QString& vm, QObject* parent) override;
    QAbstractItemModel* fleetModel() const override;
    QString clusterText(const Plan& plan) const override;
    StatusTask* onboardingStatus(const Plan& plan, QObject* parent) override;

private:
    ClientSource clientsFor(const Plan& plan);
    ClusterSession* sessionOf(const Plan& plan) const;
    SshContext* ssh();

    QPointer<ClusterSessions> m_sessions;
    QPointer<ClusterSession> m_session;
    QPointer<KubeClient> m_client;
    QString m_clientDescription;
    std::optional<SshOptions> m_sshOptions;
    SshContext* m_ssh = nullptr;
    FleetModel* m_fleet;
    RemoteFactory m_remoteFactory;
};
