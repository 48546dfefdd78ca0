// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "consoletask.h"
#include "onboardingservice.h"
#include "onboardstate.h"
#include "plan.h"

#include <QPointer>

#include <functional>

class SshContext;
class VmRemote;

/*!
 * OnboardingService::review(): every kubectl resource of the plan against the live cluster
 * (StatusRun: Drift's differences, Secret values masked) with the YAML apply sends, and each VM's
 * planned steps from a dry-run FleetRun (the steps' pure decide(): Done = would run, Skipped,
 * Failed with the reason). Both in flight together; differences and failing VMs are results.
 */
class ClusterReviewTask final : public ConsoleTask<ReviewTask>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterReviewTask)
public:
    using RemoteFactory = std::function<VmRemote*(const QString& vm)>;

    ClusterReviewTask(Plan plan, ClientSource clients, SshContext* ssh, QObject* parent = nullptr);
    ~ClusterReviewTask() override;
    void setRemoteFactory(RemoteFactory factory) { m_remoteFactory = std::move(factory); }

    QList<ObjectDiff> objects() const override { return m_objects; }
    QList<VmStepPlan> vmSteps() const override { return m_steps; }

private:
    void run() override;
    void startStatus(KubeClient* client);
    void startDryRun(KubeClient* client);
    void partDone();

    QPointer<SshContext> m_ssh;
    RemoteFactory m_remoteFactory;
    OnboardState m_state;
    QList<ObjectDiff> m_objects;
    QList<VmStepPlan> m_steps;
    int m_pending = 0;
    Error m_error;
};
