// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "graphstyle.h"
#include "trafficgraph.h"

#include <QGraphicsItem>
#include <QPainterPath>

/*!
 * Plain QGraphicsItems (no QObject) for thousands of nodes and edges. Detail is dropped by level
 * of detail (house style §4, qtbase's chip demo): labels below 0.4, arrowheads below 0.2.
 */
namespace GraphLod {
constexpr double labels = 0.4;
constexpr double arrows = 0.2;
} // namespace GraphLod

/*! A pod workload (circle), service (triangle), service entry (trapezoid) or unknown (diamond). */
class GraphNodeItem : public QGraphicsItem
{
public:
    enum { Type = UserType + 101 };
    GraphNodeItem(int index, const GraphNode& node, double radius);

    int type() const override { return Type; }
    int index() const { return m_index; }
    QString nodeId() const { return m_id; }
    QString label() const { return m_label; }
    GraphStyle::Shape nodeShape() const { return m_shape; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override { return m_path; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    static QPainterPath outline(GraphStyle::Shape shape, double radius);

private:
    int m_index;
    QString m_id;
    QString m_label;
    GraphStyle::Shape m_shape;
    QColor m_color;
    double m_radius;
    QPainterPath m_path;
};

/*! A node that runs (partly) on VMs: a hexagon, so it never passes for a pod. */
class VmNodeItem final : public GraphNodeItem
{
public:
    enum { Type = UserType + 102 };
    VmNodeItem(int index, const GraphNode& node, double radius) : GraphNodeItem(index, node, radius) {}
    int type() const override { return Type; }
};

/*! An edge: polyline from the layout, width by traffic, colour by health (or drift). */
class GraphEdgeItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 103 };
    GraphEdgeItem(int index, const GraphEdge& edge, const QList<QPointF>& path, double width, double targetRadius);

    int type() const override { return Type; }
    int index() const { return m_index; }
    bool drifted() const { return m_drift; }
    QString labelText() const { return m_label; }
    double penWidth() const { return m_width; }
    void setLabelText(const QString& text);
    QRectF boundingRect() const override { return m_bounds; }
    QPainterPath shape() const override { return m_hitShape; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void updateBounds();

    int m_index;
    QPainterPath m_path;
    QPainterPath m_hitShape;
    QPolygonF m_arrow;
    QPointF m_labelPos;
    QString m_label;
    QColor m_color;
    double m_width;
    bool m_drift;
    QRectF m_bounds;
};
