// SPDX-License-Identifier: Apache-2.0
#include "routeshares.h"

#include "graphroutes.h"

#include <QSet>

QHash<QString, double> observedRouteShares(const TrafficGraph& graph, const QString& virtualService,
                                           const QString& clusterDomain)
{
    const QString ns = virtualService.section(u'/', 0, 0);
    QSet<QString> hosts;
    for (const RouteCheck& check : graph.routeChecks) {
        if (check.virtualService == virtualService)
            hosts.insert(routeHostFqdn(check.destinationHost, ns, clusterDomain));
    }
    if (hosts.isEmpty())
        return {};
    // Each caller's rate through the route: what it sent to any of the route's hosts, as
    // applyRouteWeights counts it.
    QHash<QString, double> callerRate;
    for (const GraphEdge& e : graph.edges) {
        if (e.protocol == u"tcp")
            continue;
        for (const QString& host : std::as_const(hosts))
            callerRate[e.source] += e.serviceRates.value(host);
    }
    QHash<QString, double> weighted;
    QHash<QString, double> total;
    for (const RouteCheck& check : graph.routeChecks) {
        const double rate = callerRate.value(check.caller);
        if (check.virtualService != virtualService || rate <= 0)
            continue;
        const QString key = routeShareKey(check.destinationHost, check.subset);
        weighted[key] += check.observedShare * rate;
        total[key] += rate;
    }
    QHash<QString, double> out;
    for (auto it = total.cbegin(); it != total.cend(); ++it)
        out.insert(it.key(), weighted.value(it.key()) / it.value());
    return out;
}
