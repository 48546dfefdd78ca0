// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QPointF>
#include <QRectF>
#include <QString>

struct TrafficGraph;

/*! A directed edge between two node indices of a layout input. */
struct LayoutEdge
{
    int source = 0;
    int target = 0;
};

/*! What the layered layout needs: node count and edges, nothing else (copyable to a worker). */
struct GraphLayoutInput
{
    int nodeCount = 0;
    QList<LayoutEdge> edges;
};

/*!
 * Sizes and gaps in scene units. Ranks run left to right, like Kiali's default dagre layout.
 * Defaults follow dagre's spirit (nodesep 25) with room for edge labels between ranks.
 */
struct GraphLayoutOptions
{
    double nodeWidth = 40;
    double nodeHeight = 40;
    double nodeSpacing = 25;  //!< between two nodes of one rank
    double edgeSpacing = 10;  //!< between an edge bend (dummy node) and its neighbours
    double rankSpacing = 120; //!< between the right side of one rank and the left side of the next
    int orderingSweeps = 4;   //!< barycenter down+up sweeps
    int positionSweeps = 4;   //!< coordinate alignment down+up sweeps
    /*!
     * At most this many bends in total; -1 = 4 x (nodes + edges). The longest edges beyond the
     * budget are drawn straight and do not take part in ordering (see straightEdges).
     */
    qint64 maxBends = -1;
};

/*! The layout: one entry per input node and per input edge, same order as the input. */
struct GraphLayoutResult
{
    QList<QPointF> positions;         //!< node centres
    QList<int> ranks;                 //!< column of each node (0 = leftmost)
    QList<QList<QPointF>> edgePaths;  //!< source centre, bends, target centre; empty for self loops
    QList<bool> reversedEdges;        //!< edge reversed to break a cycle (its path still runs source->target)
    QRectF bounds;                    //!< all node boxes and bends
    int rankCount = 0;
    int dummyCount = 0;               //!< bends inserted for edges spanning several ranks
    int straightEdges = 0;            //!< long edges over the bend budget, drawn straight
};

/*!
 * A layered (Sugiyama-style) layout: cycles broken by DFS, ranks by longest path from the
 * sources (sources then pulled next to their first successor), a dummy node per rank crossed by
 * a long edge, barycenter ordering sweeps, and positions aligned to neighbours under the order
 * and spacing constraints (isotonic regression per rank, linear time). Pure and deterministic:
 * safe to run in QtConcurrent.
 */
GraphLayoutResult layoutLayered(const GraphLayoutInput& input, const GraphLayoutOptions& options = {});

/*! The layout input of a traffic graph: node i is graph.nodes[i]; edges to unknown ids are skipped. */
GraphLayoutInput layoutInput(const TrafficGraph& graph);

/*! Pairs of segments between adjacent ranks that cross (for tests and benchmarks; O(E log E) per rank pair). */
qint64 countCrossings(const GraphLayoutInput& input, const GraphLayoutResult& result);
