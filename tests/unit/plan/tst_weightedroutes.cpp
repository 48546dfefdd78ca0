// SPDX-License-Identifier: Apache-2.0
// The weights page's routes: the plan's splits and the cluster's weighted VirtualService routes
// (a recorded list, tests/data/kube/weights/) as one list, pods and VMs told apart, and what a
// change of weights makes of the live VirtualService and of the plan.

#include "generators.h"
#include "planloader.h"
#include "testsupport.h"
#include "weightedroutes.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {

Plan bookPlan()
{
    const PlanLoadResult loaded = loadPlanFile(TestSupport::sourceDir() + u"/examples/book-chapter10.yaml"_qs);
    return loaded.plan ? *loaded.plan : Plan{};
}

QList<QJsonObject> recordedVirtualServices()
{
    const QByteArray json = TestSupport::readAll(TestSupport::sourceDir() + u"/tests/data/kube/weights/virtualservices.json"_qs);
    QList<QJsonObject> items;
    for (const QJsonValue& item : QJsonDocument::fromJson(json).object().value(u"items"_qs).toArray())
        items.append(item.toObject());
    return items;
}

} // namespace

class TestWeightedRoutes final : public QObject
{
    Q_OBJECT
private slots:
    void fqdn_data();
    void fqdn();
    void planSplits();
    void clusterRoutes();
    void mergedWithThePlan();
    void mergedAndEqual();
    void planOnlyWhenNotLive();
    void proposedFromLive();
    void proposedFromPlan();
    void weightChanges();
    void saveToPlan();
};

void TestWeightedRoutes::fqdn_data()
{
    QTest::addColumn<QString>("host");
    QTest::addColumn<QString>("expected");
    QTest::newRow("short") << u"reviews"_qs << u"reviews.chapter10.svc.cluster.local"_qs;
    QTest::newRow("name.ns") << u"reviews.other"_qs << u"reviews.other.svc.cluster.local"_qs;
    QTest::newRow("svc") << u"reviews.other.svc"_qs << u"reviews.other.svc.cluster.local"_qs;
    QTest::newRow("fqdn") << u"reviews.other.svc.cluster.local"_qs << u"reviews.other.svc.cluster.local"_qs;
    QTest::newRow("external") << u"api.example.com"_qs << u"api.example.com"_qs;
}

void TestWeightedRoutes::fqdn()
{
    QFETCH(QString, host);
    QFETCH(QString, expected);
    QCOMPARE(WeightedRoutes::fqdn(host, u"chapter10"_qs), expected);
}

void TestWeightedRoutes::planSplits()
{
    const Plan plan = bookPlan();
    QCOMPARE(plan.trafficSplits.size(), 1);
    const QList<WeightedRoute> routes = WeightedRoutes::fromPlan(plan);
    QCOMPARE(routes.size(), 1);
    const WeightedRoute& r = routes.first();
    QCOMPARE(r.key(), u"chapter10/envoydummy http[0]"_qs);
    QCOMPARE(r.source, WeightedRoute::Source::Plan);
    QCOMPARE(r.planSplit, 0);
    QCOMPARE(r.weights(), (QList<int>{50, 50}));
    QCOMPARE(r.destinations.at(0).side, WeightedDestination::Side::Pods);
    QCOMPARE(r.destinations.at(1).side, WeightedDestination::Side::Vm); // the group's Service
    QCOMPARE(r.destinations.at(1).group, u"envoydummy"_qs);
    QCOMPARE(r.destinations.at(0).liveWeight, -1);
    QCOMPARE(r.destinations.at(0).planWeight, 50);
    QVERIFY(r.live.isEmpty());
}

void TestWeightedRoutes::clusterRoutes()
{
    const QList<WeightedRoute> routes = WeightedRoutes::fromVirtualServices(recordedVirtualServices(), bookPlan());
    QStringList keys;
    for (const WeightedRoute& r : routes)
        keys << r.key();
    // reviews' "jason" route has one destination and no weight; "plain" has no weighted route.
    QCOMPARE(keys, (QStringList{u"chapter10/envoydummy http[0]"_qs, u"chapter10/reviews http[1]"_qs,
                                u"chapter10/reviews tcp[0]"_qs}));
    const WeightedRoute& canary = routes.at(1);
    QCOMPARE(canary.routeName, u"canary"_qs);
    QCOMPARE(canary.source, WeightedRoute::Source::Cluster);
    QCOMPARE(canary.weights(), (QList<int>{70, 20, 10}));
    QCOMPARE(canary.destinations.at(1).subset, u"v2"_qs);
    QCOMPARE(canary.destinations.at(1).port, 9080);
    QCOMPARE(canary.destinations.at(1).label(), u"reviews/v2"_qs);
    QCOMPARE(canary.destinations.at(1).side, WeightedDestination::Side::Pods);
    QCOMPARE(canary.hosts, QStringList{u"reviews"_qs});
    const WeightedRoute& tcp = routes.at(2);
    QCOMPARE(tcp.protocol, u"tcp"_qs);
    QCOMPARE(tcp.destinations.at(1).side, WeightedDestination::Side::Vm);
    QCOMPARE(tcp.destinations.at(1).port, 80);
    QCOMPARE(tcp.destinations.at(1).liveWeight, 50);
    QCOMPARE(tcp.destinations.at(1).planWeight, -1);
}

void TestWeightedRoutes::mergedWithThePlan()
{
    const Plan plan = bookPlan();
    const QList<WeightedRoute> routes = WeightedRoutes::merge(
        WeightedRoutes::fromPlan(plan), WeightedRoutes::fromVirtualServices(recordedVirtualServices(), plan));
    QCOMPARE(routes.size(), 3);
    const WeightedRoute& split = routes.first();
    QCOMPARE(split.key(), u"chapter10/envoydummy http[0]"_qs);
    QCOMPARE(split.source, WeightedRoute::Source::Both);
    QVERIFY(split.differs); // 80/20 live, 50/50 planned
    QCOMPARE(split.planSplit, 0);
    QCOMPARE(split.weights(), (QList<int>{80, 20})); // what is configured is what the cluster has
    QCOMPARE(split.destinations.at(0).planWeight, 50);
    QCOMPARE(split.destinations.at(0).liveWeight, 80);
    QCOMPARE(split.destinations.at(1).side, WeightedDestination::Side::Vm);
    QVERIFY(!split.live.isEmpty());
    QCOMPARE(routes.at(1).source, WeightedRoute::Source::Cluster);
}

void TestWeightedRoutes::mergedAndEqual()
{
    Plan plan = bookPlan();
    plan.trafficSplits[0].destinations[0].weight = 80;
    plan.trafficSplits[0].destinations[1].weight = 20;
    const QList<WeightedRoute> routes = WeightedRoutes::merge(
        WeightedRoutes::fromPlan(plan), WeightedRoutes::fromVirtualServices(recordedVirtualServices(), plan));
    QCOMPARE(routes.first().source, WeightedRoute::Source::Both);
    QVERIFY(!routes.first().differs);

    // Another destination set differs even with equal weights on the ones that match.
    plan.trafficSplits[0].destinations[1].host = u"other.chapter10vm.svc.cluster.local"_qs;
    const QList<WeightedRoute> other = WeightedRoutes::merge(
        WeightedRoutes::fromPlan(plan), WeightedRoutes::fromVirtualServices(recordedVirtualServices(), plan));
    QVERIFY(other.first().differs);
    QString why;
    QVERIFY(!WeightedRoutes::canSaveToPlan(other.first(), &why));
    QVERIFY(why.contains(u"envoydummy.chapter10vm.svc.cluster.local"_qs));
}

void TestWeightedRoutes::planOnlyWhenNotLive()
{
    const Plan plan = bookPlan();
    const QList<WeightedRoute> routes = WeightedRoutes::merge(WeightedRoutes::fromPlan(plan), {});
    QCOMPARE(routes.size(), 1);
    QCOMPARE(routes.first().source, WeightedRoute::Source::Plan);
    QVERIFY(!routes.first().differs);
}

void TestWeightedRoutes::proposedFromLive()
{
    const Plan plan = bookPlan();
    const QList<WeightedRoute> routes = WeightedRoutes::fromVirtualServices(recordedVirtualServices(), plan);
    const WeightedRoute& canary = routes.at(1);
    const QJsonObject vs = WeightedRoutes::proposedVirtualService(plan, canary, {50, 30, 20});
    QCOMPARE(vs.value(u"kind"_qs).toString(), u"VirtualService"_qs);
    const QJsonObject metadata = vs.value(u"metadata"_qs).toObject();
    // Only what apply may send: no resourceVersion, uid, managedFields; kubectl's bookkeeping dropped.
    QCOMPARE(metadata.keys(), (QStringList{u"annotations"_qs, u"name"_qs, u"namespace"_qs}));
    QCOMPARE(metadata.value(u"annotations"_qs).toObject(), (QJsonObject{{u"team"_qs, u"books"_qs}}));
    const QJsonArray http = vs.value(u"spec"_qs).toObject().value(u"http"_qs).toArray();
    QCOMPARE(http.size(), 2);
    QCOMPARE(http.at(0), canary.live.value(u"spec"_qs).toObject().value(u"http"_qs).toArray().at(0)); // untouched
    const QJsonArray route = http.at(1).toObject().value(u"route"_qs).toArray();
    QCOMPARE(route.at(0).toObject().value(u"weight"_qs).toInt(), 50);
    QCOMPARE(route.at(1).toObject().value(u"weight"_qs).toInt(), 30);
    QCOMPARE(route.at(2).toObject().value(u"weight"_qs).toInt(), 20);
    QCOMPARE(route.at(2).toObject().value(u"destination"_qs).toObject().value(u"subset"_qs).toString(), u"v3"_qs);
    QCOMPARE(vs.value(u"spec"_qs).toObject().value(u"tcp"_qs), canary.live.value(u"spec"_qs).toObject().value(u"tcp"_qs));
    QVERIFY(WeightedRoutes::proposedVirtualService(plan, canary, {50, 50}).isEmpty()); // wrong size
}

void TestWeightedRoutes::proposedFromPlan()
{
    const Plan plan = bookPlan();
    const WeightedRoute route = WeightedRoutes::fromPlan(plan).first();
    const QJsonObject vs = WeightedRoutes::proposedVirtualService(plan, route, {80, 20});
    Plan expectedPlan = plan;
    expectedPlan.trafficSplits[0].destinations[0].weight = 80;
    expectedPlan.trafficSplits[0].destinations[1].weight = 20;
    QCOMPARE(vs, Generators::trafficSplit(expectedPlan, expectedPlan.trafficSplits[0]).first().object);
}

void TestWeightedRoutes::weightChanges()
{
    const WeightedRoute route = WeightedRoutes::fromPlan(bookPlan()).first();
    QCOMPARE(WeightedRoutes::weightChanges(route, {50, 50}), QStringList{});
    QCOMPARE(WeightedRoutes::weightChanges(route, {80, 20}),
             (QStringList{u"envoydummy.chapter10.svc.cluster.local: 50% → 80%"_qs,
                          u"envoydummy.chapter10vm.svc.cluster.local: 50% → 20%"_qs}));
}

void TestWeightedRoutes::saveToPlan()
{
    const Plan plan = bookPlan();
    const QList<WeightedRoute> routes = WeightedRoutes::merge(
        WeightedRoutes::fromPlan(plan), WeightedRoutes::fromVirtualServices(recordedVirtualServices(), plan));
    const WeightedRoute& split = routes.first();
    QVERIFY(WeightedRoutes::canSaveToPlan(split));
    const Plan saved = WeightedRoutes::withWeights(plan, split, {70, 30});
    QCOMPARE(saved.trafficSplits[0].destinations[0].weight, 70);
    QCOMPARE(saved.trafficSplits[0].destinations[1].weight, 30);
    Plan rest = saved;
    rest.trafficSplits = plan.trafficSplits;
    QCOMPARE(rest, plan); // nothing else changed

    QString why;
    QVERIFY(!WeightedRoutes::canSaveToPlan(routes.at(1), &why)); // only in the cluster
    QVERIFY(!why.isEmpty());
    QCOMPARE(WeightedRoutes::withWeights(plan, routes.at(1), {40, 40, 20}), plan);
}

QTEST_APPLESS_MAIN(TestWeightedRoutes)
#include "tst_weightedroutes.moc"
