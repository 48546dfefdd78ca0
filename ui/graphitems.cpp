// SPDX-License-Identifier: Apache-2.0
#include "graphitems.h"

#include <QFontMetricsF>
#include <QPainter>
#include <QPainterPathStroker>
#include <QStyleOptionGraphicsItem>

#include <cmath>

namespace {

QFont labelFont()
{
    QFont font;
    font.setPixelSize(10);
    return font;
}

} // namespace

GraphNodeItem::GraphNodeItem(int index, const GraphNode& node, double radius)
    : m_index(index)
    , m_id(node.id)
    , m_label(GraphStyle::nodeLabel(node))
    , m_shape(GraphStyle::shapeOf(node))
    , m_color(GraphStyle::healthColor(node.health))
    , m_radius(radius)
    , m_path(outline(m_shape, radius))
{
    setFlag(ItemIsSelectable);
    setToolTip(node.id);
}

QPainterPath GraphNodeItem::outline(GraphStyle::Shape shape, double r)
{
    QPainterPath path;
    auto polygon = [&](const QList<QPointF>& points) {
        path.addPolygon(QPolygonF(points));
        path.closeSubpath();
    };
    switch (shape) {
    case GraphStyle::Shape::Hexagon: {
        QList<QPointF> points;
        for (int i = 0; i < 6; ++i)
            points.append(QPointF(r * std::cos(M_PI / 3 * i), r * std::sin(M_PI / 3 * i)));
        polygon(points);
        break;
    }
    case GraphStyle::Shape::Triangle: polygon({{0, -r}, {r * 0.87, r * 0.5}, {-r * 0.87, r * 0.5}}); break;
    case GraphStyle::Shape::Trapezoid:
        polygon({{-r * 0.6, -r * 0.7}, {r * 0.6, -r * 0.7}, {r, r * 0.7}, {-r, r * 0.7}});
        break;
    case GraphStyle::Shape::Diamond: polygon({{0, -r}, {r, 0}, {0, r}, {-r, 0}}); break;
    case GraphStyle::Shape::Circle: path.addEllipse(QPointF(0, 0), r, r); break;
    }
    return path;
}

QRectF GraphNodeItem::boundingRect() const
{
    // The label hangs below the glyph; 80 units covers typical workload names at 10 px.
    return QRectF(-std::max(m_radius, 60.0), -m_radius - 2, 2 * std::max(m_radius, 60.0), 2 * m_radius + 18);
}

void GraphNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    painter->setPen(QPen(isSelected() ? QColor(u"#0066cc"_qs) : m_color, isSelected() ? 4 : 3));
    painter->setBrush(Qt::white);
    painter->drawPath(m_path);
    if (lod < GraphLod::labels)
        return;
    painter->setFont(labelFont());
    painter->setPen(Qt::black);
    painter->drawText(QRectF(-60, m_radius + 1, 120, 14), Qt::AlignHCenter | Qt::AlignTop, m_label);
}

GraphEdgeItem::GraphEdgeItem(int index, const GraphEdge& edge, const QList<QPointF>& path, double width,
                             double targetRadius)
    : m_index(index)
    , m_color(edge.configured && edge.configured->drift ? QColor(GraphStyle::driftColor())
                                                        : QColor(GraphStyle::healthColor(edge.health)))
    , m_width(width)
    , m_drift(edge.configured && edge.configured->drift)
{
    setFlag(ItemIsSelectable);
    setZValue(-1); // under the nodes
    if (path.size() >= 2) {
        QList<QPointF> points = path;
        // End at the target's rim, where the arrowhead goes.
        const QPointF d = points.last() - points[points.size() - 2];
        const double len = std::hypot(d.x(), d.y());
        if (len > targetRadius) {
            const QPointF unit = d / len;
            points.last() -= unit * targetRadius;
            const QPointF tip = points.last();
            const QPointF normal(-unit.y(), unit.x());
            const double size = 6 + width;
            m_arrow = QPolygonF({tip, tip - unit * size + normal * size / 2, tip - unit * size - normal * size / 2});
        }
        m_path.moveTo(points.first());
        for (qsizetype i = 1; i < points.size(); ++i)
            m_path.lineTo(points[i]);
        m_labelPos = m_path.pointAtPercent(0.5);
    }
    QPainterPathStroker stroker;
    stroker.setWidth(std::max(6.0, width + 4));
    m_hitShape = stroker.createStroke(m_path);
    updateBounds();
}

void GraphEdgeItem::setLabelText(const QString& text)
{
    if (text == m_label)
        return;
    prepareGeometryChange();
    m_label = text;
    updateBounds();
}

void GraphEdgeItem::updateBounds()
{
    const double pad = m_width + 8;
    QRectF r = m_path.boundingRect().adjusted(-pad, -pad, pad, pad).united(m_arrow.boundingRect());
    if (!m_label.isEmpty())
        r = r.united(QRectF(m_labelPos.x() - 60, m_labelPos.y() - 14, 120, 14.0 * (m_label.count(u'\n') + 1) + 4));
    m_bounds = r;
}

void GraphEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const QColor color = isSelected() ? QColor(u"#0066cc"_qs) : m_color;
    painter->setPen(QPen(color, m_width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);
    if (lod >= GraphLod::arrows && !m_arrow.isEmpty()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
        painter->drawPolygon(m_arrow);
    }
    if (lod < GraphLod::labels || m_label.isEmpty())
        return;
    painter->setFont(labelFont());
    painter->setPen(m_drift ? QColor(GraphStyle::driftColor()) : QColor(Qt::black));
    painter->drawText(QRectF(m_labelPos.x() - 60, m_labelPos.y() - 12, 120, 14.0 * (m_label.count(u'\n') + 1)),
                      Qt::AlignHCenter | Qt::AlignTop, m_label);
}
