// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "plan.h"
#include "resource.h"

#include <QList>
#include "inflight.h"
#include "task.h"

#include <QObject>
#include <QPointer>
#include <QStringList>

class KubeClient;

/*!
 * What of the plan exists in the cluster and how it differs, and the WorkloadEntries of each VM
 * group with their Healthy condition. Read-only.
 *
 * finished() carries Error{} when the cluster answered (differences and unhealthy entries are
 * results: report()), else the typed error of the request that failed (as Report::error says).
 */
class StatusRun final : public Task
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusRun)
public:
    struct ObjectState
    {
        enum class State { InSync, Differs, Missing, Error };
        QString object;
        State state = State::InSync;
        QStringList differences; //!< for Differs
        QString error;           //!< for Error
    };

    struct Entry
    {
        QString group;   //!< the WorkloadGroup
        QString name;    //!< the WorkloadEntry
        QString address;
        QString healthy; //!< "True", "False" or "" (no condition yet)
        QString message; //!< the condition's message when unhealthy
        QString connectedAt;
    };

    struct Report
    {
        QList<ObjectState> objects;
        QList<Entry> entries;
        QStringList groupsWithoutEntries;
        QString error; //!< the cluster could not be asked at all
        bool inSync() const;
    };

    StatusRun(KubeClient* client, Plan plan, QList<Resource> resources, QObject* parent = nullptr);
    /*! After finished(). */
    const Report& report() const { return m_report; }

private:
    void run() override;
    void abort() override;
    void listEntries(const VmGroup& group);
    void pendingDone();

    QPointer<KubeClient> m_client;
    Plan m_plan;
    QList<Resource> m_resources;
    Report m_report;
    int m_pending = 0;
    Error m_error;
    InFlight m_inFlight;
};

/*! The report as text for the terminal. */
QString statusText(const StatusRun::Report& report);
