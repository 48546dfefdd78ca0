// SPDX-License-Identifier: Apache-2.0
#include "trafficgraphmodel.h"

#include <QSet>

#include <cmath>

namespace {

// Latencies are NaN when unknown: two unknowns are the same value, or every refresh would
// report every latency-less edge as changed.
bool sameNumber(double a, double b)
{
    return a == b || (std::isnan(a) && std::isnan(b));
}

bool sameRates(const QMap<QString, double>& a, const QMap<QString, double>& b)
{
    if (a.size() != b.size())
        return false;
    for (auto ia = a.cbegin(), ib = b.cbegin(); ia != a.cend(); ++ia, ++ib) {
        if (ia.key() != ib.key() || !sameNumber(ia.value(), ib.value()))
            return false;
    }
    return true;
}

bool sameNode(const GraphNode& a, const GraphNode& b)
{
    return a.id == b.id && a.kind == b.kind && a.namespaceName == b.namespaceName && a.cluster == b.cluster
        && a.app == b.app && a.version == b.version && a.workload == b.workload && a.service == b.service
        && a.isVm == b.isVm && a.podsDesired == b.podsDesired && a.podsReady == b.podsReady
        && a.vmEntries == b.vmEntries && a.vmEntriesHealthy == b.vmEntriesHealthy
        && a.workloadEntries == b.workloadEntries && sameNumber(a.inboundRate, b.inboundRate)
        && sameNumber(a.outboundRate, b.outboundRate) && a.trafficHealth == b.trafficHealth
        && a.instanceHealth == b.instanceHealth && a.health == b.health;
}

bool sameWeight(const std::optional<ConfiguredWeight>& a, const std::optional<ConfiguredWeight>& b)
{
    if (a.has_value() != b.has_value())
        return false;
    if (!a)
        return true;
    return a->virtualService == b->virtualService && a->host == b->host && a->subset == b->subset
        && a->weight == b->weight && sameNumber(a->observedShare, b->observedShare) && a->drift == b->drift;
}

bool sameEdge(const GraphEdge& a, const GraphEdge& b)
{
    return a.source == b.source && a.destination == b.destination && a.protocol == b.protocol
        && a.reporter == b.reporter && sameNumber(a.requestRate, b.requestRate)
        && sameNumber(a.errorRate, b.errorRate) && sameRates(a.responseCodes, b.responseCodes)
        && sameRates(a.serviceRates, b.serviceRates) && sameNumber(a.sharePercent, b.sharePercent)
        && sameNumber(a.p95Ms, b.p95Ms) && sameNumber(a.p99Ms, b.p99Ms)
        && sameNumber(a.tcpBytesPerSecond, b.tcpBytesPerSecond) && a.health == b.health
        && sameWeight(a.configured, b.configured);
}

QString edgeKey(const QString& source, const QString& destination, const QString& protocol)
{
    return source + u'\n' + destination + u'\n' + protocol;
}

QString edgeKey(const GraphEdge& edge)
{
    return edgeKey(edge.source, edge.destination, edge.protocol);
}

// A graph whose ids repeat cannot be diffed by id; GraphBuilder never makes one, but the model
// must not mis-index it if something else does. The keys come back in *nodes and *edges.
bool hasUniqueKeys(const TrafficGraph& graph, QSet<QString>* nodes, QSet<QString>* edges)
{
    nodes->reserve(graph.nodes.size());
    for (const GraphNode& n : graph.nodes)
        nodes->insert(n.id);
    edges->reserve(graph.edges.size());
    for (const GraphEdge& e : graph.edges)
        edges->insert(edgeKey(e));
    return nodes->size() == graph.nodes.size() && edges->size() == graph.edges.size();
}

} // namespace

TrafficGraphModel::TrafficGraphModel(QObject* parent)
    : QObject(parent)
{
}

int TrafficGraphModel::nodeIndex(const QString& id) const
{
    return m_nodeIndex.value(id, -1);
}

int TrafficGraphModel::edgeIndex(const QString& source, const QString& destination, const QString& protocol) const
{
    return m_edgeIndex.value(edgeKey(source, destination, protocol), -1);
}

void TrafficGraphModel::setGraph(const TrafficGraph& graph)
{
    if (!canMerge(graph)) {
        replace(graph);
        return;
    }

    // Existing nodes and edges keep their index (the scene's items and positions hang on it);
    // new ones are appended in the order of the new graph. The whole new state is in place
    // before the first signal, so a slot may look up any node an added edge refers to.
    QList<int> addedNodes, updatedNodes, addedEdges, updatedEdges;
    for (const GraphNode& n : graph.nodes) {
        const int index = m_nodeIndex.value(n.id, -1);
        if (index < 0) {
            m_nodeIndex.insert(n.id, int(m_graph.nodes.size()));
            addedNodes.append(int(m_graph.nodes.size()));
            m_graph.nodes.append(n);
        } else if (!sameNode(m_graph.nodes.at(index), n)) {
            m_graph.nodes[index] = n;
            updatedNodes.append(index);
        }
    }
    for (const GraphEdge& e : graph.edges) {
        const QString key = edgeKey(e);
        const int index = m_edgeIndex.value(key, -1);
        if (index < 0) {
            m_edgeIndex.insert(key, int(m_graph.edges.size()));
            addedEdges.append(int(m_graph.edges.size()));
            m_graph.edges.append(e);
        } else if (!sameEdge(m_graph.edges.at(index), e)) {
            m_graph.edges[index] = e;
            updatedEdges.append(index);
        }
    }
    m_graph.routeChecks = graph.routeChecks;
    m_graph.warnings = graph.warnings;

    for (int i : std::as_const(addedNodes))
        emit nodeAdded(i);
    for (int i : std::as_const(addedEdges))
        emit edgeAdded(i);
    for (int i : std::as_const(updatedNodes))
        emit nodeUpdated(i);
    for (int i : std::as_const(updatedEdges))
        emit edgeUpdated(i);
    emit graphChanged();
}

void TrafficGraphModel::clear()
{
    replace(TrafficGraph{});
}

bool TrafficGraphModel::canMerge(const TrafficGraph& graph) const
{
    QSet<QString> nodes, edges;
    if (graph.type != m_graph.type || !hasUniqueKeys(graph, &nodes, &edges))
        return false;
    // With unique keys in both graphs, "nothing removed" means every current key is still there.
    for (const GraphNode& n : m_graph.nodes) {
        if (!nodes.contains(n.id))
            return false;
    }
    for (const GraphEdge& e : m_graph.edges) {
        if (!edges.contains(edgeKey(e)))
            return false;
    }
    return true;
}

void TrafficGraphModel::replace(const TrafficGraph& graph)
{
    m_graph = graph;
    m_nodeIndex.clear();
    m_edgeIndex.clear();
    // With repeated keys (see hasUniqueKeys) the first one is the one looked up, like
    // TrafficGraph::node().
    for (int i = int(m_graph.nodes.size()) - 1; i >= 0; --i)
        m_nodeIndex.insert(m_graph.nodes.at(i).id, i);
    for (int i = int(m_graph.edges.size()) - 1; i >= 0; --i)
        m_edgeIndex.insert(edgeKey(m_graph.edges.at(i)), i);
    emit reset();
    emit graphChanged();
}
