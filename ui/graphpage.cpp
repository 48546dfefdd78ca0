// SPDX-License-Identifier: Apache-2.0
#include "graphpage.h"

#include "graphdetailspanel.h"
#include "graphfilter.h"
#include "graphitems.h"
#include "graphlegend.h"
#include "graphpositions.h"
#include "graphscene.h"
#include "graphtheme.h"
#include "graphview.h"
#include "trafficgraphmodel.h"

#include <QEvent>
#include <QCheckBox>
#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollArea>
#include <QSplitter>
#include <QStackedWidget>
#include <QStyle>
#include <QTextDocumentFragment>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

namespace {


QString filterHelp()
{
    return GraphPage::tr("Examples: health = failure · vm · namespace = bookinfo and inrate > 1 · "
                         "error > 5% · drift · p99 > 200ms");
}

QLabel* caption(const QString& text, QWidget* parent)
{
    return new QLabel(text, parent);
}

QStringList splitNamespaces(const QString& text)
{
    QStringList namespaces;
    for (const QString& part : text.split(u',', Qt::SkipEmptyParts)) {
        const QString ns = part.trimmed();
        if (!ns.isEmpty() && !namespaces.contains(ns))
            namespaces.append(ns);
    }
    return namespaces;
}

} // namespace

GraphPage::GraphPage(QWidget* parent)
    : QWidget(parent)
    , m_view(new GraphView(this))
    , m_panel(new GraphDetailsPanel(this))
    , m_legend(new GraphLegend(this))
    , m_status(new QLabel(this))
    , m_timer(new QTimer(this))
{
    setObjectName(u"graphPage"_qs);
    m_placeholder = new QLabel(tr("Connect a cluster: open a plan whose cluster runs Prometheus and connect to it, "
                                  "or start meshdeck with --graph-recording FILE to look at recorded telemetry."),
                               this);
    m_placeholder->setObjectName(u"graphPlaceholder"_qs);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setEnabled(false); // greyed: nothing to act on here

    auto* side = new QSplitter(Qt::Vertical, this);
    auto* panelScroll = new QScrollArea(side);
    panelScroll->setWidgetResizable(true);
    panelScroll->setWidget(m_panel);
    m_legendArea = new QScrollArea(side);
    m_legendArea->setWidgetResizable(true);
    m_legendArea->setWidget(m_legend);
    side->addWidget(panelScroll);
    side->addWidget(m_legendArea);
    side->setStretchFactor(0, 3);
    side->setSizes({560, 240});
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_view);
    splitter->addWidget(side);
    splitter->setStretchFactor(0, 1);
    splitter->setSizes({900, 320});

    m_status->setObjectName(u"graphStatus"_qs);
    m_status->setTextFormat(Qt::RichText);
    auto* content = new QWidget(this);
    auto* layout = new QVBoxLayout(content);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(createToolbar());
    layout->addWidget(createFilterBar());
    layout->addWidget(splitter, 1);
    layout->addWidget(m_status);

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_placeholder);
    m_stack->addWidget(content);
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    outer->addWidget(m_stack);

    GraphScene* scene = m_view->scene();
    connect(scene, &QGraphicsScene::selectionChanged, this, &GraphPage::updateSelection);
    connect(m_view->model(), &TrafficGraphModel::graphChanged, this, &GraphPage::updateSelection);
    connect(scene, &GraphScene::layoutFinished, this, [this] { applyFilter(m_find, true); });
    connect(scene, &GraphScene::positionsEdited, this, &GraphPage::savePositions);
    connect(m_timer, &QTimer::timeout, this, [this] {
        if (m_request == 0) // a Prometheus slower than the interval: let it answer first
            refresh();
    });
    setSource(nullptr);
}

GraphPage::~GraphPage()
{
    // The scene deletes its items after this page's members are gone; a selected item going
    // away emits selectionChanged, which must not reach the half-destroyed page.
    disconnect(m_view->scene(), nullptr, this, nullptr);
    disconnect(m_view->model(), nullptr, this, nullptr);
}

// --- construction ----------------------------------------------------------------------------

QWidget* GraphPage::createToolbar()
{
    auto* bar = new QWidget(this);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(4, 4, 4, 0);

    m_type = new QComboBox(bar);
    m_type->setObjectName(u"graphTypeCombo"_qs);
    m_type->addItem(tr("Workload graph"), int(GraphType::Workload));
    m_type->addItem(tr("App graph"), int(GraphType::App));
    m_type->addItem(tr("Versioned app graph"), int(GraphType::VersionedApp));
    m_type->addItem(tr("Service graph"), int(GraphType::Service));
    connect(m_type, &QComboBox::currentIndexChanged, this, &GraphPage::refresh);

    m_namespaces = new QLineEdit(bar);
    m_namespaces->setObjectName(u"namespacesEdit"_qs);
    m_namespaces->setToolTip(tr("Namespaces, separated by commas; empty = the plan's namespaces"));
    m_namespaces->setMinimumWidth(180);
    connect(m_namespaces, &QLineEdit::editingFinished, this, [this] {
        if (m_namespaces->isModified())
            refresh();
        m_namespaces->setModified(false);
    });

    // Kiali's duration and refresh choices.
    m_window = new QComboBox(bar);
    m_window->setObjectName(u"timeRangeCombo"_qs);
    for (const auto& [text, seconds] : {std::pair{tr("Last 1m"), 60}, {tr("Last 5m"), 300}, {tr("Last 10m"), 600},
                                        {tr("Last 30m"), 1800}, {tr("Last 1h"), 3600}})
        m_window->addItem(text, seconds);
    connect(m_window, &QComboBox::currentIndexChanged, this, [this] {
        m_panel->setWindow(m_window->currentData().toInt());
        refresh();
    });

    m_interval = new QComboBox(bar);
    m_interval->setObjectName(u"refreshIntervalCombo"_qs);
    for (const auto& [text, seconds] : {std::pair{tr("Pause"), 0}, {tr("Every 10s"), 10}, {tr("Every 15s"), 15},
                                        {tr("Every 30s"), 30}, {tr("Every 1m"), 60}, {tr("Every 5m"), 300}})
        m_interval->addItem(text, seconds);
    m_interval->setCurrentIndex(4);
    connect(m_interval, &QComboBox::currentIndexChanged, this, &GraphPage::updateTimer);

    m_refresh = new QToolButton(bar);
    m_refresh->setObjectName(u"refreshButton"_qs);
    m_refresh->setIcon(style()->standardIcon(QStyle::SP_BrowserReload));
    m_refresh->setText(tr("Refresh"));
    m_refresh->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    connect(m_refresh, &QToolButton::clicked, this, &GraphPage::refresh);

    auto* fit = new QToolButton(bar);
    fit->setObjectName(u"fitButton"_qs);
    fit->setText(tr("Fit"));
    fit->setToolTip(tr("Show the whole graph"));
    connect(fit, &QToolButton::clicked, m_view, &GraphView::zoomToFit);

    auto* exportButton = new QToolButton(bar);
    exportButton->setObjectName(u"exportButton"_qs);
    exportButton->setText(tr("Export"));
    exportButton->setPopupMode(QToolButton::InstantPopup);
    auto* menu = new QMenu(exportButton);
    using GraphExport::Format;
    for (const auto& [text, format] : {std::pair{tr("PNG image…"), Format::Png}, {tr("SVG image…"), Format::Svg},
                                       {tr("Graph JSON…"), Format::Json}})
        menu->addAction(text, this, [this, format = format] { chooseExportPath(format); });
    exportButton->setMenu(menu);

    row->addWidget(m_type);
    row->addWidget(caption(tr("Namespaces:"), bar));
    row->addWidget(m_namespaces, 1);
    row->addWidget(m_window);
    row->addWidget(m_interval);
    row->addWidget(m_refresh);
    row->addWidget(fit);
    row->addWidget(exportButton);
    return bar;
}

QWidget* GraphPage::createFilterBar()
{
    auto* bar = new QWidget(this);
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(4, 0, 4, 0);
    const QString help = filterHelp();
    m_find = new QLineEdit(bar);
    m_find->setObjectName(u"findEdit"_qs);
    m_find->setPlaceholderText(tr("Find (nodes or edges)"));
    m_find->setToolTip(help);
    m_find->setClearButtonEnabled(true);
    connect(m_find, &QLineEdit::textChanged, this, [this] { applyFilter(m_find, true); });
    m_found = new QLabel(bar);
    m_found->setObjectName(u"foundCount"_qs);
    m_hide = new QLineEdit(bar);
    m_hide->setObjectName(u"hideEdit"_qs);
    m_hide->setPlaceholderText(tr("Hide (nodes or edges)"));
    m_hide->setToolTip(help);
    m_hide->setClearButtonEnabled(true);
    connect(m_hide, &QLineEdit::textChanged, this, [this] { applyFilter(m_hide, false); });
    row->addWidget(m_find, 1);
    row->addWidget(m_found);
    row->addWidget(m_hide, 1);

    row->addWidget(caption(tr("Edge labels:"), bar));
    const GraphStyle::EdgeLabels initial = m_view->scene()->edgeLabels();
    auto addToggle = [&](const QString& text, const QString& name, bool on, bool GraphStyle::EdgeLabels::*field) {
        auto* box = new QCheckBox(text, bar);
        box->setObjectName(name);
        box->setChecked(on);
        connect(box, &QCheckBox::toggled, this, [this, field](bool checked) {
            GraphStyle::EdgeLabels labels = m_view->scene()->edgeLabels();
            labels.*field = checked;
            m_view->setEdgeLabels(labels);
        });
        row->addWidget(box);
    };
    addToggle(tr("Rate"), u"labelRate"_qs, initial.rate, &GraphStyle::EdgeLabels::rate);
    addToggle(tr("Share"), u"labelShare"_qs, initial.share, &GraphStyle::EdgeLabels::share);
    addToggle(tr("Latency"), u"labelLatency"_qs, initial.latency, &GraphStyle::EdgeLabels::latency);
    addToggle(tr("Configured weight"), u"labelWeight"_qs, initial.weight, &GraphStyle::EdgeLabels::weight);
    auto* legendToggle = new QCheckBox(tr("Legend"), bar);
    legendToggle->setObjectName(u"legendToggle"_qs);
    legendToggle->setChecked(true);
    connect(legendToggle, &QCheckBox::toggled, m_legendArea, &QWidget::setVisible);
    row->addWidget(legendToggle);
    return bar;
}

// --- source and requests ---------------------------------------------------------------------

void GraphPage::setSource(GraphSource* source)
{
    if (source && source == m_source)
        return; // the same source again: keep the graph, the request in flight and the user's fields
    if (m_source) {
        disconnect(m_source, nullptr, this, nullptr);
        m_source->cancelAll();
    }
    m_source = source;
    m_request = 0;
    m_error.clear();
    m_lastUpdate = {};
    m_panel->setSource(source);
    m_stack->setCurrentWidget(source ? m_stack->widget(1) : m_placeholder);
    if (!source) {
        m_timer->stop();
        m_view->model()->clear();
        updateStatus();
        return;
    }
    connect(source, &GraphSource::graphReady, this, &GraphPage::onGraphReady);
    connect(source, &GraphSource::graphFailed, this, &GraphPage::onGraphFailed);
    // The namespaces the user typed stay while the defaults are the ones they were typed over
    // (another source for the same plan, e.g. after its Prometheus setting changed).
    const QString defaults = source->defaultNamespaces().join(u", "_qs);
    if (defaults != m_namespaces->placeholderText() || m_namespaces->text().trimmed().isEmpty())
        m_namespaces->setText(defaults);
    m_namespaces->setPlaceholderText(defaults);
    m_interval->setEnabled(source->isLive());
    m_interval->setToolTip(source->isLive() ? QString() : tr("A recording does not change: nothing to refresh"));
    updateTimer();
    refresh();
}

void GraphPage::setPlanPath(const QString& path)
{
    if (path == m_planPath)
        return;
    m_planPath = path;
    if (m_source)
        updatePositionsStore();
}

void GraphPage::setPlaceholderText(const QString& text)
{
    m_placeholder->setText(text);
}

GraphRequest GraphPage::currentRequest() const
{
    GraphRequest request;
    request.type = GraphType(m_type->currentData().toInt());
    request.namespaces = splitNamespaces(m_namespaces->text());
    if (request.namespaces.isEmpty() && m_source)
        request.namespaces = m_source->defaultNamespaces();
    request.windowSeconds = m_window->currentData().toInt();
    return request;
}

void GraphPage::refresh()
{
    if (!m_source)
        return;
    updatePositionsStore();
    m_request = m_source->requestGraph(currentRequest());
    m_panel->refreshSeries();
    updateStatus();
}

void GraphPage::onGraphReady(quint64 request, const TrafficGraph& graph)
{
    if (request != m_request)
        return; // overtaken by a newer request
    m_request = 0;
    m_error.clear();
    m_lastUpdate = QDateTime::currentDateTime();
    m_view->setGraph(graph);
    updateStatus();
    emit graphReceived(request);
}

void GraphPage::onGraphFailed(quint64 request, const Error& error)
{
    const QString& message = error.message;
    if (request != m_request)
        return;
    m_request = 0;
    m_error = message; // the graph shown stays: stale numbers beat an empty canvas
    updateStatus();
}

void GraphPage::updateTimer()
{
    const int seconds = m_interval->currentData().toInt();
    if (m_source && m_source->isLive() && seconds > 0)
        m_timer->start(seconds * 1000);
    else
        m_timer->stop();
}

// --- find, hide, selection -------------------------------------------------------------------

void GraphPage::applyFilter(QLineEdit* field, bool find)
{
    GraphFilterError error;
    const std::optional<GraphFilter> filter = GraphFilter::parse(field->text(), &error);
    field->setProperty("invalid", !filter.has_value());
    field->setStyleSheet(filter ? QString() : u"QLineEdit { color: %1; }"_qs.arg(errorColor()));
    field->setToolTip(filter ? filterHelp() : tr("Column %1: %2").arg(error.column).arg(error.message));
    GraphScene* scene = m_view->scene();
    if (find)
        scene->setFindFilter(filter.value_or(GraphFilter()));
    else
        scene->setHideFilter(filter.value_or(GraphFilter()));
    const bool searching = !m_find->text().trimmed().isEmpty() && m_find->property("invalid") != true;
    m_found->setText(searching ? tr("%n found", nullptr, scene->foundCount()) : QString());
}

void GraphPage::updateSelection()
{
    GraphScene* scene = m_view->scene();
    std::optional<SeriesRequest> target = scene->selectionSeriesTarget();
    if (target)
        target->namespaces = currentRequest().namespaces;
    m_panel->setSelection(scene->selectionDetails(), target);
}

// --- positions -------------------------------------------------------------------------------

void GraphPage::updatePositionsStore()
{
    const QStringList namespaces = currentRequest().namespaces;
    auto store = std::make_unique<GraphPositions>(m_planPath, namespaces);
    if (m_positions && m_positions->filePath() == store->filePath())
        return;
    m_positions = std::move(store);
    m_view->scene()->setPinnedPositions(m_positions->load());
}

QString GraphPage::positionsFile() const
{
    return m_positions ? m_positions->filePath() : QString();
}

void GraphPage::savePositions()
{
    if (!m_positions)
        updatePositionsStore();
    QString error;
    if (!m_positions->save(m_view->scene()->pinnedPositions(), &error)) {
        m_error = tr("Node positions not saved: %1").arg(error);
        updateStatus();
    }
}

// --- status and export -----------------------------------------------------------------------

QString GraphPage::errorColor() const
{
    return GraphTheme::forPalette(palette()).errorText.name();
}

// Light/dark switched: the error colours of the status line and of an invalid find/hide follow.
void GraphPage::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        updateStatus();
        for (QLineEdit* field : {m_find, m_hide}) {
            if (field->property("invalid").toBool())
                field->setStyleSheet(u"QLineEdit { color: %1; }"_qs.arg(errorColor()));
        }
    }
    QWidget::changeEvent(event);
}

void GraphPage::updateStatus()
{
    QStringList parts;
    if (m_source)
        parts.append(m_source->description().toHtmlEscaped());
    if (m_request != 0)
        parts.append(tr("loading…"));
    if (m_lastUpdate.isValid())
        parts.append(tr("updated %1").arg(m_lastUpdate.toString(u"HH:mm:ss"_qs)));
    const QStringList warnings = m_view->model()->graph().warnings;
    if (!warnings.isEmpty())
        parts.append(tr("%n warning(s)", nullptr, int(warnings.size())));
    if (!m_error.isEmpty())
        parts.append(u"<span style=\"color:%1\">"_qs.arg(errorColor()) + m_error.toHtmlEscaped() + u"</span>"_qs);
    m_status->setText(parts.join(u" · "_qs));
    m_status->setToolTip(warnings.join(u'\n'));
}

QString GraphPage::statusText() const
{
    return QTextDocumentFragment::fromHtml(m_status->text()).toPlainText();
}

bool GraphPage::exportTo(GraphExport::Format format, const QString& path, QString* error)
{
    return GraphExport::write(format, *m_view->scene(), path, error);
}

void GraphPage::chooseExportPath(GraphExport::Format format)
{
    auto* dialog = new QFileDialog(this, tr("Export Graph"), QString(), GraphExport::nameFilter(format));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(GraphExport::suffix(format));
    dialog->selectFile(u"traffic-graph."_qs + GraphExport::suffix(format));
    connect(dialog, &QFileDialog::fileSelected, this, [this, format](const QString& path) {
        QString error;
        m_error = exportTo(format, path, &error) ? QString() : tr("Export to %1 failed: %2").arg(path, error);
        updateStatus();
    });
    dialog->open(); // not exec(): refreshes keep arriving while the dialog is up
}
