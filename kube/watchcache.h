// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "kubestatus.h"
#include "kubewatch.h"
#include "restmapper.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <chrono>
#include <optional>

class ApiDiscovery;
class KubeClient;
struct DiscoveryResult;

/*! A kind independent of version: the cache watches the version the server prefers. */
struct GroupKind
{
    QString group; //!< "" for core
    QString kind;
    /*! "Pod", "WorkloadEntry.networking.istio.io": Istio's and Gateway API's Gateway differ. */
    QString id() const { return group.isEmpty() ? kind : kind + u'.' + group; }
    friend bool operator==(const GroupKind&, const GroupKind&) = default;
};

/*! One change of the cache, as subscribers receive it in a batch. */
struct CacheChange
{
    enum class Type { Added, Modified, Removed };
    Type type = Type::Added;
    GroupKind kind;
    QString key;        //!< "namespace/name", or "name" for cluster-scoped objects
    QJsonObject object; //!< the new object; for Removed the last one known
};

/*!
 * An in-memory mirror of the kinds meshdeck shows, kept current by one KubeWatch per kind.
 * Objects are keyed by namespace/name. Subscribers get changes in batches: everything that
 * happened within the coalescing interval (75 ms) arrives as one changed() call, so a burst of
 * events costs one model update. After a relist, objects that vanished are reported Removed.
 */
class WatchCache final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WatchCache)
public:
    struct Options
    {
        QString namespaceName; //!< empty = all namespaces (cluster-scoped kinds always are)
        std::chrono::milliseconds coalesce = std::chrono::milliseconds(75);
        /*! Drop managedFields and the last-applied annotation: half of a typical object's size. */
        bool stripBookkeeping = true;
        WatchOptions watch;
    };

    WatchCache(KubeClient* client, QList<GroupKind> kinds, Options options, QObject* parent = nullptr);
    WatchCache(KubeClient* client, QList<GroupKind> kinds, QObject* parent = nullptr);
    ~WatchCache() override;

    /*! WorkloadEntry, WorkloadGroup, Service, Pod, VirtualService, DestinationRule, ServiceEntry, Gateway, Namespace. */
    static QList<GroupKind> meshdeckKinds();
    static QString keyOf(const QJsonObject& object);

    /*! Discovery, then list + watch of every served kind. */
    void start();
    void stop();

    bool isSynced() const { return m_synced; }
    QList<GroupKind> kinds() const;
    /*! The apiVersion watched for kind, empty when the server does not serve it. */
    QString servedApiVersion(const GroupKind& kind) const;
    QList<QJsonObject> objects(const GroupKind& kind) const;
    std::optional<QJsonObject> object(const GroupKind& kind, const QString& key) const;
    qsizetype count(const GroupKind& kind) const;

signals:
    void changed(const QList<CacheChange>& batch);
    /*! Every served kind has been listed once (the batch with its objects came first). */
    void synced();
    /*! The server does not serve kind (e.g. Istio's CRDs are not installed): it is left out. */
    void kindUnavailable(const GroupKind& kind, const QString& message);
    void errorOccurred(const GroupKind& kind, const KubeError& error);

private:
    struct KindState
    {
        GroupKind kind;
        QString apiVersion;
        QPointer<KubeWatch> watch;
        QHash<QString, QJsonObject> objects;
        bool listed = false;
    };

    void onDiscovered(const DiscoveryResult& result);
    void onRelisted(int index, const QList<QJsonObject>& items);
    void onEvent(int index, const WatchEvent& event);
    void record(CacheChange::Type type, int index, const QString& key, const QJsonObject& object);
    QJsonObject prepared(QJsonObject object) const;
    void checkSynced();
    void flush();

    KubeClient* m_client;
    Options m_options;
    QList<KindState> m_kinds;
    QPointer<ApiDiscovery> m_discovery;
    QList<CacheChange> m_pending;
    QHash<QString, qsizetype> m_pendingIndex; //!< "kind id|key" -> index in m_pending
    QList<bool> m_pendingKnown;               //!< subscribers had the object before this batch
    QTimer m_flush;
    QTimer m_retry; //!< discovery failed: start again
    bool m_synced = false;
    bool m_running = false;
};
