// SPDX-License-Identifier: Apache-2.0
// The lab's Prometheus (Debian's package, started by `lab prometheus-up`) scraping the lab traffic
// generator (tests/lab/trafficgen, a test tool standing in for the sidecars), read through
// meshdeck's own PrometheusClient. Proves what the graph tests stand on: the total rate Prometheus
// computes matches the generator's truth; VirtualService weights applied in the lab change the
// observed shares between the pod workload and the VM workload; a VM whose WorkloadEntry turns
// Healthy=False stops receiving traffic, and its share goes to the pods.
#include "graphbuilder.h"
#include "graphqueries.h"
#include "labenv.h"
#include "prometheusclient.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTest>

#include <cmath>

namespace {

// Rates from integer counters over a short window: Prometheus extrapolates to the window's
// edges, so a few percent of jitter is normal; 10% of the total and 0.08 of a share are safe.
constexpr double kRateTolerance = 0.10;
constexpr double kShareTolerance = 0.08;
constexpr int kTimeoutMs = 90000;

const QString kVmNamespace = u"chapter10vm"_qs;
const QString kPodNamespace = u"chapter10"_qs;

int kubectl(const QStringList& args, const QByteArray& input = {})
{
    QProcess p;
    p.start(QFileInfo(Lab::kubeconfig()).absolutePath() + u"/bin/kubectl"_qs,
            QStringList{u"--kubeconfig"_qs, Lab::kubeconfig(), u"--context"_qs, u"admin"_qs} + args);
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(60000)) {
        p.kill();
        p.waitForFinished();
        return -1;
    }
    if (p.exitCode() != 0)
        qWarning("kubectl %s: %s", qPrintable(args.join(u' ')), p.readAllStandardError().constData());
    return p.exitCode();
}

int apply(const QJsonObject& object)
{
    return kubectl({u"apply"_qs, u"--server-side"_qs, u"--force-conflicts"_qs, u"--field-manager=meshdeck-test"_qs,
                    u"-f"_qs, u"-"_qs},
                   QJsonDocument(object).toJson());
}

QJsonObject virtualService(int podWeight, int vmWeight)
{
    auto dest = [](const QString& host, int weight) {
        return QJsonObject{{u"destination"_qs, QJsonObject{{u"host"_qs, host}}}, {u"weight"_qs, weight}};
    };
    // The plan's trafficSplits entry of examples/book-chapter10.yaml.
    return QJsonObject{
        {u"apiVersion"_qs, u"networking.istio.io/v1"_qs},
        {u"kind"_qs, u"VirtualService"_qs},
        {u"metadata"_qs, QJsonObject{{u"name"_qs, u"envoydummy"_qs}, {u"namespace"_qs, kPodNamespace}}},
        {u"spec"_qs, QJsonObject{
            {u"hosts"_qs, QJsonArray{u"envoydummy.chapter10.svc.cluster.local"_qs}},
            {u"http"_qs, QJsonArray{QJsonObject{{u"route"_qs, QJsonArray{
                dest(u"envoydummy.chapter10.svc.cluster.local"_qs, podWeight),
                dest(u"envoydummy.chapter10vm.svc.cluster.local"_qs, vmWeight)}}}}}}}};
}

QJsonObject workloadEntry()
{
    return QJsonObject{
        {u"apiVersion"_qs, u"networking.istio.io/v1"_qs},
        {u"kind"_qs, u"WorkloadEntry"_qs},
        {u"metadata"_qs, QJsonObject{
            {u"name"_qs, u"envoydummy-198.18.0.10"_qs}, {u"namespace"_qs, kVmNamespace},
            {u"annotations"_qs, QJsonObject{{u"proxy.istio.io/health-checks-enabled"_qs, u"true"_qs}}}}},
        {u"spec"_qs, QJsonObject{{u"address"_qs, u"198.18.0.10"_qs},
                                 {u"labels"_qs, QJsonObject{{u"app"_qs, u"envoydummy"_qs}}},
                                 {u"serviceAccount"_qs, u"envoydummy"_qs}}}};
}

// What istiod's health controller writes when the VM's sidecar reports a probe result.
int setVmHealthy(bool healthy)
{
    const QJsonObject status{{u"status"_qs, QJsonObject{{u"conditions"_qs, QJsonArray{QJsonObject{
        {u"type"_qs, u"Healthy"_qs}, {u"status"_qs, healthy ? u"True"_qs : u"False"_qs},
        {u"lastTransitionTime"_qs, QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}}}}}}};
    return kubectl({u"patch"_qs, u"workloadentry"_qs, u"envoydummy-198.18.0.10"_qs, u"-n"_qs, kVmNamespace,
                    u"--subresource=status"_qs, u"--type=merge"_qs, u"-p"_qs,
                    QString::fromUtf8(QJsonDocument(status).toJson(QJsonDocument::Compact))});
}

QJsonObject truth()
{
    QFile f(qEnvironmentVariable("MESHDECK_LAB_TRAFFICGEN_TRUTH"));
    return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
}

double truthShare(const QString& kind)
{
    for (const auto& e : truth().value(u"edges"_qs).toArray()) {
        if (e.toObject().value(u"kind"_qs).toString() == kind)
            return e.toObject().value(u"share"_qs).toDouble();
    }
    return -1;
}

} // namespace

class TestKubeLabPrometheus final : public QObject
{
    Q_OBJECT

private:
    // One instant query through meshdeck's client; NaN on any error.
    QMap<QString, double> query(const QString& promql, const QString& byLabel = {})
    {
        QMap<QString, double> out;
        auto* op = m_client->query(promql);
        QSignalSpy spy(op, &PrometheusOperation::finished);
        op->start();
        if (!spy.wait(20000))
            return {{QString(), std::nan("")}};
        const auto result = spy.first().first().value<PrometheusResult>();
        if (!result.ok())
            return {{QString(), std::nan("")}};
        for (const auto& s : result.data.series)
            out.insert(byLabel.isEmpty() ? QString() : s.label(byLabel), s.value());
        return out;
    }

    double total(int windowSeconds = 30)
    {
        return query(u"sum(rate(istio_requests_total{reporter=\"destination\"}[%1s]))"_qs.arg(windowSeconds))
            .value(QString(), 0.0);
    }

    // The VM workload's share of the destination-reported traffic, over a short window.
    double observedVmShare()
    {
        const auto rates = query(
            u"sum(rate(istio_requests_total{reporter=\"destination\",source_workload=\"caller\"}[8s])) by (destination_workload_namespace)"_qs,
            u"destination_workload_namespace"_qs);
        double sum = 0;
        for (double v : rates)
            sum += v;
        return sum > 0 ? rates.value(kVmNamespace, 0.0) / sum : -1;
    }

    PrometheusData rawQuery(const QString& promql)
    {
        auto* op = m_client->query(promql);
        QSignalSpy spy(op, &PrometheusOperation::finished);
        op->start();
        if (!spy.wait(20000))
            return {};
        return spy.first().first().value<PrometheusResult>().data;
    }

    // meshdeck's own graph from the lab Prometheus: GraphQueries' PromQL, GraphBuilder's model.
    TrafficGraph buildGraph()
    {
        GraphQueryOptions options;
        options.namespaces = QStringList{kPodNamespace, kVmNamespace};
        options.windowSeconds = 10;
        GraphTelemetry telemetry;
        telemetry.requests = rawQuery(GraphQueries::requests(options));
        telemetry.p95 = rawQuery(GraphQueries::latencyQuantile(options, 0.95));
        GraphInventory inventory;
        inventory.workloadGroups.insert(kVmNamespace, QStringList{u"envoydummy"_qs});
        WorkloadEntryInfo entry;
        entry.namespaceName = kVmNamespace;
        entry.name = u"envoydummy-198.18.0.10"_qs;
        entry.labels = {{u"app"_qs, u"envoydummy"_qs}};
        entry.workloadGroup = u"envoydummy"_qs;
        entry.healthChecksEnabled = true;
        entry.healthyCondition = truth().value(u"vmHealthy"_qs).toBool();
        inventory.workloadEntries = {entry};
        inventory.pods = {PodWorkloadInfo{kPodNamespace, u"envoydummy-v1"_qs, u"envoydummy"_qs, u"v1"_qs, 1, 1}};
        VirtualServiceRoute route{kPodNamespace, u"envoydummy"_qs, {}};
        for (const auto& e : truth().value(u"edges"_qs).toArray()) {
            const auto edge = e.toObject();
            route.destinations.append(RouteDestination{edge.value(u"destinationService"_qs).toString(), {}, {},
                                                       edge.value(u"weight"_qs).toInt()});
        }
        inventory.routes = {route};
        return buildTrafficGraph(telemetry, inventory);
    }

    static const GraphEdge* edgeTo(const TrafficGraph& graph, const QString& namespaceName)
    {
        for (const auto& node : graph.nodes) {
            if (node.namespaceName == namespaceName && node.workload == (namespaceName == kVmNamespace
                                                                             ? u"envoydummy"_qs
                                                                             : u"envoydummy-v1"_qs)) {
                for (const auto& edge : graph.edges) {
                    if (edge.destination == node.id && edge.protocol == u"http"_qs)
                        return &edge;
                }
            }
        }
        return nullptr;
    }

    // The graph agrees with the truth: per-edge rates within tolerance, shares within tolerance.
    bool graphMatchesTruth(QString* why)
    {
        const TrafficGraph graph = buildGraph();
        for (const auto& e : truth().value(u"edges"_qs).toArray()) {
            const auto want = e.toObject();
            const double rate = want.value(u"rate"_qs).toDouble();
            const auto* edge = edgeTo(graph, want.value(u"destinationNamespace"_qs).toString());
            const double got = edge ? edge->requestRate : 0.0;
            const double total = truth().value(u"totalRate"_qs).toDouble();
            if (std::abs(got - rate) > total * kRateTolerance
                || (edge && std::abs(edge->sharePercent / 100.0 - want.value(u"share"_qs).toDouble()) > kShareTolerance)) {
                *why = u"%1: graph %2 req/s (%3%), truth %4 req/s"_qs.arg(want.value(u"destinationWorkload"_qs).toString())
                           .arg(got).arg(edge ? edge->sharePercent : 0).arg(rate);
                return false;
            }
        }
        return true;
    }

    PrometheusClient* m_client = nullptr;

private slots:
    void initTestCase()
    {
        qRegisterMetaType<PrometheusResult>();
        if (!QFileInfo::exists(Lab::kubeconfig()))
            QSKIP("the lab is not up (lab/up was skipped)");
        if (!QFileInfo::exists(qEnvironmentVariable("MESHDECK_LAB_TRAFFICGEN_TRUTH")))
            QSKIP("the lab's Prometheus is not up (lab/prometheus-up was skipped: no prometheus package?)");
        m_client = new PrometheusClient(QUrl(qEnvironmentVariable("MESHDECK_LAB_PROMETHEUS_URL")), this);
        for (const auto& ns : {kPodNamespace, kVmNamespace})
            QCOMPARE(apply(Lab::namespaceObject(ns)), 0);
    }

    void cleanupTestCase()
    {
        if (m_client)
            kubectl({u"delete"_qs, u"namespace"_qs, kPodNamespace, kVmNamespace, u"--timeout=60s"_qs}); // waits: the next test reuses the names
    }

    void prometheusScrapesTheGenerator()
    {
        // The generator is a test tool and says so where Prometheus users look: in the HELP text.
        QTRY_VERIFY_WITH_TIMEOUT(!query(u"meshdeck_trafficgen_info{tool=\"test\"}"_qs).isEmpty(), kTimeoutMs);
        const double want = truth().value(u"totalRate"_qs).toDouble();
        QVERIFY(want > 0);
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(total() - want) <= want * kRateTolerance, kTimeoutMs);
        // Both reporters carry the same traffic: no double counting when one is chosen.
        const double source = query(u"sum(rate(istio_requests_total{reporter=\"source\"}[30s]))"_qs).value(QString());
        QVERIFY2(std::abs(source - want) <= want * kRateTolerance, qPrintable(QString::number(source)));
        // Istio's full label set, as Kiali's queries group by it.
        const auto series = query(u"istio_requests_total{reporter=\"destination\",response_code=\"200\"}"_qs,
                                  u"destination_workload"_qs);
        QVERIFY(series.contains(u"envoydummy-v1"_qs));
        // Some 5xx, and a histogram Prometheus can take quantiles of.
        QTRY_VERIFY_WITH_TIMEOUT(query(u"sum(increase(istio_requests_total{response_code=~\"5..\"}[60s]))"_qs).value(QString()) > 0,
                                 kTimeoutMs);
        const double p95 = query(
            u"histogram_quantile(0.95, sum(rate(istio_request_duration_milliseconds_bucket{reporter=\"destination\"}[30s])) by (le))"_qs)
                               .value(QString(), std::nan(""));
        QVERIFY2(p95 > 1 && p95 < 250, qPrintable(QString::number(p95)));
    }

    void weightsAndHealthAreFollowed()
    {
        // No WorkloadEntry yet: the VM is not healthy, every request goes to the pods.
        QTRY_COMPARE_WITH_TIMEOUT(truthShare(u"vm"_qs), 0.0, kTimeoutMs);

        QCOMPARE(apply(workloadEntry()), 0);
        QCOMPARE(setVmHealthy(true), 0);
        QCOMPARE(apply(virtualService(50, 50)), 0);
        QTRY_COMPARE_WITH_TIMEOUT(truthShare(u"vm"_qs), 0.5, kTimeoutMs);
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(observedVmShare() - 0.5) <= kShareTolerance, kTimeoutMs);

        // 80/20, as a user would apply through meshdeck: the observed share follows.
        QElapsedTimer clock;
        clock.start();
        QCOMPARE(apply(virtualService(80, 20)), 0);
        QTRY_COMPARE_WITH_TIMEOUT(truthShare(u"vm"_qs), 0.2, kTimeoutMs);
        const qint64 generatorMs = clock.elapsed();
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(observedVmShare() - 0.2) <= kShareTolerance, kTimeoutMs);
        qInfo("80/20 applied: generator followed after %lld ms, Prometheus showed it after %lld ms", generatorMs,
              clock.elapsed());

        // The VM turns unhealthy: it gets nothing, its share goes to the pods, the total stays.
        QCOMPARE(setVmHealthy(false), 0);
        QTRY_COMPARE_WITH_TIMEOUT(truth().value(u"vmHealthy"_qs).toBool(), false, kTimeoutMs);
        QCOMPARE(truthShare(u"vm"_qs), 0.0);
        QCOMPARE(truthShare(u"pod"_qs), 1.0);
        QTRY_COMPARE_WITH_TIMEOUT(observedVmShare(), 0.0, kTimeoutMs);
        const double want = truth().value(u"totalRate"_qs).toDouble();
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(total() - want) <= want * kRateTolerance, kTimeoutMs);

        // Healthy again: traffic returns at the configured weight.
        QCOMPARE(setVmHealthy(true), 0);
        QTRY_VERIFY_WITH_TIMEOUT(std::abs(observedVmShare() - 0.2) <= kShareTolerance, kTimeoutMs);
    }

    void graphMatchesTheGeneratorsTruth()
    {
        if (truth().value(u"virtualService"_qs).toBool() == false)
            QSKIP("runs after weightsAndHealthAreFollowed (80/20 applied, VM healthy)");
        QString why;
        QTRY_VERIFY2_WITH_TIMEOUT(graphMatchesTruth(&why), qPrintable(why), kTimeoutMs);
        const TrafficGraph graph = buildGraph();
        // The VM workload is a node of its own, marked as a VM, with its healthy entry counted.
        const GraphNode* vm = nullptr;
        for (const auto& node : graph.nodes) {
            if (node.namespaceName == kVmNamespace && node.workload == u"envoydummy"_qs)
                vm = &node;
        }
        QVERIFY(vm);
        QVERIFY(vm->isVm);
        QCOMPARE(vm->kind, GraphNode::Kind::VmWorkload);
        QCOMPARE(vm->vmEntries, 1);
        QCOMPARE(vm->vmEntriesHealthy, 1);
        const GraphEdge* toVm = edgeTo(graph, kVmNamespace);
        QVERIFY(toVm);
        // The generator's 5% 503s (0.1/s at 20% of 10/s: a 10 s window may hold none yet).
        const auto vmErrors = [this] {
            const TrafficGraph now = buildGraph();
            const auto* edge = edgeTo(now, kVmNamespace);
            return edge ? edge->errorRate : 0.0;
        };
        QTRY_VERIFY_WITH_TIMEOUT(vmErrors() > 0, kTimeoutMs);
        // The configured 20% meets an observed ~20%: no drift.
        QVERIFY(toVm->configured.has_value());
        QCOMPARE(toVm->configured->weight, 20);
        // Istio labels routed requests with the host routed to (destination_service =
        // envoydummy.chapter10vm...): the share is of the caller's traffic to all the route's hosts.
        QVERIFY2(std::abs(toVm->configured->observedShare - 20.0) <= kShareTolerance * 100,
                 qPrintable(QString::number(toVm->configured->observedShare)));
        QVERIFY(!toVm->configured->drift);
    }
};

QTEST_GUILESS_MAIN(TestKubeLabPrometheus)
#include "tst_kubelabprometheus.moc"
