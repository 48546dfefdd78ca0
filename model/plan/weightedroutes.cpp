// SPDX-License-Identifier: Apache-2.0
#include "weightedroutes.h"

#include "generators.h"
#include "plantext.h"

#include <QJsonArray>

#include <algorithm>
#include <tuple>

namespace {

const QStringList routeLists = {u"http"_qs, u"tcp"_qs, u"tls"_qs};

QString groupServiceFqdn(const VmGroup& group)
{
    return WeightedRoutes::fqdn(group.serviceName(), group.namespaceName);
}

bool labelsSelect(const StringMap& selector, const StringMap& labels)
{
    if (selector.isEmpty())
        return false;
    for (auto it = selector.cbegin(); it != selector.cend(); ++it) {
        if (labels.value(it.key()) != it.value())
            return false;
    }
    return true;
}

/*!
 * Pods or VM: a subset whose labels carry all of a group's labels is that group's VMs (a subset
 * that selects other labels on the group's Service is its pods); without subset labels, a host
 * that is a group's Service is the VMs; another Service of the cluster is pods; other hosts
 * (ServiceEntries, external names) are unknown.
 */
void classify(WeightedDestination& d, const StringMap& subsetLabels, const QString& routeNamespace, const Plan& plan)
{
    const QString host = WeightedRoutes::fqdn(d.host, routeNamespace);
    for (const VmGroup& g : plan.vmGroups) {
        if (groupServiceFqdn(g) != host)
            continue;
        if (subsetLabels.isEmpty() || labelsSelect(g.labels, subsetLabels)) {
            d.side = WeightedDestination::Side::Vm;
            d.group = g.name;
            return;
        }
        d.side = WeightedDestination::Side::Pods;
        return;
    }
    for (const VmGroup& g : plan.vmGroups) {
        if (!subsetLabels.isEmpty() && labelsSelect(g.labels, subsetLabels)) {
            d.side = WeightedDestination::Side::Vm;
            d.group = g.name;
            return;
        }
    }
    d.side = host.contains(u".svc."_qs) ? WeightedDestination::Side::Pods : WeightedDestination::Side::Unknown;
}

/*! The subsets' labels of a split's destinations, by host + subset (the plan's DestinationRules). */
StringMap planSubsetLabels(const Plan& plan, const QString& ns, const QString& host, const QString& subset)
{
    if (subset.isEmpty())
        return {};
    const QString wanted = WeightedRoutes::fqdn(host, ns);
    for (const TrafficSplit& s : plan.trafficSplits) {
        for (const SplitDestination& d : s.destinations) {
            if (d.subset == subset && WeightedRoutes::fqdn(d.host, s.namespaceName) == wanted)
                return d.subsetLabels;
        }
    }
    return {};
}

bool sameDestination(const WeightedDestination& a, const WeightedDestination& b, const QString& ns)
{
    return WeightedRoutes::fqdn(a.host, ns) == WeightedRoutes::fqdn(b.host, ns) && a.subset == b.subset
        && (a.port == b.port || a.port == 0 || b.port == 0);
}

bool sameDestination(const SplitDestination& a, const WeightedDestination& b, const QString& ns)
{
    return WeightedRoutes::fqdn(a.host, ns) == WeightedRoutes::fqdn(b.host, ns) && a.subset == b.subset
        && (a.port == b.port || a.port == 0 || b.port == 0);
}

/*! What server-side apply must not be sent: what the server manages, or kubectl's bookkeeping. */
QJsonObject applicableMetadata(const QJsonObject& live)
{
    QJsonObject out{{u"name"_qs, live.value(u"name"_qs)}};
    if (live.contains(u"namespace"_qs))
        out.insert(u"namespace"_qs, live.value(u"namespace"_qs));
    if (live.contains(u"labels"_qs))
        out.insert(u"labels"_qs, live.value(u"labels"_qs));
    QJsonObject annotations = live.value(u"annotations"_qs).toObject();
    annotations.remove(u"kubectl.kubernetes.io/last-applied-configuration"_qs);
    if (!annotations.isEmpty())
        out.insert(u"annotations"_qs, annotations);
    return out;
}

} // namespace

namespace WeightedRoutes {

QString fqdn(const QString& host, const QString& namespaceName, const QString& clusterDomain)
{
    const qsizetype dots = host.count(u'.');
    if (host.startsWith(u'*'))
        return host;
    if (dots == 0)
        return host + u'.' + namespaceName + u".svc."_qs + clusterDomain;
    if (dots == 1)
        return host + u".svc."_qs + clusterDomain;
    if (host.endsWith(u".svc"))
        return host + u'.' + clusterDomain;
    return host;
}

QList<WeightedRoute> fromPlan(const Plan& plan)
{
    QList<WeightedRoute> out;
    for (qsizetype i = 0; i < plan.trafficSplits.size(); ++i) {
        const TrafficSplit& split = plan.trafficSplits.at(i);
        WeightedRoute route;
        route.namespaceName = split.namespaceName;
        route.virtualService = split.name;
        route.hosts = split.hosts;
        route.source = WeightedRoute::Source::Plan;
        route.planSplit = int(i);
        for (const SplitDestination& sd : split.destinations) {
            WeightedDestination d;
            d.host = sd.host;
            d.subset = sd.subset;
            d.port = sd.port;
            d.weight = split.destinations.size() == 1 && sd.weight == 0 ? 100 : sd.weight;
            d.planWeight = d.weight;
            classify(d, sd.subsetLabels, split.namespaceName, plan);
            route.destinations.append(d);
        }
        out.append(route);
    }
    return out;
}

QList<WeightedRoute> fromVirtualServices(const QList<QJsonObject>& objects, const Plan& plan)
{
    QList<WeightedRoute> out;
    for (const QJsonObject& vs : objects) {
        if (vs.value(u"kind"_qs).toString() != u"VirtualService")
            continue;
        const QJsonObject metadata = vs.value(u"metadata"_qs).toObject();
        const QJsonObject spec = vs.value(u"spec"_qs).toObject();
        QStringList hosts;
        for (const QJsonValue& h : spec.value(u"hosts"_qs).toArray())
            hosts.append(h.toString());
        for (const QString& list : routeLists) {
            const QJsonArray routes = spec.value(list).toArray();
            for (qsizetype r = 0; r < routes.size(); ++r) {
                const QJsonObject rule = routes.at(r).toObject();
                const QJsonArray destinations = rule.value(u"route"_qs).toArray();
                bool anyWeight = false;
                WeightedRoute route;
                route.namespaceName = metadata.value(u"namespace"_qs).toString();
                route.virtualService = metadata.value(u"name"_qs).toString();
                route.protocol = list;
                route.routeIndex = int(r);
                route.routeName = rule.value(u"name"_qs).toString();
                route.hosts = hosts;
                route.source = WeightedRoute::Source::Cluster;
                route.live = vs;
                for (const QJsonValue& value : destinations) {
                    const QJsonObject entry = value.toObject();
                    const QJsonObject dest = entry.value(u"destination"_qs).toObject();
                    WeightedDestination d;
                    d.host = dest.value(u"host"_qs).toString();
                    d.subset = dest.value(u"subset"_qs).toString();
                    d.port = dest.value(u"port"_qs).toObject().value(u"number"_qs).toInt();
                    anyWeight = anyWeight || entry.contains(u"weight"_qs);
                    // Istio: a lone destination without a weight takes all the traffic.
                    d.weight = entry.contains(u"weight"_qs) ? entry.value(u"weight"_qs).toInt()
                                                             : (destinations.size() == 1 ? 100 : 0);
                    d.liveWeight = d.weight;
                    classify(d, planSubsetLabels(plan, route.namespaceName, d.host, d.subset), route.namespaceName, plan);
                    route.destinations.append(d);
                }
                if (destinations.size() > 1 || anyWeight)
                    out.append(route);
            }
        }
    }
    return out;
}

QList<WeightedRoute> merge(const QList<WeightedRoute>& plan, const QList<WeightedRoute>& cluster)
{
    QList<WeightedRoute> out = cluster;
    for (const WeightedRoute& p : plan) {
        auto live = std::find_if(out.begin(), out.end(), [&](const WeightedRoute& c) {
            // The plan generates one http route per split: that is the one the split is.
            return c.namespaceName == p.namespaceName && c.virtualService == p.virtualService
                && c.protocol == u"http" && c.routeIndex == 0;
        });
        if (live == out.end()) {
            out.append(p);
            continue;
        }
        live->source = WeightedRoute::Source::Both;
        live->planSplit = p.planSplit;
        int matched = 0;
        for (WeightedDestination& d : live->destinations) {
            for (const WeightedDestination& pd : p.destinations) {
                if (sameDestination(pd, d, p.namespaceName)) {
                    d.planWeight = pd.weight;
                    if (d.side == WeightedDestination::Side::Unknown) {
                        d.side = pd.side;
                        d.group = pd.group;
                    }
                    ++matched;
                    break;
                }
            }
            if (d.planWeight != d.liveWeight)
                live->differs = true;
        }
        if (matched != p.destinations.size() || matched != live->destinations.size())
            live->differs = true;
    }
    std::sort(out.begin(), out.end(), [](const WeightedRoute& a, const WeightedRoute& b) {
        return std::tuple(a.namespaceName, a.virtualService, routeLists.indexOf(a.protocol), a.routeIndex)
            < std::tuple(b.namespaceName, b.virtualService, routeLists.indexOf(b.protocol), b.routeIndex);
    });
    return out;
}

std::optional<WeightedRoute> refreshed(const WeightedRoute& route, const QJsonObject& live, const Plan& plan)
{
    if (live.isEmpty()) {
        if (!route.inPlan())
            return std::nullopt;
        WeightedRoute planned = route;
        planned.source = WeightedRoute::Source::Plan;
        planned.live = {};
        for (WeightedDestination& d : planned.destinations)
            d.liveWeight = -1;
        return planned;
    }
    const QList<WeightedRoute> now = fromVirtualServices({live}, plan);
    const auto same = std::find_if(now.cbegin(), now.cend(), [&](const WeightedRoute& r) { return r.key() == route.key(); });
    if (same == now.cend() || same->destinations.size() != route.destinations.size())
        return std::nullopt;
    for (qsizetype i = 0; i < route.destinations.size(); ++i) {
        if (!sameDestination(same->destinations.at(i), route.destinations.at(i), route.namespaceName))
            return std::nullopt;
    }
    WeightedRoute out = *same;
    if (route.inPlan()) {
        out.source = WeightedRoute::Source::Both;
        out.planSplit = route.planSplit;
        for (qsizetype i = 0; i < out.destinations.size(); ++i)
            out.destinations[i].planWeight = route.destinations.at(i).planWeight;
    }
    return out;
}

QJsonObject proposedVirtualService(const Plan& plan, const WeightedRoute& route, const QList<int>& weights)
{
    if (weights.size() != route.destinations.size())
        return {};
    if (route.live.isEmpty()) {
        if (route.planSplit < 0 || route.planSplit >= plan.trafficSplits.size())
            return {};
        const Plan edited = withWeights(plan, route, weights);
        const QList<Resource> resources = Generators::trafficSplit(edited, edited.trafficSplits.at(route.planSplit));
        return resources.isEmpty() ? QJsonObject{} : resources.constFirst().object;
    }
    QJsonObject spec = route.live.value(u"spec"_qs).toObject();
    QJsonArray rules = spec.value(route.protocol).toArray();
    if (route.routeIndex >= rules.size())
        return {};
    QJsonObject rule = rules.at(route.routeIndex).toObject();
    QJsonArray entries = rule.value(u"route"_qs).toArray();
    if (entries.size() != weights.size())
        return {};
    for (qsizetype i = 0; i < entries.size(); ++i) {
        QJsonObject entry = entries.at(i).toObject();
        // A lone destination at 100 is written without a weight, as the generators do.
        if (entries.size() == 1 && weights.at(i) == 100)
            entry.remove(u"weight"_qs);
        else
            entry.insert(u"weight"_qs, weights.at(i));
        entries[i] = entry;
    }
    rule.insert(u"route"_qs, entries);
    rules[route.routeIndex] = rule;
    spec.insert(route.protocol, rules);
    return QJsonObject{{u"apiVersion"_qs, route.live.value(u"apiVersion"_qs)},
                       {u"kind"_qs, route.live.value(u"kind"_qs)},
                       {u"metadata"_qs, applicableMetadata(route.live.value(u"metadata"_qs).toObject())},
                       {u"spec"_qs, spec}};
}

QStringList weightChanges(const WeightedRoute& route, const QList<int>& weights)
{
    QStringList out;
    for (qsizetype i = 0; i < route.destinations.size() && i < weights.size(); ++i) {
        const WeightedDestination& d = route.destinations.at(i);
        if (d.weight != weights.at(i))
            out << PlanText::tr("%1: %2% → %3%").arg(d.label(), QString::number(d.weight), QString::number(weights.at(i)));
    }
    return out;
}

bool canSaveToPlan(const WeightedRoute& route, QString* why)
{
    auto no = [why](const QString& reason) {
        if (why)
            *why = reason;
        return false;
    };
    if (!route.inPlan())
        return no(PlanText::tr("Only in the cluster: the plan has no traffic split for this VirtualService."));
    for (const WeightedDestination& d : route.destinations) {
        if (d.planWeight < 0)
            return no(PlanText::tr("The cluster's destinations are not the plan's: %1 is not in the plan's split.").arg(d.label()));
    }
    if (route.protocol != u"http" || route.routeIndex != 0)
        return no(PlanText::tr("The plan's split is the VirtualService's first http route only."));
    return true;
}

Plan withWeights(const Plan& plan, const WeightedRoute& route, const QList<int>& weights)
{
    if (route.planSplit < 0 || route.planSplit >= plan.trafficSplits.size() || weights.size() != route.destinations.size())
        return plan;
    Plan out = plan;
    TrafficSplit& split = out.trafficSplits[route.planSplit];
    for (SplitDestination& sd : split.destinations) {
        for (qsizetype i = 0; i < route.destinations.size(); ++i) {
            if (sameDestination(sd, route.destinations.at(i), split.namespaceName)) {
                sd.weight = weights.at(i);
                break;
            }
        }
    }
    return out;
}

} // namespace WeightedRoutes
