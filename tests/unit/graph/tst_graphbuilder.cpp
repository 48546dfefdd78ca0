// SPDX-License-Identifier: Apache-2.0
#include "graphbuilder.h"
#include "graphqueries.h"
#include "testsupport.h"

#include <QTest>

#include <cmath>

// The traffic graph built from recorded Prometheus answers to GraphQueries. The expected values
// follow Kiali's rules (../shared/reference/kiali-graph.md §1, §2.7, §5): one reporter per edge,
// %req = edge / source outbound, response_code 0 = no response, default health tolerances,
// WorkloadEntry health with and without health checks.

namespace {

PrometheusData load(const QString& name)
{
    return parsePrometheusData(
        TestSupport::readAll(TestSupport::sourceDir() + u"/tests/data/prometheus/"_qs + name));
}

const QString pp = u"wl_Kubernetes_bookinfo_productpage-v1"_qs;
const QString reviews = u"wl_Kubernetes_bookinfo_reviews-v1"_qs;
const QString reviewsVm = u"wl_Kubernetes_bookinfo_reviews-vm"_qs;
const QString ratings = u"wl_Kubernetes_bookinfo_ratings-v1"_qs;

WorkloadEntryInfo vmEntry(bool checks, std::optional<bool> healthy)
{
    WorkloadEntryInfo we;
    we.namespaceName = u"bookinfo"_qs;
    we.name = u"reviews-vm-10.0.0.5"_qs;
    we.workloadGroup = u"reviews-vm"_qs;
    we.labels = {{u"app"_qs, u"reviews"_qs}, {u"version"_qs, u"vm"_qs}};
    we.healthChecksEnabled = checks;
    we.healthyCondition = healthy;
    return we;
}

GraphInventory splitInventory()
{
    GraphInventory inventory;
    inventory.workloadGroups[u"bookinfo"_qs] = QStringList{u"reviews-vm"_qs};
    inventory.workloadEntries = {vmEntry(true, true)};
    inventory.pods = {{u"bookinfo"_qs, u"reviews-v1"_qs, u"reviews"_qs, u"v1"_qs, 2, 2},
                      {u"bookinfo"_qs, u"productpage-v1"_qs, u"productpage"_qs, u"v1"_qs, 1, 1}};
    VirtualServiceRoute route{u"bookinfo"_qs, u"reviews"_qs, {}};
    route.destinations = {{u"reviews"_qs, u"v1"_qs, {{u"version"_qs, u"v1"_qs}}, 50},
                          {u"reviews"_qs, u"vm"_qs, {{u"version"_qs, u"vm"_qs}}, 50}};
    inventory.routes = {route};
    return inventory;
}

TrafficGraph build(const QString& requests, const GraphInventory& inventory = {}, GraphBuildOptions options = {})
{
    GraphTelemetry telemetry;
    telemetry.requests = load(requests);
    return buildTrafficGraph(telemetry, inventory, options);
}

} // namespace

class TestGraphBuilder final : public QObject
{
    Q_OBJECT
private slots:
    void queries()
    {
        GraphQueryOptions options;
        options.namespaces = {u"bookinfo"_qs, u"vm.ns"_qs};
        const QString q = GraphQueries::requests(options);
        // One query for every namespace: the namespace regex appears, no per-namespace queries.
        QVERIFY(q.contains(u"source_workload_namespace=~\"bookinfo|vm\\\\.ns\""_qs));
        QVERIFY(q.contains(u"destination_workload_namespace=~\"bookinfo|vm\\\\.ns\""_qs));
        QCOMPARE(q.count(u"sum by"_qs), 1);
        QVERIFY(q.contains(u"reporter=\"source\""_qs));
        QVERIFY(q.contains(u"reporter=\"destination\""_qs));
        QVERIFY(q.contains(u"[60s]"_qs));
        QVERIFY(q.endsWith(u" > 0"_qs));
        for (const QString& label : {u"reporter"_qs, u"response_code"_qs, u"destination_canonical_revision"_qs, u"response_flags"_qs})
            QVERIFY(q.section(u")"_qs, 0, 0).contains(label));
        options.includeIdleEdges = true;
        QVERIFY(!GraphQueries::requests(options).contains(u"> 0"_qs));
        const QString p95 = GraphQueries::latencyQuantile(options, 0.95);
        QVERIFY(p95.startsWith(u"histogram_quantile(0.95, sum by (le,"_qs));
        QVERIFY(p95.contains(u"istio_request_duration_milliseconds_bucket{"_qs));
        QVERIFY(GraphQueries::tcpBytes(options).contains(u"istio_tcp_received_bytes_total{"_qs));
    }

    void empty()
    {
        GraphTelemetry telemetry;
        telemetry.requests = load(u"empty.json"_qs);
        QVERIFY(telemetry.requests.ok());
        const TrafficGraph graph = buildTrafficGraph(telemetry, {});
        QVERIFY(graph.nodes.isEmpty());
        QVERIFY(graph.edges.isEmpty());
        QVERIFY(graph.warnings.isEmpty());
    }

    void bothReportersCountedOnce()
    {
        const TrafficGraph graph = build(u"requests-both-reporters.json"_qs);
        const GraphEdge* e = graph.edge(pp, reviews, u"http"_qs);
        QVERIFY(e);
        QCOMPARE(e->reporter, u"source"_qs);
        QCOMPARE(e->requestRate, 10.5); // not 20.5: the destination's view of the same requests is dropped
        QCOMPARE(e->errorRate, 0.5);
        QCOMPARE(graph.node(reviews)->inboundRate, 10.5);
        // Unmeshed caller: only the destination proxy saw it.
        const QString unknown = u"Kubernetes_unknown_source"_qs;
        QVERIFY(graph.node(unknown));
        QCOMPARE(graph.node(unknown)->kind, GraphNode::Kind::Unknown);
        const GraphEdge* in = graph.edge(unknown, pp, u"http"_qs);
        QVERIFY(in);
        QCOMPARE(in->reporter, u"destination"_qs);
        QCOMPARE(in->requestRate, 5.0);
        QCOMPARE(in->responseCodes.value(u"-"_qs), 1.0); // response_code 0 = no response
        QCOMPARE(in->errorPercent(), 20.0);
        // A caller outside the selected namespaces is known only from destination telemetry.
        const GraphEdge* other = graph.edge(u"wl_Kubernetes_other_sleep"_qs, ratings, u"http"_qs);
        QVERIFY(other);
        QCOMPARE(other->requestRate, 2.0);
        QCOMPARE(graph.edges.size(), 4);
    }

    void health()
    {
        const TrafficGraph graph = build(u"requests-both-reporters.json"_qs);
        // 5XX: degraded at any rate (0.5/10.5); 4XX: 25% on reviews->ratings is >= 20% = failure.
        QCOMPARE(graph.edge(pp, reviews, u"http"_qs)->health, GraphHealth::Degraded);
        QCOMPARE(graph.edge(reviews, ratings, u"http"_qs)->health, GraphHealth::Failure);
        // ratings inbound: 1 of 6 requests 404 = 16.7%: degraded (10%..20%).
        QCOMPARE(graph.node(ratings)->trafficHealth, GraphHealth::Degraded);
        QCOMPARE(graph.node(reviews)->trafficHealth, GraphHealth::Failure); // its outbound
        // No pod information: instance health unknown, traffic decides.
        QCOMPARE(graph.node(ratings)->instanceHealth, GraphHealth::NotAvailable);
        QCOMPARE(graph.node(ratings)->health, GraphHealth::Degraded);
    }

    void tolerances_data()
    {
        QTest::addColumn<QString>("protocol");
        QTest::addColumn<QVariantMap>("codes");
        QTest::addColumn<int>("expected");
        auto row = [](const char* name, const QString& protocol, QVariantMap codes, GraphHealth h) {
            QTest::newRow(name) << protocol << codes << static_cast<int>(h);
        };
        row("no traffic", u"http"_qs, {}, GraphHealth::NotAvailable);
        row("all 200", u"http"_qs, {{u"200"_qs, 100.0}}, GraphHealth::Healthy);
        row("one 5xx in 1000", u"http"_qs, {{u"200"_qs, 999.0}, {u"500"_qs, 1.0}}, GraphHealth::Degraded);
        row("10% 503", u"http"_qs, {{u"200"_qs, 90.0}, {u"503"_qs, 10.0}}, GraphHealth::Failure);
        row("5% 404", u"http"_qs, {{u"200"_qs, 95.0}, {u"404"_qs, 5.0}}, GraphHealth::Healthy);
        row("10% 404", u"http"_qs, {{u"200"_qs, 90.0}, {u"404"_qs, 10.0}}, GraphHealth::Degraded);
        row("20% 404", u"http"_qs, {{u"200"_qs, 80.0}, {u"404"_qs, 20.0}}, GraphHealth::Failure);
        row("no response", u"http"_qs, {{u"200"_qs, 99.0}, {u"-"_qs, 1.0}}, GraphHealth::Degraded);
        row("grpc unavailable", u"grpc"_qs, {{u"0"_qs, 99.0}, {u"14"_qs, 1.0}}, GraphHealth::Degraded);
        row("grpc ok", u"grpc"_qs, {{u"0"_qs, 99.0}}, GraphHealth::Healthy);
        row("grpc 10% internal", u"grpc"_qs, {{u"0"_qs, 90.0}, {u"13"_qs, 10.0}}, GraphHealth::Failure);
    }
    void tolerances()
    {
        QFETCH(QString, protocol);
        QFETCH(QVariantMap, codes);
        QFETCH(int, expected);
        QMap<QString, double> rates;
        for (auto it = codes.begin(); it != codes.end(); ++it)
            rates.insert(it.key(), it.value().toDouble());
        QCOMPARE(static_cast<int>(trafficHealth(rates, protocol, {})), expected);
    }

    void fallbackThresholdsConfigurable()
    {
        HealthThresholds t;
        t.tolerances.clear(); // Kiali without matching tolerances: >= 0.1% degraded, >= 10% failure
        QCOMPARE(trafficHealth({{u"200"_qs, 999.5}, {u"500"_qs, 0.5}}, u"http"_qs, t), GraphHealth::Healthy);
        QCOMPARE(trafficHealth({{u"200"_qs, 998.0}, {u"500"_qs, 2.0}}, u"http"_qs, t), GraphHealth::Degraded);
        QCOMPARE(trafficHealth({{u"200"_qs, 90.0}, {u"500"_qs, 10.0}}, u"http"_qs, t), GraphHealth::Failure);
        t.fallbackDegraded = 1;
        QCOMPARE(trafficHealth({{u"200"_qs, 998.0}, {u"500"_qs, 2.0}}, u"http"_qs, t), GraphHealth::Healthy);
    }

    void splitAcrossTwoServices()
    {
        // The book's split: one VirtualService sends 50 % to the pods' Service and 50 % to the
        // VM's Service. Istio labels each request with the host it was routed to, so the share
        // is of the caller's traffic to both hosts together.
        GraphInventory inventory;
        inventory.workloadGroups[u"chapter10vm"_qs] = QStringList{u"envoydummy"_qs};
        WorkloadEntryInfo we;
        we.namespaceName = u"chapter10vm"_qs;
        we.name = u"envoydummy-198.18.0.10-network1"_qs;
        we.workloadGroup = u"envoydummy"_qs;
        we.labels = {{u"app"_qs, u"envoydummy"_qs}};
        inventory.workloadEntries = {we};
        VirtualServiceRoute route{u"chapter10"_qs, u"envoydummy"_qs, {}};
        route.destinations = {{u"envoydummy.chapter10.svc.cluster.local"_qs, {}, {}, 50},
                              {u"envoydummy.chapter10vm.svc.cluster.local"_qs, {}, {}, 50}};
        inventory.routes = {route};
        const TrafficGraph graph = build(u"split-two-hosts.json"_qs, inventory);
        QCOMPARE(graph.routeChecks.size(), 2);
        for (const RouteCheck& check : graph.routeChecks) {
            QCOMPARE(check.observedShare, 50.0);
            QVERIFY(!check.drift);
        }
        int vmEdges = 0;
        for (const GraphEdge& e : graph.edges) {
            const GraphNode* target = graph.node(e.destination);
            QVERIFY(e.configured);
            QCOMPARE(e.configured->observedShare, 50.0);
            if (target && target->isVm)
                ++vmEdges;
        }
        QCOMPARE(vmEdges, 1);
    }

    void split_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<double>("tolerance");
        QTest::addColumn<double>("observedPods");
        QTest::addColumn<bool>("drift");
        QTest::newRow("50/50 observed 50/50") << u"split-50-50.json"_qs << 10.0 << 50.0 << false;
        QTest::newRow("50/50 observed 80/20") << u"split-80-20.json"_qs << 10.0 << 80.0 << true;
        QTest::newRow("80/20 within a 35 point tolerance") << u"split-80-20.json"_qs << 35.0 << 80.0 << false;
    }
    void split()
    {
        QFETCH(QString, fixture);
        QFETCH(double, tolerance);
        QFETCH(double, observedPods);
        QFETCH(bool, drift);
        GraphBuildOptions options;
        options.driftTolerance = tolerance;
        const TrafficGraph graph = build(fixture, splitInventory(), options);
        const GraphNode* vm = graph.node(reviewsVm);
        const GraphNode* pods = graph.node(reviews);
        QVERIFY(vm && pods);
        QCOMPARE(vm->kind, GraphNode::Kind::VmWorkload);
        QVERIFY(vm->isVm && !vm->isMixed());
        QCOMPARE(vm->workloadEntries, QStringList{u"reviews-vm-10.0.0.5"_qs});
        QCOMPARE(pods->kind, GraphNode::Kind::Workload);
        QVERIFY(!pods->isVm);
        QCOMPARE(pods->instanceHealth, GraphHealth::Healthy);
        const GraphEdge* toPods = graph.edge(pp, reviews, u"http"_qs);
        const GraphEdge* toVm = graph.edge(pp, reviewsVm, u"http"_qs);
        QVERIFY(toPods && toVm);
        // %req: of productpage's whole outbound (reviews 10 + ratings 1).
        QCOMPARE(toPods->sharePercent, observedPods * 10 / 11);
        QVERIFY(toPods->configured && toVm->configured);
        QCOMPARE(toPods->configured->weight, 50);
        QCOMPARE(toPods->configured->subset, u"v1"_qs);
        QCOMPARE(toPods->configured->observedShare, observedPods);
        QCOMPARE(toVm->configured->observedShare, 100 - observedPods);
        QCOMPARE(toPods->configured->drift, drift);
        QCOMPARE(toVm->configured->drift, drift);
        QVERIFY(!graph.edge(pp, ratings, u"http"_qs)->configured); // not governed by the reviews route
        QCOMPARE(graph.routeChecks.size(), 2);
        for (const RouteCheck& check : graph.routeChecks) {
            QCOMPARE(check.caller, pp);
            QCOMPARE(check.virtualService, u"bookinfo/reviews"_qs);
            QCOMPARE(check.drift, drift);
        }
    }

    void unreachedDestinationIsReported()
    {
        GraphInventory inventory = splitInventory();
        inventory.routes[0].destinations[1].subsetLabels = {{u"version"_qs, u"v9"_qs}}; // nothing runs v9
        const TrafficGraph graph = build(u"split-50-50.json"_qs, inventory);
        QCOMPARE(graph.routeChecks.size(), 2);
        QCOMPARE(graph.routeChecks[1].observedShare, 0.0);
        QVERIFY(graph.routeChecks[1].drift);
    }

    void vmHealth_data()
    {
        QTest::addColumn<bool>("checks");
        QTest::addColumn<int>("condition"); // -1 missing, 0 False, 1 True
        QTest::addColumn<int>("expected");
        QTest::newRow("checks, Healthy=True") << true << 1 << static_cast<int>(GraphHealth::Healthy);
        QTest::newRow("checks, Healthy=False") << true << 0 << static_cast<int>(GraphHealth::Failure);
        QTest::newRow("checks, no condition") << true << -1 << static_cast<int>(GraphHealth::Failure);
        QTest::newRow("no checks: assumed healthy") << false << 0 << static_cast<int>(GraphHealth::Healthy);
    }
    void vmHealth()
    {
        QFETCH(bool, checks);
        QFETCH(int, condition);
        QFETCH(int, expected);
        GraphInventory inventory = splitInventory();
        inventory.workloadEntries = {vmEntry(checks, condition < 0 ? std::nullopt : std::optional<bool>(condition == 1))};
        const TrafficGraph graph = build(u"split-50-50.json"_qs, inventory);
        QCOMPARE(static_cast<int>(graph.node(reviewsVm)->instanceHealth), expected);
        QCOMPARE(graph.node(reviewsVm)->health, worse(graph.node(reviewsVm)->trafficHealth, GraphHealth(expected)));
    }

    void workloadWithPodsAndVms()
    {
        GraphInventory inventory = splitInventory();
        inventory.pods.append({u"bookinfo"_qs, u"reviews-vm"_qs, u"reviews"_qs, u"vm"_qs, 2, 1});
        const TrafficGraph graph = build(u"split-50-50.json"_qs, inventory);
        const GraphNode* node = graph.node(reviewsVm);
        QCOMPARE(node->kind, GraphNode::Kind::VmWorkload); // still distinguishable from pods
        QVERIFY(node->isVm && node->isMixed());
        QCOMPARE(node->podsDesired, 2);
        QCOMPARE(node->vmEntries, 1);
        QCOMPARE(node->instanceHealth, GraphHealth::Degraded); // 2 of 3 instances available
    }

    void appGraphs()
    {
        GraphBuildOptions options;
        options.type = GraphType::App;
        TrafficGraph graph = build(u"split-50-50.json"_qs, splitInventory(), options);
        const GraphNode* app = graph.node(u"app_Kubernetes_bookinfo_reviews"_qs);
        QVERIFY(app);
        QVERIFY(app->isMixed()); // pods (v1) and a WorkloadEntry (vm) behind one app
        QCOMPARE(graph.edge(u"app_Kubernetes_bookinfo_productpage"_qs, app->id, u"http"_qs)->requestRate, 10.0);
        options.type = GraphType::VersionedApp;
        graph = build(u"split-50-50.json"_qs, splitInventory(), options);
        QVERIFY(graph.node(u"vapp_Kubernetes_bookinfo_reviews_vm"_qs)->isVm);
        QVERIFY(!graph.node(u"vapp_Kubernetes_bookinfo_reviews_v1"_qs)->isVm);
        QCOMPARE(graph.routeChecks.size(), 2);
        options.type = GraphType::Service;
        graph = build(u"split-50-50.json"_qs, splitInventory(), options);
        const GraphNode* svc = graph.node(u"svc_Kubernetes_bookinfo_reviews"_qs);
        QVERIFY(svc);
        QCOMPARE(svc->kind, GraphNode::Kind::Service);
        QCOMPARE(svc->inboundRate, 10.0);
    }

    void versionedAppVmWithoutVersionLabel()
    {
        // A WorkloadEntry without a version label: Istio reports the VM's canonical revision as
        // "latest", and the versioned-app node of that revision runs on the VM.
        PrometheusData requests = load(u"split-50-50.json"_qs);
        for (PrometheusSeries& s : requests.series) {
            if (s.label(u"destination_canonical_revision"_qs) == u"vm")
                s.metric.insert(u"destination_canonical_revision"_qs, u"latest"_qs);
        }
        GraphInventory inventory = splitInventory();
        inventory.workloadEntries.first().labels.remove(u"version"_qs);
        GraphTelemetry telemetry;
        telemetry.requests = requests;
        GraphBuildOptions options;
        options.type = GraphType::VersionedApp;
        const TrafficGraph graph = buildTrafficGraph(telemetry, inventory, options);
        const GraphNode* vm = graph.node(u"vapp_Kubernetes_bookinfo_reviews_latest"_qs);
        QVERIFY(vm);
        QVERIFY(vm->isVm);
        QCOMPARE(vm->kind, GraphNode::Kind::VmWorkload);
        QCOMPARE(vm->vmEntries, 1);
        QVERIFY(!graph.node(u"vapp_Kubernetes_bookinfo_reviews_v1"_qs)->isVm);
    }

    void missingLabels()
    {
        GraphInventory inventory;
        inventory.serviceEntryHosts = {u"httpbin.org"_qs};
        const TrafficGraph graph = build(u"missing-labels.json"_qs, inventory);
        const QString details = u"svc_Kubernetes_bookinfo_details"_qs;
        QVERIFY(graph.node(details));
        QCOMPARE(graph.node(details)->kind, GraphNode::Kind::Service);
        const GraphEdge* e = graph.edge(pp, details, u"http"_qs);
        QVERIFY(e);
        QCOMPARE(e->requestRate, 3.0);
        QCOMPARE(e->errorRate, 1.0);
        const GraphNode* external = graph.node(u"se_Kubernetes_unknown_httpbin.org"_qs);
        QVERIFY(external);
        QCOMPARE(external->kind, GraphNode::Kind::ServiceEntry);
        // Without cluster or canonical labels the node still appears, under cluster "unknown".
        const GraphNode* bare = graph.node(u"wl_unknown_bookinfo_details-v1"_qs);
        QVERIFY(bare);
        QVERIFY(bare->app.isEmpty());
        QVERIFY(!graph.node(reviews)); // its only series was NaN
        QCOMPARE(graph.edges.size(), 3);
        QCOMPARE(graph.warnings.size(), 1); // the IP:port and the NaN series
        QVERIFY(graph.warnings[0].startsWith(u"2 series"_qs));
    }

    void latencyAndTcp()
    {
        GraphTelemetry telemetry;
        telemetry.requests = load(u"requests-both-reporters.json"_qs);
        telemetry.p95 = load(u"p95.json"_qs);
        telemetry.p99 = load(u"p99.json"_qs);
        telemetry.tcp = load(u"tcp.json"_qs);
        const TrafficGraph graph = buildTrafficGraph(telemetry, {});
        const GraphEdge* e = graph.edge(pp, reviews, u"http"_qs);
        QCOMPARE(e->p95Ms, 25.0); // the destination's number wins over the source's 40
        QCOMPARE(e->p99Ms, 90.5);
        const GraphEdge* r = graph.edge(reviews, ratings, u"http"_qs);
        QVERIFY(std::isnan(r->p95Ms)); // NaN: no value
        QCOMPARE(r->p99Ms, 12.0);
        QVERIFY(std::isnan(graph.edge(u"Kubernetes_unknown_source"_qs, pp, u"http"_qs)->p95Ms)); // +Inf ignored
        const GraphEdge* mongo = graph.edge(reviews, u"wl_Kubernetes_bookinfo_mongodb-v1"_qs, u"tcp"_qs);
        QVERIFY(mongo);
        QCOMPARE(mongo->tcpBytesPerSecond, 2048.0); // source-reported only
        QCOMPARE(mongo->sharePercent, 2048.0 / 3072.0 * 100.0);
        QCOMPARE(graph.edge(reviews, ratings, u"http"_qs)->sharePercent, 100.0); // tcp shares apart
    }

    void hundredThousandSeries()
    {
        // 1,000 callers x 100 destinations, both reporters for half of them.
        QByteArray body = "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[";
        const int callers = 1000;
        const int destinations = 100;
        for (int c = 0; c < callers; ++c) {
            for (int d = 0; d < destinations; ++d) {
                if (c || d)
                    body += ',';
                const bool destinationReport = (c + d) % 2 == 1;
                body += "{\"metric\":{\"reporter\":\"" + QByteArray(destinationReport ? "destination" : "source")
                    + "\",\"source_cluster\":\"c\",\"source_workload_namespace\":\"ns\",\"source_workload\":\"w" + QByteArray::number(c)
                    + "\",\"destination_cluster\":\"c\",\"destination_workload_namespace\":\"ns\",\"destination_workload\":\"d"
                    + QByteArray::number(d) + "\",\"destination_service\":\"s.ns.svc.cluster.local\",\"request_protocol\":\"http\",\"response_code\":\"200\"},\"value\":[1795300000,\"1\"]}";
            }
        }
        body += "]}}";
        GraphTelemetry telemetry;
        telemetry.requests = parsePrometheusData(body);
        QCOMPARE(telemetry.requests.series.size(), callers * destinations);
        const TrafficGraph graph = buildTrafficGraph(telemetry, {});
        QCOMPARE(graph.nodes.size(), callers + destinations);
        QCOMPARE(graph.edges.size(), callers * destinations);
        QCOMPARE(graph.edges.first().sharePercent, 1.0);
    }
};

QTEST_APPLESS_MAIN(TestGraphBuilder)
#include "tst_graphbuilder.moc"
