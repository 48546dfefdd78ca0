// SPDX-License-Identifier: Apache-2.0
#include "fleetmonitoring.h"

#include "clusterconnectionservice.h"
#include "clustersessions.h"
#include "fleetmonitorimpl.h"
#include "plandocument.h"

FleetMonitoring::FleetMonitoring(PlanDocument* document, ClusterSessions* sessions, FleetMonitorImpl* monitor,
                                 QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_sessions(sessions)
    , m_monitor(monitor)
{
    connect(document, &PlanDocument::loaded, this, &FleetMonitoring::onLoaded);
    onLoaded();
}

void FleetMonitoring::onLoaded()
{
    const PlanSnapshot& snapshot = m_document->snapshot();
    if (!m_monitor || !snapshot.load.plan)
        return;
    const Plan plan = *snapshot.load.plan;
    m_monitor->setPlan(plan, snapshot.path);
    ClusterSession* session = m_connection && m_connection->currentSession() ? m_connection->currentSession()
                                                                            : m_sessions->sessionFor(plan);
    const quint64 generation = ++m_generation;
    const auto use = [this, session] {
        if (m_monitor)
            m_monitor->setCluster(session->client()); // nullptr after a failure: no watches
    };
    if (!session->isLoading()) {
        use();
        return;
    }
    connect(session, &ClusterSession::finished, this, [this, use, generation] {
        if (generation == m_generation)
            use();
    }, Qt::SingleShotConnection);
}

void FleetMonitoring::followConnection(ClusterConnectionService* connection)
{
    m_connection = connection;
    connect(connection, &ClusterConnectionService::sessionChanged, this, &FleetMonitoring::onLoaded);
}
