// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clusterconnection.h"
#include "clustertarget.h"
#include "execplugin.h"
#include "restconfig.h"

#include <QFuture>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

class KubeClient;
class QThread;
struct Plan;

/*!
 * One cluster connection: a KubeClient for one set of kubeconfig files and one context, made once
 * the kubeconfig has been read. Reading happens on a worker, so a session starts out loading and
 * finishes exactly once, ready (client() is set) or failed (error() says why). Nothing is sent to
 * the cluster by opening a session; the client connects on its first request.
 *
 * Sessions belong to ClusterSessions, which hands out the same one for the same target for as long
 * as it lives: a plan that is reloaded or saved with the same cluster settings keeps its client.
 */
class ClusterSession final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterSession)

public:
    enum class State { Loading, Ready, Failed };

    ~ClusterSession() override;

    const ClusterTarget& target() const { return m_target; }
    State state() const { return m_state; }
    bool isLoading() const { return m_state == State::Loading; }
    /*! The client, once ready; owned by the session (nullptr while loading or after a failure). */
    KubeClient* client() const { return m_client; }
    QString contextName() const { return m_contextName; }
    QString server() const { return m_server; }
    QStringList warnings() const { return m_warnings; }
    /*! Why there is no client (file, context, field); empty unless failed. */
    QString error() const { return m_error; }

signals:
    /*! Loading is over: ready or failed. Emitted once, never from inside ClusterSessions::session(). */
    void finished();

private:
    friend class ClusterSessions;
    /*! What the worker made of the kubeconfig; the credential provider already lives in the session's thread. */
    struct Outcome
    {
        RestConfig config;
        QStringList warnings;
        QString error;
    };

    ClusterSession(const ClusterTarget& target, const ExecPluginOptions& exec, QObject* parent);
    /*! Runs on a worker: reads the kubeconfig and the files it names, and makes the RestConfig. */
    static Outcome read(const ClusterTarget& target, const ExecPluginOptions& exec, QThread* home);
    void finish(const Outcome& outcome);

    ClusterTarget m_target;
    State m_state = State::Loading;
    KubeClient* m_client = nullptr;
    QString m_contextName;
    QString m_server;
    QStringList m_warnings;
    QString m_error;
    QFuture<Outcome> m_loading; //!< the worker itself, waited for on destruction
};

/*!
 * The cluster sessions of the GUI: one ClusterSession per kubeconfig files and context, created
 * on first use and kept across plan reloads and saves, so that a plan saved in an editor keeps its
 * cluster connection (and the traffic graph its client and settings). A failed session is kept
 * only until it is asked for again: then the kubeconfig is read anew, as the user may have fixed it.
 */
class ClusterSessions final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterSessions)

public:
    /*! exec: how exec credential plugins run; the GUI's default has no terminal. */
    explicit ClusterSessions(const ExecPluginOptions& exec = {}, QObject* parent = nullptr);
    /*! Deletes the sessions and their clients: whatever borrows a client must be gone already. */
    ~ClusterSessions() override;

    /*! The target of a plan's cluster section, with command-line style overrides ($KUBECONFIG, ~/.kube/config). */
    static ClusterTarget targetFor(const Plan& plan, const ClusterChoice& choice = {});

    /*!
     * The session for target: the one already there (loading or ready), else a new one that
     * starts reading the kubeconfig on a worker. Owned by this object.
     */
    ClusterSession* session(const ClusterTarget& target);
    /*! session(targetFor(plan, choice)). */
    ClusterSession* sessionFor(const Plan& plan, const ClusterChoice& choice = {});
    /*! How many sessions are kept (loading, ready or failed). */
    qsizetype count() const { return m_sessions.size(); }

private:
    static QString keyOf(const ClusterTarget& target);

    ExecPluginOptions m_exec;
    QHash<QString, QPointer<ClusterSession>> m_sessions;
};
