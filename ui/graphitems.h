// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "graphgroups.h"

#include "graphstyle.h"
#include "graphtheme.h"
#include "trafficgraph.h"

#include <QGraphicsItem>
#include <QPainterPath>

#include <optional>

/*!
 * Plain QGraphicsItems (no QObject) for thousands of nodes and edges. Detail is dropped by level
 * of detail (house style §4, qtbase's chip demo): labels below 0.4, arrowheads below 0.2, and
 * below 0.2 the canvas paints the whole graph in one pass (paintGraphOverview) instead.
 */
namespace GraphLod {
constexpr double labels = 0.4;
constexpr double arrows = 0.2;
constexpr double overview = 0.2;
} // namespace GraphLod

class GraphBoxItem;

/*! How find shows an item: a halo when it matched, faded when another item matched. */
enum class GraphEmphasis { Normal, Highlighted, Dimmed };

/*!
 * A pod workload (circle), service (triangle), service entry (trapezoid) or unknown (diamond).
 * Movable: a drag reports to the GraphScene, which pins the node where the user left it.
 */
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
    QColor color() const { return GraphTheme::current().healthColor(m_health); }
    bool isMixed() const { return m_mixed; }
    /*! Takes the node's new values (label, health, shape) in place; the id stays. */
    void setNode(const GraphNode& node);
    void setEmphasis(GraphEmphasis emphasis);
    GraphEmphasis emphasis() const { return m_emphasis; }
    /*!
     * isVisible() and isSelected(), kept in the item itself for the canvas' passes over every
     * item: QGraphicsItem's own flags sit in another object on the heap, and reading them for
     * 50,000 items was half of an overview frame. (No parents, no groups in this scene.)
     */
    bool shown() const { return m_shown; }
    bool picked() const { return m_picked; }
    /*! pos() kept the same way: where the node's centre is in the scene. */
    QPointF centre() const { return m_centre; }

    QRectF boundingRect() const override;
    QPainterPath shape() const override { return m_path; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    /*! The glyph of a shape centred on (0, 0); the legend draws the same glyphs. */
    static QPainterPath outline(GraphStyle::Shape shape, double radius);

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    int m_index;
    QString m_id;
    QString m_label;
    GraphStyle::Shape m_shape = GraphStyle::Shape::Circle;
    GraphHealth m_health = GraphHealth::NotAvailable;
    double m_radius;
    bool m_mixed = false;
    GraphEmphasis m_emphasis = GraphEmphasis::Normal;
    bool m_shown = true;
    bool m_picked = false;
    QPointF m_centre;
    QPainterPath m_path;
};

/*!
 * A node that runs (partly) on VMs: a hexagon, so it never passes for a pod; a node with pods
 * as well (mixed) carries a small circle inside.
 */
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
    GraphEdgeItem(int index, const GraphEdge& edge, double width, double targetRadius);
    ~GraphEdgeItem() override;

    int type() const override { return Type; }
    int index() const { return m_index; }
    bool drifted() const { return m_drift; }
    GraphHealth health() const { return m_health; }
    QString labelText() const { return m_label; }
    double penWidth() const { return m_width; }
    QColor color() const
    {
        const GraphTheme& theme = GraphTheme::current();
        return m_drift ? theme.drift : theme.healthColor(m_health);
    }
    const QList<QPointF>& route() const { return m_route; }
    /*! The route's segments inside rect (scene coordinates), clipped to it, appended to segments. */
    void appendSegments(const QRectF& rect, QList<QLineF>* segments) const;
    /*! The arrowhead at the target (scene coordinates); empty when the edge is too short. */
    const QPolygonF& arrow() const { return m_arrow; }
    /*! Where the label and its backing go (scene coordinates); empty without a label. */
    QRectF labelRect() const;
    /*! Paints the label, if any, on its backing (painter in scene coordinates). */
    void paintLabel(QPainter* painter) const;
    /*! Source centre, bends, target centre (scene coordinates). */
    void setRoute(const QList<QPointF>& route);
    /*! Takes the edge's new values (health, drift) and stroke width in place. */
    void setEdge(const GraphEdge& edge, double width);
    void setLabelText(const QString& text);
    void setEmphasis(GraphEmphasis emphasis);
    GraphEmphasis emphasis() const { return m_emphasis; }
    /*! As GraphNodeItem's. */
    bool shown() const { return m_shown; }
    bool picked() const { return m_picked; }
    /*! sceneBoundingRect() without its calls: an edge never moves from the scene's origin. */
    const QRectF& sceneBounds() const { return m_bounds; }

    QRectF boundingRect() const override { return m_bounds; }
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

protected:
    QVariant itemChange(GraphicsItemChange change, const QVariant& value) override;

private:
    void updateGeometry();
    void updateBounds();
    QSizeF labelSize() const;

    int m_index;
    double m_targetRadius;
    QList<QPointF> m_route;
    QPainterPath m_path;
    mutable std::optional<QPainterPath> m_hitShape; //!< shape(), made on demand
    QPolygonF m_arrow;
    QPointF m_labelPos;
    QString m_label;
    mutable std::optional<QSizeF> m_labelSize; //!< of the label's text, for its backing (labelSize())
    GraphHealth m_health = GraphHealth::NotAvailable;
    double m_width;
    bool m_drift = false;
    GraphEmphasis m_emphasis = GraphEmphasis::Normal;
    bool m_shown = true;
    bool m_picked = false;
    QRectF m_bounds;
};

/*!
 * The graph at overview zoom, painted in one pass over the items' data: edges as 1-pixel lines
 * batched by colour, nodes as small glyphs stamped from a cache. QGraphicsScene spends a few
 * microseconds on every item it paints, too much for 50,000 items in a 16 ms frame
 * (docs/benchmarks.md). Hidden items are left out; selection and find's emphasis still show.
 * painter carries the view's transform; exposed is the scene area to paint.
 */
void paintGraphOverview(QPainter* painter, const QRectF& exposed, const QList<GraphNodeItem*>& nodes,
                        const QList<GraphEdgeItem*>& edges);

/*!
 * The graph from the overview threshold up, painted item by item by the items' own paint(), in
 * the scene's stacking order (network boxes, namespace boxes, edges, nodes), without
 * QGraphicsScene's work per item and frame (index lookup, sorting by stacking order, painter
 * state saved and restored), which alone cost 7-9 ms for 10,000 items (docs/benchmarks.md).
 * Items outside exposed (scene coordinates) or hidden are left out. painter carries the view's
 * transform; widget is handed to paint().
 */
void paintGraphItems(QPainter* painter, const QRectF& exposed, const QList<GraphBoxItem*>& boxes,
                     const QList<GraphNodeItem*>& nodes, const QList<GraphEdgeItem*>& edges, QWidget* widget);

/*!
 * A namespace box, or a cluster/network box around namespace boxes, behind the nodes. Plain
 * paint, no interaction: a few of them per scene.
 */
class GraphBoxItem final : public QGraphicsItem
{
public:
    enum { Type = UserType + 104 };
    explicit GraphBoxItem(const GraphBox& box);

    int type() const override { return Type; }
    const GraphBox& box() const { return m_box; }
    void setBox(const GraphBox& box);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    GraphBox m_box;
};
