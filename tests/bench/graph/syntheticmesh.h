// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "graphbuilder.h"
#include "graphlayout.h"

#include <QByteArray>
#include <QtGlobal>

/*!
 * A synthetic service mesh as Prometheus would describe it, for the graph benchmark: the same
 * seed and size always give the same series in the same order, so the graph, its layout and the
 * JSON handed to dagre are identical from run to run and machine to machine (the random numbers
 * come from splitmix64, not from the standard library's implementation-defined distributions).
 *
 * Shape: one unknown caller feeds the ingress gateways; ingress -> frontends -> API services ->
 * core services -> backends (databases, caches, queues; many of them on VMs) and a few external
 * ServiceEntry hosts. Most calls stay in their team namespace; shared platform services (auth,
 * config) take calls from every tier (fan-in); about 1% of the calls go back to a shallower tier
 * (callbacks), so the graph has cycles. Protocols: HTTP, gRPC and TCP to the databases.
 */
struct SyntheticMesh
{
    GraphTelemetry telemetry;
    GraphInventory inventory;
    int nodes = 0; //!< nodes buildTrafficGraph must produce (the unknown caller included)
    int edges = 0; //!< edges it must produce (edgesPerNode x nodes, one protocol per pair)
    int series = 0; //!< series in all four answers together
    int routes = 0; //!< VirtualService routes in the inventory
};

/*!
 * routes: one VirtualService per 40 workloads, routing one API to its version (subset),
 * so that the build also checks configured weights; false leaves them out, which changes no
 * node and no edge, only the edges' configured weights.
 */
SyntheticMesh makeSyntheticMesh(int nodes, quint64 seed, bool routes = true, int edgesPerNode = 4);

/*!
 * The layout input as a small JSON document for tests/bench/graph/dagre-bench.js: node ids,
 * edges as [source, target] index pairs and the layout options dagre gets, translated from
 * GraphLayoutOptions (rankdir LR, nodesep, edgesep, ranksep, node size).
 */
QByteArray layoutInputJson(const TrafficGraph& graph, const GraphLayoutInput& input, const GraphLayoutOptions& options);
