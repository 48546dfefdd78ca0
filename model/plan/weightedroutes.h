// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "plan.h"
#include "weightedroute.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

#include <optional>

/*!
 * The weights page's pure part: the plan's traffic splits and the cluster's VirtualServices as
 * one list of WeightedRoute, and what a change of weights does to the plan and to the live
 * VirtualService. No I/O: the ops layer lists the VirtualServices and applies what this builds.
 */
namespace WeightedRoutes {

/*! A route host as Istio resolves it: short names against the VirtualService's namespace. */
QString fqdn(const QString& host, const QString& namespaceName, const QString& clusterDomain = u"cluster.local"_qs);

/*! One route per traffic split of the plan (Source::Plan), destinations' sides from its groups. */
QList<WeightedRoute> fromPlan(const Plan& plan);

/*!
 * The weighted routes of VirtualServices as the API server returns them (Source::Cluster):
 * every http, tcp and tls route with more than one destination or any weight. Other objects
 * are ignored. plan gives the sides (its VM groups' Services and labels) and may be empty.
 */
QList<WeightedRoute> fromVirtualServices(const QList<QJsonObject>& objects, const Plan& plan);

/*!
 * The plan's routes and the cluster's as one list, sorted by key: a split whose VirtualService
 * is live becomes Source::Both with the live destinations and weights, planWeight filled from
 * the plan and differs set when the two disagree.
 */
QList<WeightedRoute> merge(const QList<WeightedRoute>& plan, const QList<WeightedRoute>& cluster);

/*!
 * route as the cluster has it now, from a fresh read of its VirtualService (empty live: not in
 * the cluster): the destinations and weights the apply must start from, the plan's part kept.
 * Empty when the route is gone (neither live nor in the plan) or its destinations are no longer
 * the ones the user edited (then the weights would land on other destinations).
 */
std::optional<WeightedRoute> refreshed(const WeightedRoute& route, const QJsonObject& live, const Plan& plan);

/*!
 * The VirtualService that gives route the weights (one per destination, in order): the live
 * object with only those weights changed (server-managed metadata dropped, so it can be
 * server-side applied), or, for a route only in the plan, the plan's generated VirtualService.
 * Empty when weights has the wrong size.
 */
QJsonObject proposedVirtualService(const Plan& plan, const WeightedRoute& route, const QList<int>& weights);

/*! One line per destination whose weight changes: "reviews/v2: 50% → 80%" (translated). */
QStringList weightChanges(const WeightedRoute& route, const QList<int>& weights);

/*!
 * The plan with route's split carrying weights (matched by host, subset and port). Whether it
 * can: the route is in the plan and every destination of the split has a match; otherwise
 * *why (translated) and plan is returned unchanged.
 */
bool canSaveToPlan(const WeightedRoute& route, QString* why = nullptr);
Plan withWeights(const Plan& plan, const WeightedRoute& route, const QList<int>& weights);

} // namespace WeightedRoutes
