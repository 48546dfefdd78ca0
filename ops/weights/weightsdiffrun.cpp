// SPDX-License-Identifier: Apache-2.0
#include "weightsdiffrun.h"

#include "kubeclient.h"
#include "objectref.h"
#include "operror.h"
#include "weightedroutes.h"
#include "yamlwriter.h"

WeightsDiffRun::WeightsDiffRun(KubeClient* client, Plan plan, WeightedRoute route, QList<int> weights, QObject* parent)
    : WeightsRun(client, std::move(plan), std::move(route), std::move(weights), parent)
{
}

void WeightsDiffRun::run()
{
    if (!m_client) {
        compare({});
        return;
    }
    const QJsonObject desired = WeightedRoutes::proposedVirtualService(m_plan, m_route, m_weights);
    readLive(desired.isEmpty() ? m_route.live : desired, [this](const QJsonObject& live) { compare(live); });
}

void WeightsDiffRun::compare(const QJsonObject& live)
{
    const std::optional<WeightedRoute> now = WeightedRoutes::refreshed(m_route, live, m_plan);
    if (!now) {
        finish(invalid(tr("VirtualService %1/%2 changed in the cluster since it was read: refresh and try again.")
                         .arg(m_route.namespaceName, m_route.virtualService)));
        return;
    }
    const QJsonObject desired = WeightedRoutes::proposedVirtualService(m_plan, *now, m_weights);
    if (desired.isEmpty()) {
        finish(invalid(tr("The weights do not fit route %1.").arg(m_route.key())));
        return;
    }
    if (!now->inCluster() && m_client)
        m_lines << tr("VirtualService %1/%2 is not in the cluster: it will be created.")
                       .arg(m_route.namespaceName, m_route.virtualService);
    m_lines << WeightedRoutes::weightChanges(*now, m_weights);
    m_yaml = YamlWriter::toYaml(desired);
    finish();
}
