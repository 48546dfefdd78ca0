// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "onboardstate.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <QVariant>

class FleetModel;
class FleetRun;

/*!
 * The CLI's picture of a fleet run. On a terminal: one line per VM (a row of the FleetModel),
 * redrawn in place (ANSI cursor movement) with a progress bar, the current step and what it does.
 * Otherwise (a pipe, CI logs): one plain line per step state change, as the run reports it. Either
 * way a summary at the end, from the model. The view keeps no per-VM data of its own: only what
 * is on the screen (how many lines the live block has there) and the clock.
 */
class FleetView final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FleetView)
public:
    /*! model: seeded with run's VMs (FleetModel::seed(plan, run->vmNames())) and attached to run. */
    FleetView(FleetRun* run, const FleetModel* model, bool live, QObject* parent = nullptr);

    /*! Steps aside for a question on the terminal (clears the live block), and comes back. */
    void suspend();
    void resume();
    /*! Prints a line above the live block. */
    void note(const QString& text);
    /*! Final redraw and the per-VM summary; returns the number of VMs that failed. */
    int printSummary();

private:
    void onStep(const QString& vm, StepKind step, StepState state, const QString& message);
    void onFinished(const QString& vm, bool ok, const QString& message);
    QString elapsed() const;
    void scheduleRedraw();
    void redraw();
    void clearBlock();
    QString render(int row, int width) const;
    QVariant cell(int row, int column, int role) const;

    const FleetModel* m_model;
    bool m_live;
    bool m_suspended = false;
    int m_drawn = 0; //!< lines of the live block on screen
    QTimer m_redraw;
    QElapsedTimer m_clock;
    int m_nameWidth = 4;
};
