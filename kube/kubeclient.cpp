// SPDX-License-Identifier: Apache-2.0
#include "kubeclient.h"

#include "apidiscovery.h"
#include "kubelist.h"
#include "kubewatch.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkRequest>
#include <QUrl>

KubeClient::KubeClient(RestConfig config, KubeClientOptions options, QObject* parent)
    : QObject(parent)
    , m_config(std::move(config))
    , m_options(std::move(options))
    , m_network(new QNetworkAccessManager(this))
    , m_limiter(m_options.qps, m_options.burst)
{
    m_network->setProxy(m_config.proxy);
}

KubeClient::~KubeClient()
{
    // Operations and watches abort their replies when destroyed: that needs the network
    // manager, which as the first child would otherwise be deleted first.
    QList<QPointer<QObject>> children;
    for (QObject* child : this->children()) {
        if (!qobject_cast<QNetworkAccessManager*>(child))
            children.append(child);
    }
    for (const QPointer<QObject>& child : children)
        delete child.data();
}

static QString encoded(const QString& text)
{
    return QString::fromLatin1(QUrl::toPercentEncoding(text));
}

QUrl KubeClient::url(const QString& path, const QList<std::pair<QString, QString>>& query) const
{
    QUrl result = m_config.server;
    QString base = result.path(QUrl::FullyEncoded);
    while (base.endsWith(u'/'))
        base.chop(1);
    result.setPath(base + path, QUrl::TolerantMode);
    // Encode every key and value fully: selectors hold '=' and ',', continue tokens and dates '+'.
    QStringList pairs;
    for (const auto& [key, value] : query)
        pairs.append(encoded(key) + u'=' + encoded(value));
    result.setQuery(pairs.isEmpty() ? QString() : pairs.join(u'&'), QUrl::TolerantMode);
    return result;
}

QNetworkRequest KubeClient::networkRequest(const KubeRequest& request, const QString& path,
                                           const Credentials& credentials) const
{
    QNetworkRequest result(url(path, request.query));
    QSslConfiguration ssl = m_config.ssl.isNull() ? QSslConfiguration::defaultConfiguration() : m_config.ssl;
    if (!credentials.clientCertificate.isNull()) {
        ssl.setLocalCertificate(credentials.clientCertificate);
        ssl.setPrivateKey(credentials.clientKey);
    }
    result.setSslConfiguration(ssl);
    if (!m_config.tlsServerName.isEmpty())
        result.setPeerVerifyName(m_config.tlsServerName);
    if (!credentials.bearerToken.isEmpty())
        result.setRawHeader("Authorization", "Bearer " + credentials.bearerToken);
    result.setRawHeader("Accept", request.accept);
    if (request.method != "GET" && request.method != "DELETE")
        result.setHeader(QNetworkRequest::ContentTypeHeader, request.contentType);
    result.setHeader(QNetworkRequest::UserAgentHeader, m_options.userAgent);
    const auto timeout = request.timeout.count() > 0 ? request.timeout : m_options.requestTimeout;
    result.setTransferTimeout(int(timeout.count()));
    // HTTP/1.1 only: Qt 6.4's HTTP/2 handler never finishes a 401 that has no WWW-Authenticate
    // header (the apiserver sends none), and the connection stays blocked for every later
    // request on it (QTBUG-143926; found against the lab). A 401 must reach us to refresh
    // credentials, so watches get connections of their own instead (acquireStreamNetwork).
    result.setAttribute(QNetworkRequest::Http2AllowedAttribute, false);
    // The bearer token is a raw header and the client certificate part of the TLS configuration:
    // Qt's default policy (NoLessSafeRedirectPolicy) follows a 3xx to any other https server
    // and sends both there. Redirects are followed on the server's own origin (scheme, host and
    // port) only; one to another origin ends the request with InsecureRedirectError, which
    // KubeOperation reports (kubectl, too, never sends the token to another host; security
    // review M7). This covers every request, the service proxy to Prometheus included.
    result.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::SameOriginRedirectPolicy);
    return result;
}

QNetworkAccessManager* KubeClient::acquireStreamNetwork()
{
    static constexpr int connectionsPerHost = 6; // QNetworkAccessManager's HTTP/1.1 limit
    for (auto& [network, streams] : m_streamNetworks) {
        if (streams < connectionsPerHost) {
            ++streams;
            return network;
        }
    }
    auto* network = new QNetworkAccessManager(this);
    network->setProxy(m_config.proxy);
    m_streamNetworks.append({network, 1});
    return network;
}

void KubeClient::releaseStreamNetwork(QNetworkAccessManager* network)
{
    for (auto& [candidate, streams] : m_streamNetworks) {
        if (candidate == network && streams > 0)
            --streams;
    }
}

ApiDiscovery* KubeClient::discover()
{
    auto* discovery = new ApiDiscovery(this);
    connect(discovery, &ApiDiscovery::finished, this,
            [this](const DiscoveryResult& result) { onDiscoveryFinished(result.mapper, result.error); });
    return discovery;
}

void KubeClient::setRestMapper(RestMapper mapper)
{
    m_mapper = std::move(mapper);
    ++m_mapperGeneration;
}

void KubeClient::invalidateRestMapper()
{
    m_mapper = RestMapper();
}

static KubeError notServed(const ObjectRef& ref, const RestMapper& mapper)
{
    KubeError error;
    error.kind = KubeError::Kind::NotServed;
    error.message = u"the server does not serve "_qs + ref.kind + u" in "_qs + ref.apiVersion;
    const QString group = ref.group();
    if (!mapper.hasGroup(group))
        error.message += u" (the API group "_qs + group + u" is not served: are its CustomResourceDefinitions installed?)"_qs;
    else
        error.message += u" (it serves "_qs + (group.isEmpty() ? u"core"_qs : group) + u" versions "_qs
            + mapper.servedVersions(group).join(u", "_qs) + u')';
    error.detail = u"no resource for apiVersion "_qs + ref.apiVersion + u" kind "_qs + ref.kind
        + u" in the discovery document"_qs;
    return error;
}

void KubeClient::resolve(const ObjectRef& ref, quint64 generation, QObject* context, ResolveCallback done)
{
    if (const auto resource = m_mapper.find(ref.apiVersion, ref.kind)) {
        done(&*resource, {});
        return;
    }
    if (ref.kind.isEmpty() || ref.apiVersion.isEmpty()) {
        KubeError error;
        error.kind = KubeError::Kind::BadRequest;
        error.message = u"the object has no apiVersion or kind"_qs;
        done(nullptr, error);
        return;
    }
    if (m_mapperGeneration > generation && !m_mapper.isEmpty()) {
        done(nullptr, notServed(ref, m_mapper));
        return;
    }
    auto whenDiscovered = [this, ref, done = std::move(done)](const KubeError& error) {
        if (error.isError()) {
            done(nullptr, error);
        } else if (const auto resource = m_mapper.find(ref.apiVersion, ref.kind)) {
            done(&*resource, {});
        } else {
            done(nullptr, notServed(ref, m_mapper));
        }
    };
    if (m_discovered.whenReady(context, std::move(whenDiscovered)))
        discover()->start(); // deletes itself when finished
}

void KubeClient::onDiscoveryFinished(const RestMapper& mapper, const KubeError& error)
{
    if (!error.isError())
        setRestMapper(mapper);
    m_discovered.deliver(error);
}

KubeOperation* KubeClient::request(KubeRequest request)
{
    return new KubeOperation(this, std::move(request));
}

KubeOperation* KubeClient::version()
{
    KubeRequest r;
    r.path = u"/version"_qs;
    return request(r);
}

KubeOperation* KubeClient::get(const ObjectRef& object)
{
    KubeRequest r;
    r.target = object;
    return request(r);
}

KubeListOperation* KubeClient::list(const ObjectRef& collection, const ListOptions& options)
{
    return new KubeListOperation(this, collection, options);
}

KubeListOperation* KubeClient::list(const ObjectRef& collection)
{
    return list(collection, ListOptions{});
}

KubeOperation* KubeClient::apply(const QJsonObject& object, const ApplyOptions& options)
{
    QJsonObject body = object;
    QJsonObject metadata = body.value(u"metadata").toObject();
    metadata.remove(u"managedFields"); // the server rejects an apply that carries them
    body.insert(u"metadata", metadata);
    KubeRequest r;
    r.method = "PATCH";
    r.verb = u"apply"_qs;
    r.target = ObjectRef::of(object);
    r.subresource = options.subresource;
    // JSON is YAML: the apply content type takes it as it is.
    r.contentType = "application/apply-patch+yaml";
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    r.query.append({u"fieldManager"_qs, m_options.fieldManager});
    if (options.force)
        r.query.append({u"force"_qs, u"true"_qs});
    if (options.dryRun)
        r.query.append({u"dryRun"_qs, u"All"_qs});
    static const QString validation[] = {u"Strict"_qs, u"Warn"_qs, u"Ignore"_qs};
    r.query.append({u"fieldValidation"_qs, validation[int(options.fieldValidation)]});
    return request(r); // apply is declarative: re-sending it is safe, so it stays idempotent
}

KubeOperation* KubeClient::create(const QJsonObject& object, bool dryRun)
{
    KubeRequest r;
    r.method = "POST";
    r.verb = u"create"_qs;
    r.target = ObjectRef::of(object);
    r.onCollection = true;
    r.body = QJsonDocument(object).toJson(QJsonDocument::Compact);
    r.idempotent = false; // a retry after a lost answer would say AlreadyExists
    r.query.append({u"fieldManager"_qs, m_options.fieldManager});
    if (dryRun)
        r.query.append({u"dryRun"_qs, u"All"_qs});
    return request(r);
}

KubeOperation* KubeClient::remove(const ObjectRef& object, const DeleteOptions& options)
{
    KubeRequest r;
    r.method = "DELETE";
    r.verb = u"delete"_qs;
    r.target = object;
    static const QString propagation[] = {u"Background"_qs, u"Foreground"_qs, u"Orphan"_qs};
    r.query.append({u"propagationPolicy"_qs, propagation[int(options.propagation)]});
    if (options.dryRun)
        r.query.append({u"dryRun"_qs, u"All"_qs});
    return request(r);
}

KubeOperation* KubeClient::getStatus(const ObjectRef& object)
{
    KubeRequest r;
    r.target = object;
    r.subresource = u"status"_qs;
    return request(r);
}

KubeOperation* KubeClient::patchStatus(const ObjectRef& object, const QJsonObject& mergePatch)
{
    KubeRequest r;
    r.method = "PATCH";
    r.verb = u"patch"_qs;
    r.target = object;
    r.subresource = u"status"_qs;
    r.contentType = "application/merge-patch+json";
    r.body = QJsonDocument(mergePatch).toJson(QJsonDocument::Compact);
    r.query.append({u"fieldManager"_qs, m_options.fieldManager});
    return request(r);
}

KubeOperation* KubeClient::requestToken(const QString& namespaceName, const QString& serviceAccount,
                                        const QStringList& audiences, int expirationSeconds)
{
    const QJsonObject body{
        {u"apiVersion"_qs, u"authentication.k8s.io/v1"_qs},
        {u"kind"_qs, u"TokenRequest"_qs},
        {u"spec"_qs, QJsonObject{{u"audiences"_qs, QJsonArray::fromStringList(audiences)},
                                 {u"expirationSeconds"_qs, expirationSeconds}}},
    };
    KubeRequest r;
    r.method = "POST";
    r.verb = u"create a token for"_qs;
    r.target = {u"v1"_qs, u"ServiceAccount"_qs, namespaceName, serviceAccount};
    r.path = u"/api/v1/namespaces/"_qs + encoded(namespaceName) + u"/serviceaccounts/"_qs
        + encoded(serviceAccount) + u"/token"_qs;
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    r.idempotent = true; // a second token is harmless
    return request(r);
}

KubeOperation* KubeClient::accessReview(const AccessCheck& check)
{
    QJsonObject attributes{{u"verb"_qs, check.verb}, {u"group"_qs, check.group}, {u"resource"_qs, check.resource}};
    if (!check.namespaceName.isEmpty())
        attributes.insert(u"namespace"_qs, check.namespaceName);
    if (!check.name.isEmpty())
        attributes.insert(u"name"_qs, check.name);
    if (!check.subresource.isEmpty())
        attributes.insert(u"subresource"_qs, check.subresource);
    const QJsonObject body{
        {u"apiVersion"_qs, u"authorization.k8s.io/v1"_qs},
        {u"kind"_qs, u"SelfSubjectAccessReview"_qs},
        {u"spec"_qs, QJsonObject{{u"resourceAttributes"_qs, attributes}}},
    };
    KubeRequest r;
    r.method = "POST";
    r.verb = u"review access"_qs;
    r.path = u"/apis/authorization.k8s.io/v1/selfsubjectaccessreviews"_qs;
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return request(r); // creates nothing: idempotent
}

KubeOperation* KubeClient::serviceProxy(const QString& namespaceName, const QString& service, const QString& port,
                                        const QString& path, const QList<std::pair<QString, QString>>& query,
                                        const QString& scheme)
{
    QString target = encoded(service);
    if (!scheme.isEmpty())
        target = encoded(scheme) + u':' + target;
    if (!port.isEmpty())
        target += u':' + encoded(port);
    QStringList segments;
    for (const QString& segment : path.split(u'/', Qt::SkipEmptyParts))
        segments.append(encoded(segment));
    KubeRequest r;
    r.target = {u"v1"_qs, u"Service"_qs, namespaceName, service};
    r.path = u"/api/v1/namespaces/"_qs + encoded(namespaceName) + u"/services/"_qs + target + u"/proxy/"_qs
        + segments.join(u'/');
    r.query = query;
    r.accept = "application/json, */*";
    return request(r);
}

KubeWatch* KubeClient::watch(const ObjectRef& collection, const WatchOptions& options)
{
    return new KubeWatch(this, collection, options);
}

KubeWatch* KubeClient::watch(const ObjectRef& collection)
{
    return watch(collection, WatchOptions{});
}

bool accessAllowed(const KubeResult& result)
{
    return result.ok() && result.json.value(u"status").toObject().value(u"allowed").toBool();
}
