// SPDX-License-Identifier: Apache-2.0
#include "clusterconnectionservice.h"

#include "clusterfactsrun.h"
#include "clustersessions.h"
#include "execpluginapproval.h"
#include "execpluginapprovals.h"
#include "kubeclient.h"
#include "kubelist.h"
#include "plan.h"

#include <QJsonArray>
#include <QtConcurrent/QtConcurrentRun>

namespace {

QList<KubeContextInfo> contextsOf(const KubeconfigLoadResult& load)
{
    QList<KubeContextInfo> out;
    for (const KubeconfigContext& c : load.contexts) {
        KubeContextInfo info;
        info.name = c.name;
        info.cluster = c.cluster;
        info.user = c.user;
        info.nameSpace = c.namespaceName;
        info.file = c.file;
        info.current = c.name == load.currentContext;
        if (const KubeconfigCluster* cluster = load.cluster(c.cluster))
            info.server = cluster->server;
        out.append(info);
    }
    return out;
}

/*! What one istiod Deployment says about the control plane. */
struct Istiod
{
    QString name;
    QString version;
    QString revision;
};

Istiod istiodOf(const QJsonObject& deployment)
{
    Istiod out;
    const QJsonObject metadata = deployment[u"metadata"_qs].toObject();
    const QJsonObject labels = metadata[u"labels"_qs].toObject();
    out.name = metadata[u"name"_qs].toString();
    // istioctl and the Helm charts label istiod with its revision; no label is the default one.
    out.revision = labels[u"istio.io/rev"_qs].toString();
    if (out.revision.isEmpty())
        out.revision = u"default"_qs;
    // The image tag is what runs (ClusterFactsRun reads it the same way); the labels are what the
    // installer wrote, which a custom image tag (a digest, "latest") leaves as the only clue.
    const QJsonArray containers =
        deployment[u"spec"_qs][u"template"_qs][u"spec"_qs][u"containers"_qs].toArray();
    for (const QJsonValue& c : containers) {
        if (c[u"name"_qs].toString() == u"discovery" || containers.size() == 1)
            out.version = versionFromImage(c[u"image"_qs].toString());
    }
    for (const QString& label : {u"operator.istio.io/version"_qs, u"app.kubernetes.io/version"_qs}) {
        if (out.version.isEmpty())
            out.version = labels[label].toString();
    }
    return out;
}

} // namespace

ClusterConnectionService::ClusterConnectionService(ClusterSessions* sessions, ExecPluginApprovals* approvals,
                                                   QObject* parent)
    : ConnectionService(parent)
    , m_sessions(sessions)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ClusterConnectionService::onTimeout);
    if (approvals)
        connect(approvals, &ExecPluginApprovals::question, this, &ClusterConnectionService::onQuestion);
}

ClusterConnectionService::~ClusterConnectionService()
{
    abortProbes();
    // The worker only reads files into a value; waiting for it (not for the continuation, which
    // needs this thread's event loop) keeps it from outliving the files a test removes next.
    m_loading.waitForFinished();
}

ClusterTarget ClusterConnectionService::target() const
{
    ClusterTarget t = m_planTarget;
    if (!m_chosenContext.isEmpty())
        t.context = m_chosenContext;
    return t;
}

ClusterSession* ClusterConnectionService::currentSession() const
{
    return m_session && m_session->client() ? m_session.data() : nullptr;
}

void ClusterConnectionService::setPlan(const Plan& plan)
{
    const ClusterTarget t = ClusterSessions::targetFor(plan, m_choice);
    const bool sameCluster = m_havePlan && t.kubeconfigFiles == m_planTarget.kubeconfigFiles
        && t.context == m_planTarget.context;
    const bool sameMesh = m_istioNamespace == plan.mesh.istioNamespace && m_revision == plan.mesh.revision;
    m_istioNamespace = plan.mesh.istioNamespace;
    m_revision = plan.mesh.revision;
    if (sameCluster) {
        // A reload, a save or another plan of the same cluster keeps the connection and the
        // context the user chose; only another control plane to look for asks again.
        if (!sameMesh && m_session)
            connectSession();
        return;
    }
    m_havePlan = true;
    m_planTarget = t;
    m_chosenContext.clear(); // the new plan's cluster section is the default again
    loadContexts();
    connectSession();
}

void ClusterConnectionService::useContext(const QString& name)
{
    if (!m_havePlan || name.isEmpty())
        return;
    if (name == m_info.context && m_info.state != ConnectionInfo::State::Failed)
        return; // already there (or on the way)
    // The plan's own context keeps the plan's target (and so the session the graph may hold).
    m_chosenContext = name == m_planTarget.context ? QString() : name;
    connectSession();
}

void ClusterConnectionService::reconnect()
{
    if (!m_havePlan)
        return;
    loadContexts();
    connectSession();
}

void ClusterConnectionService::loadContexts()
{
    const quint64 generation = ++m_contextsGeneration;
    m_loading = QtConcurrent::run(&loadKubeconfig, m_planTarget);
    // Delivered through the event loop, and dropped when this object is gone first.
    m_loading.then(this, [this, generation](const KubeconfigLoadResult& load) { onContextsLoaded(load, generation); });
}

void ClusterConnectionService::onContextsLoaded(const KubeconfigLoadResult& load, quint64 generation)
{
    if (generation != m_contextsGeneration)
        return;
    const QList<KubeContextInfo> contexts = contextsOf(load);
    // Fill in what the session does not say (the user) for the context in use.
    if (m_info.user.isEmpty()) {
        for (const KubeContextInfo& c : contexts) {
            if (c.name == m_info.context) {
                m_info.user = c.user;
                emit infoChanged();
            }
        }
    }
    if (contexts == m_contexts)
        return;
    m_contexts = contexts;
    emit contextsChanged();
}

void ClusterConnectionService::connectSession()
{
    abortProbes();
    m_rejected = false;
    const quint64 generation = ++m_generation;
    const ClusterTarget t = target();
    m_info = ConnectionInfo{};
    m_info.state = ConnectionInfo::State::Connecting;
    m_info.kubeconfigSource = t.kubeconfigSource;
    m_info.context = t.context;
    for (const KubeContextInfo& c : std::as_const(m_contexts)) {
        if (c.name == t.context || (t.context.isEmpty() && c.current)) {
            m_info.context = c.name;
            m_info.user = c.user;
            m_info.server = c.server;
        }
    }
    m_session = m_sessions->session(t);
    m_timer.start(m_timeoutMs);
    emit infoChanged();
    setSession(m_session);
    if (!m_session->isLoading()) {
        onSessionFinished(m_session, generation);
        return;
    }
    connect(m_session, &ClusterSession::finished, this, [this, session = m_session.data(), generation] {
        onSessionFinished(session, generation);
    }, Qt::SingleShotConnection);
}

void ClusterConnectionService::onSessionFinished(ClusterSession* session, quint64 generation)
{
    if (generation != m_generation || session != m_session)
        return;
    setSession(session);
    if (!session->client()) {
        fail(session->error(), fixForKubeconfig(session->error()));
        return;
    }
    m_info.context = session->contextName();
    m_info.server = session->server();
    m_info.defaultNamespace = session->client()->config().defaultNamespace;
    m_info.warnings = session->warnings();
    for (const KubeContextInfo& c : std::as_const(m_contexts)) {
        if (c.name == m_info.context)
            m_info.user = c.user;
    }
    emit infoChanged();

    KubeClient* client = session->client();
    m_versionDone = false;
    m_istiodDone = false;
    m_version = client->version();
    connect(m_version, &KubeOperation::finished, this,
            [this, generation](const KubeResult& result) { onVersion(result, generation); });
    ListOptions options;
    options.labelSelector = u"app=istiod"_qs;
    m_istiod = client->list(ObjectRef{u"apps/v1"_qs, u"Deployment"_qs, m_istioNamespace, QString()}, options);
    connect(m_istiod, &KubeListOperation::finished, this,
            [this, generation](const KubeListResult& result) { onIstiod(result, generation); });
    m_version->start();
    m_istiod->start();
}

void ClusterConnectionService::onVersion(const KubeResult& result, quint64 generation)
{
    if (generation != m_generation)
        return;
    if (!result.ok()) {
        fail(result.error.message, fixFor(result.error));
        return;
    }
    m_info.kubernetesVersion = result.json[u"gitVersion"_qs].toString();
    m_versionDone = true;
    if (m_istiodDone) {
        m_timer.stop();
        m_info.state = ConnectionInfo::State::Connected;
    }
    emit infoChanged();
}

void ClusterConnectionService::onIstiod(const KubeListResult& result, quint64 generation)
{
    if (generation != m_generation)
        return;
    m_istiodDone = true;
    if (result.error.isError()) {
        // The cluster answers (or /version will say why not): only the Istio part is unknown.
        if (result.error.kind != KubeError::Kind::Canceled)
            m_info.warnings.append(tr("The Istio version is not shown: %1").arg(result.error.message));
    } else {
        QList<Istiod> found;
        for (const QJsonObject& item : result.items)
            found.append(istiodOf(item));
        if (found.isEmpty()) {
            m_info.warnings.append(tr("No istiod in namespace %1: Istio is not installed there (istioctl install), "
                                      "or the plan's mesh.istioNamespace names another namespace.")
                                       .arg(m_istioNamespace));
        } else {
            // The plan's revision first, then the default one, then the first found.
            const QString wanted = m_revision.isEmpty() ? u"default"_qs : m_revision;
            Istiod shown = found.first();
            for (const Istiod& i : std::as_const(found)) {
                if (i.revision == wanted)
                    shown = i;
            }
            m_info.istioVersion = shown.version;
            m_info.istioRevision = shown.revision;
            if (!m_revision.isEmpty() && m_revision != u"default" && shown.revision != m_revision)
                m_info.warnings.append(tr("No istiod of revision %1 (the plan's mesh.revision) in namespace %2; "
                                          "shown: revision %3.")
                                           .arg(m_revision, m_istioNamespace, shown.revision));
            if (found.size() > 1) {
                QStringList all;
                for (const Istiod& i : std::as_const(found))
                    all.append(tr("%1 (revision %2, Istio %3)").arg(i.name, i.revision, i.version));
                m_info.warnings.append(tr("Several control planes: %1.").arg(all.join(u", "_qs)));
            }
        }
    }
    if (m_versionDone) {
        m_timer.stop();
        m_info.state = ConnectionInfo::State::Connected;
    }
    emit infoChanged();
}

void ClusterConnectionService::onTimeout()
{
    if (m_info.state != ConnectionInfo::State::Connecting)
        return;
    const QString seconds = QString::number(m_timeoutMs.count() / 1000.0);
    if (m_session && m_session->isLoading()) {
        fail(tr("Reading the kubeconfig did not finish within %1 s.").arg(seconds),
             tr("Check that the kubeconfig files and the files they name are ordinary local files, then Reconnect."));
        return;
    }
    fail(tr("The API server %1 did not answer within %2 s.").arg(m_info.server, seconds),
         tr("Check that it is running and reachable from this machine (VPN, proxy, firewall), then Reconnect; "
            "or choose another context."));
}

void ClusterConnectionService::onQuestion(Question* question)
{
    // The time the user takes to answer is not the server's: hold the bound while a question is open.
    ++m_openQuestions;
    m_timer.stop();
    if (auto* approval = qobject_cast<ExecPluginApproval*>(question)) {
        connect(approval, &ExecPluginApproval::answered, this, [this](bool accepted) {
            if (!accepted)
                m_rejected = true;
        });
    }
    connect(question, &QObject::destroyed, this, [this] {
        if (--m_openQuestions == 0 && m_info.state == ConnectionInfo::State::Connecting)
            m_timer.start(m_timeoutMs);
    });
    emit this->question(question);
}

void ClusterConnectionService::fail(const QString& error, const QString& fix)
{
    abortProbes();
    m_timer.stop();
    m_info.state = ConnectionInfo::State::Failed;
    m_info.error = error;
    m_info.fix = fix;
    emit infoChanged();
}

void ClusterConnectionService::abortProbes()
{
    if (m_version) {
        m_version->disconnect(this);
        m_version->cancel();
    }
    if (m_istiod) {
        m_istiod->disconnect(this);
        m_istiod->cancel();
    }
    m_version = nullptr;
    m_istiod = nullptr;
}

void ClusterConnectionService::setSession(ClusterSession* session)
{
    m_session = session;
    ClusterSession* current = currentSession();
    if (current == m_announced)
        return;
    m_announced = current;
    emit sessionChanged();
}

QString ClusterConnectionService::fixFor(const KubeError& error) const
{
    QString file;
    for (const KubeContextInfo& c : m_contexts) {
        if (c.name == m_info.context)
            file = kubeconfigDisplayPath(c.file);
    }
    if (file.isEmpty())
        file = tr("the kubeconfig");
    switch (error.kind) {
    case KubeError::Kind::Network:
    case KubeError::Kind::Timeout:
        return tr("Check that the API server %1 is running and reachable from this machine (VPN, proxy, firewall), "
                  "then Reconnect; or choose another context.")
            .arg(m_info.server);
    case KubeError::Kind::Tls:
        return tr("Check certificate-authority (or certificate-authority-data) and tls-server-name of the cluster "
                  "in %1: they must match the server's certificate.")
            .arg(file);
    case KubeError::Kind::Credentials:
        if (m_rejected)
            return tr("Reconnect and allow the exec plugin, or choose a context of your own kubeconfig.");
        return tr("Check the credentials of user %1 in %2: an exec plugin must be installed and able to log in "
                  "(try kubectl with the same context); or choose another context.")
            .arg(m_info.user, file);
    case KubeError::Kind::Unauthorized:
        return tr("The server refused the credentials of user %1: log in again, or renew the token or client "
                  "certificate in %2.")
            .arg(m_info.user, file);
    case KubeError::Kind::Forbidden:
        return tr("User %1 may not read the cluster's version: ask the cluster's administrator for access (RBAC), "
                  "or choose another context.")
            .arg(m_info.user);
    default:
        return tr("Check the server address of context %1 in %2, or choose another context.").arg(m_info.context, file);
    }
}

QString ClusterConnectionService::fixForKubeconfig(const QString& error) const
{
    if (error.contains(u"no kubeconfig file found") || error.contains(u"does not exist"))
        return tr("Point the plan's cluster.kubeconfig at an existing file, set KUBECONFIG, or create ~/.kube/config.");
    if (error.contains(u"is not defined") || error.contains(u"no context chosen"))
        return tr("Choose one of the contexts listed, or correct cluster.context in the plan.");
    return tr("Correct the kubeconfig entry named above, then Reconnect.");
}
