// SPDX-License-Identifier: Apache-2.0
#include "weightsserviceimpl.h"

#include "graphsource.h"
#include "istioversion.h"
#include "k8sjson.h"
#include "kubeclient.h"
#include "kubelist.h"
#include "operror.h"
#include "routeshares.h"
#include "weightedroutes.h"
#include "weightsapplyrun.h"
#include "weightsdiffrun.h"

WeightsServiceImpl::WeightsServiceImpl(QObject* parent)
    : WeightsService(parent)
{
}

WeightsServiceImpl::~WeightsServiceImpl()
{
    m_lists.cancelAll();
}

void WeightsServiceImpl::setPlan(const Plan& plan)
{
    const bool namespacesChanged = plan.graphNamespaces() != m_plan.graphNamespaces();
    m_plan = plan;
    if (namespacesChanged) {
        // Routes of namespaces no longer chosen must go; the next refresh reads the new ones.
        m_lists.cancelAll();
        ++m_generation;
        m_clusterRoutes.clear();
    }
    rebuild();
}

void WeightsServiceImpl::setClient(KubeClient* client, const QString& reason)
{
    if (client == m_client && reason == m_clientReason)
        return;
    m_lists.cancelAll();
    ++m_generation;
    m_client = client;
    m_clientReason = reason;
    m_clusterRoutes.clear();
    m_problem = client ? QString() : reason;
    rebuild();
}

void WeightsServiceImpl::setGraphSource(GraphSource* source)
{
    if (source == m_graphSource)
        return; // a reload with the same source keeps the shares already seen
    if (m_graphSource)
        disconnect(m_graphSource, nullptr, this, nullptr);
    m_graphSource = source;
    m_graph.reset();
    if (source)
        connect(source, &GraphSource::graphReady, this,
                [this](quint64, const TrafficGraph& graph) { onGraph(graph); });
    rebuild();
}

void WeightsServiceImpl::refresh()
{
    m_lists.cancelAll();
    const quint64 generation = ++m_generation;
    if (m_graphSource && m_graphSource->isLive()) {
        GraphRequest request;
        request.namespaces = m_plan.graphNamespaces();
        m_graphSource->requestGraph(request); // the answer comes through graphReady, as the graph tab's do
    }
    if (!m_client) {
        m_problem = m_clientReason;
        rebuild();
        return;
    }
    const QStringList namespaces = m_plan.graphNamespaces();
    m_pending = int(namespaces.size());
    m_objects.clear();
    m_listProblems.clear();
    if (namespaces.isEmpty()) {
        listed(generation);
        return;
    }
    const QString api = K8sJson::istioVersion(m_plan).networkingApiVersion();
    for (const QString& ns : namespaces) {
        KubeListOperation* op = m_client->list(ObjectRef{api, u"VirtualService"_qs, ns, {}});
        connect(op, &KubeListOperation::finished, this, [this, generation, ns](const KubeListResult& result) {
            if (generation != m_generation)
                return;
            if (result.ok())
                m_objects += result.items;
            else
                m_listProblems << tr("VirtualServices in %1: %2").arg(ns, toError(result.error).message);
            --m_pending;
            listed(generation);
        });
        m_lists.start(op);
    }
}

void WeightsServiceImpl::listed(quint64 generation)
{
    if (generation != m_generation || m_pending > 0)
        return;
    m_clusterRoutes = WeightedRoutes::fromVirtualServices(m_objects, m_plan);
    m_objects.clear();
    m_problem = m_listProblems.join(u' ');
    rebuild();
}

void WeightsServiceImpl::onGraph(const TrafficGraph& graph)
{
    m_graph = graph;
    rebuild();
}

void WeightsServiceImpl::rebuild()
{
    QList<WeightedRoute> routes = WeightedRoutes::merge(WeightedRoutes::fromPlan(m_plan), m_clusterRoutes);
    if (m_graph) {
        QHash<QString, QHash<QString, double>> byService;
        for (WeightedRoute& route : routes) {
            const QString vs = route.namespaceName + u'/' + route.virtualService;
            if (!byService.contains(vs))
                byService.insert(vs, observedRouteShares(*m_graph, vs));
            const QHash<QString, double>& shares = byService[vs];
            // A route the graph saw no traffic through has no share at all (unknown), not 0 each.
            if (shares.isEmpty() || route.protocol == u"tcp")
                continue;
            for (WeightedDestination& d : route.destinations)
                d.observedShare = shares.value(routeShareKey(d.host, d.subset), 0.0);
        }
    }
    // A new problem with the same routes is news too: the page shows it with them.
    if (routes == m_routes && m_problem == m_shownProblem)
        return;
    m_routes = routes;
    m_shownProblem = m_problem;
    emit routesChanged();
}

WeightsDiffTask* WeightsServiceImpl::diff(const WeightedRoute& route, const QList<int>& weights, QObject* parent)
{
    return new WeightsDiffRun(m_client, m_plan, route, weights, parent);
}

WeightsApplyTask* WeightsServiceImpl::apply(const WeightedRoute& route, const QList<int>& weights, QObject* parent)
{
    auto* task = new WeightsApplyRun(m_client, m_plan, route, weights, parent);
    const QString key = route.key();
    connect(task, &Task::finished, this, [this, key](const Error& error) {
        if (error.isError())
            return;
        emit applied(key);
        refresh(); // the page shows what the cluster has now
    });
    return task;
}
