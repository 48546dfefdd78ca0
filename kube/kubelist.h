// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "kubestatus.h"
#include "objectref.h"

#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

class KubeClient;
class KubeOperation;
struct KubeResult;

struct ListOptions
{
    QString labelSelector;
    QString fieldSelector;
    int limit = 500;         //!< page size, client-go's pager default; 0 = everything in one answer
    QString resourceVersion; //!< empty = the most recent state (a quorum read)
};

struct KubeListResult
{
    QList<QJsonObject> items; //!< complete objects, apiVersion and kind filled in
    QString resourceVersion;  //!< of the list: where a watch continues
    int pages = 0;
    int restarts = 0;         //!< times an expired continue token made it start over
    QStringList warnings;
    KubeError error;
    bool ok() const { return !error.isError(); }
};

/*!
 * A paginated list (limit/continue). All pages are one consistent snapshot; when the continue
 * token expires (410 Expired, after ~5 minutes) it lists again from the start, and after a
 * second expiry without pagination, as client-go's pager does.
 */
class KubeListOperation final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KubeListOperation)
public:
    KubeListOperation(KubeClient* client, ObjectRef collection, ListOptions options);

    void start();
    void cancel();

signals:
    void progress(qint64 items, qint64 total); //!< total -1 until the server says remainingItemCount
    void finished(const KubeListResult& result);

private:
    void requestPage();
    void onPage(const KubeResult& page);
    void finish();

    KubeClient* m_client;
    ObjectRef m_collection;
    ListOptions m_options;
    KubeListResult m_result;
    QString m_continue;
    QPointer<KubeOperation> m_page;
    bool m_running = false;
};
