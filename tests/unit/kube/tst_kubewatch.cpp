// SPDX-License-Identifier: Apache-2.0
// KubeWatch against a scripted server: list then watch from the list's resourceVersion, events
// cut across chunks, bookmarks moving the resume point, reconnect with backoff after a dropped
// stream (from the last version seen), relist on 410 in-stream (the ERROR event recorded from the
// lab) and as HTTP status, and cancel. tst_kubelabwatch.cpp does it against a real apiserver.

#include "fakeapiserver.h"
#include "kubeclient.h"
#include "kubewatch.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;

class TestKubeWatch final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void listThenWatchEvents();
    void resumesFromLastVersionWithBackoff();
    void relistOnErrorEvent();
    void relistOnHttpGone();
    void watchFromGivenVersionWithoutList();
    void cancelStops();
    void manyWatchesDoNotStarveRequests();

private:
    void serve();
    KubeWatch* startWatch(const WatchOptions& options = fastWatch());
    static WatchOptions fastWatch();
    static QByteArray event(const QString& type, const QString& name, const QString& version);
    int listRequests() const;
    QList<FakeRequest> watchRequests() const;

    std::unique_ptr<FakeApiServer> m_server;
    std::unique_ptr<KubeClient> m_client;
    QList<FakeExchange> m_streams;
    QStringList m_items;
    QString m_listVersion;
    bool m_goneStatus = false;
};

QByteArray TestKubeWatch::event(const QString& type, const QString& name, const QString& version)
{
    const QJsonObject object{{u"apiVersion"_qs, u"networking.istio.io/v1"_qs}, {u"kind"_qs, u"WorkloadEntry"_qs},
                             {u"metadata"_qs, QJsonObject{{u"name"_qs, name}, {u"namespace"_qs, u"ns"_qs},
                                                         {u"resourceVersion"_qs, version}}}};
    return QJsonDocument(QJsonObject{{u"type"_qs, type}, {u"object"_qs, object}}).toJson(QJsonDocument::Compact) + '\n';
}

WatchOptions TestKubeWatch::fastWatch()
{
    WatchOptions options;
    options.backoffInitial = 50ms;
    options.backoffCap = 400ms;
    return options;
}

void TestKubeWatch::init()
{
    m_server = std::make_unique<FakeApiServer>();
    m_streams.clear();
    m_items = {u"a"_qs};
    m_listVersion = u"10"_qs;
    m_goneStatus = false;
    serve();
    RestConfig config;
    config.server = m_server->url();
    config.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
    KubeClientOptions options;
    options.qps = 0;
    m_client = std::make_unique<KubeClient>(config, options);
}

void TestKubeWatch::cleanup()
{
    m_client.reset();
    m_server.reset();
}

void TestKubeWatch::serve()
{
    m_server->setHandler([this](const FakeRequest& r, FakeExchange& x) {
        if (fakeDiscovery(r, x))
            return;
        if (r.param(u"watch"_qs) == u"1") {
            if (m_goneStatus) {
                m_goneStatus = false;
                x.respondJson(410, fakeStatus(410, u"Expired"_qs, u"too old resource version: 10 (20)"_qs));
                return;
            }
            x.startStream();
            m_streams.append(x);
            return;
        }
        QJsonArray items;
        for (const QString& name : m_items)
            items.append(QJsonObject{{u"metadata"_qs, QJsonObject{{u"name"_qs, name}, {u"namespace"_qs, u"ns"_qs}}}});
        x.respondJson(200, {{u"kind"_qs, u"WorkloadEntryList"_qs}, {u"apiVersion"_qs, u"networking.istio.io/v1"_qs},
                            {u"metadata"_qs, QJsonObject{{u"resourceVersion"_qs, m_listVersion}}}, {u"items"_qs, items}});
    });
}

KubeWatch* TestKubeWatch::startWatch(const WatchOptions& options)
{
    KubeWatch* watch = m_client->watch({u"networking.istio.io/v1"_qs, u"WorkloadEntry"_qs, u"ns"_qs, {}}, options);
    watch->start();
    return watch;
}

int TestKubeWatch::listRequests() const
{
    int count = 0;
    for (const FakeRequest& r : m_server->requests)
        count += r.path == u"/apis/networking.istio.io/v1/namespaces/ns/workloadentries" && !r.query.hasQueryItem(u"watch"_qs);
    return count;
}

QList<FakeRequest> TestKubeWatch::watchRequests() const
{
    QList<FakeRequest> result;
    for (const FakeRequest& r : m_server->requests) {
        if (r.param(u"watch"_qs) == u"1")
            result.append(r);
    }
    return result;
}

void TestKubeWatch::listThenWatchEvents()
{
    KubeWatch* watch = startWatch();
    QSignalSpy relisted(watch, &KubeWatch::relisted);
    QSignalSpy events(watch, &KubeWatch::eventReceived);
    QSignalSpy connected(watch, &KubeWatch::connectedChanged);
    QTRY_COMPARE(m_streams.size(), 1);
    QCOMPARE(relisted.size(), 1);
    QCOMPARE(relisted.first().at(0).value<QList<QJsonObject>>().size(), 1);
    QCOMPARE(relisted.first().at(0).value<QList<QJsonObject>>().first().value(u"kind").toString(), u"WorkloadEntry");
    const FakeRequest request = watchRequests().first();
    QCOMPARE(request.param(u"resourceVersion"_qs), u"10");
    QCOMPARE(request.param(u"allowWatchBookmarks"_qs), u"true");
    const int timeout = request.param(u"timeoutSeconds"_qs).toInt();
    QVERIFY2(timeout >= 300 && timeout <= 600, qPrintable(QString::number(timeout)));
    QTRY_VERIFY(watch->isConnected());

    const QByteArray added = event(u"ADDED"_qs, u"b"_qs, u"11"_qs);
    m_streams[0].send(added.left(20));
    m_streams[0].send(added.mid(20) + event(u"MODIFIED"_qs, u"b"_qs, u"12"_qs).left(5));
    QTRY_COMPARE(events.size(), 1);
    m_streams[0].send(event(u"MODIFIED"_qs, u"b"_qs, u"12"_qs).mid(5));
    QTRY_COMPARE(events.size(), 2);
    QCOMPARE(events.at(0).first().value<WatchEvent>().type, WatchEvent::Type::Added);
    QCOMPARE(events.at(1).first().value<WatchEvent>().type, WatchEvent::Type::Modified);
    QCOMPARE(watch->resourceVersion(), u"12");
    m_streams[0].send(event(u"BOOKMARK"_qs, {}, u"15"_qs));
    QTRY_COMPARE(watch->resourceVersion(), u"15");
    QCOMPARE(events.size(), 2); // bookmarks are not events
    QCOMPARE(connected.first().first().toBool(), true);
}

void TestKubeWatch::resumesFromLastVersionWithBackoff()
{
    KubeWatch* watch = startWatch();
    QSignalSpy errors(watch, &KubeWatch::errorOccurred);
    QSignalSpy relisted(watch, &KubeWatch::relisted);
    QTRY_COMPARE(m_streams.size(), 1);
    m_streams[0].send(event(u"ADDED"_qs, u"b"_qs, u"11"_qs) + event(u"BOOKMARK"_qs, {}, u"17"_qs));
    QTRY_COMPARE(watch->resourceVersion(), u"17");
    m_streams[0].drop(); // apiserver restart: no terminating chunk
    QTRY_COMPARE(m_streams.size(), 2);
    QCOMPARE(watchRequests().last().param(u"resourceVersion"_qs), u"17");
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).at(1).value<std::chrono::milliseconds>(), 50ms);
    // Failing again at once: the delay doubles ...
    m_streams[1].drop();
    QTRY_COMPARE(m_streams.size(), 3);
    QCOMPARE(errors.at(1).at(1).value<std::chrono::milliseconds>(), 100ms);
    // ... and a connection that delivers an event resets it.
    m_streams[2].send(event(u"MODIFIED"_qs, u"b"_qs, u"18"_qs));
    QTRY_COMPARE(watch->resourceVersion(), u"18");
    m_streams[2].drop();
    QTRY_COMPARE(m_streams.size(), 4);
    QCOMPARE(errors.at(2).at(1).value<std::chrono::milliseconds>(), 50ms);
    QCOMPARE(watchRequests().last().param(u"resourceVersion"_qs), u"18");
    QCOMPARE(relisted.size(), 1); // the initial list only: resumed, never relisted
    QCOMPARE(listRequests(), 1);
}

void TestKubeWatch::relistOnErrorEvent()
{
    KubeWatch* watch = startWatch();
    QSignalSpy relisted(watch, &KubeWatch::relisted);
    QSignalSpy errors(watch, &KubeWatch::errorOccurred);
    QTRY_COMPARE(m_streams.size(), 1);
    m_items = {u"b"_qs, u"c"_qs};
    m_listVersion = u"320"_qs;
    // The ERROR event exactly as the lab's apiserver sent it, after a normal event.
    m_streams[0].send(event(u"ADDED"_qs, u"b"_qs, u"11"_qs) + KubeTest::fixture(u"watch/error-410.jsonl"_qs));
    QTRY_COMPARE(relisted.size(), 2); // the initial list, then the relist
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.first().first().value<KubeError>().kind, KubeError::Kind::Expired);
    QCOMPARE(errors.first().at(1).value<std::chrono::milliseconds>(), 0ms);
    QCOMPARE(relisted.last().at(1).toString(), u"320");
    QCOMPARE(relisted.last().at(0).value<QList<QJsonObject>>().size(), 2);
    QTRY_COMPARE(m_streams.size(), 2);
    QCOMPARE(watchRequests().last().param(u"resourceVersion"_qs), u"320");
    QCOMPARE(listRequests(), 2);
    QCOMPARE(watch->listCount(), 2);
}

void TestKubeWatch::relistOnHttpGone()
{
    KubeWatch* watch = startWatch();
    QSignalSpy relisted(watch, &KubeWatch::relisted);
    QTRY_COMPARE(m_streams.size(), 1);
    m_goneStatus = true;
    m_streams[0].end(); // the server's timeout: reconnect, which answers 410
    QTRY_COMPARE(relisted.size(), 2);
    QTRY_COMPARE(m_streams.size(), 2);
    QCOMPARE(listRequests(), 2);
}

void TestKubeWatch::watchFromGivenVersionWithoutList()
{
    WatchOptions options = fastWatch();
    options.resourceVersion = u"42"_qs;
    KubeWatch* watch = startWatch(options);
    QSignalSpy relisted(watch, &KubeWatch::relisted);
    QTRY_COMPARE(m_streams.size(), 1);
    QCOMPARE(watchRequests().first().param(u"resourceVersion"_qs), u"42");
    QCOMPARE(listRequests(), 0);
    QCOMPARE(relisted.size(), 0);
}

void TestKubeWatch::cancelStops()
{
    KubeWatch* watch = startWatch();
    QSignalSpy finished(watch, &KubeWatch::finished);
    QSignalSpy events(watch, &KubeWatch::eventReceived);
    QTRY_COMPARE(m_streams.size(), 1);
    QTRY_VERIFY(watch->isConnected());
    watch->cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().value<KubeResult>().error.kind, KubeError::Kind::Canceled);
    QVERIFY(!watch->isRunning());
    QVERIFY(!watch->isConnected());
    QTRY_VERIFY(!m_streams[0].isOpen()); // the connection was closed
    m_streams[0].send(event(u"ADDED"_qs, u"x"_qs, u"99"_qs));
    QCOMPARE(events.size(), 0);
    QCOMPARE(m_streams.size(), 1);
}

void TestKubeWatch::manyWatchesDoNotStarveRequests()
{
    // HTTP/1.1 allows six connections per host and network manager: the client gives streams
    // managers of their own, so ten open watches leave ordinary requests a free path.
    QList<KubeWatch*> watches;
    for (int i = 0; i < 10; ++i)
        watches.append(startWatch());
    QTRY_COMPARE_WITH_TIMEOUT(m_streams.size(), 10, 10000);
    KubeOperation* version = m_client->version();
    QSignalSpy finished(version, &KubeOperation::finished);
    version->start();
    QVERIFY(finished.wait(3000));
    for (KubeWatch* watch : watches)
        QVERIFY(watch->isConnected());
}

QTEST_GUILESS_MAIN(TestKubeWatch)
#include "tst_kubewatch.moc"
