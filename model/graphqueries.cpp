// SPDX-License-Identifier: Apache-2.0
#include "graphqueries.h"

#include <QRegularExpression>

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

} // namespace GraphQueries
