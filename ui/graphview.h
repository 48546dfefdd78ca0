// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "graphstyle.h"
#include "trafficgraph.h"

#include <QWidget>

class GraphScene;
class QGraphicsView;
class TrafficGraphModel;

/*!
 * The traffic graph canvas: a QGraphicsView (the chip demo's flags, wheel zoom) over a
 * GraphScene that mirrors this view's TrafficGraphModel. The layout runs in QtConcurrent; a
 * result that a newer layout overtook is dropped (by job id). After a full layout the view
 * fits the graph in.
 */
class GraphView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphView)

public:
    explicit GraphView(QWidget* parent = nullptr);

    TrafficGraphModel* model() const { return m_model; }
    GraphScene* scene() const { return m_scene; }
    QGraphicsView* canvas() const { return m_canvas; }

    /*!
     * Hands graph to the model. Returns the layout job the scene then waits for: a new one when
     * the topology changed, else the last one (already applied).
     */
    quint64 setGraph(const TrafficGraph& graph);
    void setEdgeLabels(const GraphStyle::EdgeLabels& labels);

    /*! Multiplies the zoom (what the wheel does), clamped to 8 and to 0.02 or the whole graph's fit, whichever is further out. */
    void zoomBy(double factor);
    double zoom() const;
    /*! Shows every visible item, at most at 1:1. */
    void zoomToFit();

signals:
    /*! The scene now shows the layout of job (stale jobs never report). */
    void layoutFinished(quint64 job);

private:
    void onLayoutFinished(quint64 job);

    TrafficGraphModel* m_model;
    GraphScene* m_scene;
    QGraphicsView* m_canvas;
};
