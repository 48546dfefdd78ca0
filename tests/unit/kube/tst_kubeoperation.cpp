// SPDX-License-Identifier: Apache-2.0
// How one KubeOperation reacts, against a scripted HTTP server: a 401 refreshes the credentials
// and retries once, a failing credential provider is reported without a request, 429 waits for
// Retry-After, 503 with Retry-After is retried and without it reported, a failing webhook (500)
// and a non-idempotent create are not retried, the token bucket spaces requests, Warning headers
// are collected, and unreachable servers, transfer timeouts and cancel give one clear result.

#include "fakeapiserver.h"
#include "fakeclient.h"

#include <QElapsedTimer>
#include <QTest>

class TestKubeOperation final : public QObject
{
    Q_OBJECT
private slots:
    void unauthorizedRefreshesCredentialsOnce();
    void credentialsErrorIsReported();
    void retryAfterOn429();
    void serviceUnavailableRetriedThenReported();
    void noRetryForWebhookFailureOrCreate();
    void rateLimiterSpacesRequests();
    void warningsAreCollected();
    void unreachableServer();
    void transferTimeout();
    void cancelFinishesOnce();
};

void TestKubeOperation::unauthorizedRefreshesCredentialsOnce()
{
    FakeApiServer server;
    server.setHandler([](const FakeRequest& r, FakeExchange& x) {
        if (r.headers.value("authorization") != "Bearer fresh")
            x.respondJson(401, fakeStatus(401, u"Unauthorized"_qs, u"Unauthorized"_qs));
        else
            x.respondJson(200, {{u"gitVersion"_qs, u"v1.33.13"_qs}});
    });
    auto credentials = std::make_shared<KubeTest::ScriptedCredentials>(QList<QByteArray>{"stale", "fresh"});
    KubeClient client(configFor(server.url(), credentials), fastOptions());
    const KubeResult result = run(client.version());
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.attempts, 2);
    QCOMPARE(credentials->refreshes, 1);

    // Still rejected after the refresh: reported, not retried forever.
    auto rejected = std::make_shared<KubeTest::ScriptedCredentials>(QList<QByteArray>{"a", "b"});
    KubeClient other(configFor(server.url(), rejected), fastOptions());
    const KubeResult failure = run(other.version());
    QCOMPARE(failure.error.kind, KubeError::Kind::Unauthorized);
    QCOMPARE(failure.attempts, 2);
    QCOMPARE(rejected->refreshes, 1);
    QVERIFY2(failure.error.message.endsWith(u"(context fake)"_qs), qPrintable(failure.error.message));
}


void TestKubeOperation::credentialsErrorIsReported()
{
    FakeApiServer server;
    auto credentials = std::make_shared<KubeTest::ScriptedCredentials>(QList<QByteArray>{});
    KubeClient client(configFor(server.url(), credentials), fastOptions());
    const KubeResult result = run(client.version());
    QCOMPARE(result.error.kind, KubeError::Kind::Credentials);
    QCOMPARE(result.error.message, u"the exec plugin of user scripted failed: no token"_qs);
    QVERIFY(server.requests.isEmpty());
}


void TestKubeOperation::retryAfterOn429()
{
    FakeApiServer server;
    int calls = 0;
    server.setHandler([&calls](const FakeRequest&, FakeExchange& x) {
        if (++calls == 1)
            x.respondJson(429, fakeStatus(429, u"TooManyRequests"_qs, u"Too many requests, please try again later."_qs),
                          {{"Retry-After", "1"}});
        else
            x.respondJson(200, {});
    });
    KubeClient client(configFor(server.url()), fastOptions());
    QElapsedTimer timer;
    timer.start();
    KubeRequest create;
    create.method = "POST";
    create.path = u"/api/v1/namespaces"_qs;
    create.idempotent = false; // 429 means "not processed": retried whatever the method
    const KubeResult result = run(client.request(create));
    QVERIFY(result.ok());
    QCOMPARE(result.attempts, 2);
    QVERIFY2(timer.elapsed() >= 950, qPrintable(QString::number(timer.elapsed())));
}


void TestKubeOperation::serviceUnavailableRetriedThenReported()
{
    FakeApiServer server;
    server.setHandler([](const FakeRequest& r, FakeExchange& x) {
        const auto status = fakeStatus(503, u"ServiceUnavailable"_qs, u"the server is currently unable to handle the request"_qs);
        if (r.path == u"/version")
            x.respondJson(503, status, {{"Retry-After", "0"}});
        else if (r.path == u"/gateway")
            x.respondJson(502, status);
        else
            x.respondJson(503, status); // e.g. a service proxy without endpoints: an answer
    });
    KubeClientOptions options = fastOptions();
    options.maxRetries = 3;
    KubeClient client(configFor(server.url()), options);
    const KubeResult result = run(client.version());
    QCOMPARE(result.attempts, 4); // the first and maxRetries more
    QCOMPARE(result.error.kind, KubeError::Kind::ServerError);
    QCOMPARE(result.httpStatus, 503);
    KubeRequest plain;
    plain.path = u"/no-endpoints"_qs;
    QCOMPARE(run(client.request(plain)).attempts, 1);
    KubeRequest gateway;
    gateway.path = u"/gateway"_qs;
    QCOMPARE(run(client.request(gateway)).attempts, 4); // a few tries for a gateway in front
}


void TestKubeOperation::noRetryForWebhookFailureOrCreate()
{
    FakeApiServer server;
    server.setHandler([](const FakeRequest& r, FakeExchange& x) {
        if (fakeDiscovery(r, x))
            return;
        if (r.method == "POST")
            x.respondJson(503, fakeStatus(503, u"ServiceUnavailable"_qs, u"down"_qs));
        else
            x.respond(500, KubeTest::fixture(u"status/internal-webhook.json"_qs));
    });
    KubeClient client(configFor(server.url()), fastOptions());
    const KubeResult apply = run(client.apply(namespaceObject));
    QCOMPARE(apply.attempts, 1);
    QVERIFY(apply.error.message.contains(u"failed calling webhook \"validation.istio.io\""_qs));
    const KubeResult create = run(client.create(namespaceObject));
    QCOMPARE(create.attempts, 1);
}


void TestKubeOperation::rateLimiterSpacesRequests()
{
    FakeApiServer server;
    server.setHandler([](const FakeRequest&, FakeExchange& x) { x.respondJson(200, {}); });
    KubeClientOptions options = fastOptions();
    options.qps = 10;
    options.burst = 2;
    KubeClient client(configFor(server.url()), options);
    QElapsedTimer timer;
    timer.start();
    QList<QSignalSpy*> spies;
    for (int i = 0; i < 6; ++i) {
        KubeOperation* operation = client.version();
        spies.append(new QSignalSpy(operation, &KubeOperation::finished));
        operation->start();
    }
    for (QSignalSpy* spy : spies)
        QTRY_COMPARE_WITH_TIMEOUT(spy->size(), 1, 5000);
    // Two at once, then one per 100 ms: the sixth leaves after 400 ms.
    QVERIFY2(timer.elapsed() >= 390, qPrintable(QString::number(timer.elapsed())));
    qDeleteAll(spies);
}


void TestKubeOperation::warningsAreCollected()
{
    FakeApiServer server;
    server.setHandler([](const FakeRequest&, FakeExchange& x) {
        x.respondJson(200, {}, {{"Warning", "299 - \"unknown field \\\"spec.template.bogus\\\"\""},
                                {"Warning", "299 - \"networking.istio.io/v1alpha3 is deprecated\""}});
    });
    KubeClient client(configFor(server.url()), fastOptions());
    const KubeResult result = run(client.version());
    QCOMPARE(result.warnings, (QStringList{u"unknown field \"spec.template.bogus\""_qs,
                                          u"networking.istio.io/v1alpha3 is deprecated"_qs}));
}


void TestKubeOperation::unreachableServer()
{
    QUrl url;
    {
        FakeApiServer closed;
        url = closed.url();
    } // nothing listens there any more
    KubeClient client(configFor(url), fastOptions());
    const KubeResult result = run(client.version());
    QCOMPARE(result.error.kind, KubeError::Kind::Network);
    QVERIFY2(result.error.message.startsWith(u"the server 127.0.0.1:"_qs + QString::number(url.port())
                                             + u" could not be reached: "_qs),
             qPrintable(result.error.message));
}


void TestKubeOperation::transferTimeout()
{
    FakeApiServer server; // accepts and never answers
    KubeClientOptions options = fastOptions();
    options.requestTimeout = 300ms;
    KubeClient client(configFor(server.url()), options);
    const KubeResult result = run(client.version());
    QCOMPARE(result.error.kind, KubeError::Kind::Timeout);
    QVERIFY2(result.error.message.contains(u"sent nothing for"_qs), qPrintable(result.error.message));
}


void TestKubeOperation::cancelFinishesOnce()
{
    FakeApiServer server; // never answers
    KubeClient client(configFor(server.url()), fastOptions());
    KubeOperation* operation = client.version();
    QPointer<KubeOperation> guard(operation);
    QSignalSpy spy(operation, &KubeOperation::finished);
    operation->start();
    QTRY_COMPARE(server.requests.size(), 1);
    operation->cancel();
    operation->cancel();
    QCOMPARE(spy.size(), 1);
    QCOMPARE(spy.first().first().value<KubeResult>().error.kind, KubeError::Kind::Canceled);
    QTRY_VERIFY(!guard); // deletes itself
}


QTEST_GUILESS_MAIN(TestKubeOperation)
#include "tst_kubeoperation.moc"
