// SPDX-License-Identifier: Apache-2.0
#include "trafficgraphmodel.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>
#include <functional>

using GraphChange = std::function<void(TrafficGraph&)>;
Q_DECLARE_METATYPE(GraphChange)

// TrafficGraphModel's contract (house style §4): a refresh that keeps the topology sends only
// nodeUpdated/edgeUpdated for what changed (nothing when nothing did), new nodes and edges are
// appended without moving existing indices, and anything else (a removal, another graph type,
// clear()) is a reset. graphChanged() closes every setGraph()/clear().

namespace {

const QString pp = u"wl_Kubernetes_bookinfo_productpage-v1"_qs;
const QString reviews = u"wl_Kubernetes_bookinfo_reviews-v1"_qs;
const QString reviewsVm = u"wl_Kubernetes_bookinfo_reviews-vm"_qs;
const QString ratings = u"wl_Kubernetes_bookinfo_ratings-v1"_qs;
const QString unknown = u"Kubernetes_unknown_source"_qs;
const QString details = u"wl_Kubernetes_bookinfo_details-v1"_qs;

GraphNode workload(const QString& id, const QString& name, GraphNode::Kind kind = GraphNode::Kind::Workload)
{
    GraphNode n;
    n.id = id;
    n.kind = kind;
    n.namespaceName = u"bookinfo"_qs;
    n.cluster = u"Kubernetes"_qs;
    n.workload = name;
    n.app = name.section(u'-', 0, 0);
    n.version = name.section(u'-', 1);
    n.podsDesired = n.podsReady = kind == GraphNode::Kind::VmWorkload ? 0 : 1;
    n.health = GraphHealth::Healthy;
    return n;
}

GraphEdge edge(const QString& source, const QString& destination, double rate, const QString& protocol = u"http"_qs)
{
    GraphEdge e;
    e.source = source;
    e.destination = destination;
    e.protocol = protocol;
    e.reporter = u"source"_qs;
    e.requestRate = protocol == u"tcp" ? 0 : rate;
    e.tcpBytesPerSecond = protocol == u"tcp" ? rate : 0;
    e.responseCodes = {{u"200"_qs, rate}};
    return e; // p95/p99 stay unknown (NaN) unless a test sets them
}

// The bookinfo split: productpage calls reviews on pods and on a VM (50/50 by a VirtualService),
// both call ratings (pods + a WorkloadEntry: mixed), one over TCP; an unknown caller.
TrafficGraph bookinfo()
{
    TrafficGraph g;
    GraphNode vm = workload(reviewsVm, u"reviews-vm"_qs, GraphNode::Kind::VmWorkload);
    vm.isVm = true;
    vm.vmEntries = vm.vmEntriesHealthy = 1;
    vm.workloadEntries = {u"reviews-vm-10.0.0.5"_qs};
    GraphNode mixed = workload(ratings, u"ratings-v1"_qs);
    mixed.isVm = true;
    mixed.vmEntries = 1;
    GraphNode caller;
    caller.id = unknown;
    caller.kind = GraphNode::Kind::Unknown;
    g.nodes = {workload(pp, u"productpage-v1"_qs), workload(reviews, u"reviews-v1"_qs), vm, mixed, caller};
    GraphEdge toPods = edge(pp, reviews, 5);
    toPods.configured = ConfiguredWeight{u"bookinfo/reviews"_qs, u"reviews"_qs, u"v1"_qs, 50, 50, false};
    toPods.p95Ms = 12;
    GraphEdge toVm = edge(pp, reviewsVm, 5);
    toVm.configured = ConfiguredWeight{u"bookinfo/reviews"_qs, u"reviews"_qs, u"vm"_qs, 50, 50, false};
    g.edges = {edge(unknown, pp, 10), toPods, toVm, edge(reviews, ratings, 5), edge(reviewsVm, ratings, 2048, u"tcp"_qs)};
    g.routeChecks = {{pp, u"reviews"_qs, u"bookinfo/reviews"_qs, u"v1"_qs, 50, 50, false}};
    return g;
}

// Every signal in the order sent, e.g. "nodeAdded 5".
struct Recorder
{
    explicit Recorder(TrafficGraphModel* model)
    {
        const auto log = [this](const char* name) {
            return [this, name](int i) { events.append(QString::fromLatin1(name) + u' ' + QString::number(i)); };
        };
        QObject::connect(model, &TrafficGraphModel::nodeAdded, model, log("nodeAdded"));
        QObject::connect(model, &TrafficGraphModel::edgeAdded, model, log("edgeAdded"));
        QObject::connect(model, &TrafficGraphModel::nodeUpdated, model, log("nodeUpdated"));
        QObject::connect(model, &TrafficGraphModel::edgeUpdated, model, log("edgeUpdated"));
        QObject::connect(model, &TrafficGraphModel::reset, model, [this] { events.append(u"reset"_qs); });
        QObject::connect(model, &TrafficGraphModel::graphChanged, model, [this] { events.append(u"graphChanged"_qs); });
    }
    QStringList events;
};

// The model holds exactly the nodes and edges of graph, each reachable by its key.
void checkSameContent(const TrafficGraphModel& model, const TrafficGraph& graph)
{
    QCOMPARE(model.nodeCount(), int(graph.nodes.size()));
    QCOMPARE(model.edgeCount(), int(graph.edges.size()));
    for (const GraphNode& n : graph.nodes) {
        const int i = model.nodeIndex(n.id);
        QVERIFY2(i >= 0, qPrintable(n.id));
        QCOMPARE(model.node(i).id, n.id);
    }
    for (const GraphEdge& e : graph.edges) {
        const int i = model.edgeIndex(e.source, e.destination, e.protocol);
        QVERIFY2(i >= 0, qPrintable(e.source + u" -> "_qs + e.destination));
        QCOMPARE(model.edge(i).requestRate, e.requestRate);
    }
}

} // namespace

class TestTrafficGraphModel final : public QObject
{
    Q_OBJECT

private slots:
    void emptyModel()
    {
        TrafficGraphModel model;
        QCOMPARE(model.nodeCount(), 0);
        QCOMPARE(model.edgeCount(), 0);
        QCOMPARE(model.nodeIndex(pp), -1);
        QCOMPARE(model.edgeIndex(pp, reviews, u"http"_qs), -1);
    }

    void firstGraphOfTheSameTypeIsAppended()
    {
        // The model starts as an empty workload graph: nothing is removed, so all is "added".
        TrafficGraphModel model;
        Recorder rec(&model);
        const TrafficGraph g = bookinfo();
        model.setGraph(g);
        QCOMPARE(rec.events, (QStringList{u"nodeAdded 0"_qs, u"nodeAdded 1"_qs, u"nodeAdded 2"_qs, u"nodeAdded 3"_qs,
                                          u"nodeAdded 4"_qs, u"edgeAdded 0"_qs, u"edgeAdded 1"_qs, u"edgeAdded 2"_qs,
                                          u"edgeAdded 3"_qs, u"edgeAdded 4"_qs, u"graphChanged"_qs}));
        checkSameContent(model, g);
        QCOMPARE(model.nodeIndex(reviewsVm), 2);
        QCOMPARE(model.edgeIndex(reviewsVm, ratings, u"tcp"_qs), 4);
        QCOMPARE(model.edgeIndex(reviewsVm, ratings, u"http"_qs), -1); // the protocol is part of the key
        QCOMPARE(model.graph().routeChecks.size(), 1);
    }

    void unchangedRefreshOnlyEmitsGraphChanged()
    {
        TrafficGraphModel model;
        model.setGraph(bookinfo());
        QSignalSpy reset(&model, &TrafficGraphModel::reset);
        QSignalSpy nodeAdded(&model, &TrafficGraphModel::nodeAdded);
        QSignalSpy edgeAdded(&model, &TrafficGraphModel::edgeAdded);
        QSignalSpy nodeUpdated(&model, &TrafficGraphModel::nodeUpdated);
        QSignalSpy edgeUpdated(&model, &TrafficGraphModel::edgeUpdated);
        QSignalSpy changed(&model, &TrafficGraphModel::graphChanged);

        // A fresh copy: unknown latencies are NaN in both, which must count as "the same".
        TrafficGraph again = bookinfo();
        again.warnings = {u"prometheus: 1 series skipped"_qs};
        again.routeChecks.clear();
        model.setGraph(again);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(nodeAdded.size(), 0);
        QCOMPARE(edgeAdded.size(), 0);
        QCOMPARE(nodeUpdated.size(), 0);
        QCOMPARE(edgeUpdated.size(), 0);
        QCOMPARE(changed.size(), 1);
        // ...but warnings and route checks are replaced every time.
        QCOMPARE(model.graph().warnings, again.warnings);
        QVERIFY(model.graph().routeChecks.isEmpty());
    }

    void metricChangeUpdatesExactlyThoseIndices()
    {
        TrafficGraphModel model;
        model.setGraph(bookinfo());
        QSignalSpy reset(&model, &TrafficGraphModel::reset);
        QSignalSpy nodeUpdated(&model, &TrafficGraphModel::nodeUpdated);
        QSignalSpy edgeUpdated(&model, &TrafficGraphModel::edgeUpdated);
        QSignalSpy changed(&model, &TrafficGraphModel::graphChanged);

        TrafficGraph g = bookinfo();
        g.nodes[1].inboundRate = 5;                    // reviews-v1
        g.nodes[3].health = GraphHealth::Degraded;     // ratings
        g.edges[2].configured->observedShare = 80;     // productpage -> reviews-vm drifts
        g.edges[2].configured->drift = true;
        g.edges[4].tcpBytesPerSecond = 4096;           // the tcp edge
        model.setGraph(g);

        QCOMPARE(reset.size(), 0);
        QCOMPARE(nodeUpdated.size(), 2);
        QCOMPARE(nodeUpdated.at(0).at(0).toInt(), 1);
        QCOMPARE(nodeUpdated.at(1).at(0).toInt(), 3);
        QCOMPARE(edgeUpdated.size(), 2);
        QCOMPARE(edgeUpdated.at(0).at(0).toInt(), 2);
        QCOMPARE(edgeUpdated.at(1).at(0).toInt(), 4);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.node(1).inboundRate, 5.0);
        QVERIFY(model.node(3).health == GraphHealth::Degraded);
        QVERIFY(model.edge(2).configured->drift);
        QCOMPARE(model.edge(4).tcpBytesPerSecond, 4096.0);
    }

    void everyValueCounts_data()
    {
        QTest::addColumn<int>("edgeIndex"); // -1: the change is on node 2 (the VM)
        using Change = GraphChange;
        QTest::addColumn<Change>("change");
        const auto vm = [](std::function<void(GraphNode&)> f) { return Change([f](TrafficGraph& g) { f(g.nodes[2]); }); };
        const auto toVm = [](std::function<void(GraphEdge&)> f) { return Change([f](TrafficGraph& g) { f(g.edges[2]); }); };
        QTest::newRow("vm entries healthy") << -1 << vm([](GraphNode& n) { n.vmEntriesHealthy = 0; });
        QTest::newRow("workload entries") << -1 << vm([](GraphNode& n) { n.workloadEntries.append(u"we-2"_qs); });
        QTest::newRow("instance health") << -1 << vm([](GraphNode& n) { n.instanceHealth = GraphHealth::Failure; });
        QTest::newRow("outbound rate") << -1 << vm([](GraphNode& n) { n.outboundRate = 0.1; });
        QTest::newRow("isVm") << -1 << vm([](GraphNode& n) { n.isVm = false; });
        QTest::newRow("kind") << -1 << vm([](GraphNode& n) { n.kind = GraphNode::Kind::Workload; });
        QTest::newRow("p95 from unknown") << 2 << toVm([](GraphEdge& e) { e.p95Ms = 30; });
        QTest::newRow("p99 from unknown") << 2 << toVm([](GraphEdge& e) { e.p99Ms = 0; });
        QTest::newRow("response codes") << 2 << toVm([](GraphEdge& e) { e.responseCodes[u"503"_qs] = 0.5; });
        QTest::newRow("response code rate") << 2 << toVm([](GraphEdge& e) { e.responseCodes[u"200"_qs] = 4; });
        QTest::newRow("service rates") << 2 << toVm([](GraphEdge& e) { e.serviceRates[u"reviews.bookinfo.svc.cluster.local"_qs] = 5; });
        QTest::newRow("error rate") << 2 << toVm([](GraphEdge& e) { e.errorRate = 1; });
        QTest::newRow("share") << 2 << toVm([](GraphEdge& e) { e.sharePercent = 50; });
        QTest::newRow("reporter") << 2 << toVm([](GraphEdge& e) { e.reporter = u"destination"_qs; });
        QTest::newRow("edge health") << 2 << toVm([](GraphEdge& e) { e.health = GraphHealth::Degraded; });
        QTest::newRow("weight removed") << 2 << toVm([](GraphEdge& e) { e.configured.reset(); });
        QTest::newRow("weight") << 2 << toVm([](GraphEdge& e) { e.configured->weight = 20; });
        QTest::newRow("weight subset") << 2 << toVm([](GraphEdge& e) { e.configured->subset = u"v2"_qs; });
        QTest::newRow("p95 to unknown") << 1 << Change([](TrafficGraph& g) { g.edges[1].p95Ms = GraphEdge::unknown; });
        QTest::newRow("weight added") << 0 << Change([](TrafficGraph& g) {
            g.edges[0].configured = ConfiguredWeight{u"bookinfo/productpage"_qs, u"productpage"_qs, {}, 100, 100, false};
        });
    }

    void everyValueCounts()
    {
        QFETCH(int, edgeIndex);
        QFETCH(GraphChange, change);
        TrafficGraphModel model;
        model.setGraph(bookinfo());
        Recorder rec(&model);
        TrafficGraph g = bookinfo();
        change(g);
        model.setGraph(g);
        const QString expected = edgeIndex < 0 ? u"nodeUpdated 2"_qs : u"edgeUpdated %1"_qs.arg(edgeIndex);
        QCOMPARE(rec.events, (QStringList{expected, u"graphChanged"_qs}));
    }

    void addedNodesAndEdgesAreAppended()
    {
        TrafficGraphModel model;
        model.setGraph(bookinfo());
        TrafficGraph g = bookinfo();
        // details is new and listed first; its edges sit in the middle of the edge list.
        g.nodes.prepend(workload(details, u"details-v1"_qs));
        g.edges.insert(1, edge(pp, details, 3));
        g.edges.insert(3, edge(details, ratings, 1, u"grpc"_qs));
        g.nodes[2].outboundRate = 1; // reviews-v1 (index 1 in the model) also changes

        // When an edge arrives, both of its nodes can already be looked up.
        bool endsKnown = true;
        connect(&model, &TrafficGraphModel::edgeAdded, this, [&](int i) {
            endsKnown = endsKnown && model.nodeIndex(model.edge(i).source) >= 0
                     && model.nodeIndex(model.edge(i).destination) >= 0;
        });
        Recorder rec(&model);
        model.setGraph(g);
        QCOMPARE(rec.events, (QStringList{u"nodeAdded 5"_qs, u"edgeAdded 5"_qs, u"edgeAdded 6"_qs,
                                          u"nodeUpdated 1"_qs, u"graphChanged"_qs}));
        QVERIFY(endsKnown);
        QCOMPARE(model.node(5).id, details);
        QCOMPARE(model.edge(5).destination, details);
        QCOMPARE(model.edge(6).protocol, u"grpc"_qs);
        // Existing indices did not move.
        const TrafficGraph before = bookinfo();
        for (int i = 0; i < before.nodes.size(); ++i)
            QCOMPARE(model.nodeIndex(before.nodes[i].id), i);
        for (int i = 0; i < before.edges.size(); ++i)
            QCOMPARE(model.edgeIndex(before.edges[i].source, before.edges[i].destination, before.edges[i].protocol), i);
        QCOMPARE(model.node(1).outboundRate, 1.0);
        checkSameContent(model, g);
    }

    void reorderedGraphKeepsIndices()
    {
        TrafficGraphModel model;
        model.setGraph(bookinfo());
        TrafficGraph g = bookinfo();
        std::reverse(g.nodes.begin(), g.nodes.end());
        std::reverse(g.edges.begin(), g.edges.end());
        g.nodes.insert(2, workload(details, u"details-v1"_qs));
        Recorder rec(&model);
        model.setGraph(g);
        QCOMPARE(rec.events, (QStringList{u"nodeAdded 5"_qs, u"graphChanged"_qs}));
        QCOMPARE(model.nodeIndex(pp), 0);
        QCOMPARE(model.nodeIndex(unknown), 4);
        QCOMPARE(model.nodeIndex(details), 5);
        QCOMPARE(model.edgeIndex(unknown, pp, u"http"_qs), 0);
        QCOMPARE(model.edgeIndex(reviewsVm, ratings, u"tcp"_qs), 4);
        // The same new order again is an unchanged refresh.
        rec.events.clear();
        model.setGraph(g);
        QCOMPARE(rec.events, QStringList{u"graphChanged"_qs});
    }

    void removalResets_data()
    {
        QTest::addColumn<bool>("removeNode");
        QTest::newRow("node and its edges") << true;
        QTest::newRow("edge only") << false;
    }

    void removalResets()
    {
        QFETCH(bool, removeNode);
        TrafficGraphModel model;
        model.setGraph(bookinfo());
        TrafficGraph g = bookinfo();
        g.edges.removeAt(4); // reviews-vm -> ratings (tcp)
        if (removeNode) {
            g.edges.removeAt(2); // productpage -> reviews-vm
            g.nodes.removeAt(2); // reviews-vm
        }
        g.nodes.append(workload(details, u"details-v1"_qs)); // an addition is part of the reset
        g.edges[0].requestRate = 11;
        Recorder rec(&model);
        model.setGraph(g);
        QCOMPARE(rec.events, (QStringList{u"reset"_qs, u"graphChanged"_qs}));
        checkSameContent(model, g);
        // After a reset the indices are those of the new graph.
        for (int i = 0; i < g.nodes.size(); ++i)
            QCOMPARE(model.nodeIndex(g.nodes[i].id), i);
        QCOMPARE(model.nodeIndex(reviewsVm), removeNode ? -1 : 2);
        QCOMPARE(model.edgeIndex(reviewsVm, ratings, u"tcp"_qs), -1);
    }

    void typeChangeResets()
    {
        TrafficGraphModel model;
        model.setGraph(bookinfo());
        TrafficGraph g = bookinfo(); // same ids, another type: the nodes mean something else
        g.type = GraphType::VersionedApp;
        Recorder rec(&model);
        model.setGraph(g);
        QCOMPARE(rec.events, (QStringList{u"reset"_qs, u"graphChanged"_qs}));
        QVERIFY(model.graph().type == GraphType::VersionedApp);
        checkSameContent(model, g);
    }

    void firstGraphOfAnotherTypeResets()
    {
        TrafficGraphModel model;
        TrafficGraph g = bookinfo();
        g.type = GraphType::App;
        Recorder rec(&model);
        model.setGraph(g);
        QCOMPARE(rec.events, (QStringList{u"reset"_qs, u"graphChanged"_qs}));
        checkSameContent(model, g);
    }

    void clearResets()
    {
        TrafficGraphModel model;
        model.setGraph(bookinfo());
        QSignalSpy reset(&model, &TrafficGraphModel::reset);
        QSignalSpy changed(&model, &TrafficGraphModel::graphChanged);
        model.clear();
        QCOMPARE(reset.size(), 1);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.nodeCount(), 0);
        QCOMPARE(model.edgeCount(), 0);
        QCOMPARE(model.nodeIndex(pp), -1);
        QCOMPARE(model.edgeIndex(unknown, pp, u"http"_qs), -1);
        QVERIFY(model.graph().routeChecks.isEmpty());
        // Refilled afterwards: an empty workload graph again, so everything is added.
        Recorder rec(&model);
        model.setGraph(bookinfo());
        QCOMPARE(rec.events.first(), u"nodeAdded 0"_qs);
        QCOMPARE(rec.events.size(), 5 + 5 + 1);
    }

    void repeatedIdsReset()
    {
        // GraphBuilder never repeats an id; if something does, the model must not mis-index.
        TrafficGraphModel model;
        model.setGraph(bookinfo());
        TrafficGraph g = bookinfo();
        GraphNode twin = g.nodes[1];
        twin.inboundRate = 99;
        g.nodes.append(twin);
        Recorder rec(&model);
        model.setGraph(g);
        QCOMPARE(rec.events, (QStringList{u"reset"_qs, u"graphChanged"_qs}));
        QCOMPARE(model.nodeCount(), 6);
        QCOMPARE(model.nodeIndex(reviews), 1); // the first one, like TrafficGraph::node()
    }
};

QTEST_APPLESS_MAIN(TestTrafficGraphModel)
#include "tst_trafficgraphmodel.moc"
