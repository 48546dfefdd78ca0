// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "graphsource.h"

#include <QPointer>
#include <QWidget>

#include <optional>

class QChartView;
class QLabel;

/*!
 * The side panel of the graph: the selected node's or edge's metrics (GraphScene's details
 * text) and, for a live source, its time series over the chosen window in two Qt Charts:
 * requests and errors (req/s), p95 and p99 latency (ms). Series come from
 * GraphSource::requestSeries(); an answer to anything but the latest request is dropped.
 */
class GraphDetailsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphDetailsPanel)

public:
    explicit GraphDetailsPanel(QWidget* parent = nullptr);

    /*! Borrowed; nullptr = no source (nothing to chart). */
    void setSource(GraphSource* source);
    /*!
     * Shows details and asks for target's series (ids, protocol, namespaces and graph type set;
     * the panel fills the window). nullopt = nothing selected.
     */
    void setSelection(const QString& details, const std::optional<SeriesRequest>& target);
    /*! The time window: the series cover [now - seconds, now]. */
    void setWindow(int seconds);
    /*! Asks again for the current target, over the window up to now (the page's refresh). */
    void refreshSeries();

    QString detailsText() const;
    /*! Why there are no charts, or the source's error; empty while charts are shown. */
    QString noteText() const;
    /*! The points a chart shows for series name ("requests", "errors", "p95", "p99", "tcp"). */
    QList<QPointF> seriesPoints(const QString& name) const;
    /*! The series request whose answer the panel waits for; 0 when none. */
    quint64 pendingRequest() const { return m_request; }
    /*! The last series request sent (for tests of its window and step). */
    const SeriesRequest& lastRequest() const { return m_sent; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void onSeriesReady(const SeriesResult& result);
    void showNote(const QString& text, bool error);
    void clearCharts();

    QPointer<GraphSource> m_source;
    std::optional<SeriesRequest> m_target;
    SeriesRequest m_sent;
    int m_windowSeconds = 60;
    quint64 m_request = 0;
    QLabel* m_details;
    QLabel* m_note;
    QChartView* m_traffic;
    QChartView* m_latency;
};
