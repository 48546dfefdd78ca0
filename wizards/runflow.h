// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

/*!
 * The run page's sequence (plain, tested without widgets): the cluster side, then the fleet.
 *
 * Idle ─start()─► Applying ─clusterApplied(ok)─► RunningFleet ─fleetFinished()─► Finished
 *                    └─ failed ──► Failed        cancel at any point ──► Canceled
 * Canceled, Failed and Finished can start again (a resume: done steps are skipped). The page
 * is complete once a fleet run has finished (failed VMs are shown, retried or verified).
 */
class RunFlow
{
public:
    enum class Stage { Idle, Applying, RunningFleet, Finished, Failed, Canceled };

    Stage stage() const { return m_stage; }
    bool isRunning() const { return m_stage == Stage::Applying || m_stage == Stage::RunningFleet; }
    bool canStart() const { return !isRunning(); }
    /*! "Retry the failed": a fleet run ended with failed VMs. */
    bool canRetry() const { return !isRunning() && !m_failed.isEmpty(); }
    bool isComplete() const { return !isRunning() && m_fleetRan; }
    QStringList failedVms() const { return m_failed; }

    void start() { m_stage = Stage::Applying; }
    /*! Straight to the fleet (retry the failed): the cluster side is in place. */
    void startFleet() { m_stage = Stage::RunningFleet; }
    void clusterApplied(bool ok) { m_stage = ok ? Stage::RunningFleet : Stage::Failed; }
    void fleetFinished(const QStringList& failed)
    {
        m_failed = failed;
        m_fleetRan = true;
        m_stage = Stage::Finished;
    }
    void canceled() { m_stage = Stage::Canceled; }

private:
    Stage m_stage = Stage::Idle;
    bool m_fleetRan = false;
    QStringList m_failed;
};
