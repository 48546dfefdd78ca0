// SPDX-License-Identifier: Apache-2.0
// KubeClient against a scripted HTTP server (fakeapiserver.h) serving the discovery documents
// recorded from the lab: what goes on the wire (paths, query encoding, headers, apply
// parameters), discovery (aggregated and legacy), expired continue tokens. The reactions of
// operations (401, 429, 5xx, timeouts, cancel) are in tst_kubeoperation.cpp; tst_kubelab*.cpp
// run the same client against the lab.

#include "apidiscovery.h"
#include "fakeapiserver.h"
#include "fakeclient.h"
#include "kubeclient.h"
#include "kubelist.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace std::chrono_literals;

class TestKubeClient final : public QObject
{
    Q_OBJECT
private slots:
    void getCarriesHeadersAndUsesDiscovery();
    void queryValuesAreEncoded();
    void applyParameters();
    void createDeleteStatusPaths();
    void paginationRestartsOnExpiredContinue();
    void legacyDiscoveryFallback();
    void kindNotServed();
    void tokenReviewAndProxyRequests();
    void redirectToAnotherHostCarriesNoCredentials_data();
    void redirectToAnotherHostCarriesNoCredentials();
    void redirectOnTheSameServerIsFollowed();
};

void TestKubeClient::getCarriesHeadersAndUsesDiscovery()
{
    FakeApiServer server;
    server.setHandler([](const FakeRequest& r, FakeExchange& x) {
        if (!fakeDiscovery(r, x))
            x.respondJson(200, namespaceObject);
    });
    auto credentials = std::make_shared<KubeTest::ScriptedCredentials>(QList<QByteArray>{"t1"});
    KubeClient client(configFor(server.url(), credentials), fastOptions());
    const KubeResult result = run(client.get({u"v1"_qs, u"Namespace"_qs, {}, u"istio-system"_qs}));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.httpStatus, 200);
    QCOMPARE(result.json.value(u"kind").toString(), u"Namespace");
    QCOMPARE(server.requests.size(), 3); // aggregated /api and /apis, then the object
    const FakeRequest get = server.requests.last();
    QCOMPARE(get.path, u"/api/v1/namespaces/istio-system");
    QCOMPARE(get.headers.value("user-agent"), QByteArray("meshdeck/" MESHDECK_VERSION));
    QCOMPARE(get.headers.value("accept"), QByteArray("application/json"));
    QCOMPARE(get.headers.value("authorization"), QByteArray("Bearer t1"));
    QVERIFY(server.requests.first().headers.value("accept").startsWith("application/json;g=apidiscovery.k8s.io;v=v2;"));
    // The mapper is kept: the next call needs no discovery.
    QVERIFY(run(client.get({u"v1"_qs, u"Namespace"_qs, {}, u"istio-system"_qs})).ok());
    QCOMPARE(server.requests.size(), 4);
    QCOMPARE(client.restMapper().preferredVersion(u"networking.istio.io"_qs), u"v1");
}

void TestKubeClient::queryValuesAreEncoded()
{
    FakeApiServer server;
    server.setHandler([](const FakeRequest& r, FakeExchange& x) {
        if (!fakeDiscovery(r, x))
            x.respondJson(200, {{u"kind"_qs, u"PodList"_qs}, {u"apiVersion"_qs, u"v1"_qs}, {u"items"_qs, QJsonArray{}}});
    });
    KubeClient client(configFor(server.url()), fastOptions());
    ListOptions options;
    options.labelSelector = u"app=envoy dummy,tier!=a&b"_qs;
    options.fieldSelector = u"status.phase=Running"_qs;
    options.resourceVersion = u"+/="_qs;
    KubeListOperation* list = client.list({u"v1"_qs, u"Pod"_qs, u"ns"_qs, {}}, options);
    QSignalSpy spy(list, &KubeListOperation::finished);
    list->start();
    QVERIFY(spy.wait());
    const FakeRequest r = server.requests.last();
    QCOMPARE(r.path, u"/api/v1/namespaces/ns/pods");
    QCOMPARE(r.param(u"labelSelector"_qs), u"app=envoy dummy,tier!=a&b");
    QCOMPARE(r.param(u"fieldSelector"_qs), u"status.phase=Running");
    QCOMPARE(r.param(u"resourceVersion"_qs), u"+/="); // '+' must not turn into a space
    QCOMPARE(r.param(u"limit"_qs), u"500");
    RestConfig behindProxy = configFor(QUrl(u"https://rancher.example/k8s/clusters/c-1/"_qs));
    KubeClient prefixed(behindProxy, fastOptions());
    QCOMPARE(prefixed.url(u"/api/v1/pods"_qs, {}).toString(), u"https://rancher.example/k8s/clusters/c-1/api/v1/pods"_qs);
    const QUrl url = client.url(u"/x"_qs, {{u"q"_qs, u"sum(rate(a[1m])) + 1"_qs}});
    QCOMPARE(url.toString(QUrl::FullyEncoded), server.url().toString() + u"/x?q=sum%28rate%28a%5B1m%5D%29%29%20%2B%201"_qs);
}

void TestKubeClient::applyParameters()
{
    FakeApiServer server;
    server.setHandler([](const FakeRequest& r, FakeExchange& x) {
        if (!fakeDiscovery(r, x))
            x.respond(200, r.body);
    });
    KubeClient client(configFor(server.url()), fastOptions());
    QJsonObject group{{u"apiVersion"_qs, u"networking.istio.io/v1"_qs}, {u"kind"_qs, u"WorkloadGroup"_qs},
                      {u"metadata"_qs, QJsonObject{{u"name"_qs, u"envoydummy"_qs}, {u"namespace"_qs, u"chapter10vm"_qs},
                                                   {u"managedFields"_qs, QJsonArray{QJsonObject{}}}}},
                      {u"spec"_qs, QJsonObject{{u"template"_qs, QJsonObject{{u"serviceAccount"_qs, u"sa"_qs}}}}}};
    QVERIFY(run(client.apply(group)).ok());
    FakeRequest r = server.requests.last();
    QCOMPARE(r.method, QByteArray("PATCH"));
    QCOMPARE(r.path, u"/apis/networking.istio.io/v1/namespaces/chapter10vm/workloadgroups/envoydummy");
    QCOMPARE(r.headers.value("content-type"), QByteArray("application/apply-patch+yaml"));
    QCOMPARE(r.param(u"fieldManager"_qs), u"meshdeck");
    QCOMPARE(r.param(u"fieldValidation"_qs), u"Strict");
    QVERIFY(!r.query.hasQueryItem(u"force"_qs));
    QVERIFY(!r.query.hasQueryItem(u"dryRun"_qs));
    const QJsonObject sent = QJsonDocument::fromJson(r.body).object();
    QCOMPARE(sent.value(u"spec"), group.value(u"spec"));
    QVERIFY(!sent.value(u"metadata").toObject().contains(u"managedFields"));

    ApplyOptions options;
    options.force = true;
    options.dryRun = true;
    options.fieldValidation = ApplyOptions::FieldValidation::Warn;
    QVERIFY(run(client.apply(group, options)).ok());
    r = server.requests.last();
    QCOMPARE(r.param(u"force"_qs), u"true");
    QCOMPARE(r.param(u"dryRun"_qs), u"All");
    QCOMPARE(r.param(u"fieldValidation"_qs), u"Warn");

    // No namespace in a namespaced object: the context's namespace, as kubectl does.
    QJsonObject bare = group;
    bare.insert(u"metadata", QJsonObject{{u"name"_qs, u"x"_qs}});
    QVERIFY(run(client.apply(bare)).ok());
    QCOMPARE(server.requests.last().path, u"/apis/networking.istio.io/v1/namespaces/default/workloadgroups/x");
}

void TestKubeClient::createDeleteStatusPaths()
{
    FakeApiServer server;
    server.setHandler([](const FakeRequest& r, FakeExchange& x) {
        if (!fakeDiscovery(r, x))
            x.respondJson(200, {});
    });
    KubeClient client(configFor(server.url()), fastOptions());
    QVERIFY(run(client.create(namespaceObject, true)).ok());
    QCOMPARE(server.requests.last().method, QByteArray("POST"));
    QCOMPARE(server.requests.last().path, u"/api/v1/namespaces");
    QCOMPARE(server.requests.last().param(u"dryRun"_qs), u"All");
    DeleteOptions options;
    options.propagation = DeleteOptions::Propagation::Foreground;
    const ObjectRef entry{u"networking.istio.io/v1"_qs, u"WorkloadEntry"_qs, u"ns"_qs, u"vm-1"_qs};
    QVERIFY(run(client.remove(entry, options)).ok());
    QCOMPARE(server.requests.last().method, QByteArray("DELETE"));
    QCOMPARE(server.requests.last().path, u"/apis/networking.istio.io/v1/namespaces/ns/workloadentries/vm-1");
    QCOMPARE(server.requests.last().param(u"propagationPolicy"_qs), u"Foreground");
    QVERIFY(run(client.getStatus(entry)).ok());
    QCOMPARE(server.requests.last().path, u"/apis/networking.istio.io/v1/namespaces/ns/workloadentries/vm-1/status");
    QVERIFY(run(client.patchStatus(entry, {{u"status"_qs, QJsonObject{}}})).ok());
    QCOMPARE(server.requests.last().method, QByteArray("PATCH"));
    QCOMPARE(server.requests.last().headers.value("content-type"), QByteArray("application/merge-patch+json"));
    QCOMPARE(server.requests.last().path, u"/apis/networking.istio.io/v1/namespaces/ns/workloadentries/vm-1/status");
}

static QJsonObject page(const QStringList& names, const QString& continueToken)
{
    QJsonArray items;
    for (const QString& name : names)
        items.append(QJsonObject{{u"metadata"_qs, QJsonObject{{u"name"_qs, name}, {u"namespace"_qs, u"ns"_qs}}}});
    QJsonObject metadata{{u"resourceVersion"_qs, u"100"_qs}};
    if (!continueToken.isEmpty())
        metadata.insert(u"continue"_qs, continueToken);
    return {{u"kind"_qs, u"PodList"_qs}, {u"apiVersion"_qs, u"v1"_qs}, {u"metadata"_qs, metadata}, {u"items"_qs, items}};
}

void TestKubeClient::paginationRestartsOnExpiredContinue()
{
    FakeApiServer server;
    bool expired = false;
    server.setHandler([&expired](const FakeRequest& r, FakeExchange& x) {
        if (fakeDiscovery(r, x))
            return;
        const QString token = r.param(u"continue"_qs);
        if (token.isEmpty())
            x.respondJson(200, page({u"a"_qs, u"b"_qs}, u"c1"_qs));
        else if (token == u"c1")
            x.respondJson(200, page({u"c"_qs, u"d"_qs}, u"c2"_qs));
        else if (!expired && (expired = true))
            x.respond(410, KubeTest::fixture(u"status/expired-continue.json"_qs));
        else
            x.respondJson(200, page({u"e"_qs}, {}));
    });
    KubeClient client(configFor(server.url()), fastOptions());
    ListOptions options;
    options.limit = 2;
    KubeListOperation* list = client.list({u"v1"_qs, u"Pod"_qs, u"ns"_qs, {}}, options);
    QSignalSpy progress(list, &KubeListOperation::progress);
    QSignalSpy spy(list, &KubeListOperation::finished);
    list->start();
    QVERIFY(spy.wait());
    const auto result = spy.first().first().value<KubeListResult>();
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.restarts, 1);
    QStringList names;
    for (const QJsonObject& item : result.items) {
        names.append(item.value(u"metadata").toObject().value(u"name").toString());
        QCOMPARE(item.value(u"kind").toString(), u"Pod"); // filled in from the list's kind
        QCOMPARE(item.value(u"apiVersion").toString(), u"v1");
    }
    QCOMPARE(names, (QStringList{u"a"_qs, u"b"_qs, u"c"_qs, u"d"_qs, u"e"_qs}));
    QCOMPARE(result.resourceVersion, u"100");
    QVERIFY(progress.size() >= 3);
    QStringList tokens;
    for (const FakeRequest& r : server.requests) {
        if (r.path == u"/api/v1/namespaces/ns/pods") {
            QCOMPARE(r.param(u"limit"_qs), u"2");
            tokens.append(r.param(u"continue"_qs));
        }
    }
    QCOMPARE(tokens, (QStringList{{}, u"c1"_qs, u"c2"_qs, {}, u"c1"_qs, u"c2"_qs}));
}

void TestKubeClient::legacyDiscoveryFallback()
{
    FakeApiServer server;
    server.setHandler([](const FakeRequest& r, FakeExchange& x) {
        if (!fakeDiscovery(r, x, true))
            x.respondJson(404, fakeStatus(404, u"NotFound"_qs, u"nope"_qs));
    });
    KubeClient client(configFor(server.url()), fastOptions());
    ApiDiscovery* discovery = client.discover();
    QSignalSpy spy(discovery, &ApiDiscovery::finished);
    discovery->start();
    QVERIFY(spy.wait());
    const auto result = spy.first().first().value<DiscoveryResult>();
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QVERIFY(!result.aggregated);
    QVERIFY2(result.warnings.isEmpty(), qPrintable(result.warnings.join(u'\n')));
    QCOMPARE(result.mapper.servedVersions(u"networking.istio.io"_qs), (QStringList{u"v1"_qs, u"v1beta1"_qs, u"v1alpha3"_qs}));
    QVERIFY(result.mapper.find(u"networking.istio.io/v1alpha3"_qs, u"WorkloadEntry"_qs));
    QVERIFY(result.mapper.find(u"v1"_qs, u"Pod"_qs));
    QCOMPARE(server.requests.size(), 2 + 1 + 5); // /api, /apis, /api/v1, five group versions
    QCOMPARE(client.restMapper().preferredVersion(u"apps"_qs), u"v1"); // the client keeps it
}

void TestKubeClient::kindNotServed()
{
    FakeApiServer server;
    server.setHandler([](const FakeRequest& r, FakeExchange& x) { fakeDiscovery(r, x); });
    KubeClient client(configFor(server.url()), fastOptions());
    const KubeResult result = run(client.get({u"networking.istio.io/v2"_qs, u"WorkloadGroup"_qs, u"ns"_qs, u"x"_qs}));
    QCOMPARE(result.error.kind, KubeError::Kind::NotServed);
    QCOMPARE(result.error.message, u"the server does not serve WorkloadGroup in networking.istio.io/v2 "
                                   "(it serves networking.istio.io versions v1, v1beta1, v1alpha3)"_qs);
    const KubeResult gateway = run(client.get({u"gateway.networking.k8s.io/v1"_qs, u"Gateway"_qs, u"ns"_qs, u"x"_qs}));
    QVERIFY(gateway.error.message.contains(u"the API group gateway.networking.k8s.io is not served"_qs));
    QCOMPARE(server.requests.size(), 4); // each miss rediscovered once (CRDs may have arrived)
}

void TestKubeClient::tokenReviewAndProxyRequests()
{
    FakeApiServer server;
    server.setHandler([](const FakeRequest& r, FakeExchange& x) {
        if (r.path.endsWith(u"/selfsubjectaccessreviews"))
            x.respondJson(201, {{u"status"_qs, QJsonObject{{u"allowed"_qs, true}}}});
        else if (r.path.contains(u"/proxy/"))
            x.respond(200, "plain text", {}, "text/plain");
        else
            x.respondJson(201, {{u"status"_qs, QJsonObject{{u"token"_qs, u"eyJ"_qs}}}});
    });
    KubeClient client(configFor(server.url()), fastOptions());
    const KubeResult token = run(client.requestToken(u"vm ns"_qs, u"envoydummy"_qs, {u"istio-ca"_qs}, 3600));
    QVERIFY(token.ok());
    FakeRequest r = server.requests.last();
    QCOMPARE(r.method, QByteArray("POST"));
    QCOMPARE(r.path, u"/api/v1/namespaces/vm%20ns/serviceaccounts/envoydummy/token");
    const QJsonObject spec = QJsonDocument::fromJson(r.body).object().value(u"spec").toObject();
    QCOMPARE(spec.value(u"audiences").toArray(), QJsonArray{u"istio-ca"_qs});
    QCOMPARE(spec.value(u"expirationSeconds").toInt(), 3600);

    const KubeResult review = run(client.accessReview({u"create"_qs, u"networking.istio.io"_qs, u"workloadgroups"_qs,
                                                       u"chapter10vm"_qs, {}, {}}));
    QVERIFY(accessAllowed(review));
    const QJsonObject attributes = QJsonDocument::fromJson(server.requests.last().body).object()
                                       .value(u"spec").toObject().value(u"resourceAttributes").toObject();
    QCOMPARE(attributes.value(u"verb").toString(), u"create");
    QCOMPARE(attributes.value(u"namespace").toString(), u"chapter10vm");
    QCOMPARE(server.requests.last().path, u"/apis/authorization.k8s.io/v1/selfsubjectaccessreviews");

    const KubeResult proxied = run(client.serviceProxy(u"istio-system"_qs, u"prometheus"_qs, u"9090"_qs,
                                                       u"api/v1/query"_qs, {{u"query"_qs, u"up"_qs}}, u"http"_qs));
    QVERIFY(proxied.ok());
    QCOMPARE(proxied.body, QByteArray("plain text")); // not JSON: kept raw
    QCOMPARE(server.requests.last().path, u"/api/v1/namespaces/istio-system/services/http:prometheus:9090/proxy/api/v1/query");
    QCOMPARE(server.requests.last().param(u"query"_qs), u"up");
}

void TestKubeClient::redirectToAnotherHostCarriesNoCredentials_data()
{
    QTest::addColumn<bool>("serviceProxy");
    QTest::newRow("get") << false;
    QTest::newRow("service proxy (Prometheus)") << true;
}

void TestKubeClient::redirectToAnotherHostCarriesNoCredentials()
{
    // Security review M7: a 3xx to another origin (scheme, host, port) must not take the bearer
    // token (or the client certificate) along, as kubectl drops Authorization there. The other
    // origin here is a second listener on the same loopback address, on another port.
    QFETCH(bool, serviceProxy);
    FakeApiServer other;
    other.setHandler([](const FakeRequest& r, FakeExchange& x) {
        if (!fakeDiscovery(r, x))
            x.respond(200, "{}");
    });
    FakeApiServer server;
    server.setHandler([&other](const FakeRequest& r, FakeExchange& x) {
        if (!fakeDiscovery(r, x))
            x.respond(302, {}, {{"Location", other.url().toEncoded() + r.path.toLatin1()}});
    });
    auto credentials = std::make_shared<KubeTest::ScriptedCredentials>(QList<QByteArray>{"t1"});
    KubeClient client(configFor(server.url(), credentials), fastOptions());
    KubeOperation* operation = serviceProxy
        ? client.serviceProxy(u"istio-system"_qs, u"prometheus"_qs, u"9090"_qs, u"api/v1/query"_qs,
                              {{u"query"_qs, u"up"_qs}}, u"http"_qs)
        : client.get({u"v1"_qs, u"Namespace"_qs, {}, u"istio-system"_qs});
    QSignalSpy finished(operation, &KubeOperation::finished);
    operation->start();
    QVERIFY2(!finished.isEmpty() || finished.wait(10000), "no answer: the refused redirect must end the request");
    const KubeResult result = finished.first().first().value<KubeResult>();
    QCOMPARE(server.requests.last().headers.value("authorization"), QByteArray("Bearer t1"));
    for (const FakeRequest& r : std::as_const(other.requests))
        QVERIFY2(!r.headers.contains("authorization"), qPrintable(u"the token followed the redirect to "_qs + r.path));
    QVERIFY(!result.ok());
    QCOMPARE(result.error.kind, KubeError::Kind::BadResponse);
    QVERIFY2(result.error.message.contains(u"redirected"_qs), qPrintable(result.error.message));
    QVERIFY2(result.error.message.contains(other.url().authority()), qPrintable(result.error.message));
    QCOMPARE(result.httpStatus, 0); // no answer to use: callers report it as they report a network error
    QCOMPARE(result.error.httpStatus, 302);
}

void TestKubeClient::redirectOnTheSameServerIsFollowed()
{
    // The same origin keeps the credentials, as kubectl does (e.g. a path prefix the server moved).
    FakeApiServer server;
    server.setHandler([](const FakeRequest& r, FakeExchange& x) {
        if (fakeDiscovery(r, x))
            return;
        if (r.path == u"/moved")
            x.respondJson(200, namespaceObject);
        else
            x.respond(307, {}, {{"Location", "/moved"}});
    });
    auto credentials = std::make_shared<KubeTest::ScriptedCredentials>(QList<QByteArray>{"t1"});
    KubeClient client(configFor(server.url(), credentials), fastOptions());
    const KubeResult result = run(client.get({u"v1"_qs, u"Namespace"_qs, {}, u"istio-system"_qs}));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(server.requests.last().path, u"/moved");
    QCOMPARE(server.requests.last().headers.value("authorization"), QByteArray("Bearer t1"));
}

QTEST_GUILESS_MAIN(TestKubeClient)
#include "tst_kubeclient.moc"
