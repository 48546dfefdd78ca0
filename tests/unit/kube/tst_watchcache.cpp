// SPDX-License-Identifier: Apache-2.0
// WatchCache against a scripted server: one list + watch per served kind, kinds the server
// lacks reported and skipped, bursts of events delivered as one coalesced batch with their net
// effect, and objects that vanished during a 410 relist reported as removed.

#include "fakeapiserver.h"
#include "kubeclient.h"
#include "watchcache.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;

Q_DECLARE_METATYPE(GroupKind)

class TestWatchCache final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void syncsServedKindsAndSkipsOthers();
    void coalescesBurstIntoOneBatch();
    void netEffectWithinBatch();
    void relistReportsVanishedObjects();
    void stripsBookkeeping();

private:
    WatchCache* startCache();
    static QByteArray event(const QString& type, const QString& name, const QString& version, const QJsonObject& spec = {});

    std::unique_ptr<FakeApiServer> m_server;
    std::unique_ptr<KubeClient> m_client;
    QHash<QString, FakeExchange> m_streams; //!< by path
    QHash<QString, QJsonArray> m_items;     //!< list answers by path
};

static const GroupKind entries{u"networking.istio.io"_qs, u"WorkloadEntry"_qs};
static const GroupKind services{{}, u"Service"_qs};
static const GroupKind routes{u"gateway.networking.k8s.io"_qs, u"HTTPRoute"_qs};
static const QString entriesPath = u"/apis/networking.istio.io/v1/workloadentries"_qs;
static const QString servicesPath = u"/api/v1/services"_qs;

QByteArray TestWatchCache::event(const QString& type, const QString& name, const QString& version, const QJsonObject& spec)
{
    const QJsonObject object{{u"apiVersion"_qs, u"networking.istio.io/v1"_qs}, {u"kind"_qs, u"WorkloadEntry"_qs},
                             {u"metadata"_qs, QJsonObject{{u"name"_qs, name}, {u"namespace"_qs, u"ns"_qs},
                                                         {u"resourceVersion"_qs, version}}},
                             {u"spec"_qs, spec}};
    return QJsonDocument(QJsonObject{{u"type"_qs, type}, {u"object"_qs, object}}).toJson(QJsonDocument::Compact) + '\n';
}

static QJsonObject item(const QString& name, const QString& version)
{
    return {{u"metadata"_qs, QJsonObject{{u"name"_qs, name}, {u"namespace"_qs, u"ns"_qs}, {u"resourceVersion"_qs, version}}},
            {u"spec"_qs, QJsonObject{}}};
}

void TestWatchCache::init()
{
    m_server = std::make_unique<FakeApiServer>();
    m_streams.clear();
    m_items = {{entriesPath, QJsonArray{item(u"vm-1"_qs, u"5"_qs), item(u"vm-2"_qs, u"6"_qs)}},
               {servicesPath, QJsonArray{item(u"envoydummy"_qs, u"7"_qs)}}};
    m_server->setHandler([this](const FakeRequest& r, FakeExchange& x) {
        if (fakeDiscovery(r, x))
            return;
        if (r.param(u"watch"_qs) == u"1") {
            x.startStream();
            m_streams.insert(r.path, x);
            return;
        }
        const QString kind = r.path == entriesPath ? u"WorkloadEntryList"_qs : u"ServiceList"_qs;
        x.respondJson(200, {{u"kind"_qs, kind}, {u"apiVersion"_qs, r.path == entriesPath ? u"networking.istio.io/v1"_qs : u"v1"_qs},
                            {u"metadata"_qs, QJsonObject{{u"resourceVersion"_qs, u"10"_qs}}},
                            {u"items"_qs, m_items.value(r.path)}});
    });
    RestConfig config;
    config.server = m_server->url();
    config.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
    KubeClientOptions options;
    options.qps = 0;
    m_client = std::make_unique<KubeClient>(config, options);
}

void TestWatchCache::cleanup()
{
    m_client.reset();
    m_server.reset();
}

WatchCache* TestWatchCache::startCache()
{
    WatchCache::Options options;
    options.watch.backoffInitial = 20ms;
    auto* cache = new WatchCache(m_client.get(), {entries, services, routes}, options, m_client.get());
    cache->start();
    return cache;
}

void TestWatchCache::syncsServedKindsAndSkipsOthers()
{
    WatchCache* cache = startCache();
    QSignalSpy synced(cache, &WatchCache::synced);
    QSignalSpy unavailable(cache, &WatchCache::kindUnavailable);
    QSignalSpy changed(cache, &WatchCache::changed);
    QVERIFY(synced.wait());
    QCOMPARE(unavailable.size(), 1);
    QCOMPARE(unavailable.first().first().value<GroupKind>(), routes);
    QVERIFY(cache->isSynced());
    QCOMPARE(cache->servedApiVersion(entries), u"networking.istio.io/v1");
    QCOMPARE(cache->servedApiVersion(routes), QString());
    QCOMPARE(cache->count(entries), 2);
    QCOMPARE(cache->count(services), 1);
    QVERIFY(cache->object(services, u"ns/envoydummy"_qs));
    // The initial contents arrived as one batch, before synced().
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().first().value<QList<CacheChange>>().size(), 3);
    QTRY_COMPARE(m_streams.size(), 2);
}

void TestWatchCache::coalescesBurstIntoOneBatch()
{
    WatchCache* cache = startCache();
    QSignalSpy synced(cache, &WatchCache::synced);
    QVERIFY(synced.wait());
    QTRY_VERIFY(m_streams.contains(entriesPath) && m_streams.contains(servicesPath));
    QSignalSpy changed(cache, &WatchCache::changed);
    QByteArray burst;
    for (int i = 0; i < 200; ++i)
        burst += event(u"ADDED"_qs, u"burst-"_qs + QString::number(i), QString::number(100 + i));
    // Sent in pieces that cut events in half: still one batch.
    for (qsizetype at = 0; at < burst.size(); at += 1000)
        m_streams[entriesPath].send(burst.mid(at, 1000));
    QTRY_COMPARE(cache->count(entries), 202);
    QVERIFY(changed.wait());
    QCOMPARE(changed.size(), 1);
    const auto batch = changed.first().first().value<QList<CacheChange>>();
    QCOMPARE(batch.size(), 200);
    QCOMPARE(batch.first().type, CacheChange::Type::Added);
    QCOMPARE(batch.first().key, u"ns/burst-0");
    QCOMPARE(batch.last().key, u"ns/burst-199");
}

void TestWatchCache::netEffectWithinBatch()
{
    WatchCache* cache = startCache();
    QSignalSpy synced(cache, &WatchCache::synced);
    QVERIFY(synced.wait());
    QTRY_VERIFY(m_streams.contains(entriesPath));
    QSignalSpy changed(cache, &WatchCache::changed);
    m_streams[entriesPath].send(event(u"ADDED"_qs, u"short-lived"_qs, u"20"_qs)      // added and gone: nothing
                                + event(u"MODIFIED"_qs, u"vm-1"_qs, u"21"_qs)        // modified twice: once
                                + event(u"MODIFIED"_qs, u"vm-1"_qs, u"22"_qs, {{u"address"_qs, u"10.0.0.1"_qs}})
                                + event(u"DELETED"_qs, u"short-lived"_qs, u"23"_qs)
                                + event(u"MODIFIED"_qs, u"vm-2"_qs, u"24"_qs)        // modified then deleted: removed
                                + event(u"DELETED"_qs, u"vm-2"_qs, u"25"_qs)
                                + event(u"ADDED"_qs, u"new"_qs, u"26"_qs));          // added: added
    QVERIFY(changed.wait());
    const auto batch = changed.first().first().value<QList<CacheChange>>();
    QCOMPARE(batch.size(), 3);
    QCOMPARE(batch[0].key, u"ns/vm-1");
    QCOMPARE(batch[0].type, CacheChange::Type::Modified);
    QCOMPARE(batch[0].object.value(u"spec").toObject().value(u"address").toString(), u"10.0.0.1");
    QCOMPARE(batch[1].key, u"ns/vm-2");
    QCOMPARE(batch[1].type, CacheChange::Type::Removed);
    QCOMPARE(batch[2].key, u"ns/new");
    QCOMPARE(batch[2].type, CacheChange::Type::Added);
    QCOMPARE(cache->count(entries), 2);
    QVERIFY(!cache->object(entries, u"ns/short-lived"_qs));
}

void TestWatchCache::relistReportsVanishedObjects()
{
    WatchCache* cache = startCache();
    QSignalSpy synced(cache, &WatchCache::synced);
    QVERIFY(synced.wait());
    QTRY_VERIFY(m_streams.contains(entriesPath));
    QSignalSpy changed(cache, &WatchCache::changed);
    // While the watch was away, vm-1 was deleted, vm-2 changed and vm-3 created.
    m_items[entriesPath] = QJsonArray{item(u"vm-2"_qs, u"40"_qs), item(u"vm-3"_qs, u"41"_qs)};
    m_streams[entriesPath].send(KubeTest::fixture(u"watch/error-410.jsonl"_qs));
    QVERIFY(changed.wait());
    auto batch = changed.first().first().value<QList<CacheChange>>();
    std::sort(batch.begin(), batch.end(), [](const CacheChange& a, const CacheChange& b) { return a.key < b.key; });
    QCOMPARE(batch.size(), 3);
    QCOMPARE(batch[0].key, u"ns/vm-1");
    QCOMPARE(batch[0].type, CacheChange::Type::Removed);
    QCOMPARE(batch[1].type, CacheChange::Type::Modified);
    QCOMPARE(batch[2].key, u"ns/vm-3");
    QCOMPARE(batch[2].type, CacheChange::Type::Added);
    QCOMPARE(cache->count(entries), 2);
}

void TestWatchCache::stripsBookkeeping()
{
    QJsonObject noisy = item(u"vm-1"_qs, u"5"_qs);
    QJsonObject metadata = noisy.value(u"metadata").toObject();
    metadata.insert(u"managedFields"_qs, QJsonArray{QJsonObject{{u"manager"_qs, u"meshdeck"_qs}}});
    metadata.insert(u"annotations"_qs, QJsonObject{{u"kubectl.kubernetes.io/last-applied-configuration"_qs, u"{}"_qs},
                                                   {u"keep"_qs, u"me"_qs}});
    noisy.insert(u"metadata"_qs, metadata);
    m_items[entriesPath] = QJsonArray{noisy};
    WatchCache* cache = startCache();
    QSignalSpy synced(cache, &WatchCache::synced);
    QVERIFY(synced.wait());
    const QJsonObject stored = cache->object(entries, u"ns/vm-1"_qs).value_or(QJsonObject{});
    const QJsonObject storedMetadata = stored.value(u"metadata").toObject();
    QVERIFY(!storedMetadata.contains(u"managedFields"));
    QCOMPARE(storedMetadata.value(u"annotations").toObject(), (QJsonObject{{u"keep"_qs, u"me"_qs}}));
}

QTEST_GUILESS_MAIN(TestWatchCache)
#include "tst_watchcache.moc"
