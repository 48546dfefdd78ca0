// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>
#include <QWidget>

/*!
 * The graph's legend: node shapes (the VM hexagon, the hexagon with a pod inside for nodes on
 * VMs and pods), health colours, the drift colour and what an edge's width means. Drawn with
 * the scene's own glyphs and GraphStyle's colours, so legend and graph cannot disagree.
 */
class GraphLegend final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphLegend)

public:
    explicit GraphLegend(QWidget* parent = nullptr);

    /*! The entries' texts, in order (for tests and accessibility). */
    QStringList entries() const { return m_entries; }

private:
    void addSection(const QString& title);
    void addEntry(const QPixmap& icon, const QString& text);

    QStringList m_entries;
};
