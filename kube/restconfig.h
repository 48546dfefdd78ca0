// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QNetworkProxy>
#include <QObject>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslKey>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>

/*!
 * What a request needs to carry to authenticate: a bearer token and/or a client certificate.
 * Exec plugins may return either; static kubeconfig entries give one of them.
 */
struct Credentials
{
    QByteArray bearerToken;
    QSslCertificate clientCertificate;
    QSslKey clientKey;
    QDateTime expiry; //!< invalid = does not expire (static credentials)
};

struct CredentialsResult
{
    Credentials credentials;
    QString error; //!< empty = success; else a sentence naming the kubeconfig user and what failed
};

/*!
 * Supplies credentials for one kubeconfig user, asynchronously (an exec plugin is a process).
 * The client asks before each request; cached credentials are handed back at once. After a 401
 * the client asks again with refresh = true, which re-reads a tokenFile or re-runs an exec
 * plugin, and retries the request once.
 */
class CredentialProvider : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const CredentialsResult&)>;
    using QObject::QObject;

    /*! Calls done (in context's thread, not after context is destroyed) with credentials. */
    virtual void obtain(bool refresh, QObject* context, Callback done) = 0;
};

/*!
 * Everything needed to talk to one cluster as one user, resolved from kubeconfig files:
 * kube/kubeconfig.h builds it; kube/kubeclient.h uses it.
 */
struct RestConfig
{
    QString contextName;      //!< for messages: "context lab-admin"
    QString kubeconfigFile;   //!< the file that defined the context, for messages
    QUrl server;              //!< https://host:port[/path]
    QSslConfiguration ssl;    //!< CA certificates, peer verification (off only with insecure-skip-tls-verify)
    QString tlsServerName;    //!< SNI / verification name when it differs from server's host; empty = host
    QNetworkProxy proxy;      //!< from proxy-url; NoProxy/DefaultProxy otherwise
    QString defaultNamespace; //!< the context's namespace, "default" if unset
    QStringList warnings;     //!< e.g. "insecure-skip-tls-verify is set for cluster x: the server is not verified"
    std::shared_ptr<CredentialProvider> credentials; //!< may be null: anonymous
};
