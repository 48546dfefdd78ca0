// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "trafficgraph.h"

#include <QString>
#include <QStringList>

/*! What the traffic graph asks Prometheus about. */
struct GraphQueryOptions
{
    QStringList namespaces;   //!< the selected namespaces; empty = all
    int windowSeconds = 60;   //!< rate window (Kiali's UI default: 1m)
    bool includeIdleEdges = false; //!< keep zero-rate series (Kiali: drops "> 0")
};

/*!
 * The PromQL of the traffic graph, all in one place. Unlike Kiali, which sends about six
 * queries per namespace and stitches the maps, each query here covers every selected namespace
 * at once (namespace=~"a|b") and keeps the reporter label, so that GraphBuilder can pick one
 * reporter per edge instead of de-duplicating by hash.
 */
namespace GraphQueries {

/*! The labels every traffic query groups by (Kiali's group-by set G plus reporter). */
QStringList trafficLabels();
/*! The anchored regex of the namespaces ("a|b"), regex metacharacters escaped; ".+" when empty. */
QString namespaceRegex(const QStringList& namespaces);
/*! istio_requests_total rate by G, request_protocol, response_code, grpc_response_status, response_flags. */
QString requests(const GraphQueryOptions& options);
/*! Bytes per second on TCP edges. Reads istio_tcp_received_bytes_total, as Kiali's "sent" rate
 *  does, because Istio's L4 metric names are reversed (istio/istio#32399). */
QString tcpBytes(const GraphQueryOptions& options);
/*! histogram_quantile(quantile, ...) over istio_request_duration_milliseconds_bucket, by G. */
QString latencyQuantile(const GraphQueryOptions& options, double quantile);

/*! The PromQL of one node's or one edge's time series (range queries for the side panel). */
struct SeriesQueries
{
    QString requests;   //!< req/s: inbound for a node (outbound for an unknown source), the edge's for an edge
    QString errors;     //!< req/s with 5xx, no response or a gRPC error
    QString outbound;   //!< node only: req/s the node sends
    QString p95;        //!< ms
    QString p99;
    QString tcp;        //!< bytes/s
};

/*! Label selector of a node as destination ("destination_workload=\"x\",...") or source. */
QString nodeSelector(const GraphNode& node, GraphType type, bool asDestination);
SeriesQueries nodeSeries(const GraphNode& node, GraphType type, int rateWindowSeconds);
SeriesQueries edgeSeries(const GraphNode& source, const GraphNode& destination, const GraphEdge& edge, GraphType type,
                         int rateWindowSeconds);
/*! A PromQL string literal's content: backslashes and double quotes escaped. */
QString escapeLabelValue(const QString& value);

} // namespace GraphQueries
