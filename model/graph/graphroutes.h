// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "trafficgraph.h"

#include <QString>

struct GraphInventory;

/*! A route host as Istio resolves it: short names relative to the VirtualService's namespace. */
QString routeHostFqdn(const QString& host, const QString& namespaceName, const QString& clusterDomain);

/*!
 * Attaches the configured VirtualService weights to the edges they govern and fills
 * graph.routeChecks: per caller of a routed host, the share of its requests to that host that
 * reached each weighted destination, flagged when it differs from the weight by more than
 * tolerance percentage points. A destination that received nothing still gets a row.
 */
void applyRouteWeights(TrafficGraph& graph, const GraphInventory& inventory, double tolerance);

/*!
 * The graph's drift rule, in one place for the edges, the route checks and the weights page: an
 * observed share drifts when it is more than tolerance percentage points from the weight.
 */
bool weightDrifts(double observedShare, int weight, double tolerance);
