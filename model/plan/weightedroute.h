// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

/*! One destination of a weighted route (see WeightedRoute). */
struct WeightedDestination
{
    /*! Which side of the hybrid mesh the destination is, as far as the plan tells. */
    enum class Side { Unknown, Pods, Vm };

    QString host;        //!< as written in the route
    QString subset;
    int port = 0;        //!< 0 = not set
    int weight = 0;      //!< configured: the cluster's where the route is live, else the plan's
    int planWeight = -1; //!< -1: the plan has no such destination on this route
    int liveWeight = -1; //!< -1: the cluster has no such destination on this route
    Side side = Side::Unknown;
    QString group;       //!< the plan's VM group, for Side::Vm
    /*! Percent of the route's traffic observed reaching it (Prometheus, over the graph's window); -1 unknown. */
    double observedShare = -1;

    /*! "host" or "host/subset", for lists and messages. */
    QString label() const { return subset.isEmpty() ? host : host + u'/' + subset; }
    friend bool operator==(const WeightedDestination&, const WeightedDestination&) = default;
};

/*!
 * A route with weighted destinations: one of the plan's traffic splits, one http/tcp/tls route
 * of a live VirtualService with more than one destination or any weight, or both when the
 * plan's split is in the cluster (the plan generates VirtualService <split> with one http route).
 * Plain values: WeightedRoutes (weightedroutes.h) reads them, the weights page edits them.
 */
struct WeightedRoute
{
    enum class Source { Plan, Cluster, Both };

    QString namespaceName;
    QString virtualService;
    QString protocol = u"http"_qs; //!< the VirtualService's route list: http, tcp or tls
    int routeIndex = 0;            //!< index in that list
    QString routeName;             //!< http routes' optional name
    QStringList hosts;             //!< the VirtualService's hosts
    QList<WeightedDestination> destinations;
    Source source = Source::Plan;
    /*! Source::Both: the plan's destinations or weights are not the cluster's. */
    bool differs = false;
    int planSplit = -1;            //!< index in Plan::trafficSplits; -1 = not in the plan
    /*! The live VirtualService as read (Source::Cluster and Both); the apply starts from it. */
    QJsonObject live;

    /*! "chapter10/envoydummy http[0]": unique per route, stable across refreshes. */
    QString key() const { return namespaceName + u'/' + virtualService + u' ' + protocol + u'[' + QString::number(routeIndex) + u']'; }
    bool inPlan() const { return source != Source::Cluster; }
    bool inCluster() const { return source != Source::Plan; }
    QList<int> weights() const
    {
        QList<int> out;
        for (const WeightedDestination& d : destinations)
            out.append(d.weight);
        return out;
    }
    friend bool operator==(const WeightedRoute&, const WeightedRoute&) = default;
};
