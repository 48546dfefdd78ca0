// SPDX-License-Identifier: Apache-2.0
// Watches and the watched cache against the real lab apiserver: no event is lost across an
// apiserver restart (tests/lab/lab restart-apiserver), a resourceVersion the server no longer
// has (ERROR 410 in the stream) relists, a watch keeps delivering while a request on the same
// client is rejected with 401 and retried, and a burst of creations reaches the cache's
// subscribers in a few coalesced batches. Skips without the lab.

#include "labenv.h"
#include "watchcache.h"

#include <QJsonArray>

using namespace std::chrono_literals;

/*! What a watch says the collection holds: name -> resourceVersion. */
class Mirror
{
public:
    explicit Mirror(KubeWatch* watch)
    {
        QObject::connect(watch, &KubeWatch::relisted, &m_context,
                         [this](const QList<QJsonObject>& items) {
                             ++relists;
                             m_objects.clear();
                             for (const QJsonObject& item : items)
                                 m_objects.insert(name(item), version(item));
                         });
        QObject::connect(watch, &KubeWatch::eventReceived, &m_context, [this](const WatchEvent& event) {
            ++events;
            if (event.type == WatchEvent::Type::Deleted)
                m_objects.remove(name(event.object));
            else
                m_objects.insert(name(event.object), version(event.object));
        });
        QObject::connect(watch, &KubeWatch::errorOccurred, &m_context, [this](const KubeError& error) {
            errors.append(error);
        });
    }
    QString versionOf(const QString& objectName) const { return m_objects.value(objectName); }
    bool contains(const QString& objectName) const { return m_objects.contains(objectName); }

    int relists = 0;
    int events = 0;
    QList<KubeError> errors;

private:
    static QString name(const QJsonObject& o) { return o.value(u"metadata").toObject().value(u"name").toString(); }
    static QString version(const QJsonObject& o)
    {
        return o.value(u"metadata").toObject().value(u"resourceVersion").toString();
    }
    QObject m_context;
    QHash<QString, QString> m_objects;
};

class TestKubeLabWatch final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void noEventLostAcrossApiserverRestart();
    void expiredVersionRelists();
    void watchCarriesOnWhileAnotherRequestIsRejected();
    void cacheCoalescesBurst();

private:
    QString apply(KubeClient& client, const QJsonObject& object);

    std::unique_ptr<KubeClient> m_client;
    QString m_namespace;
};

void TestKubeLabWatch::initTestCase()
{
    MESHDECK_REQUIRE_LAB();
    const RestConfigResult config = Lab::config();
    QVERIFY2(config.ok(), qPrintable(config.error));
    KubeClientOptions options;
    options.qps = 0; // bursts are the point here
    m_client = std::make_unique<KubeClient>(config.config, options);
    m_namespace = Lab::uniqueName(u"watch"_qs);
    QVERIFY(Lab::run(m_client->apply(Lab::namespaceObject(m_namespace))).ok());
}

void TestKubeLabWatch::cleanupTestCase()
{
    if (m_client && !m_namespace.isEmpty())
        Lab::run(m_client->remove({u"v1"_qs, u"Namespace"_qs, {}, m_namespace}));
}

QString TestKubeLabWatch::apply(KubeClient& client, const QJsonObject& object)
{
    const KubeResult result = Lab::run(client.apply(object), 60000);
    if (!result.ok())
        qWarning("%s", qPrintable(result.error.message));
    return result.json.value(u"metadata").toObject().value(u"resourceVersion").toString();
}

void TestKubeLabWatch::noEventLostAcrossApiserverRestart()
{
    WatchOptions options;
    options.backoffInitial = 200ms;
    options.backoffCap = 2s;
    KubeWatch* watch = m_client->watch({u"v1"_qs, u"ConfigMap"_qs, m_namespace, {}}, options);
    Mirror mirror(watch);
    watch->start();
    QTRY_VERIFY_WITH_TIMEOUT(watch->isConnected(), 20000);

    QHash<QString, QString> expected;
    for (int i = 0; i < 5; ++i)
        expected.insert(u"before-"_qs + QString::number(i), apply(*m_client, Lab::configMap(m_namespace, u"before-"_qs + QString::number(i))));
    // Changes still in flight when the apiserver goes away.
    QList<KubeOperation*> inFlight;
    for (int i = 0; i < 5; ++i)
        inFlight.append(m_client->apply(Lab::configMap(m_namespace, u"before-"_qs + QString::number(i), u"changed"_qs)));
    for (KubeOperation* operation : inFlight)
        operation->start();
    QVERIFY(Lab::labScript({u"restart-apiserver"_qs}));
    QVERIFY2(!mirror.errors.isEmpty(), "the watch did not notice the restart");

    // The changes either landed before the restart or are retried by the client now.
    for (int i = 0; i < 5; ++i)
        expected.insert(u"before-"_qs + QString::number(i), apply(*m_client, Lab::configMap(m_namespace, u"before-"_qs + QString::number(i), u"changed"_qs)));
    for (int i = 0; i < 5; ++i)
        expected.insert(u"after-"_qs + QString::number(i), apply(*m_client, Lab::configMap(m_namespace, u"after-"_qs + QString::number(i))));
    QVERIFY(Lab::run(m_client->remove({u"v1"_qs, u"ConfigMap"_qs, m_namespace, u"before-0"_qs})).ok());
    expected.remove(u"before-0"_qs);

    for (auto it = expected.cbegin(); it != expected.cend(); ++it) {
        QVERIFY(!it.value().isEmpty());
        QTRY_COMPARE_WITH_TIMEOUT(mirror.versionOf(it.key()), it.value(), 30000);
    }
    QTRY_VERIFY_WITH_TIMEOUT(!mirror.contains(u"before-0"_qs), 30000);
    QVERIFY(watch->isConnected());
    qInfo("across the restart the watch %s (%d errors, %d events)",
          mirror.relists > 1 ? "relisted" : "resumed from its resourceVersion", int(mirror.errors.size()), mirror.events);
    watch->cancel();
}

void TestKubeLabWatch::expiredVersionRelists()
{
    apply(*m_client, Lab::configMap(m_namespace, u"expired-a"_qs));
    WatchOptions options;
    options.resourceVersion = u"1"_qs; // long compacted away: the server answers with ERROR 410
    KubeWatch* watch = m_client->watch({u"v1"_qs, u"ConfigMap"_qs, m_namespace, {}}, options);
    Mirror mirror(watch);
    watch->start();
    QTRY_COMPARE_WITH_TIMEOUT(mirror.relists, 1, 20000);
    QCOMPARE(mirror.errors.value(0).kind, KubeError::Kind::Expired);
    QVERIFY2(mirror.errors.value(0).message.contains(u"too old resource version"_qs),
             qPrintable(mirror.errors.value(0).message));
    QVERIFY(mirror.contains(u"expired-a"_qs));
    // And it carries on watching from the fresh list.
    const QString version = apply(*m_client, Lab::configMap(m_namespace, u"expired-b"_qs));
    QTRY_COMPARE_WITH_TIMEOUT(mirror.versionOf(u"expired-b"_qs), version, 20000);
    watch->cancel();
}

/*! Hands out the lab token, or a wrong one until asked to refresh. */
class RotatingToken final : public CredentialProvider
{
public:
    explicit RotatingToken(QByteArray valid)
        : m_valid(std::move(valid))
    {
    }
    void obtain(bool refresh, QObject*, Callback done) override
    {
        if (refresh)
            expired = false;
        CredentialsResult result;
        result.credentials.bearerToken = expired ? QByteArray("expired") : m_valid;
        done(result);
    }
    bool expired = false;

private:
    QByteArray m_valid;
};

void TestKubeLabWatch::watchCarriesOnWhileAnotherRequestIsRejected()
{
    QFile tokenFile(qEnvironmentVariable("MESHDECK_LAB_DIR") + u"/token"_qs);
    if (!tokenFile.open(QIODevice::ReadOnly))
        QSKIP("the lab has no token file");
    const RestConfigResult base = Lab::config(u"token"_qs);
    QVERIFY2(base.ok(), qPrintable(base.error));
    RestConfig config = base.config;
    auto token = std::make_shared<RotatingToken>(tokenFile.readAll().trimmed());
    config.credentials = token;
    KubeClient client(config);
    KubeWatch* watch = client.watch({u"v1"_qs, u"ConfigMap"_qs, m_namespace, {}});
    Mirror mirror(watch);
    watch->start();
    QTRY_VERIFY_WITH_TIMEOUT(watch->isConnected(), 20000);
    token->expired = true; // the next request is rejected, the provider refreshes, it is retried
    const KubeResult version = Lab::run(client.version());
    QVERIFY2(version.ok(), qPrintable(version.error.message));
    QCOMPARE(version.attempts, 2);
    const QString rv = apply(*m_client, Lab::configMap(m_namespace, u"during-401"_qs));
    QTRY_COMPARE_WITH_TIMEOUT(mirror.versionOf(u"during-401"_qs), rv, 30000);
    watch->cancel();
}

void TestKubeLabWatch::cacheCoalescesBurst()
{
    const GroupKind entries{u"networking.istio.io"_qs, u"WorkloadEntry"_qs};
    WatchCache::Options options;
    options.namespaceName = m_namespace;
    WatchCache cache(m_client.get(), WatchCache::meshdeckKinds(), options);
    QSignalSpy synced(&cache, &WatchCache::synced);
    QSignalSpy unavailable(&cache, &WatchCache::kindUnavailable);
    cache.start();
    QVERIFY(synced.wait(30000));
    QCOMPARE(unavailable.size(), 0); // the lab serves every kind meshdeck shows
    QCOMPARE(cache.servedApiVersion(entries), u"networking.istio.io/v1");
    QVERIFY(cache.count(GroupKind{{}, u"Namespace"_qs}) >= 5);

    QSignalSpy changed(&cache, &WatchCache::changed);
    const int burst = 40;
    QList<KubeOperation*> creates;
    for (int i = 0; i < burst; ++i) {
        const QJsonObject entry{{u"apiVersion"_qs, u"networking.istio.io/v1"_qs}, {u"kind"_qs, u"WorkloadEntry"_qs},
                                {u"metadata"_qs, QJsonObject{{u"name"_qs, QString(u"vm-"_qs + QString::number(i))},
                                                            {u"namespace"_qs, m_namespace}}},
                                {u"spec"_qs, QJsonObject{{u"address"_qs, QString(u"192.0.2."_qs + QString::number(10 + i))}}}};
        creates.append(m_client->apply(entry));
    }
    for (KubeOperation* create : creates)
        create->start();
    QTRY_COMPARE_WITH_TIMEOUT(cache.count(entries), qsizetype(burst), 30000);
    const auto added = [&changed, &entries] {
        int count = 0;
        for (const QList<QVariant>& call : changed) {
            for (const CacheChange& change : call.first().value<QList<CacheChange>>())
                count += change.kind == entries && change.type == CacheChange::Type::Added;
        }
        return count;
    };
    QTRY_COMPARE_WITH_TIMEOUT(added(), burst, 5000);
    // 40 events, a handful of model updates.
    QVERIFY2(changed.size() <= 8, qPrintable(QString::number(changed.size()) + u" batches"_qs));
    qInfo("%d WorkloadEntries arrived in %d batches", burst, int(changed.size()));
}

QTEST_GUILESS_MAIN(TestKubeLabWatch)
#include "tst_kubelabwatch.moc"
