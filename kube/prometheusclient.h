// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "prometheusdata.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>
#include <QUrl>

#include <chrono>

class KubeClient;
class KubeOperation;
class QNetworkAccessManager;
class QNetworkReply;
struct KubeResult;

/*! Why a Prometheus query failed, worded for the user (message) and for a bug report (detail). */
struct PrometheusError
{
    enum class Kind {
        None,
        Canceled,
        Unreachable,  //!< no HTTP answer from Prometheus (or the API server could not reach it)
        Timeout,      //!< no answer within the query timeout plus the transfer grace
        NoRunningPod, //!< service proxy: the Prometheus service has no ready endpoint
        NotFound,     //!< service proxy: no such service
        Forbidden,    //!< service proxy: the user may not use services/proxy
        Prometheus,   //!< Prometheus answered "status": "error" (bad PromQL, query timeout...)
        Http,         //!< another HTTP error
        BadResponse,  //!< an answer that is not the Prometheus API's JSON
    };
    Kind kind = Kind::None;
    QString message;
    QString detail;
    QString errorType; //!< Prometheus' errorType for Kind::Prometheus
    int httpStatus = 0;

    bool isError() const { return kind != Kind::None; }
};

struct PrometheusResult
{
    PrometheusError error;
    PrometheusData data; //!< the parsed answer when error is None

    bool ok() const { return !error.isError(); }
};

/*! An instant query (start/end unset) or a range query. */
struct PrometheusQuery
{
    QString promql;
    QDateTime time;  //!< instant query evaluation time; invalid = now
    QDateTime start; //!< range query when valid, with end and step
    QDateTime end;
    std::chrono::seconds step{15};
    /*! Sent as Prometheus' own `timeout`; the transfer is abandoned a little later. */
    std::chrono::milliseconds timeout = std::chrono::seconds(30);

    bool isRange() const { return start.isValid(); }
};

/*! Where Prometheus is: a URL, or a service reached through the API server's service proxy. */
struct PrometheusEndpoint
{
    QUrl url; //!< direct access (http or https) when valid
    QString namespaceName = u"istio-system"_qs;
    QString service = u"prometheus"_qs;
    QString port = u"9090"_qs;
    QString scheme; //!< "https" for a TLS service port through the proxy
};

class PrometheusClient;

/*!
 * One Prometheus query. Not started when created: connect to finished(), then start().
 * finished() comes exactly once after start(), also after cancel() (Kind::Canceled).
 * A child of its client; deletes itself after finished().
 */
class PrometheusOperation final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrometheusOperation)
public:
    PrometheusOperation(PrometheusClient* client, PrometheusQuery query);
    ~PrometheusOperation() override;

    void start();
    void cancel();
    bool isRunning() const { return m_running; }
    const PrometheusQuery& query() const { return m_query; }

signals:
    void finished(const PrometheusResult& result);

private:
    QList<std::pair<QString, QString>> parameters() const;
    void startDirect();
    void startProxy();
    void onReplyFinished();
    void onProxyFinished(const KubeResult& result);
    void onDeadline();
    void finish(PrometheusResult result);

    PrometheusClient* m_client;
    PrometheusQuery m_query;
    QPointer<QNetworkReply> m_reply;
    QPointer<KubeOperation> m_operation;
    QTimer m_deadline;
    bool m_running = false;
    bool m_done = false;
    bool m_timedOut = false;
    bool m_tooLarge = false; //!< aborted: the answer passed PrometheusClient::maxAnswerBytes
};

/*! The Prometheus HTTP API (/api/v1/query, /api/v1/query_range), asynchronous. */
class PrometheusClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrometheusClient)
public:
    /*!
     * The largest answer read directly (security review M4): the graph's queries return a few
     * series per edge; 64 MiB is far beyond any of them. Through the service proxy,
     * KubeOperation::maxBodyBytes holds.
     */
    static constexpr qint64 maxAnswerBytes = 64 * 1024 * 1024;

    /*! Direct access by endpoint.url with a network manager of its own. */
    explicit PrometheusClient(const QUrl& url, QObject* parent = nullptr);
    /*! Through kube's service proxy (kube is borrowed and must outlive running queries). */
    PrometheusClient(KubeClient* kube, PrometheusEndpoint endpoint = {}, QObject* parent = nullptr);
    ~PrometheusClient() override;

    PrometheusOperation* query(const QString& promql, const QDateTime& time = {},
                               std::chrono::milliseconds timeout = std::chrono::seconds(30));
    PrometheusOperation* queryRange(const QString& promql, const QDateTime& start, const QDateTime& end,
                                    std::chrono::seconds step, std::chrono::milliseconds timeout = std::chrono::seconds(30));
    PrometheusOperation* run(const PrometheusQuery& query);

    const PrometheusEndpoint& endpoint() const { return m_endpoint; }
    /*! Added to the query timeout for the transfer deadline: Prometheus needs time to answer a timeout. */
    std::chrono::milliseconds transferGrace() const { return m_grace; }
    void setTransferGrace(std::chrono::milliseconds grace) { m_grace = grace; }

    // For PrometheusOperation ------------------------------------------------------------
    QNetworkAccessManager* network() const { return m_network; }
    KubeClient* kube() const { return m_kube; }

private:
    PrometheusEndpoint m_endpoint;
    QNetworkAccessManager* m_network = nullptr;
    QPointer<KubeClient> m_kube;
    std::chrono::milliseconds m_grace = std::chrono::seconds(5);
};

/*!
 * Turns an HTTP answer into a result: Prometheus' own error JSON wins over the HTTP status,
 * because Prometheus answers bad queries with 400/422/503 and an explanation.
 */
PrometheusResult prometheusResultFrom(int httpStatus, const QJsonObject& json, const QByteArray& rawBody,
                                      const QString& where);

Q_DECLARE_METATYPE(PrometheusResult)
