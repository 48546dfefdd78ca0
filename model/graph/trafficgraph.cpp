// SPDX-License-Identifier: Apache-2.0
#include "trafficgraph.h"

GraphHealth worse(GraphHealth a, GraphHealth b)
{
    return static_cast<int>(a) >= static_cast<int>(b) ? a : b;
}

QString healthName(GraphHealth health)
{
    switch (health) {
    case GraphHealth::NotAvailable: return u"NA"_qs;
    case GraphHealth::Healthy: return u"Healthy"_qs;
    case GraphHealth::NotReady: return u"Not Ready"_qs;
    case GraphHealth::Degraded: return u"Degraded"_qs;
    case GraphHealth::Failure: return u"Failure"_qs;
    }
    return {};
}

const GraphNode* TrafficGraph::node(const QString& id) const
{
    for (const GraphNode& n : nodes) {
        if (n.id == id)
            return &n;
    }
    return nullptr;
}

const GraphEdge* TrafficGraph::edge(const QString& source, const QString& destination, const QString& protocol) const
{
    for (const GraphEdge& e : edges) {
        if (e.source == source && e.destination == destination && e.protocol == protocol)
            return &e;
    }
    return nullptr;
}

QList<const GraphEdge*> TrafficGraph::edgesFrom(const QString& source) const
{
    QList<const GraphEdge*> result;
    for (const GraphEdge& e : edges) {
        if (e.source == source)
            result.append(&e);
    }
    return result;
}
