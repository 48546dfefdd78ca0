// SPDX-License-Identifier: Apache-2.0
#include "graphscene.h"

#include "graphgroups.h"
#include "graphitems.h"
#include "trafficgraphmodel.h"

#include <QGraphicsSceneMouseEvent>
#include <QScopedValueRollback>
#include <QStringList>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <utility>

namespace {

const TrafficGraph emptyGraph;
constexpr double sceneMargin = 200;

} // namespace

GraphScene::GraphScene(QObject* parent)
    : QGraphicsScene(parent)
{
    // A fixed BSP depth: Qt's automatic one (log2 of the item count, 14 at 2,000 nodes) files
    // every long edge in thousands of leaves. At 2,000 nodes the first paint took 287 ms and the
    // view 178 MB with it, 85 ms and 76 MB with 8 (docs/benchmarks.md).
    setBspTreeDepth(8);
}

// The layout workers copy their input and report through a continuation whose context is this
// scene: a scene destroyed first simply never hears from them.
GraphScene::~GraphScene() = default;

void GraphScene::setModel(TrafficGraphModel* model)
{
    if (m_model)
        disconnect(m_model, nullptr, this, nullptr);
    m_model = model;
    if (model) {
        connect(model, &TrafficGraphModel::reset, this, &GraphScene::onReset);
        connect(model, &TrafficGraphModel::nodeAdded, this, [this] { m_layoutNeeded = true; });
        connect(model, &TrafficGraphModel::edgeAdded, this, [this] { m_layoutNeeded = true; });
        connect(model, &TrafficGraphModel::nodeUpdated, this, &GraphScene::onNodeUpdated);
        connect(model, &TrafficGraphModel::edgeUpdated, this, &GraphScene::onEdgeUpdated);
        connect(model, &TrafficGraphModel::graphChanged, this, &GraphScene::onGraphChanged);
    }
    onReset();
    onGraphChanged();
}

const TrafficGraph& GraphScene::graph() const
{
    return m_model ? m_model->graph() : emptyGraph;
}

void GraphScene::onReset()
{
    clearItems();
    m_fullLayout = true;
    m_layoutNeeded = true;
}

void GraphScene::onGraphChanged()
{
    // Additions are collected until the model is done, so one setGraph() makes one layout.
    if (m_layoutNeeded) {
        m_layoutNeeded = false;
        if (!graph().nodes.isEmpty()) {
            startLayout();
            return;
        }
        ++m_job; // nothing to lay out: no layout is pending, none still running applies
        m_applied = m_job;
    }
    double maxRate = 0;
    for (const GraphEdge& e : graph().edges)
        maxRate = std::max(maxRate, edgeRate(e));
    if (maxRate != m_maxRate) { // every width is relative to the busiest edge
        m_maxRate = maxRate;
        for (int i = 0; i < m_edges.size(); ++i)
            updateEdgeItem(i);
    }
    updateBoxes(); // a node's network can change with its WorkloadEntries
    applyFilters();
}

void GraphScene::onNodeUpdated(int index)
{
    if (index < 0 || index >= m_nodes.size())
        return; // not placed yet: the pending layout creates it from the model
    GraphNodeItem* item = m_nodes[index];
    const GraphNode& node = graph().nodes[index];
    const bool vm = GraphStyle::shapeOf(node) == GraphStyle::Shape::Hexagon;
    if (vm == (item->type() == VmNodeItem::Type)) {
        item->setNode(node);
        return;
    }
    // Pods became VMs or back: another item class, same place and selection.
    const QScopedValueRollback applying(m_applying, true);
    GraphNodeItem* replacement = createNodeItem(index);
    replacement->setPos(item->pos());
    replacement->setSelected(item->isSelected());
    delete item; // a plain QGraphicsItem: removes itself from the scene
}

void GraphScene::onEdgeUpdated(int index)
{
    if (index >= 0 && index < m_edges.size())
        updateEdgeItem(index);
}

void GraphScene::clearItems()
{
    clear();
    m_nodes.clear();
    m_edges.clear();
    m_boxes.clear();
    m_ends.clear();
    m_paths.clear();
    m_placed.clear();
    m_nodeEdges.clear();
    m_found = 0;
}

void GraphScene::startLayout()
{
    const quint64 job = ++m_job;
    GraphLayoutOptions options;
    options.nodeWidth = 2 * nodeRadius;
    options.nodeHeight = 2 * nodeRadius + 16; // room for the label under the glyph
    // Edge labels (up to four lines) sit at the middle of their edge: wider gaps than dagre's
    // defaults keep a fan-out's labels apart.
    options.nodeSpacing = 40;
    options.rankSpacing = 220;
    // Layered, then banded by namespace inside cluster/network so the boxes never overlap.
    // The edges' end indices come back with the layout: the scene needs them too.
    QtConcurrent::run([graph = graph(), options] {
        const GraphLayoutInput input = layoutInput(graph);
        GraphLayoutResult layout = layoutLayered(input, options);
        bandLayout(graph, input, layout, options);
        return std::make_pair(layout, input.edges);
    })
        .then(this, [this, job](const std::pair<GraphLayoutResult, QList<LayoutEdge>>& result) {
            if (job != m_job)
                return; // a newer graph is on its way
            applyLayout(result.first, result.second);
            m_applied = job;
            emit layoutFinished(job);
        });
}

void GraphScene::applyLayout(const GraphLayoutResult& layout, const QList<LayoutEdge>& ends)
{
    const TrafficGraph& g = graph();
    if (layout.positions.size() != g.nodes.size() || layout.edgePaths.size() != g.edges.size())
        return; // cannot happen: every change of the topology starts a newer job
    const QScopedValueRollback applying(m_applying, true);
    const bool full = std::exchange(m_fullLayout, false);
    m_lastFull = full;
    const int shownNodes = full ? 0 : int(m_nodes.size());
    const int shownEdges = full ? 0 : int(m_edges.size());
    if (full)
        clearItems();
    m_ends = ends;
    m_nodeEdges = QList<QList<int>>(g.nodes.size());
    for (int e = 0; e < m_ends.size(); ++e) {
        if (m_ends[e].source >= 0) {
            m_nodeEdges[m_ends[e].source].append(e);
            if (m_ends[e].target != m_ends[e].source)
                m_nodeEdges[m_ends[e].target].append(e);
        }
    }
    m_placed.resize(shownNodes);
    for (int i = shownNodes; i < g.nodes.size(); ++i)
        m_placed.append(placeNew(i, layout, shownNodes));
    for (int i = 0; i < g.nodes.size(); ++i) {
        GraphNodeItem* item = i < shownNodes ? m_nodes[i] : createNodeItem(i);
        const auto pinned = m_pinned.constFind(g.nodes[i].id);
        if (pinned != m_pinned.cend())
            item->setPos(*pinned);
        else if (i >= shownNodes)
            item->setPos(m_placed[i]);
    }
    m_maxRate = 0;
    for (const GraphEdge& e : g.edges)
        m_maxRate = std::max(m_maxRate, edgeRate(e));
    m_paths.resize(g.edges.size());
    for (int i = 0; i < g.edges.size(); ++i) {
        if (i >= shownEdges) {
            m_paths[i] = layout.edgePaths[i];
            auto* item = new GraphEdgeItem(i, g.edges[i], 1.0, nodeRadius);
            addItem(item);
            m_edges.append(item);
        }
        updateEdgeItem(i);
        reroute(i);
    }
    updateBoxes();
    QRectF bounds = layout.bounds;
    for (const GraphNodeItem* item : std::as_const(m_nodes))
        bounds |= item->sceneBoundingRect();
    for (const GraphBoxItem* item : std::as_const(m_boxes))
        bounds |= item->boundingRect();
    updateSceneRect(bounds);
    applyFilters();
}

// Boxes follow the nodes where they are now (pinned or dragged ones included).
void GraphScene::updateBoxes()
{
    QList<QPointF> positions;
    positions.reserve(m_nodes.size());
    for (const GraphNodeItem* item : std::as_const(m_nodes))
        positions.append(item->pos());
    GraphLayoutOptions options;
    options.nodeWidth = 2 * nodeRadius;
    options.nodeHeight = 2 * nodeRadius + 16;
    const QList<GraphBox> boxes = boxesAround(graph(), positions, options);
    while (m_boxes.size() > boxes.size())
        delete m_boxes.takeLast();
    for (int i = 0; i < boxes.size(); ++i) {
        if (i < m_boxes.size()) {
            m_boxes[i]->setBox(boxes[i]);
        } else {
            auto* item = new GraphBoxItem(boxes[i]);
            addItem(item);
            m_boxes.append(item);
        }
    }
}

// A node the scene did not show yet: its computed place, moved along with a neighbour that is
// already shown (which kept its old place), so that it lands beside it.
QPointF GraphScene::placeNew(int node, const GraphLayoutResult& layout, int shownNodes) const
{
    const QPointF computed = layout.positions[node];
    for (const int e : m_nodeEdges[node]) {
        const int other = m_ends[e].source == node ? m_ends[e].target : m_ends[e].source;
        if (other >= 0 && other < shownNodes)
            return computed + (m_nodes[other]->pos() - layout.positions[other]);
    }
    return computed;
}

GraphNodeItem* GraphScene::createNodeItem(int index)
{
    const GraphNode& node = graph().nodes[index];
    GraphNodeItem* item = GraphStyle::shapeOf(node) == GraphStyle::Shape::Hexagon
        ? new VmNodeItem(index, node, nodeRadius)
        : new GraphNodeItem(index, node, nodeRadius);
    addItem(item);
    if (index < m_nodes.size())
        m_nodes[index] = item;
    else
        m_nodes.append(item);
    return item;
}

void GraphScene::updateEdgeItem(int index)
{
    const GraphEdge& edge = graph().edges[index];
    GraphEdgeItem* item = m_edges[index];
    item->setEdge(edge, GraphStyle::edgeWidth(edgeRate(edge), m_maxRate));
    item->setLabelText(GraphStyle::edgeLabel(edge, m_labels));
}

// The layout's route (with its bends) while both ends sit where the layout put them;
// a straight line once either was moved.
void GraphScene::reroute(int edge)
{
    const LayoutEdge ends = m_ends.value(edge, LayoutEdge{-1, -1});
    if (ends.source < 0 || ends.target < 0 || ends.source == ends.target) {
        m_edges[edge]->setRoute({});
        return;
    }
    const QPointF s = m_nodes[ends.source]->pos();
    const QPointF t = m_nodes[ends.target]->pos();
    const QList<QPointF>& path = m_paths[edge];
    m_edges[edge]->setRoute(path.size() >= 2 && path.first() == s && path.last() == t ? path : QList<QPointF>{s, t});
}

void GraphScene::updateSceneRect(const QRectF& bounds)
{
    setSceneRect(bounds.isNull() ? QRectF(-sceneMargin, -sceneMargin, 2 * sceneMargin, 2 * sceneMargin)
                                 : bounds.adjusted(-sceneMargin, -sceneMargin, sceneMargin, sceneMargin));
}

void GraphScene::nodeItemMoved(GraphNodeItem* item)
{
    if (m_applying)
        return;
    const int index = item->index();
    for (const int e : m_nodeEdges.value(index))
        reroute(e);
    m_pinned.insert(item->nodeId(), item->pos());
    m_moved = true;
    if (!sceneRect().contains(item->sceneBoundingRect()))
        updateSceneRect(sceneRect().adjusted(sceneMargin, sceneMargin, -sceneMargin, -sceneMargin)
                        | item->sceneBoundingRect());
}

void GraphScene::commitMoves()
{
    if (std::exchange(m_moved, false)) {
        updateBoxes();
        emit positionsEdited();
    }
}

void GraphScene::mouseReleaseEvent(QGraphicsSceneMouseEvent* event)
{
    QGraphicsScene::mouseReleaseEvent(event);
    commitMoves(); // once per drag, not per mouse move
}

void GraphScene::setPinnedPositions(const QHash<QString, QPointF>& positions)
{
    m_pinned = positions;
    // Another set of positions (another plan or namespace set): nodes it does not pin go back
    // to where the layout put them.
    const QScopedValueRollback applying(m_applying, true);
    for (int i = 0; i < m_nodes.size(); ++i)
        m_nodes[i]->setPos(m_pinned.value(m_nodes[i]->nodeId(), m_placed.value(i)));
    for (int e = 0; e < m_edges.size(); ++e)
        reroute(e);
    updateBoxes();
}

void GraphScene::setEdgeLabels(const GraphStyle::EdgeLabels& labels)
{
    m_labels = labels;
    for (GraphEdgeItem* item : std::as_const(m_edges))
        item->setLabelText(GraphStyle::edgeLabel(graph().edges[item->index()], labels));
    update();
}

GraphNodeItem* GraphScene::nodeItem(const QString& id) const
{
    const int i = m_model ? m_model->nodeIndex(id) : -1;
    return i >= 0 && i < m_nodes.size() ? m_nodes[i] : nullptr;
}

double GraphScene::edgeRate(const GraphEdge& edge) const
{
    return edge.protocol == u"tcp" ? edge.tcpBytesPerSecond : edge.requestRate;
}

// --- find and hide ---------------------------------------------------------------------------

void GraphScene::setFindFilter(const GraphFilter& filter)
{
    m_find = filter;
    applyFilters();
}

void GraphScene::setHideFilter(const GraphFilter& filter)
{
    m_hide = filter;
    applyFilters();
}

void GraphScene::applyFilters()
{
    const TrafficGraph& g = graph();
    QList<bool> nodeHidden(m_nodes.size(), false);
    for (int i = 0; i < m_nodes.size(); ++i) {
        nodeHidden[i] = m_hide.matchesNode(g.nodes[i]);
        m_nodes[i]->setVisible(!nodeHidden[i]);
    }
    const bool findNodes = m_find.target() == GraphFilter::Target::Nodes;
    const bool findEdges = m_find.target() == GraphFilter::Target::Edges;
    // With an edge expression, the ends of a matching edge stay undimmed: the edge needs them.
    QList<bool> nodeKept(m_nodes.size(), false);
    m_found = 0;
    for (int i = 0; i < m_edges.size(); ++i) {
        const LayoutEdge ends = m_ends.value(i, LayoutEdge{-1, -1});
        const bool endHidden = (ends.source >= 0 && nodeHidden.value(ends.source))
            || (ends.target >= 0 && nodeHidden.value(ends.target));
        const bool visible = !endHidden && !m_hide.matchesEdge(g.edges[i]);
        m_edges[i]->setVisible(visible);
        GraphEmphasis emphasis = GraphEmphasis::Normal;
        if (findEdges && m_find.matchesEdge(g.edges[i])) {
            emphasis = GraphEmphasis::Highlighted;
            m_found += visible ? 1 : 0;
            for (const int end : {ends.source, ends.target}) {
                if (end >= 0)
                    nodeKept[end] = true;
            }
        } else if (findEdges || findNodes) {
            emphasis = GraphEmphasis::Dimmed;
        }
        m_edges[i]->setEmphasis(emphasis);
    }
    for (int i = 0; i < m_nodes.size(); ++i) {
        GraphEmphasis emphasis = GraphEmphasis::Normal;
        if (findNodes && m_find.matchesNode(g.nodes[i])) {
            emphasis = GraphEmphasis::Highlighted;
            m_found += nodeHidden[i] ? 0 : 1;
        } else if (findNodes || (findEdges && !nodeKept[i])) {
            emphasis = GraphEmphasis::Dimmed;
        }
        m_nodes[i]->setEmphasis(emphasis);
    }
}

QRectF GraphScene::visibleItemsRect() const
{
    QRectF bounds;
    for (const GraphNodeItem* item : m_nodes) {
        if (item->isVisible())
            bounds |= item->sceneBoundingRect();
    }
    for (const GraphEdgeItem* item : m_edges) {
        if (item->isVisible())
            bounds |= item->sceneBoundingRect();
    }
    return bounds;
}

// --- selection -------------------------------------------------------------------------------

QString GraphScene::selectionDetails() const
{
    const QList<QGraphicsItem*> selected = selectedItems();
    if (selected.isEmpty())
        return {};
    QGraphicsItem* item = selected.first();
    if (item->type() == GraphEdgeItem::Type)
        return edgeDetails(graph().edges[static_cast<GraphEdgeItem*>(item)->index()]);
    if (item->type() == GraphNodeItem::Type || item->type() == VmNodeItem::Type)
        return nodeDetails(graph().nodes[static_cast<GraphNodeItem*>(item)->index()]);
    return {};
}

std::optional<SeriesRequest> GraphScene::selectionSeriesTarget() const
{
    const QList<QGraphicsItem*> selected = selectedItems();
    if (selected.isEmpty())
        return std::nullopt;
    SeriesRequest request;
    request.type = graph().type;
    QGraphicsItem* item = selected.first();
    if (item->type() == GraphEdgeItem::Type) {
        const GraphEdge& e = graph().edges[static_cast<GraphEdgeItem*>(item)->index()];
        request.target = SeriesRequest::Target::Edge;
        request.source = e.source;
        request.destination = e.destination;
        request.protocol = e.protocol;
        return request;
    }
    if (item->type() == GraphNodeItem::Type || item->type() == VmNodeItem::Type) {
        request.target = SeriesRequest::Target::Node;
        request.nodeId = static_cast<GraphNodeItem*>(item)->nodeId();
        return request;
    }
    return std::nullopt;
}

QString GraphScene::healthText(GraphHealth health)
{
    switch (health) {
    case GraphHealth::NotAvailable: return tr("n/a", "graph health");
    case GraphHealth::Healthy: return tr("healthy", "graph health");
    case GraphHealth::NotReady: return tr("not ready", "graph health");
    case GraphHealth::Degraded: return tr("degraded", "graph health");
    case GraphHealth::Failure: return tr("failure", "graph health");
    }
    return {};
}

QString GraphScene::nodeDetails(const GraphNode& n) const
{
    QStringList lines{GraphStyle::nodeLabel(n), tr("id: %1").arg(n.id), tr("namespace: %1").arg(n.namespaceName)};
    if (n.isVm) {
        lines.append(n.isMixed() ? tr("runs on: VMs and pods") : tr("runs on: VMs"));
        lines.append(tr("WorkloadEntries: %1 healthy of %2").arg(n.vmEntriesHealthy).arg(n.vmEntries));
        for (const QString& we : n.workloadEntries)
            lines.append(u"  "_qs + we);
    }
    if (n.podsDesired > 0)
        lines.append(tr("pods: %1 ready of %2").arg(n.podsReady).arg(n.podsDesired));
    lines.append(tr("inbound: %1 rps").arg(n.inboundRate, 0, 'f', 2));
    lines.append(tr("outbound: %1 rps").arg(n.outboundRate, 0, 'f', 2));
    lines.append(tr("health: %1 (traffic %2, instances %3)")
                     .arg(healthText(n.health), healthText(n.trafficHealth), healthText(n.instanceHealth)));
    return lines.join(u'\n');
}

QString GraphScene::edgeDetails(const GraphEdge& e) const
{
    auto label = [&](const QString& id) {
        const GraphNode* n = graph().node(id);
        return n ? GraphStyle::nodeLabel(*n) : id;
    };
    QStringList lines{u"%1 → %2 (%3)"_qs.arg(label(e.source), label(e.destination), e.protocol),
                      tr("rate: %1").arg(GraphStyle::rateText(e))};
    if (e.protocol != u"tcp") {
        lines.append(tr("errors: %1%").arg(e.errorPercent(), 0, 'f', 2));
        lines.append(tr("share of caller's traffic: %1%").arg(e.sharePercent, 0, 'f', 1));
        lines.append(tr("p95: %1  p99: %2")
                         .arg(std::isnan(e.p95Ms) ? u"-"_qs : tr("%1 ms").arg(e.p95Ms, 0, 'f', 1),
                              std::isnan(e.p99Ms) ? u"-"_qs : tr("%1 ms").arg(e.p99Ms, 0, 'f', 1)));
    }
    if (e.configured) {
        const ConfiguredWeight& c = *e.configured;
        lines.append(tr("configured weight: %1% (%2, subset %3)").arg(c.weight).arg(c.virtualService, c.subset));
        lines.append(c.drift ? tr("observed share: %1% — DRIFT from the configured weight").arg(c.observedShare, 0, 'f', 1)
                             : tr("observed share: %1%").arg(c.observedShare, 0, 'f', 1));
    }
    lines.append(tr("health: %1, reporter: %2").arg(healthText(e.health), e.reporter));
    return lines.join(u'\n');
}
