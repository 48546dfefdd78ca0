// SPDX-License-Identifier: Apache-2.0
#include "livegraphs.h"

#include "clusterconnectionservice.h"
#include "clustersessions.h"
#include "livegraphsource.h"
#include "mainwindow.h"
#include "plandocument.h"

LiveGraphs::LiveGraphs(PlanDocument* document, ClusterSessions* sessions, MainWindow* window, ClusterChoice choice)
    : QObject(window)
    , m_document(document)
    , m_sessions(sessions)
    , m_choice(std::move(choice))
    , m_window(window)
{
    connect(document, &PlanDocument::loaded, this, &LiveGraphs::onLoaded);
    connect(document, &PlanDocument::failed, this, [this](const QString& path, const QString& message) {
        // A reload that fails keeps the document's last good state (an editor's save in progress),
        // and so the graph of it.
        if (path != m_document->path())
            detach(tr("No traffic graph: %1.").arg(message));
    });
}

// The window's children go in creation order, so its tabs may be gone already: the page and the
// window hold the source in QPointers and simply see it vanish.
LiveGraphs::~LiveGraphs() = default;

void LiveGraphs::followConnection(ClusterConnectionService* connection)
{
    m_connection = connection;
    // Another context chosen in the window: the graph follows (same plan, another client).
    connect(connection, &ClusterConnectionService::sessionChanged, this, [this] {
        ClusterSession* session = m_connection ? m_connection->currentSession() : nullptr;
        if (!session || !m_document || !m_document->snapshot().load.ok())
            return;
        ++m_generation; // a session still loading for the previous context no longer applies
        use(session, *m_document->snapshot().load.plan);
    });
}

GraphSource* LiveGraphs::source() const
{
    return m_source;
}

void LiveGraphs::onLoaded()
{
    const PlanLoadResult& load = m_document->snapshot().load;
    if (!load.ok()) {
        detach(tr("No traffic graph: %1.").arg(tr("the plan has errors (see Problems)")));
        return;
    }
    const Plan plan = *load.plan;
    ClusterSession* session = m_connection ? m_sessions->session(m_connection->target()) : m_sessions->sessionFor(plan, m_choice);
    const quint64 generation = ++m_generation;
    if (!session->isLoading()) {
        use(session, plan);
        return;
    }
    // The previous source stays until the kubeconfig is read: a reload changes nothing meanwhile.
    connect(session, &ClusterSession::finished, this, [this, session, plan, generation] {
        if (generation == m_generation)
            use(session, plan);
    }, Qt::SingleShotConnection);
}

void LiveGraphs::use(ClusterSession* session, const Plan& plan)
{
    if (!session->client()) {
        detach(tr("No traffic graph for this plan: %1").arg(session->error()));
        return;
    }
    const bool sameClient = session == m_session && m_source;
    m_session = session;
    if (sameClient && m_sourcePlan && LiveGraphSource::sameGraphSettings(*m_sourcePlan, plan))
        return; // saved or reloaded with the same cluster and graph settings: keep it all
    LiveGraphSource* previous = m_source;
    m_source = new LiveGraphSource(session->client(), plan, {}, this);
    m_sourcePlan = plan;
    m_window->setGraphSource(m_source);
    if (previous)
        previous->deleteLater(); // the window has let go of it
}

void LiveGraphs::detach(const QString& reason)
{
    ++m_generation; // a session still loading for an earlier plan no longer applies
    m_session = nullptr;
    m_sourcePlan.reset();
    m_window->setNoGraphSource(reason);
    if (m_source)
        m_source->deleteLater();
    m_source = nullptr;
}
