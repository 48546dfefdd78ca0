// SPDX-License-Identifier: Apache-2.0
#include "graphstyle.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>
#include <cmath>

namespace GraphStyle {

Shape shapeOf(const GraphNode& node)
{
    if (node.isVm || node.kind == GraphNode::Kind::VmWorkload)
        return Shape::Hexagon;
    switch (node.kind) {
    case GraphNode::Kind::Service: return Shape::Triangle;
    case GraphNode::Kind::ServiceEntry: return Shape::Trapezoid;
    case GraphNode::Kind::Unknown: return Shape::Diamond;
    case GraphNode::Kind::Workload:
    case GraphNode::Kind::VmWorkload: break;
    }
    return Shape::Circle;
}

QString healthColor(GraphHealth health)
{
    // PatternFly's success/warning/danger/disabled, as Kiali uses them.
    switch (health) {
    case GraphHealth::Healthy: return u"#3e8635"_qs;
    case GraphHealth::NotReady:
    case GraphHealth::Degraded: return u"#f0ab00"_qs;
    case GraphHealth::Failure: return u"#c9190b"_qs;
    case GraphHealth::NotAvailable: break;
    }
    return u"#8a8d90"_qs;
}

QString driftColor()
{
    return u"#8f4700"_qs;
}

QString nodeLabel(const GraphNode& node)
{
    if (node.kind == GraphNode::Kind::Unknown)
        return QCoreApplication::translate("GraphStyle", "unknown", "graph node of an unknown source");
    if (!node.workload.isEmpty())
        return node.workload;
    if (!node.service.isEmpty())
        return node.service;
    if (!node.app.isEmpty())
        return node.version.isEmpty() ? node.app : node.app + u' ' + node.version;
    return node.id;
}

double edgeWidth(double rate, double maxRate)
{
    if (!(rate > 0) || !(maxRate > 0))
        return 1.0;
    // Log scale: a 1000x range of rates stays readable; the busiest edge is 8 units wide.
    const double ratio = std::log10(1.0 + 999.0 * std::min(1.0, rate / maxRate)) / 3.0;
    return 1.0 + 7.0 * ratio;
}

QString rateText(const GraphEdge& edge)
{
    if (edge.protocol == u"tcp") {
        const double b = edge.tcpBytesPerSecond;
        if (b >= 1024.0 * 1024.0)
            return u"%1 MB/s"_qs.arg(b / 1024.0 / 1024.0, 0, 'f', 1);
        if (b >= 1024.0)
            return u"%1 KB/s"_qs.arg(b / 1024.0, 0, 'f', 1);
        return u"%1 B/s"_qs.arg(b, 0, 'f', 0);
    }
    return u"%1 rps"_qs.arg(edge.requestRate, 0, 'f', edge.requestRate < 1 ? 2 : 1);
}

QString edgeLabel(const GraphEdge& edge, const EdgeLabels& show)
{
    QStringList lines;
    if (show.rate) {
        QString text = rateText(edge);
        if (edge.errorRate > 0)
            text += QCoreApplication::translate("GraphStyle", " (%1% err)").arg(edge.errorPercent(), 0, 'f', 1);
        lines.append(text);
    }
    // Kiali shows the distribution only below 100%.
    if (show.share && edge.protocol != u"tcp" && edge.sharePercent < 99.95)
        lines.append(u"%1%"_qs.arg(edge.sharePercent, 0, 'f', 1));
    if (show.latency && !std::isnan(edge.p95Ms))
        lines.append(edge.p95Ms < 1000 ? u"p95 %1 ms"_qs.arg(edge.p95Ms, 0, 'f', 0)
                                       : u"p95 %1 s"_qs.arg(edge.p95Ms / 1000.0, 0, 'f', 2));
    if (show.weight && edge.configured)
        lines.append(edge.configured->drift
                         ? QCoreApplication::translate("GraphStyle", "weight %1% (drift)").arg(edge.configured->weight)
                         : QCoreApplication::translate("GraphStyle", "weight %1%").arg(edge.configured->weight));
    return lines.join(u'\n');
}

} // namespace GraphStyle
