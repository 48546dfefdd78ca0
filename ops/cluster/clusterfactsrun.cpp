// SPDX-License-Identifier: Apache-2.0
#include "clusterfactsrun.h"

#include "gatewayaddress.h"
#include "istioversion.h"
#include "k8sjson.h"
#include "kubeclient.h"
#include "operror.h"
#include "preflight.h"
#include "validation.h"
#include "yamljson.h"

#include <QJsonArray>
#include <QRegularExpression>

QString versionFromImage(const QString& image)
{
    const qsizetype at = image.indexOf(u'@');
    const QString reference = at >= 0 ? image.left(at) : image;
    const qsizetype colon = reference.lastIndexOf(u':');
    if (colon < 0 || reference.indexOf(u'/', colon) >= 0)
        return {};
    static const QRegularExpression version(uR"(^v?(\d+\.\d+(?:\.\d+)?))"_qs);
    const QRegularExpressionMatch m = version.match(reference.mid(colon + 1));
    return m.hasMatch() ? m.captured(1) : QString();
}

ClusterFactsRun::ClusterFactsRun(KubeClient* client, Plan plan, QStringList namespaces, QObject* parent)
    : Task(parent)
    , m_client(client)
    , m_plan(std::move(plan))
    , m_namespaces(std::move(namespaces))
{
    if (m_namespaces.isEmpty()) {
        for (const VmGroup& g : std::as_const(m_plan.vmGroups)) {
            if (!m_namespaces.contains(g.namespaceName))
                m_namespaces.append(g.namespaceName);
        }
    }
}

void ClusterFactsRun::run()
{
    ++m_pending; // held until every request is sent, in case one finishes at once
    const QString istioNs = m_plan.mesh.istioNamespace;
    const QString meshName = m_plan.mesh.revisioned(u"istio"_qs);
    get(u"v1"_qs, u"ConfigMap"_qs, istioNs, meshName,
        [this, meshName](const KubeResult& r) { onMeshConfig(r, meshName); });
    // Not istioctl's: the identity preflight checks, so that the bundle says what preflight fails.
    get(u"v1"_qs, u"ConfigMap"_qs, istioNs, m_plan.mesh.revisioned(u"istio-sidecar-injector"_qs), [this](const KubeResult& r) {
        if (r.ok())
            m_injectorValues = r.json[u"data"_qs][u"values"_qs].toString();
    });
    // istioctl's --ingressService: the plan names the gateway's Service (a gateway run elsewhere, too).
    get(u"v1"_qs, u"Service"_qs, m_plan.gatewayNamespace(), m_plan.eastWestGateway.service,
        [this](const KubeResult& r) { onGateway(r); });
    get(u"apps/v1"_qs, u"Deployment"_qs, istioNs, m_plan.mesh.revisioned(u"istiod"_qs),
        [this](const KubeResult& r) { onIstiod(r); });
    // istioctl x workload entry configure --name reads the WorkloadGroup and refuses one the cluster
    // does not have: a VM of it would never register.
    const QString networking = K8sJson::istioVersion(m_plan).networkingApiVersion();
    for (const VmGroup& g : std::as_const(m_plan.vmGroups)) {
        if (!m_namespaces.contains(g.namespaceName))
            continue;
        const QString key = g.namespaceName + u'/' + g.name;
        get(networking, u"WorkloadGroup"_qs, g.namespaceName, g.name, [this, key](const KubeResult& r) {
            if (r.error.kind == KubeError::Kind::NotFound)
                m_facts.missingWorkloadGroups.append(key);
            else if (!r.ok())
                m_facts.warnings.append(u"WorkloadGroup "_qs + key + u" could not be read ("_qs + r.error.message
                                        + u"), so whether the cluster has it is not checked"_qs);
        });
    }
    for (const QString& ns : std::as_const(m_namespaces)) {
        get(u"v1"_qs, u"ConfigMap"_qs, ns, u"istio-ca-root-cert"_qs, [this, ns](const KubeResult& r) {
            const QString pem = r.json[u"data"_qs][u"root-cert.pem"_qs].toString();
            if (r.ok() && !pem.isEmpty())
                m_facts.rootCertByNamespace.insert(ns, pem.toUtf8());
            else if (r.ok() || r.error.kind == KubeError::Kind::NotFound)
                m_facts.rootCertErrors.insert(ns, u"ConfigMap istio-ca-root-cert (key root-cert.pem) is not in namespace "_qs + ns
                                                      + u": istiod publishes it into every namespace once it runs"_qs);
            else
                m_facts.rootCertErrors.insert(ns, r.error.message);
        });
    }
    pendingDone();
}

void ClusterFactsRun::get(const QString& apiVersion, const QString& kind, const QString& ns, const QString& name,
                          std::function<void(const KubeResult&)> done)
{
    if (!m_client) {
        m_facts.error = u"no cluster connection"_qs;
        m_error = Error::make(Error::Kind::KubernetesUnreachable, m_facts.error);
        return;
    }
    ++m_pending;
    KubeOperation* op = m_client->get(ObjectRef{apiVersion, kind, ns, name});
    connect(op, &KubeOperation::finished, this, [this, done = std::move(done)](const KubeResult& result) {
        if (!isRunning())
            return;
        done(result);
        pendingDone();
    });
    m_inFlight.start(op);
}

void ClusterFactsRun::onMeshConfig(const KubeResult& result, const QString& name)
{
    if (!result.ok()) {
        // istioctl fails the same way: without MeshConfig it cannot write mesh.yaml.
        m_facts.error = result.error.kind == KubeError::Kind::NotFound
            ? u"ConfigMap "_qs + name + u" is not in namespace "_qs + m_plan.mesh.istioNamespace + u": is Istio installed"_qs
                + (m_plan.mesh.revision.isEmpty() ? QString() : u" with revision "_qs + m_plan.mesh.revision) + u'?'
            : result.error.message;
        m_error = toError(result.error);
        m_error.detail = m_error.text();
        m_error.message = m_facts.error;
        return;
    }
    const YamlJson::MeshConfigFacts mesh = YamlJson::meshConfig(result.json[u"data"_qs][u"mesh"_qs].toString());
    if (!mesh.ok()) {
        m_facts.error = u"ConfigMap "_qs + name + u": "_qs + mesh.error;
        m_error = Error::make(Error::Kind::InvalidInput, m_facts.error);
        return;
    }
    m_facts.meshDefaultConfig = mesh.defaultConfig;
    m_facts.meshTrustDomain = mesh.trustDomain;
    m_meshYaml = result.json[u"data"_qs][u"mesh"_qs].toString();
}

void ClusterFactsRun::onGateway(const KubeResult& result)
{
    const QString service = u"Service "_qs + gatewayServiceName();
    const QString planned = m_plan.eastWestGateway.address;
    GatewayAddress address;
    if (result.ok()) {
        address = GatewayAddress::of(result.json);
        m_facts.gatewayAddress = address.ip;
        m_facts.gatewaySource = address.source;
    }
    // The plan's address wins, as istioctl's --ingressIP over the address of --ingressService.
    if (!planned.isEmpty())
        m_facts.gatewaySource = u"plan"_qs;
    if (address.hostnameOnly()) {
        const QString what = service + u" has only the host name "_qs + address.hostname;
        if (planned.isEmpty())
            m_facts.warnings.append(what + u": the hosts file gets no line for istiod and the VM cannot reach it (istioctl "
                                           "leaves it empty too); set eastWestGateway.address to one of its IPs (getent hosts "_qs
                                    + address.hostname + u')');
        else
            m_facts.warnings.append(what + u"; using the plan's address "_qs + planned);
    } else if (!planned.isEmpty() && !address.ip.isEmpty() && address.ip != planned) {
        m_facts.warnings.append(service + u" has the address "_qs + address.ip + u"; the VMs' hosts file gets the plan's "
                                "eastWestGateway.address "_qs + planned + u" instead, as istioctl's --ingressIP wins over its "
                                "--ingressService: correct eastWestGateway.address if the gateway moved, or remove it to use "
                                "the Service's"_qs);
    } else if (!planned.isEmpty() && result.ok() && address.ip.isEmpty()) {
        m_facts.warnings.append(service + u" has no load-balancer IP or external IP yet; using the plan's address "_qs + planned);
    } else if (planned.isEmpty() && address.ip.isEmpty()) {
        m_facts.warnings.append(u"no east-west gateway address ("_qs + service + (result.ok() ? u" has none"_qs : u" not found"_qs)
                                + u" and the plan gives none): the hosts file stays empty, as istioctl leaves it"_qs);
    }
}

QString ClusterFactsRun::gatewayServiceName() const
{
    return m_plan.gatewayNamespace() + u'/' + m_plan.eastWestGateway.service;
}

void ClusterFactsRun::onIstiod(const KubeResult& result)
{
    if (!result.ok())
        return;
    const QJsonArray containers = result.json[u"spec"_qs][u"template"_qs][u"spec"_qs][u"containers"_qs].toArray();
    for (const QJsonValue& c : containers) {
        if (containers.size() > 1 && c[u"name"_qs].toString() != u"discovery")
            continue;
        m_facts.istiodVersion = versionFromImage(c[u"image"_qs].toString());
    }
}

void ClusterFactsRun::pendingDone()
{
    if (--m_pending != 0)
        return;
    // Preflight fails on these (compareMeshIdentity, one rule); the files are still made, from the plan.
    for (const IdentityMismatch& m : compareMeshIdentity(m_plan, m_injectorValues, m_meshYaml).mismatches)
        m_facts.warnings.append(m.detail + u" (preflight fails this; the VM files use the plan's): "_qs + m.fix);
    finish(m_error);
}
