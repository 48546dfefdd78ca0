// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QPointer>

class ClusterSession;
class ClusterConnectionService;
class ClusterSessions;
class MainWindow;
class PlanDocument;
class WeightsServiceImpl;

/*!
 * The composition root's part of the Weights tab: a WeightsServiceImpl given the plan the
 * document loaded, the client of that plan's cluster session (as LiveGraphs gets it; the
 * connection service will hand over the session of the moment instead) and the window's graph
 * source for the observed shares. After an apply the graph tab refreshes, so the graph follows
 * the new weights within one refresh.
 */
class LiveWeights final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LiveWeights)
public:
    /*! The context chosen in the window's picker wins over the plan's; switching it reconnects. */
    void followConnection(ClusterConnectionService* connection);
    /*! A child of window; sessions are borrowed and must outlive it. */
    LiveWeights(PlanDocument* document, ClusterSessions* sessions, MainWindow* window);
    ~LiveWeights() override;

    WeightsServiceImpl* service() const { return m_service; }

private:
    void onLoaded();
    void use(ClusterSession* session);

    QPointer<PlanDocument> m_document;
    ClusterSessions* m_sessions;
    MainWindow* m_window;
    WeightsServiceImpl* m_service;
    QPointer<ClusterConnectionService> m_connection;
    quint64 m_generation = 0;
};
