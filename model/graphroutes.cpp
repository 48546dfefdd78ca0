// SPDX-License-Identifier: Apache-2.0
#include "graphroutes.h"

#include "graphbuilder.h"

#include <QHash>

#include <cmath>

QString routeHostFqdn(const QString& host, const QString& namespaceName, const QString& clusterDomain)
{
    const qsizetype dots = host.count(u'.');
    if (dots == 0)
        return host + u'.' + namespaceName + u".svc."_qs + clusterDomain;
    if (dots == 1)
        return host + u".svc."_qs + clusterDomain;
    if (host.endsWith(u".svc"))
        return host + u'.' + clusterDomain;
    return host;
}

namespace {

/*! Does a destination node belong to a route destination's subset? Only app and version
 *  labels are known for nodes; other subset labels cannot be checked and are ignored. */
bool inSubset(const GraphNode& node, const RouteDestination& destination)
{
    for (auto it = destination.subsetLabels.begin(); it != destination.subsetLabels.end(); ++it) {
        if (it.key() == u"version" && it.value() != node.version)
            return false;
        if (it.key() == u"app" && it.value() != node.app)
            return false;
    }
    return true;
}

int effectiveWeight(const VirtualServiceRoute& route, const RouteDestination& destination)
{
    // Istio: a single destination without a weight gets all the traffic.
    return route.destinations.size() == 1 && destination.weight == 0 ? 100 : destination.weight;
}

void checkRoute(TrafficGraph& graph, const GraphInventory& inventory, const VirtualServiceRoute& route,
                double tolerance)
{
    const QString vsName = route.namespaceName + u'/' + route.name;
    // What each caller sends through this route: its rate to all of the route's destination
    // hosts together. Istio labels a request with the host it was routed to, so a split between
    // two Services (pods behind one, the VM behind the other) shows up as traffic to both, and
    // each destination's share is its part of that sum, not of its own host's traffic.
    QStringList hosts;
    for (const RouteDestination& d : route.destinations) {
        const QString fqdn = routeHostFqdn(d.host, route.namespaceName, inventory.clusterDomain);
        if (!hosts.contains(fqdn))
            hosts.append(fqdn);
    }
    QHash<QString, double> callers; // caller -> rate through the route
    for (const GraphEdge& e : std::as_const(graph.edges)) {
        if (e.protocol == u"tcp")
            continue;
        for (const QString& fqdn : std::as_const(hosts)) {
            if (e.serviceRates.contains(fqdn))
                callers[e.source] += e.serviceRates.value(fqdn);
        }
    }
    for (const RouteDestination& d : route.destinations) {
        const QString fqdn = routeHostFqdn(d.host, route.namespaceName, inventory.clusterDomain);
        const int weight = effectiveWeight(route, d);
        for (auto caller = callers.cbegin(); caller != callers.cend(); ++caller) {
            QList<GraphEdge*> governed;
            double reached = 0;
            for (GraphEdge& e : graph.edges) {
                const GraphNode* target = graph.node(e.destination);
                if (e.source != caller.key() || e.protocol == u"tcp" || !e.serviceRates.contains(fqdn) || !target
                    || !inSubset(*target, d)) {
                    continue;
                }
                governed.append(&e);
                reached += e.serviceRates.value(fqdn);
            }
            RouteCheck check{caller.key(), d.host, vsName, d.subset, weight, 0, false};
            check.observedShare = caller.value() > 0 ? reached / caller.value() * 100.0 : 0.0;
            check.drift = std::abs(check.observedShare - weight) > tolerance;
            graph.routeChecks.append(check);
            for (GraphEdge* e : governed) {
                if (!e->configured)
                    e->configured = ConfiguredWeight{vsName, d.host, d.subset, weight, check.observedShare, check.drift};
            }
        }
    }
}

} // namespace

void applyRouteWeights(TrafficGraph& graph, const GraphInventory& inventory, double tolerance)
{
    for (const VirtualServiceRoute& route : inventory.routes)
        checkRoute(graph, inventory, route, tolerance);
}
