// SPDX-License-Identifier: Apache-2.0
#include "graphqueries.h"

#include <QRegularExpression>

#include <algorithm>

namespace GraphQueries {

QStringList trafficLabels()
{
    return {u"reporter"_qs,
            u"source_cluster"_qs,
            u"source_workload_namespace"_qs,
            u"source_workload"_qs,
            u"source_canonical_service"_qs,
            u"source_canonical_revision"_qs,
            u"destination_cluster"_qs,
            u"destination_service_namespace"_qs,
            u"destination_service"_qs,
            u"destination_service_name"_qs,
            u"destination_workload_namespace"_qs,
            u"destination_workload"_qs,
            u"destination_canonical_service"_qs,
            u"destination_canonical_revision"_qs};
}

QString namespaceRegex(const QStringList& namespaces)
{
    if (namespaces.isEmpty())
        return u".+"_qs;
    QStringList escaped;
    for (const QString& ns : namespaces) {
        // PromQL regexes are RE2 inside a double-quoted string: a backslash must be doubled.
        escaped.append(QRegularExpression::escape(ns).replace(u"\\"_qs, u"\\\\"_qs));
    }
    return escaped.join(u'|');
}

namespace {

/*!
 * The series of the selected namespaces, both reporters in one vector: source-reported for
 * traffic leaving the namespaces, destination-reported for traffic entering them, and
 * source-reported requests that never reached a workload of theirs (Kiali's q0). The reporter
 * label stays, so the same edge seen by both proxies arrives as two distinct series.
 */
QString selection(const QString& metric, const GraphQueryOptions& options)
{
    const QString ns = namespaceRegex(options.namespaces);
    const QString window = u"["_qs + QString::number(options.windowSeconds) + u"s])"_qs;
    const QString head = u"rate("_qs + metric + u'{';
    return head + u"reporter=\"source\",source_workload_namespace=~\""_qs + ns + u"\"}"_qs + window
        + u" or "_qs + head + u"reporter=\"destination\",destination_workload_namespace=~\""_qs + ns + u"\"}"_qs
        + window + u" or "_qs + head
        + u"reporter=\"source\",source_workload_namespace!~\""_qs + ns
        + u"\",destination_workload=\"unknown\",destination_service=~\"^.+\\\\.("_qs + ns + u")\\\\..+$\"}"_qs
        + window;
}

QString positive(const GraphQueryOptions& options)
{
    return options.includeIdleEdges ? QString() : u" > 0"_qs;
}

} // namespace

QString requests(const GraphQueryOptions& options)
{
    const QString by = trafficLabels().join(u',')
        + u",request_protocol,response_code,grpc_response_status,response_flags"_qs;
    return u"sum by ("_qs + by + u") ("_qs + selection(u"istio_requests_total"_qs, options) + u')'
        + positive(options);
}

QString tcpBytes(const GraphQueryOptions& options)
{
    return u"sum by ("_qs + trafficLabels().join(u',') + u") ("_qs
        + selection(u"istio_tcp_received_bytes_total"_qs, options) + u')' + positive(options);
}

QString latencyQuantile(const GraphQueryOptions& options, double quantile)
{
    return u"histogram_quantile("_qs + QString::number(quantile) + u", sum by (le,"_qs
        + trafficLabels().join(u',') + u") ("_qs
        + selection(u"istio_request_duration_milliseconds_bucket"_qs, options) + u"))"_qs + positive(options);
}

QString escapeLabelValue(const QString& value)
{
    QString out = value;
    out.replace(u"\\"_qs, u"\\\\"_qs).replace(u"\""_qs, u"\\\""_qs).replace(u"\n"_qs, u"\\n"_qs);
    return out;
}

namespace {

QString label(const QString& name, const QString& value)
{
    return name + u"=\""_qs + escapeLabelValue(value) + u'"';
}

QString window(int seconds)
{
    return u"["_qs + QString::number(std::max(seconds, 1)) + u"s]"_qs;
}

QString rateSum(const QString& selector, int windowSeconds, const QString& extra = {})
{
    const QString inner = extra.isEmpty() ? selector : selector + u',' + extra;
    return u"sum(rate(istio_requests_total{"_qs + inner + u"}"_qs + window(windowSeconds) + u"))"_qs;
}

// Kiali's error rule for the graph's charts: HTTP 5xx, no response (code 0), or a gRPC status other than OK.
const QString errorMatcher = u"response_code=~\"5..|0\""_qs;

QString quantile(const QString& selector, int windowSeconds, double q)
{
    return u"histogram_quantile("_qs + QString::number(q) + u", sum by (le) (rate(istio_request_duration_milliseconds_bucket{"_qs
        + selector + u"}"_qs + window(windowSeconds) + u")))"_qs;
}

} // namespace

QString nodeSelector(const GraphNode& node, GraphType type, bool asDestination)
{
    const QString side = asDestination ? u"destination_"_qs : u"source_"_qs;
    QStringList parts;
    if (!node.cluster.isEmpty() && node.cluster != u"unknown")
        parts << label(side + u"cluster"_qs, node.cluster);
    switch (node.kind) {
    case GraphNode::Kind::Unknown:
        parts << label(side + u"workload"_qs, u"unknown"_qs);
        break;
    case GraphNode::Kind::Service:
        parts << label(u"destination_service_namespace"_qs, node.namespaceName)
              << label(u"destination_service_name"_qs, node.service);
        break;
    case GraphNode::Kind::ServiceEntry:
        parts << label(u"destination_service"_qs, node.service);
        break;
    case GraphNode::Kind::Workload:
    case GraphNode::Kind::VmWorkload:
        parts << label(side + u"workload_namespace"_qs, node.namespaceName);
        if (type == GraphType::App || type == GraphType::VersionedApp) {
            parts << label(side + u"canonical_service"_qs, node.app);
            if (type == GraphType::VersionedApp && !node.version.isEmpty())
                parts << label(side + u"canonical_revision"_qs, node.version);
        } else {
            parts << label(side + u"workload"_qs, node.workload);
        }
        break;
    }
    return parts.join(u',');
}

SeriesQueries nodeSeries(const GraphNode& node, GraphType type, int rateWindowSeconds)
{
    SeriesQueries q;
    const bool sourceOnly = node.kind == GraphNode::Kind::Unknown;
    const QString in = (sourceOnly ? u"reporter=\"source\","_qs : u"reporter=\"destination\","_qs)
        + nodeSelector(node, type, !sourceOnly);
    q.requests = rateSum(in, rateWindowSeconds);
    q.errors = rateSum(in, rateWindowSeconds, errorMatcher);
    if (node.kind == GraphNode::Kind::Workload || node.kind == GraphNode::Kind::VmWorkload)
        q.outbound = rateSum(u"reporter=\"source\","_qs + nodeSelector(node, type, false), rateWindowSeconds);
    q.p95 = quantile(in, rateWindowSeconds, 0.95);
    q.p99 = quantile(in, rateWindowSeconds, 0.99);
    q.tcp = u"sum(rate(istio_tcp_received_bytes_total{"_qs + in + u"}"_qs + window(rateWindowSeconds) + u"))"_qs;
    return q;
}

SeriesQueries edgeSeries(const GraphNode& source, const GraphNode& destination, const GraphEdge& edge, GraphType type,
                         int rateWindowSeconds)
{
    SeriesQueries q;
    const QString reporter = edge.reporter.isEmpty() ? u"source"_qs : edge.reporter;
    QString selector = label(u"reporter"_qs, reporter) + u',' + nodeSelector(source, type, false) + u','
        + nodeSelector(destination, type, true);
    if (edge.protocol == u"http" || edge.protocol == u"grpc")
        selector += u',' + label(u"request_protocol"_qs, edge.protocol);
    q.requests = rateSum(selector, rateWindowSeconds);
    q.errors = rateSum(selector, rateWindowSeconds, errorMatcher);
    q.p95 = quantile(selector, rateWindowSeconds, 0.95);
    q.p99 = quantile(selector, rateWindowSeconds, 0.99);
    q.tcp = u"sum(rate(istio_tcp_received_bytes_total{"_qs + nodeSelector(source, type, false) + u','
        + nodeSelector(destination, type, true) + u',' + label(u"reporter"_qs, reporter) + u"}"_qs
        + window(rateWindowSeconds) + u"))"_qs;
    return q;
}

} // namespace GraphQueries
