// SPDX-License-Identifier: Apache-2.0
// Boxes by namespace inside boxes by cluster/network: the banded layout keeps ranks, never lets
// boxes overlap, keeps every node inside its own box and out of the others.
#include "graphgroups.h"
#include "graphlayout.h"
#include "trafficgraph.h"

#include <QTest>

namespace {

GraphNode node(const QString& id, const QString& ns, const QString& network, GraphNode::Kind kind = GraphNode::Kind::Workload)
{
    GraphNode n;
    n.id = id;
    n.kind = kind;
    n.namespaceName = ns;
    n.cluster = ns.isEmpty() ? QString() : u"cluster1"_qs;
    n.network = network;
    n.workload = id;
    return n;
}

GraphEdge edge(const QString& from, const QString& to)
{
    GraphEdge e;
    e.source = from;
    e.destination = to;
    e.protocol = u"http"_qs;
    e.requestRate = 1;
    return e;
}

// A hybrid mesh: ingress -> frontend (web) -> api (web) -> {db (data), vm-api (vm, other network)}.
TrafficGraph hybrid()
{
    TrafficGraph g;
    g.nodes = {node(u"unknown"_qs, {}, {}, GraphNode::Kind::Unknown),
               node(u"frontend"_qs, u"web"_qs, u"network1"_qs),
               node(u"api"_qs, u"web"_qs, u"network1"_qs),
               node(u"api2"_qs, u"web"_qs, u"network1"_qs),
               node(u"db"_qs, u"data"_qs, u"network1"_qs),
               node(u"cache"_qs, u"data"_qs, u"network1"_qs),
               node(u"vm-api"_qs, u"vm"_qs, u"vm-network"_qs, GraphNode::Kind::VmWorkload),
               node(u"vm-worker"_qs, u"vm"_qs, u"vm-network"_qs, GraphNode::Kind::VmWorkload)};
    g.edges = {edge(u"unknown"_qs, u"frontend"_qs), edge(u"frontend"_qs, u"api"_qs), edge(u"frontend"_qs, u"api2"_qs),
               edge(u"api"_qs, u"db"_qs), edge(u"api"_qs, u"vm-api"_qs), edge(u"api2"_qs, u"cache"_qs),
               edge(u"vm-api"_qs, u"vm-worker"_qs), edge(u"vm-worker"_qs, u"db"_qs)};
    return g;
}

QRectF nodeRect(QPointF c, const GraphLayoutOptions& o)
{
    return QRectF(c.x() - o.nodeWidth / 2, c.y() - o.nodeHeight / 2, o.nodeWidth, o.nodeHeight);
}

} // namespace

class TestGraphGroups final : public QObject
{
    Q_OBJECT

private slots:
    void bandsNeverOverlap()
    {
        const TrafficGraph g = hybrid();
        const GraphLayoutOptions options;
        const GraphLayoutInput input = layoutInput(g);
        GraphLayoutResult layout = layoutLayered(input, options);
        const QList<QPointF> before = layout.positions;
        const QList<GraphBox> boxes = bandLayout(g, input, layout, options);

        QList<const GraphBox*> namespaces;
        QList<const GraphBox*> networks;
        for (const GraphBox& b : boxes)
            (b.kind == GraphBox::Kind::Namespace ? namespaces : networks).append(&b);
        QCOMPARE(namespaces.size(), 3);
        QCOMPARE(networks.size(), 2); // network1 and the VMs' vm-network
        for (const GraphBox* n : std::as_const(networks))
            QVERIFY(n->label == u"cluster1 · network1"_qs || n->label == u"cluster1 · vm-network"_qs);

        for (const auto* list : {&namespaces, &networks}) {
            for (int i = 0; i < list->size(); ++i) {
                for (int j = i + 1; j < list->size(); ++j)
                    QVERIFY2(!list->at(i)->rect.intersects(list->at(j)->rect),
                             qPrintable(list->at(i)->label + u" overlaps "_qs + list->at(j)->label));
            }
        }
        for (const GraphBox* b : std::as_const(namespaces)) {
            // Its own nodes inside, every other node outside.
            for (int i = 0; i < g.nodes.size(); ++i) {
                const bool inside = b->rect.contains(nodeRect(layout.positions[i], options));
                const bool member = g.nodes[i].namespaceName == b->namespaceName;
                QVERIFY2(inside == member, qPrintable(g.nodes[i].id + u" vs box "_qs + b->label));
                if (!member)
                    QVERIFY(!b->rect.intersects(nodeRect(layout.positions[i], options)));
            }
            // Inside the box of its network.
            const auto outer = std::find_if(networks.cbegin(), networks.cend(),
                                            [&](const GraphBox* n) { return n->network == b->network; });
            QVERIFY(outer != networks.cend());
            QVERIFY((*outer)->rect.contains(b->rect));
        }
        // Ranks stay: every node keeps its column.
        for (int i = 0; i < g.nodes.size(); ++i)
            QCOMPARE(layout.positions[i].x(), before[i].x());
        // Edges run straight from node to node.
        for (int e = 0; e < input.edges.size(); ++e) {
            QCOMPARE(layout.edgePaths[e].size(), 2);
            QCOMPARE(layout.edgePaths[e].first(), layout.positions[input.edges[e].source]);
            QCOMPARE(layout.edgePaths[e].last(), layout.positions[input.edges[e].target]);
        }
        for (const GraphBox& b : boxes)
            QVERIFY(layout.bounds.contains(b.rect));
    }

    void oneNetworkHasNoNetworkBox()
    {
        TrafficGraph g = hybrid();
        for (GraphNode& n : g.nodes) {
            if (!n.namespaceName.isEmpty())
                n.network = u"network1"_qs;
        }
        GraphLayoutResult layout = layoutLayered(layoutInput(g));
        const QList<GraphBox> boxes = bandLayout(g, layoutInput(g), layout, GraphLayoutOptions{});
        QVERIFY(std::none_of(boxes.cbegin(), boxes.cend(), [](const GraphBox& b) { return b.kind == GraphBox::Kind::Network; }));
        QCOMPARE(boxes.size(), 3);
    }

    void boxesFollowMovedNodes()
    {
        const TrafficGraph g = hybrid();
        const GraphLayoutOptions options;
        GraphLayoutResult layout = layoutLayered(layoutInput(g), options);
        bandLayout(g, layoutInput(g), layout, options);
        QList<QPointF> moved = layout.positions;
        moved[6] += QPointF(500, 900); // vm-api dragged far away
        const QList<GraphBox> boxes = boxesAround(g, moved, options);
        const auto vm = std::find_if(boxes.cbegin(), boxes.cend(), [](const GraphBox& b) { return b.namespaceName == u"vm"; });
        QVERIFY(vm != boxes.cend());
        QVERIFY(vm->rect.contains(nodeRect(moved[6], options)));
        QVERIFY(vm->rect.contains(nodeRect(moved[7], options)));
    }

    void emptyGraph()
    {
        GraphLayoutResult layout;
        QVERIFY(bandLayout(TrafficGraph{}, GraphLayoutInput{}, layout, GraphLayoutOptions{}).isEmpty());
    }
};

QTEST_APPLESS_MAIN(TestGraphGroups)
#include "tst_graphgroups.moc"
