// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <limits>
#include <optional>

/*! Kiali's health states, ordered by priority (a larger value wins when combined). */
enum class GraphHealth { NotAvailable, Healthy, NotReady, Degraded, Failure };
GraphHealth worse(GraphHealth a, GraphHealth b);
QString healthName(GraphHealth health);

enum class GraphType { Workload, App, VersionedApp, Service };

/*! A node of the traffic graph. */
struct GraphNode
{
    enum class Kind { Workload, VmWorkload, Service, ServiceEntry, Unknown };
    QString id;           //!< wl_|app_|vapp_|svc_<cluster>_<ns>_<name>, "<cluster>_unknown_source"
    Kind kind = Kind::Workload;
    QString namespaceName;
    QString cluster;
    /*!
     * The network its instances are on: the VMs' (WorkloadEntry spec.network) or the cluster's;
     * "a, b" when a workload spans several; empty when unknown (services, unknown sources).
     */
    QString network;
    QString app;          //!< canonical service
    QString version;      //!< canonical revision
    QString workload;     //!< workload graph: the workload name
    QString service;      //!< service and service entry nodes: the service name (or host)
    /*!
     * Part or all of the node runs on VMs (WorkloadGroup / WorkloadEntries). True also for a
     * workload that has both pods and WorkloadEntries: then podsDesired > 0 as well.
     */
    bool isVm = false;
    int podsDesired = 0;
    int podsReady = 0;
    int vmEntries = 0;        //!< WorkloadEntries of this node
    int vmEntriesHealthy = 0;
    QStringList workloadEntries; //!< their names
    double inboundRate = 0;   //!< requests/s (HTTP + gRPC)
    double outboundRate = 0;
    GraphHealth trafficHealth = GraphHealth::NotAvailable;
    GraphHealth instanceHealth = GraphHealth::NotAvailable;
    GraphHealth health = GraphHealth::NotAvailable; //!< the worse of the two

    bool isMixed() const { return isVm && podsDesired > 0; }
};

/*! A VirtualService weight that governs an edge, compared with the traffic observed on it. */
struct ConfiguredWeight
{
    QString virtualService; //!< namespace/name
    QString host;           //!< the destination host as written in the route
    QString subset;
    int weight = 0;         //!< percent, as configured
    double observedShare = 0; //!< percent of the caller's traffic to that host reaching this destination
    bool drift = false;     //!< |observed - configured| beyond the tolerance
};

/*! An edge of the traffic graph: one protocol from one node to another. */
struct GraphEdge
{
    static constexpr double unknown = std::numeric_limits<double>::quiet_NaN();

    QString source;     //!< node id
    QString destination;
    QString protocol;   //!< http, grpc, tcp
    QString reporter;   //!< the proxy whose telemetry the edge uses: source or destination
    double requestRate = 0;  //!< requests/s (http, grpc)
    double errorRate = 0;    //!< requests/s: 5xx and no response (http); code != 0 (grpc)
    QMap<QString, double> responseCodes; //!< "200" -> rate; "-" = no response
    QMap<QString, double> serviceRates; //!< destination_service (FQDN) -> rate carried for it
    double sharePercent = 0; //!< of the source node's outbound rate for this protocol (Kiali's %req)
    double p95Ms = unknown;
    double p99Ms = unknown;
    double tcpBytesPerSecond = 0;
    GraphHealth health = GraphHealth::NotAvailable;
    std::optional<ConfiguredWeight> configured;

    double errorPercent() const { return requestRate > 0 ? errorRate / requestRate * 100.0 : 0.0; }
};

/*!
 * A configured route destination and what reached it: one row per caller, host and weighted
 * destination, including destinations that received no traffic at all (which no edge shows).
 */
struct RouteCheck
{
    QString caller;      //!< node id
    QString destinationHost;
    QString virtualService;
    QString subset;
    int weight = 0;
    double observedShare = 0;
    bool drift = false;
};

/*! The traffic graph: plain values, built by GraphBuilder, mirrored by a scene. */
struct TrafficGraph
{
    GraphType type = GraphType::Workload;
    QList<GraphNode> nodes;
    QList<GraphEdge> edges;
    QList<RouteCheck> routeChecks;
    QStringList warnings; //!< e.g. Prometheus warnings, skipped series

    const GraphNode* node(const QString& id) const;
    const GraphEdge* edge(const QString& source, const QString& destination, const QString& protocol) const;
    QList<const GraphEdge*> edgesFrom(const QString& source) const;
};
