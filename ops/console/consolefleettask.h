// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "consoletask.h"
#include "onboardingservice.h"
#include "onboardstate.h"
#include "packagesource.h"
#include "plan.h"

#include <QPointer>

#include <functional>
#include <memory>

class FleetModel;
class FleetRun;
class SshContext;
class VmRemote;

/*!
 * OnboardingService::runFleet(): a FleetRun over the plan's state file, attached to the service's
 * FleetModel (seeded from the plan and the state file first), its questions (host keys, ssh
 * passwords, sudo) passed on as question(). A local package file is read (PackageFileRead) first.
 * Onboarding needs the cluster; offboarding goes without one (the WorkloadEntries stay). A run
 * that writes the state file holds its OnboardStateLock until it finishes: a second run on the
 * plan, here or from the command line, is refused (security review M8).
 */
class ConsoleFleetTask final : public ConsoleTask<FleetTask>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ConsoleFleetTask)
public:
    using RemoteFactory = std::function<VmRemote*(const QString& vm)>;

    ConsoleFleetTask(Plan plan, FleetRequest request, ClientSource clients, SshContext* ssh, FleetModel* model,
                     QObject* parent = nullptr);
    ~ConsoleFleetTask() override;

    /*! Tests: how each VM is reached (FleetRun::setRemoteFactory). */
    void setRemoteFactory(RemoteFactory factory) { m_remoteFactory = std::move(factory); }

    QStringList failedVms() const override { return m_failed; }
    /*! The run's notes (state file trouble, cluster cleanup). */
    QStringList notes() const { return m_notes; }

private:
    void run() override;
    void withPackage(std::function<void(const PackageSource&)> then);
    void startTokenRefresh(KubeClient* client);
    void startFleet(KubeClient* client, const PackageSource& package);

    FleetRequest m_request;
    QPointer<SshContext> m_ssh;
    QPointer<FleetModel> m_model;
    RemoteFactory m_remoteFactory;
    OnboardState m_state;
    std::unique_ptr<OnboardStateLock> m_stateLock; //!< held from run() until this task finishes
    QStringList m_failed;
    QStringList m_notes;
};
