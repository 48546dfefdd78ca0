// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "graphfilter.h"
#include "graphlayout.h"
#include "graphsource.h"
#include "graphstyle.h"
#include "trafficgraph.h"
#include "trafficgraphmodel.h"

#include <QGraphicsScene>
#include <QHash>
#include <QPointer>

#include <optional>

class GraphNodeItem;
class GraphEdgeItem;
class GraphBoxItem;

/*!
 * Mirrors a TrafficGraphModel as items (house style §4): one node item per node (VmNodeItem
 * for VMs), one edge item per edge.
 *
 *  - reset(): every item goes, and a layered layout of the new graph runs in QtConcurrent;
 *  - nodeAdded/edgeAdded: a new layout runs, but the nodes already shown stay where they are
 *    (new ones are placed next to a neighbour already shown);
 *  - nodeUpdated/edgeUpdated: the item takes the new values in place, no layout.
 *
 * A layout result that a newer layout overtook is dropped (job id). Nodes are movable; a moved
 * node is pinned, and pinned positions (also the saved ones, setPinnedPositions()) win over
 * computed ones. Edges keep their layout bends until one of their nodes moves, then they run
 * straight. The topology changes rarely, so the BSP index stays on; the scene rect is set from
 * the layout (itemsBoundingRect() is slow on big scenes).
 */
class GraphScene final : public QGraphicsScene
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphScene)

public:
    explicit GraphScene(QObject* parent = nullptr);
    ~GraphScene() override;

    /*! Mirrors model (borrowed); the scene empties and lays the model's graph out anew. */
    void setModel(TrafficGraphModel* model);
    TrafficGraphModel* model() const { return m_model; }
    const TrafficGraph& graph() const;

    /*! The id of the last layout started; layoutFinished() reports it when it is applied. */
    quint64 layoutJob() const { return m_job; }
    bool isLayoutPending() const { return m_applied != m_job; }
    /*! The last layout applied placed every node (a new graph), not only added ones. */
    bool lastLayoutWasFull() const { return m_lastFull; }

    void setEdgeLabels(const GraphStyle::EdgeLabels& labels);
    GraphStyle::EdgeLabels edgeLabels() const { return m_labels; }

    const QList<GraphNodeItem*>& nodeItems() const { return m_nodes; }
    const QList<GraphEdgeItem*>& edgeItems() const { return m_edges; }
    /*! The namespace and cluster/network boxes, following the nodes' current positions. */
    const QList<GraphBoxItem*>& boxItems() const { return m_boxes; }
    GraphNodeItem* nodeItem(const QString& id) const;

    /*! Node id -> position, applied now and over every later layout. */
    void setPinnedPositions(const QHash<QString, QPointF>& positions);
    /*! The saved positions given, plus every node the user moved since. */
    QHash<QString, QPointF> pinnedPositions() const { return m_pinned; }
    /*! Emits positionsEdited() when a node was moved since the last call (mouse release). */
    void commitMoves();

    /*! Highlights the matching nodes or edges and dims the rest; empty = nothing dimmed. */
    void setFindFilter(const GraphFilter& filter);
    /*! Hides matching nodes (with their edges) or matching edges. */
    void setHideFilter(const GraphFilter& filter);
    /*! Visible items find matched. */
    int foundCount() const { return m_found; }
    /*! The bounding rect of the visible items (what an export shows). */
    QRectF visibleItemsRect() const;

    /*! The metrics of the selected node or edge, for the side panel; empty without a selection. */
    QString selectionDetails() const;
    /*! The selected node or edge as a series target (target, ids, protocol, type); nullopt without. */
    std::optional<SeriesRequest> selectionSeriesTarget() const;

    /*! Called by a node item whose position changed. */
    void nodeItemMoved(GraphNodeItem* item);

    static constexpr double nodeRadius = 20;

signals:
    /*! The scene now shows the layout of job (overtaken jobs never report). */
    void layoutFinished(quint64 job);
    /*! The user moved nodes: pinnedPositions() changed. */
    void positionsEdited();

protected:
    void mouseReleaseEvent(QGraphicsSceneMouseEvent* event) override;

private:
    void onReset();
    void onNodeUpdated(int index);
    void onEdgeUpdated(int index);
    void onGraphChanged();
    void clearItems();
    void startLayout();
    /*! ends: per edge, its nodes' indices, as layoutInput() gave them to the layout. */
    void applyLayout(const GraphLayoutResult& layout, const QList<LayoutEdge>& ends);
    QPointF placeNew(int node, const GraphLayoutResult& layout, int shownNodes) const;
    GraphNodeItem* createNodeItem(int index);
    void updateEdgeItem(int index);
    void reroute(int edge);
    void updateSceneRect(const QRectF& bounds);
    void updateBoxes();
    void applyFilters();
    double edgeRate(const GraphEdge& edge) const;
    /*! A health state as the details pane and tooltips say it (translated). */
    static QString healthText(GraphHealth health);
    QString nodeDetails(const GraphNode& node) const;
    QString edgeDetails(const GraphEdge& edge) const;

    QPointer<TrafficGraphModel> m_model;
    GraphStyle::EdgeLabels m_labels;
    QList<GraphNodeItem*> m_nodes;
    QList<GraphEdgeItem*> m_edges;
    QList<GraphBoxItem*> m_boxes;
    QList<LayoutEdge> m_ends;            //!< per edge: node indices (-1 for an unknown node)
    QList<QList<QPointF>> m_paths;       //!< per edge: its layout route when it was placed
    QList<QPointF> m_placed;             //!< per node: where the layout put it (before pins)
    QList<QList<int>> m_nodeEdges;       //!< per node: its edges
    QHash<QString, QPointF> m_pinned;
    GraphFilter m_find;
    GraphFilter m_hide;
    int m_found = 0;
    double m_maxRate = 0;
    quint64 m_job = 0;
    quint64 m_applied = 0;
    bool m_layoutNeeded = false;
    bool m_fullLayout = true; //!< the next layout places every node (after a reset)
    bool m_lastFull = false;
    bool m_applying = false;  //!< moves are the layout's, not the user's
    bool m_moved = false;
};
