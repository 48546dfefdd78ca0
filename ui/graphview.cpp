// SPDX-License-Identifier: Apache-2.0
#include "graphview.h"

#include "graphitems.h"
#include "graphscene.h"
#include "graphtheme.h"
#include "trafficgraphmodel.h"

#include <QEvent>
#include <QGraphicsView>
#include <QPaintEvent>
#include <QPainter>
#include <QStyleOptionGraphicsItem>
#include <QVBoxLayout>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace {

// Wheel zoom around the cursor; the view flags follow qtbase's 40,000-chip demo.
class GraphCanvas final : public QGraphicsView
{
public:
    GraphCanvas(QGraphicsScene* scene, GraphView* owner)
        : QGraphicsView(scene)
        , m_owner(owner)
    {
        setObjectName(u"graphCanvas"_qs);
        setOptimizationFlags(DontSavePainterState);
        setViewportUpdateMode(SmartViewportUpdate);
        setDragMode(ScrollHandDrag); // on the background; a node under the mouse is dragged instead
        setTransformationAnchor(AnchorUnderMouse);
        setRenderHint(QPainter::Antialiasing);
        GraphTheme::setCurrent(GraphTheme::forPalette(palette()));
    }

protected:
    // The desktop switched between light and dark: the items paint with the new theme.
    void changeEvent(QEvent* event) override
    {
        if (event->type() == QEvent::PaletteChange) {
            GraphTheme::setCurrent(GraphTheme::forPalette(palette()));
            viewport()->update();
        }
        QGraphicsView::changeEvent(event);
    }

    void wheelEvent(QWheelEvent* event) override
    {
        const double steps = event->angleDelta().y() / 120.0;
        if (steps != 0)
            m_owner->zoomBy(std::pow(1.25, steps));
        event->accept();
    }

    // The canvas paints the items itself at every zoom (docs/benchmarks.md): below the overview
    // threshold in one pass over the items' data, above it item by item in stacking order,
    // without QGraphicsScene's work per item. The items stay in the scene and still take clicks,
    // drags and tooltips.
    void paintEvent(QPaintEvent* event) override
    {
        QPainter painter(viewport());
        painter.setRenderHints(renderHints());
        painter.setWorldTransform(viewportTransform());
        const QRectF exposed = mapToScene(event->rect()).boundingRect();
        drawBackground(&painter, exposed);
        const GraphScene* scene = m_owner->scene();
        if (QStyleOptionGraphicsItem::levelOfDetailFromTransform(transform()) >= GraphLod::overview) {
            paintGraphItems(&painter, exposed, scene->boxItems(), scene->nodeItems(), scene->edgeItems(), viewport());
        } else {
            paintGraphItems(&painter, exposed, scene->boxItems(), {}, {}, viewport()); // a few hundred at most
            paintGraphOverview(&painter, exposed, scene->nodeItems(), scene->edgeItems());
        }
        drawForeground(&painter, exposed);
    }

private:
    GraphView* m_owner;
};

} // namespace

GraphView::GraphView(QWidget* parent)
    : QWidget(parent)
    , m_model(new TrafficGraphModel(this))
    , m_scene(new GraphScene(this))
{
    m_canvas = new GraphCanvas(m_scene, this);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_canvas);
    connect(m_scene, &GraphScene::layoutFinished, this, &GraphView::onLayoutFinished);
    m_scene->setModel(m_model);
}

quint64 GraphView::setGraph(const TrafficGraph& graph)
{
    m_model->setGraph(graph);
    return m_scene->layoutJob();
}

void GraphView::setEdgeLabels(const GraphStyle::EdgeLabels& labels)
{
    m_scene->setEdgeLabels(labels);
}

void GraphView::zoomBy(double factor)
{
    const double current = zoom();
    // Out to 0.02, or further when that is what it takes to see the whole graph (10,000 nodes).
    const QRectF bounds = m_scene->sceneRect();
    const QSize port = m_canvas->viewport()->size();
    const double fit = bounds.isEmpty() ? 0.02
                                        : std::min(port.width() / bounds.width(), port.height() / bounds.height());
    const double target = std::clamp(current * factor, std::min(0.02, 0.9 * fit), 8.0);
    m_canvas->scale(target / current, target / current);
}

double GraphView::zoom() const
{
    return m_canvas->transform().m11();
}

void GraphView::zoomToFit()
{
    const QRectF bounds = m_scene->visibleItemsRect();
    if (bounds.isEmpty())
        return;
    m_canvas->fitInView(bounds, Qt::KeepAspectRatio);
    if (zoom() > 1.0)
        zoomBy(1.0 / zoom());
}

void GraphView::onLayoutFinished(quint64 job)
{
    // A graph that only grew keeps the reader's zoom and place; a new graph is shown whole.
    if (m_scene->lastLayoutWasFull())
        zoomToFit();
    emit layoutFinished(job);
}
