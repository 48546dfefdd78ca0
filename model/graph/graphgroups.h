// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "graphlayout.h"

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>

struct TrafficGraph;

/*! A box drawn behind the nodes of one namespace, or of one cluster and network. */
struct GraphBox
{
    enum class Kind { Network, Namespace };
    Kind kind = Kind::Namespace;
    QString label;       //!< "chapter10vm", "cluster1 · network1"
    QString cluster;
    QString network;
    QString namespaceName;
    QRectF rect;
    QList<int> nodes;    //!< indices into the graph's nodes
};

/*!
 * Boxes by namespace inside boxes by cluster and network (Kiali's compound nodes, with the
 * network added: in a multi-network mesh the VMs' network is what the user checks first).
 *
 * bandLayout() rearranges a layered layout into horizontal bands, one per (cluster, network) and
 * within it one per namespace, so that boxes never overlap: ranks (x) stay, and within a rank
 * the nodes of a band keep their order. Bands are ordered by their nodes' mean position in the
 * original layout, which keeps edges as short as the layered layout made them. Edges become
 * straight lines. Nodes without a namespace (unknown sources) get a band of their own, unboxed.
 * Network boxes appear only when the graph has more than one (cluster, network).
 */
QList<GraphBox> bandLayout(const TrafficGraph& graph, const GraphLayoutInput& input, GraphLayoutResult& layout,
                           const GraphLayoutOptions& options);

/*! The boxes around nodes at the given positions (after the user moved some), same grouping. */
QList<GraphBox> boxesAround(const TrafficGraph& graph, const QList<QPointF>& positions, const GraphLayoutOptions& options);
