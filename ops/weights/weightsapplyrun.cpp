// SPDX-License-Identifier: Apache-2.0
#include "weightsapplyrun.h"

#include "applyrun.h"
#include "kubeclient.h"
#include "objectref.h"
#include "operror.h"
#include "weightedroutes.h"

WeightsApplyRun::WeightsApplyRun(KubeClient* client, Plan plan, WeightedRoute route, QList<int> weights, QObject* parent)
    : WeightsRun(client, std::move(plan), std::move(route), std::move(weights), parent)
{
}

void WeightsApplyRun::run()
{
    if (!m_client) {
        finish(invalid(tr("Not connected to a cluster: connect first, then apply.")));
        return;
    }
    const QJsonObject desired = WeightedRoutes::proposedVirtualService(m_plan, m_route, m_weights);
    if (desired.isEmpty()) {
        finish(invalid(tr("The weights do not fit route %1.").arg(m_route.key())));
        return;
    }
    setProgress(0, 2, tr("Reading VirtualService %1/%2").arg(m_route.namespaceName, m_route.virtualService));
    readLive(desired, [this](const QJsonObject& live) { applyOver(live); });
}

void WeightsApplyRun::applyOver(const QJsonObject& live)
{
    const std::optional<WeightedRoute> now = WeightedRoutes::refreshed(m_route, live, m_plan);
    const QJsonObject desired = now ? WeightedRoutes::proposedVirtualService(m_plan, *now, m_weights) : QJsonObject{};
    if (desired.isEmpty()) {
        finish(invalid(tr("VirtualService %1/%2 changed in the cluster since it was read: refresh and try again.")
                           .arg(m_route.namespaceName, m_route.virtualService)));
        return;
    }
    setProgress(1, 2, tr("Applying VirtualService %1/%2").arg(m_route.namespaceName, m_route.virtualService));
    Resource resource;
    resource.object = desired;
    resource.stage = Stage::TrafficSplit;
    resource.origin = now->planSplit >= 0 ? u"trafficSplits[%1]"_qs.arg(now->planSplit) : QString();
    ApplyRun::Options options;
    options.diff = true;
    options.force = true; // see the class comment
    auto* run = new ApplyRun(m_client, {resource}, options, this);
    connect(run, &Task::finished, this, [this, run](const Error& error) {
        for (const ApplyRun::Step& step : run->steps()) {
            QString outcome;
            switch (step.outcome) {
            case ApplyRun::Outcome::Created: outcome = tr("created"); break;
            case ApplyRun::Outcome::Configured: outcome = tr("configured"); break;
            case ApplyRun::Outcome::Unchanged: outcome = tr("unchanged"); break;
            case ApplyRun::Outcome::Failed: outcome = tr("failed"); break;
            }
            m_changes << step.object + u' ' + outcome;
            m_changes << step.changes;
        }
        run->deleteLater();
        if (!error.isError())
            setProgress(2, 2, tr("Applied"));
        finish(error);
    });
    m_inFlight.start(run);
}
