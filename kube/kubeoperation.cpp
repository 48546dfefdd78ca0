// SPDX-License-Identifier: Apache-2.0
#include "kubeoperation.h"

#include "backoff.h"
#include "kubeclient.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>

#include <algorithm>

KubeOperation::KubeOperation(KubeClient* client, KubeRequest request)
    : QObject(client)
    , m_client(client)
    , m_request(std::move(request))
    , m_target(m_request.target)
{
    m_delay.setSingleShot(true);
}

KubeOperation::~KubeOperation()
{
    // Destroyed while running (its client went away): no signals from here on.
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
    }
    releaseStreamNetwork();
}

void KubeOperation::releaseStreamNetwork()
{
    if (m_streamNetwork)
        m_client->releaseStreamNetwork(m_streamNetwork);
    m_streamNetwork = nullptr;
}

void KubeOperation::start()
{
    if (m_running || m_done)
        return;
    m_running = true;
    m_mapperGeneration = m_client->mapperGeneration();
    resolve();
}

void KubeOperation::cancel()
{
    if (!m_running)
        return;
    m_canceled = true;
    m_delay.stop();
    if (m_reply)
        m_reply->abort(); // finished() runs synchronously and is ignored: m_canceled
    KubeResult result;
    result.attempts = m_attempts;
    result.error.kind = KubeError::Kind::Canceled;
    result.error.message = u"the request was canceled"_qs;
    finish(result);
}

void KubeOperation::resolve()
{
    if (!m_request.path.isEmpty()) {
        m_path = m_request.path;
        authenticate(false);
        return;
    }
    m_client->resolve(m_request.target, m_mapperGeneration, this,
                      [this](const ApiResource* resource, const KubeError& error) {
                          if (!m_running)
                              return; // canceled while discovery ran
                          if (!resource) {
                              KubeResult result;
                              result.error = error;
                              finish(result);
                              return;
                          }
                          // kubectl's rule: a namespaced object without a namespace goes to
                          // the context's namespace; a collection without one means all namespaces.
                          if (resource->namespaced && m_target.namespaceName.isEmpty()
                              && !m_target.name.isEmpty())
                              m_target.namespaceName = m_client->config().defaultNamespace;
                          if (!resource->namespaced)
                              m_target.namespaceName.clear();
                          m_path = resource->path(m_target.namespaceName,
                                                  m_request.onCollection ? QString() : m_target.name,
                                                  m_request.subresource);
                          authenticate(false);
                      });
}

void KubeOperation::authenticate(bool refresh)
{
    const auto& provider = m_client->config().credentials;
    if (!provider) {
        throttle();
        return;
    }
    provider->obtain(refresh, this, [this](const CredentialsResult& obtained) {
        if (!m_running)
            return;
        if (!obtained.error.isEmpty()) {
            KubeResult result;
            result.attempts = m_attempts;
            result.error.kind = KubeError::Kind::Credentials;
            result.error.message = obtained.error;
            result.error.detail = u"credentials for context "_qs + m_client->config().contextName;
            finish(result);
            return;
        }
        m_credentials = obtained.credentials;
        throttle();
    });
}

void KubeOperation::throttle()
{
    const auto wait = m_request.rateLimited ? m_client->rateLimiter().reserve() : std::chrono::milliseconds(0);
    if (wait.count() <= 0) {
        send();
        return;
    }
    m_delay.disconnect(this);
    connect(&m_delay, &QTimer::timeout, this, &KubeOperation::send);
    m_delay.start(wait);
}

void KubeOperation::send()
{
    m_body.clear();
    m_sslErrors.clear();
    m_headersSeen = false;
    ++m_attempts;
    const QNetworkRequest request = m_client->networkRequest(m_request, m_path, m_credentials);
    QNetworkAccessManager* network = m_client->network();
    if (m_request.streaming) {
        m_streamNetwork = m_client->acquireStreamNetwork();
        network = m_streamNetwork;
    }
    QNetworkReply* reply = m_request.method == "GET"
        ? network->get(request)
        : network->sendCustomRequest(request, m_request.method, m_request.body);
    reply->setParent(this);
    m_reply = reply;
    connect(reply, &QNetworkReply::metaDataChanged, this, &KubeOperation::onMetaDataChanged);
    connect(reply, &QNetworkReply::readyRead, this, &KubeOperation::onReadyRead);
    connect(reply, &QNetworkReply::finished, this, [this, reply] { onReplyFinished(reply); });
    connect(reply, &QNetworkReply::sslErrors, this,
            [this](const QList<QSslError>& errors) { m_sslErrors = errors; });
    connect(reply, &QNetworkReply::downloadProgress, this, &KubeOperation::progress);
}

void KubeOperation::onMetaDataChanged()
{
    if (m_headersSeen || !m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (status == 0)
        return;
    m_headersSeen = true;
    emit responseStarted(status);
}

void KubeOperation::onReadyRead()
{
    if (!m_reply)
        return;
    const int status = m_reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_request.streaming && status >= 200 && status < 300) {
        emit dataReceived(m_reply->readAll());
        return;
    }
    m_body += m_reply->readAll();
    if (m_body.size() > maxBodyBytes) {
        // No object is that large (etcd keeps at most 1.5 MiB a value, lists come in pages):
        // dropped as it arrives, not held (security review M4).
        m_body.clear();
        m_canceled = true; // the reply's finished() is ignored
        m_delay.stop();
        m_reply->abort();
        KubeResult result;
        result.attempts = m_attempts;
        result.error.kind = KubeError::Kind::BadResponse;
        result.error.message = u"the server's answer to "_qs + m_request.verb + u' ' + m_target.displayName()
            + u" passed "_qs + QString::number(maxBodyBytes / (1024 * 1024)) + u" MiB and was dropped"_qs;
        finish(result);
    }
}

static QStringList warningsOf(const QNetworkReply& reply)
{
    // RFC 7234 Warning: 299 - "text"; several may share one header line.
    static const QRegularExpression warning(uR"re(\d{3}\s+\S+\s+"((?:[^"\\]|\\.)*)")re"_qs);
    QStringList warnings;
    for (const auto& [name, value] : reply.rawHeaderPairs()) {
        if (name.compare("Warning", Qt::CaseInsensitive) != 0)
            continue;
        for (auto it = warning.globalMatch(QString::fromUtf8(value)); it.hasNext();)
            warnings.append(it.next().captured(1).replace(u"\\\""_qs, u"\""_qs));
    }
    return warnings;
}

static QString origin(const QUrl& url)
{
    return url.toString(QUrl::RemoveUserInfo | QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

/*! A 3xx to another origin, which KubeClient::networkRequest() does not follow (security review M7). */
static KubeError redirectRefused(const QNetworkReply& reply, int httpStatus)
{
    const QUrl target = reply.url().resolved(QUrl::fromEncoded(reply.rawHeader("Location")));
    KubeError error;
    error.kind = KubeError::Kind::BadResponse;
    error.httpStatus = httpStatus;
    error.message = u"the server "_qs + origin(reply.url()) + u" redirected the request to another server, "_qs
        + origin(target) + u", which meshdeck does not follow, so that the cluster's credentials go to no other server:"
                          u" if that server is the API server, put its address in the kubeconfig"_qs;
    error.detail = u"HTTP "_qs + QString::number(httpStatus) + u" to "_qs
        + target.toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery) + u" ("_qs + reply.errorString() + u", "_qs
        + reply.url().toString(QUrl::RemoveUserInfo | QUrl::RemoveQuery) + u')';
    return error;
}

KubeResult KubeOperation::resultFrom(QNetworkReply& reply)
{
    KubeResult result;
    result.attempts = m_attempts;
    result.httpStatus = reply.attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.contentType = reply.header(QNetworkRequest::ContentTypeHeader).toByteArray();
    result.warnings = warningsOf(reply);
    if (reply.error() == QNetworkReply::InsecureRedirectError) {
        // No answer to use: callers report it as they report a server they cannot reach.
        result.error = redirectRefused(reply, std::exchange(result.httpStatus, 0));
        return result;
    }
    if (result.httpStatus == 0) {
        result.error = errorFromNetwork(reply.error(), reply.errorString(), m_sslErrors, reply.url());
        if (reply.error() == QNetworkReply::OperationCanceledError) {
            // We did not cancel (m_canceled is checked before): the transfer timeout fired.
            result.error.kind = KubeError::Kind::Timeout;
            result.error.message = u"the server "_qs + reply.url().host() + u" sent nothing for "_qs
                + QString::number(reply.request().transferTimeout() / 1000) + u" s"_qs;
        }
        return result;
    }
    if (result.httpStatus >= 200 && result.httpStatus < 300) {
        const QJsonDocument document = QJsonDocument::fromJson(m_body);
        if (document.isObject())
            result.json = document.object();
        else
            result.body = m_body;
        return result;
    }
    result.error = errorFromResponse(result.httpStatus, m_body, m_request.verb, m_target);
    // A Kubernetes Status, or (through the service proxy) the proxied service's own error body,
    // e.g. Prometheus' {"status":"error","errorType":...}: callers may read it whole.
    if (const QJsonDocument document = QJsonDocument::fromJson(m_body); document.isObject())
        result.json = document.object();
    else
        result.body = m_body;
    result.error.detail += u" ("_qs + QString::fromLatin1(m_request.method) + u' '
        + reply.url().toString(QUrl::RemoveQuery) + u')';
    if (result.error.kind == KubeError::Kind::Unauthorized && !m_client->config().contextName.isEmpty())
        result.error.message += u" (context "_qs + m_client->config().contextName + u')';
    return result;
}

bool KubeOperation::scheduleRetry(const KubeResult& result, const QNetworkReply& reply)
{
    const KubeClientOptions& options = m_client->options();
    if (m_request.streaming || m_retries >= options.maxRetries)
        return false; // a watch reconnects by itself, from its last resourceVersion
    std::optional<std::chrono::milliseconds> retryAfter =
        parseRetryAfter(reply.rawHeader("Retry-After"), QDateTime::currentDateTimeUtc());
    if (!retryAfter && result.error.status && result.error.status->retryAfterSeconds > 0)
        retryAfter = std::chrono::seconds(result.error.status->retryAfterSeconds);
    const int status = result.httpStatus;
    bool retry = false;
    if (status == 429) {
        retry = true; // not processed: safe for every method
    } else if (status >= 500 && m_request.idempotent) {
        // As client-go: the server asks for a retry with Retry-After. Without it a 500 or 503 is
        // an answer (a webhook failed, a service has no endpoints); only a gateway in front of
        // the apiserver (502/504) gets a few tries of its own.
        retry = retryAfter.has_value() || ((status == 502 || status == 504) && m_retries < 3);
    } else if (status == 0 && m_request.idempotent) {
        // A connection the server closed (restart, idle keep-alive) is worth one more try;
        // refused or unresolvable is reported at once.
        const QNetworkReply::NetworkError code = reply.error();
        retry = m_retries < 2
            && (code == QNetworkReply::RemoteHostClosedError || code == QNetworkReply::TemporaryNetworkFailureError);
    }
    if (!retry)
        return false;
    const auto backoff = options.retryBackoff * (1 << std::min(m_retries, 5));
    const auto delay = std::min(retryAfter.value_or(backoff), options.maxRetryDelay);
    ++m_retries;
    m_delay.disconnect(this);
    connect(&m_delay, &QTimer::timeout, this, [this] { authenticate(false); });
    m_delay.start(delay);
    return true;
}

void KubeOperation::onReplyFinished(QNetworkReply* reply)
{
    if (reply != m_reply)
        return; // an earlier attempt
    if (!m_canceled && reply->bytesAvailable() > 0)
        onReadyRead();
    if (reply != m_reply)
        return; // canceled from a dataReceived() handler
    m_reply = nullptr;
    reply->deleteLater();
    releaseStreamNetwork();
    if (m_canceled || !m_running)
        return;
    complete(*reply);
}

void KubeOperation::complete(QNetworkReply& reply)
{
    KubeResult result = resultFrom(reply);
    if (result.httpStatus == 401 && m_client->config().credentials && !m_refreshed) {
        // Expired token or rotated exec credentials: ask the provider again, once.
        m_refreshed = true;
        authenticate(true);
        return;
    }
    if (scheduleRetry(result, reply))
        return;
    finish(std::move(result));
}

void KubeOperation::finish(KubeResult result)
{
    if (m_done)
        return;
    m_done = true;
    m_running = false;
    m_delay.stop();
    emit finished(result);
    if (m_autoDelete)
        deleteLater();
}
