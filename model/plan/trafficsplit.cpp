// SPDX-License-Identifier: Apache-2.0
#include "generators.h"

#include "k8sjson.h"

#include "istioversion.h"

#include <QJsonArray>
#include <QSet>

#include <algorithm>

/*
 * A weighted split between pod and VM destinations, in the shape of the book chapter's
 * 01-istio-gateway.yaml route (envoydummy.chapter10 / envoydummy.chapter10vm, 50/50).
 * Hosts are written exactly as the plan has them: Istio resolves short names against the
 * VirtualService's namespace, which is what the user sees in the plan too.
 */

namespace {

QString originOf(const Plan& plan, const TrafficSplit& split)
{
    for (qsizetype i = 0; i < plan.trafficSplits.size(); ++i) {
        const TrafficSplit& s = plan.trafficSplits.at(i);
        if (&s == &split || (s.name == split.name && s.namespaceName == split.namespaceName))
            return u"trafficSplits[%1]"_qs.arg(i);
    }
    return u"trafficSplits"_qs;
}

bool hasSubset(const SplitDestination& d)
{
    return !d.subset.isEmpty() && !d.subsetLabels.isEmpty();
}

QJsonObject destination(const SplitDestination& d)
{
    QJsonObject dest{{u"host"_qs, d.host}};
    if (!d.subset.isEmpty())
        dest.insert(u"subset"_qs, d.subset);
    if (d.port > 0)
        dest.insert(u"port"_qs, QJsonObject{{u"number"_qs, d.port}});
    return dest;
}

/*!
 * DestinationRule names: <split>-<first label of the host>, widened to more labels when two hosts
 * of the split would otherwise share a name (envoydummy.chapter10 vs envoydummy.chapter10vm).
 */
QMap<QString, QString> ruleNames(const QString& splitName, const QStringList& hosts)
{
    QMap<QString, QString> names;
    for (const QString& host : hosts) {
        const QStringList labels = host.split(u'.');
        for (qsizetype n = 1; n <= labels.size(); ++n) {
            const QString candidate = labels.mid(0, n).join(u'-');
            const bool unique = std::none_of(hosts.cbegin(), hosts.cend(), [&](const QString& other) {
                return other != host && other.split(u'.').mid(0, n).join(u'-') == candidate;
            });
            if (unique || n == labels.size()) {
                names.insert(host, splitName + u'-' + candidate);
                break;
            }
        }
    }
    return names;
}

/*!
 * Where a host's DestinationRule goes. Istio looks for it in the client's namespace, then the
 * service's, then the root namespace: the service's namespace is the one every caller (pods,
 * gateways, VMs) sees. <name>.<ns>.svc[.cluster.local] names it; other hosts stay with the split.
 */
QString serviceNamespace(const QString& host, const QString& fallback)
{
    const QStringList labels = host.split(u'.');
    const bool svc = (labels.size() == 3 && labels.at(2) == u"svc")
        || (labels.size() == 5 && labels.at(2) == u"svc" && labels.at(3) == u"cluster" && labels.at(4) == u"local");
    return svc ? labels.at(1) : fallback;
}

QJsonObject subsetsRule(const QString& apiVersion, const TrafficSplit& split, const QString& name, const QString& host)
{
    QJsonArray subsets;
    QSet<QString> seen;
    for (const SplitDestination& d : split.destinations) {
        if (d.host != host || !hasSubset(d) || seen.contains(d.subset))
            continue;
        seen.insert(d.subset);
        QJsonObject labels;
        for (auto it = d.subsetLabels.cbegin(); it != d.subsetLabels.cend(); ++it)
            labels.insert(it.key(), it.value());
        subsets.append(QJsonObject{{u"name"_qs, d.subset}, {u"labels"_qs, labels}});
    }
    QJsonObject rule = K8sJson::object(apiVersion, u"DestinationRule"_qs,
                                       K8sJson::metadata(name, serviceNamespace(host, split.namespaceName)));
    rule.insert(u"spec"_qs, QJsonObject{{u"host"_qs, host}, {u"subsets"_qs, subsets}});
    return rule;
}

} // namespace

namespace Generators {

QList<Resource> trafficSplit(const Plan& plan, const TrafficSplit& split)
{
    const QString origin = originOf(plan, split);
    // The loader rejects unparsable versions; the fallback only keeps a hand-built plan usable.
    const QString api =
        K8sJson::istioVersion(plan).networkingApiVersion();

    QJsonArray route;
    QStringList subsetHosts;
    for (const SplitDestination& d : split.destinations) {
        QJsonObject entry{{u"destination"_qs, destination(d)}};
        // A lone destination takes all traffic; a weight of 0 there would be rejected as not 100.
        if (d.weight > 0 || split.destinations.size() > 1)
            entry.insert(u"weight"_qs, d.weight);
        route.append(entry);
        if (hasSubset(d) && !subsetHosts.contains(d.host))
            subsetHosts << d.host;
    }

    QJsonObject spec{{u"hosts"_qs, QJsonArray::fromStringList(split.hosts)}};
    if (!split.gateways.isEmpty())
        spec.insert(u"gateways"_qs, QJsonArray::fromStringList(split.gateways));
    spec.insert(u"http"_qs, QJsonArray{QJsonObject{{u"route"_qs, route}}});

    QJsonObject vs = K8sJson::object(api, u"VirtualService"_qs, K8sJson::metadata(split.name, split.namespaceName));
    vs.insert(u"spec"_qs, spec);
    QList<Resource> out;
    out << K8sJson::resource(vs, Stage::TrafficSplit, origin);

    const QMap<QString, QString> names = ruleNames(split.name, subsetHosts);
    for (const QString& host : subsetHosts)
        out << K8sJson::resource(subsetsRule(api, split, names.value(host), host), Stage::TrafficSplit, origin);
    return out;
}

} // namespace Generators
