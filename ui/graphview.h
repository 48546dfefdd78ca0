// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "graphstyle.h"
#include "trafficgraph.h"

#include <QWidget>

class GraphScene;
class QGraphicsView;
class QLabel;

/*!
 * The traffic graph view: a QGraphicsView over a GraphScene, label toggles above it and a side
 * panel with the selected node's or edge's metrics. The layout runs in QtConcurrent; a result
 * that arrives after a newer setGraph() is dropped (by job id).
 */
class GraphView final : public QWidget
{
    Q_OBJECT

public:
    explicit GraphView(QWidget* parent = nullptr);

    /*! Starts laying out graph off the GUI thread; returns the job id layoutFinished() reports. */
    quint64 setGraph(const TrafficGraph& graph);
    void setEdgeLabels(const GraphStyle::EdgeLabels& labels);

    GraphScene* scene() const { return m_scene; }
    QGraphicsView* canvas() const { return m_canvas; }
    QString panelText() const;
    /*! Multiplies the zoom (what the wheel does), clamped to 0.02..8. */
    void zoomBy(double factor);
    double zoom() const;

signals:
    /*! The scene now shows the graph of job (stale jobs never report). */
    void layoutFinished(quint64 job);

private:
    void updatePanel();

    GraphScene* m_scene;
    QGraphicsView* m_canvas;
    QLabel* m_panel;
    quint64 m_job = 0;
};
