// SPDX-License-Identifier: Apache-2.0
// WeightsServiceImpl against a scripted API server (fakeapiserver.h, the lab's discovery): the
// plan's split and the cluster's weighted routes listed in the plan's namespaces, the diff of
// proposed weights against a fresh read, and the apply: one server-side apply PATCH of that
// VirtualService only, field manager meshdeck, with the new weights and nothing else changed.

#include "fakeapiserver.h"
#include "fakeclient.h"
#include "planloader.h"
#include "scriptedgraphsource.h"
#include "testsupport.h"
#include "weightsserviceimpl.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

namespace {

const QString vsPath = u"/apis/networking.istio.io/v1/namespaces/chapter10/virtualservices"_qs;

Plan bookPlan()
{
    const PlanLoadResult loaded = loadPlanFile(TestSupport::sourceDir() + u"/examples/book-chapter10.yaml"_qs);
    return loaded.plan ? *loaded.plan : Plan{};
}

QList<QJsonObject> recorded()
{
    const QByteArray json = TestSupport::readAll(TestSupport::sourceDir() + u"/tests/data/kube/weights/virtualservices.json"_qs);
    QList<QJsonObject> items;
    for (const QJsonValue& item : QJsonDocument::fromJson(json).object().value(u"items"_qs).toArray())
        items.append(item.toObject());
    return items;
}

/*! The recorded VirtualServices by name; lists per namespace; apply echoes the object. */
void serveVirtualServices(const FakeRequest& r, FakeExchange& x)
{
    if (fakeDiscovery(r, x))
        return;
    const QList<QJsonObject> items = recorded();
    if (r.method == "GET" && r.path == vsPath) {
        QJsonArray array;
        for (const QJsonObject& item : items)
            array.append(item);
        x.respondJson(200, {{u"apiVersion"_qs, u"networking.istio.io/v1"_qs}, {u"kind"_qs, u"VirtualServiceList"_qs},
                            {u"metadata"_qs, QJsonObject{{u"resourceVersion"_qs, u"4711"_qs}}}, {u"items"_qs, array}});
        return;
    }
    if (r.method == "GET" && r.path.endsWith(u"/virtualservices"_qs)) {
        x.respondJson(200, {{u"apiVersion"_qs, u"networking.istio.io/v1"_qs}, {u"kind"_qs, u"VirtualServiceList"_qs},
                            {u"metadata"_qs, QJsonObject{}}, {u"items"_qs, QJsonArray{}}});
        return;
    }
    const QString name = r.path.section(u'/', -1);
    for (const QJsonObject& item : items) {
        if (r.path == vsPath + u'/' + name && item.value(u"metadata"_qs).toObject().value(u"name"_qs).toString() == name) {
            if (r.method == "PATCH") {
                QJsonObject applied = QJsonDocument::fromJson(r.body).object();
                applied[u"metadata"_qs] = item.value(u"metadata"_qs);
                x.respondJson(200, applied);
            } else {
                x.respondJson(200, item);
            }
            return;
        }
    }
    x.respondJson(404, fakeStatus(404, u"NotFound"_qs, u"not found"_qs));
}

qsizetype countMethod(const FakeApiServer& server, const QByteArray& method)
{
    return std::count_if(server.requests.cbegin(), server.requests.cend(),
                         [&](const FakeRequest& r) { return r.method == method; });
}

WeightedRoute routeWithKey(const WeightsService& service, const QString& key)
{
    for (const WeightedRoute& r : service.routes()) {
        if (r.key() == key)
            return r;
    }
    return {};
}

/*! service on the book's plan and client, refreshed: false when its routes never came. */
bool listed(WeightsServiceImpl& service, KubeClient* client)
{
    service.setPlan(bookPlan());
    service.setClient(client);
    QSignalSpy changed(&service, &WeightsService::routesChanged);
    service.refresh();
    return changed.wait(10000);
}

/*! Starts task and waits for its finished(): false when it did not come within timeout ms. */
bool runs(Task* task, int timeout = 10000)
{
    QSignalSpy finished(task, &Task::finished);
    task->start();
    return finished.wait(timeout);
}

} // namespace

class TestWeightsService final : public QObject
{
    Q_OBJECT
private slots:
    void planSplitsWithoutCluster();
    void routesListed();
    void diffLines();
    void applySendsOnePatch();
    void applyWithoutClientFails();
    void applyCanceledWhileReading();
    void observedSharesFromTheGraph();
};

void TestWeightsService::planSplitsWithoutCluster()
{
    WeightsServiceImpl service;
    service.setClient(nullptr, u"no kubeconfig"_qs);
    QSignalSpy changed(&service, &WeightsService::routesChanged);
    service.setPlan(bookPlan());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(service.routes().size(), 1);
    QCOMPARE(service.routes().first().source, WeightedRoute::Source::Plan);
    QVERIFY(!service.isConnected());
    QCOMPARE(service.problem(), u"no kubeconfig"_qs);
    QCOMPARE(service.driftTolerance(), 10);
    service.refresh(); // nothing to read: still the plan's split, and no signal for the same routes
    QCOMPARE(changed.size(), 1);
}

void TestWeightsService::routesListed()
{
    FakeApiServer server;
    server.setHandler(serveVirtualServices);
    KubeClient client(configFor(server.url()), fastOptions());
    WeightsServiceImpl service;
    QVERIFY(listed(service, &client));
    QStringList keys;
    for (const WeightedRoute& r : service.routes())
        keys << r.key();
    QCOMPARE(keys, (QStringList{u"chapter10/envoydummy http[0]"_qs, u"chapter10/reviews http[1]"_qs,
                                u"chapter10/reviews tcp[0]"_qs}));
    const WeightedRoute split = service.routes().first();
    QCOMPARE(split.source, WeightedRoute::Source::Both);
    QVERIFY(split.differs);
    QCOMPARE(split.weights(), (QList<int>{80, 20}));
    QVERIFY(service.problem().isEmpty());
    // Both of the plan's namespaces were listed, nothing was written.
    QVERIFY(std::any_of(server.requests.cbegin(), server.requests.cend(),
                        [](const FakeRequest& r) { return r.path.contains(u"/namespaces/chapter10vm/virtualservices"_qs); }));
    QCOMPARE(countMethod(server, "PATCH"), 0);
}

void TestWeightsService::diffLines()
{
    FakeApiServer server;
    server.setHandler(serveVirtualServices);
    KubeClient client(configFor(server.url()), fastOptions());
    WeightsServiceImpl service;
    QVERIFY(listed(service, &client));
    const WeightedRoute canary = routeWithKey(service, u"chapter10/reviews http[1]"_qs);
    QCOMPARE(canary.destinations.size(), 3);
    WeightsDiffTask* diff = service.diff(canary, {40, 40, 20}, this);
    QVERIFY(runs(diff));
    QVERIFY2(!diff->error().isError(), qPrintable(diff->error().text()));
    QCOMPARE(diff->lines(), (QStringList{u"reviews/v1: 70% → 40%"_qs, u"reviews/v2: 20% → 40%"_qs,
                                         u"reviews/v3: 10% → 20%"_qs}));
    QVERIFY(diff->yaml().contains(u"weight: 40"_qs));
    QVERIFY(diff->yaml().contains(u"name: jason"_qs)); // the other route is kept as it is
    QCOMPARE(countMethod(server, "PATCH"), 0);
    delete diff;
}

void TestWeightsService::applySendsOnePatch()
{
    FakeApiServer server;
    server.setHandler(serveVirtualServices);
    KubeClient client(configFor(server.url()), fastOptions());
    WeightsServiceImpl service;
    QVERIFY(listed(service, &client));
    const WeightedRoute split = routeWithKey(service, u"chapter10/envoydummy http[0]"_qs);
    QSignalSpy applied(&service, &WeightsService::applied);
    WeightsApplyTask* apply = service.apply(split, {30, 70}, this);
    QVERIFY(runs(apply));
    QVERIFY2(!apply->error().isError(), qPrintable(apply->error().text()));
    QCOMPARE(applied.size(), 1);
    QCOMPARE(applied.first().first().toString(), split.key());

    QList<FakeRequest> patches;
    for (const FakeRequest& r : std::as_const(server.requests)) {
        if (r.method == "PATCH")
            patches << r;
    }
    QCOMPARE(patches.size(), 1);
    const FakeRequest& patch = patches.first();
    QCOMPARE(patch.path, vsPath + u"/envoydummy"_qs);
    QCOMPARE(patch.headers.value("content-type"), QByteArray("application/apply-patch+yaml"));
    QCOMPARE(patch.param(u"fieldManager"_qs), u"meshdeck"_qs);
    QCOMPARE(patch.param(u"force"_qs), u"true"_qs);
    const QJsonObject body = QJsonDocument::fromJson(patch.body).object();
    const QJsonArray route =
        body.value(u"spec"_qs).toObject().value(u"http"_qs).toArray().at(0).toObject().value(u"route"_qs).toArray();
    QCOMPARE(route.at(0).toObject().value(u"weight"_qs).toInt(), 30);
    QCOMPARE(route.at(1).toObject().value(u"weight"_qs).toInt(), 70);
    QVERIFY(!body.value(u"metadata"_qs).toObject().contains(u"resourceVersion"_qs));
    QVERIFY(!body.value(u"metadata"_qs).toObject().contains(u"managedFields"_qs));
    QVERIFY(std::any_of(apply->changes().cbegin(), apply->changes().cend(),
                        [](const QString& line) { return line.contains(u"VirtualService"_qs); }));
    delete apply;
}

void TestWeightsService::applyWithoutClientFails()
{
    WeightsServiceImpl service;
    service.setPlan(bookPlan());
    WeightsApplyTask* apply = service.apply(service.routes().first(), {60, 40}, this);
    QVERIFY(runs(apply, 5000));
    QCOMPARE(apply->error().kind, Error::Kind::InvalidInput);
    delete apply;
}

void TestWeightsService::applyCanceledWhileReading()
{
    FakeApiServer server; // lists, but holds the fresh read of the VirtualService
    server.setHandler([](const FakeRequest& r, FakeExchange& x) {
        if (r.method == "GET" && r.path == vsPath + u"/envoydummy"_qs)
            return;
        serveVirtualServices(r, x);
    });
    KubeClient client(configFor(server.url()), fastOptions());
    WeightsServiceImpl service;
    QVERIFY(listed(service, &client));
    QSignalSpy applied(&service, &WeightsService::applied);
    WeightsApplyTask* apply = service.apply(service.routes().first(), {10, 90}, this);
    QSignalSpy finished(apply, &Task::finished);
    apply->start();
    QTRY_VERIFY_WITH_TIMEOUT(!server.requests.isEmpty() && server.requests.last().path == vsPath + u"/envoydummy"_qs, 10000);
    const qsizetype requests = server.requests.size();
    apply->cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().value<Error>().kind, Error::Kind::Canceled);
    QTest::qWait(200); // nothing may follow a cancel: a quiet period is the only way to see that
    QCOMPARE(server.requests.size(), requests);
    QCOMPARE(countMethod(server, "PATCH"), 0);
    QCOMPARE(applied.size(), 0);
}

void TestWeightsService::observedSharesFromTheGraph()
{
    const QString pods = u"envoydummy.chapter10.svc.cluster.local"_qs;
    const QString vm = u"envoydummy.chapter10vm.svc.cluster.local"_qs;
    ScriptedGraphSource source;
    source.live = true;
    WeightsServiceImpl service;
    service.setPlan(bookPlan());
    service.setGraphSource(&source);
    QCOMPARE(service.routes().first().destinations.at(0).observedShare, -1.0); // no graph yet
    service.refresh(); // asks the source for a graph of the plan's namespaces
    QCOMPARE(source.graphRequests.size(), 1);
    QCOMPARE(source.graphRequests.first().second.namespaces, bookPlan().graphNamespaces());

    TrafficGraph graph;
    GraphEdge toPods;
    toPods.source = u"gateway"_qs;
    toPods.destination = u"p"_qs;
    toPods.protocol = u"http"_qs;
    toPods.serviceRates.insert(pods, 8);
    GraphEdge toVm = toPods;
    toVm.destination = u"v"_qs;
    toVm.serviceRates = {{vm, 2}};
    graph.edges << toPods << toVm;
    const QString vs = u"chapter10/envoydummy"_qs;
    graph.routeChecks << RouteCheck{u"gateway"_qs, pods, vs, {}, 50, 80, true} << RouteCheck{u"gateway"_qs, vm, vs, {}, 50, 20, true};
    QSignalSpy changed(&service, &WeightsService::routesChanged);
    source.answerGraph(source.graphRequests.first().first, graph);
    QCOMPARE(changed.size(), 1);
    const WeightedRoute route = service.routes().first();
    QCOMPARE(route.destinations.at(0).observedShare, 80.0);
    QCOMPARE(route.destinations.at(1).observedShare, 20.0);
}

QTEST_MAIN(TestWeightsService)
#include "moc_scriptedgraphsource.cpp"
#include "tst_weightsservice.moc"
