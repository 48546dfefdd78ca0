// SPDX-License-Identifier: Apache-2.0
#include "graphview.h"

#include "graphlayout.h"
#include "graphscene.h"

#include <QCheckBox>
#include <QGraphicsView>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>

namespace {

// Wheel zoom around the cursor; the view flags follow qtbase's 40,000-chip demo.
class GraphCanvas final : public QGraphicsView
{
public:
    GraphCanvas(QGraphicsScene* scene, GraphView* owner)
        : QGraphicsView(scene)
        , m_owner(owner)
    {
        setOptimizationFlags(DontSavePainterState);
        setViewportUpdateMode(SmartViewportUpdate);
        setDragMode(ScrollHandDrag);
        setTransformationAnchor(AnchorUnderMouse);
        setRenderHint(QPainter::Antialiasing);
    }

protected:
    void wheelEvent(QWheelEvent* event) override
    {
        const double steps = event->angleDelta().y() / 120.0;
        if (steps != 0)
            m_owner->zoomBy(std::pow(1.25, steps));
        event->accept();
    }

private:
    GraphView* m_owner;
};

} // namespace

GraphView::GraphView(QWidget* parent)
    : QWidget(parent)
    , m_scene(new GraphScene(this))
{
    m_canvas = new GraphCanvas(m_scene, this);
    m_panel = new QLabel;
    m_panel->setObjectName(u"graphSidePanel"_qs);
    m_panel->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_panel->setWordWrap(true);
    m_panel->setTextFormat(Qt::PlainText);
    m_panel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_panel->setMinimumWidth(220);
    m_panel->setText(tr("Select a node or an edge to see its metrics."));

    auto* toggles = new QHBoxLayout;
    toggles->addWidget(new QLabel(tr("Edge labels:")));
    const GraphStyle::EdgeLabels initial = m_scene->edgeLabels();
    auto addToggle = [&](const QString& text, const QString& name, bool on, bool GraphStyle::EdgeLabels::*field) {
        auto* box = new QCheckBox(text);
        box->setObjectName(name);
        box->setChecked(on);
        connect(box, &QCheckBox::toggled, this, [this, field](bool checked) {
            GraphStyle::EdgeLabels labels = m_scene->edgeLabels();
            labels.*field = checked;
            m_scene->setEdgeLabels(labels);
        });
        toggles->addWidget(box);
    };
    addToggle(tr("Rate"), u"labelRate"_qs, initial.rate, &GraphStyle::EdgeLabels::rate);
    addToggle(tr("Share"), u"labelShare"_qs, initial.share, &GraphStyle::EdgeLabels::share);
    addToggle(tr("Latency"), u"labelLatency"_qs, initial.latency, &GraphStyle::EdgeLabels::latency);
    addToggle(tr("Configured weight"), u"labelWeight"_qs, initial.weight, &GraphStyle::EdgeLabels::weight);
    toggles->addStretch();

    auto* splitter = new QSplitter;
    splitter->addWidget(m_canvas);
    splitter->addWidget(m_panel);
    splitter->setStretchFactor(0, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(toggles);
    layout->addWidget(splitter);

    connect(m_scene, &QGraphicsScene::selectionChanged, this, &GraphView::updatePanel);
}

quint64 GraphView::setGraph(const TrafficGraph& graph)
{
    const quint64 job = ++m_job;
    GraphLayoutOptions options;
    options.nodeWidth = 2 * GraphScene::nodeRadius;
    options.nodeHeight = 2 * GraphScene::nodeRadius + 16; // room for the label under the glyph
    QtConcurrent::run([input = layoutInput(graph), options] { return layoutLayered(input, options); })
        .then(this, [this, job, graph](const GraphLayoutResult& result) {
            if (job != m_job)
                return; // a newer graph is on its way
            m_scene->setGraph(graph, result);
            updatePanel();
            emit layoutFinished(job);
        });
    return job;
}

void GraphView::setEdgeLabels(const GraphStyle::EdgeLabels& labels)
{
    m_scene->setEdgeLabels(labels);
    const QList<std::pair<QString, bool>> states = {{u"labelRate"_qs, labels.rate}, {u"labelShare"_qs, labels.share},
                                                    {u"labelLatency"_qs, labels.latency}, {u"labelWeight"_qs, labels.weight}};
    for (const auto& [name, on] : states) {
        if (auto* box = findChild<QCheckBox*>(name)) {
            const QSignalBlocker blocker(box);
            box->setChecked(on);
        }
    }
}

QString GraphView::panelText() const
{
    return m_panel->text();
}

void GraphView::zoomBy(double factor)
{
    const double current = zoom();
    const double target = std::clamp(current * factor, 0.02, 8.0);
    m_canvas->scale(target / current, target / current);
}

double GraphView::zoom() const
{
    return m_canvas->transform().m11();
}

void GraphView::updatePanel()
{
    const QString details = m_scene->selectionDetails();
    m_panel->setText(details.isEmpty() ? tr("Select a node or an edge to see its metrics.") : details);
}
