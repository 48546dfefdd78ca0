// SPDX-License-Identifier: Apache-2.0
#include "graphgroups.h"

#include "trafficgraph.h"

#include <QHash>
#include <QMap>

#include <algorithm>
#include <numeric>

namespace {

constexpr double kPadding = 12;      // between a box's border and its nodes
constexpr double kLabelHeight = 18;  // a box's label above its nodes
constexpr double kBandGap = 16;      // between two boxes

struct Group
{
    QString outer; // cluster + '\n' + network
    QString namespaceName;
    QList<int> nodes;
    double meanY = 0;
};

QString outerKey(const GraphNode& n)
{
    return n.cluster + u'\n' + n.network;
}

QString outerLabel(const QString& key)
{
    const QStringList parts = key.split(u'\n');
    const QString cluster = parts.value(0);
    const QString network = parts.value(1);
    if (network.isEmpty())
        return cluster.isEmpty() ? QStringLiteral("unknown cluster") : cluster;
    return (cluster.isEmpty() ? QStringLiteral("unknown cluster") : cluster) + u" · "_qs + network;
}

bool wantsOuterBoxes(const TrafficGraph& graph)
{
    QString first;
    bool seen = false;
    for (const GraphNode& n : graph.nodes) {
        if (n.namespaceName.isEmpty())
            continue;
        if (!seen) {
            first = outerKey(n);
            seen = true;
        } else if (outerKey(n) != first) {
            return true;
        }
    }
    return false;
}

QList<GraphBox> boxes(const TrafficGraph& graph, const QList<QPointF>& positions, const GraphLayoutOptions& options)
{
    QMap<std::pair<QString, QString>, QList<int>> byNamespace;
    QMap<QString, QList<int>> byOuter;
    for (int i = 0; i < graph.nodes.size() && i < positions.size(); ++i) {
        const GraphNode& n = graph.nodes[i];
        if (n.namespaceName.isEmpty())
            continue;
        byNamespace[{outerKey(n), n.namespaceName}].append(i);
        byOuter[outerKey(n)].append(i);
    }
    auto around = [&](const QList<int>& nodes, double pad) {
        QRectF r;
        for (const int i : nodes) {
            const QRectF node(positions[i].x() - options.nodeWidth / 2, positions[i].y() - options.nodeHeight / 2,
                              options.nodeWidth, options.nodeHeight);
            r = r.isNull() ? node : r.united(node);
        }
        return r.adjusted(-pad, -pad - kLabelHeight, pad, pad);
    };
    QList<GraphBox> out;
    if (wantsOuterBoxes(graph)) {
        for (auto it = byOuter.cbegin(); it != byOuter.cend(); ++it) {
            GraphBox box;
            box.kind = GraphBox::Kind::Network;
            box.cluster = it.key().section(u'\n', 0, 0);
            box.network = it.key().section(u'\n', 1);
            box.label = outerLabel(it.key());
            box.nodes = it.value();
            box.rect = around(it.value(), 2 * kPadding + kLabelHeight / 2);
            out.append(box);
        }
    }
    for (auto it = byNamespace.cbegin(); it != byNamespace.cend(); ++it) {
        GraphBox box;
        box.kind = GraphBox::Kind::Namespace;
        box.cluster = it.key().first.section(u'\n', 0, 0);
        box.network = it.key().first.section(u'\n', 1);
        box.namespaceName = it.key().second;
        box.label = it.key().second;
        box.nodes = it.value();
        box.rect = around(it.value(), kPadding);
        out.append(box);
    }
    return out;
}

} // namespace

QList<GraphBox> boxesAround(const TrafficGraph& graph, const QList<QPointF>& positions, const GraphLayoutOptions& options)
{
    return boxes(graph, positions, options);
}

QList<GraphBox> bandLayout(const TrafficGraph& graph, const GraphLayoutInput& input, GraphLayoutResult& layout,
                           const GraphLayoutOptions& options)
{
    const int n = int(std::min(graph.nodes.size(), layout.positions.size()));
    if (n == 0)
        return {};
    // Groups and their order: outer groups by their nodes' mean y, namespaces likewise inside.
    QHash<QString, int> groupIndex;
    QList<Group> groups;
    for (int i = 0; i < n; ++i) {
        const GraphNode& node = graph.nodes[i];
        const QString key = outerKey(node) + u'\n' + node.namespaceName;
        auto it = groupIndex.constFind(key);
        if (it == groupIndex.cend()) {
            it = groupIndex.insert(key, int(groups.size()));
            groups.append(Group{outerKey(node), node.namespaceName, {}, 0});
        }
        groups[*it].nodes.append(i);
    }
    QHash<QString, double> outerSum;
    QHash<QString, int> outerCount;
    for (Group& g : groups) {
        double sum = 0;
        for (const int i : g.nodes)
            sum += layout.positions[i].y();
        g.meanY = sum / double(g.nodes.size());
        outerSum[g.outer] += sum;
        outerCount[g.outer] += int(g.nodes.size());
    }
    std::stable_sort(groups.begin(), groups.end(), [&](const Group& a, const Group& b) {
        const double oa = outerSum.value(a.outer) / outerCount.value(a.outer);
        const double ob = outerSum.value(b.outer) / outerCount.value(b.outer);
        if (a.outer != b.outer)
            return oa < ob;
        return a.meanY < b.meanY;
    });

    const double step = options.nodeHeight + options.nodeSpacing;
    const bool outerBoxes = wantsOuterBoxes(graph);
    double top = layout.bounds.isNull() ? 0.0 : layout.bounds.top();
    QString currentOuter;
    for (int gi = 0; gi < groups.size(); ++gi) {
        const Group& g = groups[gi];
        if (outerBoxes && g.outer != currentOuter) {
            if (gi > 0)
                top += 2 * kPadding + kBandGap; // close the previous network box
            top += 2 * kPadding + kLabelHeight; // open this one
            currentOuter = g.outer;
        }
        // Nodes per rank, in their original vertical order.
        QMap<int, QList<int>> byRank;
        for (const int i : g.nodes)
            byRank[layout.ranks.value(i)].append(i);
        int tallest = 0;
        for (QList<int>& column : byRank) {
            std::sort(column.begin(), column.end(),
                      [&](int a, int b) { return layout.positions[a].y() < layout.positions[b].y(); });
            tallest = std::max(tallest, int(column.size()));
        }
        const bool boxed = !g.namespaceName.isEmpty();
        const double bandTop = top + (boxed ? kPadding + kLabelHeight : 0.0);
        const double bandHeight = tallest * step - options.nodeSpacing;
        for (const QList<int>& column : std::as_const(byRank)) {
            // Shorter columns are centred in the band: their edges stay level with the taller ones.
            const double offset = (bandHeight - (column.size() * step - options.nodeSpacing)) / 2;
            for (int k = 0; k < column.size(); ++k) {
                QPointF& p = layout.positions[column[k]];
                p.setY(bandTop + offset + k * step + options.nodeHeight / 2);
            }
        }
        top = bandTop + bandHeight + (boxed ? kPadding : 0.0) + kBandGap;
    }

    QRectF bounds;
    for (int i = 0; i < n; ++i) {
        const QRectF r(layout.positions[i].x() - options.nodeWidth / 2, layout.positions[i].y() - options.nodeHeight / 2,
                       options.nodeWidth, options.nodeHeight);
        bounds = bounds.isNull() ? r : bounds.united(r);
    }
    // Bends belonged to the old rows: edges run straight between the bands.
    for (qsizetype e = 0; e < layout.edgePaths.size() && e < input.edges.size(); ++e) {
        const LayoutEdge& ends = input.edges[e];
        QList<QPointF>& path = layout.edgePaths[e];
        if (ends.source < 0 || ends.target < 0 || ends.source >= n || ends.target >= n || ends.source == ends.target)
            continue; // self loops keep their (empty) path
        path = {layout.positions[ends.source], layout.positions[ends.target]};
    }
    const QList<GraphBox> result = boxes(graph, layout.positions, options);
    for (const GraphBox& b : result)
        bounds |= b.rect;
    layout.bounds = bounds;
    return result;
}
