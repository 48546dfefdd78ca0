// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "graphexport.h"
#include "graphsource.h"

#include <QDateTime>
#include <QPointer>
#include <QWidget>

#include <memory>

class GraphDetailsPanel;
class GraphLegend;
class GraphPositions;
class GraphView;
class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QScrollArea;
class QStackedWidget;
class QTimer;
class QToolButton;

/*!
 * The "Traffic graph" tab: a toolbar (graph type, namespaces, time range, refresh interval,
 * refresh, find, hide, edge labels, export), the GraphView, a side panel for the selection
 * with its time series, the legend and a status line. Graphs come from a GraphSource the
 * composition root owns; without one the page says how to get one.
 *
 * Node positions the user sets are saved per plan and namespace set (GraphPositions) and put
 * back over the next layout of the same set.
 */
class GraphPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GraphPage)

public:
    explicit GraphPage(QWidget* parent = nullptr);
    ~GraphPage() override;

    /*!
     * Borrowed (owned by app/); nullptr shows the placeholder. A new source is asked for a graph
     * at once; the source the page already has changes nothing. The namespaces field is set to the
     * source's defaults unless the user edited it over the same defaults.
     */
    void setSource(GraphSource* source);
    GraphSource* source() const { return m_source; }
    /*! The plan whose namespaces are shown: node positions are saved per plan. */
    void setPlanPath(const QString& path);
    /*! What the placeholder says while there is no source (e.g. why the plan's cluster is unusable). */
    void setPlaceholderText(const QString& text);

    /*! Asks the source for a graph with the toolbar's settings (and the panel for its series). */
    void refresh();
    /*! The request refresh() sends: type, namespaces (the defaults when the field is empty), window. */
    GraphRequest currentRequest() const;
    /*! The graph request in flight; 0 when none. */
    quint64 pendingRequest() const { return m_request; }
    /*! Where the positions of the current plan and namespace set are saved. */
    QString positionsFile() const;
    bool exportTo(GraphExport::Format format, const QString& path, QString* error = nullptr);

    GraphView* view() const { return m_view; }
    GraphDetailsPanel* detailsPanel() const { return m_panel; }
    GraphLegend* legend() const { return m_legend; }
    /*! The status line as plain text: source, last refresh, error, warnings. */
    QString statusText() const;

signals:
    /*! A graph from the source was handed to the model (its layout may still be running). */
    void graphReceived(quint64 request);

protected:
    void changeEvent(QEvent* event) override;

private:
    QString errorColor() const;
    QWidget* createToolbar();
    QWidget* createFilterBar();
    void onGraphReady(quint64 request, const TrafficGraph& graph);
    void onGraphFailed(quint64 request, const Error& error);
    void applyFilter(QLineEdit* field, bool find);
    void updateSelection();
    void updateTimer();
    void updatePositionsStore();
    void savePositions();
    void updateStatus();
    void chooseExportPath(GraphExport::Format format);

    QPointer<GraphSource> m_source;
    QString m_planPath;
    std::unique_ptr<GraphPositions> m_positions;
    quint64 m_request = 0;
    QDateTime m_lastUpdate;
    QString m_error;

    QStackedWidget* m_stack;
    QLabel* m_placeholder;
    GraphView* m_view;
    GraphDetailsPanel* m_panel;
    GraphLegend* m_legend;
    QScrollArea* m_legendArea = nullptr;
    QComboBox* m_type = nullptr;
    QLineEdit* m_namespaces = nullptr;
    QComboBox* m_window = nullptr;
    QComboBox* m_interval = nullptr;
    QToolButton* m_refresh = nullptr;
    QLineEdit* m_find = nullptr;
    QLineEdit* m_hide = nullptr;
    QLabel* m_found = nullptr;
    QLabel* m_status;
    QTimer* m_timer;
};
