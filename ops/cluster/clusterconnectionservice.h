// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clusterconnection.h"
#include "clustertarget.h"
#include "connectionservice.h"
#include "kubeconfig.h"

#include <QFuture>
#include <QList>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <chrono>

class ClusterSession;
class ClusterSessions;
class ExecPluginApprovals;
class KubeListOperation;
class KubeOperation;
struct KubeError;
struct KubeListResult;
struct KubeResult;

/*!
 * ConnectionService over ClusterSessions: the context list from the kubeconfig files of the
 * plan's cluster section (read on a worker), the session of the chosen context (the plan's by
 * default), and, once its client is made, GET /version and the istiod Deployments (label
 * app=istiod in the plan's Istio namespace) for the versions. Everything is asynchronous and
 * bounded by timeout(): a server that does not answer ends Failed with the fix, never a wait.
 *
 * Other ops implementations use the cluster of the moment through currentSession() and
 * sessionChanged(). The sessions and approvals are borrowed and must outlive this object; it
 * owns nothing the window must delete.
 */
class ClusterConnectionService final : public ConnectionService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterConnectionService)
public:
    /*! approvals may be nullptr (no exec plugin questions to forward). */
    ClusterConnectionService(ClusterSessions* sessions, ExecPluginApprovals* approvals, QObject* parent = nullptr);
    ~ClusterConnectionService() override;

    /*! The command line's --kubeconfig/--context, over every plan's cluster section. Before setPlan(). */
    void setChoice(const ClusterChoice& choice) { m_choice = choice; }
    void setPlan(const Plan& plan) override;
    QList<KubeContextInfo> contexts() const override { return m_contexts; }
    ConnectionInfo info() const override { return m_info; }
    void useContext(const QString& name) override;
    void reconnect() override;

    /*! The session in use once its client is made (also when the server then failed to answer); else nullptr. */
    ClusterSession* currentSession() const;
    /*! The kubeconfig files and context in use. */
    ClusterTarget target() const;

    /*! How long connecting may take, questions to the user not counted (default 20 s). */
    void setTimeout(std::chrono::milliseconds timeout) { m_timeoutMs = timeout; }
    std::chrono::milliseconds timeout() const { return m_timeoutMs; }

signals:
    /*! currentSession() is another one (another context, another plan cluster, or none). */
    void sessionChanged();

private:
    void loadContexts();
    void onContextsLoaded(const KubeconfigLoadResult& load, quint64 generation);
    void connectSession();
    void onSessionFinished(ClusterSession* session, quint64 generation);
    void onVersion(const KubeResult& result, quint64 generation);
    void onIstiod(const KubeListResult& result, quint64 generation);
    void onTimeout();
    void onQuestion(Question* question);
    void fail(const QString& error, const QString& fix);
    void abortProbes();
    void setSession(ClusterSession* session);
    QString fixFor(const KubeError& error) const;
    QString fixForKubeconfig(const QString& error) const;

    ClusterSessions* m_sessions;
    ClusterTarget m_planTarget;  //!< the plan's files and context
    bool m_havePlan = false;
    ClusterChoice m_choice;
    QString m_chosenContext;     //!< useContext(); empty = the plan's
    QString m_istioNamespace = u"istio-system"_qs;
    QString m_revision;          //!< the plan's mesh.revision: preferred among several istiods
    QList<KubeContextInfo> m_contexts;
    ConnectionInfo m_info;
    QPointer<ClusterSession> m_session;      //!< the chosen context's (possibly still loading)
    QPointer<ClusterSession> m_announced;    //!< what sessionChanged() last announced
    QPointer<KubeOperation> m_version;
    QPointer<KubeListOperation> m_istiod;
    bool m_versionDone = false;
    bool m_istiodDone = false;
    QFuture<KubeconfigLoadResult> m_loading; //!< the context list's worker
    QTimer m_timer;
    std::chrono::milliseconds m_timeoutMs{20'000};
    int m_openQuestions = 0;
    bool m_rejected = false;          //!< the user declined an exec plugin since the last connect
    quint64 m_generation = 0;         //!< a new connect drops the answers of the one before
    quint64 m_contextsGeneration = 0; //!< a new read drops the list of the one before
};
