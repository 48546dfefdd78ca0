// SPDX-License-Identifier: Apache-2.0
#include "weightseditor.h"

#include "graphroutes.h"
#include "graphtheme.h"
#include "weightshift.h"

#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QStyle>
#include <QToolButton>
#include <QVBoxLayout>

#include <numeric>

WeightsEditor::WeightsEditor(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(u"weightsEditor"_qs);
    auto* layout = new QVBoxLayout(this);
    m_title = new QLabel(this);
    m_title->setObjectName(u"weightsTitle"_qs);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_title);
    m_rowsWidget = new QWidget(this);
    m_grid = new QGridLayout(m_rowsWidget);
    m_grid->setContentsMargins(0, 0, 0, 0);
    m_grid->setColumnStretch(2, 1);
    layout->addWidget(m_rowsWidget);
    auto* buttons = new QHBoxLayout;
    m_sum = new QLabel(this);
    m_sum->setObjectName(u"weightsSum"_qs);
    buttons->addWidget(m_sum);
    buttons->addStretch();
    m_evenly = new QPushButton(tr("Distribute evenly"), this);
    m_evenly->setObjectName(u"weightsEvenly"_qs);
    connect(m_evenly, &QPushButton::clicked, this, &WeightsEditor::distributeEvenly);
    buttons->addWidget(m_evenly);
    m_reset = new QPushButton(tr("Reset"), this);
    m_reset->setObjectName(u"weightsReset"_qs);
    m_reset->setToolTip(tr("Back to the weights configured now"));
    connect(m_reset, &QPushButton::clicked, this, &WeightsEditor::reset);
    buttons->addWidget(m_reset);
    layout->addLayout(buttons);
    layout->addStretch();
    buildRows();
}

WeightsEditor::~WeightsEditor() = default;

void WeightsEditor::setRoute(const WeightedRoute& route)
{
    m_route = route;
    m_weights = WeightShift::normalized(route.weights());
    m_locked = QList<bool>(m_weights.size(), false);
    buildRows();
}

void WeightsEditor::updateRoute(const WeightedRoute& route)
{
    const bool sameDestinations = route.key() == m_route.key() && route.destinations.size() == m_route.destinations.size()
        && std::equal(route.destinations.cbegin(), route.destinations.cend(), m_route.destinations.cbegin(),
                      [](const WeightedDestination& a, const WeightedDestination& b) { return a.label() == b.label(); });
    if (!sameDestinations) {
        setRoute(route);
        return;
    }
    const bool wasModified = isModified();
    m_route = route;
    if (!wasModified)
        m_weights = WeightShift::normalized(route.weights()); // follow the cluster while untouched
    showWeights();
    showObserved();
}

void WeightsEditor::setDriftTolerance(int tolerance)
{
    m_tolerance = tolerance;
    showObserved();
}

bool WeightsEditor::isModified() const
{
    return m_weights != m_route.weights();
}

void WeightsEditor::moveWeight(qsizetype index, int value)
{
    setWeights(WeightShift::move(m_weights, m_locked, index, value));
}

void WeightsEditor::setLocked(qsizetype index, bool locked)
{
    if (index < 0 || index >= m_locked.size())
        return;
    m_locked[index] = locked;
    showWeights(); // the others' maximum changes (Kiali's onLock)
}

void WeightsEditor::reset()
{
    setWeights(WeightShift::normalized(m_route.weights()));
}

void WeightsEditor::distributeEvenly()
{
    m_locked.fill(false);
    setWeights(WeightShift::evenly(m_weights.size()));
}

QSlider* WeightsEditor::slider(qsizetype index) const
{
    return index >= 0 && index < m_rows.size() ? m_rows.at(index).slider : nullptr;
}

QSpinBox* WeightsEditor::spinBox(qsizetype index) const
{
    return index >= 0 && index < m_rows.size() ? m_rows.at(index).spin : nullptr;
}

QLabel* WeightsEditor::observedLabel(qsizetype index) const
{
    return index >= 0 && index < m_rows.size() ? m_rows.at(index).observed : nullptr;
}

void WeightsEditor::setWeights(const QList<int>& weights)
{
    const bool changed = weights != m_weights;
    m_weights = weights;
    showWeights();
    if (changed)
        emit weightsChanged(m_weights);
}

void WeightsEditor::buildRows()
{
    for (const Row& row : std::as_const(m_rows)) {
        for (QWidget* w : {static_cast<QWidget*>(row.side), static_cast<QWidget*>(row.name),
                           static_cast<QWidget*>(row.slider), static_cast<QWidget*>(row.spin),
                           static_cast<QWidget*>(row.lock), static_cast<QWidget*>(row.observed)}) {
            m_grid->removeWidget(w);
            w->hide();
            w->deleteLater();
        }
    }
    m_rows.clear();
    const QString routeName = m_route.routeName.isEmpty() ? QString() : u" (%1)"_qs.arg(m_route.routeName);
    m_title->setText(m_route.virtualService.isEmpty()
                         ? tr("Select a route.")
                         : tr("VirtualService %1/%2, %3 route %4%5")
                               .arg(m_route.namespaceName, m_route.virtualService, m_route.protocol,
                                    QString::number(m_route.routeIndex), routeName));
    const bool many = m_route.destinations.size() > 2; // two destinations: a lock would pin both
    for (qsizetype i = 0; i < m_route.destinations.size(); ++i) {
        const WeightedDestination& d = m_route.destinations.at(i);
        Row row;
        row.side = new QLabel(m_rowsWidget);
        const bool vm = d.side == WeightedDestination::Side::Vm;
        const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
        row.side->setPixmap(style()->standardIcon(vm ? QStyle::SP_ComputerIcon : QStyle::SP_DriveNetIcon).pixmap(iconSize));
        row.side->setToolTip(vm ? tr("VMs of group %1").arg(d.group)
                                : d.side == WeightedDestination::Side::Pods ? tr("Pods") : tr("Not known from the plan"));
        row.side->setObjectName(vm ? u"sideVm"_qs : u"sidePods"_qs);
        row.name = new QLabel(d.label() + (d.port > 0 ? u":%1"_qs.arg(d.port) : QString()), m_rowsWidget);
        row.slider = new QSlider(Qt::Horizontal, m_rowsWidget);
        row.slider->setRange(0, 100);
        row.slider->setObjectName(u"weightSlider%1"_qs.arg(i));
        row.slider->setAccessibleName(tr("Weight of %1").arg(d.label()));
        row.spin = new QSpinBox(m_rowsWidget);
        row.spin->setRange(0, 100);
        row.spin->setSuffix(u"%"_qs);
        row.spin->setObjectName(u"weightSpin%1"_qs.arg(i));
        row.lock = new QToolButton(m_rowsWidget);
        row.lock->setCheckable(true);
        row.lock->setText(tr("Lock"));
        row.lock->setToolTip(tr("Keep this weight while the others move"));
        row.lock->setVisible(many);
        row.observed = new QLabel(m_rowsWidget);
        row.observed->setObjectName(u"observed%1"_qs.arg(i));
        connect(row.slider, &QSlider::valueChanged, this, [this, i](int value) { moveWeight(i, value); });
        connect(row.spin, &QSpinBox::valueChanged, this, [this, i](int value) { moveWeight(i, value); });
        connect(row.lock, &QToolButton::toggled, this, [this, i](bool on) { setLocked(i, on); });
        const int line = int(i);
        m_grid->addWidget(row.side, line, 0);
        m_grid->addWidget(row.name, line, 1);
        m_grid->addWidget(row.slider, line, 2);
        m_grid->addWidget(row.spin, line, 3);
        m_grid->addWidget(row.lock, line, 4);
        m_grid->addWidget(row.observed, line, 5);
        m_rows.append(row);
    }
    m_evenly->setEnabled(m_route.destinations.size() > 1);
    m_reset->setEnabled(!m_route.destinations.isEmpty());
    showWeights();
    showObserved();
}

void WeightsEditor::showWeights()
{
    for (qsizetype i = 0; i < m_rows.size() && i < m_weights.size(); ++i) {
        const Row& row = m_rows.at(i);
        // Programmatic values must not come back as moves.
        const QSignalBlocker blockSlider(row.slider);
        const QSignalBlocker blockSpin(row.spin);
        const QSignalBlocker blockLock(row.lock);
        row.slider->setValue(m_weights.at(i));
        row.spin->setValue(m_weights.at(i));
        row.lock->setChecked(m_locked.value(i));
        const bool movable = !m_locked.value(i) && m_weights.size() > 1;
        row.slider->setEnabled(movable);
        row.spin->setEnabled(movable);
        // Kiali's slider maximum: what the locked others leave. The slider keeps 0..100 so that
        // its scale does not jump; the rule clamps.
        row.spin->setMaximum(std::max(WeightShift::maximum(m_weights, m_locked, i), m_weights.at(i)));
    }
    const int sum = std::accumulate(m_weights.cbegin(), m_weights.cend(), 0);
    m_sum->setText(m_weights.isEmpty() ? QString() : tr("Total %1%").arg(sum));
}

void WeightsEditor::showObserved()
{
    for (qsizetype i = 0; i < m_rows.size() && i < m_route.destinations.size(); ++i) {
        const WeightedDestination& d = m_route.destinations.at(i);
        QLabel* label = m_rows.at(i).observed;
        QString configured;
        if (m_route.inCluster() && d.liveWeight >= 0 && d.planWeight >= 0 && d.planWeight != d.liveWeight)
            configured = tr("now %1%, planned %2%").arg(QString::number(d.liveWeight), QString::number(d.planWeight));
        else if (m_route.inCluster() && d.liveWeight >= 0)
            configured = tr("now %1%").arg(d.liveWeight);
        else
            configured = tr("planned %1%").arg(d.weight);
        if (d.observedShare < 0) {
            label->setText(tr("%1, observed: unknown").arg(configured));
            label->setToolTip(tr("No traffic through this route in the graph's window, or no graph yet."));
            label->setStyleSheet({});
            label->setProperty("drift", false);
            continue;
        }
        const bool drift = weightDrifts(d.observedShare, d.weight, m_tolerance);
        label->setProperty("drift", drift);
        if (drift) {
            label->setText(tr("%1, observed %2% (drift)").arg(configured, QString::number(qRound(d.observedShare))));
            // The graph's drift colour, kept at 4.5:1 on this page in any palette.
            const QColor colour = withContrast(GraphTheme::forPalette(palette()).drift, palette().color(QPalette::Window), 4.5);
            label->setStyleSheet(u"color: %1; font-weight: bold;"_qs.arg(colour.name()));
            label->setToolTip(tr("More than %1 percentage points from the configured weight").arg(m_tolerance));
        } else {
            label->setText(tr("%1, observed %2%").arg(configured, QString::number(qRound(d.observedShare))));
            label->setStyleSheet({});
            label->setToolTip({});
        }
    }
}

void WeightsEditor::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        showObserved(); // the drift colour for the new palette
}
