// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "inflight.h"
#include "plan.h"
#include "trafficgraph.h"
#include "weightsservice.h"

#include <QJsonObject>
#include <QPointer>

class GraphSource;
class KubeClient;

/*!
 * The window's WeightsService: the plan's splits (setPlan), the cluster's VirtualServices in the
 * plan's graph namespaces listed through the client it is given (setClient: the connection of the
 * moment; nullptr offline), and the observed shares from the graphs a GraphSource delivers
 * (setGraphSource: the graph tab's source, so the shares are the ones the graph shows; refresh()
 * asks it for one more). The diff and apply tasks are WeightsDiffRun and WeightsApplyRun.
 */
class WeightsServiceImpl final : public WeightsService
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WeightsServiceImpl)
public:
    explicit WeightsServiceImpl(QObject* parent = nullptr);
    ~WeightsServiceImpl() override;

    /*! The plan the routes are for: its splits show at once; the cluster's are read again on refresh(). */
    void setPlan(const Plan& plan);
    /*! The cluster (borrowed; nullptr = none, with reason for problem()). Drops the cluster's routes. */
    void setClient(KubeClient* client, const QString& reason = {});
    /*! Where observed shares come from (borrowed, may be nullptr): every graph it delivers counts. */
    void setGraphSource(GraphSource* source);

    QList<WeightedRoute> routes() const override { return m_routes; }
    void refresh() override;
    bool isConnected() const override { return !m_client.isNull(); }
    QString problem() const override { return m_problem; }
    int driftTolerance() const override { return m_plan.graph.driftTolerance; }
    WeightsDiffTask* diff(const WeightedRoute& route, const QList<int>& weights, QObject* parent) override;
    WeightsApplyTask* apply(const WeightedRoute& route, const QList<int>& weights, QObject* parent) override;

private:
    void listed(quint64 generation);
    void onGraph(const TrafficGraph& graph);
    void rebuild();

    Plan m_plan;
    QPointer<KubeClient> m_client;
    QPointer<GraphSource> m_graphSource;
    QList<WeightedRoute> m_clusterRoutes;
    QList<WeightedRoute> m_routes;
    std::optional<TrafficGraph> m_graph; //!< the last graph delivered, for the shares
    QString m_problem;
    QString m_shownProblem; //!< the problem when routesChanged() was last emitted
    QString m_clientReason;
    // One refresh: the namespaces' lists in flight together.
    quint64 m_generation = 0;
    int m_pending = 0;
    QList<QJsonObject> m_objects;
    QStringList m_listProblems;
    InFlight m_lists;
};
