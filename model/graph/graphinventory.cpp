// SPDX-License-Identifier: Apache-2.0
#include "graphinventory.h"

#include <QJsonArray>

namespace GraphInventoryReader {

namespace {

QString str(const QJsonObject& o, const QString& key)
{
    return o.value(key).toString();
}

QMap<QString, QString> labels(const QJsonValue& value)
{
    QMap<QString, QString> map;
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it)
        map.insert(it.key(), it.value().toString());
    return map;
}

WorkloadEntryInfo workloadEntry(const QJsonObject& o)
{
    const QJsonObject meta = o.value(u"metadata"_qs).toObject();
    const QJsonObject spec = o.value(u"spec"_qs).toObject();
    WorkloadEntryInfo e;
    e.namespaceName = str(meta, u"namespace"_qs);
    e.name = str(meta, u"name"_qs);
    e.labels = labels(spec.value(u"labels"_qs));
    e.network = str(spec, u"network"_qs);
    for (const QJsonValue& owner : meta.value(u"ownerReferences"_qs).toArray()) {
        if (owner[u"kind"_qs].toString() == u"WorkloadGroup")
            e.workloadGroup = owner[u"name"_qs].toString();
    }
    e.healthChecksEnabled = meta.value(u"annotations"_qs)[u"proxy.istio.io/health-checks-enabled"_qs].toString() == u"true";
    for (const QJsonValue& c : o.value(u"status"_qs)[u"conditions"_qs].toArray()) {
        if (c[u"type"_qs].toString() == u"Healthy")
            e.healthyCondition = c[u"status"_qs].toString() == u"True";
    }
    return e;
}

PodWorkloadInfo podWorkload(const QJsonObject& o)
{
    const QJsonObject meta = o.value(u"metadata"_qs).toObject();
    const QJsonObject spec = o.value(u"spec"_qs).toObject();
    const auto podLabels = labels(spec.value(u"template"_qs)[u"metadata"_qs][u"labels"_qs]);
    PodWorkloadInfo p;
    p.namespaceName = str(meta, u"namespace"_qs);
    p.workload = str(meta, u"name"_qs);
    p.app = canonicalService(podLabels, p.workload);
    p.version = canonicalRevision(podLabels);
    p.desired = spec.contains(u"replicas"_qs) ? spec.value(u"replicas"_qs).toInt() : 1;
    p.ready = o.value(u"status"_qs)[u"readyReplicas"_qs].toInt();
    return p;
}

// "reviews" in namespace ns -> reviews.ns.svc.<domain>; "reviews.other" -> reviews.other.svc.<domain>.
QString fqdn(const QString& host, const QString& namespaceName, const QString& domain)
{
    if (host.contains(u'*'))
        return host;
    const int dots = int(host.count(u'.'));
    if (dots == 0)
        return host + u'.' + namespaceName + u".svc."_qs + domain;
    if (dots == 1)
        return host + u".svc."_qs + domain;
    return host;
}

using SubsetKey = std::pair<QString, QString>; // FQDN host, subset name

QMap<SubsetKey, QMap<QString, QString>> subsets(const QList<QJsonObject>& rules, const QString& domain)
{
    QMap<SubsetKey, QMap<QString, QString>> out;
    for (const QJsonObject& dr : rules) {
        const QString ns = dr.value(u"metadata"_qs)[u"namespace"_qs].toString();
        const QJsonObject spec = dr.value(u"spec"_qs).toObject();
        const QString host = fqdn(str(spec, u"host"_qs), ns, domain);
        for (const QJsonValue& s : spec.value(u"subsets"_qs).toArray())
            out.insert({host, s[u"name"_qs].toString()}, labels(s[u"labels"_qs]));
    }
    return out;
}

QList<VirtualServiceRoute> routes(const QJsonObject& vs, const QMap<SubsetKey, QMap<QString, QString>>& subsetLabels,
                                  const QString& domain)
{
    QList<VirtualServiceRoute> out;
    const QString ns = vs.value(u"metadata"_qs)[u"namespace"_qs].toString();
    const QString name = vs.value(u"metadata"_qs)[u"name"_qs].toString();
    for (const QJsonValue& http : vs.value(u"spec"_qs)[u"http"_qs].toArray()) {
        const QJsonArray route = http[u"route"_qs].toArray();
        // A single destination without a weight is plain routing, not a split: nothing to compare.
        if (route.size() < 2 && !(route.size() == 1 && route.first()[u"weight"_qs].isDouble()))
            continue;
        VirtualServiceRoute r{ns, name, {}};
        for (const QJsonValue& d : route) {
            RouteDestination dest;
            dest.host = d[u"destination"_qs][u"host"_qs].toString();
            dest.subset = d[u"destination"_qs][u"subset"_qs].toString();
            // Envoy's rule: without weights the only destination takes everything.
            dest.weight = d[u"weight"_qs].isDouble() ? d[u"weight"_qs].toInt() : (route.size() == 1 ? 100 : 0);
            if (!dest.subset.isEmpty())
                dest.subsetLabels = subsetLabels.value({fqdn(dest.host, ns, domain), dest.subset});
            r.destinations.append(dest);
        }
        out.append(r);
    }
    return out;
}

} // namespace

GraphInventory fromObjects(const QList<QJsonObject>& objects, QStringList* warnings)
{
    GraphInventory inventory;
    QList<QJsonObject> virtualServices;
    QList<QJsonObject> destinationRules;
    for (const QJsonObject& o : objects) {
        const QString kind = str(o, u"kind"_qs);
        const QString ns = o.value(u"metadata"_qs)[u"namespace"_qs].toString();
        if (kind == u"WorkloadGroup") {
            inventory.workloadGroups[ns].append(o.value(u"metadata"_qs)[u"name"_qs].toString());
        } else if (kind == u"WorkloadEntry") {
            inventory.workloadEntries.append(workloadEntry(o));
        } else if (kind == u"Deployment" || kind == u"StatefulSet") {
            inventory.pods.append(podWorkload(o));
        } else if (kind == u"ServiceEntry") {
            for (const QJsonValue& h : o.value(u"spec"_qs)[u"hosts"_qs].toArray())
                inventory.serviceEntryHosts.append(h.toString());
        } else if (kind == u"VirtualService") {
            virtualServices.append(o);
        } else if (kind == u"DestinationRule") {
            destinationRules.append(o);
        }
    }
    const auto subsetLabels = subsets(destinationRules, inventory.clusterDomain);
    for (const QJsonObject& vs : std::as_const(virtualServices)) {
        const QList<VirtualServiceRoute> found = routes(vs, subsetLabels, inventory.clusterDomain);
        for (const VirtualServiceRoute& r : found) {
            for (const RouteDestination& d : r.destinations) {
                if (!d.subset.isEmpty() && d.subsetLabels.isEmpty() && warnings) {
                    warnings->append(u"VirtualService %1/%2 routes to subset %3 of %4, which no DestinationRule defines"_qs
                                         .arg(r.namespaceName, r.name, d.subset, d.host));
                }
            }
        }
        inventory.routes += found;
    }
    // An entry without an owner (created by hand or by meshdeck, not auto-registered) still belongs to
    // its group when it is named the way istiod names entries: <group>-<address>[-<network>].
    for (WorkloadEntryInfo& e : inventory.workloadEntries) {
        if (!e.workloadGroup.isEmpty())
            continue;
        for (const QString& group : inventory.workloadGroups.value(e.namespaceName)) {
            if (e.name.startsWith(group + u'-') && group.size() > e.workloadGroup.size())
                e.workloadGroup = group;
        }
    }
    inventory.serviceEntryHosts.removeDuplicates();
    return inventory;
}

QList<std::pair<QString, QString>> listedKinds(const QString& networkingApiVersion)
{
    return {{networkingApiVersion, u"WorkloadGroup"_qs}, {networkingApiVersion, u"WorkloadEntry"_qs},
            {networkingApiVersion, u"ServiceEntry"_qs},  {networkingApiVersion, u"VirtualService"_qs},
            {networkingApiVersion, u"DestinationRule"_qs}, {u"apps/v1"_qs, u"Deployment"_qs},
            {u"apps/v1"_qs, u"StatefulSet"_qs}};
}

} // namespace GraphInventoryReader
