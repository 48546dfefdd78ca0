// SPDX-License-Identifier: Apache-2.0
#include "graphlayout.h"

#include "trafficgraph.h"

#include <QHash>

#include <algorithm>
#include <cstdlib>
#include <limits>
#include <map>
#include <numeric>
#include <vector>

namespace {

// Virtual graph: real nodes 0..n-1, then dummy nodes; every segment joins rank r to rank r+1.
struct Layered
{
    std::vector<int> rank;
    std::vector<std::vector<int>> up;   // neighbours in rank - 1
    std::vector<std::vector<int>> down; // neighbours in rank + 1
    std::vector<std::vector<int>> layers;
    std::vector<int> pos;  // index within its layer
    std::vector<double> y; // cross-rank coordinate
    std::vector<std::vector<int>> chains; // per input edge: virtual nodes from tail to head (oriented)
    std::vector<bool> reversed;
    int realCount = 0;
    int straightEdges = 0;
};

// Iterative DFS in index order; an edge to a node still on the stack closes a cycle and is reversed.
std::vector<bool> findBackEdges(int n, const QList<LayoutEdge>& edges)
{
    std::vector<std::vector<int>> out(static_cast<size_t>(n));
    for (int e = 0; e < edges.size(); ++e)
        out[static_cast<size_t>(edges[e].source)].push_back(e);
    std::vector<char> state(static_cast<size_t>(n), 0); // 0 new, 1 on stack, 2 done
    std::vector<bool> back(static_cast<size_t>(edges.size()), false);
    std::vector<std::pair<int, size_t>> stack;
    for (int root = 0; root < n; ++root) {
        if (state[static_cast<size_t>(root)] != 0)
            continue;
        stack.push_back({root, 0});
        state[static_cast<size_t>(root)] = 1;
        while (!stack.empty()) {
            auto& [v, next] = stack.back();
            const auto& list = out[static_cast<size_t>(v)];
            if (next == list.size()) {
                state[static_cast<size_t>(v)] = 2;
                stack.pop_back();
                continue;
            }
            const int e = list[next++];
            const int w = edges[e].target;
            if (state[static_cast<size_t>(w)] == 1)
                back[static_cast<size_t>(e)] = true;
            else if (state[static_cast<size_t>(w)] == 0) {
                state[static_cast<size_t>(w)] = 1;
                stack.push_back({w, 0});
            }
        }
    }
    return back;
}

// Longest path from the sources over the acyclic orientation, then each source moved right next
// to its nearest successor so that entry points do not drag long edges across the picture.
std::vector<int> assignRanks(int n, const std::vector<std::pair<int, int>>& dag)
{
    std::vector<std::vector<int>> out(static_cast<size_t>(n));
    std::vector<int> indegree(static_cast<size_t>(n), 0);
    for (const auto& [s, t] : dag) {
        out[static_cast<size_t>(s)].push_back(t);
        ++indegree[static_cast<size_t>(t)];
    }
    std::vector<int> rank(static_cast<size_t>(n), 0);
    std::vector<int> order;
    order.reserve(static_cast<size_t>(n));
    for (int v = 0; v < n; ++v) {
        if (indegree[static_cast<size_t>(v)] == 0)
            order.push_back(v);
    }
    std::vector<int> remaining = indegree;
    for (size_t i = 0; i < order.size(); ++i) {
        const int v = order[i];
        for (int w : out[static_cast<size_t>(v)]) {
            rank[static_cast<size_t>(w)] = std::max(rank[static_cast<size_t>(w)], rank[static_cast<size_t>(v)] + 1);
            if (--remaining[static_cast<size_t>(w)] == 0)
                order.push_back(w);
        }
    }
    for (int v = 0; v < n; ++v) {
        const auto& succ = out[static_cast<size_t>(v)];
        if (indegree[static_cast<size_t>(v)] != 0 || succ.empty())
            continue;
        int nearest = rank[static_cast<size_t>(succ.front())];
        for (int w : succ)
            nearest = std::min(nearest, rank[static_cast<size_t>(w)]);
        rank[static_cast<size_t>(v)] = nearest - 1;
    }
    return rank;
}

// The longest span that still gets a bend per rank, so that the bends stay within maxDummies:
// a graph with many cycles (or a random one) can have thousands of ranks, and routing every long
// edge through all of them would create tens of millions of bends.
int spanLimit(const GraphLayoutInput& input, const Layered& g, qint64 maxDummies)
{
    std::vector<int> spans;
    for (int e = 0; e < input.edges.size(); ++e) {
        const LayoutEdge& edge = input.edges[e];
        if (edge.source != edge.target)
            spans.push_back(std::abs(g.rank[static_cast<size_t>(edge.target)] - g.rank[static_cast<size_t>(edge.source)]));
    }
    std::sort(spans.begin(), spans.end());
    qint64 used = 0;
    for (size_t i = 0; i < spans.size(); ++i) {
        used += spans[i] - 1;
        if (used > maxDummies)
            return std::max(1, spans[i] - 1);
    }
    return std::numeric_limits<int>::max();
}

Layered buildLayered(const GraphLayoutInput& input, qint64 maxDummies)
{
    Layered g;
    const int n = input.nodeCount;
    g.realCount = n;
    g.reversed = findBackEdges(n, input.edges);
    std::vector<std::pair<int, int>> dag;
    dag.reserve(static_cast<size_t>(input.edges.size()));
    for (int e = 0; e < input.edges.size(); ++e) {
        const LayoutEdge& edge = input.edges[e];
        if (edge.source == edge.target)
            continue;
        dag.push_back(g.reversed[static_cast<size_t>(e)] ? std::pair{edge.target, edge.source}
                                                         : std::pair{edge.source, edge.target});
    }
    g.rank = assignRanks(n, dag);
    g.up.resize(static_cast<size_t>(n));
    g.down.resize(static_cast<size_t>(n));
    g.chains.resize(static_cast<size_t>(input.edges.size()));
    const int maxSpan = spanLimit(input, g, maxDummies);
    for (int e = 0; e < input.edges.size(); ++e) {
        const LayoutEdge& edge = input.edges[e];
        if (edge.source == edge.target)
            continue;
        const bool rev = g.reversed[static_cast<size_t>(e)];
        const int tail = rev ? edge.target : edge.source;
        const int head = rev ? edge.source : edge.target;
        auto& chain = g.chains[static_cast<size_t>(e)];
        chain.push_back(tail);
        if (g.rank[static_cast<size_t>(head)] - g.rank[static_cast<size_t>(tail)] > maxSpan) {
            // Over the bend budget: drawn straight and left out of ordering (see straightEdges).
            chain.push_back(head);
            ++g.straightEdges;
            continue;
        }
        for (int r = g.rank[static_cast<size_t>(tail)] + 1; r < g.rank[static_cast<size_t>(head)]; ++r) {
            const int dummy = static_cast<int>(g.rank.size());
            g.rank.push_back(r);
            g.up.emplace_back();
            g.down.emplace_back();
            chain.push_back(dummy);
        }
        chain.push_back(head);
        for (size_t i = 0; i + 1 < chain.size(); ++i) {
            g.down[static_cast<size_t>(chain[i])].push_back(chain[i + 1]);
            g.up[static_cast<size_t>(chain[i + 1])].push_back(chain[i]);
        }
    }
    const int maxRank = g.rank.empty() ? -1 : *std::max_element(g.rank.begin(), g.rank.end());
    g.layers.resize(static_cast<size_t>(maxRank + 1));
    for (int v = 0; v < static_cast<int>(g.rank.size()); ++v)
        g.layers[static_cast<size_t>(g.rank[static_cast<size_t>(v)])].push_back(v);
    g.pos.resize(g.rank.size());
    for (const auto& layer : g.layers) {
        for (size_t i = 0; i < layer.size(); ++i)
            g.pos[static_cast<size_t>(layer[i])] = static_cast<int>(i);
    }
    return g;
}

// Reorders one layer by the mean position of each node's neighbours in the fixed layer; a node
// without neighbours there keeps its place (its own position is its key). Stable, so ties keep order.
void orderLayer(Layered& g, std::vector<int>& layer, const std::vector<std::vector<int>>& fixedSide)
{
    std::vector<std::pair<double, int>> keyed;
    keyed.reserve(layer.size());
    for (int v : layer) {
        const auto& nb = fixedSide[static_cast<size_t>(v)];
        double key = g.pos[static_cast<size_t>(v)];
        if (!nb.empty()) {
            double sum = 0;
            for (int u : nb)
                sum += g.pos[static_cast<size_t>(u)];
            key = sum / static_cast<double>(nb.size());
        }
        keyed.push_back({key, v});
    }
    std::stable_sort(keyed.begin(), keyed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    for (size_t i = 0; i < keyed.size(); ++i) {
        layer[i] = keyed[i].second;
        g.pos[static_cast<size_t>(layer[i])] = static_cast<int>(i);
    }
}

void orderLayers(Layered& g, int sweeps)
{
    const size_t count = g.layers.size();
    for (int s = 0; s < sweeps; ++s) {
        for (size_t r = 1; r < count; ++r)
            orderLayer(g, g.layers[r], g.up);
        for (size_t r = count; r-- > 1;)
            orderLayer(g, g.layers[r - 1], g.down);
    }
}

// Least-squares positions closest to `desired` that keep the order and the minimum gaps:
// shift out the cumulative gaps, pool adjacent violators (isotonic regression), shift back.
void placeLayer(Layered& g, const std::vector<int>& layer, const std::vector<double>& desired,
                const GraphLayoutOptions& o)
{
    const size_t m = layer.size();
    std::vector<double> offset(m, 0);
    for (size_t i = 1; i < m; ++i) {
        const bool a = layer[i - 1] < g.realCount;
        const bool b = layer[i] < g.realCount;
        const double half = (a ? o.nodeHeight / 2 : 0) + (b ? o.nodeHeight / 2 : 0);
        offset[i] = offset[i - 1] + half + (a && b ? o.nodeSpacing : o.edgeSpacing);
    }
    struct Block { double sum; double count; };
    std::vector<Block> blocks;
    std::vector<size_t> sizes;
    for (size_t i = 0; i < m; ++i) {
        blocks.push_back({desired[i] - offset[i], 1});
        sizes.push_back(1);
        while (blocks.size() > 1) {
            const Block& last = blocks.back();
            const Block& prev = blocks[blocks.size() - 2];
            if (prev.sum / prev.count <= last.sum / last.count)
                break;
            const Block merged{prev.sum + last.sum, prev.count + last.count};
            const size_t mergedSize = sizes[sizes.size() - 2] + sizes.back();
            blocks.pop_back();
            sizes.pop_back();
            blocks.back() = merged;
            sizes.back() = mergedSize;
        }
    }
    size_t i = 0;
    for (size_t b = 0; b < blocks.size(); ++b) {
        const double value = blocks[b].sum / blocks[b].count;
        for (size_t k = 0; k < sizes[b]; ++k, ++i)
            g.y[static_cast<size_t>(layer[i])] = value + offset[i];
    }
}

void placeLayers(Layered& g, const GraphLayoutOptions& o)
{
    g.y.assign(g.rank.size(), 0);
    for (const auto& layer : g.layers) {
        std::vector<double> desired(layer.size(), 0); // packed from 0, then centred by later sweeps
        placeLayer(g, layer, desired, o);
    }
    auto sweep = [&](const std::vector<int>& layer, const std::vector<std::vector<int>>& side) {
        std::vector<double> desired(layer.size());
        for (size_t i = 0; i < layer.size(); ++i) {
            const int v = layer[i];
            const auto& nb = side[static_cast<size_t>(v)];
            double value = g.y[static_cast<size_t>(v)];
            if (!nb.empty()) {
                value = 0;
                for (int u : nb)
                    value += g.y[static_cast<size_t>(u)];
                value /= static_cast<double>(nb.size());
            }
            desired[i] = value;
        }
        placeLayer(g, layer, desired, o);
    };
    const size_t count = g.layers.size();
    for (int s = 0; s < o.positionSweeps; ++s) {
        for (size_t r = 1; r < count; ++r)
            sweep(g.layers[r], g.up);
        for (size_t r = count; r-- > 1;)
            sweep(g.layers[r - 1], g.down);
    }
}

} // namespace

GraphLayoutResult layoutLayered(const GraphLayoutInput& input, const GraphLayoutOptions& options)
{
    GraphLayoutResult result;
    GraphLayoutInput clean;
    clean.nodeCount = std::max(0, input.nodeCount);
    for (const LayoutEdge& e : input.edges) {
        // Out-of-range edges keep their slot (empty path) so indices still match the input.
        const bool valid = e.source >= 0 && e.target >= 0 && e.source < clean.nodeCount && e.target < clean.nodeCount;
        clean.edges.append(valid ? e : LayoutEdge{0, 0});
    }
    const qint64 budget = options.maxBends >= 0 ? options.maxBends
                                                 : 4 * (static_cast<qint64>(clean.nodeCount) + clean.edges.size());
    Layered g = buildLayered(clean, budget);
    orderLayers(g, options.orderingSweeps);
    placeLayers(g, options);

    const double step = options.nodeWidth + options.rankSpacing;
    auto point = [&](int v) {
        return QPointF(g.rank[static_cast<size_t>(v)] * step, g.y[static_cast<size_t>(v)]);
    };
    result.rankCount = static_cast<int>(g.layers.size());
    result.dummyCount = static_cast<int>(g.rank.size()) - g.realCount;
    result.straightEdges = g.straightEdges;
    QRectF bounds;
    for (int v = 0; v < clean.nodeCount; ++v) {
        result.positions.append(point(v));
        result.ranks.append(g.rank[static_cast<size_t>(v)]);
        const QRectF box(point(v) - QPointF(options.nodeWidth / 2, options.nodeHeight / 2),
                         QSizeF(options.nodeWidth, options.nodeHeight));
        bounds = bounds.isNull() ? box : bounds.united(box);
    }
    for (int e = 0; e < clean.edges.size(); ++e) {
        const auto& chain = g.chains[static_cast<size_t>(e)];
        const bool valid = input.edges[e].source == clean.edges[e].source && input.edges[e].target == clean.edges[e].target;
        QList<QPointF> path;
        if (valid) {
            for (int v : chain)
                path.append(point(v));
        }
        const bool rev = g.reversed[static_cast<size_t>(e)] && !path.isEmpty();
        if (rev)
            std::reverse(path.begin(), path.end());
        for (const QPointF& p : path)
            bounds = bounds.united(QRectF(p, QSizeF(1, 1)));
        result.edgePaths.append(path);
        result.reversedEdges.append(rev);
    }
    result.bounds = bounds;
    return result;
}

GraphLayoutInput layoutInput(const TrafficGraph& graph)
{
    GraphLayoutInput input;
    input.nodeCount = static_cast<int>(graph.nodes.size());
    QHash<QString, int> index;
    index.reserve(graph.nodes.size());
    for (int i = 0; i < graph.nodes.size(); ++i)
        index.insert(graph.nodes[i].id, i);
    for (const GraphEdge& edge : graph.edges) {
        const int s = index.value(edge.source, -1);
        const int t = index.value(edge.destination, -1);
        input.edges.append(s >= 0 && t >= 0 ? LayoutEdge{s, t} : LayoutEdge{-1, -1});
    }
    return input;
}

namespace {

qint64 mergeCount(std::vector<double>& v, std::vector<double>& tmp, size_t lo, size_t hi)
{
    if (hi - lo < 2)
        return 0;
    const size_t mid = (lo + hi) / 2;
    qint64 count = mergeCount(v, tmp, lo, mid) + mergeCount(v, tmp, mid, hi);
    size_t i = lo, j = mid, k = lo;
    while (i < mid && j < hi) {
        if (v[j] < v[i]) {
            count += static_cast<qint64>(mid - i);
            tmp[k++] = v[j++];
        } else {
            tmp[k++] = v[i++];
        }
    }
    while (i < mid)
        tmp[k++] = v[i++];
    while (j < hi)
        tmp[k++] = v[j++];
    std::copy(tmp.begin() + static_cast<std::ptrdiff_t>(lo), tmp.begin() + static_cast<std::ptrdiff_t>(hi),
              v.begin() + static_cast<std::ptrdiff_t>(lo));
    return count;
}

} // namespace

qint64 countCrossings(const GraphLayoutInput& input, const GraphLayoutResult& result)
{
    Q_UNUSED(input);
    // Segments grouped by their left x (each segment spans exactly one rank gap).
    std::map<double, std::vector<std::pair<double, double>>> gaps;
    for (const auto& path : result.edgePaths) {
        for (qsizetype i = 0; i + 1 < path.size(); ++i) {
            QPointF a = path[i];
            QPointF b = path[i + 1];
            if (a.x() > b.x())
                std::swap(a, b);
            gaps[a.x()].push_back({a.y(), b.y()});
        }
    }
    qint64 total = 0;
    for (auto& [x, segments] : gaps) {
        std::sort(segments.begin(), segments.end());
        std::vector<double> right(segments.size());
        for (size_t i = 0; i < segments.size(); ++i)
            right[i] = segments[i].second;
        std::vector<double> tmp(right.size());
        total += mergeCount(right, tmp, 0, right.size());
    }
    return total;
}
