// SPDX-License-Identifier: Apache-2.0
#include "clustersessions.h"

#include "kubeclient.h"
#include "kubeconfig.h"
#include "plan.h"

#include <QDir>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

ClusterSession::Outcome ClusterSession::read(const ClusterTarget& target, const ExecPluginOptions& exec, QThread* home)
{
    Outcome out;
    const KubeconfigLoadResult loaded = loadKubeconfig(target);
    out.warnings = loaded.warnings;
    if (!loaded.ok()) {
        out.error = loaded.errors.join(u'\n');
        return out;
    }
    // restConfigFor also reads the files the entries name (CA, client certificate and key, token).
    RestConfigResult rest = loaded.restConfigFor({}, exec);
    if (!rest.ok()) {
        out.error = rest.error;
        return out;
    }
    // The provider was made here, on the worker, and has no children yet: hand it to the thread
    // that will use it (only the object's own thread may push it to another).
    if (rest.config.credentials)
        rest.config.credentials->moveToThread(home);
    out.warnings += rest.config.warnings;
    out.config = std::move(rest.config);
    return out;
}

ClusterSession::ClusterSession(const ClusterTarget& target, const ExecPluginOptions& exec, QObject* parent)
    : QObject(parent)
    , m_target(target)
{
    m_loading = QtConcurrent::run(&ClusterSession::read, target, exec, thread());
    // Delivered through the event loop even when the worker is done already: never from inside session().
    m_loading.then(this, [this](const Outcome& outcome) { finish(outcome); });
}

ClusterSession::~ClusterSession()
{
    // The worker only reads files and copies what it uses; wait for it rather than leave it
    // holding a provider that wants to move to this thread.
    m_loading.waitForFinished();
}

void ClusterSession::finish(const Outcome& outcome)
{
    m_warnings = outcome.warnings;
    if (outcome.error.isEmpty()) {
        m_contextName = outcome.config.contextName;
        m_server = outcome.config.server.toString();
        m_client = new KubeClient(outcome.config, KubeClientOptions{}, this);
        m_state = State::Ready;
    } else {
        m_error = outcome.error;
        m_state = State::Failed;
    }
    emit finished();
}

ClusterSessions::ClusterSessions(const ExecPluginOptions& exec, QObject* parent)
    : QObject(parent)
    , m_exec(exec)
{
}

ClusterSessions::~ClusterSessions() = default; // the sessions are children

ClusterTarget ClusterSessions::targetFor(const Plan& plan, const ClusterChoice& choice)
{
    return resolveClusterTarget(choice.kubeconfig, choice.context, plan.resolvePath(plan.cluster.kubeconfig),
                                plan.cluster.context, qEnvironmentVariable("KUBECONFIG"), QDir::homePath());
}

QString ClusterSessions::keyOf(const ClusterTarget& target)
{
    // kubeconfigSource only explains where the files came from: the same files are the same cluster.
    return target.kubeconfigFiles.join(u'\n') + u'\0' + target.context;
}

ClusterSession* ClusterSessions::session(const ClusterTarget& target)
{
    const QString key = keyOf(target);
    QPointer<ClusterSession> existing = m_sessions.value(key);
    if (existing && existing->state() != ClusterSession::State::Failed)
        return existing;
    if (existing)
        existing->deleteLater(); // a failed one: read again, whoever still looks at it may finish reading its error
    auto* session = new ClusterSession(target, m_exec, this);
    m_sessions.insert(key, session);
    return session;
}

ClusterSession* ClusterSessions::sessionFor(const Plan& plan, const ClusterChoice& choice)
{
    return session(targetFor(plan, choice));
}
