// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "graphbuilder.h"
#include "graphsource.h"
#include "plan.h"

#include <QHash>
#include <QPointer>
#include <QUrl>

class KubeClient;
class KubeListOperation;
class PrometheusClient;

/*!
 * The traffic graph of a live cluster: the inventory (WorkloadGroups, WorkloadEntries,
 * Deployments, ServiceEntries, VirtualServices, DestinationRules) listed per selected namespace
 * through the cluster's API, and the telemetry from Prometheus, reached by URL or through the
 * API server's service proxy (no port-forward). One graph request sends the four graph queries
 * and all the lists at once and builds the graph when the last answer is in (building is
 * milliseconds next to the round trips, so it runs where the answers arrive).
 *
 * When the plan names no Prometheus and istio-system/prometheus does not exist, the Services of
 * the cluster are searched once by the labels Prometheus installations use (Istio's addon, the
 * community chart, kube-prometheus-stack, prometheus-operator), and the first found is kept.
 *
 * A list the user may not read (403) or a kind the cluster does not serve only costs the graph
 * that part of the inventory (a warning in TrafficGraph::warnings); a failed Prometheus query
 * fails the request, with Prometheus' or the API server's own explanation.
 */
class LiveGraphSource final : public GraphSource
{
    Q_OBJECT

public:
    /*!
     * kube is borrowed (it must outlive this source). prometheusUrl, when valid, overrides the
     * plan's graph.prometheus (the CLI's --prometheus).
     */
    LiveGraphSource(KubeClient* kube, Plan plan, const QUrl& prometheusUrl = {}, QObject* parent = nullptr);
    ~LiveGraphSource() override;

    QString description() const override;
    QStringList defaultNamespaces() const override;
    bool isLive() const override { return true; }

    quint64 requestGraph(const GraphRequest& request) override;
    quint64 requestSeries(const SeriesRequest& request) override;
    void cancelAll() override;
    void cancel(quint64 request) override;

    /*!
     * Whether sources made for plans a and b (with no URL override) ask and answer alike: the same
     * graph settings, default namespaces, Istio networking API and mesh network. The window keeps
     * its source, and the user's settings on the graph tab, across reloads where this holds.
     */
    static bool sameGraphSettings(const Plan& a, const Plan& b);

    /*! Per-query timeout (Prometheus' own `timeout` parameter). */
    void setQueryTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

private:
    struct GraphJob;
    struct SeriesJob;

    void startGraph(quint64 id, const GraphRequest& request);
    void finishGraph(quint64 id);
    /*! The plan's Prometheus Service does not exist: look for one by the usual labels, then retry. */
    void discover(quint64 id, const GraphRequest& request, const Error& firstError, int selector = 0);
    void finishSeries(quint64 id);

    KubeClient* m_kube;
    Plan m_plan;
    PrometheusClient* m_prometheus;
    QString m_where;
    bool m_mayDiscover = false;
    std::chrono::milliseconds m_timeout = std::chrono::seconds(30);
    quint64 m_nextId = 0;
    QHash<quint64, std::shared_ptr<GraphJob>> m_graphs;
    QHash<quint64, QPointer<KubeListOperation>> m_discovering; //!< graph requests looking for Prometheus
    QHash<quint64, std::shared_ptr<SeriesJob>> m_series;
    /*! The graphs last delivered per type, for series of their nodes and edges. */
    QHash<int, TrafficGraph> m_lastGraph;
};
