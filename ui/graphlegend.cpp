// SPDX-License-Identifier: Apache-2.0
#include "graphlegend.h"

#include "graphitems.h"
#include "graphstyle.h"
#include "graphtheme.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QPixmap>

namespace {

constexpr int iconSize = 24;

QPixmap blank()
{
    QPixmap pixmap(iconSize, iconSize);
    pixmap.fill(Qt::transparent);
    return pixmap;
}

// The node glyph as the scene paints it: the canvas' fill, health-coloured outline.
QPixmap nodeIcon(GraphStyle::Shape shape, const QColor& color, const QColor& fill, bool mixed = false)
{
    QPixmap pixmap = blank();
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.translate(iconSize / 2.0, iconSize / 2.0);
    const double radius = iconSize / 2.0 - 3;
    painter.setPen(QPen(color, 2));
    painter.setBrush(fill);
    painter.drawPath(GraphNodeItem::outline(shape, radius));
    if (mixed)
        painter.drawEllipse(QPointF(0, 0), radius * 0.4, radius * 0.4);
    return pixmap;
}

QPixmap edgeIcon(const QColor& color, double width)
{
    QPixmap pixmap = blank();
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(QPen(color, width, Qt::SolidLine, Qt::RoundCap));
    painter.drawLine(QPointF(3, iconSize / 2.0), QPointF(iconSize - 3, iconSize / 2.0));
    return pixmap;
}

} // namespace

GraphLegend::GraphLegend(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(u"graphLegend"_qs);
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(4, 4, 4, 4);
    grid->setVerticalSpacing(2);
    grid->setColumnStretch(1, 1);

    using GraphStyle::Shape;
    auto node = [](Shape shape, GraphHealth health, bool mixed = false) -> Icon {
        return [=](const QPalette& palette) {
            const GraphTheme theme = GraphTheme::forPalette(palette);
            return nodeIcon(shape, theme.healthColor(health), theme.nodeFill, mixed);
        };
    };
    auto edge = [](bool drift, double width) -> Icon {
        return [=](const QPalette& palette) {
            const GraphTheme theme = GraphTheme::forPalette(palette);
            return edgeIcon(drift ? theme.drift : theme.healthColor(GraphHealth::NotAvailable), width);
        };
    };
    const GraphHealth grey = GraphHealth::NotAvailable;
    addSection(tr("Nodes"));
    addEntry(node(Shape::Circle, grey), tr("Workload on pods"));
    addEntry(node(Shape::Hexagon, grey), tr("Workload on VMs"));
    addEntry(node(Shape::Hexagon, grey, true), tr("Workload on VMs and pods"));
    addEntry(node(Shape::Triangle, grey), tr("Service"));
    addEntry(node(Shape::Trapezoid, grey), tr("Service entry"));
    addEntry(node(Shape::Diamond, grey), tr("Unknown caller"));

    addSection(tr("Health"));
    addEntry(node(Shape::Circle, GraphHealth::Healthy), tr("Healthy"));
    addEntry(node(Shape::Circle, GraphHealth::Degraded), tr("Degraded or not ready"));
    addEntry(node(Shape::Circle, GraphHealth::Failure), tr("Failure"));
    addEntry(node(Shape::Circle, grey), tr("No health data"));

    addSection(tr("Edges"));
    addEntry(edge(true, 3), tr("Drift: observed share differs from the configured weight"));
    addEntry(edge(false, 1), tr("Thin: little traffic"));
    addEntry(edge(false, 6), tr("Wide: busy (width by request rate, log scale; bytes/s for tcp)"));
    drawIcons();
    grid->setRowStretch(grid->rowCount(), 1);
}

void GraphLegend::addSection(const QString& title)
{
    auto* grid = static_cast<QGridLayout*>(layout());
    auto* label = new QLabel(u"<b>"_qs + title.toHtmlEscaped() + u"</b>"_qs, this);
    grid->addWidget(label, grid->rowCount(), 0, 1, 2);
}

void GraphLegend::drawIcons()
{
    for (const auto& [label, icon] : std::as_const(m_icons))
        label->setPixmap(icon(palette()));
}

void GraphLegend::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange)
        drawIcons();
    QWidget::changeEvent(event);
}

void GraphLegend::addEntry(const Icon& icon, const QString& text)
{
    auto* grid = static_cast<QGridLayout*>(layout());
    const int row = grid->rowCount();
    auto* glyph = new QLabel(this);
    m_icons.append({glyph, icon});
    auto* label = new QLabel(text, this);
    label->setWordWrap(true);
    grid->addWidget(glyph, row, 0);
    grid->addWidget(label, row, 1);
    m_entries.append(text);
}
