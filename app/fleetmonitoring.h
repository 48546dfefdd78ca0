// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QPointer>

class ClusterConnectionService;
class ClusterSessions;
class FleetMonitorImpl;
class PlanDocument;

/*!
 * The composition root's part of the VMs page as an operations view: whenever the window's
 * document loads a plan, the monitor gets the plan (and so its state file) and, once the plan's
 * cluster session is ready, its client to watch. A plan with errors leaves the rows as they were.
 */
class FleetMonitoring final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FleetMonitoring)
public:
    /*! The context chosen in the window's picker wins over the plan's; switching it reconnects. */
    void followConnection(ClusterConnectionService* connection);
    FleetMonitoring(PlanDocument* document, ClusterSessions* sessions, FleetMonitorImpl* monitor, QObject* parent = nullptr);

private:
    void onLoaded();

    PlanDocument* m_document;
    ClusterSessions* m_sessions;
    QPointer<FleetMonitorImpl> m_monitor;
    QPointer<ClusterConnectionService> m_connection;
    quint64 m_generation = 0; //!< a session that finishes loading for an older plan is ignored
};
