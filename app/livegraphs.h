// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clustersessions.h"
#include "livegraphsource.h"
#include "plan.h"

#include <QObject>
#include <QPointer>

#include <optional>

class ClusterConnectionService;
class MainWindow;
class PlanDocument;

/*!
 * The composition root's part of the traffic graph: whenever the document loads a plan without
 * errors, the window gets a LiveGraphSource for that plan's cluster (kubeconfig, context) and
 * Prometheus. The cluster client comes from ClusterSessions, read off the GUI thread, and is kept
 * while the plan's cluster settings stay the same: a reload or a save keeps the client, and when
 * the graph settings are unchanged too, the source itself, so the graph tab keeps what the user
 * typed and does not fetch again. Reading the kubeconfig sends nothing; the window hands the
 * source to the graph tab only when the user opens it. A kubeconfig that cannot be used leaves
 * the tab with the reason instead of a graph.
 */
class LiveGraphs final : public QObject
{
    Q_OBJECT

public:
    /*!
     * A child of window. document is the window's; sessions are borrowed and must outlive this
     * object (the sources borrow their clients).
     */
    LiveGraphs(PlanDocument* document, ClusterSessions* sessions, MainWindow* window, ClusterChoice choice = {});
    ~LiveGraphs() override;

    /*!
     * Follow the window's connection: the graph uses the context chosen there (the plan's by
     * default) instead of the plan's alone. Borrowed; connect the document to the service first,
     * so that the service knows a plan before this object asks it for its target.
     */
    void followConnection(ClusterConnectionService* connection);
    /*! The cluster session of the plan shown; nullptr when none (no plan, or one with errors). */
    ClusterSession* session() const { return m_session; }
    /*! The source the window has; nullptr when none. */
    GraphSource* source() const;

private:
    void onLoaded();
    void use(ClusterSession* session, const Plan& plan);
    void detach(const QString& reason);

    QPointer<PlanDocument> m_document;
    ClusterSessions* m_sessions;
    ClusterChoice m_choice;              //!< the command line's --kubeconfig/--context over the plan's
    MainWindow* m_window;
    QPointer<ClusterConnectionService> m_connection; //!< when set, its context is the graph's
    QPointer<ClusterSession> m_session;  //!< the current plan's (possibly still loading)
    QPointer<LiveGraphSource> m_source;  //!< a child; the window borrows it
    std::optional<Plan> m_sourcePlan;    //!< the plan m_source was made for
    quint64 m_generation = 0;            //!< drops a session's answer for a plan since replaced
};
