// SPDX-License-Identifier: Apache-2.0
#include "graphdetailspanel.h"

#include "graphtheme.h"

#include <QEvent>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace {

QString selectPrompt()
{
    return GraphDetailsPanel::tr("Select a node or an edge to see its metrics.");
}

// Qt Charts' own light or dark theme for the desktop's palette; the errors line keeps the
// failure colour of the graph's theme.
void applyChartTheme(QChartView* view, const QPalette& palette)
{
    const GraphTheme theme = GraphTheme::forPalette(palette);
    QChart* chart = view->chart();
    const QChart::ChartTheme wanted = theme.dark ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    if (chart->theme() != wanted)
        chart->setTheme(wanted);
    chart->setBackgroundBrush(theme.background);
    chart->setTitleBrush(theme.text);
    chart->legend()->setLabelColor(theme.text);
    const QList<QAbstractSeries*> series = chart->series();
    for (QAbstractSeries* s : series) {
        if (s->name() == u"errors")
            static_cast<QLineSeries*>(s)->setColor(theme.healthColor(GraphHealth::Failure));
    }
}

QChartView* makeChart(const QString& name, const QString& title, QWidget* parent)
{
    auto* chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(2, 2, 2, 2));
    auto* view = new QChartView(chart, parent); // the view owns the chart
    applyChartTheme(view, parent->palette());
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(180);
    return view;
}

bool isLatency(const GraphSeries& series)
{
    return series.unit == u"ms";
}

// Qt Charts draws NaN as garbage, so steps without a sample are left out: the line joins the
// neighbouring samples.
QList<QPointF> samples(const GraphSeries& series)
{
    QList<QPointF> points;
    points.reserve(series.points.size());
    for (const QPointF& p : series.points) {
        if (std::isfinite(p.y()))
            points.append(p);
    }
    return points;
}

void fill(QChartView* view, const QList<GraphSeries>& all, bool latency, const SeriesRequest& request)
{
    QChart* chart = view->chart();
    chart->removeAllSeries();
    for (QAbstractAxis* axis : chart->axes())
        chart->removeAxis(axis);
    auto* x = new QDateTimeAxis;
    x->setFormat(request.start.secsTo(request.end) <= 600 ? u"hh:mm:ss"_qs : u"hh:mm"_qs);
    x->setRange(request.start.toLocalTime(), request.end.toLocalTime());
    x->setTickCount(4);
    auto* y = new QValueAxis;
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double top = 0;
    QStringList units;
    for (const GraphSeries& series : all) {
        if (isLatency(series) != latency)
            continue;
        auto* line = new QLineSeries;
        line->setName(series.name);
        if (series.name == u"errors")
            line->setColor(GraphTheme::forPalette(view->parentWidget()->palette()).healthColor(GraphHealth::Failure));
        const QList<QPointF> points = samples(series);
        line->replace(points);
        for (const QPointF& p : points)
            top = std::max(top, p.y());
        chart->addSeries(line);
        line->attachAxis(x);
        line->attachAxis(y);
        if (!units.contains(series.unit))
            units.append(series.unit);
    }
    y->setRange(0, top > 0 ? top * 1.1 : 1.0);
    y->applyNiceNumbers();
    y->setTitleText(units.join(u", "_qs));
}

} // namespace

GraphDetailsPanel::GraphDetailsPanel(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(u"graphDetailsPanel"_qs);
    m_details = new QLabel(selectPrompt(), this);
    m_details->setObjectName(u"graphDetails"_qs);
    m_details->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_details->setWordWrap(true);
    m_details->setTextFormat(Qt::PlainText);
    m_details->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note = new QLabel(this);
    m_note->setObjectName(u"graphSeriesNote"_qs);
    m_note->setWordWrap(true);
    m_note->setTextFormat(Qt::PlainText);
    m_traffic = makeChart(u"trafficChart"_qs, tr("Requests and errors"), this);
    m_latency = makeChart(u"latencyChart"_qs, tr("Latency"), this);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addWidget(m_details);
    layout->addWidget(m_note);
    layout->addWidget(m_traffic, 1);
    layout->addWidget(m_latency, 1);
    layout->addStretch();
    setMinimumWidth(260);
    clearCharts();
    m_note->hide();
}

void GraphDetailsPanel::setSource(GraphSource* source)
{
    if (m_source)
        disconnect(m_source, nullptr, this, nullptr);
    m_source = source;
    m_request = 0;
    if (source)
        connect(source, &GraphSource::seriesReady, this, &GraphDetailsPanel::onSeriesReady);
    setSelection(selectPrompt(), std::nullopt);
}

void GraphDetailsPanel::setSelection(const QString& details, const std::optional<SeriesRequest>& target)
{
    m_details->setText(details.isEmpty() ? selectPrompt() : details);
    const bool same = target && m_target && target->target == m_target->target && target->nodeId == m_target->nodeId
        && target->source == m_target->source && target->destination == m_target->destination
        && target->protocol == m_target->protocol && target->namespaces == m_target->namespaces
        && target->type == m_target->type;
    m_target = target;
    if (!same) // a metrics refresh of the same selection keeps the charts until the page refreshes them
        refreshSeries();
}

void GraphDetailsPanel::setWindow(int seconds)
{
    if (seconds == m_windowSeconds)
        return;
    m_windowSeconds = seconds;
    refreshSeries();
}

void GraphDetailsPanel::refreshSeries()
{
    m_request = 0; // whatever is in flight is stale now
    if (!m_target) {
        clearCharts();
        m_note->hide();
        return;
    }
    if (!m_source) {
        clearCharts();
        showNote(tr("No graph source: no time series."), false);
        return;
    }
    if (!m_source->isLive()) {
        clearCharts();
        showNote(tr("No time series in a recording."), false);
        return;
    }
    SeriesRequest request = *m_target;
    request.end = QDateTime::currentDateTimeUtc();
    request.start = request.end.addSecs(-m_windowSeconds);
    request.stepSeconds = std::max(5, m_windowSeconds / 60); // ~60 points; Prometheus scrapes every 5-15 s
    m_sent = request;
    if (m_traffic->isHidden())
        showNote(tr("Loading time series…"), false);
    m_request = m_source->requestSeries(request);
}

void GraphDetailsPanel::onSeriesReady(const SeriesResult& result)
{
    if (result.request == 0 || result.request != m_request)
        return; // overtaken by a newer selection, window or refresh
    m_request = 0;
    if (!result.error.isEmpty()) {
        clearCharts();
        showNote(result.error, true);
        return;
    }
    m_note->hide();
    m_note->clear();
    fill(m_traffic, result.series, false, m_sent);
    fill(m_latency, result.series, true, m_sent);
    m_traffic->show();
    m_latency->show();
}

// Light/dark switched: the charts take Qt Charts' matching theme, an error note its colour.
void GraphDetailsPanel::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        for (QChartView* view : {m_traffic, m_latency})
            applyChartTheme(view, palette()); // the children's palettes follow after this event
        if (m_note->property("error").toBool())
            m_note->setStyleSheet(u"color: %1;"_qs.arg(GraphTheme::forPalette(palette()).errorText.name()));
    }
    QWidget::changeEvent(event);
}

void GraphDetailsPanel::showNote(const QString& text, bool error)
{
    m_note->setText(text);
    m_note->setStyleSheet(error ? u"color: %1;"_qs.arg(GraphTheme::forPalette(palette()).errorText.name()) : QString());
    m_note->setProperty("error", error);
    m_note->show();
}

void GraphDetailsPanel::clearCharts()
{
    for (QChartView* view : {m_traffic, m_latency}) {
        view->chart()->removeAllSeries();
        view->hide();
    }
}

QString GraphDetailsPanel::detailsText() const
{
    return m_details->text();
}

QString GraphDetailsPanel::noteText() const
{
    return m_note->isHidden() ? QString() : m_note->text();
}

QList<QPointF> GraphDetailsPanel::seriesPoints(const QString& name) const
{
    for (QChartView* view : {m_traffic, m_latency}) {
        for (QAbstractSeries* series : view->chart()->series()) {
            if (series->name() == name)
                return static_cast<QLineSeries*>(series)->points();
        }
    }
    return {};
}
