// SPDX-License-Identifier: Apache-2.0
#include "prometheusclient.h"

#include "kubeclient.h"
#include "kubeoperation.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QUrlQuery>

namespace {

QString seconds(const QDateTime& time)
{
    return QString::number(static_cast<double>(time.toMSecsSinceEpoch()) / 1000.0, 'f', 3);
}

PrometheusError error(PrometheusError::Kind kind, const QString& message, const QString& detail, int status = 0)
{
    PrometheusError e;
    e.kind = kind;
    e.message = message;
    e.detail = detail;
    e.httpStatus = status;
    return e;
}

QString proxyName(const PrometheusEndpoint& endpoint)
{
    return endpoint.namespaceName + u'/' + endpoint.service + u':' + endpoint.port;
}

} // namespace

PrometheusResult prometheusResultFrom(int httpStatus, const QJsonObject& json, const QByteArray& rawBody,
                                      const QString& where)
{
    PrometheusResult result;
    const QString detail = u"HTTP "_qs + QString::number(httpStatus) + u" from "_qs + where;
    if (json.value(u"status").toString() == u"error") {
        result.data = parsePrometheusData(json);
        result.error = error(PrometheusError::Kind::Prometheus,
                             u"Prometheus rejected the query: "_qs + result.data.error, detail, httpStatus);
        result.error.errorType = result.data.errorType;
        return result;
    }
    if (httpStatus >= 400 || httpStatus == 0) {
        result.error = error(PrometheusError::Kind::Http,
                             u"Prometheus answered HTTP "_qs + QString::number(httpStatus) + u'.',
                             detail + u": "_qs + QString::fromUtf8(rawBody.left(500)), httpStatus);
        return result;
    }
    result.data = json.isEmpty() ? parsePrometheusData(rawBody) : parsePrometheusData(json);
    if (!result.data.ok()) {
        result.error = error(PrometheusError::Kind::BadResponse,
                             u"The answer from "_qs + where + u" is not a Prometheus API response."_qs,
                             result.data.error, httpStatus);
    }
    return result;
}

PrometheusOperation::PrometheusOperation(PrometheusClient* client, PrometheusQuery query)
    : QObject(client), m_client(client), m_query(std::move(query))
{
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &PrometheusOperation::onDeadline);
}

PrometheusOperation::~PrometheusOperation()
{
    if (m_reply)
        m_reply->abort();
    if (m_operation)
        m_operation->cancel();
}

QList<std::pair<QString, QString>> PrometheusOperation::parameters() const
{
    QList<std::pair<QString, QString>> p{{u"query"_qs, m_query.promql}};
    if (m_query.isRange()) {
        p.append({u"start"_qs, seconds(m_query.start)});
        p.append({u"end"_qs, seconds(m_query.end.isValid() ? m_query.end : QDateTime::currentDateTimeUtc())});
        p.append({u"step"_qs, QString::number(m_query.step.count()) + u's'});
    } else if (m_query.time.isValid()) {
        p.append({u"time"_qs, seconds(m_query.time)});
    }
    p.append({u"timeout"_qs, QString::number(m_query.timeout.count()) + u"ms"_qs});
    return p;
}

void PrometheusOperation::start()
{
    if (m_running || m_done)
        return;
    m_running = true;
    m_deadline.start(m_query.timeout + m_client->transferGrace());
    if (m_client->endpoint().url.isValid())
        startDirect();
    else
        startProxy();
}

void PrometheusOperation::startDirect()
{
    QUrl url = m_client->endpoint().url;
    QString path = url.path();
    if (path.endsWith(u'/'))
        path.chop(1);
    url.setPath(path + (m_query.isRange() ? u"/api/v1/query_range"_qs : u"/api/v1/query"_qs));
    QUrlQuery query;
    for (const auto& [name, value] : parameters())
        query.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    url.setQuery(query);
    QNetworkRequest request(url);
    request.setRawHeader("Accept", "application/json");
    m_reply = m_client->network()->get(request);
    connect(m_reply, &QNetworkReply::finished, this, &PrometheusOperation::onReplyFinished);
    // An answer larger than any graph needs is dropped as it arrives, not held (security review M4).
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) {
        if (received <= PrometheusClient::maxAnswerBytes || !m_reply || m_done)
            return;
        m_tooLarge = true;
        m_reply->abort();
    });
}

void PrometheusOperation::startProxy()
{
    KubeClient* kube = m_client->kube();
    if (!kube) {
        finish({error(PrometheusError::Kind::Unreachable, u"No cluster is connected to reach Prometheus through."_qs, {}), {}});
        return;
    }
    const PrometheusEndpoint& e = m_client->endpoint();
    m_operation = kube->serviceProxy(e.namespaceName, e.service, e.port,
                                     m_query.isRange() ? u"api/v1/query_range"_qs : u"api/v1/query"_qs,
                                     parameters(), e.scheme);
    connect(m_operation, &KubeOperation::finished, this, &PrometheusOperation::onProxyFinished);
    m_operation->start();
}

void PrometheusOperation::onReplyFinished()
{
    QNetworkReply* reply = m_reply;
    if (!reply || m_done)
        return;
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString where = m_client->endpoint().url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery);
    if (m_tooLarge) {
        finish({error(PrometheusError::Kind::BadResponse,
                      u"Prometheus at "_qs + where + u" sent more than "_qs
                          + QString::number(PrometheusClient::maxAnswerBytes / (1024 * 1024))
                          + u" MiB for one query; it was dropped. Narrow the query (fewer series or a shorter range)."_qs,
                      {}),
                {}});
        return;
    }
    if (status == 0) {
        const bool canceled = reply->error() == QNetworkReply::OperationCanceledError;
        if (canceled && !m_timedOut) {
            finish({error(PrometheusError::Kind::Canceled, u"The query was canceled."_qs, {}), {}});
            return;
        }
        finish({m_timedOut ? error(PrometheusError::Kind::Timeout,
                                   u"Prometheus at "_qs + where + u" did not answer in time."_qs, reply->errorString())
                           : error(PrometheusError::Kind::Unreachable,
                                   u"Prometheus at "_qs + where + u" is unreachable: "_qs + reply->errorString(),
                                   reply->errorString()),
                {}});
        return;
    }
    const QByteArray body = reply->readAll();
    finish(prometheusResultFrom(status, QJsonDocument::fromJson(body).object(), body, where));
}

void PrometheusOperation::onProxyFinished(const KubeResult& result)
{
    m_operation = nullptr;
    const PrometheusEndpoint& e = m_client->endpoint();
    const QString where = u"the service proxy of "_qs + proxyName(e);
    const KubeError& k = result.error;
    if (k.kind == KubeError::Kind::Canceled) {
        finish({m_timedOut ? error(PrometheusError::Kind::Timeout, u"Prometheus did not answer in time through "_qs + where + u'.', k.detail)
                           : error(PrometheusError::Kind::Canceled, u"The query was canceled."_qs, k.detail),
                {}});
        return;
    }
    const QString text = result.json.value(u"message").toString() + QString::fromUtf8(result.body) + k.message + k.detail;
    const bool fromApiServer = k.status.has_value() || result.json.value(u"kind").toString() == u"Status";
    if (result.httpStatus == 503 && text.contains(u"no endpoints available for service"_qs)) {
        finish({error(PrometheusError::Kind::NoRunningPod,
                      u"Prometheus has no running pod: the service "_qs + e.namespaceName + u'/' + e.service
                          + u" has no ready endpoint."_qs,
                      k.detail, 503),
                {}});
    } else if (result.httpStatus == 404 && fromApiServer) {
        // The proxy answers `services "x" not found` also when the Service exists but has no
        // Endpoints object: ask for the Service itself before telling the user to install one.
        const QString detail = k.detail;
        KubeOperation* get = m_client->kube()->get(ObjectRef{u"v1"_qs, u"Service"_qs, e.namespaceName, e.service});
        m_operation = get;
        connect(get, &KubeOperation::finished, this, [this, detail](const KubeResult& service) {
            m_operation = nullptr;
            const PrometheusEndpoint& e = m_client->endpoint();
            if (service.ok()) {
                finish({error(PrometheusError::Kind::NoRunningPod,
                              u"Prometheus has no running pod: the service "_qs + e.namespaceName + u'/' + e.service
                                  + u" has no endpoints."_qs,
                              detail, 404),
                        {}});
            } else {
                finish({error(PrometheusError::Kind::NotFound,
                              u"There is no service "_qs + e.namespaceName + u'/' + e.service
                                  + u": install Prometheus or set its address in the plan."_qs,
                              detail, 404),
                        {}});
            }
        });
        get->start();
    } else if (result.httpStatus == 403 && fromApiServer) {
        finish({error(PrometheusError::Kind::Forbidden,
                      u"You may not reach Prometheus through the API server (needs get on services/proxy in "_qs
                          + e.namespaceName + u")."_qs,
                      k.detail, 403),
                {}});
    } else if (result.httpStatus == 0) {
        finish({error(k.kind == KubeError::Kind::Timeout ? PrometheusError::Kind::Timeout : PrometheusError::Kind::Unreachable,
                      k.message, k.detail),
                {}});
    } else if ((result.httpStatus == 502 || result.httpStatus == 503) && fromApiServer) {
        finish({error(PrometheusError::Kind::Unreachable,
                      u"The API server could not reach Prometheus: "_qs + result.json.value(u"message").toString(),
                      k.detail, result.httpStatus),
                {}});
    } else {
        // Prometheus' own error JSON arrives whole through the proxy (KubeResult::json).
        finish(prometheusResultFrom(result.httpStatus, result.json, result.body, where));
    }
}

void PrometheusOperation::onDeadline()
{
    m_timedOut = true;
    if (m_reply)
        m_reply->abort();
    else if (m_operation)
        m_operation->cancel();
}

void PrometheusOperation::cancel()
{
    if (!m_running || m_done) {
        if (!m_done && !m_running)
            m_done = true; // never started: nothing to report
        return;
    }
    if (m_reply)
        m_reply->abort();
    else if (m_operation)
        m_operation->cancel();
    else
        finish({error(PrometheusError::Kind::Canceled, u"The query was canceled."_qs, {}), {}});
}

void PrometheusOperation::finish(PrometheusResult result)
{
    if (m_done)
        return;
    m_done = true;
    m_running = false;
    m_deadline.stop();
    emit finished(result);
    deleteLater();
}

PrometheusClient::PrometheusClient(const QUrl& url, QObject* parent)
    : QObject(parent), m_network(new QNetworkAccessManager(this))
{
    m_endpoint.url = url;
}

PrometheusClient::PrometheusClient(KubeClient* kube, PrometheusEndpoint endpoint, QObject* parent)
    : QObject(parent), m_endpoint(std::move(endpoint)), m_kube(kube)
{
    m_endpoint.url = QUrl();
}

PrometheusClient::~PrometheusClient() = default;

PrometheusOperation* PrometheusClient::query(const QString& promql, const QDateTime& time,
                                             std::chrono::milliseconds timeout)
{
    PrometheusQuery q;
    q.promql = promql;
    q.time = time;
    q.timeout = timeout;
    return run(q);
}

PrometheusOperation* PrometheusClient::queryRange(const QString& promql, const QDateTime& start, const QDateTime& end,
                                                  std::chrono::seconds step, std::chrono::milliseconds timeout)
{
    PrometheusQuery q;
    q.promql = promql;
    q.start = start;
    q.end = end;
    q.step = step;
    q.timeout = timeout;
    return run(q);
}

PrometheusOperation* PrometheusClient::run(const PrometheusQuery& query)
{
    return new PrometheusOperation(this, query);
}
