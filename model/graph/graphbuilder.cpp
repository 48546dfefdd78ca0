// SPDX-License-Identifier: Apache-2.0
#include "graphbuilder.h"

#include "graphroutes.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

QList<HealthTolerance> HealthThresholds::defaults()
{
    // Kiali's config.AddHealthDefault: 5XX, 4XX, gRPC error codes and "no response".
    return {
        {u"5\\d\\d"_qs, u"http"_qs, 0, 10},
        {u"4\\d\\d"_qs, u"http"_qs, 10, 20},
        {u"[1-9]|1[0-6]"_qs, u"grpc"_qs, 0, 10},
        {u"-"_qs, u"http"_qs, 0, 10},
        {u"-"_qs, u"grpc"_qs, 0, 10},
    };
}

// Istio's canonical service and revision label precedence (pkg/config/labels).
QString canonicalService(const QMap<QString, QString>& l, const QString& fallback)
{
    for (const char16_t* key : {u"service.istio.io/canonical-name", u"app.kubernetes.io/name", u"app"}) {
        const QString value = l.value(QString::fromUtf16(key));
        if (!value.isEmpty())
            return value;
    }
    return fallback;
}

QString canonicalRevision(const QMap<QString, QString>& l)
{
    for (const char16_t* key : {u"service.istio.io/canonical-revision", u"app.kubernetes.io/version", u"version"}) {
        const QString value = l.value(QString::fromUtf16(key));
        if (!value.isEmpty())
            return value;
    }
    return u"latest"_qs;
}

namespace {

struct CompiledTolerance
{
    QRegularExpression code;
    HealthTolerance tolerance;
};

QList<CompiledTolerance> compile(const HealthThresholds& thresholds)
{
    QList<CompiledTolerance> compiled;
    for (const HealthTolerance& t : thresholds.tolerances)
        compiled.append({QRegularExpression(QRegularExpression::anchoredPattern(t.codeRegex)), t});
    return compiled;
}

GraphHealth statusFor(double percent, double degraded, double failure)
{
    if (percent >= failure && (failure > 0 || percent > 0))
        return GraphHealth::Failure;
    if (degraded > 0 ? percent >= degraded : percent > 0)
        return GraphHealth::Degraded;
    return GraphHealth::Healthy;
}

bool isErrorCode(const QString& code, const QString& protocol)
{
    if (protocol == u"grpc")
        return code != u"0";
    return code == u"-" || code.startsWith(u'4') || code.startsWith(u'5');
}

GraphHealth healthOf(const QMap<QString, double>& codeRates, const QString& protocol,
                     const QList<CompiledTolerance>& tolerances, const HealthThresholds& thresholds)
{
    double total = 0;
    for (double rate : codeRates)
        total += rate;
    if (total <= 0)
        return GraphHealth::NotAvailable;
    GraphHealth result = GraphHealth::Healthy;
    bool matched = false;
    for (const CompiledTolerance& t : tolerances) {
        if (t.tolerance.protocol != protocol)
            continue;
        matched = true;
        double errors = 0;
        for (auto it = codeRates.begin(); it != codeRates.end(); ++it) {
            if (t.code.match(it.key()).hasMatch())
                errors += it.value();
        }
        result = worse(result, statusFor(errors / total * 100.0, t.tolerance.degraded, t.tolerance.failure));
    }
    if (!matched) {
        double errors = 0;
        for (auto it = codeRates.begin(); it != codeRates.end(); ++it) {
            if (isErrorCode(it.key(), protocol))
                errors += it.value();
        }
        result = statusFor(errors / total * 100.0, thresholds.fallbackDegraded, thresholds.fallbackFailure);
    }
    return result;
}

bool isUnknown(const QString& value)
{
    return value.isEmpty() || value == u"unknown";
}

QString orUnknown(const QString& value)
{
    return value.isEmpty() ? u"unknown"_qs : value;
}

const QRegularExpression& ipPort()
{
    static const QRegularExpression re(u"^\\d{1,3}(\\.\\d{1,3}){3}(:\\d+)?\\z"_qs);
    return re;
}

class Builder
{
public:
    enum class Side { Source, Destination };

    Builder(const GraphInventory& inventory, const GraphBuildOptions& options)
        : m_inventory(inventory), m_options(options), m_tolerances(compile(options.health))
    {
        m_graph.type = options.type;
        for (const QString& host : inventory.serviceEntryHosts)
            m_serviceEntryHosts.insert(host);
        // Instances by namespace: every node looks only at its own namespace's (nodes x inventory
        // was seconds on 10,000-node meshes).
        for (const WorkloadEntryInfo& we : inventory.workloadEntries)
            m_entriesByNamespace[we.namespaceName].append(&we);
        for (const PodWorkloadInfo& pods : inventory.pods)
            m_podsByNamespace[pods.namespaceName].append(&pods);
    }

    void addRequests(const PrometheusData& data);
    void addTcp(const PrometheusData& data);
    void addLatency(const PrometheusData& data, bool p99);
    TrafficGraph finish();

private:
    struct Ends
    {
        QString source;
        QString destination;
    };
    std::optional<Ends> ends(const PrometheusSeries& series);
    QString workloadSide(const PrometheusSeries& s, Side side);
    QString serviceSide(const PrometheusSeries& s);
    QString addNode(GraphNode node);
    GraphEdge& edgeFor(const Ends& ends, const QString& protocol, const QString& reporter);
    QSet<QString> sourceReported(const PrometheusData& data, const QString& protocol, QList<Ends>* known);
    std::optional<Ends> endsOf(const PrometheusData& data, qsizetype i, const QList<Ends>& known);
    void decorateNodes();
    void decorateInstances(GraphNode& node);
    void computeRates();

    const GraphInventory& m_inventory;
    QHash<QString, QList<const WorkloadEntryInfo*>> m_entriesByNamespace;
    QHash<QString, QList<const PodWorkloadInfo*>> m_podsByNamespace;
    const GraphBuildOptions& m_options;
    QList<CompiledTolerance> m_tolerances;
    QSet<QString> m_serviceEntryHosts;
    TrafficGraph m_graph;
    QHash<QString, qsizetype> m_nodeIndex;
    QHash<QString, qsizetype> m_edgeIndex;
    int m_skipped = 0;
};

QString edgeKey(const QString& source, const QString& destination, const QString& protocol)
{
    return source + u'\x1f' + destination + u'\x1f' + protocol;
}

QString Builder::addNode(GraphNode node)
{
    QString id = node.id;
    if (!m_nodeIndex.contains(id)) {
        m_nodeIndex.insert(id, m_graph.nodes.size());
        m_graph.nodes.append(std::move(node));
    }
    return id;
}

// The label names of one side of a series, made once: building them per series was a good part
// of the model build on big meshes.
struct SideLabels
{
    QString cluster;
    QString workload;
    QString workloadNamespace;
    QString canonicalService;
    QString canonicalRevision;
};

const SideLabels& sideLabels(Builder::Side side)
{
    static const auto make = [](const QString& prefix) {
        return SideLabels{prefix + u"cluster"_qs, prefix + u"workload"_qs, prefix + u"workload_namespace"_qs,
                          prefix + u"canonical_service"_qs, prefix + u"canonical_revision"_qs};
    };
    static const SideLabels source = make(u"source_"_qs);
    static const SideLabels destination = make(u"destination_"_qs);
    return side == Builder::Side::Source ? source : destination;
}

QString Builder::workloadSide(const PrometheusSeries& s, Side side)
{
    const SideLabels& labels = sideLabels(side);
    const QString cluster = orUnknown(s.label(labels.cluster));
    const QString ns = s.label(labels.workloadNamespace);
    const QString app = s.label(labels.canonicalService);
    GraphType type = m_options.type;
    if (type == GraphType::Service)
        type = GraphType::App; // a service graph condenses callers to their applications
    if (type != GraphType::Workload && isUnknown(app))
        type = GraphType::Workload;
    // The id first: most series meet a node that is there already.
    QString id;
    switch (type) {
    case GraphType::App: id = u"app_"_qs + cluster + u'_' + ns + u'_' + app; break;
    case GraphType::VersionedApp:
        id = u"vapp_"_qs + cluster + u'_' + ns + u'_' + app + u'_' + s.label(labels.canonicalRevision);
        break;
    default: id = u"wl_"_qs + cluster + u'_' + ns + u'_' + s.label(labels.workload);
    }
    if (m_nodeIndex.contains(id))
        return id;
    GraphNode node;
    node.id = id;
    node.cluster = cluster;
    node.namespaceName = ns;
    node.app = app;
    if (type == GraphType::Workload)
        node.workload = s.label(labels.workload);
    if (type != GraphType::App)
        node.version = s.label(labels.canonicalRevision);
    return addNode(std::move(node));
}

QString Builder::serviceSide(const PrometheusSeries& s)
{
    const QString cluster = orUnknown(s.label(u"destination_cluster"_qs));
    const QString host = s.label(u"destination_service"_qs);
    const QString ns = orUnknown(s.label(u"destination_service_namespace"_qs));
    QString service = s.label(u"destination_service_name"_qs);
    if (isUnknown(service))
        service = host;
    const bool entry = m_serviceEntryHosts.contains(host) || m_serviceEntryHosts.contains(service);
    const QString id = entry ? u"se_"_qs + cluster + u'_' + ns + u'_' + host
                             : u"svc_"_qs + cluster + u'_' + ns + u'_' + service;
    if (m_nodeIndex.contains(id))
        return id;
    GraphNode node;
    node.id = id;
    node.cluster = cluster;
    node.namespaceName = ns;
    node.kind = entry ? GraphNode::Kind::ServiceEntry : GraphNode::Kind::Service;
    node.service = entry ? host : service;
    return addNode(std::move(node));
}

std::optional<Builder::Ends> Builder::ends(const PrometheusSeries& s)
{
    const QString destinationWorkload = s.label(u"destination_workload"_qs);
    const QString destinationService = s.label(u"destination_service"_qs);
    // Kiali's known-bad series: a bare IP:port destination with no workload says nothing.
    if (isUnknown(destinationWorkload) && (isUnknown(destinationService) || ipPort().match(destinationService).hasMatch()))
        return std::nullopt;
    Ends e;
    if (isUnknown(s.label(u"source_workload"_qs))) {
        GraphNode unknown;
        unknown.kind = GraphNode::Kind::Unknown;
        unknown.cluster = orUnknown(s.label(u"source_cluster"_qs));
        unknown.namespaceName = u"unknown"_qs;
        unknown.id = unknown.cluster + u"_unknown_source"_qs;
        e.source = addNode(std::move(unknown));
    } else {
        e.source = workloadSide(s, Side::Source);
    }
    if (m_options.type == GraphType::Service || isUnknown(destinationWorkload))
        e.destination = serviceSide(s);
    else
        e.destination = workloadSide(s, Side::Destination);
    return e;
}

GraphEdge& Builder::edgeFor(const Ends& ends, const QString& protocol, const QString& reporter)
{
    const QString key = edgeKey(ends.source, ends.destination, protocol);
    auto it = m_edgeIndex.constFind(key);
    if (it != m_edgeIndex.constEnd())
        return m_graph.edges[*it];
    GraphEdge edge;
    edge.source = ends.source;
    edge.destination = ends.destination;
    edge.protocol = protocol;
    edge.reporter = reporter;
    m_edgeIndex.insert(key, m_graph.edges.size());
    m_graph.edges.append(std::move(edge));
    return m_graph.edges.last();
}

QString protocolOf(const PrometheusSeries& s, bool tcp)
{
    if (tcp)
        return u"tcp"_qs;
    const QString protocol = s.label(u"request_protocol"_qs);
    return protocol == u"grpc" ? protocol : u"http"_qs;
}

QString reporterOf(const PrometheusSeries& s)
{
    return s.label(u"reporter"_qs) == u"destination" ? u"destination"_qs : u"source"_qs;
}

/*!
 * Edges (source, destination, protocol) that their source proxy reported. The ends of the series
 * it looked at go into known (by series), so that the second pass over them needs not work them
 * out again; a series without an entry has an empty source there.
 */
QSet<QString> Builder::sourceReported(const PrometheusData& data, const QString& protocolFilter, QList<Ends>* known)
{
    QSet<QString> keys;
    known->resize(data.series.size());
    for (qsizetype i = 0; i < data.series.size(); ++i) {
        const PrometheusSeries& s = data.series[i];
        if (reporterOf(s) != u"source" || !std::isfinite(s.value()))
            continue;
        if (const auto e = ends(s)) {
            keys.insert(edgeKey(e->source, e->destination, protocolFilter.isEmpty() ? protocolOf(s, false) : protocolFilter));
            (*known)[i] = *e;
        }
    }
    return keys;
}

// The ends of series i: known from sourceReported(), or worked out now (nullopt: skipped).
std::optional<Builder::Ends> Builder::endsOf(const PrometheusData& data, qsizetype i, const QList<Ends>& known)
{
    if (!known[i].source.isEmpty())
        return known[i];
    return std::isfinite(data.series[i].value()) ? ends(data.series[i]) : std::nullopt;
}

void Builder::addRequests(const PrometheusData& data)
{
    m_graph.warnings.append(data.warnings);
    QList<Ends> known;
    const QSet<QString> fromSource = sourceReported(data, {}, &known);
    for (qsizetype i = 0; i < data.series.size(); ++i) {
        const PrometheusSeries& s = data.series[i];
        const double rate = s.value();
        const auto e = endsOf(data, i, known);
        if (!e) {
            ++m_skipped;
            continue;
        }
        const QString protocol = protocolOf(s, false);
        const QString reporter = reporterOf(s);
        if (reporter == u"destination" && fromSource.contains(edgeKey(e->source, e->destination, protocol)))
            continue; // the source proxy counted these requests already
        GraphEdge& edge = edgeFor(*e, protocol, reporter);
        QString code = protocol == u"grpc" ? s.label(u"grpc_response_status"_qs) : s.label(u"response_code"_qs);
        if (code.isEmpty() || (protocol == u"http" && code == u"0"))
            code = u"-"_qs; // Kiali: response_code 0 = no response
        edge.requestRate += rate;
        edge.responseCodes[code] += rate;
        edge.serviceRates[s.label(u"destination_service"_qs)] += rate;
        if (isErrorCode(code, protocol))
            edge.errorRate += rate;
    }
}

void Builder::addTcp(const PrometheusData& data)
{
    m_graph.warnings.append(data.warnings);
    QList<Ends> known;
    const QSet<QString> fromSource = sourceReported(data, u"tcp"_qs, &known);
    for (qsizetype i = 0; i < data.series.size(); ++i) {
        const PrometheusSeries& s = data.series[i];
        const double rate = s.value();
        const auto e = endsOf(data, i, known);
        if (!e) {
            ++m_skipped;
            continue;
        }
        const QString reporter = reporterOf(s);
        if (reporter == u"destination" && fromSource.contains(edgeKey(e->source, e->destination, u"tcp"_qs)))
            continue;
        GraphEdge& edge = edgeFor(*e, u"tcp"_qs, reporter);
        edge.tcpBytesPerSecond += rate;
        edge.serviceRates[s.label(u"destination_service"_qs)] += rate;
    }
}

void Builder::addLatency(const PrometheusData& data, bool p99)
{
    // Kiali lets destination-reported response times win: they exclude the network.
    for (const bool destinationPass : {true, false}) {
        for (const PrometheusSeries& s : data.series) {
            if ((reporterOf(s) == u"destination") != destinationPass)
                continue;
            const double ms = s.value();
            // NaN: no requests in the window; +Inf: the quantile fell into the +Inf bucket.
            const auto e = std::isfinite(ms) ? ends(s) : std::nullopt;
            if (!e)
                continue;
            for (const QString& protocol : {u"http"_qs, u"grpc"_qs}) {
                auto it = m_edgeIndex.constFind(edgeKey(e->source, e->destination, protocol));
                if (it == m_edgeIndex.constEnd())
                    continue;
                double& target = p99 ? m_graph.edges[*it].p99Ms : m_graph.edges[*it].p95Ms;
                if (std::isnan(target))
                    target = ms;
            }
        }
    }
}

void Builder::computeRates()
{
    QHash<QString, double> outbound; // source + protocol -> rate
    for (const GraphEdge& e : std::as_const(m_graph.edges)) {
        const double rate = e.protocol == u"tcp" ? e.tcpBytesPerSecond : e.requestRate;
        outbound[e.source + u'\x1f' + e.protocol] += rate;
        if (e.protocol != u"tcp") {
            m_graph.nodes[m_nodeIndex.value(e.source)].outboundRate += rate;
            m_graph.nodes[m_nodeIndex.value(e.destination)].inboundRate += rate;
        }
    }
    for (GraphEdge& e : m_graph.edges) {
        const double rate = e.protocol == u"tcp" ? e.tcpBytesPerSecond : e.requestRate;
        const double total = outbound.value(e.source + u'\x1f' + e.protocol);
        e.sharePercent = total > 0 ? rate / total * 100.0 : 0.0;
        if (e.protocol != u"tcp")
            e.health = healthOf(e.responseCodes, e.protocol, m_tolerances, m_options.health);
    }
}

bool labelsMatch(const QMap<QString, QString>& labels, const GraphNode& node, bool version)
{
    if (canonicalService(labels, {}) != node.app)
        return false;
    return !version || canonicalRevision(labels) == node.version;
}

/*! Replica status as Kiali computes it, pods and WorkloadEntries counted alike. */
GraphHealth instanceHealth(const GraphNode& node, bool known)
{
    if (!known)
        return GraphHealth::NotAvailable;
    const int desired = node.podsDesired + node.vmEntries;
    const int available = node.podsReady + node.vmEntriesHealthy;
    if (desired == 0)
        return GraphHealth::NotReady;
    if (available == 0)
        return GraphHealth::Failure;
    return available < desired ? GraphHealth::Degraded : GraphHealth::Healthy;
}

void Builder::decorateInstances(GraphNode& node)
{
    if (node.kind != GraphNode::Kind::Workload)
        return;
    const bool byWorkload = !node.workload.isEmpty();
    const bool byVersion = m_options.type == GraphType::VersionedApp;
    bool known = false;
    QStringList networks;
    if (byWorkload && m_inventory.workloadGroups.value(node.namespaceName).contains(node.workload)) {
        node.isVm = true;
        known = true;
    }
    for (const WorkloadEntryInfo* entry : m_entriesByNamespace.value(node.namespaceName)) {
        const WorkloadEntryInfo& we = *entry;
        const bool member = byWorkload ? (we.workloadGroup.isEmpty() ? we.name : we.workloadGroup) == node.workload
                                       : labelsMatch(we.labels, node, byVersion);
        if (!member)
            continue;
        node.isVm = true;
        known = true;
        ++node.vmEntries;
        node.vmEntriesHealthy += we.isHealthy() ? 1 : 0;
        node.workloadEntries.append(we.name);
        networks.append(we.network.isEmpty() ? m_inventory.clusterNetwork : we.network);
    }
    for (const PodWorkloadInfo* podsOf : m_podsByNamespace.value(node.namespaceName)) {
        const PodWorkloadInfo& pods = *podsOf;
        const bool member = byWorkload ? pods.workload == node.workload
                                       : pods.app == node.app && (!byVersion || pods.version == node.version);
        if (!member)
            continue;
        known = true;
        node.podsDesired += pods.desired;
        node.podsReady += pods.ready;
        networks.append(m_inventory.clusterNetwork);
    }
    networks.removeAll(QString());
    networks.sort();
    networks.removeDuplicates();
    node.network = networks.join(u", "_qs);
    if (node.isVm)
        node.kind = GraphNode::Kind::VmWorkload;
    node.instanceHealth = instanceHealth(node, known);
}

void Builder::decorateNodes()
{
    // Traffic health of a node: its inbound and outbound requests per protocol, the worse wins.
    QHash<QString, QMap<QString, double>> codes; // node id + direction + protocol -> code rates
    for (const GraphEdge& e : std::as_const(m_graph.edges)) {
        if (e.protocol == u"tcp")
            continue;
        for (auto it = e.responseCodes.begin(); it != e.responseCodes.end(); ++it) {
            codes[e.source + u"\x1fout\x1f"_qs + e.protocol][it.key()] += it.value();
            codes[e.destination + u"\x1fin\x1f"_qs + e.protocol][it.key()] += it.value();
        }
    }
    for (GraphNode& node : m_graph.nodes) {
        for (const QString& key : {u"\x1fout\x1fhttp"_qs, u"\x1fout\x1fgrpc"_qs, u"\x1fin\x1fhttp"_qs, u"\x1fin\x1fgrpc"_qs}) {
            auto it = codes.constFind(node.id + key);
            if (it != codes.constEnd())
                node.trafficHealth = worse(node.trafficHealth, healthOf(*it, key.section(u'\x1f', 2), m_tolerances, m_options.health));
        }
        decorateInstances(node);
        node.health = worse(node.trafficHealth, node.instanceHealth);
    }
}

TrafficGraph Builder::finish()
{
    computeRates();
    decorateNodes();
    applyRouteWeights(m_graph, m_inventory, m_options.driftTolerance);
    if (m_skipped > 0)
        m_graph.warnings.append(QString::number(m_skipped) + u" series without a usable source, destination or value were skipped"_qs);
    return std::move(m_graph);
}

} // namespace

GraphHealth trafficHealth(const QMap<QString, double>& codeRates, const QString& protocol,
                          const HealthThresholds& thresholds)
{
    return healthOf(codeRates, protocol, compile(thresholds), thresholds);
}

TrafficGraph buildTrafficGraph(const GraphTelemetry& telemetry, const GraphInventory& inventory,
                               const GraphBuildOptions& options)
{
    Builder builder(inventory, options);
    builder.addRequests(telemetry.requests);
    builder.addTcp(telemetry.tcp);
    builder.addLatency(telemetry.p95, false);
    builder.addLatency(telemetry.p99, true);
    return builder.finish();
}
