// SPDX-License-Identifier: Apache-2.0
#include "graphdetailspanel.h"

#include "scriptedgraphsource.h"

#include <QTest>

#include <cmath>
#include <limits>

// The side panel's time series: what it asks the source for (window, step, target), the points
// its charts get, answers to overtaken requests dropped, the source's error shown, and the note
// for a recording, which has no series at all.

namespace {

SeriesRequest nodeTarget(const QString& id)
{
    SeriesRequest target;
    target.target = SeriesRequest::Target::Node;
    target.nodeId = id;
    target.namespaces = {u"bookinfo"_qs};
    return target;
}

GraphSeries series(const QString& name, const QString& unit, const QList<double>& values)
{
    GraphSeries s{name, unit, {}};
    const double t0 = 1795300000000.0;
    for (int i = 0; i < values.size(); ++i)
        s.points.append(QPointF(t0 + i * 15000.0, values[i]));
    return s;
}

const double noSample = std::numeric_limits<double>::quiet_NaN();

} // namespace

class tst_GraphDetailsPanel final : public QObject
{
    Q_OBJECT

private slots:
    void asksForTheWindowUpToNow_data()
    {
        QTest::addColumn<int>("window");
        QTest::addColumn<int>("step");
        QTest::newRow("1m: the 5 s floor") << 60 << 5;
        QTest::newRow("5m") << 300 << 5;
        QTest::newRow("30m") << 1800 << 30;
        QTest::newRow("1h") << 3600 << 60;
    }
    void asksForTheWindowUpToNow()
    {
        QFETCH(int, window);
        QFETCH(int, step);
        ScriptedGraphSource source;
        GraphDetailsPanel panel;
        panel.setSource(&source);
        panel.setWindow(window);
        QVERIFY(source.seriesRequests.isEmpty()); // nothing selected
        const QDateTime before = QDateTime::currentDateTimeUtc();
        panel.setSelection(u"reviews-vm\nid: x"_qs, nodeTarget(u"wl_Kubernetes_bookinfo_reviews-vm"_qs));
        QCOMPARE(source.seriesRequests.size(), 1);
        const SeriesRequest& sent = source.seriesRequests.first().second;
        QCOMPARE(sent.target, SeriesRequest::Target::Node);
        QCOMPARE(sent.nodeId, u"wl_Kubernetes_bookinfo_reviews-vm"_qs);
        QCOMPARE(sent.namespaces, QStringList{u"bookinfo"_qs});
        QCOMPARE(sent.start.secsTo(sent.end), qint64(window));
        QVERIFY(sent.end >= before.addSecs(-1) && sent.end <= QDateTime::currentDateTimeUtc().addSecs(1));
        QCOMPARE(sent.stepSeconds, step);
        QCOMPARE(panel.pendingRequest(), source.seriesRequests.first().first);
        QCOMPARE(panel.detailsText(), u"reviews-vm\nid: x"_qs);
    }

    void chartsGetThePoints()
    {
        ScriptedGraphSource source;
        GraphDetailsPanel panel;
        panel.setSource(&source);
        panel.setSelection(u"edge"_qs, nodeTarget(u"a"_qs));
        const quint64 id = panel.pendingRequest();
        source.answerSeries(id, {series(u"requests"_qs, u"req/s"_qs, {8, 8.5, 9}),
                                 series(u"errors"_qs, u"req/s"_qs, {0, noSample, 0.5}),
                                 series(u"p95"_qs, u"ms"_qs, {12, 14, 13}), series(u"p99"_qs, u"ms"_qs, {40, 45, 41})});
        QCOMPARE(panel.pendingRequest(), quint64(0));
        QCOMPARE(panel.noteText(), QString());
        const QList<QPointF> requests = panel.seriesPoints(u"requests"_qs);
        QCOMPARE(requests.size(), 3);
        QCOMPARE(requests[1], QPointF(1795300015000.0, 8.5));
        // A step without a sample is left out, not drawn as zero.
        const QList<QPointF> errors = panel.seriesPoints(u"errors"_qs);
        QCOMPARE(errors.size(), 2);
        QCOMPARE(errors[1].y(), 0.5);
        QCOMPARE(panel.seriesPoints(u"p99"_qs).size(), 3);
        QCOMPARE(panel.seriesPoints(u"p99"_qs)[1].y(), 45.0);
    }

    void staleAnswersDropped()
    {
        ScriptedGraphSource source;
        GraphDetailsPanel panel;
        panel.setSource(&source);
        panel.setSelection(u"a"_qs, nodeTarget(u"a"_qs));
        panel.setSelection(u"b"_qs, nodeTarget(u"b"_qs));
        QCOMPARE(source.seriesRequests.size(), 2);
        const quint64 first = source.seriesRequests[0].first;
        const quint64 second = source.seriesRequests[1].first;
        // The answer for the node selected before arrives last but one: dropped.
        source.answerSeries(first, {series(u"requests"_qs, u"req/s"_qs, {1, 1})});
        QVERIFY(panel.seriesPoints(u"requests"_qs).isEmpty());
        QCOMPARE(panel.pendingRequest(), second);
        source.answerSeries(second, {series(u"requests"_qs, u"req/s"_qs, {2, 2, 2})});
        QCOMPARE(panel.seriesPoints(u"requests"_qs).size(), 3);
        // A repeated answer (or a late one for an earlier window) changes nothing.
        source.answerSeries(first, {series(u"requests"_qs, u"req/s"_qs, {1})});
        QCOMPARE(panel.seriesPoints(u"requests"_qs).size(), 3);
        // A new window asks again; its answer replaces the points.
        panel.setWindow(600);
        QCOMPARE(source.seriesRequests.size(), 3);
        source.answerSeries(source.seriesRequests[2].first, {series(u"requests"_qs, u"req/s"_qs, {5})});
        QCOMPARE(panel.seriesPoints(u"requests"_qs).size(), 1);
        // The same selection again (a metrics refresh of the graph) does not ask again.
        panel.setSelection(u"b, new numbers"_qs, nodeTarget(u"b"_qs));
        QCOMPARE(source.seriesRequests.size(), 3);
        QCOMPARE(panel.detailsText(), u"b, new numbers"_qs);
    }

    void errorShown()
    {
        ScriptedGraphSource source;
        GraphDetailsPanel panel;
        panel.setSource(&source);
        panel.setSelection(u"a"_qs, nodeTarget(u"a"_qs));
        source.answerSeries(panel.pendingRequest(), {}, u"Prometheus: 503 Service Unavailable"_qs);
        QCOMPARE(panel.noteText(), u"Prometheus: 503 Service Unavailable"_qs);
        QVERIFY(panel.findChild<QWidget*>(u"graphSeriesNote"_qs)->property("error").toBool());
        QVERIFY(panel.seriesPoints(u"requests"_qs).isEmpty());
    }

    void noSeriesForARecording()
    {
        ScriptedGraphSource source;
        source.live = false;
        GraphDetailsPanel panel;
        panel.setSource(&source);
        panel.setSelection(u"a"_qs, nodeTarget(u"a"_qs));
        QVERIFY(source.seriesRequests.isEmpty());
        QCOMPARE(panel.noteText(), u"No time series in a recording."_qs);
        // Deselecting clears the note and the details.
        panel.setSelection({}, std::nullopt);
        QCOMPARE(panel.noteText(), QString());
        QVERIFY(panel.detailsText().startsWith(u"Select a node or an edge"_qs));
    }
};

QTEST_MAIN(tst_GraphDetailsPanel)
#include "moc_scriptedgraphsource.cpp"
#include "tst_graphdetailspanel.moc"
