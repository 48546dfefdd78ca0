// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "trafficgraph.h"

#include <QHash>
#include <QString>

/*!
 * What the weights page shows next to a configured weight: the share of a VirtualService's
 * traffic that reached each of its destinations, read from a graph's route checks
 * (applyRouteWeights) rather than from queries of its own. Several callers are combined, each
 * counted by its request rate through the route, so the result is the share of all the route's
 * traffic. Keys are routeShareKey(host as written in the route, subset); a destination without
 * a key received no observed traffic (or the graph has no check for it). HTTP and gRPC routes
 * only, as the route checks are.
 */
QHash<QString, double> observedRouteShares(const TrafficGraph& graph, const QString& virtualService,
                                           const QString& clusterDomain = u"cluster.local"_qs);

/*! The key of observedRouteShares: "host|subset". */
inline QString routeShareKey(const QString& host, const QString& subset)
{
    return host + u'|' + subset;
}
