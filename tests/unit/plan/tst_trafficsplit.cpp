// SPDX-License-Identifier: Apache-2.0
#include "generators.h"

#include <QJsonArray>
#include <QTest>

/*
 * The book chapter's 50/50 split between the pods (envoydummy.chapter10) and the VMs
 * (envoydummy.chapter10vm), and subsets as Istio's VirtualService/DestinationRule API shapes them.
 */
class tst_TrafficSplit final : public QObject
{
    Q_OBJECT

private slots:
    void bookChapter();
    void apiVersionFollowsIstio();
    void gatewaysAndPort();
    void subsetsMakeDestinationRules();
    void subsetRuleNamesStayUnique();
    void singleDestination();
    void originIsTheSplitIndex();

private:
    static Plan chapter10();
    static QJsonArray routeOf(const Resource& vs);
};

Plan tst_TrafficSplit::chapter10()
{
    Plan plan;
    plan.mesh.istioVersion = u"1.29.0"_qs;
    plan.mesh.network = u"network1"_qs;
    TrafficSplit split;
    split.name = u"envoydummy"_qs;
    split.namespaceName = u"chapter10"_qs;
    split.hosts = {u"mockshop.com"_qs};
    split.gateways = {u"chapter10-gateway"_qs};
    split.destinations = {SplitDestination{u"envoydummy.chapter10.svc.cluster.local"_qs, 50, 0, {}, {}},
                          SplitDestination{u"envoydummy.chapter10vm.svc.cluster.local"_qs, 50, 0, {}, {}}};
    plan.trafficSplits << split;
    return plan;
}

QJsonArray tst_TrafficSplit::routeOf(const Resource& vs)
{
    const QJsonArray http = vs.object.value(u"spec").toObject().value(u"http").toArray();
    return http.first().toObject().value(u"route").toArray();
}

void tst_TrafficSplit::bookChapter()
{
    const Plan plan = chapter10();
    const QList<Resource> out = Generators::trafficSplit(plan, plan.trafficSplits.first());
    QCOMPARE(out.size(), 1); // no subsets, no DestinationRule
    const Resource& vs = out.first();
    QCOMPARE(vs.key(), u"VirtualService/chapter10/envoydummy"_qs);
    QCOMPARE(vs.apiVersion(), u"networking.istio.io/v1"_qs);
    QCOMPARE(vs.stage, Stage::TrafficSplit);
    QCOMPARE(vs.channel, Resource::Channel::Kubectl);
    const QJsonObject spec = vs.object.value(u"spec").toObject();
    QCOMPARE(spec.value(u"hosts").toArray(), QJsonArray{u"mockshop.com"_qs});
    QCOMPARE(spec.value(u"gateways").toArray(), QJsonArray{u"chapter10-gateway"_qs});
    QCOMPARE(spec.value(u"http").toArray().size(), 1);

    // The seed's route, exactly: destination.host + weight, nothing else.
    const QJsonArray route = routeOf(vs);
    QCOMPARE(route.size(), 2);
    QCOMPARE(route.at(0).toObject(),
             (QJsonObject{{u"destination"_qs, QJsonObject{{u"host"_qs, u"envoydummy.chapter10.svc.cluster.local"_qs}}},
                          {u"weight"_qs, 50}}));
    QCOMPARE(route.at(1).toObject(),
             (QJsonObject{{u"destination"_qs, QJsonObject{{u"host"_qs, u"envoydummy.chapter10vm.svc.cluster.local"_qs}}},
                          {u"weight"_qs, 50}}));
}

void tst_TrafficSplit::apiVersionFollowsIstio()
{
    Plan plan = chapter10();
    plan.mesh.istioVersion = u"1.20.8"_qs;
    plan.trafficSplits[0].destinations[1].subset = u"vm"_qs;
    plan.trafficSplits[0].destinations[1].subsetLabels = {{u"app"_qs, u"envoydummy"_qs}};
    for (const Resource& r : Generators::trafficSplit(plan, plan.trafficSplits.first()))
        QCOMPARE(r.apiVersion(), u"networking.istio.io/v1alpha3"_qs);
}

void tst_TrafficSplit::gatewaysAndPort()
{
    Plan plan = chapter10();
    TrafficSplit& split = plan.trafficSplits[0];
    split.gateways.clear(); // mesh-internal only
    split.hosts = {u"envoydummy"_qs};
    split.destinations[0].port = 80;
    const Resource vs = Generators::trafficSplit(plan, split).first();
    QVERIFY(!vs.object.value(u"spec").toObject().contains(u"gateways"));
    const QJsonObject dest = routeOf(vs).at(0).toObject().value(u"destination").toObject();
    QCOMPARE(dest.value(u"port").toObject(), (QJsonObject{{u"number"_qs, 80}}));
    QVERIFY(!routeOf(vs).at(1).toObject().value(u"destination").toObject().contains(u"port"));
}

void tst_TrafficSplit::subsetsMakeDestinationRules()
{
    Plan plan = chapter10();
    TrafficSplit& split = plan.trafficSplits[0];
    split.destinations = {
        SplitDestination{u"envoydummy"_qs, 80, 0, u"pods"_qs, {{u"version"_qs, u"v1"_qs}}},
        SplitDestination{u"envoydummy"_qs, 20, 0, u"vms"_qs, {{u"version"_qs, u"v2"_qs}}},
    };
    const QList<Resource> out = Generators::trafficSplit(plan, split);
    QCOMPARE(out.size(), 2);
    const QJsonArray route = routeOf(out.at(0));
    QCOMPARE(route.at(0).toObject().value(u"destination").toObject(),
             (QJsonObject{{u"host"_qs, u"envoydummy"_qs}, {u"subset"_qs, u"pods"_qs}}));
    QCOMPARE(route.at(1).toObject().value(u"weight").toInt(), 20);

    const Resource& dr = out.at(1);
    QCOMPARE(dr.key(), u"DestinationRule/chapter10/envoydummy-envoydummy"_qs);
    QCOMPARE(dr.stage, Stage::TrafficSplit);
    const QJsonObject spec = dr.object.value(u"spec").toObject();
    QCOMPARE(spec.value(u"host").toString(), u"envoydummy"_qs);
    QCOMPARE(spec.value(u"subsets").toArray(),
             (QJsonArray{QJsonObject{{u"name"_qs, u"pods"_qs}, {u"labels"_qs, QJsonObject{{u"version"_qs, u"v1"_qs}}}},
                         QJsonObject{{u"name"_qs, u"vms"_qs}, {u"labels"_qs, QJsonObject{{u"version"_qs, u"v2"_qs}}}}}));
}

void tst_TrafficSplit::subsetRuleNamesStayUnique()
{
    // Two hosts with the same short name (the book's pods and VMs) get distinct rules.
    Plan plan = chapter10();
    TrafficSplit& split = plan.trafficSplits[0];
    split.name = u"split"_qs;
    split.destinations[0].subset = u"a"_qs;
    split.destinations[0].subsetLabels = {{u"app"_qs, u"envoydummy"_qs}};
    split.destinations[1].subset = u"b"_qs;
    split.destinations[1].subsetLabels = {{u"app"_qs, u"envoydummy"_qs}};
    const QList<Resource> out = Generators::trafficSplit(plan, split);
    QCOMPARE(out.size(), 3);
    QCOMPARE(out.at(1).name(), u"split-envoydummy-chapter10"_qs);
    QCOMPARE(out.at(2).name(), u"split-envoydummy-chapter10vm"_qs);
    QCOMPARE(out.at(1).object.value(u"spec").toObject().value(u"host").toString(),
             u"envoydummy.chapter10.svc.cluster.local"_qs);
    QCOMPARE(out.at(2).object.value(u"spec").toObject().value(u"host").toString(),
             u"envoydummy.chapter10vm.svc.cluster.local"_qs);

    // A subset name without labels is a reference to an existing rule: no rule generated.
    split.destinations[1].subsetLabels.clear();
    QCOMPARE(Generators::trafficSplit(plan, split).size(), 2);
}

void tst_TrafficSplit::singleDestination()
{
    Plan plan = chapter10();
    TrafficSplit& split = plan.trafficSplits[0];
    split.destinations = {SplitDestination{u"envoydummy.chapter10vm.svc.cluster.local"_qs, 0, 0, {}, {}}};
    const QJsonArray route = routeOf(Generators::trafficSplit(plan, split).first());
    QCOMPARE(route.size(), 1);
    QVERIFY(!route.first().toObject().contains(u"weight")); // all traffic, as Istio defaults it
}

void tst_TrafficSplit::originIsTheSplitIndex()
{
    Plan plan = chapter10();
    TrafficSplit second = plan.trafficSplits.first();
    second.name = u"other"_qs;
    plan.trafficSplits << second;
    QCOMPARE(Generators::trafficSplit(plan, plan.trafficSplits.at(1)).first().origin, u"trafficSplits[1]"_qs);
    QCOMPARE(Generators::trafficSplit(plan, plan.trafficSplits.at(0)).first().origin, u"trafficSplits[0]"_qs);
}

QTEST_APPLESS_MAIN(tst_TrafficSplit)
#include "tst_trafficsplit.moc"
