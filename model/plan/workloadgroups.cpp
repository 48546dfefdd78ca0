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
    QJsonObject object = K8sJson::object(version.networkingApiVersion(), u"WorkloadGroup"_qs,
                                         K8sJson::metadata(group.name, group.namespaceName));
    object.insert(u"spec"_qs, spec);
    return object;
}

/*! The VMs seen as pods: the selector is the group's labels, which every WorkloadEntry carries. */
QJsonObject service(const VmGroup& group)
{
    StringMap labels = group.labels;
    labels.insert(group.service.labels);
    const QJsonObject metadata =
        K8sJson::metadata(group.serviceName(), group.namespaceName, K8sJson::fromStringMap(labels));

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
    QJsonObject object = K8sJson::object(u"v1"_qs, u"Service"_qs, metadata);
    object.insert(u"spec"_qs, spec);
    return object;
}

} // namespace

namespace Generators {

QList<Resource> vmGroupResources(const Plan& plan, const VmGroup& group)
{
    const QString origin = originOf(plan, group);
    auto make = [&origin](QJsonObject object, bool keep = false) {
        return K8sJson::resource(std::move(object), Stage::VmGroup, origin, Resource::Channel::Kubectl, keep);
    };

    QList<Resource> out;
    // VMs are not injected, so no istio-injection label. The managed-by label is what makes the
    // namespace's apply own a field: an apply that owns none leaves no field manager behind, and
    // the next apply would then "change" the object by recording one.
    const bool shared = isSharedNamespace(plan, group.namespaceName);
    const QJsonObject namespaceLabels = shared ? QJsonObject{} : K8sJson::fromStringMap(K8sJson::managedByLabels());
    out << make(K8sJson::object(u"v1"_qs, u"Namespace"_qs, K8sJson::metadata(group.namespaceName, {}, namespaceLabels)),
                shared);
    // Every namespace has "default": creating it is pointless and a cleanup must never delete it.
    if (!group.serviceAccount.isEmpty() && group.serviceAccount != u"default") {
        out << make(K8sJson::object(u"v1"_qs, u"ServiceAccount"_qs,
                                    K8sJson::metadata(group.serviceAccount, group.namespaceName)));
    }
    out << make(workloadGroup(plan, group));
    if (group.service.enabled && !group.service.ports.isEmpty())
        out << make(service(group));
    return out;
}

} // namespace Generators
