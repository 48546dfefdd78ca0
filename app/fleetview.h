// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "onboardstate.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

class FleetRun;

/*!
 * The CLI's picture of a fleet run. On a terminal: one line per VM, redrawn in place (ANSI
 * cursor movement) with a progress bar, the current step and what it does. Otherwise (a pipe,
 * CI logs): one plain line per step state change. Either way a summary at the end.
 */
class FleetView final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FleetView)
public:
    FleetView(FleetRun* run, bool live, QObject* parent = nullptr);

    /*! Steps aside for a question on the terminal (clears the live block), and comes back. */
    void suspend();
    void resume();
    /*! Prints a line above the live block. */
    void note(const QString& text);
    /*! Final redraw and the per-VM summary; returns the number of VMs that failed. */
    int printSummary();

private:
    struct Line
    {
        QString vm;
        int permille = 0;
        QString step;
        QString activity;
        bool finished = false;
        bool ok = false;
        QString message;
        QStringList skipped;
        QStringList done;
    };
    void onStep(const QString& vm, StepKind step, StepState state, const QString& message);
    void onProgress(const QString& vm, int permille, const QString& activity);
    void onFinished(const QString& vm, bool ok, const QString& message);
    QString elapsed() const;
    void scheduleRedraw();
    void redraw();
    void clearBlock();
    QString render(const Line& line, int width) const;
    Line& line(const QString& vm);

    bool m_live;
    bool m_suspended = false;
    int m_drawn = 0; //!< lines of the live block on screen
    QList<Line> m_lines;
    QTimer m_redraw;
    QElapsedTimer m_clock;
    int m_nameWidth = 4;
};
