// SPDX-License-Identifier: Apache-2.0
#include "liveweights.h"

#include "clusterconnectionservice.h"
#include "clustersessions.h"
#include "graphpage.h"
#include "mainwindow.h"
#include "plandocument.h"
#include "weightsserviceimpl.h"

LiveWeights::LiveWeights(PlanDocument* document, ClusterSessions* sessions, MainWindow* window)
    : QObject(window)
    , m_document(document)
    , m_sessions(sessions)
    , m_window(window)
    , m_service(new WeightsServiceImpl(this))
{
    connect(document, &PlanDocument::loaded, this, &LiveWeights::onLoaded);
    connect(m_service, &WeightsService::applied, this, [this] {
        if (m_window->graphSource())
            m_window->graphPage()->refresh();
    });
    window->setWeightsService(m_service);
}

LiveWeights::~LiveWeights() = default;

void LiveWeights::onLoaded()
{
    const PlanLoadResult& load = m_document->snapshot().load;
    if (!load.ok()) {
        ++m_generation;
        m_service->setClient(nullptr, tr("The plan has errors (see Problems)."));
        return;
    }
    const Plan plan = *load.plan;
    m_service->setPlan(plan);
    ClusterSession* session = m_connection && m_connection->currentSession() ? m_connection->currentSession()
                                                                            : m_sessions->sessionFor(plan);
    const quint64 generation = ++m_generation;
    if (!session->isLoading()) {
        use(session);
        return;
    }
    connect(session, &ClusterSession::finished, this, [this, session, generation] {
        if (generation == m_generation)
            use(session);
    }, Qt::SingleShotConnection);
}

void LiveWeights::use(ClusterSession* session)
{
    m_service->setClient(session->client(), session->client() ? QString() : session->error());
    // The graph's source for the shares: LiveGraphs, connected to the same load before us, has
    // handed the window its source by now (or a recording is shown).
    m_service->setGraphSource(m_window->graphSource());
}

void LiveWeights::followConnection(ClusterConnectionService* connection)
{
    m_connection = connection;
    connect(connection, &ClusterConnectionService::sessionChanged, this, &LiveWeights::onLoaded);
}
