// SPDX-License-Identifier: Apache-2.0
#include "watchcache.h"

#include "apidiscovery.h"
#include "kubeclient.h"

WatchCache::WatchCache(KubeClient* client, QList<GroupKind> kinds, Options options, QObject* parent)
    : QObject(parent)
    , m_client(client)
    , m_options(std::move(options))
{
    for (const GroupKind& kind : kinds)
        m_kinds.append(KindState{kind, {}, {}, {}, false});
    m_flush.setSingleShot(true);
    connect(&m_flush, &QTimer::timeout, this, &WatchCache::flush);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, &WatchCache::start);
}

WatchCache::WatchCache(KubeClient* client, QList<GroupKind> kinds, QObject* parent)
    : WatchCache(client, std::move(kinds), Options{}, parent)
{
}

WatchCache::~WatchCache()
{
    stop();
}

QList<GroupKind> WatchCache::meshdeckKinds()
{
    const QString istio = u"networking.istio.io"_qs;
    return {{istio, u"WorkloadEntry"_qs},  {istio, u"WorkloadGroup"_qs},   {{}, u"Service"_qs},
            {{}, u"Pod"_qs},               {istio, u"VirtualService"_qs},  {istio, u"DestinationRule"_qs},
            {istio, u"ServiceEntry"_qs},   {istio, u"Gateway"_qs},         {{}, u"Namespace"_qs}};
}

QString WatchCache::keyOf(const QJsonObject& object)
{
    const QJsonObject metadata = object.value(u"metadata").toObject();
    const QString name = metadata.value(u"name").toString();
    const QString namespaceName = metadata.value(u"namespace").toString();
    return namespaceName.isEmpty() ? name : namespaceName + u'/' + name;
}

void WatchCache::start()
{
    if (m_running)
        return;
    m_running = true;
    m_discovery = m_client->discover();
    connect(m_discovery, &ApiDiscovery::finished, this, &WatchCache::onDiscovered);
    m_discovery->start();
}

void WatchCache::stop()
{
    m_running = false;
    m_retry.stop();
    if (m_discovery) {
        m_discovery->disconnect(this);
        m_discovery->cancel();
    }
    for (KindState& state : m_kinds) {
        if (state.watch) {
            state.watch->disconnect(this);
            state.watch->cancel();
            state.watch->deleteLater();
        }
    }
}

void WatchCache::onDiscovered(const DiscoveryResult& result)
{
    if (!result.ok()) {
        // Without discovery nothing can be watched; report it on every kind and try again.
        for (const KindState& state : m_kinds)
            emit errorOccurred(state.kind, result.error);
        m_running = false;
        m_retry.start(m_options.watch.backoffCap);
        return;
    }
    for (int index = 0; index < m_kinds.size(); ++index) {
        KindState& state = m_kinds[index];
        const auto resource = result.mapper.findPreferred(state.kind.group, state.kind.kind);
        if (!resource || !resource->verbs.contains(u"watch"_qs)) {
            state.listed = true; // nothing to wait for
            emit kindUnavailable(state.kind, u"the server does not serve "_qs + state.kind.id()
                                                 + u" (are its CustomResourceDefinitions installed?)"_qs);
            continue;
        }
        state.apiVersion = resource->apiVersion();
        const ObjectRef collection{state.apiVersion, state.kind.kind,
                                   resource->namespaced ? m_options.namespaceName : QString(), {}};
        state.watch = m_client->watch(collection, m_options.watch);
        connect(state.watch, &KubeWatch::relisted, this,
                [this, index](const QList<QJsonObject>& items) { onRelisted(index, items); });
        connect(state.watch, &KubeWatch::eventReceived, this,
                [this, index](const WatchEvent& event) { onEvent(index, event); });
        connect(state.watch, &KubeWatch::errorOccurred, this,
                [this, index](const KubeError& error) { emit errorOccurred(m_kinds[index].kind, error); });
        state.watch->start();
    }
    checkSynced();
}

QJsonObject WatchCache::prepared(QJsonObject object) const
{
    if (!m_options.stripBookkeeping)
        return object;
    QJsonObject metadata = object.value(u"metadata").toObject();
    metadata.remove(u"managedFields");
    QJsonObject annotations = metadata.value(u"annotations").toObject();
    if (annotations.contains(u"kubectl.kubernetes.io/last-applied-configuration")) {
        annotations.remove(u"kubectl.kubernetes.io/last-applied-configuration");
        if (annotations.isEmpty())
            metadata.remove(u"annotations");
        else
            metadata.insert(u"annotations", annotations);
    }
    object.insert(u"metadata", metadata);
    return object;
}

void WatchCache::onRelisted(int index, const QList<QJsonObject>& items)
{
    KindState& state = m_kinds[index];
    QHash<QString, QJsonObject> fresh;
    fresh.reserve(items.size());
    for (const QJsonObject& item : items)
        fresh.insert(keyOf(item), prepared(item));
    for (auto it = state.objects.cbegin(); it != state.objects.cend(); ++it) {
        if (!fresh.contains(it.key()))
            record(CacheChange::Type::Removed, index, it.key(), it.value());
    }
    for (auto it = fresh.cbegin(); it != fresh.cend(); ++it) {
        const auto old = state.objects.constFind(it.key());
        if (old == state.objects.cend())
            record(CacheChange::Type::Added, index, it.key(), it.value());
        else if (*old != it.value())
            record(CacheChange::Type::Modified, index, it.key(), it.value());
    }
    state.objects = std::move(fresh);
    state.listed = true;
    checkSynced();
}

void WatchCache::onEvent(int index, const WatchEvent& event)
{
    KindState& state = m_kinds[index];
    const QJsonObject object = prepared(event.object);
    const QString key = keyOf(object);
    if (event.type == WatchEvent::Type::Deleted) {
        if (state.objects.remove(key))
            record(CacheChange::Type::Removed, index, key, object);
        return;
    }
    const bool known = state.objects.contains(key);
    state.objects.insert(key, object);
    record(known ? CacheChange::Type::Modified : CacheChange::Type::Added, index, key, object);
}

void WatchCache::record(CacheChange::Type type, int index, const QString& key, const QJsonObject& object)
{
    using T = CacheChange::Type;
    const QString id = m_kinds[index].kind.id() + u'|' + key;
    const auto found = m_pendingIndex.constFind(id);
    if (found == m_pendingIndex.cend()) {
        m_pendingIndex.insert(id, m_pending.size());
        m_pending.append({type, m_kinds[index].kind, key, object});
        m_pendingKnown.append(type != T::Added); // did subscribers have it before this batch?
    } else {
        // Fold into the change already waiting: subscribers see the net effect. An object
        // added and removed within one batch stays Removed-but-unknown and is not sent.
        CacheChange& change = m_pending[*found];
        const bool known = m_pendingKnown[*found];
        if (type == T::Removed)
            change.type = T::Removed;
        else
            change.type = known ? T::Modified : T::Added;
        change.object = object;
    }
    if (!m_flush.isActive())
        m_flush.start(m_options.coalesce);
}

void WatchCache::checkSynced()
{
    if (m_synced)
        return;
    for (const KindState& state : m_kinds) {
        if (!state.listed)
            return;
    }
    m_synced = true;
    flush();
    emit synced();
}

void WatchCache::flush()
{
    m_flush.stop();
    QList<CacheChange> batch;
    batch.reserve(m_pending.size());
    for (qsizetype i = 0; i < m_pending.size(); ++i) {
        if (m_pendingKnown[i] || m_pending[i].type != CacheChange::Type::Removed)
            batch.append(std::move(m_pending[i]));
    }
    m_pending.clear();
    m_pendingIndex.clear();
    m_pendingKnown.clear();
    if (!batch.isEmpty())
        emit changed(batch);
}

QList<GroupKind> WatchCache::kinds() const
{
    QList<GroupKind> result;
    for (const KindState& state : m_kinds)
        result.append(state.kind);
    return result;
}

QString WatchCache::servedApiVersion(const GroupKind& kind) const
{
    for (const KindState& state : m_kinds) {
        if (state.kind == kind)
            return state.apiVersion;
    }
    return {};
}

QList<QJsonObject> WatchCache::objects(const GroupKind& kind) const
{
    for (const KindState& state : m_kinds) {
        if (state.kind == kind)
            return state.objects.values();
    }
    return {};
}

std::optional<QJsonObject> WatchCache::object(const GroupKind& kind, const QString& key) const
{
    for (const KindState& state : m_kinds) {
        if (state.kind == kind && state.objects.contains(key))
            return state.objects.value(key);
    }
    return std::nullopt;
}

qsizetype WatchCache::count(const GroupKind& kind) const
{
    for (const KindState& state : m_kinds) {
        if (state.kind == kind)
            return state.objects.size();
    }
    return 0;
}
