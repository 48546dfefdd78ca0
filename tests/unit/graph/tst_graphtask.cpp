// SPDX-License-Identifier: Apache-2.0
// A graph request as a Task: one finished() with the graph or the source's typed error; cancel
// drops the request at the source and a late answer is not delivered.

#include "graphtask.h"
#include "scriptedgraphsource.h"

#include <QSignalSpy>
#include <QTest>

class TestGraphTask final : public QObject
{
    Q_OBJECT
private slots:
    void deliversTheGraph();
    void failureStaysTyped();
    void cancelDropsTheRequest();
    void otherRequestsAreNotOurs();
};

void TestGraphTask::deliversTheGraph()
{
    ScriptedGraphSource source;
    GraphRequest request;
    request.namespaces = {u"bookinfo"_qs};
    GraphTask task(&source, request);
    QSignalSpy finished(&task, &Task::finished);
    task.start();
    QCOMPARE(source.graphRequests.size(), 1);
    QCOMPARE(source.graphRequests.first().second.namespaces, QStringList{u"bookinfo"_qs});
    TrafficGraph graph;
    graph.warnings = {u"a marker"_qs};
    source.answerGraph(source.graphRequests.first().first, graph);
    QCOMPARE(finished.size(), 1);
    QVERIFY(!task.error().isError());
    QCOMPARE(task.graph().warnings, QStringList{u"a marker"_qs});
}

void TestGraphTask::failureStaysTyped()
{
    ScriptedGraphSource source;
    GraphTask task(&source, {});
    QSignalSpy finished(&task, &Task::finished);
    task.start();
    source.failGraph(source.graphRequests.first().first, u"Prometheus is not reachable"_qs, Error::Kind::PrometheusFailed);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(task.error().kind, Error::Kind::PrometheusFailed);
    QCOMPARE(task.error().message, u"Prometheus is not reachable");
}

void TestGraphTask::cancelDropsTheRequest()
{
    ScriptedGraphSource source;
    GraphTask task(&source, {});
    QSignalSpy finished(&task, &Task::finished);
    task.start();
    const quint64 id = source.graphRequests.first().first;
    task.cancel();
    QCOMPARE(source.canceledRequests, QList<quint64>{id});
    QCOMPARE(finished.size(), 1);
    QCOMPARE(task.error().kind, Error::Kind::Canceled);
    source.answerGraph(id, {}); // a source that answers anyway is not heard
    QCOMPARE(finished.size(), 1);
    QCOMPARE(task.error().kind, Error::Kind::Canceled);
}

void TestGraphTask::otherRequestsAreNotOurs()
{
    ScriptedGraphSource source;
    GraphTask task(&source, {});
    QSignalSpy finished(&task, &Task::finished);
    task.start();
    const quint64 id = source.graphRequests.first().first;
    source.answerGraph(id + 100, {});
    source.failGraph(id + 100, u"not ours"_qs);
    QCOMPARE(finished.size(), 0);
    source.answerGraph(id, {});
    QCOMPARE(finished.size(), 1);
}

QTEST_GUILESS_MAIN(TestGraphTask)
#include "tst_graphtask.moc"
#include "moc_scriptedgraphsource.cpp"
