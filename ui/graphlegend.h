// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QStringList>
#include <QWidget>

#include <functional>

class QLabel;
class QPalette;

/*!
 * The graph's legend: node shapes (the VM hexagon, the hexagon with a pod inside for nodes on
 * VMs and pods), health colours, the drift colour and what an edge's width means. Drawn with
 * the scene's own glyphs and GraphTheme's colours, so legend and graph cannot disagree, and
 * drawn again when the desktop's palette changes (light/dark).
 */
class GraphLegend final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphLegend)

public:
    explicit GraphLegend(QWidget* parent = nullptr);

    /*! The entries' texts, in order (for tests and accessibility). */
    QStringList entries() const { return m_entries; }

protected:
    void changeEvent(QEvent* event) override;

private:
    using Icon = std::function<QPixmap(const QPalette&)>;
    void addSection(const QString& title);
    void addEntry(const Icon& icon, const QString& text);
    void drawIcons();

    QStringList m_entries;
    QList<std::pair<QLabel*, Icon>> m_icons;
};
