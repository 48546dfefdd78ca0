// SPDX-License-Identifier: Apache-2.0
// KubeconfigLoadResult::restConfigFor: one context's entries checked and turned into a RestConfig.
#include "kubeconfig.h"

#include "credentialproviders.h"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSslSocket>

namespace {

constexpr qint64 kMaxPemFileSize = 1024 * 1024;

QString quoted(const QString& name)
{
    return u"\""_qs + name + u"\""_qs;
}

/*! What replaces each legacy auth-provider (client-go plugin/pkg/client/auth/{gcp,azure} stubs). */
QString authProviderAdvice(const QString& name)
{
    if (name == u"gcp") {
        return u"the gcp auth-provider was removed from Kubernetes clients in 1.26 and is not supported; use the "
               "exec plugin gke-gcloud-auth-plugin (`gcloud components install gke-gcloud-auth-plugin`, then "
               "`gcloud container clusters get-credentials` rewrites this entry)"_qs;
    }
    if (name == u"azure") {
        return u"the azure auth-provider was removed from Kubernetes clients in 1.26 and is not supported; use "
               "the exec plugin kubelogin from github.com/Azure/kubelogin (`kubelogin convert-kubeconfig`)"_qs;
    }
    if (name == u"oidc") {
        return u"the oidc auth-provider is not supported by meshdeck; use the exec plugin kubelogin from "
               "github.com/int128/kubelogin (`kubectl oidc-login setup` prints the exec entry)"_qs;
    }
    return u"auth-provider %1 is not supported; use an exec credential plugin"_qs.arg(quoted(name));
}

QString unsupportedFieldAdvice(const QString& field)
{
    if (field == u"username" || field == u"password") {
        return u"basic authentication is not supported (Kubernetes removed it in 1.19); use a token or a client "
               "certificate"_qs;
    }
    return u"impersonation from the kubeconfig is not supported by meshdeck"_qs;
}

/*! The field a PEM came from, for messages: "client-key-data" or "client-key: /path". */
QString sourceOf(const QString& field, const QString& data, const QString& path)
{
    if (data.isEmpty())
        return field + u": "_qs + path;
    return field + u"-data"_qs;
}

/*! client-go does not expand "~" in kubeconfig paths; "~/x" became "<dir>/~/x". */
QString tildeHint(const QString& path)
{
    return path.contains(u"/~/") ? u" (kubeconfig paths do not expand ~: write the full path)"_qs : QString();
}

bool isDnsLabel(const QString& name)
{
    static const QRegularExpression label(u"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\\z"_qs);
    return label.match(name).hasMatch();
}

class RestConfigBuilder
{
public:
    RestConfigBuilder(const KubeconfigLoadResult& load, const KubeconfigContext& context, const ExecPluginOptions& options)
        : m_load(load)
        , m_context(context)
        , m_options(options)
    {
    }

    RestConfigResult build();

private:
    QString prefix(const QString& file, const QString& entry) const
    {
        QString text = kubeconfigDisplayPath(file) + u": context "_qs + quoted(m_context.name);
        return entry.isEmpty() ? text : text + u": "_qs + entry;
    }
    void error(const QString& file, const QString& entry, const QString& message)
    {
        m_errors.append(prefix(file, entry) + u": "_qs + message);
    }
    void warning(const QString& file, const QString& entry, const QString& message)
    {
        m_config.warnings.append(prefix(file, entry) + u": "_qs + message);
    }

    QByteArray decodeData(const QString& file, const QString& entry, const QString& field, const QString& data);
    QByteArray readPemFile(const QString& file, const QString& entry, const QString& field, const QString& path);
    QByteArray pemOf(const QString& file, const QString& entry, const QString& field, const QString& data,
                     const QString& path);
    void buildServer(const KubeconfigCluster& cluster, const QString& entry);
    void buildTls(const KubeconfigCluster& cluster, const QString& entry);
    void buildProxy(const KubeconfigCluster& cluster, const QString& entry);
    void buildUser(const KubeconfigUser& user);
    std::shared_ptr<CredentialProvider> staticProvider(const KubeconfigUser& user, const QString& entry);

    const KubeconfigLoadResult& m_load;
    const KubeconfigContext& m_context;
    const ExecPluginOptions& m_options;
    RestConfig m_config;
    QByteArray m_caPem;
    QStringList m_errors;
};

QByteArray RestConfigBuilder::decodeData(const QString& file, const QString& entry, const QString& field,
                                         const QString& data)
{
    QByteArray compact = data.toLatin1();
    compact.replace(' ', "").replace('\n', "").replace('\r', "").replace('\t', "");
    const auto decoded = QByteArray::fromBase64Encoding(compact, QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.isEmpty()) {
        error(file, entry, field + u": is not valid base64 (it should hold a base64-encoded PEM)"_qs);
        return {};
    }
    return decoded.decoded;
}

QByteArray RestConfigBuilder::readPemFile(const QString& file, const QString& entry, const QString& field,
                                          const QString& path)
{
    const QFileInfo info(path);
    QString problem;
    if (!info.exists()) {
        problem = u" does not exist"_qs + tildeHint(path);
    } else if (!info.isFile()) {
        problem = u" is not a file"_qs;
    } else if (info.size() > kMaxPemFileSize) {
        problem = u" is too large for a PEM file"_qs;
    }
    QFile pem(path);
    if (problem.isEmpty() && !pem.open(QIODevice::ReadOnly))
        problem = u" cannot be read: "_qs + pem.errorString();
    if (!problem.isEmpty()) {
        error(file, entry, field + u": "_qs + path + problem);
        return {};
    }
    return pem.readAll();
}

/*! The PEM of a "-data" field or else its file field; -data wins, as in client-go. */
QByteArray RestConfigBuilder::pemOf(const QString& file, const QString& entry, const QString& field,
                                    const QString& data, const QString& path)
{
    if (!data.isEmpty() && !path.isEmpty())
        warning(file, entry, u"both %1 and %1-data are set; %1-data is used"_qs.arg(field));
    if (!data.isEmpty())
        return decodeData(file, entry, field + u"-data"_qs, data);
    return path.isEmpty() ? QByteArray() : readPemFile(file, entry, field, path);
}

void RestConfigBuilder::buildServer(const KubeconfigCluster& cluster, const QString& entry)
{
    if (cluster.server.isEmpty()) {
        error(cluster.file, entry, u"server: is not set"_qs);
        return;
    }
    // client-go's DefaultServerURL: "host:port" without a scheme means https.
    const QString text = cluster.server.contains(u"://") ? cluster.server : u"https://"_qs + cluster.server;
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        error(cluster.file, entry, u"server: %1 is not a valid URL"_qs.arg(quoted(cluster.server)));
    } else if (url.scheme() != u"https" && url.scheme() != u"http") {
        error(cluster.file, entry, u"server: %1 must start with https:// (or http://)"_qs.arg(quoted(cluster.server)));
    }
    m_config.server = url;
}

void RestConfigBuilder::buildTls(const KubeconfigCluster& cluster, const QString& entry)
{
    m_config.ssl = QSslConfiguration::defaultConfiguration();
    m_config.ssl.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_config.tlsServerName = cluster.tlsServerName;
    const QString field = u"certificate-authority"_qs;
    m_caPem = pemOf(cluster.file, entry, field, cluster.certificateAuthorityData, cluster.certificateAuthority);
    if (!m_caPem.isEmpty()) {
        QString problem;
        const QList<QSslCertificate> authorities = certificatesFromPem(m_caPem, &problem);
        if (authorities.isEmpty()) {
            error(cluster.file, entry,
                  sourceOf(field, cluster.certificateAuthorityData, cluster.certificateAuthority) + u": "_qs + problem);
        }
        // Only the named CA is trusted, not the system's (client-go's RootCAs).
        m_config.ssl.setCaCertificates(authorities);
    }
    if (!cluster.insecureSkipTlsVerify)
        return;
    if (!cluster.certificateAuthority.isEmpty() || !cluster.certificateAuthorityData.isEmpty()) {
        error(cluster.file, entry,
              u"insecure-skip-tls-verify: cannot be combined with a certificate-authority (kubectl refuses this "
              "too); remove one of them"_qs);
        return;
    }
    m_config.ssl.setPeerVerifyMode(QSslSocket::VerifyNone);
    warning(cluster.file, entry,
            u"insecure-skip-tls-verify is set: the server's certificate is not verified, so anyone on the network "
            "path can impersonate the cluster"_qs);
}

void RestConfigBuilder::buildProxy(const KubeconfigCluster& cluster, const QString& entry)
{
    if (cluster.proxyUrl.isEmpty())
        return; // DefaultProxy: the application's proxy (client-go: http(s)_proxy from the environment)
    const QUrl url(cluster.proxyUrl, QUrl::StrictMode);
    const QString scheme = url.scheme();
    const QString field = u"proxy-url: "_qs + quoted(cluster.proxyUrl);
    if (!url.isValid() || url.host().isEmpty()) {
        error(cluster.file, entry, field + u" is not a valid URL"_qs);
        return;
    }
    if (scheme == u"https") {
        // Go speaks TLS to an https:// proxy; QNetworkProxy has no such type, and sending the
        // CONNECT in clear text to a TLS-only proxy would fail or leak the proxy credentials.
        error(cluster.file, entry,
              field + u": proxies reached over TLS (https://) are not supported; use an http:// or socks5:// "
                      "proxy URL"_qs);
        return;
    }
    if (scheme != u"http" && scheme != u"socks5") {
        error(cluster.file, entry, field + u": the scheme must be http, https or socks5"_qs);
        return;
    }
    const bool socks = scheme == u"socks5";
    m_config.proxy = QNetworkProxy(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy, url.host(),
                                   static_cast<quint16>(url.port(socks ? 1080 : 80)), url.userName(), url.password());
}

std::shared_ptr<CredentialProvider> RestConfigBuilder::staticProvider(const KubeconfigUser& user, const QString& entry)
{
    Credentials credentials;
    const QByteArray certificatePem = pemOf(user.file, entry, u"client-certificate"_qs, user.clientCertificateData,
                                            user.clientCertificate);
    const QByteArray keyPem = pemOf(user.file, entry, u"client-key"_qs, user.clientKeyData, user.clientKey);
    const bool hasCertificate = !user.clientCertificate.isEmpty() || !user.clientCertificateData.isEmpty();
    const bool hasKey = !user.clientKey.isEmpty() || !user.clientKeyData.isEmpty();
    if (hasCertificate != hasKey) {
        error(user.file, entry, hasCertificate ? u"client-certificate is set without client-key (or client-key-data)"_qs
                                               : u"client-key is set without client-certificate (or -data)"_qs);
    }
    QString problem;
    if (!certificatePem.isEmpty()) {
        const QList<QSslCertificate> chain = certificatesFromPem(certificatePem, &problem);
        if (chain.isEmpty()) {
            error(user.file, entry, sourceOf(u"client-certificate"_qs, user.clientCertificateData, user.clientCertificate)
                                        + u": "_qs + problem);
        }
        else
            credentials.clientCertificate = chain.first();
    }
    if (!keyPem.isEmpty()) {
        credentials.clientKey = privateKeyFromPem(keyPem, &problem);
        if (credentials.clientKey.isNull())
            error(user.file, entry, sourceOf(u"client-key"_qs, user.clientKeyData, user.clientKey) + u": "_qs + problem);
    }
    const bool hasToken = !user.token.isEmpty() || !user.tokenFile.isEmpty();
    if (!hasCertificate && !hasKey && !hasToken)
        return {};
    const auto later = [](CredentialProvider* provider) { provider->deleteLater(); };
    if (!user.tokenFile.isEmpty()) {
        // tokenFile wins over token (client-go reads the file whenever both are set).
        if (readTokenFile(user.tokenFile, &problem).isEmpty())
            error(user.file, entry, u"tokenFile: "_qs + problem + tildeHint(user.tokenFile));
        return {new TokenFileCredentialProvider(user.tokenFile, credentials, prefix(user.file, entry)), later};
    }
    credentials.bearerToken = user.token.toUtf8();
    return {new StaticCredentialProvider(credentials), later};
}

void RestConfigBuilder::buildUser(const KubeconfigUser& user)
{
    const QString entry = u"user "_qs + quoted(user.name);
    for (const QString& problem : user.problems)
        error(user.file, entry, problem);
    if (!user.authProvider.isEmpty())
        error(user.file, entry, u"auth-provider: "_qs + authProviderAdvice(user.authProvider));
    for (const QString& field : user.unsupportedFields)
        error(user.file, entry, field + u": "_qs + unsupportedFieldAdvice(field));

    m_config.credentials = staticProvider(user, entry);
    if (!user.exec)
        return;
    if (m_config.credentials) {
        // client-go's exec authenticator steps aside when a token or certificate is configured.
        warning(user.file, entry, u"exec is ignored: the token or client certificate of this user is used, as kubectl does"_qs);
        return;
    }
    ExecPluginConfig exec = *user.exec;
    exec.label = prefix(user.file, entry);
    if (const KubeconfigCluster* cluster = m_load.cluster(m_context.cluster)) {
        exec.cluster.server = m_config.server.toString();
        exec.cluster.tlsServerName = cluster->tlsServerName;
        exec.cluster.insecureSkipTlsVerify = cluster->insecureSkipTlsVerify;
        exec.cluster.certificateAuthorityPem = m_caPem;
        exec.cluster.proxyUrl = cluster->proxyUrl;
        exec.cluster.config = cluster->execExtension;
    }
    exec.kubeconfigFile = user.file;
    ExecPluginOptions options = m_options;
    // Security review M2: only a kubeconfig the plan chose asks before its plugin runs; the
    // user's own (--kubeconfig, KUBECONFIG, ~/.kube/config) is trusted as kubectl trusts it.
    if (m_load.source != u"plan")
        options.approve = nullptr;
    m_config.credentials = {new ExecCredentialProvider(exec, options),
                            [](CredentialProvider* provider) { provider->deleteLater(); }};
}

RestConfigResult RestConfigBuilder::build()
{
    m_config.contextName = m_context.name;
    m_config.kubeconfigFile = m_context.file;
    for (const QString& problem : m_context.problems)
        error(m_context.file, {}, problem);
    m_config.defaultNamespace = m_context.namespaceName.isEmpty() ? u"default"_qs : m_context.namespaceName;
    if (!isDnsLabel(m_config.defaultNamespace)) {
        error(m_context.file, {}, u"namespace: %1 is not a valid namespace name (lower-case letters, digits and '-', "
                                  "at most 63)"_qs.arg(quoted(m_config.defaultNamespace)));
    }

    const KubeconfigCluster* cluster = m_load.cluster(m_context.cluster);
    if (m_context.cluster.isEmpty()) {
        error(m_context.file, {}, u"cluster: is not set"_qs);
    } else if (!cluster) {
        error(m_context.file, {}, u"cluster %1 is not defined in any kubeconfig file"_qs.arg(quoted(m_context.cluster)));
    } else {
        const QString entry = u"cluster "_qs + quoted(cluster->name);
        for (const QString& problem : cluster->problems)
            error(cluster->file, entry, problem);
        buildServer(*cluster, entry);
        buildTls(*cluster, entry);
        buildProxy(*cluster, entry);
    }

    // An empty user is anonymous; a named one that does not exist is a mistake (kubectl would
    // fall back to prompting for a username).
    if (!m_context.user.isEmpty()) {
        if (const KubeconfigUser* user = m_load.user(m_context.user))
            buildUser(*user);
        else
            error(m_context.file, {}, u"user %1 is not defined in any kubeconfig file"_qs.arg(quoted(m_context.user)));
    }

    RestConfigResult result;
    if (!m_errors.isEmpty()) {
        m_config.credentials.reset();
        result.error = m_errors.join(u'\n');
    }
    result.config = m_config;
    return result;
}

QString describeFiles(const KubeconfigLoadResult& load)
{
    QStringList shown;
    for (const QString& file : load.files)
        shown.append(kubeconfigDisplayPath(file));
    return shown.join(u", "_qs);
}

} // namespace

RestConfigResult KubeconfigLoadResult::restConfigFor(const QString& contextName, const ExecPluginOptions& execOptions) const
{
    RestConfigResult result;
    if (!errors.isEmpty()) {
        result.error = errors.join(u'\n');
        return result;
    }
    if (files.isEmpty()) {
        QStringList shown;
        for (const QString& file : missingFiles)
            shown.append(kubeconfigDisplayPath(file));
        result.error = u"no kubeconfig file found (%1 does not exist); set KUBECONFIG or pass --kubeconfig"_qs.arg(
            shown.join(u", "_qs));
        return result;
    }
    const QString name = contextName.isEmpty() ? selectedContext() : contextName;
    if (name.isEmpty()) {
        result.error = u"no context chosen: current-context is not set in %1; pass --context"_qs.arg(describeFiles(*this));
        return result;
    }
    const KubeconfigContext* found = context(name);
    if (!found) {
        QStringList names;
        for (const KubeconfigContext& known : contexts)
            names.append(known.name);
        result.error = u"context %1 is not defined in %2 (contexts: %3)"_qs.arg(
            quoted(name), describeFiles(*this), names.isEmpty() ? u"none"_qs : names.join(u", "_qs));
        if (name == currentContext)
            result.error += u"; it is the current-context of "_qs + kubeconfigDisplayPath(currentContextFile);
        return result;
    }
    return RestConfigBuilder(*this, *found, execOptions).build();
}
