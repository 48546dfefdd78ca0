// SPDX-License-Identifier: Apache-2.0
#include "graphformats.h"

#include "jsonutil.h"
#include "graphgroups.h"
#include "graphlayout.h"
#include "graphstyle.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonValue>

#include <algorithm>
#include <cmath>

namespace GraphFormats {

namespace {

const QStringList kindNames = {u"workload"_qs, u"vmWorkload"_qs, u"service"_qs, u"serviceEntry"_qs, u"unknown"_qs};

// The kind a reader of the file sees: app and versioned-app nodes (of the app, versioned-app and
// service graphs) are GraphNode workloads, told apart by their id; isVm says where they run.
QString kindName(const GraphNode& n)
{
    if (n.kind == GraphNode::Kind::Workload || n.kind == GraphNode::Kind::VmWorkload) {
        if (n.id.startsWith(u"app_"))
            return u"app"_qs;
        if (n.id.startsWith(u"vapp_"))
            return u"versionedApp"_qs;
    }
    return kindNames.value(static_cast<int>(n.kind));
}

QMap<QString, QString> stringMap(const QJsonValue& value)
{
    QMap<QString, QString> map;
    const QJsonObject object = value.toObject();
    for (auto it = object.begin(); it != object.end(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

GraphInventory parseInventory(const QJsonObject& o)
{
    GraphInventory inv;
    const QJsonObject groups = o.value(u"workloadGroups"_qs).toObject();
    for (auto it = groups.begin(); it != groups.end(); ++it)
        inv.workloadGroups.insert(it.key(), JsonUtil::toStringList(it.value()));
    for (const QJsonValue& v : o.value(u"workloadEntries"_qs).toArray()) {
        const QJsonObject e = v.toObject();
        WorkloadEntryInfo we;
        we.namespaceName = e.value(u"namespace"_qs).toString();
        we.name = e.value(u"name"_qs).toString();
        we.labels = stringMap(e.value(u"labels"_qs));
        we.workloadGroup = e.value(u"workloadGroup"_qs).toString();
        we.network = e.value(u"network"_qs).toString();
        we.healthChecksEnabled = e.value(u"healthChecksEnabled"_qs).toBool();
        if (e.value(u"healthy"_qs).isBool())
            we.healthyCondition = e.value(u"healthy"_qs).toBool();
        inv.workloadEntries.append(we);
    }
    for (const QJsonValue& v : o.value(u"pods"_qs).toArray()) {
        const QJsonObject p = v.toObject();
        inv.pods.append({p.value(u"namespace"_qs).toString(), p.value(u"workload"_qs).toString(),
                         p.value(u"app"_qs).toString(), p.value(u"version"_qs).toString(),
                         p.value(u"desired"_qs).toInt(), p.value(u"ready"_qs).toInt()});
    }
    inv.serviceEntryHosts = JsonUtil::toStringList(o.value(u"serviceEntryHosts"_qs));
    for (const QJsonValue& v : o.value(u"routes"_qs).toArray()) {
        const QJsonObject r = v.toObject();
        VirtualServiceRoute route{r.value(u"namespace"_qs).toString(), r.value(u"name"_qs).toString(), {}};
        for (const QJsonValue& d : r.value(u"destinations"_qs).toArray()) {
            const QJsonObject dest = d.toObject();
            route.destinations.append({dest.value(u"host"_qs).toString(), dest.value(u"subset"_qs).toString(),
                                       stringMap(dest.value(u"subsetLabels"_qs)), dest.value(u"weight"_qs).toInt()});
        }
        inv.routes.append(route);
    }
    if (o.contains(u"clusterDomain"_qs))
        inv.clusterDomain = o.value(u"clusterDomain"_qs).toString();
    inv.clusterNetwork = o.value(u"clusterNetwork"_qs).toString();
    return inv;
}

QJsonValue number(double value)
{
    return std::isfinite(value) ? QJsonValue(value) : QJsonValue(QJsonValue::Null);
}

QJsonObject rateMap(const QMap<QString, double>& map)
{
    QJsonObject o;
    for (auto it = map.begin(); it != map.end(); ++it)
        o.insert(it.key(), number(it.value()));
    return o;
}

QString xml(QString text)
{
    return text.replace(u'&', u"&amp;"_qs).replace(u'<', u"&lt;"_qs).replace(u'>', u"&gt;"_qs).replace(u'"', u"&quot;"_qs);
}

QString dotString(QString text)
{
    return u'"' + text.replace(u'\\', u"\\\\"_qs).replace(u'"', u"\\\""_qs).replace(u'\n', u"\\n"_qs) + u'"';
}

double maxRate(const TrafficGraph& graph)
{
    double m = 0;
    for (const GraphEdge& e : graph.edges)
        m = std::max(m, e.protocol == u"tcp" ? e.tcpBytesPerSecond : e.requestRate);
    return m;
}

QString svgShape(GraphStyle::Shape shape, QPointF c, double r, const QString& attrs)
{
    auto polygon = [&](const QList<QPointF>& pts) {
        QStringList list;
        for (const QPointF& p : pts)
            list.append(u"%1,%2"_qs.arg(c.x() + p.x(), 0, 'f', 1).arg(c.y() + p.y(), 0, 'f', 1));
        return u"<polygon points=\"%1\" %2/>"_qs.arg(list.join(u' '), attrs);
    };
    switch (shape) {
    case GraphStyle::Shape::Hexagon: {
        QList<QPointF> pts;
        for (int i = 0; i < 6; ++i)
            pts.append(QPointF(r * std::cos(M_PI / 3 * i), r * std::sin(M_PI / 3 * i)));
        return polygon(pts);
    }
    case GraphStyle::Shape::Triangle:
        return polygon({{0, -r}, {r * 0.87, r * 0.5}, {-r * 0.87, r * 0.5}});
    case GraphStyle::Shape::Trapezoid:
        return polygon({{-r * 0.6, -r * 0.7}, {r * 0.6, -r * 0.7}, {r, r * 0.7}, {-r, r * 0.7}});
    case GraphStyle::Shape::Diamond:
        return polygon({{0, -r}, {r, 0}, {0, r}, {-r, 0}});
    case GraphStyle::Shape::Circle: break;
    }
    return u"<circle cx=\"%1\" cy=\"%2\" r=\"%3\" %4/>"_qs.arg(c.x(), 0, 'f', 1).arg(c.y(), 0, 'f', 1).arg(r).arg(attrs);
}

} // namespace

const QStringList& graphTypeNames()
{
    static const QStringList names = {u"workload"_qs, u"app"_qs, u"versionedApp"_qs, u"service"_qs};
    return names;
}

std::optional<Recording> parseRecording(const QByteArray& json, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (!doc.isObject()) {
        *error = u"not a JSON object: %1"_qs.arg(parseError.errorString());
        return std::nullopt;
    }
    const QJsonObject root = doc.object();
    Recording rec;
    if (root.contains(u"status"_qs)) { // a bare Prometheus answer (success or error)
        rec.telemetry.requests = parsePrometheusData(root);
    } else if (root.contains(u"telemetry"_qs)) {
        const QJsonObject t = root.value(u"telemetry"_qs).toObject();
        auto read = [&](const QString& key, PrometheusData& target) {
            if (t.contains(key))
                target = parsePrometheusData(t.value(key).toObject());
        };
        read(u"requests"_qs, rec.telemetry.requests);
        read(u"tcp"_qs, rec.telemetry.tcp);
        read(u"p95"_qs, rec.telemetry.p95);
        read(u"p99"_qs, rec.telemetry.p99);
        rec.inventory = parseInventory(root.value(u"inventory"_qs).toObject());
        const int type = graphTypeNames().indexOf(root.value(u"graphType"_qs).toString(u"workload"_qs));
        if (type < 0) {
            *error = u"unknown graphType '%1' (workload, app, versionedApp, service)"_qs.arg(root.value(u"graphType"_qs).toString());
            return std::nullopt;
        }
        rec.options.type = static_cast<GraphType>(type);
        rec.options.driftTolerance = root.value(u"driftTolerance"_qs).toDouble(rec.options.driftTolerance);
    } else {
        *error = u"neither a Prometheus answer nor a recording with \"telemetry\""_qs;
        return std::nullopt;
    }
    for (const PrometheusData* data : {&rec.telemetry.requests, &rec.telemetry.tcp, &rec.telemetry.p95, &rec.telemetry.p99}) {
        if (!data->ok()) {
            *error = u"recorded Prometheus answer is an error: %1 %2"_qs.arg(data->errorType, data->error);
            return std::nullopt;
        }
    }
    return rec;
}

QJsonObject toJson(const TrafficGraph& graph)
{
    QJsonArray nodes;
    for (const GraphNode& n : graph.nodes) {
        nodes.append(QJsonObject{
            {u"id"_qs, n.id}, {u"kind"_qs, kindName(n)},
            {u"namespace"_qs, n.namespaceName}, {u"cluster"_qs, n.cluster}, {u"network"_qs, n.network}, {u"app"_qs, n.app},
            {u"version"_qs, n.version}, {u"workload"_qs, n.workload}, {u"service"_qs, n.service},
            {u"isVm"_qs, n.isVm}, {u"mixed"_qs, n.isMixed()}, {u"podsDesired"_qs, n.podsDesired},
            {u"podsReady"_qs, n.podsReady}, {u"vmEntries"_qs, n.vmEntries}, {u"vmEntriesHealthy"_qs, n.vmEntriesHealthy},
            {u"workloadEntries"_qs, QJsonArray::fromStringList(n.workloadEntries)},
            {u"inboundRate"_qs, number(n.inboundRate)}, {u"outboundRate"_qs, number(n.outboundRate)},
            {u"trafficHealth"_qs, healthName(n.trafficHealth)}, {u"instanceHealth"_qs, healthName(n.instanceHealth)},
            {u"health"_qs, healthName(n.health)}});
    }
    QJsonArray edges;
    for (const GraphEdge& e : graph.edges) {
        QJsonObject o{{u"source"_qs, e.source}, {u"destination"_qs, e.destination}, {u"protocol"_qs, e.protocol},
                      {u"reporter"_qs, e.reporter}, {u"requestRate"_qs, number(e.requestRate)},
                      {u"errorRate"_qs, number(e.errorRate)}, {u"errorPercent"_qs, number(e.errorPercent())},
                      {u"responseCodes"_qs, rateMap(e.responseCodes)}, {u"serviceRates"_qs, rateMap(e.serviceRates)},
                      {u"sharePercent"_qs, number(e.sharePercent)}, {u"p95Ms"_qs, number(e.p95Ms)},
                      {u"p99Ms"_qs, number(e.p99Ms)}, {u"tcpBytesPerSecond"_qs, number(e.tcpBytesPerSecond)},
                      {u"health"_qs, healthName(e.health)}};
        if (e.configured) {
            const ConfiguredWeight& c = *e.configured;
            o.insert(u"configured"_qs, QJsonObject{{u"virtualService"_qs, c.virtualService}, {u"host"_qs, c.host},
                                                   {u"subset"_qs, c.subset}, {u"weight"_qs, c.weight},
                                                   {u"observedShare"_qs, number(c.observedShare)}, {u"drift"_qs, c.drift}});
        }
        edges.append(o);
    }
    QJsonArray checks;
    for (const RouteCheck& r : graph.routeChecks) {
        checks.append(QJsonObject{{u"caller"_qs, r.caller}, {u"destinationHost"_qs, r.destinationHost},
                                  {u"virtualService"_qs, r.virtualService}, {u"subset"_qs, r.subset},
                                  {u"weight"_qs, r.weight}, {u"observedShare"_qs, number(r.observedShare)},
                                  {u"drift"_qs, r.drift}});
    }
    return {{u"graphType"_qs, graphTypeNames().value(static_cast<int>(graph.type))}, {u"nodes"_qs, nodes},
            {u"edges"_qs, edges}, {u"routeChecks"_qs, checks}, {u"warnings"_qs, QJsonArray::fromStringList(graph.warnings)}};
}

QByteArray toDot(const TrafficGraph& graph)
{
    QString dot = u"digraph meshdeck {\n  rankdir=LR;\n  node [style=filled, fillcolor=white, fontsize=10];\n"_qs;
    auto dotShape = [](GraphStyle::Shape s) {
        switch (s) {
        case GraphStyle::Shape::Hexagon: return u"hexagon"_qs;
        case GraphStyle::Shape::Triangle: return u"triangle"_qs;
        case GraphStyle::Shape::Trapezoid: return u"trapezium"_qs;
        case GraphStyle::Shape::Diamond: return u"diamond"_qs;
        case GraphStyle::Shape::Circle: break;
        }
        return u"ellipse"_qs;
    };
    auto nodeLine = [&](const GraphNode& n, const QString& indent) -> QString {
        QString label = GraphStyle::nodeLabel(n) + u'\n' + n.namespaceName;
        if (n.isVm)
            label += n.isMixed() ? u"\nVM + pods"_qs : u"\nVM"_qs;
        return indent + u"%1 [label=%2, shape=%3, color=\"%4\", penwidth=2];\n"_qs.arg(
            dotString(n.id), dotString(label), dotShape(GraphStyle::shapeOf(n)), GraphStyle::healthColor(n.health));
    };
    // Namespaces (inside cluster/network when there are several) as Graphviz clusters: the boxes.
    QList<QPointF> nowhere(graph.nodes.size());
    const QList<GraphBox> boxes = boxesAround(graph, nowhere, GraphLayoutOptions{});
    QList<bool> boxed(graph.nodes.size(), false);
    int clusterId = 0;
    auto emitNamespaces = [&](const GraphBox* outer, const QString& indent) {
        for (const GraphBox& b : boxes) {
            if (b.kind != GraphBox::Kind::Namespace || (outer && (b.cluster != outer->cluster || b.network != outer->network)))
                continue;
            dot += indent + u"subgraph cluster_%1 {\n"_qs.arg(clusterId++) + indent + u"  label="_qs + dotString(b.label)
                + u"; style=rounded; color=\"#8a8d90\";\n"_qs;
            for (const int i : b.nodes) {
                dot += nodeLine(graph.nodes[i], indent + u"  "_qs);
                boxed[i] = true;
            }
            dot += indent + u"}\n"_qs;
        }
    };
    const bool outerBoxes = std::any_of(boxes.cbegin(), boxes.cend(), [](const GraphBox& b) { return b.kind == GraphBox::Kind::Network; });
    if (outerBoxes) {
        for (const GraphBox& b : boxes) {
            if (b.kind != GraphBox::Kind::Network)
                continue;
            dot += u"  subgraph cluster_%1 {\n    label="_qs.arg(clusterId++) + dotString(b.label)
                + u"; style=\"rounded,dashed\"; color=\"#6a6e73\";\n"_qs;
            emitNamespaces(&b, u"    "_qs);
            dot += u"  }\n"_qs;
        }
    } else {
        emitNamespaces(nullptr, u"  "_qs);
    }
    for (int i = 0; i < graph.nodes.size(); ++i) {
        if (!boxed[i])
            dot += nodeLine(graph.nodes[i], u"  "_qs);
    }
    const GraphStyle::EdgeLabels labels;
    const double top = maxRate(graph);
    for (const GraphEdge& e : graph.edges) {
        const bool drift = e.configured && e.configured->drift;
        const double rate = e.protocol == u"tcp" ? e.tcpBytesPerSecond : e.requestRate;
        dot += u"  %1 -> %2 [label=%3, color=\"%4\", penwidth=%5%6];\n"_qs.arg(
            dotString(e.source), dotString(e.destination), dotString(GraphStyle::edgeLabel(e, labels)),
            drift ? GraphStyle::driftColor() : GraphStyle::healthColor(e.health),
            QString::number(GraphStyle::edgeWidth(rate, top), 'f', 1), drift ? u", style=bold"_qs : QString());
    }
    dot += u"}\n"_qs;
    return dot.toUtf8();
}

QByteArray toSvg(const TrafficGraph& graph)
{
    GraphLayoutOptions options;
    const GraphLayoutInput input = layoutInput(graph);
    GraphLayoutResult layout = layoutLayered(input, options);
    const QList<GraphBox> boxes = bandLayout(graph, input, layout, options);
    const double margin = 60;
    const QRectF box = layout.bounds.isNull() ? QRectF(0, 0, 1, 1) : layout.bounds.adjusted(-margin, -margin, margin, margin);
    QString svg = u"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"%1 %2 %3 %4\" width=\"%3\" height=\"%4\" "
                  "font-family=\"sans-serif\" font-size=\"10\">\n"
                  "<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"6\" "
                  "markerHeight=\"6\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#555\"/></marker></defs>\n"_qs
                      .arg(box.x(), 0, 'f', 1).arg(box.y(), 0, 'f', 1).arg(box.width(), 0, 'f', 1).arg(box.height(), 0, 'f', 1);
    for (const GraphBox& b : boxes) {
        const bool outer = b.kind == GraphBox::Kind::Network;
        svg += u"<g class=\"box\" data-kind=\"%1\"><rect x=\"%2\" y=\"%3\" width=\"%4\" height=\"%5\" rx=\"6\" "
               "fill=\"%6\" stroke=\"#8a8d90\"%7/><text x=\"%8\" y=\"%9\" font-weight=\"bold\">%10</text></g>\n"_qs
                   .arg(outer ? u"network"_qs : u"namespace"_qs)
                   .arg(b.rect.x(), 0, 'f', 1).arg(b.rect.y(), 0, 'f', 1).arg(b.rect.width(), 0, 'f', 1).arg(b.rect.height(), 0, 'f', 1)
                   .arg(outer ? u"none"_qs : u"#f5f5f5"_qs, outer ? u" stroke-dasharray=\"6,4\""_qs : QString())
                   .arg(b.rect.x() + 6, 0, 'f', 1).arg(b.rect.y() + 13, 0, 'f', 1)
                   .arg(xml(b.label));
    }
    const GraphStyle::EdgeLabels labels;
    const double top = maxRate(graph);
    const double radius = options.nodeHeight / 2;
    for (int i = 0; i < graph.edges.size(); ++i) {
        const GraphEdge& e = graph.edges[i];
        const QList<QPointF> path = layout.edgePaths.value(i);
        if (path.size() < 2)
            continue;
        QStringList pts;
        for (int k = 0; k < path.size(); ++k) {
            QPointF p = path[k];
            if (k == path.size() - 1) { // stop at the target's rim so the arrowhead shows
                const QPointF d = p - path[k - 1];
                const double len = std::hypot(d.x(), d.y());
                if (len > radius)
                    p -= d * (radius / len);
            }
            pts.append(u"%1,%2"_qs.arg(p.x(), 0, 'f', 1).arg(p.y(), 0, 'f', 1));
        }
        const bool drift = e.configured && e.configured->drift;
        const double rate = e.protocol == u"tcp" ? e.tcpBytesPerSecond : e.requestRate;
        svg += u"<g class=\"edge\" data-source=\"%1\" data-destination=\"%2\"><polyline points=\"%3\" fill=\"none\" "
               "stroke=\"%4\" stroke-width=\"%5\" marker-end=\"url(#arrow)\"/>"_qs
                   .arg(xml(e.source), xml(e.destination), pts.join(u' '),
                        drift ? GraphStyle::driftColor() : GraphStyle::healthColor(e.health),
                        QString::number(GraphStyle::edgeWidth(rate, top), 'f', 1));
        const QPointF mid = (path[path.size() / 2 - (path.size() % 2 == 0 ? 1 : 0)] + path[path.size() / 2]) / 2;
        const QStringList lines = GraphStyle::edgeLabel(e, labels).split(u'\n', Qt::SkipEmptyParts);
        for (int l = 0; l < lines.size(); ++l) {
            svg += u"<text x=\"%1\" y=\"%2\" text-anchor=\"middle\"%3>%4</text>"_qs.arg(mid.x(), 0, 'f', 1)
                       .arg(mid.y() - 4 + 11 * l, 0, 'f', 1)
                       .arg(drift && lines[l].startsWith(u"weight") ? u" fill=\"%1\""_qs.arg(GraphStyle::driftColor()) : QString(),
                            xml(lines[l]));
        }
        svg += u"</g>\n"_qs;
    }
    for (int i = 0; i < graph.nodes.size(); ++i) {
        const GraphNode& n = graph.nodes[i];
        const QPointF c = layout.positions[i];
        const QString attrs = u"fill=\"white\" stroke=\"%1\" stroke-width=\"3\""_qs.arg(GraphStyle::healthColor(n.health));
        svg += u"<g class=\"node\" id=\"%1\" data-kind=\"%2\"%3>"_qs.arg(
            xml(n.id), kindName(n), n.isVm ? u" data-vm=\"true\""_qs : QString());
        svg += svgShape(GraphStyle::shapeOf(n), c, radius, attrs);
        svg += u"<text x=\"%1\" y=\"%2\" text-anchor=\"middle\">%3</text></g>\n"_qs.arg(c.x(), 0, 'f', 1)
                   .arg(c.y() + radius + 12, 0, 'f', 1)
                   .arg(xml(GraphStyle::nodeLabel(n) + (n.isVm ? u" (VM)"_qs : QString())));
    }
    svg += u"</svg>\n"_qs;
    return svg.toUtf8();
}

} // namespace GraphFormats
