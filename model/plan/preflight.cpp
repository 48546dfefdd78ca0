// SPDX-License-Identifier: Apache-2.0
#include "preflight.h"

#include "istioversion.h"
#include "k8sjson.h"
#include "yamljson.h"


#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace {

using Status = PreflightCheck::Status;

PreflightCheck check(Status status, const QString& title, const QString& detail, const QString& fix = {})
{
    return PreflightCheck{status, title, detail, fix};
}

QString istiodName(const Plan& plan)
{
    return plan.mesh.revisioned(u"istiod"_qs);
}

// "docker.io/istio/pilot:1.29.2-distroless" → 1.29.2
std::optional<IstioVersion> imageVersion(const QString& image)
{
    const qsizetype colon = image.lastIndexOf(u':');
    if (colon < 0 || image.indexOf(u'/', colon) >= 0)
        return std::nullopt;
    QString tag = image.mid(colon + 1);
    static const QRegularExpression flavour(u"-(distroless|debug)\\z"_qs);
    tag.remove(flavour);
    return IstioVersion::parse(tag);
}

bool envFalse(const QMap<QString, QString>& env, const QString& key)
{
    return env.value(key).compare(u"false", Qt::CaseInsensitive) == 0;
}

void kubernetesCheck(const ClusterObservations& o, QList<PreflightCheck>& out)
{
    const std::optional<IstioVersion> v = IstioVersion::parse(o.kubernetesVersion);
    if (v && !v->atLeast(1, 28)) {
        out << check(Status::Warn, u"Kubernetes API"_qs, o.kubernetesVersion + u" at "_qs + o.server,
                     u"Istio 1.29–1.31 support Kubernetes 1.30 and later; upgrade the cluster"_qs);
        return;
    }
    out << check(Status::Pass, u"Kubernetes API"_qs, o.kubernetesVersion + u" at "_qs + o.server);
}

void istiodCheck(const Plan& plan, const ClusterObservations& o, QList<PreflightCheck>& out)
{
    const QString name = istiodName(plan);
    if (!o.istiodFound) {
        out << check(Status::Fail, u"Istio control plane"_qs,
                     u"no Deployment "_qs + name + u" in "_qs + plan.mesh.istioNamespace,
                     u"install Istio first (istioctl install -f istioctl/01-istiooperator-control-plane.yaml of `meshdeck export`)"_qs);
        return;
    }
    const std::optional<IstioVersion> running = imageVersion(o.istiodImage);
    const std::optional<IstioVersion> planned = IstioVersion::parse(plan.mesh.istioVersion);
    if (running && planned && (running->major != planned->major || running->minor != planned->minor)) {
        out << check(Status::Warn, u"Istio control plane"_qs,
                     name + u" runs "_qs + running->toString() + u", the plan says "_qs + plan.mesh.istioVersion,
                     u"set mesh.istioVersion to the running version: it picks API versions and the sidecar package"_qs);
    } else {
        out << check(Status::Pass, u"Istio control plane"_qs,
                     name + u" "_qs + (running ? running->toString() : o.istiodImage));
    }

    const bool groupsRegister = std::any_of(plan.vmGroups.cbegin(), plan.vmGroups.cend(), [](const VmGroup& g) { return g.autoRegister; });
    const bool groupsProbe = std::any_of(plan.vmGroups.cbegin(), plan.vmGroups.cend(), [](const VmGroup& g) { return g.probe.has_value(); });
    QStringList problems;
    if (groupsRegister && envFalse(o.istiodEnv, u"PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION"_qs))
        problems << u"PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION=false: VMs will not get WorkloadEntries"_qs;
    if (groupsProbe && envFalse(o.istiodEnv, u"PILOT_ENABLE_WORKLOAD_ENTRY_HEALTHCHECKS"_qs))
        problems << u"PILOT_ENABLE_WORKLOAD_ENTRY_HEALTHCHECKS=false: VM health is ignored"_qs;
    if (!problems.isEmpty()) {
        out << check(Status::Fail, u"istiod settings"_qs, problems.join(u"; "_qs),
                     u"reinstall with the control-plane IstioOperator of `meshdeck export` (sets both to true)"_qs);
    } else {
        out << check(Status::Pass, u"istiod settings"_qs, u"WorkloadEntry auto-registration and health checks enabled"_qs);
    }
}

QString jsonPath(const QJsonObject& root, const QStringList& path)
{
    QJsonValue v = root;
    for (const QString& key : path)
        v = v.toObject().value(key);
    return v.toString();
}

void identityCheck(const Plan& plan, const ClusterObservations& o, QList<PreflightCheck>& out)
{
    const MeshIdentityComparison identity = compareMeshIdentity(plan, o.injectorValuesJson, o.meshConfigYaml);
    if (!identity.mismatches.isEmpty()) {
        QStringList details;
        QStringList fixes;
        for (const IdentityMismatch& m : identity.mismatches) {
            details << m.detail;
            fixes << m.fix;
        }
        out << check(Status::Fail, u"Mesh identity"_qs, details.join(u"; "_qs), fixes.join(u"; "_qs));
    } else if (o.injectorValuesJson.isEmpty()) {
        out << check(Status::Warn, u"Mesh identity"_qs,
                     u"ConfigMap "_qs + plan.mesh.revisioned(u"istio-sidecar-injector"_qs) + u" has no values"_qs,
                     u"check the Istio installation; the VMs' mesh ID, cluster ID and network cannot be verified"_qs);
    } else {
        out << check(Status::Pass, u"Mesh identity"_qs, identity.found.join(u", "_qs));
    }
}

void apiVersionCheck(const Plan& plan, const ClusterObservations& o, QList<PreflightCheck>& out)
{
    const QString wanted = K8sJson::istioVersion(plan).networkingApiVersion().section(u'/', 1);
    const QString served = o.networkingVersions.join(u", "_qs);
    if (o.networkingVersions.isEmpty()) {
        out << check(Status::Fail, u"Istio APIs"_qs, u"networking.istio.io is not served"_qs,
                     u"install Istio's CRDs (istioctl install, or the base chart)"_qs);
    } else if (!o.networkingVersions.contains(wanted)) {
        out << check(Status::Fail, u"Istio APIs"_qs, u"networking.istio.io serves "_qs + served + u", the plan needs "_qs + wanted,
                     u"set mesh.istioVersion to the cluster's Istio version"_qs);
    } else {
        out << check(Status::Pass, u"Istio APIs"_qs, u"networking.istio.io "_qs + served);
    }
}

void gatewayCheck(const Plan& plan, const ClusterObservations& o, QList<PreflightCheck>& out)
{
    const QString service = u"Service "_qs + plan.gatewayNamespace() + u'/' + plan.eastWestGateway.service;
    const QString planned = plan.eastWestGateway.address;
    if (!o.gatewayFound && plan.eastWestGateway.enabled) {
        out << check(Status::Warn, u"East-west gateway"_qs, service + u" not found"_qs,
                     u"it is part of this plan: install it (istioctl install -f istioctl/02-istiooperator-eastwest.yaml)"_qs);
    } else if (!o.gatewayFound && planned.isEmpty()) {
        // A gateway the user runs (enabled: false), not where the plan says.
        out << check(Status::Warn, u"East-west gateway"_qs,
                     service + u" not found and eastWestGateway.address is empty: the VMs' hosts file would get no line for istiod"_qs,
                     u"name your gateway's Service in eastWestGateway.service and eastWestGateway.namespace (istioctl's "
                     "--ingressService), or give its address in eastWestGateway.address (--ingressIP)"_qs);
    } else if (!o.gatewayFound) {
        out << check(Status::Pass, u"East-west gateway"_qs,
                     u"the VMs use the plan's eastWestGateway.address "_qs + planned + u" (no "_qs + service + u" here)"_qs);
    } else if (o.gatewayAddress.isEmpty() && !o.gatewayHostname.isEmpty() && plan.eastWestGateway.address.isEmpty()) {
        // istio#31624: istioctl writes an empty hosts file here, and the VMs never reach istiod.
        out << check(Status::Fail, u"East-west gateway"_qs,
                     o.gatewayType + u" Service has only the host name "_qs + o.gatewayHostname
                         + u": the VMs' hosts file would get no line for istiod"_qs,
                     u"set eastWestGateway.address to one of its IPs (getent hosts "_qs + o.gatewayHostname
                         + u"); a cloud load balancer's IPs can change, so keep it current"_qs);
    } else if (o.gatewayAddress.isEmpty() && !o.gatewayHostname.isEmpty()) {
        out << check(Status::Warn, u"East-west gateway"_qs,
                     o.gatewayType + u" Service has only the host name "_qs + o.gatewayHostname
                         + u"; the VMs use the plan's eastWestGateway.address "_qs + plan.eastWestGateway.address,
                     u"check that it is one of "_qs + o.gatewayHostname + u"'s IPs (getent hosts "_qs + o.gatewayHostname
                         + u"); they can change"_qs);
    } else if (o.gatewayAddress.isEmpty() && planned.isEmpty()) {
        out << check(Status::Warn, u"East-west gateway"_qs, o.gatewayType + u" Service without an address yet"_qs,
                     u"wait for the load balancer, or set eastWestGateway.address; until then the VMs' hosts file is empty"_qs);
    } else if (o.gatewayAddress.isEmpty()) {
        out << check(Status::Warn, u"East-west gateway"_qs,
                     o.gatewayType + u" Service without an address yet; the VMs use the plan's "_qs + planned,
                     u"check that "_qs + planned + u" is the address the load balancer gives "_qs + service
                         + u" once it has one"_qs);
    } else if (!planned.isEmpty() && planned != o.gatewayAddress) {
        // istioctl's --ingressIP wins over the address of its --ingressService: the plan's wins here too.
        out << check(Status::Warn, u"East-west gateway"_qs,
                     service + u" has "_qs + o.gatewayAddress + u"; the VMs use the plan's "_qs + planned
                         + u" (eastWestGateway.address wins, as istioctl's --ingressIP)"_qs,
                     u"correct eastWestGateway.address if the gateway moved, or remove it to use the Service's address"_qs);
    } else {
        out << check(Status::Pass, u"East-west gateway"_qs, service + u" ("_qs + o.gatewayType + u") at "_qs + o.gatewayAddress);
    }
}

QString describe(const AccessRequirement& r)
{
    return r.verb + u' ' + r.kind + (r.namespaceName.isEmpty() ? QString() : QString(u" in "_qs + r.namespaceName));
}

void accessCheck(const ClusterObservations& o, QList<PreflightCheck>& out)
{
    QStringList denied;
    for (const AccessResult& a : o.access) {
        if (!a.allowed)
            denied << describe(a.requirement) + (a.reason.isEmpty() ? QString() : QString(u" ("_qs + a.reason + u')'));
    }
    if (!denied.isEmpty()) {
        out << check(Status::Fail, u"Permissions"_qs, u"not allowed: "_qs + denied.join(u"; "_qs),
                     u"ask a cluster admin for a Role/ClusterRole granting these, or use another context"_qs);
    } else {
        out << check(Status::Pass, u"Permissions"_qs, QString::number(o.access.size()) + u" permissions checked"_qs);
    }
}

void vmNamespaceChecks(const Plan& plan, const ClusterObservations& o, QList<PreflightCheck>& out)
{
    const QStringList namespaces = vmNamespaces(plan);
    QStringList missing;
    for (const QString& ns : namespaces) {
        if (!o.rootCertByNamespace.value(ns))
            missing << ns;
    }
    if (!namespaces.isEmpty() && !missing.isEmpty()) {
        out << check(Status::Warn, u"istio-ca-root-cert"_qs, u"not (yet) in "_qs + missing.join(u", "_qs),
                     u"istiod publishes it into each namespace; apply the plan and check that istiod runs"_qs);
    } else if (!namespaces.isEmpty()) {
        out << check(Status::Pass, u"istio-ca-root-cert"_qs, u"present in "_qs + namespaces.join(u", "_qs));
    }
    for (auto it = o.tokenRequestByAccount.cbegin(); it != o.tokenRequestByAccount.cend(); ++it) {
        if (it.value().error.isEmpty()) {
            out << check(Status::Pass, u"TokenRequest"_qs, u"a token for "_qs + it.key() + u" was issued (audience istio-ca)"_qs);
        } else if (it.value().accountMissing) {
            out << check(Status::Warn, u"TokenRequest"_qs, it.key() + u": "_qs + it.value().error,
                         u"the service account is created by `meshdeck apply`; run preflight again afterwards"_qs);
        } else {
            out << check(Status::Fail, u"TokenRequest"_qs, it.key() + u": "_qs + it.value().error,
                         u"the API server must serve TokenRequest (service-account-issuer and signing key configured)"_qs);
        }
    }
}

// The bundle refuses a group the cluster does not have, as istioctl's --name; before the plan's
// first apply that is expected, so a warning here.
void workloadGroupCheck(const Plan& plan, const ClusterObservations& o, QList<PreflightCheck>& out)
{
    QStringList present;
    QStringList missing;
    for (const VmGroup& g : plan.vmGroups) {
        const QString key = g.namespaceName + u'/' + g.name;
        if (present.contains(key) || missing.contains(key))
            continue;
        (o.workloadGroupByKey.value(key) ? present : missing) << key;
    }
    if (!missing.isEmpty()) {
        out << check(Status::Warn, u"WorkloadGroup"_qs, u"not in the cluster: "_qs + missing.join(u", "_qs),
                     u"`meshdeck apply` creates it (the onboarding wizard applies it on its run page); until then "
                     "`meshdeck bundle` and onboarding refuse its VMs, as istioctl x workload entry configure --name does"_qs);
    } else if (!present.isEmpty()) {
        out << check(Status::Pass, u"WorkloadGroup"_qs, u"present: "_qs + present.join(u", "_qs));
    }
}

} // namespace

MeshIdentityComparison compareMeshIdentity(const Plan& plan, const QString& valuesJson, const QString& meshYaml)
{
    MeshIdentityComparison out;
    const auto compare = [&out](const QString& field, const QString& cluster, const QString& planned, const QString& fix) {
        if (cluster != planned)
            out.mismatches << IdentityMismatch{u"mesh."_qs + field,
                                               u"mesh."_qs + field + u" is \""_qs + planned + u"\" but the cluster has \""_qs
                                                   + cluster + u'"',
                                               fix};
    };
    if (!valuesJson.isEmpty()) {
        const QString injector = u"ConfigMap "_qs + plan.mesh.revisioned(u"istio-sidecar-injector"_qs) + u"'s "_qs;
        const QJsonObject values = QJsonDocument::fromJson(valuesJson.toUtf8()).object();
        const QList<std::tuple<QString, QString, QString, QString>> fields = {
            {u"meshID"_qs, jsonPath(values, {u"global"_qs, u"meshID"_qs}), plan.mesh.meshId,
             u"set mesh.meshID to "_qs + injector + u"values.global.meshID: the VMs announce it as ISTIO_META_MESH_ID, "
                                                     "and the control plane's IstioOperator is generated with it"_qs},
            {u"clusterName"_qs, jsonPath(values, {u"global"_qs, u"multiCluster"_qs, u"clusterName"_qs}), plan.mesh.clusterName,
             u"set mesh.clusterName to "_qs + injector + u"values.global.multiCluster.clusterName: it is the VMs' cluster ID "
                                                          "(ISTIO_META_CLUSTER_ID), and a wrong cluster ID breaks their authentication"_qs},
            {u"network"_qs, jsonPath(values, {u"global"_qs, u"network"_qs}), plan.mesh.network,
             u"set mesh.network to "_qs + injector + u"values.global.network: it is the network of the cluster, and of the "
                                                      "east-west gateway and the VM groups that name none"_qs},
        };
        for (const auto& [field, cluster, planned, fix] : fields) {
            out.found << field + u'=' + (cluster.isEmpty() ? u"''"_qs : cluster);
            compare(field, cluster, planned, fix);
        }
    }
    if (!meshYaml.isEmpty()) {
        const YamlJson::MeshConfigFacts mesh = YamlJson::meshConfig(meshYaml);
        if (mesh.ok()) {
            // Istio's MeshConfig default when the installation sets none.
            const QString trustDomain = mesh.trustDomain.isEmpty() ? u"cluster.local"_qs : mesh.trustDomain;
            out.found << u"trustDomain="_qs + trustDomain;
            compare(u"trustDomain"_qs, trustDomain, plan.mesh.trustDomain,
                    u"set mesh.trustDomain to the trustDomain of ConfigMap "_qs + plan.mesh.revisioned(u"istio"_qs)
                        + u"'s mesh: the VMs' TRUST_DOMAIN (cluster.env) is the plan's"_qs);
        }
    }
    return out;
}

QList<AccessRequirement> requiredAccess(const Plan& plan, const QList<Resource>& resources)
{
    QList<AccessRequirement> out;
    const auto add = [&out](const AccessRequirement& r) {
        const bool seen = std::any_of(out.cbegin(), out.cend(), [&r](const AccessRequirement& o) {
            return o.verb == r.verb && o.apiVersion == r.apiVersion && o.kind == r.kind && o.namespaceName == r.namespaceName;
        });
        if (!seen)
            out.append(r);
    };
    for (const Resource& r : resources) {
        if (r.channel == Resource::Channel::Kubectl)
            add(AccessRequirement{u"patch"_qs, r.apiVersion(), r.kind(), r.namespaceName(), r.name()});
    }
    for (const VmGroup& g : plan.vmGroups) {
        add(AccessRequirement{u"create"_qs, u"v1"_qs, u"ServiceAccountToken"_qs, g.namespaceName, g.serviceAccount});
        add(AccessRequirement{u"list"_qs, K8sJson::istioVersion(plan).networkingApiVersion(), u"WorkloadEntry"_qs,
                              g.namespaceName, {}});
    }
    return out;
}

QStringList vmNamespaces(const Plan& plan)
{
    QStringList out;
    for (const VmGroup& g : plan.vmGroups) {
        if (!out.contains(g.namespaceName))
            out.append(g.namespaceName);
    }
    return out;
}

QList<PreflightCheck> evaluatePreflight(const Plan& plan, const ClusterObservations& observed)
{
    QList<PreflightCheck> out;
    if (!observed.unreachable.isEmpty()) {
        out << check(Status::Fail, u"Kubernetes API"_qs, observed.unreachable,
                     u"check the context (--context), the network or VPN, and the kubeconfig's credentials"_qs);
        return out;
    }
    kubernetesCheck(observed, out);
    istiodCheck(plan, observed, out);
    identityCheck(plan, observed, out);
    apiVersionCheck(plan, observed, out);
    gatewayCheck(plan, observed, out);
    accessCheck(observed, out);
    vmNamespaceChecks(plan, observed, out);
    workloadGroupCheck(plan, observed, out);
    return out;
}

bool preflightPassed(const QList<PreflightCheck>& checks)
{
    return std::none_of(checks.cbegin(), checks.cend(), [](const PreflightCheck& c) { return c.status == Status::Fail; });
}

QString preflightTable(const QList<PreflightCheck>& checks)
{
    qsizetype titleWidth = 5;
    for (const PreflightCheck& c : checks)
        titleWidth = std::max(titleWidth, c.title.size());
    QString out = u"STATUS  "_qs + u"CHECK"_qs.leftJustified(titleWidth + 2) + u"DETAIL\n"_qs;
    for (const PreflightCheck& c : checks) {
        const QString status = c.status == Status::Pass ? u"pass"_qs : c.status == Status::Warn ? u"warn"_qs : u"FAIL"_qs;
        out += status.leftJustified(8) + c.title.leftJustified(titleWidth + 2) + c.detail + u'\n';
        if (c.status != Status::Pass && !c.fix.isEmpty())
            out += QString(8 + titleWidth + 2, u' ') + u"→ "_qs + c.fix + u'\n';
    }
    return out;
}
