// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "restconfig.h"
#include "sharedresult.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <utility>

class LocalProcess;
struct ProcessOutcome;

/*! What the plugin is told about the cluster (spec.cluster), only with provideClusterInfo. */
struct ExecClusterInfo
{
    QString server;
    QString tlsServerName;
    bool insecureSkipTlsVerify = false;
    QByteArray certificateAuthorityPem; //!< from -data or the file; sent base64 as certificate-authority-data
    QString proxyUrl;
    QJsonValue config; //!< the cluster's client.authentication.k8s.io/exec extension
};

/*! A kubeconfig user's exec stanza (client.authentication.k8s.io v1 or v1beta1). */
struct ExecPluginConfig
{
    QString apiVersion; //!< "client.authentication.k8s.io/v1" or ".../v1beta1"
    QString command;    //!< absolute when written with a '/', else looked up on the search path
    QStringList args;
    QList<std::pair<QString, QString>> env;
    QString interactiveMode; //!< "Never", "IfAvailable" or "Always" (v1beta1 default: IfAvailable)
    bool provideClusterInfo = false;
    QString installHint;
    ExecClusterInfo cluster;
    QString label; //!< for messages: user "alice" (context "prod", ~/.kube/config)
    QString kubeconfigFile; //!< the file whose user entry names the plugin (absolute)
};

/*!
 * Asked before an exec plugin runs for the first time (security review M2). done(QString())
 * lets it run; done(sentence) refuses, and the credentials fail with that sentence. done must be
 * called in context's thread, once, and not after context is destroyed (the provider is the
 * context: destroying it withdraws the question).
 */
using ExecPluginApprovalHook =
    std::function<void(const ExecPluginConfig& plugin, QObject* context, std::function<void(const QString& refusal)> done)>;

struct ExecPluginOptions
{
    /*!
     * True only when meshdeck runs in a terminal the plugin may prompt on (the CLI with a TTY
     * on stdin). The GUI has none: Never and IfAvailable run without stdin, Always fails.
     */
    bool terminalAvailable = false;
    int timeoutMs = 120'000;    //!< browser logins (kubelogin) take a while; then the plugin is killed
    int expirySkewSeconds = 10; //!< credentials are renewed this long before expirationTimestamp
    /*! When the plugin is not on PATH or in the usual places, ask the login shell for its PATH. */
    bool useLoginShellPath = true;
    QString loginShell; //!< empty = $SHELL
    QString homeDir;    //!< empty = QDir::homePath(); for the usual places (~/.local/bin, ...)
    /*!
     * When set, asked once per provider before its plugin first runs. kube/ uses it only for a
     * kubeconfig the plan chose (KubeconfigLoadResult::source "plan"): a plan from a cloned
     * repository must not run code on opening. The user's own kubeconfig (--kubeconfig,
     * KUBECONFIG, ~/.kube/config) is trusted as kubectl trusts it. Empty = never asked.
     */
    ExecPluginApprovalHook approve;
};

/*!
 * Runs a kubeconfig exec plugin (a LocalProcess, asynchronously) and caches what it returns until
 * status.expirationTimestamp (minus a skew). obtain(refresh = true) runs it again (after a 401).
 * Callers arriving while a run is in progress share that run. Failures become one sentence:
 * exit code, the first lines of stderr, the installHint; "not found" lists the path searched.
 * Credentials are never logged. Lives in, and must be used from, the thread that created it.
 */
class ExecCredentialProvider final : public CredentialProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExecCredentialProvider)
public:
    ExecCredentialProvider(ExecPluginConfig config, ExecPluginOptions options, QObject* parent = nullptr);
    ~ExecCredentialProvider() override;

    void obtain(bool refresh, QObject* context, Callback done) override;

    /*! The PATH the plugin runs with (and the search path for a bare command). */
    QStringList searchPath() const;

private:
    bool interactive() const;
    bool cacheValid() const;
    void start();
    void onApproval(const QString& refusal);
    void startWithLoginShellPath(const QStringList& loginPath);
    void launch(const QString& program);
    void onFinished(const ProcessOutcome& outcome);
    void finish(const CredentialsResult& result);
    QString failure(const QString& what) const;
    QString notFound() const;

    ExecPluginConfig m_config;
    ExecPluginOptions m_options;
    QStringList m_loginShellPath;
    bool m_loginShellAsked = false;
    bool m_approved = false; //!< options.approve said yes: not asked again for this provider
    SharedResult<CredentialsResult> m_run; //!< the callers of the run in progress; kept: nothing
    bool m_haveCached = false;
    Credentials m_cached;
    LocalProcess* m_process; //!< runs the plugin; a child of this
};
