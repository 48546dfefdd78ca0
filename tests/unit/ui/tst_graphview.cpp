// SPDX-License-Identifier: Apache-2.0
#include "graphview.h"

#include "graphfilter.h"
#include "graphitems.h"
#include "graphscene.h"
#include "trafficgraphmodel.h"

#include <QGraphicsView>
#include <QImage>
#include <QPainter>
#include <QSignalSpy>
#include <QStyleOptionGraphicsItem>
#include <QTest>
#include <QThreadPool>

// The graph view offscreen: an item per node and edge, VMs as hexagons, the selection's details,
// stale layouts dropped, labels gone at overview zoom; the scene mirroring its TrafficGraphModel
// (updates in place, additions keep what is shown, drags pin nodes) and find/hide.

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
// Paints item at a level of detail into an image of rect's size (default: the item's bounds), so
// that two states of one item (with and without a label) compare pixel for pixel.
QImage paintAt(QGraphicsItem* item, double lod, QRectF r = {})
{
    if (r.isNull())
        r = item->boundingRect();
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

    void selectionDetails()
    {
        GraphView view;
        QVERIFY(load(view, splitGraph()));
        GraphScene* scene = view.scene();
        QVERIFY(scene->selectionDetails().isEmpty());
        QVERIFY(!scene->selectionSeriesTarget());
        scene->nodeItem(u"reviews-vm"_qs)->setSelected(true);
        QVERIFY2(scene->selectionDetails().contains(u"runs on: VMs"_qs), qPrintable(scene->selectionDetails()));
        QVERIFY(scene->selectionDetails().contains(u"reviews-vm-10.0.0.5"_qs));
        QCOMPARE(scene->selectionSeriesTarget()->target, SeriesRequest::Target::Node);
        QCOMPARE(scene->selectionSeriesTarget()->nodeId, u"reviews-vm"_qs);
        scene->clearSelection();
        scene->edgeItems()[0]->setSelected(true);
        const std::optional<SeriesRequest> edge = scene->selectionSeriesTarget();
        QCOMPARE(edge->target, SeriesRequest::Target::Edge);
        QCOMPARE(edge->source, u"productpage"_qs);
        QCOMPARE(edge->destination, u"reviews-v1"_qs);
        QCOMPARE(edge->protocol, u"http"_qs);
        const QString text = scene->selectionDetails();
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

    void updatesInPlaceWithoutLayout()
    {
        GraphView view;
        QVERIFY(load(view, splitGraph()));
        GraphScene* scene = view.scene();
        const quint64 job = scene->layoutJob();
        GraphNodeItem* item = scene->nodeItem(u"reviews-v1"_qs);
        const QPointF place = item->pos();
        QSignalSpy updated(view.model(), &TrafficGraphModel::nodeUpdated);
        TrafficGraph next = splitGraph();
        next.nodes[1].health = GraphHealth::Failure;
        next.edges[0].requestRate = 4;
        QCOMPARE(view.setGraph(next), job);
        QCOMPARE(updated.size(), 1);
        QCOMPARE(scene->layoutJob(), job);
        QVERIFY(!scene->isLayoutPending());
        QCOMPARE(scene->nodeItem(u"reviews-v1"_qs), item); // the same item, changed in place
        QCOMPARE(item->pos(), place);
        QCOMPARE(item->color(), QColor(GraphStyle::healthColor(GraphHealth::Failure)));
        QVERIFY2(scene->edgeItems()[0]->labelText().startsWith(u"4.0 rps"_qs), qPrintable(scene->edgeItems()[0]->labelText()));
        // Pods that turn out to run on a VM: another item class, same place.
        next.nodes[1].isVm = true;
        view.setGraph(next);
        QCOMPARE(scene->layoutJob(), job);
        QCOMPARE(scene->nodeItem(u"reviews-v1"_qs)->type(), int(VmNodeItem::Type));
        QCOMPARE(scene->nodeItem(u"reviews-v1"_qs)->pos(), place);
    }

    void additionsKeepPlacedNodes()
    {
        GraphView view;
        QVERIFY(load(view, splitGraph()));
        GraphScene* scene = view.scene();
        GraphNodeItem* caller = scene->nodeItem(u"productpage"_qs);
        caller->setPos(caller->pos() + QPointF(0, 300)); // the user's move
        QHash<QString, QPointF> before;
        for (const GraphNodeItem* item : scene->nodeItems())
            before.insert(item->nodeId(), item->pos());
        const quint64 job = scene->layoutJob();
        TrafficGraph next = splitGraph();
        next.nodes.append(node(u"details"_qs, GraphNode::Kind::Workload));
        next.edges.append(edge(u"productpage"_qs, u"details"_qs, 5, 100));
        QVERIFY(load(view, next));
        QVERIFY(scene->layoutJob() > job);
        QCOMPARE(scene->nodeItem(u"productpage"_qs), caller);
        for (auto it = before.cbegin(); it != before.cend(); ++it)
            QCOMPARE(scene->nodeItem(it.key())->pos(), it.value());
        GraphNodeItem* added = scene->nodeItem(u"details"_qs);
        QVERIFY(added);
        QCOMPARE(scene->edgeItems().size(), 3);
        // Placed beside its caller (moved along with it), to its right as the layout runs.
        QVERIFY(added->x() > caller->x());
        QVERIFY(std::abs(added->y() - caller->y()) < 200);
        // A node removed is a new graph: everything is laid out again.
        QVERIFY(load(view, splitGraph()));
        QVERIFY(!scene->nodeItem(u"details"_qs));
        QCOMPARE(scene->nodeItems().size(), 4);
    }

    void dragsPinNodes()
    {
        GraphView view;
        GraphScene* scene = view.scene();
        const QPointF saved(1000, -500);
        scene->setPinnedPositions({{u"reviews-v1"_qs, saved}, {u"gone"_qs, QPointF(1, 2)}});
        QVERIFY(load(view, splitGraph()));
        QCOMPARE(scene->nodeItem(u"reviews-v1"_qs)->pos(), saved); // saved beats computed
        QVERIFY(scene->sceneRect().contains(saved));
        // Its edge runs straight from the caller to the pinned place.
        const QList<QPointF> route = scene->edgeItems()[0]->route();
        QCOMPARE(route.size(), 2);
        QCOMPARE(route.last(), saved);

        QSignalSpy edited(scene, &GraphScene::positionsEdited);
        GraphNodeItem* vm = scene->nodeItem(u"reviews-vm"_qs);
        QVERIFY(vm->flags().testFlag(QGraphicsItem::ItemIsMovable));
        vm->setPos(QPointF(-300, 40));
        QCOMPARE(scene->edgeItems()[1]->route().last(), QPointF(-300, 40));
        scene->commitMoves(); // what the mouse release does
        QCOMPARE(edited.size(), 1);
        scene->commitMoves();
        QCOMPARE(edited.size(), 1); // once per drag
        const QHash<QString, QPointF> pinned = scene->pinnedPositions();
        QCOMPARE(pinned.value(u"reviews-vm"_qs), QPointF(-300, 40));
        QCOMPARE(pinned.value(u"reviews-v1"_qs), saved);
        QVERIFY(pinned.contains(u"gone"_qs)); // kept for when that node comes back
        QVERIFY(!pinned.contains(u"productpage"_qs));
    }

    void mouseDragMovesANode()
    {
        GraphView view;
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(load(view, splitGraph()));
        GraphScene* scene = view.scene();
        QSignalSpy edited(scene, &GraphScene::positionsEdited);
        GraphNodeItem* vm = scene->nodeItem(u"reviews-vm"_qs);
        const QPointF before = vm->pos();
        QWidget* viewport = view.canvas()->viewport();
        const QPoint from = view.canvas()->mapFromScene(before);
        const QPoint to = from + QPoint(60, 40);
        // The background pans (ScrollHandDrag), but a node under the mouse is dragged itself.
        QTest::mousePress(viewport, Qt::LeftButton, {}, from);
        for (int step = 1; step <= 4; ++step)
            QTest::mouseMove(viewport, from + (to - from) * step / 4);
        QTest::mouseRelease(viewport, Qt::LeftButton, {}, to);
        QVERIFY2(vm->pos() != before, "the node did not move");
        QCOMPARE(edited.size(), 1);
        QCOMPARE(scene->pinnedPositions().value(u"reviews-vm"_qs), vm->pos());
        QVERIFY(vm->isSelected());
    }

    void findAndHide()
    {
        GraphView view;
        QVERIFY(load(view, splitGraph()));
        GraphScene* scene = view.scene();
        auto parse = [](const QString& text) { return *GraphFilter::parse(text); };
        auto emphasis = [&](const QString& id) { return scene->nodeItem(id)->emphasis(); };

        scene->setFindFilter(parse(u"vm"_qs));
        QCOMPARE(scene->foundCount(), 1);
        QCOMPARE(emphasis(u"reviews-vm"_qs), GraphEmphasis::Highlighted);
        QCOMPARE(emphasis(u"productpage"_qs), GraphEmphasis::Dimmed);
        QVERIFY(scene->nodeItem(u"productpage"_qs)->opacity() < 0.5);
        QCOMPARE(scene->edgeItems()[0]->emphasis(), GraphEmphasis::Dimmed);

        // Edge expressions highlight edges; their ends stay as they are, the rest is dimmed.
        scene->setFindFilter(parse(u"rate > 5"_qs));
        QCOMPARE(scene->foundCount(), 1);
        QCOMPARE(scene->edgeItems()[0]->emphasis(), GraphEmphasis::Highlighted);
        QCOMPARE(scene->edgeItems()[1]->emphasis(), GraphEmphasis::Dimmed);
        QCOMPARE(emphasis(u"productpage"_qs), GraphEmphasis::Normal);
        QCOMPARE(emphasis(u"reviews-v1"_qs), GraphEmphasis::Normal);
        QCOMPARE(emphasis(u"reviews-vm"_qs), GraphEmphasis::Dimmed);
        scene->setFindFilter(GraphFilter());
        QCOMPARE(emphasis(u"reviews-vm"_qs), GraphEmphasis::Normal);
        QCOMPARE(scene->nodeItem(u"reviews-vm"_qs)->opacity(), 1.0);

        // Hiding a node hides its edges; hiding edges leaves the nodes.
        scene->setHideFilter(parse(u"name = productpage"_qs));
        QVERIFY(!scene->nodeItem(u"productpage"_qs)->isVisible());
        QVERIFY(!scene->edgeItems()[0]->isVisible());
        QVERIFY(!scene->edgeItems()[1]->isVisible());
        QVERIFY(scene->nodeItem(u"reviews-vm"_qs)->isVisible());
        scene->setHideFilter(parse(u"weight = 50 and share < 50"_qs));
        QVERIFY(scene->nodeItem(u"productpage"_qs)->isVisible());
        QVERIFY(scene->edgeItems()[0]->isVisible());
        QVERIFY(!scene->edgeItems()[1]->isVisible());
        // A metrics update keeps the filters applied to the changed values.
        TrafficGraph next = splitGraph();
        next.edges[0].sharePercent = 40;
        view.setGraph(next);
        QVERIFY(!scene->edgeItems()[0]->isVisible());
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

    void namespaceAndNetworkBoxes()
    {
        GraphView view;
        TrafficGraph g = splitGraph();
        for (GraphNode& n : g.nodes)
            n.network = u"network1"_qs;
        g.nodes[2].namespaceName = u"bookinfo-vm"_qs; // the VM in its own namespace and network
        g.nodes[2].network = u"vm-network"_qs;
        QVERIFY(load(view, g));
        GraphScene* scene = view.scene();
        QList<GraphBoxItem*> namespaces;
        int networks = 0;
        for (GraphBoxItem* b : scene->boxItems()) {
            if (b->box().kind == GraphBox::Kind::Namespace)
                namespaces.append(b);
            else
                ++networks;
        }
        QCOMPARE(namespaces.size(), 2);
        QCOMPARE(networks, 2);
        auto boxOf = [&](const QString& ns) {
            for (GraphBoxItem* b : std::as_const(namespaces)) {
                if (b->box().namespaceName == ns)
                    return b;
            }
            return static_cast<GraphBoxItem*>(nullptr);
        };
        GraphNodeItem* vm = scene->nodeItem(u"reviews-vm"_qs);
        QVERIFY(boxOf(u"bookinfo-vm"_qs)->box().rect.contains(vm->pos()));
        QVERIFY(!boxOf(u"bookinfo"_qs)->box().rect.contains(vm->pos()));
        QVERIFY(!boxOf(u"bookinfo"_qs)->box().rect.intersects(boxOf(u"bookinfo-vm"_qs)->box().rect));
        QVERIFY(boxOf(u"bookinfo"_qs)->zValue() < 0); // behind nodes and edges
        // The box follows a node the user drags away.
        vm->setPos(vm->pos() + QPointF(0, 600));
        QSignalSpy edited(scene, &GraphScene::positionsEdited);
        QTest::mouseRelease(view.canvas()->viewport(), Qt::LeftButton);
        QVERIFY(boxOf(u"bookinfo-vm"_qs)->box().rect.contains(vm->pos()));
    }

    void levelOfDetail()
    {
        GraphView view;
        QVERIFY(load(view, splitGraph()));
        GraphEdgeItem* e = view.scene()->edgeItems()[0];
        GraphNodeItem* n = view.scene()->nodeItem(u"reviews-v1"_qs);
        const QRectF labelled = e->boundingRect();
        auto withoutLabels = [&](double lod) {
            const QString saved = e->labelText();
            e->setLabelText({});
            const QImage image = paintAt(e, lod, labelled);
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

    void canvasFollowsItemChanges_data()
    {
        QTest::addColumn<double>("zoom");
        QTest::newRow("overview") << 0.1;  // one pass over a flat copy of the edges
        QTest::newRow("detail") << 1.0;    // items painted by the canvas, edges batched
    }
    void canvasFollowsItemChanges()
    {
        // The canvas paints the items itself, from copies it keeps between frames: every change
        // to an edge shows in the next frame, and undoing it gives the same frame as before.
        QFETCH(double, zoom);
        GraphView view;
        view.resize(800, 600);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QVERIFY(load(view, splitGraph()));
        view.zoomBy(zoom / view.zoom());
        QCOMPARE(view.zoom() < GraphLod::overview, zoom < GraphLod::overview);
        GraphEdgeItem* e = view.scene()->edgeItems()[0];
        view.canvas()->centerOn(e->boundingRect().center());
        auto frame = [&] { return view.canvas()->viewport()->grab().toImage(); };
        const QImage before = frame();
        e->setVisible(false);
        QVERIFY(frame() != before);
        e->setVisible(true);
        QCOMPARE(frame(), before);
        e->setSelected(true);
        QVERIFY(frame() != before);
        e->setSelected(false);
        e->setEmphasis(GraphEmphasis::Dimmed);
        QVERIFY(frame() != before);
        e->setEmphasis(GraphEmphasis::Normal);
        QCOMPARE(frame(), before);
        if (zoom >= GraphLod::labels) { // the edge's label is on screen
            const QString label = e->labelText();
            e->setLabelText({});
            QVERIFY(frame() != before);
            e->setLabelText(label);
            QCOMPARE(frame(), before);
        }
    }
};

QTEST_MAIN(TestGraphView)
#include "tst_graphview.moc"
