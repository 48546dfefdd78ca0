// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "consoletask.h"
#include "onboardingservice.h"
#include "plan.h"

/*! OnboardingService::preflight(): PreflightRun on the client of the moment, its checks kept. */
class ClusterPreflightTask final : public ConsoleTask<PreflightTask>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterPreflightTask)
public:
    ClusterPreflightTask(Plan plan, ClientSource clients, QObject* parent = nullptr);
    QList<PreflightCheck> checks() const override { return m_checks; }

private:
    void run() override;

    QList<PreflightCheck> m_checks;
};
