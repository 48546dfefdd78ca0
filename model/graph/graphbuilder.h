// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "prometheusdata.h"
#include "trafficgraph.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

/*! One tolerance of Kiali's health config: error % of matching codes -> status. */
struct HealthTolerance
{
    QString codeRegex;   //!< matched against the response code ("503", "-" for none, gRPC "14")
    QString protocol;    //!< "http" or "grpc"
    double degraded = 0; //!< percent; 0 means "any error" (strictly above 0)
    double failure = 10;
};

/*! Health thresholds; the defaults are Kiali's (config.AddHealthDefault). */
struct HealthThresholds
{
    QList<HealthTolerance> tolerances = defaults();
    /*! Used when no tolerance matches the protocol: >= degraded % errors = Degraded. */
    double fallbackDegraded = 0.1;
    double fallbackFailure = 10.0;

    static QList<HealthTolerance> defaults();
};

/*! A WorkloadEntry as the graph needs it (from the cluster or the plan). */
struct WorkloadEntryInfo
{
    QString namespaceName;
    QString name;
    QMap<QString, QString> labels;
    QString workloadGroup; //!< the WorkloadGroup it belongs to (auto-registration owner); may be empty
    QString network;       //!< spec.network; empty = the cluster's
    bool healthChecksEnabled = false; //!< annotation proxy.istio.io/health-checks-enabled=true
    std::optional<bool> healthyCondition; //!< status.conditions[type=Healthy] True/False; absent = nullopt
    /*! Kiali's rule: with health checks, healthy only with Healthy=True; without, assumed healthy. */
    bool isHealthy() const { return !healthChecksEnabled || healthyCondition.value_or(false); }
};

/*! Istio's canonical service of workload labels (pkg/config/labels precedence); fallback without one. */
QString canonicalService(const QMap<QString, QString>& labels, const QString& fallback);
/*! Istio's canonical revision of workload labels; "latest" without one, as the proxies report it. */
QString canonicalRevision(const QMap<QString, QString>& labels);

/*! Pods of one workload (Deployment, StatefulSet...): readiness counts. */
struct PodWorkloadInfo
{
    QString namespaceName;
    QString workload;
    QString app;
    QString version;
    int desired = 0;
    int ready = 0;
};

/*! A weighted destination of a VirtualService http route. */
struct RouteDestination
{
    QString host;    //!< as written: "reviews" or "reviews.default.svc.cluster.local"
    QString subset;
    /*! The subset's labels from its DestinationRule (version, app); empty = every workload of the host. */
    QMap<QString, QString> subsetLabels;
    int weight = 0;
};

/*! One http route of a VirtualService with weighted destinations. */
struct VirtualServiceRoute
{
    QString namespaceName;
    QString name;
    QList<RouteDestination> destinations;
};

/*! Everything besides telemetry that the graph uses, as plain lists. */
struct GraphInventory
{
    QMap<QString, QStringList> workloadGroups; //!< namespace -> WorkloadGroup names
    QList<WorkloadEntryInfo> workloadEntries;
    QList<PodWorkloadInfo> pods;
    QStringList serviceEntryHosts; //!< hosts of ServiceEntries (MESH_EXTERNAL or VM services)
    QList<VirtualServiceRoute> routes;
    QString clusterDomain = u"cluster.local"_qs;
    QString clusterNetwork; //!< the network of the cluster's pods (the plan's mesh.network); may be empty
};

struct GraphBuildOptions
{
    GraphType type = GraphType::Workload;
    HealthThresholds health;
    double driftTolerance = 10.0; //!< percentage points between configured weight and observed share
};

/*! The Prometheus answers to GraphQueries (any may be empty). */
struct GraphTelemetry
{
    PrometheusData requests;
    PrometheusData tcp;
    PrometheusData p95;
    PrometheusData p99;
};

/*!
 * Builds a TrafficGraph from the answers to GraphQueries. Pure: no I/O, so it runs on a worker
 * thread and is tested on recorded responses.
 *
 * Reporter rule (Kiali §1.1): an edge whose source proxy reported it uses the source telemetry
 * (outbound, includes the network); an edge nobody reported from the source side (an unknown or
 * unmeshed caller, or a source outside the selected namespaces) uses the destination telemetry.
 * The choice is per edge, so the same requests are never counted twice.
 */
TrafficGraph buildTrafficGraph(const GraphTelemetry& telemetry, const GraphInventory& inventory,
                               const GraphBuildOptions& options = {});

/*! Health of one direction of traffic: rates per response code, protocol "http" or "grpc". */
GraphHealth trafficHealth(const QMap<QString, double>& codeRates, const QString& protocol,
                          const HealthThresholds& thresholds);
