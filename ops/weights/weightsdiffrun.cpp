// SPDX-License-Identifier: Apache-2.0
#include "weightsdiffrun.h"

#include "kubeclient.h"
#include "objectref.h"
#include "operror.h"
#include "weightedroutes.h"
#include "yamlwriter.h"

namespace {

Error invalid(const QString& message)
{
    Error error;
    error.kind = Error::Kind::InvalidInput;
    error.message = message;
    return error;
}

} // namespace

WeightsDiffRun::WeightsDiffRun(KubeClient* client, Plan plan, WeightedRoute route, QList<int> weights, QObject* parent)
    : WeightsDiffTask(parent)
    , m_client(client)
    , m_plan(std::move(plan))
    , m_route(std::move(route))
    , m_weights(std::move(weights))
{
}

void WeightsDiffRun::run()
{
    if (!m_client) {
        compare({});
        return;
    }
    const QJsonObject desired = WeightedRoutes::proposedVirtualService(m_plan, m_route, m_weights);
    KubeOperation* op = m_client->get(ObjectRef::of(desired.isEmpty() ? m_route.live : desired));
    connect(op, &KubeOperation::finished, this, [this](const KubeResult& result) {
        if (result.ok())
            compare(result.json);
        else if (result.httpStatus == 404)
            compare({});
        else
            finish(toError(result.error));
    });
    m_inFlight.start(op);
}

void WeightsDiffRun::abort()
{
    m_inFlight.cancelAll();
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
