// SPDX-License-Identifier: Apache-2.0
// The cluster runs as Tasks against a scripted API server (fakeapiserver.h, with the discovery
// documents recorded from the lab): cancel at each point stops them at once, exactly one
// finished(Canceled), and no request (above all no write) follows; failures arrive typed, with
// the Kubernetes Status kept. The same runs against the real apiserver: tests/lab/app.

#include "applyrun.h"
#include "clusterfactsrun.h"
#include "fakeapiserver.h"
#include "fakeclient.h"
#include "planloader.h"
#include "preflightrun.h"
#include "statusrun.h"
#include "testsupport.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

namespace {

Resource namespaceResource(const QString& name)
{
    Resource r;
    r.object = {{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"Namespace"_qs}, {u"metadata"_qs, QJsonObject{{u"name"_qs, name}}}};
    return r;
}

QJsonObject namespaceWithPhase(const QString& name, const QString& phase)
{
    QJsonObject ns = namespaceResource(name).object;
    ns[u"metadata"_qs] = QJsonObject{{u"name"_qs, name}, {u"resourceVersion"_qs, u"7"_qs}};
    ns[u"status"_qs] = QJsonObject{{u"phase"_qs, phase}};
    return ns;
}

qsizetype countMethod(const FakeApiServer& server, const QByteArray& method)
{
    return std::count_if(server.requests.cbegin(), server.requests.cend(),
                         [&](const FakeRequest& r) { return r.method == method; });
}

bool isDiscovery(const FakeRequest& r)
{
    return r.path == u"/api" || r.path == u"/apis" || (r.path.startsWith(u"/api/v1") && r.path.count(u'/') == 2)
        || (r.path.startsWith(u"/apis/") && r.path.count(u'/') == 3);
}

Plan bookPlan()
{
    const PlanLoadResult loaded = loadPlanFile(TestSupport::sourceDir() + u"/examples/book-chapter10.yaml"_qs);
    return loaded.plan ? *loaded.plan : Plan{};
}

/*! After cancel: one finished(Canceled), and no further request reaches the server. */
void expectCanceledAndQuiet(Task& task, QSignalSpy& finished, const FakeApiServer& server, int quietMs)
{
    const qsizetype requests = server.requests.size();
    task.cancel();
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().value<Error>().kind, Error::Kind::Canceled);
    QTest::qWait(quietMs);
    QCOMPARE(server.requests.size(), requests);
    QCOMPARE(finished.size(), 1);
}

} // namespace

class TestClusterRuns final : public QObject
{
    Q_OBJECT
private slots:
    void applyCanceledWhileReading();
    void applyCanceledWhileWaiting();
    void applyFailureKeepsTheStatus();
    void applyFinishesWithProgress();
    void preflightCanceled();
    void preflightUnreachableIsTyped();
    void statusCanceled();
    void factsCanceled();
    void factsMissingMeshConfigIsTyped();
};

void TestClusterRuns::applyCanceledWhileReading()
{
    FakeApiServer server; // answers discovery, holds everything else
    server.setHandler([](const FakeRequest& r, FakeExchange& x) { fakeDiscovery(r, x); });
    KubeClient client(configFor(server.url()), fastOptions());
    ApplyRun run(&client, {namespaceResource(u"a"_qs), namespaceResource(u"b"_qs)}, {});
    QSignalSpy finished(&run, &Task::finished);
    run.start();
    QTRY_VERIFY_WITH_TIMEOUT(!server.requests.isEmpty() && server.requests.last().path == u"/api/v1/namespaces/a", 10000);
    expectCanceledAndQuiet(run, finished, server, 300);
    QCOMPARE(countMethod(server, "PATCH"), 0); // nothing was written
    QCOMPARE(run.steps().size(), 0);
}

void TestClusterRuns::applyCanceledWhileWaiting()
{
    FakeApiServer server;
    int gets = 0;
    server.setHandler([&gets](const FakeRequest& r, FakeExchange& x) {
        if (fakeDiscovery(r, x))
            return;
        if (r.method == "GET" && gets++ == 0)
            x.respondJson(404, fakeStatus(404, u"NotFound"_qs, u"namespaces \"a\" not found"_qs));
        else if (r.method == "PATCH")
            x.respondJson(201, namespaceWithPhase(u"a"_qs, {}));
        else
            x.respondJson(200, namespaceWithPhase(u"a"_qs, u"Pending"_qs)); // never Active: the run polls
    });
    KubeClient client(configFor(server.url()), fastOptions());
    ApplyRun run(&client, {namespaceResource(u"a"_qs), namespaceResource(u"b"_qs)}, {});
    QSignalSpy finished(&run, &Task::finished);
    run.start();
    QTRY_VERIFY_WITH_TIMEOUT(gets >= 2, 10000); // created, then polled for Active
    // The poll repeats every second; after cancel no poll and no apply of "b" may follow.
    expectCanceledAndQuiet(run, finished, server, 1500);
    QCOMPARE(countMethod(server, "PATCH"), 1);
    QCOMPARE(run.steps().size(), 1);
}

void TestClusterRuns::applyFailureKeepsTheStatus()
{
    FakeApiServer server;
    server.setHandler([](const FakeRequest& r, FakeExchange& x) {
        if (fakeDiscovery(r, x))
            return;
        if (r.method == "GET")
            x.respondJson(200, namespaceWithPhase(u"a"_qs, u"Active"_qs));
        else
            x.respondJson(409, fakeStatus(409, u"Conflict"_qs, u"Apply failed with 1 conflict: conflict with \"kubectl-edit\""_qs));
    });
    KubeClient client(configFor(server.url()), fastOptions());
    ApplyRun run(&client, {namespaceResource(u"a"_qs), namespaceResource(u"b"_qs)}, {});
    QSignalSpy finished(&run, &Task::finished);
    run.start();
    QVERIFY(finished.wait(10000));
    QTest::qWait(50);
    QCOMPARE(finished.size(), 1);
    const auto error = finished.first().first().value<Error>();
    QCOMPARE(error.kind, Error::Kind::KubernetesStatus);
    QCOMPARE(error.reason, u"Conflict");
    QCOMPARE(error.httpStatus, 409);
    QVERIFY2(error.message.startsWith(u"Namespace a: "_qs), qPrintable(error.message));
    QVERIFY2(error.message.contains(u"--force-conflicts"_qs), qPrintable(error.message));
    QCOMPARE(run.steps().size(), 1);
    QCOMPARE(run.steps().first().outcome, ApplyRun::Outcome::Failed);
    QCOMPARE(countMethod(server, "PATCH"), 1); // "b" is not tried after "a" failed
}

void TestClusterRuns::applyFinishesWithProgress()
{
    FakeApiServer server;
    server.setHandler([](const FakeRequest& r, FakeExchange& x) {
        if (fakeDiscovery(r, x))
            return;
        const QString name = r.path.section(u'/', -1);
        x.respondJson(200, namespaceWithPhase(name, u"Active"_qs));
    });
    KubeClient client(configFor(server.url()), fastOptions());
    ApplyRun run(&client, {namespaceResource(u"a"_qs), namespaceResource(u"b"_qs)}, {});
    QSignalSpy finished(&run, &Task::finished);
    QSignalSpy progress(&run, &Task::progress);
    run.start();
    QVERIFY(finished.wait(10000));
    QVERIFY2(!run.error().isError(), qPrintable(run.error().text()));
    QCOMPARE(run.steps().size(), 2);
    QCOMPARE(progress.size(), 3); // "Namespace a" (0 of 2), "Namespace b" (1 of 2), done (2 of 2)
    QCOMPARE(progress.at(0).at(2).toString(), u"Namespace a");
    QCOMPARE(progress.at(1).at(0).toInt(), 1);
    QCOMPARE(progress.at(2).at(0).toInt(), 2);
    QCOMPARE(progress.at(2).at(1).toInt(), 2);
}

void TestClusterRuns::preflightCanceled()
{
    FakeApiServer server;
    server.setHandler([](const FakeRequest& r, FakeExchange& x) {
        if (r.path != u"/version")
            fakeDiscovery(r, x);
    });
    KubeClient client(configFor(server.url()), fastOptions());
    PreflightRun run(&client, bookPlan());
    QSignalSpy finished(&run, &Task::finished);
    run.start();
    QTRY_VERIFY_WITH_TIMEOUT(!server.requests.isEmpty(), 10000);
    expectCanceledAndQuiet(run, finished, server, 300);
    QVERIFY(run.checks().isEmpty());
}

void TestClusterRuns::preflightUnreachableIsTyped()
{
    quint16 port = 0;
    {
        QTcpServer closed;
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        port = closed.serverPort();
    }
    KubeClient client(configFor(QUrl(u"http://127.0.0.1:"_qs + QString::number(port))), fastOptions());
    PreflightRun run(&client, bookPlan());
    QSignalSpy finished(&run, &Task::finished);
    run.start();
    QVERIFY(finished.wait(20000));
    QCOMPARE(run.error().kind, Error::Kind::KubernetesUnreachable);
    QVERIFY(!run.checks().isEmpty()); // the table still says it, with the fix
    QCOMPARE(int(run.checks().first().status), int(PreflightCheck::Status::Fail));
}

void TestClusterRuns::statusCanceled()
{
    FakeApiServer server; // discovery only: every object read is held
    server.setHandler([](const FakeRequest& r, FakeExchange& x) { fakeDiscovery(r, x); });
    KubeClient client(configFor(server.url()), fastOptions());
    StatusRun run(&client, bookPlan(), {namespaceResource(u"a"_qs)});
    QSignalSpy finished(&run, &Task::finished);
    run.start();
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(server.requests.cbegin(), server.requests.cend(),
                                         [](const FakeRequest& r) { return !isDiscovery(r); }),
                             10000);
    expectCanceledAndQuiet(run, finished, server, 300);
}

void TestClusterRuns::factsCanceled()
{
    FakeApiServer server;
    server.setHandler([](const FakeRequest& r, FakeExchange& x) { fakeDiscovery(r, x); });
    KubeClient client(configFor(server.url()), fastOptions());
    ClusterFactsRun run(&client, bookPlan());
    QSignalSpy finished(&run, &Task::finished);
    run.start();
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(server.requests.cbegin(), server.requests.cend(),
                                         [](const FakeRequest& r) { return !isDiscovery(r); }),
                             10000);
    expectCanceledAndQuiet(run, finished, server, 300);
}

void TestClusterRuns::factsMissingMeshConfigIsTyped()
{
    FakeApiServer server;
    server.setHandler([](const FakeRequest& r, FakeExchange& x) {
        if (!fakeDiscovery(r, x))
            x.respondJson(404, fakeStatus(404, u"NotFound"_qs, u"not found"_qs));
    });
    KubeClient client(configFor(server.url()), fastOptions());
    ClusterFactsRun run(&client, bookPlan());
    QSignalSpy finished(&run, &Task::finished);
    run.start();
    QVERIFY(finished.wait(10000));
    const auto error = finished.first().first().value<Error>();
    QCOMPARE(error.kind, Error::Kind::KubernetesStatus);
    QCOMPARE(error.reason, u"NotFound");
    QCOMPARE(error.httpStatus, 404);
    QCOMPARE(error.message, run.facts().error);
    QVERIFY2(error.message.contains(u"is Istio installed"_qs), qPrintable(error.message));
}

QTEST_GUILESS_MAIN(TestClusterRuns)
#include "tst_clusterruns.moc"
