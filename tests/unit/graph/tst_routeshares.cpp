// SPDX-License-Identifier: Apache-2.0
// The observed share per destination the weights page shows: the graph's route checks combined
// over callers by their traffic through the route.

#include "graphroutes.h"
#include "routeshares.h"

#include <QTest>

namespace {

GraphEdge edge(const QString& source, const QString& destination, const QString& host, double rate)
{
    GraphEdge e;
    e.source = source;
    e.destination = destination;
    e.protocol = u"http"_qs;
    e.requestRate = rate;
    e.serviceRates.insert(host, rate);
    return e;
}

} // namespace

class TestRouteShares final : public QObject
{
    Q_OBJECT
private slots:
    void combinesCallersByRate();
    void noChecksNoShares();
    void driftRule_data();
    void driftRule();
};

void TestRouteShares::combinesCallersByRate()
{
    const QString pods = u"envoydummy.chapter10.svc.cluster.local"_qs;
    const QString vm = u"envoydummy.chapter10vm.svc.cluster.local"_qs;
    TrafficGraph graph;
    // Caller a sends 30 req/s (80/20), caller b 10 req/s (40/60).
    graph.edges << edge(u"a"_qs, u"p"_qs, pods, 24) << edge(u"a"_qs, u"v"_qs, vm, 6)
                << edge(u"b"_qs, u"p"_qs, pods, 4) << edge(u"b"_qs, u"v"_qs, vm, 6);
    const QString vs = u"chapter10/envoydummy"_qs;
    graph.routeChecks << RouteCheck{u"a"_qs, pods, vs, {}, 50, 80, true} << RouteCheck{u"a"_qs, vm, vs, {}, 50, 20, true}
                      << RouteCheck{u"b"_qs, pods, vs, {}, 50, 40, false} << RouteCheck{u"b"_qs, vm, vs, {}, 50, 60, false}
                      << RouteCheck{u"a"_qs, u"other"_qs, u"chapter10/other"_qs, {}, 100, 100, false};
    const QHash<QString, double> shares = observedRouteShares(graph, vs);
    QCOMPARE(shares.size(), 2);
    QCOMPARE(shares.value(routeShareKey(pods, {})), 70.0); // (80·30 + 40·10) / 40
    QCOMPARE(shares.value(routeShareKey(vm, {})), 30.0);
}

void TestRouteShares::noChecksNoShares()
{
    TrafficGraph graph;
    graph.edges << edge(u"a"_qs, u"p"_qs, u"x.ns.svc.cluster.local"_qs, 1);
    QVERIFY(observedRouteShares(graph, u"ns/x"_qs).isEmpty());
}

void TestRouteShares::driftRule_data()
{
    QTest::addColumn<double>("observed");
    QTest::addColumn<int>("weight");
    QTest::addColumn<bool>("drift");
    QTest::newRow("equal") << 50.0 << 50 << false;
    QTest::newRow("at tolerance") << 60.0 << 50 << false;
    QTest::newRow("beyond above") << 60.5 << 50 << true;
    QTest::newRow("beyond below") << 39.0 << 50 << true;
}

void TestRouteShares::driftRule()
{
    QFETCH(double, observed);
    QFETCH(int, weight);
    QFETCH(bool, drift);
    QCOMPARE(weightDrifts(observed, weight, 10), drift);
}

QTEST_APPLESS_MAIN(TestRouteShares)
#include "tst_routeshares.moc"
