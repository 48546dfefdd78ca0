// SPDX-License-Identifier: Apache-2.0
#include "clusterpreflighttask.h"

#include "preflightrun.h"

ClusterPreflightTask::ClusterPreflightTask(Plan plan, ClientSource clients, QObject* parent)
    : PreflightTask(parent)
    , m_plan(std::move(plan))
    , m_clients(std::move(clients))
{
}

void ClusterPreflightTask::run()
{
    m_clients(this, [this](KubeClient* client, const QString& error) {
        if (!isRunning())
            return;
        if (!client) {
            finish(Error::make(Error::Kind::KubernetesUnreachable, error));
            return;
        }
        auto* run = new PreflightRun(client, m_plan, this);
        connect(run, &Task::progress, this, [this](int done, int total, const QString& activity) {
            if (isRunning())
                setProgress(done, total, activity);
        });
        connect(run, &Task::finished, this, [this, run](const Error& error) {
            if (!isRunning())
                return;
            m_checks = run->checks();
            finish(error);
        });
        m_inFlight.start(run);
    });
}

void ClusterPreflightTask::abort()
{
    m_inFlight.cancelAll();
}
