// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "backoff.h"
#include "kubestatus.h"
#include "objectref.h"
#include "watchevent.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>

class KubeClient;
class KubeListOperation;
class KubeOperation;
struct KubeListResult;
struct KubeResult;

struct WatchOptions
{
    /*! Watch from here without listing first; empty = list, then watch from the list's version. */
    QString resourceVersion;
    QString labelSelector;
    QString fieldSelector;
    int listPageSize = 500;
    std::chrono::milliseconds backoffInitial = std::chrono::milliseconds(500);
    std::chrono::milliseconds backoffCap = std::chrono::seconds(30);
    /*! The server ends each watch after timeoutSeconds, random in [min, max] as client-go's reflector. */
    std::chrono::seconds serverTimeoutMin = std::chrono::minutes(5);
    std::chrono::seconds serverTimeoutMax = std::chrono::minutes(10);
};

/*!
 * List + watch of one collection that does not lose events: it watches with bookmarks from the
 * last resourceVersion it saw, resumes from it after a disconnect (exponential backoff, capped,
 * reset after a good connection), and when the server says that version is gone (410, as HTTP
 * status or as an ERROR event) lists again and reports the fresh snapshot with relisted().
 * Runs until cancel(); a child of its KubeClient (delete it when done).
 */
class KubeWatch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KubeWatch)
public:
    KubeWatch(KubeClient* client, ObjectRef collection, WatchOptions options);
    ~KubeWatch() override;

    void start();
    void cancel();

    const ObjectRef& collection() const { return m_collection; }
    QString resourceVersion() const { return m_resourceVersion; }
    bool isRunning() const { return m_running; }
    bool isConnected() const { return m_connected; }
    int listCount() const { return m_lists; } //!< the initial list and every relist

signals:
    /*! The complete current set: after the initial list and after every relist. */
    void relisted(const QList<QJsonObject>& items, const QString& resourceVersion);
    /*! ADDED, MODIFIED, DELETED (bookmarks only move resourceVersion()). */
    void eventReceived(const WatchEvent& event);
    void connectedChanged(bool connected);
    /*! A failure it recovers from by itself, trying again after retryIn. */
    void errorOccurred(const KubeError& error, std::chrono::milliseconds retryIn);
    void progress(qint64 done, qint64 total); //!< of a running list
    /*! Only after cancel(). */
    void finished(const KubeResult& result);

private:
    void list();
    void onListed(const KubeListResult& result);
    void connectStream();
    void onStreamStarted(int httpStatus);
    void onData(const QByteArray& chunk);
    bool handleLine(const QByteArray& line);
    void onStreamFinished(const KubeResult& result);
    void dropStream();
    void retryLater(const KubeError& error, bool relist);
    void setConnected(bool connected);

    KubeClient* m_client;
    ObjectRef m_collection;
    WatchOptions m_options;
    QString m_resourceVersion;
    WatchStreamSplitter m_splitter;
    QPointer<KubeOperation> m_stream;
    QPointer<KubeListOperation> m_list;
    QTimer m_retry;
    Backoff m_backoff;
    QElapsedTimer m_connectedFor;
    int m_lists = 0;
    bool m_running = false;
    bool m_connected = false;
};
