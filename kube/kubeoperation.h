// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "kubestatus.h"
#include "objectref.h"
#include "restconfig.h"
#include "restmapper.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

class KubeClient;
class QNetworkAccessManager;
class QNetworkReply;

/*! One HTTP request to the API server, before credentials, rate limiting and retries. */
struct KubeRequest
{
    QByteArray method = "GET";
    QString verb = u"get"_qs; //!< the API verb, for messages: get, list, watch, create, apply, delete, ...
    /*!
     * What the request is about. With path empty, the client maps apiVersion/kind to the REST
     * path (running discovery if needed) and appends subresource; with path set, it only names
     * the object in error messages.
     */
    ObjectRef target;
    QString subresource;
    bool onCollection = false; //!< POST (create) goes to the collection: the path omits target.name
    QString path; //!< absolute API path ("/version", "/api/v1/..."), already percent-encoded
    QList<std::pair<QString, QString>> query; //!< unencoded; encoded once when the URL is built
    QByteArray body;
    QByteArray contentType = "application/json";
    QByteArray accept = "application/json";
    bool idempotent = true;  //!< may be re-sent after a 5xx or a dropped connection
    bool rateLimited = true; //!< takes a token from the client's bucket (discovery does not)
    /*! Streaming (watch): 200 bodies arrive through dataReceived() instead of the result. */
    bool streaming = false;
    std::chrono::milliseconds timeout{0}; //!< transfer timeout; 0 = the client's default
};

/*! The outcome of a KubeOperation. */
struct KubeResult
{
    int httpStatus = 0;      //!< 0 when no HTTP response arrived
    QJsonObject json;        //!< the body when it is a JSON object
    QByteArray body;         //!< the raw body, kept only when it is not a JSON object
    QByteArray contentType;
    QStringList warnings;    //!< Warning headers, e.g. "unknown field \"spec.foo\"" (fieldValidation=Warn)
    KubeError error;         //!< kind None on success
    int attempts = 0;        //!< HTTP requests sent, retries included

    bool ok() const { return !error.isError(); }
};

/*!
 * One API call: resolves the REST path, obtains credentials, waits for the rate limiter,
 * sends, retries (429 and 5xx with Retry-After, a 401 once with refreshed credentials) and
 * reports finished() exactly once after start(), also after cancel(). A child of its
 * KubeClient; deletes itself after finished() unless setAutoDelete(false).
 */
class KubeOperation final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KubeOperation)
public:
    /*! The largest answer kept (not for watches, which stream): beyond it the call fails. */
    static constexpr qsizetype maxBodyBytes = 256 * 1024 * 1024;

    KubeOperation(KubeClient* client, KubeRequest request);
    ~KubeOperation() override;

    void start();
    void cancel();

    const KubeRequest& request() const { return m_request; }
    bool isRunning() const { return m_running; }
    void setAutoDelete(bool autoDelete) { m_autoDelete = autoDelete; }

signals:
    void progress(qint64 done, qint64 total); //!< bytes; total -1 when unknown
    void responseStarted(int httpStatus);     //!< headers arrived (a watch is connected on 200)
    void dataReceived(const QByteArray& chunk); //!< streaming requests only, 2xx bodies
    void finished(const KubeResult& result);

private:
    void resolve();
    void authenticate(bool refresh);
    void throttle();
    void send();
    void onMetaDataChanged();
    void onReadyRead();
    void onReplyFinished(QNetworkReply* reply);
    void releaseStreamNetwork();
    void complete(QNetworkReply& reply);
    bool scheduleRetry(const KubeResult& result, const QNetworkReply& reply);
    void finish(KubeResult result);
    KubeResult resultFrom(QNetworkReply& reply);

    KubeClient* m_client;
    KubeRequest m_request;
    QString m_path;
    ObjectRef m_target;        //!< the request's target with the namespace filled in
    Credentials m_credentials;
    QPointer<QNetworkReply> m_reply;
    QNetworkAccessManager* m_streamNetwork = nullptr; //!< borrowed from the client while streaming
    QTimer m_delay;
    QByteArray m_body;
    QList<QSslError> m_sslErrors;
    int m_attempts = 0;
    int m_retries = 0;
    quint64 m_mapperGeneration = 0;
    bool m_running = false;
    bool m_done = false;
    bool m_refreshed = false;
    bool m_canceled = false;
    bool m_headersSeen = false;
    bool m_autoDelete = true;
};
