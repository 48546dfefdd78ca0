// SPDX-License-Identifier: Apache-2.0
// GraphInventoryReader: cluster objects as the API server returns them -> the graph's inventory;
// and the PromQL of the side panel's time series.
#include "graphinventory.h"
#include "graphqueries.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

namespace {

QJsonObject json(const char* text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

// Shapes as `kubectl get -o json` prints them (trimmed to the fields that matter).
QList<QJsonObject> objects()
{
    return {
        json(R"({"apiVersion":"networking.istio.io/v1","kind":"WorkloadGroup","metadata":{"name":"envoydummy","namespace":"vm"}})"),
        json(R"({"apiVersion":"networking.istio.io/v1","kind":"WorkloadGroup","metadata":{"name":"envoy","namespace":"vm"}})"),
        // auto-registered: owned by its group
        json(R"({"apiVersion":"networking.istio.io/v1","kind":"WorkloadEntry","metadata":{"name":"envoydummy-198.18.0.10-network1","namespace":"vm",
             "annotations":{"proxy.istio.io/health-checks-enabled":"true"},
             "ownerReferences":[{"apiVersion":"networking.istio.io/v1","kind":"WorkloadGroup","name":"envoydummy","uid":"1"}]},
             "spec":{"address":"198.18.0.10","labels":{"app":"envoydummy","version":"v1"}},
             "status":{"conditions":[{"type":"Healthy","status":"False"}]}})"),
        // made by hand: no owner, named <group>-<address>; the longest matching group wins
        json(R"({"apiVersion":"networking.istio.io/v1","kind":"WorkloadEntry","metadata":{"name":"envoydummy-198.18.0.11","namespace":"vm"},
             "spec":{"address":"198.18.0.11","labels":{"app":"envoydummy"}}})"),
        json(R"({"apiVersion":"networking.istio.io/v1","kind":"WorkloadEntry","metadata":{"name":"standalone","namespace":"vm"},
             "spec":{"address":"198.18.0.12"}})"),
        json(R"({"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"envoydummy-v1","namespace":"web"},
             "spec":{"replicas":3,"template":{"metadata":{"labels":{"app":"envoydummy","version":"v1"}}}},
             "status":{"replicas":3,"readyReplicas":2}})"),
        // no replicas field: 1; canonical labels win over app/version; no ready replicas yet
        json(R"({"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"db","namespace":"web"},
             "spec":{"template":{"metadata":{"labels":{"app":"x","service.istio.io/canonical-name":"database",
             "service.istio.io/canonical-revision":"14"}}}},"status":{}})"),
        json(R"({"apiVersion":"networking.istio.io/v1","kind":"ServiceEntry","metadata":{"name":"ext","namespace":"web"},
             "spec":{"hosts":["api.example.com","api2.example.com"]}})"),
        json(R"({"apiVersion":"networking.istio.io/v1","kind":"DestinationRule","metadata":{"name":"envoydummy","namespace":"web"},
             "spec":{"host":"envoydummy","subsets":[{"name":"pods","labels":{"version":"v1"}},{"name":"vm","labels":{"version":"vm"}}]}})"),
        json(R"({"apiVersion":"networking.istio.io/v1","kind":"VirtualService","metadata":{"name":"envoydummy","namespace":"web"},
             "spec":{"hosts":["envoydummy"],"http":[
               {"match":[{"uri":{"prefix":"/admin"}}],"route":[{"destination":{"host":"envoydummy","subset":"pods"}}]},
               {"route":[{"destination":{"host":"envoydummy","subset":"pods"},"weight":70},
                         {"destination":{"host":"envoydummy.web.svc.cluster.local","subset":"vm"},"weight":30}]},
               {"route":[{"destination":{"host":"other.web"},"weight":100}]},
               {"route":[{"destination":{"host":"envoydummy","subset":"ghost"},"weight":50},
                         {"destination":{"host":"envoydummy","subset":"vm"},"weight":50}]}]}})"),
        json(R"({"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"ignored","namespace":"web"}})"),
    };
}

GraphNode workloadNode(const QString& ns, const QString& workload)
{
    GraphNode n;
    n.kind = GraphNode::Kind::Workload;
    n.namespaceName = ns;
    n.workload = workload;
    n.app = u"reviews"_qs;
    n.version = u"v2"_qs;
    n.cluster = u"cluster1"_qs;
    return n;
}

} // namespace

class TestGraphInventory final : public QObject
{
    Q_OBJECT

private slots:
    void readsEveryKind()
    {
        QStringList warnings;
        const GraphInventory inv = GraphInventoryReader::fromObjects(objects(), &warnings);
        QCOMPARE(inv.workloadGroups.value(u"vm"_qs), (QStringList{u"envoydummy"_qs, u"envoy"_qs}));

        QCOMPARE(inv.workloadEntries.size(), 3);
        const WorkloadEntryInfo& owned = inv.workloadEntries.at(0);
        QCOMPARE(owned.workloadGroup, u"envoydummy"_qs);
        QVERIFY(owned.healthChecksEnabled);
        QCOMPARE(owned.healthyCondition, std::optional<bool>(false));
        QVERIFY(!owned.isHealthy());
        QCOMPARE(owned.labels.value(u"version"_qs), u"v1"_qs);
        const WorkloadEntryInfo& byName = inv.workloadEntries.at(1);
        QCOMPARE(byName.workloadGroup, u"envoydummy"_qs); // not "envoy", the shorter prefix
        QVERIFY(!byName.healthChecksEnabled);
        QVERIFY(!byName.healthyCondition.has_value());
        QVERIFY(byName.isHealthy()); // Kiali: without health checks an entry is assumed healthy
        QCOMPARE(inv.workloadEntries.at(2).workloadGroup, QString());

        QCOMPARE(inv.pods.size(), 2);
        QCOMPARE(inv.pods.at(0).workload, u"envoydummy-v1"_qs);
        QCOMPARE(inv.pods.at(0).app, u"envoydummy"_qs);
        QCOMPARE(inv.pods.at(0).version, u"v1"_qs);
        QCOMPARE(inv.pods.at(0).desired, 3);
        QCOMPARE(inv.pods.at(0).ready, 2);
        QCOMPARE(inv.pods.at(1).app, u"database"_qs);
        QCOMPARE(inv.pods.at(1).version, u"14"_qs);
        QCOMPARE(inv.pods.at(1).desired, 1);
        QCOMPARE(inv.pods.at(1).ready, 0);

        QCOMPARE(inv.serviceEntryHosts, (QStringList{u"api.example.com"_qs, u"api2.example.com"_qs}));
    }

    void readsWeightedRoutesWithTheirSubsets()
    {
        QStringList warnings;
        const GraphInventory inv = GraphInventoryReader::fromObjects(objects(), &warnings);
        // The /admin route has one destination and no weight: routing, not a split, left out.
        QCOMPARE(inv.routes.size(), 3);
        const VirtualServiceRoute& split = inv.routes.at(0);
        QCOMPARE(split.namespaceName, u"web"_qs);
        QCOMPARE(split.name, u"envoydummy"_qs);
        QCOMPARE(split.destinations.size(), 2);
        QCOMPARE(split.destinations.at(0).weight, 70);
        QCOMPARE(split.destinations.at(0).subsetLabels, (QMap<QString, QString>{{u"version"_qs, u"v1"_qs}}));
        // The FQDN and the short name find the same DestinationRule.
        QCOMPARE(split.destinations.at(1).host, u"envoydummy.web.svc.cluster.local"_qs);
        QCOMPARE(split.destinations.at(1).subsetLabels, (QMap<QString, QString>{{u"version"_qs, u"vm"_qs}}));
        QCOMPARE(inv.routes.at(1).destinations.at(0).weight, 100);
        // A subset no DestinationRule defines is named in a warning.
        QCOMPARE(warnings.size(), 1);
        QVERIFY2(warnings.first().contains(u"ghost"_qs) && warnings.first().contains(u"web/envoydummy"_qs), qPrintable(warnings.first()));
    }

    void listsTheKindsItReads()
    {
        const auto kinds = GraphInventoryReader::listedKinds(u"networking.istio.io/v1beta1"_qs);
        QVERIFY(kinds.contains({u"networking.istio.io/v1beta1"_qs, u"WorkloadEntry"_qs}));
        QVERIFY(kinds.contains({u"apps/v1"_qs, u"Deployment"_qs}));
        QCOMPARE(kinds.size(), 7);
    }

    void seriesQueriesSelectTheNode()
    {
        const GraphNode node = workloadNode(u"bar"_qs, u"reviews-v2"_qs);
        const auto q = GraphQueries::nodeSeries(node, GraphType::Workload, 60);
        QCOMPARE(q.requests, u"sum(rate(istio_requests_total{reporter=\"destination\",destination_cluster=\"cluster1\","
                              "destination_workload_namespace=\"bar\",destination_workload=\"reviews-v2\"}[60s]))"_qs);
        QVERIFY(q.errors.contains(u"response_code=~\"5..|0\""_qs));
        QVERIFY(q.outbound.contains(u"reporter=\"source\",source_cluster=\"cluster1\",source_workload_namespace=\"bar\",source_workload=\"reviews-v2\""_qs));
        QVERIFY(q.p95.startsWith(u"histogram_quantile(0.95, sum by (le) (rate(istio_request_duration_milliseconds_bucket{"_qs));
        // App graphs select by canonical service (and revision for versioned apps).
        const auto app = GraphQueries::nodeSeries(node, GraphType::VersionedApp, 60);
        QVERIFY(app.requests.contains(u"destination_canonical_service=\"reviews\",destination_canonical_revision=\"v2\""_qs));
        QVERIFY(!app.requests.contains(u"destination_workload="_qs));
    }

    void seriesQueriesOfAnEdge()
    {
        GraphNode unknown;
        unknown.kind = GraphNode::Kind::Unknown;
        unknown.cluster = u"unknown"_qs;
        const GraphNode dest = workloadNode(u"bar"_qs, u"reviews-v2"_qs);
        GraphEdge edge;
        edge.protocol = u"http"_qs;
        edge.reporter = u"destination"_qs;
        const auto q = GraphQueries::edgeSeries(unknown, dest, edge, GraphType::Workload, 120);
        QVERIFY2(q.requests.contains(u"reporter=\"destination\",source_workload=\"unknown\",destination_cluster=\"cluster1\""_qs),
                 qPrintable(q.requests));
        QVERIFY(q.requests.contains(u"request_protocol=\"http\""_qs));
        QVERIFY(q.requests.endsWith(u"[120s]))"_qs));
    }

    void labelValuesAreEscaped()
    {
        // Names come from the cluster: a quote or backslash must not end the PromQL string.
        QCOMPARE(GraphQueries::escapeLabelValue(u"a\"b\\c\nd"_qs), u"a\\\"b\\\\c\\nd"_qs);
        const GraphNode odd = workloadNode(u"ns"_qs, u"w\"}) or vector(1"_qs);
        const auto q = GraphQueries::nodeSeries(odd, GraphType::Workload, 60);
        QVERIFY(q.requests.contains(u"destination_workload=\"w\\\"}) or vector(1\""_qs));
    }
};

QTEST_APPLESS_MAIN(TestGraphInventory)
#include "tst_graphinventory.moc"
