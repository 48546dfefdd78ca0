// SPDX-License-Identifier: Apache-2.0
#include "kubewatch.h"

#include "kubeclient.h"
#include "kubelist.h"

#include <QJsonDocument>
#include <QRandomGenerator>

using namespace std::chrono_literals;

KubeWatch::KubeWatch(KubeClient* client, ObjectRef collection, WatchOptions options)
    : QObject(client)
    , m_client(client)
    , m_collection(std::move(collection))
    , m_options(std::move(options))
    , m_backoff(m_options.backoffInitial, m_options.backoffCap)
{
    m_collection.name.clear();
    m_retry.setSingleShot(true);
}

KubeWatch::~KubeWatch()
{
    m_running = false;
    m_connected = false; // no signals from the destructor
    if (m_stream)
        m_stream->disconnect(this);
    if (m_list)
        m_list->disconnect(this);
    dropStream();
    if (m_list)
        m_list->cancel();
}

void KubeWatch::start()
{
    if (m_running)
        return;
    m_running = true;
    m_resourceVersion = m_options.resourceVersion;
    if (m_resourceVersion.isEmpty())
        list();
    else
        connectStream();
}

void KubeWatch::cancel()
{
    if (!m_running)
        return;
    m_running = false;
    m_retry.stop();
    dropStream();
    if (m_list) {
        m_list->disconnect(this);
        m_list->cancel();
    }
    setConnected(false);
    KubeResult result;
    result.error.kind = KubeError::Kind::Canceled;
    result.error.message = u"the watch was canceled"_qs;
    emit finished(result);
}

void KubeWatch::list()
{
    ListOptions options;
    options.labelSelector = m_options.labelSelector;
    options.fieldSelector = m_options.fieldSelector;
    options.limit = m_options.listPageSize;
    m_list = m_client->list(m_collection, options);
    connect(m_list, &KubeListOperation::progress, this, &KubeWatch::progress);
    connect(m_list, &KubeListOperation::finished, this, &KubeWatch::onListed);
    m_list->start();
}

void KubeWatch::onListed(const KubeListResult& result)
{
    m_list = nullptr;
    if (!result.ok()) {
        retryLater(result.error, true);
        return;
    }
    ++m_lists;
    m_resourceVersion = result.resourceVersion;
    emit relisted(result.items, m_resourceVersion);
    if (m_running)
        connectStream();
}

void KubeWatch::connectStream()
{
    dropStream();
    m_splitter.reset();
    const qint64 timeout = QRandomGenerator::global()->bounded(
        qint64(m_options.serverTimeoutMin.count()),
        qint64(std::max(m_options.serverTimeoutMax, m_options.serverTimeoutMin).count()) + 1);
    KubeRequest request;
    request.verb = u"watch"_qs;
    request.target = m_collection;
    request.streaming = true;
    request.query = {{u"watch"_qs, u"1"_qs},
                     {u"allowWatchBookmarks"_qs, u"true"_qs},
                     {u"resourceVersion"_qs, m_resourceVersion},
                     {u"timeoutSeconds"_qs, QString::number(timeout)}};
    if (!m_options.labelSelector.isEmpty())
        request.query.append({u"labelSelector"_qs, m_options.labelSelector});
    if (!m_options.fieldSelector.isEmpty())
        request.query.append({u"fieldSelector"_qs, m_options.fieldSelector});
    // Transfer timeout = silence: the server ends the watch itself at timeoutSeconds.
    request.timeout = std::chrono::seconds(timeout) + 30s;
    m_stream = m_client->request(request);
    connect(m_stream, &KubeOperation::responseStarted, this, &KubeWatch::onStreamStarted);
    connect(m_stream, &KubeOperation::dataReceived, this, &KubeWatch::onData);
    connect(m_stream, &KubeOperation::finished, this, &KubeWatch::onStreamFinished);
    m_stream->start();
}

void KubeWatch::onStreamStarted(int httpStatus)
{
    if (httpStatus != 200)
        return;
    m_connectedFor.start();
    setConnected(true);
}

void KubeWatch::onData(const QByteArray& chunk)
{
    KubeOperation* stream = m_stream;
    for (const QByteArray& line : m_splitter.feed(chunk)) {
        if (!handleLine(line) || m_stream != stream)
            return; // the stream was dropped: the rest of the chunk belongs to it
    }
    if (m_splitter.overflowed()) {
        dropStream();
        KubeError error;
        error.kind = KubeError::Kind::BadResponse;
        error.message = u"the watch of "_qs + m_collection.displayName() + u" sent more than "_qs
            + QString::number(WatchStreamSplitter::maxLineBytes / (1024 * 1024))
            + u" MiB without ending an event; it was dropped and is started again"_qs;
        retryLater(error, true);
    }
}

bool KubeWatch::handleLine(const QByteArray& line)
{
    QString parseError;
    const std::optional<WatchEvent> event = WatchEvent::parse(line, &parseError);
    if (!event) {
        dropStream();
        KubeError error;
        error.kind = KubeError::Kind::BadResponse;
        error.message = u"the watch of "_qs + m_collection.displayName() + u" sent an unreadable event: "_qs
            + parseError;
        retryLater(error, false);
        return false;
    }
    if (event->type == WatchEvent::Type::Error) {
        dropStream();
        const KubeError error = errorFromResponse(event->errorCode(), QJsonDocument(event->object).toJson(),
                                                  u"watch"_qs, m_collection);
        // 410: the version we resume from was compacted away; only a fresh list is correct.
        retryLater(error, event->errorCode() == 410);
        return false;
    }
    const QString version = event->resourceVersion();
    if (!version.isEmpty())
        m_resourceVersion = version;
    m_backoff.reset();
    if (event->type != WatchEvent::Type::Bookmark)
        emit eventReceived(*event);
    return m_running;
}

void KubeWatch::onStreamFinished(const KubeResult& result)
{
    m_stream = nullptr;
    setConnected(false);
    if (!m_running)
        return;
    if (result.ok() && m_connectedFor.isValid() && m_connectedFor.elapsed() >= 1000) {
        connectStream(); // the server's timeoutSeconds: carry on where we were
        return;
    }
    if (result.ok()) {
        KubeError error;
        error.kind = KubeError::Kind::BadResponse;
        error.message = u"the server ended the watch of "_qs + m_collection.displayName() + u" at once"_qs;
        retryLater(error, false);
        return;
    }
    retryLater(result.error, result.error.kind == KubeError::Kind::Expired);
}

void KubeWatch::dropStream()
{
    if (!m_stream)
        return;
    KubeOperation* stream = m_stream;
    m_stream = nullptr;
    stream->disconnect(this);
    stream->cancel();
    setConnected(false);
}

void KubeWatch::retryLater(const KubeError& error, bool relist)
{
    if (!m_running)
        return;
    if (m_connectedFor.isValid() && m_connectedFor.elapsed() > 10000)
        m_backoff.reset(); // it worked for a while: this is a new outage
    m_connectedFor.invalidate();
    // A 410 relists at once (client-go does too); anything else waits.
    const auto delay = relist && error.kind == KubeError::Kind::Expired ? 0ms : m_backoff.next();
    emit errorOccurred(error, delay);
    m_retry.disconnect(this);
    if (relist)
        connect(&m_retry, &QTimer::timeout, this, &KubeWatch::list);
    else
        connect(&m_retry, &QTimer::timeout, this, &KubeWatch::connectStream);
    m_retry.start(delay);
}

void KubeWatch::setConnected(bool connected)
{
    if (m_connected == connected)
        return;
    m_connected = connected;
    emit connectedChanged(connected);
}
