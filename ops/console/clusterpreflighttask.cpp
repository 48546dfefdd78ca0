// SPDX-License-Identifier: Apache-2.0
#include "clusterpreflighttask.h"

#include "preflightrun.h"

ClusterPreflightTask::ClusterPreflightTask(Plan plan, ClientSource clients, QObject* parent)
    : ConsoleTask(std::move(plan), std::move(clients), parent)
{
}

void ClusterPreflightTask::run()
{
    withClient([this](KubeClient* client) {
        auto* run = new PreflightRun(client, m_plan, this);
        forwardProgress(run);
        connect(run, &Task::finished, this, [this, run](const Error& error) {
            if (!isRunning())
                return;
            m_checks = run->checks();
            finish(error);
        });
        m_inFlight.start(run);
    });
}
