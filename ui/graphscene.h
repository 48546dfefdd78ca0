// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "graphlayout.h"
#include "graphstyle.h"
#include "trafficgraph.h"

#include <QGraphicsScene>
#include <QHash>

class GraphNodeItem;
class GraphEdgeItem;

/*!
 * Mirrors a TrafficGraph and its layout as items: one node item per node (VmNodeItem for VMs),
 * one edge item per edge. The topology changes only on a new graph, so the BSP index stays on;
 * the scene rect is fixed to the layout (itemsBoundingRect() is slow on big scenes).
 */
class GraphScene final : public QGraphicsScene
{
    Q_OBJECT

public:
    explicit GraphScene(QObject* parent = nullptr);

    /*! Replaces every item. layout must come from layoutLayered(layoutInput(graph)). */
    void setGraph(const TrafficGraph& graph, const GraphLayoutResult& layout);
    const TrafficGraph& graph() const { return m_graph; }

    void setEdgeLabels(const GraphStyle::EdgeLabels& labels);
    GraphStyle::EdgeLabels edgeLabels() const { return m_labels; }

    const QList<GraphNodeItem*>& nodeItems() const { return m_nodes; }
    const QList<GraphEdgeItem*>& edgeItems() const { return m_edges; }
    GraphNodeItem* nodeItem(const QString& id) const;

    /*! The metrics of the selected node or edge, for the side panel; empty without a selection. */
    QString selectionDetails() const;

    static constexpr double nodeRadius = 20;

private:
    QString nodeDetails(const GraphNode& node) const;
    QString edgeDetails(const GraphEdge& edge) const;

    TrafficGraph m_graph;
    GraphStyle::EdgeLabels m_labels;
    QList<GraphNodeItem*> m_nodes;
    QList<GraphEdgeItem*> m_edges;
    QHash<QString, int> m_nodeIndex;
};
