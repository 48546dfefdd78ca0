// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "execplugin.h"
#include "restconfig.h"

#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>
#include <utility>

struct ClusterTarget;

/*!
 * The kubeconfig entries as written, after merging (client-go's rules: the first file that
 * defines a name wins, whole entry). Paths are already absolute, resolved against the directory
 * of the file that defined the entry. problems are field-level faults found while reading
 * ("server: expected a string, found a list (line 4)"); they are reported by restConfigFor only
 * for the context that uses the entry, so one odd entry does not block the others.
 */
struct KubeconfigCluster
{
    QString name;
    QString file; //!< the file that defined it
    int line = 0;
    QString server;
    QString certificateAuthority;     //!< absolute path
    QString certificateAuthorityData; //!< base64 as written (decoded and checked by restConfigFor)
    bool insecureSkipTlsVerify = false;
    QString tlsServerName;
    QString proxyUrl;
    QJsonValue execExtension; //!< extensions[name=client.authentication.k8s.io/exec].extension
    QStringList problems;
};

struct KubeconfigUser
{
    QString name;
    QString file;
    int line = 0;
    QString clientCertificate;     //!< absolute path
    QString clientCertificateData; //!< base64 as written
    QString clientKey;             //!< absolute path
    QString clientKeyData;         //!< base64 as written
    QString token;                 //!< never logged or shown
    QString tokenFile;             //!< absolute path
    QString authProvider;          //!< auth-provider.name (unsupported; named in the error)
    QStringList unsupportedFields; //!< set fields meshdeck cannot honour: username, as, as-groups, ...
    std::optional<ExecPluginConfig> exec; //!< command absolute when it contains '/'; cluster/label filled later
    QStringList problems;
};

struct KubeconfigContext
{
    QString name;
    QString file;
    int line = 0;
    QString cluster;
    QString user;
    QString namespaceName; //!< as written; empty = "default"
    QStringList problems;
};

struct RestConfigResult
{
    RestConfig config;
    QString error; //!< empty = success; else one line per problem, each naming file, context and field
    bool ok() const { return error.isEmpty(); }
};

struct KubeconfigLoadResult
{
    QStringList files;        //!< files read, in merge order
    QStringList missingFiles; //!< $KUBECONFIG entries (or the default ~/.kube/config) that do not exist
    QString source;           //!< ClusterTarget::kubeconfigSource, for messages
    QList<KubeconfigContext> contexts; //!< merged, in order of first appearance
    QList<KubeconfigCluster> clusters;
    QList<KubeconfigUser> users;
    QString currentContext;     //!< the first non-empty current-context
    QString currentContextFile; //!< the file it came from
    QString requestedContext;   //!< ClusterTarget::context (--context or the plan's), empty = none
    QStringList errors;   //!< unreadable or malformed files: "file:line:column: message"
    QStringList warnings; //!< e.g. none of the $KUBECONFIG files exists

    bool ok() const { return errors.isEmpty(); }
    /*! requestedContext, else currentContext. */
    QString selectedContext() const;
    const KubeconfigContext* context(const QString& name) const;
    const KubeconfigCluster* cluster(const QString& name) const;
    const KubeconfigUser* user(const QString& name) const;

    /*!
     * Everything needed to talk to the cluster of contextName (empty = selectedContext()), or
     * the error. Checks and loads the files the entries name (CA, client certificate and key,
     * token file) now, so a broken entry is reported before any request. Creates a new
     * CredentialProvider (it caches exec credentials: keep the RestConfig rather than calling
     * this per request); call it in the thread that will use the provider. Fails when the load
     * itself failed (a malformed file would change what the merge means).
     */
    RestConfigResult restConfigFor(const QString& contextName = {},
                                   const ExecPluginOptions& execOptions = {}) const;
};

/*!
 * Reads and merges the kubeconfig files of target. Files from $KUBECONFIG (and the default
 * ~/.kube/config) that do not exist are skipped; a file given explicitly (--kubeconfig or the
 * plan) must exist. Reads only local files; never prints credentials.
 */
KubeconfigLoadResult loadKubeconfig(const ClusterTarget& target);

/*! A path for messages: the home directory shown as "~". */
QString kubeconfigDisplayPath(const QString& path);
