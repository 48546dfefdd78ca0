// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clientsource.h"
#include "inflight.h"
#include "onboardingservice.h"
#include "plan.h"

/*!
 * OnboardingService::applyCluster(): the plan's kubectl resources (generateOffline) through
 * ApplyRun in order, each outcome reported as objectApplied() as it happens.
 */
class ClusterApplyTask final : public ApplyTask
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterApplyTask)
public:
    ClusterApplyTask(Plan plan, ClientSource clients, QObject* parent = nullptr);
    QList<AppliedObject> objects() const override { return m_objects; }

private:
    void run() override;
    void abort() override;

    Plan m_plan;
    ClientSource m_clients;
    QList<AppliedObject> m_objects;
    InFlight m_inFlight;
};
