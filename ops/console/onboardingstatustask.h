// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "consoletask.h"
#include "onboardingservice.h"
#include "plan.h"

/*!
 * OnboardingService::onboardingStatus(): the plan's state file (which VMs have every onboarding
 * step done, which failed) and a quick StatusRun (objects in sync, healthy WorkloadEntries). No
 * cluster is a status too (clusterAnswered false, error says why): finished() carries Error{}
 * unless the state file cannot be read.
 */
class OnboardingStatusTask final : public ConsoleTask<StatusTask>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OnboardingStatusTask)
public:
    OnboardingStatusTask(Plan plan, ClientSource clients, QObject* parent = nullptr);
    OnboardingStatus status() const override { return m_status; }

private:
    void run() override;
    bool readState();

    OnboardingStatus m_status;
};
