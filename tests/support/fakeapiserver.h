// SPDX-License-Identifier: Apache-2.0
#pragma once

// A scripted HTTP/1.1 server on 127.0.0.1 for the client's unit tests: what the client sends
// (paths, query, headers, bodies) and how it reacts to answers a real apiserver gives rarely
// (429 with Retry-After, 503, 401 after token rotation, 410 mid-list, a watch stream cut in
// the middle of an event). The lab tests check the same client against the real apiserver.

#include "kubetestutil.h"

#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>
#include <QUrlQuery>

#include <functional>

struct FakeRequest
{
    QByteArray method;
    QString path;
    QUrlQuery query;
    QHash<QByteArray, QByteArray> headers; //!< lower-case names
    QByteArray body;
    QString param(const QString& name) const { return query.queryItemValue(name, QUrl::FullyDecoded); }
};

/*! One accepted connection; the handler answers through it (at once or later). */
class FakeExchange
{
public:
    explicit FakeExchange(QTcpSocket* socket = nullptr)
        : m_socket(socket)
    {
    }

    void respond(int status, const QByteArray& body, const QList<std::pair<QByteArray, QByteArray>>& headers = {},
                 const QByteArray& contentType = "application/json")
    {
        if (!m_socket)
            return;
        QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: " + contentType
            + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n";
        for (const auto& [name, value] : headers)
            head += name + ": " + value + "\r\n";
        m_socket->write(head + "\r\n" + body);
        m_socket->disconnectFromHost();
    }
    void respondJson(int status, const QJsonObject& body, const QList<std::pair<QByteArray, QByteArray>>& headers = {})
    {
        respond(status, QJsonDocument(body).toJson(QJsonDocument::Compact), headers);
    }
    /*! Starts a chunked 200 response; send() chunks, then end() or drop(). */
    void startStream()
    {
        if (m_socket)
            m_socket->write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                            "Connection: close\r\n\r\n");
    }
    void send(const QByteArray& data)
    {
        if (m_socket && !data.isEmpty())
            m_socket->write(QByteArray::number(data.size(), 16) + "\r\n" + data + "\r\n");
    }
    void end()
    {
        if (m_socket) {
            m_socket->write("0\r\n\r\n");
            m_socket->disconnectFromHost();
        }
    }
    /*! The connection breaks (apiserver restart): no terminating chunk. */
    void drop()
    {
        if (m_socket)
            m_socket->abort();
    }
    bool isOpen() const { return m_socket && m_socket->state() == QAbstractSocket::ConnectedState; }

private:
    QPointer<QTcpSocket> m_socket;
};

class FakeApiServer : public QObject
{
public:
    using Handler = std::function<void(const FakeRequest&, FakeExchange&)>;

    explicit FakeApiServer(const QHostAddress& address = QHostAddress(QHostAddress::LocalHost))
    {
        m_server.listen(address, 0);
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket* socket = m_server.nextPendingConnection())
                accept(socket);
        });
    }
    QUrl url() const
    {
        return QUrl(u"http://"_qs + m_server.serverAddress().toString() + u':' + QString::number(m_server.serverPort()));
    }
    quint16 port() const { return m_server.serverPort(); }
    void setHandler(Handler handler) { m_handler = std::move(handler); }

    QList<FakeRequest> requests;
    QList<FakeExchange> exchanges; //!< every connection, for tests that answer later

private:
    void accept(QTcpSocket* socket)
    {
        socket->setParent(this);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            FakeRequest request;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            request.method = first.value(0);
            const QUrl target(QString::fromLatin1(first.value(1)));
            request.path = target.path(QUrl::FullyEncoded);
            request.query = QUrlQuery(target.query(QUrl::FullyEncoded));
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines[i].indexOf(':');
                if (colon > 0)
                    request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
            }
            const qsizetype length = request.headers.value("content-length").toLongLong();
            if (buffer->size() < end + 4 + length)
                return;
            request.body = buffer->mid(end + 4, length);
            buffer->clear();
            socket->disconnect(this);
            requests.append(request);
            exchanges.append(FakeExchange(socket));
            FakeExchange exchange(socket);
            if (m_handler)
                m_handler(request, exchange);
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

    QTcpServer m_server;
    Handler m_handler;
};

/*! A Kubernetes Status body. */
inline QJsonObject fakeStatus(int code, const QString& reason, const QString& message)
{
    return {{u"kind"_qs, u"Status"_qs}, {u"apiVersion"_qs, u"v1"_qs}, {u"status"_qs, u"Failure"_qs},
            {u"code"_qs, code}, {u"reason"_qs, reason}, {u"message"_qs, message}};
}

/*!
 * Answers /api and /apis with the aggregated discovery documents recorded from the lab (or the
 * legacy ones when legacy is set, or the client did not ask for aggregated); false for other paths.
 */
inline bool fakeDiscovery(const FakeRequest& request, FakeExchange& exchange, bool legacy = false)
{
    const bool aggregated = !legacy && request.headers.value("accept").contains("as=APIGroupDiscoveryList");
    const QByteArray type = aggregated ? "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList"
                                       : "application/json";
    QString file;
    if (request.path == u"/api")
        file = aggregated ? u"aggregated-api.json"_qs : u"legacy-api.json"_qs;
    else if (request.path == u"/apis")
        file = aggregated ? u"aggregated-apis.json"_qs : u"legacy-apis.json"_qs;
    else if (request.path.startsWith(u"/api/v1") && request.path.count(u'/') == 2)
        file = u"legacy-api-v1.json"_qs;
    else if (request.path.startsWith(u"/apis/") && request.path.count(u'/') == 3)
        file = u"legacy-"_qs + request.path.mid(6).replace(u'/', u'_') + u".json"_qs;
    if (file.isEmpty())
        return false;
    const QByteArray body = KubeTest::fixture(u"discovery/"_qs + file);
    if (body.isEmpty())
        exchange.respondJson(404, fakeStatus(404, u"NotFound"_qs, u"the server could not find the requested resource"_qs));
    else
        exchange.respond(200, body, {}, type);
    return true;
}
