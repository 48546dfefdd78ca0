// SPDX-License-Identifier: Apache-2.0
#include "graphitems.h"

#include "graphscene.h"

#include <QFontMetricsF>
#include <QHash>
#include <QPainter>
#include <QPainterPathStroker>
#include <QPixmap>
#include <QStyleOptionGraphicsItem>

#include <algorithm>
#include <array>
#include <map>
#include <iterator>
#include <cmath>
#include <utility>
#include <vector>

namespace {

QFont labelFont()
{
    QFont font;
    font.setPixelSize(10);
    return font;
}

constexpr double dimmedOpacity = 0.2;

// Moves with every change to what an edge item paints at overview zoom, and with every edge item
// made or deleted: the overview's flat copy of the edges is made again when it moved.
quint64 edgeGeneration = 0;

double opacityFor(GraphEmphasis emphasis)
{
    return emphasis == GraphEmphasis::Dimmed ? dimmedOpacity : 1.0;
}

// Clips segment a-b to r (Liang-Barsky); false when it misses r.
bool clipSegment(QPointF& a, QPointF& b, const QRectF& r)
{
    double t0 = 0, t1 = 1;
    const double dx = b.x() - a.x(), dy = b.y() - a.y();
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {a.x() - r.left(), r.right() - a.x(), a.y() - r.top(), r.bottom() - a.y()};
    for (int i = 0; i < 4; ++i) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
            continue;
        }
        const double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = std::max(t0, t);
        else
            t1 = std::min(t1, t);
        if (t0 > t1)
            return false;
    }
    b = a + QPointF(dx * t1, dy * t1);
    a = a + QPointF(dx * t0, dy * t0);
    return true;
}

} // namespace

GraphNodeItem::GraphNodeItem(int index, const GraphNode& node, double radius)
    : m_index(index)
    , m_id(node.id)
    , m_radius(radius)
{
    setFlags(ItemIsSelectable | ItemIsMovable | ItemSendsGeometryChanges);
    setToolTip(node.id);
    setNode(node);
}

void GraphNodeItem::setNode(const GraphNode& node)
{
    m_label = GraphStyle::nodeLabel(node);
    m_health = node.health;
    m_mixed = node.isMixed();
    const GraphStyle::Shape shape = GraphStyle::shapeOf(node);
    if (m_path.isEmpty() || shape != m_shape) {
        m_shape = shape;
        m_path = outline(shape, m_radius);
    }
    update();
}

void GraphNodeItem::setEmphasis(GraphEmphasis emphasis)
{
    if (emphasis == m_emphasis)
        return;
    m_emphasis = emphasis;
    setOpacity(opacityFor(emphasis));
    update();
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
    // The label hangs below the glyph; 120 units cover typical workload names at 10 px. The
    // margin above is the find halo's.
    const double half = std::max(m_radius + 6, 60.0);
    return QRectF(-half, -m_radius - 6, 2 * half, 2 * m_radius + 22);
}

void GraphNodeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const GraphTheme& theme = GraphTheme::current();
    const QColor ink = color();
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    if (m_emphasis == GraphEmphasis::Highlighted) {
        painter->setPen(QPen(theme.halo, 10));
        painter->setBrush(Qt::NoBrush);
        painter->drawPath(m_path);
    }
    painter->setPen(QPen(isSelected() ? theme.selected : ink, isSelected() ? 4 : 3));
    painter->setBrush(theme.nodeFill);
    painter->drawPath(m_path);
    if (m_mixed) { // pods as well as VMs: the pod circle inside the VM hexagon
        painter->setPen(QPen(ink, 2));
        painter->drawEllipse(QPointF(0, 0), m_radius * 0.4, m_radius * 0.4);
    }
    if (lod < GraphLod::labels)
        return;
    painter->setFont(labelFont());
    painter->setPen(theme.text);
    painter->drawText(QRectF(-60, m_radius + 1, 120, 14), Qt::AlignHCenter | Qt::AlignTop, m_label);
}

QVariant GraphNodeItem::itemChange(GraphicsItemChange change, const QVariant& value)
{
    if (change == ItemPositionHasChanged) {
        m_centre = value.toPointF();
        if (auto* owner = qobject_cast<GraphScene*>(scene()))
            owner->nodeItemMoved(this);
    } else if (change == ItemVisibleHasChanged) {
        m_shown = value.toBool();
    } else if (change == ItemSelectedHasChanged) {
        m_picked = value.toBool();
    }
    return QGraphicsItem::itemChange(change, value);
}

QVariant GraphEdgeItem::itemChange(GraphicsItemChange change, const QVariant& value)
{
    if (change == ItemVisibleHasChanged) {
        m_shown = value.toBool();
        ++edgeGeneration;
    } else if (change == ItemSelectedHasChanged) {
        m_picked = value.toBool();
        ++edgeGeneration;
    }
    return QGraphicsItem::itemChange(change, value);
}

GraphEdgeItem::~GraphEdgeItem()
{
    ++edgeGeneration;
}

GraphEdgeItem::GraphEdgeItem(int index, const GraphEdge& edge, double width, double targetRadius)
    : m_index(index)
    , m_targetRadius(targetRadius)
    , m_width(width)
{
    ++edgeGeneration;
    setFlag(ItemIsSelectable);
    setZValue(-1); // under the nodes
    setEdge(edge, width);
}

void GraphEdgeItem::setEdge(const GraphEdge& edge, double width)
{
    ++edgeGeneration;
    m_drift = edge.configured && edge.configured->drift;
    m_health = edge.health;
    if (width != m_width) {
        m_width = width;
        updateGeometry(); // the arrowhead and hit area grow with the stroke
    }
    update();
}

void GraphEdgeItem::setRoute(const QList<QPointF>& route)
{
    m_route = route;
    updateGeometry();
}

void GraphEdgeItem::updateGeometry()
{
    ++edgeGeneration;
    prepareGeometryChange();
    m_path = QPainterPath();
    m_arrow.clear();
    m_labelPos = {};
    if (m_route.size() >= 2) {
        QList<QPointF> points = m_route;
        // End at the target's rim, where the arrowhead goes.
        const QPointF d = points.last() - points[points.size() - 2];
        const double len = std::hypot(d.x(), d.y());
        if (len > m_targetRadius) {
            const QPointF unit = d / len;
            points.last() -= unit * m_targetRadius;
            const QPointF tip = points.last();
            const QPointF normal(-unit.y(), unit.x());
            const double size = 6 + m_width;
            m_arrow = QPolygonF({tip, tip - unit * size + normal * size / 2, tip - unit * size - normal * size / 2});
        }
        m_path.moveTo(points.first());
        for (qsizetype i = 1; i < points.size(); ++i)
            m_path.lineTo(points[i]);
        m_labelPos = m_path.pointAtPercent(0.5);
    }
    m_hitShape.reset();
    updateBounds();
}

QPainterPath GraphEdgeItem::shape() const
{
    // Made when first asked for (a click, a hover): stroking 40,000 routes up front was a good
    // part of showing a big graph.
    if (!m_hitShape) {
        QPainterPathStroker stroker;
        stroker.setWidth(std::max(6.0, m_width + 4));
        m_hitShape = stroker.createStroke(m_path);
    }
    return *m_hitShape;
}

void GraphEdgeItem::setLabelText(const QString& text)
{
    if (text == m_label)
        return;
    prepareGeometryChange();
    m_label = text;
    m_labelSize.reset(); // measured when first painted: most labels of a big graph never are
    updateBounds();
}

QSizeF GraphEdgeItem::labelSize() const
{
    if (!m_labelSize) {
        const QFontMetricsF metrics(labelFont());
        double width = 0;
        const QStringList lines = m_label.split(u'\n');
        for (const QString& line : lines)
            width = std::max(width, metrics.horizontalAdvance(line));
        m_labelSize = QSizeF(std::min(width, 120.0), m_label.isEmpty() ? 0.0 : metrics.height() * lines.size());
    }
    return *m_labelSize;
}

void GraphEdgeItem::setEmphasis(GraphEmphasis emphasis)
{
    if (emphasis == m_emphasis)
        return;
    ++edgeGeneration;
    m_emphasis = emphasis;
    setOpacity(opacityFor(emphasis));
    update();
}

void GraphEdgeItem::updateBounds()
{
    const double pad = m_width + 8;
    QRectF r = m_path.boundingRect().adjusted(-pad, -pad, pad, pad).united(m_arrow.boundingRect());
    if (!m_label.isEmpty())
        r = r.united(labelRect());
    m_bounds = r;
}

void GraphEdgeItem::appendSegments(const QRectF& rect, QList<QLineF>* segments) const
{
    for (int i = 0; i + 1 < m_path.elementCount(); ++i) {
        QPointF a = m_path.elementAt(i);
        QPointF b = m_path.elementAt(i + 1);
        if ((rect.contains(a) && rect.contains(b)) || clipSegment(a, b, rect))
            segments->append(QLineF(a, b));
    }
}

void GraphEdgeItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const GraphTheme& theme = GraphTheme::current();
    const QColor color = isSelected() ? theme.selected : this->color();
    painter->setBrush(Qt::NoBrush);
    // Only the segments of the route that are on the device: the raster engine strokes a whole
    // path even where it is clipped away, and a long edge through a zoomed-in view cost seconds.
    const QRectF device = painter->worldTransform().inverted().mapRect(QRectF(painter->viewport()));
    QList<QLineF> segments;
    appendSegments(device.adjusted(-m_width - 8, -m_width - 8, m_width + 8, m_width + 8), &segments);
    if (painter->opacity() < 1.0) {
        // Translucent (find dims it): one polyline, so that the caps of two segments do not
        // blend twice at a bend.
        QPolygonF line;
        for (const QLineF& segment : std::as_const(segments)) {
            if (line.isEmpty() || line.last() != segment.p1())
                line.append(segment.p1());
            line.append(segment.p2());
        }
        painter->setPen(QPen(color, m_width, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter->drawPolyline(line);
    } else {
        if (m_emphasis == GraphEmphasis::Highlighted) {
            painter->setPen(QPen(theme.halo, m_width + 8, Qt::SolidLine, Qt::SquareCap));
            painter->drawLines(segments);
        }
        painter->setPen(QPen(color, m_width, Qt::SolidLine, Qt::SquareCap));
        painter->drawLines(segments);
    }
    if (lod >= GraphLod::arrows && !m_arrow.isEmpty()) {
        painter->setPen(Qt::NoPen);
        painter->setBrush(color);
        painter->drawPolygon(m_arrow);
    }
    if (lod >= GraphLod::labels)
        paintLabel(painter);
}

QRectF GraphEdgeItem::labelRect() const
{
    return m_label.isEmpty() ? QRectF()
                             : QRectF(m_labelPos.x() - 60, m_labelPos.y() - 14, 120, 14.0 * (m_label.count(u'\n') + 1) + 4);
}

void GraphEdgeItem::paintLabel(QPainter* painter) const
{
    if (m_label.isEmpty())
        return;
    const GraphTheme& theme = GraphTheme::current();
    painter->setFont(labelFont());
    const QRectF box(m_labelPos.x() - 60, m_labelPos.y() - 12, 120, 14.0 * (m_label.count(u'\n') + 1));
    // A light backing keeps the text readable where it crosses edges.
    painter->setPen(Qt::NoPen);
    painter->setBrush(theme.labelBacking);
    const QSizeF size = labelSize();
    painter->drawRect(QRectF(m_labelPos.x() - size.width() / 2 - 2, box.top(), size.width() + 4, size.height()));
    painter->setPen(m_drift ? theme.drift : theme.text);
    painter->drawText(box, Qt::AlignHCenter | Qt::AlignTop, m_label);
}

namespace {

// find's dimming as a plain colour (the colour over the canvas at dimmedOpacity): no blending
// per pixel.
QColor faded(const QColor& color)
{
    const QColor canvas = GraphTheme::current().background;
    const auto mix = [](int c, int bg) { return static_cast<int>(std::lround(bg + (c - bg) * dimmedOpacity)); };
    return QColor(mix(color.red(), canvas.red()), mix(color.green(), canvas.green()), mix(color.blue(), canvas.blue()));
}

enum class GlyphState { Normal, Dimmed, Highlighted, Selected };

// A node glyph px pixels across, drawn once per shape, colour, state and size: stamping a
// pixmap costs far less than filling and stroking a path.
const QPixmap& overviewGlyph(GraphStyle::Shape shape, const QColor& color, GlyphState state, int px)
{
    static QHash<quint64, QPixmap> cache;
    const GraphTheme& theme = GraphTheme::current();
    const quint64 key = (quint64(color.rgba()) << 32) | (quint64(shape) << 24) | (quint64(theme.dark) << 20)
        | (quint64(state) << 16) | quint64(px);
    auto it = cache.constFind(key);
    if (it != cache.cend())
        return *it;
    if (cache.size() > 1000)
        cache.clear(); // zooming through many sizes
    const int side = px + 6; // room for find's halo
    QPixmap pixmap(side, side);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.translate(side / 2.0, side / 2.0);
    const double r = GraphScene::nodeRadius;
    const double scale = px / (2 * r);
    p.scale(scale, scale);
    const QPainterPath path = GraphNodeItem::outline(shape, r);
    const QColor ink = state == GlyphState::Selected ? theme.selected : state == GlyphState::Dimmed ? faded(color) : color;
    if (state == GlyphState::Highlighted) {
        p.setPen(QPen(QColor(theme.halo.rgb()), 5 / scale));
        p.drawPath(path);
    }
    // Under 8 pixels an outline would swallow the white inside: a solid glyph reads better.
    p.setPen(px < 8 ? Qt::NoPen : QPen(ink, std::max(3.0, 1.2 / scale)));
    p.setBrush(px < 8 ? ink : theme.nodeFill);
    p.drawPath(path);
    p.end();
    return *cache.insert(key, pixmap);
}

/*!
 * The edges of an overview frame, rasterised by hand: QPainter's cosmetic lines cost about 10 ns
 * a pixel (a span per pixel), and at overview zoom 40,000 edges cover some 6 million pixels.
 * Lines go into a transposed 8-bit buffer of palette indices: nearly every edge between two
 * ranks is steep, and a steep line runs along a row of the transposed buffer, so the writes
 * stay in cache. compose() turns the buffer into the image that is painted.
 */
class EdgeRaster
{
public:
    // size in pixels; the buffer keeps its capacity from frame to frame (GUI thread only).
    explicit EdgeRaster(QSize size) : m_width(size.width()), m_height(size.height())
    {
        static std::vector<uchar> buffer;
        buffer.assign(static_cast<size_t>(m_width) * static_cast<size_t>(m_height), 0);
        m_cells = buffer.data();
        m_palette.append(0); // index 0: nothing drawn
    }

    // The palette index of a colour (at most 255 colours a frame; more reuse the last one).
    uchar index(const QColor& color)
    {
        const QRgb pixel = qPremultiply(color.rgba());
        const qsizetype found = m_palette.indexOf(pixel);
        if (found >= 0)
            return static_cast<uchar>(found);
        if (m_palette.size() < 256)
            m_palette.append(pixel);
        return static_cast<uchar>(m_palette.size() - 1);
    }

    // A segment in image pixels, clipped to the image; width 2 or more adds parallel copies.
    void line(QPointF a, QPointF b, uchar colour, int width)
    {
        const bool steep = std::abs(b.y() - a.y()) > std::abs(b.x() - a.x());
        for (int offset = -(width / 2); offset < width - width / 2; ++offset) {
            const QPointF shift = steep ? QPointF(offset, 0) : QPointF(0, offset);
            QPointF from = a + shift, to = b + shift;
            if (clipSegment(from, to, QRectF(0, 0, m_width - 1, m_height - 1)))
                plot(from, to, colour);
        }
    }

    QImage compose() const
    {
        QImage image(m_width, m_height, QImage::Format_ARGB32_Premultiplied);
        for (int y = 0; y < m_height; ++y) {
            auto* row = reinterpret_cast<QRgb*>(image.scanLine(y));
            const uchar* cell = m_cells + y;
            for (int x = 0; x < m_width; ++x, cell += m_height)
                row[x] = m_palette[*cell];
        }
        return image;
    }

private:
    // A DDA along the longer axis in transposed coordinates (cell (x, y) is m_cells[x * height
    // + y]), without a branch per pixel; steep lines, the usual ones, run along a buffer row.
    void plot(QPointF from, QPointF to, uchar colour)
    {
        const double dx = to.x() - from.x(), dy = to.y() - from.y();
        const int steps = static_cast<int>(std::ceil(std::max(std::abs(dx), std::abs(dy))));
        if (steps == 0) {
            m_cells[cell(from.x(), from.y())] = colour;
            return;
        }
        // 16.16 fixed point; the clip keeps every step inside the buffer.
        qint64 x = std::llround(from.x() * 65536.0) + 32768, y = std::llround(from.y() * 65536.0) + 32768;
        const qint64 sx = std::llround(dx * 65536.0 / steps), sy = std::llround(dy * 65536.0 / steps);
        for (int i = 0; i <= steps; ++i, x += sx, y += sy)
            m_cells[static_cast<qsizetype>(x >> 16) * m_height + static_cast<qsizetype>(y >> 16)] = colour;
    }

    qsizetype cell(double x, double y) const
    {
        return static_cast<qsizetype>(std::lround(x)) * m_height + static_cast<qsizetype>(std::lround(y));
    }

    int m_width;
    int m_height;
    uchar* m_cells;
    QList<QRgb> m_palette;
};

// An edge as the overview paints it; its route is FlatEdges::points[first, first + count).
struct FlatEdge
{
    QRectF bounds;
    qsizetype first;
    qsizetype count;
    GraphHealth health;
    bool drift;
};

/*!
 * The shown edges copied into contiguous memory, by layer (find's dimmed ones, the others, the
 * ones find highlighted, the selected one), made again only when an edge changed
 * (edgeGeneration): reading 40,000 items spread over the heap cost more than drawing them.
 */
struct FlatEdges
{
    std::array<QList<FlatEdge>, 4> layers;
    QList<QPointF> points;
    QRectF bounds; //!< of all of them

    static const FlatEdges& of(const QList<GraphEdgeItem*>& edges)
    {
        static FlatEdges flat;
        static quint64 generation = ~quint64(0);
        static const void* list = nullptr;
        if (generation != edgeGeneration || list != edges.constData()) {
            flat.fill(edges);
            generation = edgeGeneration;
            list = edges.constData();
        }
        return flat;
    }

private:
    void fill(const QList<GraphEdgeItem*>& edges)
    {
        for (auto& layer : layers)
            layer.clear();
        points.clear();
        bounds = {};
        for (const GraphEdgeItem* edge : edges) {
            if (!edge->shown())
                continue;
            const GraphEmphasis emphasis = edge->emphasis();
            const size_t layer = edge->picked() ? 3
                : emphasis == GraphEmphasis::Highlighted ? 2
                : emphasis == GraphEmphasis::Dimmed ? 0
                                                    : 1;
            layers[layer].append({edge->sceneBounds(), points.size(), edge->route().size(), edge->health(), edge->drifted()});
            points.append(edge->route());
            bounds |= edge->sceneBounds();
        }
    }
};

// The edges of an overview frame, rasterised into an image of the part of exposed they cover
// (the whole 10,000-node graph is a narrow band of the viewport); painter has no transform.
void paintOverviewEdges(QPainter* painter, const QRectF& exposed, const QTransform& transform, double ratio,
                        const FlatEdges& flat)
{
    const QRectF covered = exposed.intersected(flat.bounds);
    if (covered.isEmpty())
        return;
    // 4 pixels around the edges' bounds: the widest line (find's halo) is drawn 4 pixels wide.
    const QRect device = transform.mapRect(covered).toAlignedRect().adjusted(-4, -4, 4, 4).intersected(
        transform.mapRect(exposed).toAlignedRect());
    if (device.isEmpty())
        return;
    const GraphTheme& theme = GraphTheme::current();
    // Edges in layers: dimmed, normal, find's halo, highlighted, selected on top. The view's
    // transform is affine: points are mapped by hand (QTransform::map() showed in profiles).
    EdgeRaster raster((QSizeF(device.size()) * ratio).toSize());
    const QTransform m = transform * QTransform::fromTranslate(-device.x(), -device.y()) * QTransform::fromScale(ratio, ratio);
    auto toPixels = [&m](const QPointF& p) {
        return QPointF(m.m11() * p.x() + m.m21() * p.y() + m.dx(), m.m12() * p.x() + m.m22() * p.y() + m.dy());
    };
    // Drawn as: dimmed, normal, find's halo (under the highlighted edges), highlighted, selected.
    struct Pass
    {
        size_t layer;
        bool halo;
    };
    for (const Pass pass : {Pass{0, false}, Pass{1, false}, Pass{2, true}, Pass{2, false}, Pass{3, false}}) {
        const bool halo = pass.halo;
        std::array<int, 2 * 5> colours; // palette index by drift and health, for this pass
        colours.fill(-1);
        for (const FlatEdge& edge : flat.layers[pass.layer]) {
            if (!edge.bounds.intersects(exposed))
                continue;
            int& colour = colours[(edge.drift ? 5 : 0) + static_cast<int>(edge.health)];
            if (colour < 0) {
                const QColor ink = edge.drift ? theme.drift : theme.healthColor(edge.health);
                colour = raster.index(halo ? QColor(theme.halo.rgb()) : pass.layer == 3 ? theme.selected
                                          : pass.layer == 0                  ? faded(ink)
                                                                             : ink);
            }
            const int width = std::max(1, static_cast<int>((halo ? 4 : pass.layer == 3 ? 2 : 1) * ratio));
            const QPointF* route = flat.points.constData() + edge.first;
            for (qsizetype i = 0; i + 1 < edge.count; ++i)
                raster.line(toPixels(route[i]), toPixels(route[i + 1]), static_cast<uchar>(colour), width);
        }
    }
    QImage image = raster.compose();
    image.setDevicePixelRatio(ratio);
    painter->drawImage(device.topLeft(), image);

}

} // namespace

void paintGraphOverview(QPainter* painter, const QRectF& exposed, const QList<GraphNodeItem*>& nodes,
                        const QList<GraphEdgeItem*>& edges)
{
    const QTransform transform = painter->worldTransform();
    const double lod = QStyleOptionGraphicsItem::levelOfDetailFromTransform(transform);
    const QRect device = transform.mapRect(exposed).toAlignedRect();
    if (device.isEmpty())
        return;
    const double ratio = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
    painter->save();
    painter->resetTransform();

    paintOverviewEdges(painter, exposed, transform, ratio, FlatEdges::of(edges));

    // Nodes: glyphs stamped in device pixels, emphasised and selected ones last (on top).
    const int px = std::clamp(static_cast<int>(std::lround(2 * GraphScene::nodeRadius * lod)), 3, 64);
    const QRectF visible = QRectF(device).adjusted(-px, -px, px, px);
    for (const bool front : {false, true}) {
        for (const GraphNodeItem* node : nodes) {
            const GlyphState state = node->picked() ? GlyphState::Selected
                : node->emphasis() == GraphEmphasis::Highlighted ? GlyphState::Highlighted
                : node->emphasis() == GraphEmphasis::Dimmed ? GlyphState::Dimmed
                                                            : GlyphState::Normal;
            if (front != (state == GlyphState::Selected || state == GlyphState::Highlighted) || !node->shown())
                continue;
            const QPointF centre = transform.map(node->centre());
            if (!visible.contains(centre))
                continue;
            const QPixmap& glyph = overviewGlyph(node->nodeShape(), node->color(), state, px);
            painter->drawPixmap(static_cast<int>(std::lround(centre.x())) - glyph.width() / 2,
                                static_cast<int>(std::lround(centre.y())) - glyph.height() / 2, glyph);
        }
    }
    painter->restore();
}

namespace {

template<typename Item>
void paintItems(QPainter* painter, const QRectF& exposed, const QList<Item*>& items, QWidget* widget,
                QStyleOptionGraphicsItem* option)
{
    const QTransform view = painter->worldTransform();
    for (Item* item : items) {
        if (!item->isVisible() || !item->sceneBoundingRect().intersects(exposed))
            continue;
        painter->setWorldTransform(item->sceneTransform() * view);
        painter->setOpacity(item->effectiveOpacity());
        option->exposedRect = item->boundingRect();
        item->paint(painter, option, widget);
    }
    painter->setWorldTransform(view);
    painter->setOpacity(1.0);
}

// Layers of edges, painted in this order: find's dimmed ones, the others, find's halo, the ones
// find highlighted, the selected one.
enum EdgeLayer : quint64 { Dimmed, Normal, Halo, Highlighted, Selected };

// A batch: edges of one layer, colour and stroke width (in quarter units: a quarter of a
// unit is an eighth of a pixel at 1:1).
quint64 batchKey(EdgeLayer layer, const QColor& color, double width)
{
    return (quint64(layer) << 40) | (quint64(std::lround(width * 4)) << 32) | quint64(color.rgba());
}

/*!
 * Edges above the overview threshold in a few calls: their on-screen segments batched by layer,
 * colour and width (one drawLines() each), arrowheads by layer and colour (one path each),
 * labels on top. Painting 8,000 edges one by one cost more in pen changes and calls than in
 * pixels. find's dimming is a plain colour (as in the overview), so that batches need no
 * opacity.
 */
void paintGraphEdges(QPainter* painter, const QRectF& exposed, const QList<GraphEdgeItem*>& edges)
{
    const GraphTheme& theme = GraphTheme::current();
    const double lod = QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
    const QRectF clip = exposed.adjusted(-16, -16, 16, 16); // the widest halo's half
    std::map<quint64, QList<QLineF>> lines;
    std::map<quint64, QPainterPath> arrows;
    QList<const GraphEdgeItem*> labelled;
    for (const GraphEdgeItem* edge : edges) {
        if (!edge->shown() || !edge->sceneBounds().intersects(exposed))
            continue;
        const GraphEmphasis emphasis = edge->emphasis();
        const EdgeLayer layer = edge->picked()             ? Selected
            : emphasis == GraphEmphasis::Highlighted       ? Highlighted
            : emphasis == GraphEmphasis::Dimmed            ? Dimmed
                                                           : Normal;
        const QColor color = layer == Selected ? theme.selected : layer == Dimmed ? faded(edge->color()) : edge->color();
        const double width = edge->penWidth();
        QList<QLineF>& batch = lines[batchKey(layer, color, width)];
        const qsizetype first = batch.size();
        edge->appendSegments(clip, &batch);
        if (emphasis == GraphEmphasis::Highlighted) {
            QList<QLineF>& halo = lines[batchKey(Halo, theme.halo, width + 8)];
            halo.append(batch.mid(first));
        }
        if (lod >= GraphLod::arrows && !edge->arrow().isEmpty() && edge->arrow().boundingRect().intersects(exposed)) {
            QPainterPath& path = arrows[(quint64(layer) << 40) | quint64(color.rgba())];
            path.setFillRule(Qt::WindingFill); // arrowheads at one node overlap
            path.addPolygon(edge->arrow());
        }
        if (lod >= GraphLod::labels && edge->labelRect().intersects(exposed))
            labelled.append(edge);
    }
    painter->setBrush(Qt::NoBrush);
    for (const auto& [key, batch] : lines) {
        if (batch.isEmpty())
            continue;
        painter->setPen(QPen(QColor::fromRgba(QRgb(key & 0xffffffffu)), double((key >> 32) & 0xff) / 4, Qt::SolidLine,
                             Qt::SquareCap));
        painter->drawLines(batch);
    }
    painter->setPen(Qt::NoPen);
    for (const auto& [key, path] : arrows)
        painter->fillPath(path, QColor::fromRgba(QRgb(key & 0xffffffffu)));
    for (const GraphEdgeItem* edge : std::as_const(labelled)) {
        painter->setOpacity(edge->effectiveOpacity());
        edge->paintLabel(painter);
    }
    painter->setOpacity(1.0);
}

} // namespace

void paintGraphItems(QPainter* painter, const QRectF& exposed, const QList<GraphBoxItem*>& boxes,
                     const QList<GraphNodeItem*>& nodes, const QList<GraphEdgeItem*>& edges, QWidget* widget)
{
    painter->save();
    QStyleOptionGraphicsItem option;
    for (const GraphBox::Kind kind : {GraphBox::Kind::Network, GraphBox::Kind::Namespace}) {
        QList<GraphBoxItem*> layer;
        std::copy_if(boxes.cbegin(), boxes.cend(), std::back_inserter(layer),
                     [kind](const GraphBoxItem* box) { return box->box().kind == kind; });
        paintItems(painter, exposed, layer, widget, &option);
    }
    paintGraphEdges(painter, exposed, edges);
    paintItems(painter, exposed, nodes, widget, &option);
    painter->restore();
}

GraphBoxItem::GraphBoxItem(const GraphBox& box)
    : m_box(box)
{
    // Behind edges (0) and nodes (1); network boxes behind namespace boxes.
    setZValue(box.kind == GraphBox::Kind::Network ? -20 : -10);
    setAcceptedMouseButtons(Qt::NoButton);
}

void GraphBoxItem::setBox(const GraphBox& box)
{
    prepareGeometryChange();
    m_box = box;
}

QRectF GraphBoxItem::boundingRect() const
{
    return m_box.rect.adjusted(-1, -1, 1, 1);
}

void GraphBoxItem::paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget*)
{
    const bool outer = m_box.kind == GraphBox::Kind::Network;
    const double lod = option->levelOfDetailFromTransform(painter->worldTransform());
    const GraphTheme& theme = GraphTheme::current();
    QPen pen(theme.boxBorder, 1.2, outer ? Qt::DashLine : Qt::SolidLine);
    pen.setCosmetic(true);
    painter->setBrush(outer ? QBrush(Qt::NoBrush) : QBrush(theme.boxFill));
    if (lod < GraphLod::overview) {
        // A few pixels tall: a plain, aliased rectangle (hundreds of them in a big mesh's overview).
        const bool antialiased = painter->testRenderHint(QPainter::Antialiasing);
        painter->setRenderHint(QPainter::Antialiasing, false);
        pen.setStyle(Qt::SolidLine);
        painter->setPen(pen);
        painter->drawRect(m_box.rect);
        painter->setRenderHint(QPainter::Antialiasing, antialiased);
        return;
    }
    painter->setPen(pen);
    painter->drawRoundedRect(m_box.rect, 6, 6);
    // Labels only where they can be read (house style §4: no text below the level of detail).
    if (lod < 0.3)
        return;
    QFont font = painter->font();
    font.setBold(true);
    painter->setFont(font);
    painter->setPen(theme.boxText);
    painter->drawText(m_box.rect.adjusted(6, 2, -6, 0), Qt::AlignLeft | Qt::AlignTop | Qt::TextSingleLine,
                      (outer ? QString() : QObject::tr("namespace ")) + m_box.label);
}
