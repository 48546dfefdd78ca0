// SPDX-License-Identifier: Apache-2.0
#include "livegraphsource.h"

#include "graphinventory.h"
#include "graphqueries.h"
#include "istioversion.h"
#include "k8sjson.h"
#include "kubeclient.h"
#include "kubelist.h"
#include "operror.h"
#include "prometheusclient.h"

#include <QJsonArray>
#include <QTimer>

#include <cmath>

struct LiveGraphSource::GraphJob
{
    GraphRequest request;
    bool serviceMissing = false; //!< the Prometheus Service does not exist (discovery may find another)
    int pending = 0;
    GraphTelemetry telemetry;
    QList<QJsonObject> objects;
    QStringList warnings;
    Error error;
    QList<QPointer<QObject>> operations;
};

struct LiveGraphSource::SeriesJob
{
    SeriesResult result;
    int pending = 0;
    QList<QPointer<QObject>> operations;
};

namespace {

PrometheusEndpoint endpointOf(const PrometheusRef& ref)
{
    PrometheusEndpoint e;
    e.namespaceName = ref.namespaceName;
    e.service = ref.service;
    e.port = ref.port;
    e.scheme = ref.scheme;
    return e;
}

Error promError(const PrometheusResult& r)
{
    Error error = toError(r.error);
    if (error.message.isEmpty())
        error.message = r.error.detail;
    return error;
}

void cancelOperations(const QList<QPointer<QObject>>& operations)
{
    for (const QPointer<QObject>& op : operations) {
        if (auto* p = qobject_cast<PrometheusOperation*>(op))
            p->cancel();
        else if (auto* l = qobject_cast<KubeListOperation*>(op))
            l->cancel();
    }
}

} // namespace

LiveGraphSource::LiveGraphSource(KubeClient* kube, Plan plan, const QUrl& prometheusUrl, QObject* parent)
    : GraphSource(parent)
    , m_kube(kube)
    , m_plan(std::move(plan))
{
    const QUrl url = prometheusUrl.isValid() ? prometheusUrl : QUrl(m_plan.graph.prometheus.url);
    if (url.isValid() && !url.isEmpty()) {
        m_prometheus = new PrometheusClient(url, this);
        m_where = u"Prometheus at "_qs + url.toDisplayString(QUrl::RemoveUserInfo);
    } else {
        // The plan names no Prometheus: istio-system/prometheus (Istio's addon) first, else search.
        m_mayDiscover = m_plan.graph.prometheus == PrometheusRef{};
        m_prometheus = new PrometheusClient(kube, endpointOf(m_plan.graph.prometheus), this);
        const PrometheusRef& r = m_plan.graph.prometheus;
        m_where = u"Prometheus service %1/%2:%3 through the API server"_qs.arg(r.namespaceName, r.service, r.port);
    }
}

LiveGraphSource::~LiveGraphSource()
{
    cancelAll();
}

bool LiveGraphSource::sameGraphSettings(const Plan& a, const Plan& b)
{
    // What the constructor, startGraph() and finishGraph() read of the plan.
    return a.graph == b.graph && a.graphNamespaces() == b.graphNamespaces() && a.mesh.network == b.mesh.network
        && K8sJson::istioVersion(a).networkingApiVersion() == K8sJson::istioVersion(b).networkingApiVersion();
}

QString LiveGraphSource::description() const
{
    return m_where;
}

QStringList LiveGraphSource::defaultNamespaces() const
{
    return m_plan.graphNamespaces();
}

quint64 LiveGraphSource::requestGraph(const GraphRequest& request)
{
    const quint64 id = ++m_nextId;
    startGraph(id, request);
    return id;
}

void LiveGraphSource::startGraph(quint64 id, const GraphRequest& request)
{
    auto job = std::make_shared<GraphJob>();
    job->request = request;
    if (job->request.namespaces.isEmpty())
        job->request.namespaces = defaultNamespaces();
    m_graphs.insert(id, job);
    ++job->pending; // held while sending, so no answer can finish the job early

    GraphQueryOptions options;
    options.namespaces = job->request.namespaces;
    options.windowSeconds = request.windowSeconds;
    const std::pair<QString, PrometheusData GraphTelemetry::*> queries[] = {
        {GraphQueries::requests(options), &GraphTelemetry::requests},
        {GraphQueries::tcpBytes(options), &GraphTelemetry::tcp},
        {GraphQueries::latencyQuantile(options, 0.95), &GraphTelemetry::p95},
        {GraphQueries::latencyQuantile(options, 0.99), &GraphTelemetry::p99},
    };
    for (const auto& [promql, member] : queries) {
        PrometheusOperation* op = m_prometheus->query(promql, request.end, m_timeout);
        ++job->pending;
        job->operations.append(op);
        connect(op, &PrometheusOperation::finished, this, [this, id, member](const PrometheusResult& result) {
            const auto job = m_graphs.value(id);
            if (!job)
                return;
            if (!result.ok() && !job->error.isError()) {
                job->error = promError(result);
                job->serviceMissing = result.error.kind == PrometheusError::Kind::NotFound;
            } else if (result.ok()) 
                job->telemetry.*member = result.data;
            for (const QString& w : result.data.warnings)
                job->warnings.append(u"Prometheus: "_qs + w);
            finishGraph(id);
        });
    }

    const QString networking = K8sJson::istioVersion(m_plan).networkingApiVersion();
    for (const QString& ns : std::as_const(job->request.namespaces)) {
        for (const auto& [apiVersion, kind] : GraphInventoryReader::listedKinds(networking)) {
            KubeListOperation* op = m_kube->list(ObjectRef{apiVersion, kind, ns, {}});
            ++job->pending;
            job->operations.append(op);
            connect(op, &KubeListOperation::finished, this,
                    [this, id, kind = kind, ns](const KubeListResult& result) {
                        const auto job = m_graphs.value(id);
                        if (!job)
                            return;
                        if (result.ok()) {
                            job->objects += result.items;
                        } else if (result.error.kind != KubeError::Kind::NotServed) {
                            job->warnings.append(u"%1 in %2 not listed: %3"_qs.arg(kind, ns, result.error.message));
                        }
                        finishGraph(id);
                    });
        }
    }
    for (const QPointer<QObject>& op : std::as_const(job->operations)) {
        if (auto* p = qobject_cast<PrometheusOperation*>(op))
            p->start();
        else if (auto* l = qobject_cast<KubeListOperation*>(op))
            l->start();
    }
    // Never answer from inside the call, even when nothing was sent.
    QTimer::singleShot(0, this, [this, id] { finishGraph(id); });
}

void LiveGraphSource::finishGraph(quint64 id)
{
    const auto job = m_graphs.value(id);
    if (!job || --job->pending > 0)
        return;
    m_graphs.remove(id);
    if (job->error.isError() && job->serviceMissing && m_mayDiscover) {
        m_mayDiscover = false; // once: a Prometheus found is kept, none found is not searched again
        discover(id, job->request, job->error);
        return;
    }
    if (job->error.isError()) {
        emit graphFailed(id, job->error);
        return;
    }
    GraphBuildOptions options;
    options.type = job->request.type;
    options.driftTolerance = m_plan.graph.driftTolerance;
    QStringList inventoryWarnings;
    GraphInventory inventory = GraphInventoryReader::fromObjects(job->objects, &inventoryWarnings);
    inventory.clusterNetwork = m_plan.mesh.network;
    TrafficGraph graph = buildTrafficGraph(job->telemetry, inventory, options);
    graph.warnings = job->warnings + inventoryWarnings + graph.warnings;
    m_lastGraph.insert(int(job->request.type), graph);
    emit graphReady(id, graph);
}

quint64 LiveGraphSource::requestSeries(const SeriesRequest& request)
{
    const quint64 id = ++m_nextId;
    auto job = std::make_shared<SeriesJob>();
    job->result.request = id;
    m_series.insert(id, job);
    ++job->pending;
    QTimer::singleShot(0, this, [this, id] { finishSeries(id); });

    const TrafficGraph& graph = m_lastGraph[int(request.type)];
    GraphQueries::SeriesQueries q;
    const int step = std::max(request.stepSeconds, 1);
    // A rate needs at least two scrapes inside its window: four steps, and never under a minute.
    const int rateWindow = std::max(60, 4 * step);
    if (request.target == SeriesRequest::Target::Node) {
        const GraphNode* node = graph.node(request.nodeId);
        if (!node) {
            job->result.error = u"no node %1 in the last graph: refresh the graph first"_qs.arg(request.nodeId);
            return id;
        }
        q = GraphQueries::nodeSeries(*node, request.type, rateWindow);
    } else {
        const GraphEdge* edge = graph.edge(request.source, request.destination, request.protocol);
        const GraphNode* from = graph.node(request.source);
        const GraphNode* to = graph.node(request.destination);
        if (!edge || !from || !to) {
            job->result.error = u"no edge %1 -> %2 in the last graph: refresh the graph first"_qs.arg(request.source, request.destination);
            return id;
        }
        q = GraphQueries::edgeSeries(*from, *to, *edge, request.type, rateWindow);
    }
    const bool tcp = request.target == SeriesRequest::Target::Edge && request.protocol == u"tcp";
    QList<std::tuple<QString, QString, QString>> wanted; // name, unit, promql
    if (tcp) {
        wanted = {{u"tcp"_qs, u"B/s"_qs, q.tcp}};
    } else {
        wanted = {{u"requests"_qs, u"req/s"_qs, q.requests}, {u"errors"_qs, u"req/s"_qs, q.errors},
                  {u"p95"_qs, u"ms"_qs, q.p95}, {u"p99"_qs, u"ms"_qs, q.p99}};
        if (!q.outbound.isEmpty())
            wanted.append({u"outbound"_qs, u"req/s"_qs, q.outbound});
    }
    const QDateTime end = request.end.isValid() ? request.end : QDateTime::currentDateTimeUtc();
    const QDateTime start = request.start.isValid() ? request.start : end.addSecs(-3600);
    for (int i = 0; i < wanted.size(); ++i) {
        const auto& [name, unit, promql] = wanted.at(i);
        job->result.series.append(GraphSeries{name, unit, {}});
        PrometheusOperation* op = m_prometheus->queryRange(promql, start, end, std::chrono::seconds(step), m_timeout);
        ++job->pending;
        job->operations.append(op);
        connect(op, &PrometheusOperation::finished, this, [this, id, i](const PrometheusResult& result) {
            const auto job = m_series.value(id);
            if (!job)
                return;
            if (!result.ok()) {
                if (job->result.error.isEmpty())
                    job->result.error = promError(result).message;
            } else if (!result.data.series.isEmpty()) {
                QList<QPointF>& points = job->result.series[i].points;
                for (const PrometheusSample& s : result.data.series.first().samples)
                    points.append(QPointF(s.timestamp * 1000.0, s.value));
            }
            finishSeries(id);
        });
        op->start();
    }
    return id;
}

void LiveGraphSource::finishSeries(quint64 id)
{
    const auto job = m_series.value(id);
    if (!job || --job->pending > 0)
        return;
    m_series.remove(id);
    emit seriesReady(job->result);
}

void LiveGraphSource::cancelAll()
{
    const auto graphs = std::exchange(m_graphs, {});
    const auto series = std::exchange(m_series, {});
    for (const QPointer<KubeListOperation>& op : std::exchange(m_discovering, {}))
        if (op)
            op->cancel();
    for (const auto& job : graphs)
        cancelOperations(job->operations);
    for (const auto& job : series)
        cancelOperations(job->operations);
}

void LiveGraphSource::cancel(quint64 request)
{
    if (const QPointer<KubeListOperation> op = m_discovering.take(request); op)
        op->cancel();
    if (const auto job = m_graphs.take(request))
        cancelOperations(job->operations);
    if (const auto job = m_series.take(request))
        cancelOperations(job->operations);
}

namespace {

// Where Prometheus installations put their Service, most specific first: Istio's addon
// (app.kubernetes.io/name=prometheus, also the community chart), older charts (app=prometheus),
// kube-prometheus-stack (app=kube-prometheus-stack-prometheus), and prometheus-operator's
// governing Service of every Prometheus (operated-prometheus=true).
const QStringList discoverySelectors = {u"app.kubernetes.io/name=prometheus"_qs, u"app=prometheus"_qs,
                                        u"app=kube-prometheus-stack-prometheus"_qs, u"operated-prometheus=true"_qs};

// The Service port Prometheus' API listens on: 9090, or a port named web/http; else the first.
QString apiPort(const QJsonObject& service)
{
    const QJsonArray ports = service.value(u"spec"_qs)[u"ports"_qs].toArray();
    for (const QJsonValue& p : ports) {
        if (p[u"port"_qs].toInt() == 9090)
            return QString::number(9090);
    }
    for (const QJsonValue& p : ports) {
        const QString name = p[u"name"_qs].toString();
        if (name == u"web" || name == u"http" || name == u"http-web")
            return name;
    }
    return ports.isEmpty() ? QString() : QString::number(ports.first()[u"port"_qs].toInt());
}

} // namespace

void LiveGraphSource::discover(quint64 id, const GraphRequest& request, const Error& firstError, int selector)
{
    if (selector >= discoverySelectors.size()) {
        Error error = firstError;
        error.message += u" No other Prometheus Service was found either (looked for the labels "_qs
            + discoverySelectors.join(u", "_qs) + u"): set graph.prometheus in the plan."_qs;
        emit graphFailed(id, error);
        return;
    }
    ListOptions options;
    options.labelSelector = discoverySelectors[selector];
    KubeListOperation* op = m_kube->list(ObjectRef{u"v1"_qs, u"Service"_qs, {}, {}}, options);
    m_discovering.insert(id, op);
    connect(op, &KubeListOperation::finished, this, [this, id, request, firstError, selector](const KubeListResult& result) {
        if (!m_discovering.remove(id))
            return; // canceled
        if (!result.ok() || result.items.isEmpty()) {
            discover(id, request, firstError, selector + 1);
            return;
        }
        // Several matches (a chart's Service and its headless twin...): the first by namespace/name.
        QList<QJsonObject> services = result.items;
        const auto key = [](const QJsonObject& o) {
            return o.value(u"metadata"_qs)[u"namespace"_qs].toString() + u'/' + o.value(u"metadata"_qs)[u"name"_qs].toString();
        };
        std::sort(services.begin(), services.end(), [&key](const QJsonObject& a, const QJsonObject& b) { return key(a) < key(b); });
        const QJsonObject& found = services.first();
        PrometheusRef ref;
        ref.namespaceName = found.value(u"metadata"_qs)[u"namespace"_qs].toString();
        ref.service = found.value(u"metadata"_qs)[u"name"_qs].toString();
        ref.port = apiPort(found);
        // The old client stays (a child) until this source goes: queries of it may still be running.
        m_prometheus = new PrometheusClient(m_kube, endpointOf(ref), this);
        m_where = u"Prometheus service %1/%2:%3 through the API server (found by the label %4)"_qs.arg(
            ref.namespaceName, ref.service, ref.port, discoverySelectors[selector]);
        startGraph(id, request);
    });
    op->start();
}
