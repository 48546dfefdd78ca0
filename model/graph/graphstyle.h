// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "trafficgraph.h"

#include <QString>

/*!
 * How the graph is drawn, shared by the SVG/DOT writers and the scene so that every output uses
 * one legend. Shapes follow Kiali's legend for pods and services; VMs get a shape of their own
 * (Kiali draws them as ordinary workloads with a badge, which users miss).
 */
namespace GraphStyle {

enum class Shape { Circle, Hexagon, Triangle, Trapezoid, Diamond };

Shape shapeOf(const GraphNode& node);
/*! Kiali's status colours: green, orange, red; grey when there is no data. */
QString healthColor(GraphHealth health);
/*! Short node label: workload, app[ version], service or host. */
QString nodeLabel(const GraphNode& node);
/*! Stroke width for a request rate (log scale, 1..8) given the largest rate in the graph. */
double edgeWidth(double rate, double maxRate);

/*! Which edge labels to show (Kiali's display options plus configured weights). */
struct EdgeLabels
{
    bool rate = true;
    bool share = true;
    bool latency = false;
    bool weight = true;
};
/*! Label lines joined by '\n'; "weight 50% (drift)" when the edge drifted. */
QString edgeLabel(const GraphEdge& edge, const EdgeLabels& show);
/*! "12.3 rps", "0.05 rps", "4.2 KB/s" for tcp. */
QString rateText(const GraphEdge& edge);
/*! Drift highlight colour (distinct from the health colours). */
QString driftColor();

} // namespace GraphStyle
