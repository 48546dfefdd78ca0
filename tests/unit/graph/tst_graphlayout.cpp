// SPDX-License-Identifier: Apache-2.0
#include "graphlayout.h"
#include "trafficgraph.h"

#include <QElapsedTimer>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>

// The layered layout's contract: edges point to higher ranks on a DAG, nodes of a rank never
// overlap, equal input gives equal output, cycles still lay out, and big meshes finish.

namespace {

GraphLayoutInput makeInput(int n, const QList<QPair<int, int>>& edges)
{
    GraphLayoutInput input;
    input.nodeCount = n;
    for (const auto& [s, t] : edges)
        input.edges.append({s, t});
    return input;
}

GraphLayoutInput randomGraph(int n, int edgesPerNode, quint32 seed, bool acyclic)
{
    QRandomGenerator rng(seed);
    GraphLayoutInput input;
    input.nodeCount = n;
    for (int v = 0; v < n; ++v) {
        for (int k = 0; k < edgesPerNode; ++k) {
            int w = static_cast<int>(rng.bounded(static_cast<quint32>(n)));
            if (w == v)
                continue;
            // Acyclic: always from the lower index to the higher.
            input.edges.append(acyclic ? LayoutEdge{std::min(v, w), std::max(v, w)} : LayoutEdge{v, w});
        }
    }
    return input;
}

// No two real nodes of one rank overlap, with at least the smaller gap (two bend spacings, when
// an edge passes between them) left free.
bool noOverlap(const GraphLayoutResult& r, const GraphLayoutOptions& o, QString* why)
{
    QHash<int, QList<double>> byRank;
    for (int i = 0; i < r.positions.size(); ++i)
        byRank[r.ranks[i]].append(r.positions[i].y());
    for (auto it = byRank.begin(); it != byRank.end(); ++it) {
        QList<double> ys = it.value();
        std::sort(ys.begin(), ys.end());
        for (int i = 1; i < ys.size(); ++i) {
            if (ys[i] - ys[i - 1] < o.nodeHeight + std::min(o.nodeSpacing, 2 * o.edgeSpacing) - 1e-6) {
                *why = u"rank %1: %2 and %3"_qs.arg(it.key()).arg(ys[i - 1]).arg(ys[i]);
                return false;
            }
        }
    }
    return true;
}

} // namespace

class TestGraphLayout final : public QObject
{
    Q_OBJECT

private slots:
    void ranksFollowEdgesOnDag()
    {
        // A diamond plus a long edge 0 -> 4 across three ranks.
        const GraphLayoutInput input = makeInput(5, {{0, 1}, {0, 2}, {1, 3}, {2, 3}, {3, 4}, {0, 4}});
        const GraphLayoutResult r = layoutLayered(input);
        QCOMPARE(r.positions.size(), 5);
        QCOMPARE(r.ranks, (QList<int>{0, 1, 1, 2, 3}));
        for (const LayoutEdge& e : input.edges)
            QVERIFY(r.ranks[e.source] < r.ranks[e.target]);
        QCOMPARE(r.rankCount, 4);
        QCOMPARE(r.dummyCount, 2); // 0 -> 4 bends in ranks 1 and 2
        // Paths run from the source's centre to the target's centre, left to right.
        const QList<QPointF> longPath = r.edgePaths[5];
        QCOMPARE(longPath.size(), 4);
        QCOMPARE(longPath.first(), r.positions[0]);
        QCOMPARE(longPath.last(), r.positions[4]);
        for (int i = 1; i < longPath.size(); ++i)
            QVERIFY(longPath[i].x() > longPath[i - 1].x());
        QVERIFY(!r.reversedEdges.contains(true));
    }

    void randomDagRespectsDirection()
    {
        const GraphLayoutInput input = randomGraph(300, 3, 7, true);
        const GraphLayoutResult r = layoutLayered(input);
        for (int e = 0; e < input.edges.size(); ++e) {
            const LayoutEdge& edge = input.edges[e];
            QVERIFY2(r.ranks[edge.source] < r.ranks[edge.target], qPrintable(u"edge %1"_qs.arg(e)));
            QVERIFY(!r.reversedEdges[e]);
        }
    }

    void sourcesSitNextToTheirSuccessor()
    {
        // 0 -> 1 -> 2 -> 3 and a second entry point 4 -> 3: 4 belongs in rank 2, not 0.
        const GraphLayoutResult r = layoutLayered(makeInput(5, {{0, 1}, {1, 2}, {2, 3}, {4, 3}}));
        QCOMPARE(r.ranks[4], 2);
        QCOMPARE(r.dummyCount, 0);
    }

    void noOverlapInRank()
    {
        GraphLayoutOptions options;
        const GraphLayoutResult r = layoutLayered(randomGraph(500, 4, 11, false), options);
        QString why;
        QVERIFY2(noOverlap(r, options, &why), qPrintable(why));
        // Star: one caller, 20 destinations in one rank.
        QList<QPair<int, int>> star;
        for (int i = 1; i <= 20; ++i)
            star.append({0, i});
        const GraphLayoutResult s = layoutLayered(makeInput(21, star), options);
        QVERIFY2(noOverlap(s, options, &why), qPrintable(why));
        // The caller sits in the middle of its destinations (aligned to their mean).
        double mean = 0;
        for (int i = 1; i <= 20; ++i)
            mean += s.positions[i].y() / 20;
        QVERIFY(std::abs(s.positions[0].y() - mean) < 1.0);
    }

    void deterministic()
    {
        const GraphLayoutInput input = randomGraph(1000, 4, 3, false);
        const GraphLayoutResult a = layoutLayered(input);
        const GraphLayoutResult b = layoutLayered(input);
        QCOMPARE(a.positions, b.positions);
        QCOMPARE(a.edgePaths, b.edgePaths);
        QCOMPARE(a.ranks, b.ranks);
    }

    void cyclesHandled()
    {
        // 0 -> 1 -> 2 -> 0, a self loop on 1, and 2 -> 3.
        const GraphLayoutInput input = makeInput(4, {{0, 1}, {1, 2}, {2, 0}, {1, 1}, {2, 3}});
        const GraphLayoutResult r = layoutLayered(input);
        QCOMPARE(r.positions.size(), 4);
        QCOMPARE(r.reversedEdges.count(true), 1);
        QVERIFY(r.reversedEdges[2]); // DFS from 0 closes the cycle with 2 -> 0
        // The reversed edge's path still starts at its own source.
        QCOMPARE(r.edgePaths[2].first(), r.positions[2]);
        QCOMPARE(r.edgePaths[2].last(), r.positions[0]);
        QVERIFY(r.edgePaths[3].isEmpty()); // self loop: drawn by the view, not routed
        QSet<int> ranks(r.ranks.cbegin(), r.ranks.cend());
        QCOMPARE(ranks.size(), 4);
        // Every non-reversed, non-loop edge still points right.
        for (int e : {0, 1, 4})
            QVERIFY(r.ranks[input.edges[e].source] < r.ranks[input.edges[e].target]);
    }

    void sweepsReduceCrossings()
    {
        const GraphLayoutInput input = randomGraph(400, 2, 5, true);
        GraphLayoutOptions none;
        none.orderingSweeps = 0;
        const qint64 before = countCrossings(input, layoutLayered(input, none));
        const qint64 after = countCrossings(input, layoutLayered(input));
        QVERIFY2(after < before, qPrintable(u"%1 -> %2"_qs.arg(before).arg(after)));
        // A tree laid out by barycenter has no crossings at all.
        QList<QPair<int, int>> tree;
        for (int i = 1; i < 63; ++i)
            tree.append({(i - 1) / 2, i});
        const GraphLayoutInput treeInput = makeInput(63, tree);
        QCOMPARE(countCrossings(treeInput, layoutLayered(treeInput)), 0);
    }

    void invalidEdgesKeepTheirSlot()
    {
        const GraphLayoutResult r = layoutLayered(makeInput(2, {{0, 1}, {0, 9}, {-1, 1}}));
        QCOMPARE(r.edgePaths.size(), 3);
        QCOMPARE(r.edgePaths[0].size(), 2);
        QVERIFY(r.edgePaths[1].isEmpty());
        QVERIFY(r.edgePaths[2].isEmpty());
    }

    void trafficGraphInput()
    {
        TrafficGraph graph;
        graph.nodes = {GraphNode{}, GraphNode{}};
        graph.nodes[0].id = u"a"_qs;
        graph.nodes[1].id = u"b"_qs;
        GraphEdge e;
        e.source = u"a"_qs;
        e.destination = u"b"_qs;
        graph.edges = {e};
        e.destination = u"missing"_qs;
        graph.edges.append(e);
        const GraphLayoutInput input = layoutInput(graph);
        QCOMPARE(input.nodeCount, 2);
        QCOMPARE(input.edges.size(), 2);
        QCOMPARE(input.edges[0].source, 0);
        QCOMPARE(input.edges[0].target, 1);
        QCOMPARE(input.edges[1].source, -1);
    }

    void tenThousandNodes()
    {
        // Kiali stalls around 1,000 nodes; this must complete (time printed, not asserted).
        const GraphLayoutInput input = randomGraph(10000, 4, 42, false);
        QElapsedTimer timer;
        timer.start();
        const GraphLayoutResult r = layoutLayered(input);
        qInfo("10000 nodes, %lld edges: %lld ms, %d ranks, %d bends", static_cast<long long>(input.edges.size()),
              static_cast<long long>(timer.elapsed()), r.rankCount, r.dummyCount);
        QCOMPARE(r.positions.size(), 10000);
        QCOMPARE(r.edgePaths.size(), input.edges.size());
        for (int e = 0; e < input.edges.size(); ++e) {
            if (!r.reversedEdges[e])
                QVERIFY(r.ranks[input.edges[e].source] < r.ranks[input.edges[e].target]);
        }
    }
};

QTEST_APPLESS_MAIN(TestGraphLayout)
#include "tst_graphlayout.moc"
