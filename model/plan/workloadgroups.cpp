// SPDX-License-Identifier: Apache-2.0
#include "generators.h"

#include "k8sjson.h"

#include <QJsonArray>

/*
 * A VM group's cluster side: what the book chapter creates with `kubectl create ns`,
 * `kubectl create serviceaccount`, the WorkloadGroup file and the Service file. Sources:
 * ../shared/reference/istio-vm-onboarding.md §1.4 (group create) and §2 (WorkloadGroup API).
 */

namespace {

QString originOf(const Plan& plan, const VmGroup& group)
{
    for (qsizetype i = 0; i < plan.vmGroups.size(); ++i) {
        const VmGroup& g = plan.vmGroups.at(i);
        if (&g == &group || (g.name == group.name && g.namespaceName == group.namespaceName))
            return u"vmGroups[%1]"_qs.arg(i);
    }
    return u"vmGroups"_qs;
}

/*!
 * Namespaces that exist in every cluster (or hold Istio itself): a cleanup of the group must not
 * delete them even though the group "created" them.
 */
bool isSharedNamespace(const Plan& plan, const QString& ns)
{
    static const QStringList builtIn{u"default"_qs, u"kube-system"_qs, u"kube-public"_qs, u"kube-node-lease"_qs};
    return builtIn.contains(ns) || ns == plan.mesh.istioNamespace;
}

QJsonObject meta(const QString& name, const QString& ns)
{
    QJsonObject m{{u"name"_qs, name}};
    if (!ns.isEmpty())
        m.insert(u"namespace"_qs, ns);
    return m;
}

QJsonObject namespaceMeta(const QString& name, bool shared)
{
    QJsonObject m{{u"name"_qs, name}};
    if (!shared)
        m.insert(u"labels"_qs, K8sJson::fromStringMap(K8sJson::managedByLabels()));
    return m;
}

QJsonObject workloadGroup(const Plan& plan, const VmGroup& group)
{
    const IstioVersion version = K8sJson::istioVersion(plan);

    // Labels belong in spec.metadata (template.labels is deprecated for groups); `group create`
    // writes `metadata: {}` even when empty, and so do we.
    QJsonObject specMeta;
    if (!group.labels.isEmpty())
        specMeta.insert(u"labels"_qs, K8sJson::fromStringMap(group.labels));
    if (!group.annotations.isEmpty())
        specMeta.insert(u"annotations"_qs, K8sJson::fromStringMap(group.annotations));

    QJsonObject templ{{u"serviceAccount"_qs, group.serviceAccount.isEmpty() ? u"default"_qs : group.serviceAccount}};
    const QString network = plan.groupNetwork(group);
    if (!network.isEmpty())
        templ.insert(u"network"_qs, network);
    if (!group.ports.isEmpty()) {
        QJsonObject ports;
        for (const NamedPort& p : group.ports)
            ports.insert(p.name, p.port);
        templ.insert(u"ports"_qs, ports);
    }

    QJsonObject spec{{u"metadata"_qs, specMeta}, {u"template"_qs, templ}};
    if (group.probe) {
        const QJsonObject probe = K8sJson::workloadGroupProbe(*group.probe);
        if (!probe.isEmpty())
            spec.insert(u"probe"_qs, probe);
    }
    return QJsonObject{{u"apiVersion"_qs, version.networkingApiVersion()},
                       {u"kind"_qs, u"WorkloadGroup"_qs},
                       {u"metadata"_qs, meta(group.name, group.namespaceName)},
                       {u"spec"_qs, spec}};
}

/*! The VMs seen as pods: the selector is the group's labels, which every WorkloadEntry carries. */
QJsonObject service(const VmGroup& group)
{
    StringMap labels = group.labels;
    labels.insert(group.service.labels);
    QJsonObject metadata = meta(group.serviceName(), group.namespaceName);
    if (!labels.isEmpty())
        metadata.insert(u"labels"_qs, K8sJson::fromStringMap(labels));

    QJsonArray ports;
    for (const ServicePort& p : group.service.ports) {
        ports.append(QJsonObject{{u"name"_qs, p.name},
                                 {u"port"_qs, p.port},
                                 {u"targetPort"_qs, p.targetPort > 0 ? p.targetPort : p.port},
                                 {u"protocol"_qs, p.protocol.isEmpty() ? u"TCP"_qs : p.protocol}});
    }
    QJsonObject spec{{u"ports"_qs, ports}};
    // No labels would make a selector-less Service (no endpoints at all); the loader warns.
    if (!group.labels.isEmpty())
        spec.insert(u"selector"_qs, K8sJson::fromStringMap(group.labels));
    return QJsonObject{{u"apiVersion"_qs, u"v1"_qs},
                       {u"kind"_qs, u"Service"_qs},
                       {u"metadata"_qs, metadata},
                       {u"spec"_qs, spec}};
}

} // namespace

namespace Generators {

QList<Resource> vmGroupResources(const Plan& plan, const VmGroup& group)
{
    const QString origin = originOf(plan, group);
    auto make = [&origin](QJsonObject obj, bool keep = false) {
        Resource r;
        r.object = std::move(obj);
        r.stage = Stage::VmGroup;
        r.origin = origin;
        r.keepOnCleanup = keep;
        return r;
    };

    QList<Resource> out;
    // VMs are not injected, so no istio-injection label. The managed-by label is what makes the
    // namespace's apply own a field: an apply that owns none leaves no field manager behind, and
    // the next apply would then "change" the object by recording one.
    const bool shared = isSharedNamespace(plan, group.namespaceName);
    out << make(QJsonObject{{u"apiVersion"_qs, u"v1"_qs},
                            {u"kind"_qs, u"Namespace"_qs},
                            {u"metadata"_qs, namespaceMeta(group.namespaceName, shared)}},
                shared);
    // Every namespace has "default": creating it is pointless and a cleanup must never delete it.
    if (!group.serviceAccount.isEmpty() && group.serviceAccount != u"default") {
        out << make(QJsonObject{{u"apiVersion"_qs, u"v1"_qs},
                                {u"kind"_qs, u"ServiceAccount"_qs},
                                {u"metadata"_qs, meta(group.serviceAccount, group.namespaceName)}});
    }
    out << make(workloadGroup(plan, group));
    if (group.service.enabled && !group.service.ports.isEmpty())
        out << make(service(group));
    return out;
}

} // namespace Generators
