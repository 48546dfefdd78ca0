// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "weightedroute.h"

#include <QList>
#include <QWidget>

class QGridLayout;
class QLabel;
class QPushButton;
class QSlider;
class QSpinBox;
class QToolButton;

/*!
 * Edits the weights of one route: a slider and a spin box per destination, the sum held at 100
 * by Kiali's rule (WeightShift: moving one redistributes the rest over the unlocked others), a
 * lock per destination when there are more than two, a pods/VM mark, and next to each the weight
 * configured now with the share Prometheus observed, flagged when they drift apart by more than
 * the tolerance (the graph's rule, weightDrifts). Used by the Weights tab and the wizard's split page.
 */
class WeightsEditor final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WeightsEditor)
public:
    explicit WeightsEditor(QWidget* parent = nullptr);
    ~WeightsEditor() override;

    /*! Shows route, its configured weights (made to sum to 100) as the starting point; locks cleared. */
    void setRoute(const WeightedRoute& route);
    /*!
     * Takes route's observed shares and configured weights when it has the destinations shown,
     * keeping what the user set (a refresh while editing); otherwise setRoute().
     */
    void updateRoute(const WeightedRoute& route);
    const WeightedRoute& route() const { return m_route; }
    /*! Percentage points beyond which an observed share counts as drift. */
    void setDriftTolerance(int tolerance);

    /*! The weights being edited, one per destination, summing to 100 (empty without destinations). */
    QList<int> weights() const { return m_weights; }
    /*! Whether weights() differ from the route's configured weights. */
    bool isModified() const;
    /*! Moves destination index to value as the user's slider would (the sum rule applies). */
    void moveWeight(qsizetype index, int value);
    void setLocked(qsizetype index, bool locked);
    bool isLocked(qsizetype index) const { return m_locked.value(index); }
    /*! Back to the configured weights. */
    void reset();
    /*! Equal weights, the remainder on the last (Kiali's "Evenly distribute traffic"). */
    void distributeEvenly();

    // For tests and the pages' layout: the widgets of destination index.
    QSlider* slider(qsizetype index) const;
    QSpinBox* spinBox(qsizetype index) const;
    QLabel* observedLabel(qsizetype index) const;

signals:
    /*! The user (or moveWeight, reset, distributeEvenly) changed the weights. */
    void weightsChanged(const QList<int>& weights);

protected:
    void changeEvent(QEvent* event) override;

private:
    struct Row
    {
        QLabel* side = nullptr;
        QLabel* name = nullptr;
        QSlider* slider = nullptr;
        QSpinBox* spin = nullptr;
        QToolButton* lock = nullptr;
        QLabel* observed = nullptr;
    };

    void buildRows();
    void showWeights();
    void showObserved();
    void setWeights(const QList<int>& weights);

    WeightedRoute m_route;
    QList<int> m_weights;
    QList<bool> m_locked;
    int m_tolerance = 10;
    QList<Row> m_rows;
    QGridLayout* m_grid = nullptr;
    QWidget* m_rowsWidget = nullptr;
    QLabel* m_title = nullptr;
    QLabel* m_sum = nullptr;
    QPushButton* m_evenly = nullptr;
    QPushButton* m_reset = nullptr;
};
