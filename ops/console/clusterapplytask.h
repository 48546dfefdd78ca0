// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "consoletask.h"
#include "onboardingservice.h"
#include "plan.h"

/*!
 * OnboardingService::applyCluster(): the plan's kubectl resources (generateOffline) through
 * ApplyRun in order, each outcome reported as objectApplied() as it happens.
 */
class ClusterApplyTask final : public ConsoleTask<ApplyTask>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterApplyTask)
public:
    ClusterApplyTask(Plan plan, ClientSource clients, QObject* parent = nullptr);
    QList<AppliedObject> objects() const override { return m_objects; }

private:
    void run() override;

    QList<AppliedObject> m_objects;
};
