// SPDX-License-Identifier: Apache-2.0
#include "graphscene.h"

#include "graphitems.h"

#include <QStringList>

#include <cmath>

GraphScene::GraphScene(QObject* parent)
    : QGraphicsScene(parent)
{
}

void GraphScene::setGraph(const TrafficGraph& graph, const GraphLayoutResult& layout)
{
    clear();
    m_nodes.clear();
    m_edges.clear();
    m_nodeIndex.clear();
    m_graph = graph;
    double maxRate = 0;
    for (const GraphEdge& e : graph.edges)
        maxRate = std::max(maxRate, e.protocol == u"tcp" ? e.tcpBytesPerSecond : e.requestRate);
    m_nodes.reserve(graph.nodes.size());
    for (int i = 0; i < graph.nodes.size(); ++i) {
        const GraphNode& node = graph.nodes[i];
        GraphNodeItem* item = GraphStyle::shapeOf(node) == GraphStyle::Shape::Hexagon
            ? new VmNodeItem(i, node, nodeRadius)
            : new GraphNodeItem(i, node, nodeRadius);
        item->setPos(layout.positions.value(i));
        addItem(item);
        m_nodes.append(item);
        m_nodeIndex.insert(node.id, i);
    }
    m_edges.reserve(graph.edges.size());
    for (int i = 0; i < graph.edges.size(); ++i) {
        const GraphEdge& edge = graph.edges[i];
        const double rate = edge.protocol == u"tcp" ? edge.tcpBytesPerSecond : edge.requestRate;
        auto* item = new GraphEdgeItem(i, edge, layout.edgePaths.value(i), GraphStyle::edgeWidth(rate, maxRate), nodeRadius);
        item->setLabelText(GraphStyle::edgeLabel(edge, m_labels));
        addItem(item);
        m_edges.append(item);
    }
    const double margin = 200;
    setSceneRect(layout.bounds.isNull() ? QRectF(-margin, -margin, 2 * margin, 2 * margin)
                                        : layout.bounds.adjusted(-margin, -margin, margin, margin));
}

void GraphScene::setEdgeLabels(const GraphStyle::EdgeLabels& labels)
{
    m_labels = labels;
    for (GraphEdgeItem* item : std::as_const(m_edges))
        item->setLabelText(GraphStyle::edgeLabel(m_graph.edges[item->index()], labels));
    update();
}

GraphNodeItem* GraphScene::nodeItem(const QString& id) const
{
    const int i = m_nodeIndex.value(id, -1);
    return i >= 0 ? m_nodes[i] : nullptr;
}

QString GraphScene::selectionDetails() const
{
    const QList<QGraphicsItem*> selected = selectedItems();
    if (selected.isEmpty())
        return {};
    QGraphicsItem* item = selected.first();
    if (item->type() == GraphEdgeItem::Type)
        return edgeDetails(m_graph.edges[static_cast<GraphEdgeItem*>(item)->index()]);
    if (item->type() == GraphNodeItem::Type || item->type() == VmNodeItem::Type)
        return nodeDetails(m_graph.nodes[static_cast<GraphNodeItem*>(item)->index()]);
    return {};
}

QString GraphScene::nodeDetails(const GraphNode& n) const
{
    QStringList lines{GraphStyle::nodeLabel(n), u"id: "_qs + n.id, u"namespace: "_qs + n.namespaceName};
    if (n.isVm) {
        lines.append(n.isMixed() ? u"runs on: VMs and pods"_qs : u"runs on: VMs"_qs);
        lines.append(u"WorkloadEntries: %1 healthy of %2"_qs.arg(n.vmEntriesHealthy).arg(n.vmEntries));
        for (const QString& we : n.workloadEntries)
            lines.append(u"  "_qs + we);
    }
    if (n.podsDesired > 0)
        lines.append(u"pods: %1 ready of %2"_qs.arg(n.podsReady).arg(n.podsDesired));
    lines.append(u"inbound: %1 rps"_qs.arg(n.inboundRate, 0, 'f', 2));
    lines.append(u"outbound: %1 rps"_qs.arg(n.outboundRate, 0, 'f', 2));
    lines.append(u"health: %1 (traffic %2, instances %3)"_qs.arg(healthName(n.health), healthName(n.trafficHealth),
                                                                 healthName(n.instanceHealth)));
    return lines.join(u'\n');
}

QString GraphScene::edgeDetails(const GraphEdge& e) const
{
    auto label = [&](const QString& id) {
        const GraphNode* n = m_graph.node(id);
        return n ? GraphStyle::nodeLabel(*n) : id;
    };
    QStringList lines{u"%1 → %2 (%3)"_qs.arg(label(e.source), label(e.destination), e.protocol),
                      u"rate: "_qs + GraphStyle::rateText(e)};
    if (e.protocol != u"tcp") {
        lines.append(u"errors: %1%"_qs.arg(e.errorPercent(), 0, 'f', 2));
        lines.append(u"share of caller's traffic: %1%"_qs.arg(e.sharePercent, 0, 'f', 1));
        lines.append(u"p95: %1  p99: %2"_qs.arg(std::isnan(e.p95Ms) ? u"-"_qs : u"%1 ms"_qs.arg(e.p95Ms, 0, 'f', 1),
                                                 std::isnan(e.p99Ms) ? u"-"_qs : u"%1 ms"_qs.arg(e.p99Ms, 0, 'f', 1)));
    }
    if (e.configured) {
        const ConfiguredWeight& c = *e.configured;
        lines.append(u"configured weight: %1% (%2, subset %3)"_qs.arg(c.weight).arg(c.virtualService, c.subset));
        lines.append(u"observed share: %1%%2"_qs.arg(c.observedShare, 0, 'f', 1)
                         .arg(c.drift ? u" — DRIFT from the configured weight"_qs : QString()));
    }
    lines.append(u"health: "_qs + healthName(e.health) + u", reporter: "_qs + e.reporter);
    return lines.join(u'\n');
}
