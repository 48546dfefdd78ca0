// SPDX-License-Identifier: Apache-2.0
#include "graphitems.h"
#include "graphscene.h"
#include "graphview.h"

#include <QGraphicsView>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QStyleOptionGraphicsItem>
#include <QTest>
#include <QThreadPool>

// The graph view offscreen: an item per node and edge, VMs as hexagons, the side panel showing
// the selected item's metrics, stale layouts dropped, and labels gone at overview zoom.

namespace {

GraphNode node(const QString& id, GraphNode::Kind kind, bool vm = false)
{
    GraphNode n;
    n.id = id;
    n.kind = kind;
    n.namespaceName = u"bookinfo"_qs;
    n.workload = id;
    n.isVm = vm;
    n.health = GraphHealth::Healthy;
    return n;
}

GraphEdge edge(const QString& s, const QString& d, double rate, double share)
{
    GraphEdge e;
    e.source = s;
    e.destination = d;
    e.protocol = u"http"_qs;
    e.reporter = u"source"_qs;
    e.requestRate = rate;
    e.sharePercent = share;
    e.health = GraphHealth::Healthy;
    return e;
}

// productpage splits reviews 50/50 between pods and a VM, observed 80/20.
TrafficGraph splitGraph()
{
    TrafficGraph g;
    g.nodes = {node(u"productpage"_qs, GraphNode::Kind::Workload), node(u"reviews-v1"_qs, GraphNode::Kind::Workload),
               node(u"reviews-vm"_qs, GraphNode::Kind::VmWorkload, true), node(u"reviews"_qs, GraphNode::Kind::Service)};
    g.nodes[2].vmEntries = 1;
    g.nodes[2].vmEntriesHealthy = 1;
    g.nodes[2].workloadEntries = {u"reviews-vm-10.0.0.5"_qs};
    g.edges = {edge(u"productpage"_qs, u"reviews-v1"_qs, 8, 80), edge(u"productpage"_qs, u"reviews-vm"_qs, 2, 20)};
    g.edges[0].configured = ConfiguredWeight{u"bookinfo/reviews"_qs, u"reviews"_qs, u"v1"_qs, 50, 80, true};
    g.edges[1].configured = ConfiguredWeight{u"bookinfo/reviews"_qs, u"reviews"_qs, u"vm"_qs, 50, 20, true};
    return g;
}

// Sets the graph and waits for its layout. The spy exists before setGraph(): a layout that is
// already done when the continuation is attached reports synchronously.
bool load(GraphView& view, const TrafficGraph& graph)
{
    QSignalSpy spy(&view, &GraphView::layoutFinished);
    const quint64 job = view.setGraph(graph);
    return QTest::qWaitFor([&] {
        for (const auto& args : std::as_const(spy)) {
            if (args.value(0).toULongLong() == job)
                return true;
        }
        return false;
    }, 10000);
}

// Paints one item with a painter scaled by lod into an image.
QImage paintAt(QGraphicsItem* item, double lod)
{
    const QRectF r = item->boundingRect();
    QImage image(static_cast<int>(r.width() * lod) + 4, static_cast<int>(r.height() * lod) + 4, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.scale(lod, lod);
    painter.translate(-r.topLeft() + QPointF(1, 1));
    QStyleOptionGraphicsItem option;
    option.exposedRect = r;
    item->paint(&painter, &option, nullptr);
    return image;
}

} // namespace

class TestGraphView final : public QObject
{
    Q_OBJECT

private slots:
    void itemsForEveryNodeAndEdge()
    {
        GraphView view;
        const TrafficGraph graph = splitGraph();
        QVERIFY(load(view, graph));
        GraphScene* scene = view.scene();
        QCOMPARE(scene->nodeItems().size(), graph.nodes.size());
        QCOMPARE(scene->edgeItems().size(), graph.edges.size());
        for (const GraphNode& n : graph.nodes)
            QVERIFY(scene->nodeItem(n.id));
        QCOMPARE(scene->nodeItem(u"reviews-vm"_qs)->type(), int(VmNodeItem::Type));
        QCOMPARE(scene->nodeItem(u"reviews-vm"_qs)->nodeShape(), GraphStyle::Shape::Hexagon);
        QCOMPARE(scene->nodeItem(u"reviews-v1"_qs)->type(), int(GraphNodeItem::Type));
        QCOMPARE(scene->nodeItem(u"reviews-v1"_qs)->nodeShape(), GraphStyle::Shape::Circle);
        QCOMPARE(scene->nodeItem(u"reviews"_qs)->nodeShape(), GraphStyle::Shape::Triangle);
        // Laid out left to right: the caller left of its destinations; the scene rect is fixed.
        QVERIFY(scene->nodeItem(u"productpage"_qs)->x() < scene->nodeItem(u"reviews-vm"_qs)->x());
        QVERIFY(scene->sceneRect().contains(scene->itemsBoundingRect()));
        QVERIFY(view.canvas()->optimizationFlags().testFlag(QGraphicsView::DontSavePainterState));
        // Edge width follows the rate; drifted edges are flagged.
        QVERIFY(scene->edgeItems()[0]->penWidth() > scene->edgeItems()[1]->penWidth());
        QVERIFY(scene->edgeItems()[0]->drifted());
    }

    void selectionFillsThePanel()
    {
        GraphView view;
        QVERIFY(load(view, splitGraph()));
        QVERIFY(view.panelText().startsWith(u"Select"_qs));
        view.scene()->nodeItem(u"reviews-vm"_qs)->setSelected(true);
        QVERIFY2(view.panelText().contains(u"runs on: VMs"_qs), qPrintable(view.panelText()));
        QVERIFY(view.panelText().contains(u"reviews-vm-10.0.0.5"_qs));
        view.scene()->clearSelection();
        view.scene()->edgeItems()[0]->setSelected(true);
        const QString text = view.panelText();
        QVERIFY2(text.contains(u"configured weight: 50%"_qs), qPrintable(text));
        QVERIFY(text.contains(u"observed share: 80.0%"_qs));
        QVERIFY(text.contains(u"DRIFT"_qs));
        QVERIFY(text.contains(u"8.0 rps"_qs));
    }

    void labelToggles()
    {
        GraphView view;
        QVERIFY(load(view, splitGraph()));
        GraphEdgeItem* e = view.scene()->edgeItems()[0];
        QVERIFY(e->labelText().contains(u"weight 50% (drift)"_qs));
        QVERIFY(e->labelText().contains(u"8.0 rps"_qs));
        GraphStyle::EdgeLabels labels;
        labels.rate = false;
        labels.share = false;
        labels.weight = false;
        view.setEdgeLabels(labels);
        QVERIFY(e->labelText().isEmpty());
        labels.weight = true;
        view.setEdgeLabels(labels);
        QCOMPARE(e->labelText(), u"weight 50% (drift)"_qs);
    }

    void staleLayoutDropped()
    {
        GraphView view;
        QSignalSpy spy(&view, &GraphView::layoutFinished);
        // A big first graph (still being laid out) replaced at once by the small split graph.
        TrafficGraph first;
        for (int i = 0; i < 4000; ++i)
            first.nodes.append(node(u"n%1"_qs.arg(i), GraphNode::Kind::Workload));
        for (int i = 0; i < 4000; ++i) {
            for (int k = 1; k <= 4; ++k)
                first.edges.append(edge(u"n%1"_qs.arg(i), u"n%1"_qs.arg((i * 7 + k * 131) % 4000), 1, 25));
        }
        const quint64 stale = view.setGraph(first);
        const quint64 second = view.setGraph(splitGraph());
        QVERIFY(second > stale);
        QVERIFY(QTest::qWaitFor([&] { return !spy.isEmpty(); }, 10000));
        QThreadPool::globalInstance()->waitForDone(); // the big layout finishes...
        QTest::qWait(100);                            // ...and its continuation runs, and drops it
        QCOMPARE(spy.size(), 1);
        QCOMPARE(spy.first().value(0).toULongLong(), second);
        QCOMPARE(view.scene()->nodeItems().size(), 4);
        QVERIFY(!view.scene()->nodeItem(u"n0"_qs));
    }

    void levelOfDetail()
    {
        GraphView view;
        QVERIFY(load(view, splitGraph()));
        GraphEdgeItem* e = view.scene()->edgeItems()[0];
        GraphNodeItem* n = view.scene()->nodeItem(u"reviews-v1"_qs);
        auto withoutLabels = [&](double lod) {
            const QString saved = e->labelText();
            e->setLabelText({});
            const QImage image = paintAt(e, lod);
            e->setLabelText(saved);
            return image;
        };
        // At 1:1 the label is painted; at 0.3 (below 0.4) the same item paints no text.
        QVERIFY(paintAt(e, 1.0) != withoutLabels(1.0));
        QCOMPARE(paintAt(e, 0.3), withoutLabels(0.3));
        // Node label: present at 1.0, gone at 0.3 (compared with a node whose label is empty).
        GraphNode unnamed = splitGraph().nodes[1];
        unnamed.workload = u" "_qs;
        GraphNodeItem blank(0, unnamed, GraphScene::nodeRadius);
        QVERIFY(paintAt(n, 1.0) != paintAt(&blank, 1.0));
        QCOMPARE(paintAt(n, 0.3), paintAt(&blank, 0.3));
        // The wheel's zoom reaches overview scale, where the scene's labels are dropped.
        view.zoomBy(0.1);
        QVERIFY(view.zoom() < GraphLod::labels);
    }
};

QTEST_MAIN(TestGraphView)
#include "tst_graphview.moc"
