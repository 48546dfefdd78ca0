// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clientsource.h"
#include "inflight.h"
#include "onboardingservice.h"
#include "plan.h"

/*! OnboardingService::preflight(): PreflightRun on the client of the moment, its checks kept. */
class ClusterPreflightTask final : public PreflightTask
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterPreflightTask)
public:
    ClusterPreflightTask(Plan plan, ClientSource clients, QObject* parent = nullptr);
    QList<PreflightCheck> checks() const override { return m_checks; }

private:
    void run() override;
    void abort() override;

    Plan m_plan;
    ClientSource m_clients;
    QList<PreflightCheck> m_checks;
    InFlight m_inFlight;
};
