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

// The edges that carried each destination host, by caller: built once per graph so that a
// route costs the edges of its own hosts, not the whole graph (10,000-node meshes have hundreds
// of routes and 40,000 edges).
struct RouteIndex
{
    QHash<QString, int> nodeIndex;
    QHash<QString, QHash<QString, QList<int>>> edgesByHost; // fqdn -> caller -> edge indices
};

RouteIndex indexGraph(const TrafficGraph& graph)
{
    RouteIndex index;
    index.nodeIndex.reserve(graph.nodes.size());
    for (int i = 0; i < graph.nodes.size(); ++i)
        index.nodeIndex.insert(graph.nodes[i].id, i);
    for (int i = 0; i < graph.edges.size(); ++i) {
        const GraphEdge& e = graph.edges[i];
        if (e.protocol == u"tcp")
            continue;
        for (auto it = e.serviceRates.cbegin(); it != e.serviceRates.cend(); ++it)
            index.edgesByHost[it.key()][e.source].append(i);
    }
    return index;
}

void checkRoute(TrafficGraph& graph, const RouteIndex& index, const GraphInventory& inventory,
                const VirtualServiceRoute& route, double tolerance)
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
    for (const QString& fqdn : std::as_const(hosts)) {
        const auto byCaller = index.edgesByHost.constFind(fqdn);
        if (byCaller == index.edgesByHost.cend())
            continue;
        for (auto c = byCaller->cbegin(); c != byCaller->cend(); ++c) {
            for (const int i : c.value())
                callers[c.key()] += graph.edges[i].serviceRates.value(fqdn);
        }
    }
    for (const RouteDestination& d : route.destinations) {
        const QString fqdn = routeHostFqdn(d.host, route.namespaceName, inventory.clusterDomain);
        const int weight = effectiveWeight(route, d);
        const QHash<QString, QList<int>> byCaller = index.edgesByHost.value(fqdn);
        for (auto caller = callers.cbegin(); caller != callers.cend(); ++caller) {
            QList<GraphEdge*> governed;
            double reached = 0;
            for (const int i : byCaller.value(caller.key())) {
                GraphEdge& e = graph.edges[i];
                const int target = index.nodeIndex.value(e.destination, -1);
                if (target < 0 || !inSubset(graph.nodes[target], d))
                    continue;
                governed.append(&e);
                reached += e.serviceRates.value(fqdn);
            }
            RouteCheck check{caller.key(), d.host, vsName, d.subset, weight, 0, false};
            check.observedShare = caller.value() > 0 ? reached / caller.value() * 100.0 : 0.0;
            check.drift = weightDrifts(check.observedShare, weight, tolerance);
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
    if (inventory.routes.isEmpty())
        return;
    const RouteIndex index = indexGraph(graph);
    for (const VirtualServiceRoute& route : inventory.routes)
        checkRoute(graph, index, inventory, route, tolerance);
}

bool weightDrifts(double observedShare, int weight, double tolerance)
{
    return std::abs(observedShare - weight) > tolerance;
}
