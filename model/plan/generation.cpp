// SPDX-License-Identifier: Apache-2.0
#include "generation.h"

#include "gatewayaddress.h"
#include "k8sjson.h"
#include "plantext.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonObject>
#include <QHash>

#include <algorithm>

namespace {

// Collects resources in apply order, keeping the first of several with one identity (two VM
// groups in one namespace both ask for the Namespace).
class Collector
{
public:
    explicit Collector(Generated& out)
        : m_out(out)
    {
    }

    // Two plan entries that generate the same object with different content would silently
    // overwrite each other in the cluster: that is the plan's mistake, reported on the second.

    void add(const QList<Resource>& resources)
    {
        for (const Resource& r : resources)
            add(r);
    }
    void add(const Resource& r)
    {
        if (r.object.isEmpty())
            return;
        if (const auto it = m_index.constFind(r.key()); it != m_index.cend()) {
            const Resource& first = m_out.resources.at(*it);
            if (first.object != r.object) {
                m_out.problems.append(Problem{Problem::Severity::Error, {}, 0, 0, r.origin,
                                              PlanText::tr("%1 and %2 both generate %3 with different contents")
                                                  .arg(r.origin, first.origin, r.key()),
                                              PlanText::tr("rename one of them")});
            }
            return;
        }
        m_index.insert(r.key(), m_out.resources.size());
        m_out.resources.append(r);
    }

private:
    Generated& m_out;
    QHash<QString, qsizetype> m_index;
};

Resource namespaceResource(const QString& name, const QString& origin)
{
    const QJsonObject labels = K8sJson::fromStringMap(K8sJson::managedByLabels());
    return K8sJson::resource(K8sJson::object(u"v1"_qs, u"Namespace"_qs, K8sJson::metadata(name, {}, labels)),
                             Stage::Legacy, origin, Resource::Channel::Kubectl, true);
}

VmBundle bundleFor(const Plan& plan, const Vm& vm, const ClusterFacts& facts, const QByteArray& legacyHosts)
{
    if (plan.group(vm.group)) {
        VmBundle bundle = Generators::vmBundle(plan, vm, facts);
        if (!legacyHosts.isEmpty()) {
            for (VmFile& f : bundle.files) {
                if (f.name == u"hosts")
                    f.content += legacyHosts;
            }
        }
        return bundle;
    }
    // A VM outside any WorkloadGroup: the first seed's hand-written cluster.env, and a hosts file
    // with istiod behind the gateway (as 1.6+ writes it) plus the *.global VIPs.
    VmBundle bundle{vm.name, {}};
    bundle.files.append(VmFile{u"cluster.env"_qs, Generators::legacyClusterEnv(plan, vm), u"/var/lib/istio/envoy/cluster.env"_qs});
    const QString gateway = GatewayAddress::forVms(plan, facts.gatewayAddress);
    QByteArray hosts;
    if (!gateway.isEmpty()) {
        const QString istiod = plan.mesh.revisioned(u"istiod"_qs);
        hosts = (gateway + u' ' + istiod + u'.' + plan.mesh.istioNamespace + u".svc\n"_qs).toUtf8();
    }
    bundle.files.append(VmFile{u"hosts"_qs, hosts + legacyHosts, u"/etc/hosts"_qs});
    return bundle;
}

} // namespace

QList<Resource> Generated::kubectlResources() const
{
    QList<Resource> out;
    std::copy_if(resources.cbegin(), resources.cend(), std::back_inserter(out),
                 [](const Resource& r) { return r.channel == Resource::Channel::Kubectl; });
    return out;
}

QList<Resource> Generated::istioctlResources() const
{
    QList<Resource> out;
    std::copy_if(resources.cbegin(), resources.cend(), std::back_inserter(out),
                 [](const Resource& r) { return r.channel == Resource::Channel::Istioctl; });
    return out;
}

QList<Resource> Generated::cleanupResources() const
{
    QList<Resource> out;
    for (auto it = resources.crbegin(); it != resources.crend(); ++it) {
        if (it->channel == Resource::Channel::Kubectl && !it->keepOnCleanup)
            out.append(*it);
    }
    return out;
}

QList<Resource> Generated::resourcesIn(Stage stage) const
{
    QList<Resource> out;
    std::copy_if(resources.cbegin(), resources.cend(), std::back_inserter(out),
                 [stage](const Resource& r) { return r.stage == stage; });
    return out;
}

qsizetype Generated::vmFileCount() const
{
    qsizetype files = 0;
    for (const VmBundle& bundle : vmBundles)
        files += bundle.files.size();
    return files;
}

Generated generate(const Plan& plan, const ClusterFacts& facts, const PluginCaMaterial& ca)
{
    Generated out;
    Collector collect(out);

    // 1. Control plane: the istio namespace's network label, the plug-in CA, istiod's settings.
    collect.add(Generators::istioNamespace(plan));
    if (plan.pluginCa)
        collect.add(Generators::cacertsSecret(plan, ca, &out.problems));
    collect.add(Generators::controlPlaneOperator(plan));
    // 2. The east-west gateway VMs reach istiod through.
    if (plan.eastWestGateway.enabled)
        collect.add(Generators::eastWestGateway(plan));
    // 3. istiod exposed on it, and the cross-network gateway where the mesh spans networks.
    if (plan.istiodExposure.enabled)
        collect.add(Generators::istiodExposure(plan));
    collect.add(Generators::crossNetworkGateway(plan));
    // 4. Per VM group: namespace, ServiceAccount, WorkloadGroup, Service.
    for (const VmGroup& group : plan.vmGroups)
        collect.add(Generators::vmGroupResources(plan, group));
    // 5. The legacy flow: *.global entries and add-to-mesh pairs (in the namespace the seed
    //    creates with `kubectl create ns vm`; remove-from-mesh leaves that namespace alone).
    collect.add(Generators::globalServiceEntries(plan, &out.problems));
    for (qsizetype i = 0; i < plan.legacy.meshExpansion.size(); ++i) {
        const MeshExpansionService& service = plan.legacy.meshExpansion.at(i);
        collect.add(namespaceResource(service.namespaceName, u"legacy.meshExpansion["_qs + QString::number(i) + u']'));
        collect.add(Generators::meshExpansion(plan, service));
    }
    // 6. Weighted splits last: their hosts must exist first.
    for (const TrafficSplit& split : plan.trafficSplits)
        collect.add(Generators::trafficSplit(plan, split));

    Problems ignored; // the VIP problems were reported by globalServiceEntries above
    const QByteArray legacyHosts = plan.legacy.globalServices.isEmpty() ? QByteArray() : Generators::legacyHosts(plan, &ignored);
    for (const Vm& vm : plan.vms)
        out.vmBundles.append(bundleFor(plan, vm, facts, legacyHosts));
    return out;
}

PluginCaMaterial readPluginCa(const Plan& plan, Problems* problems)
{
    PluginCaMaterial material;
    if (!plan.pluginCa)
        return material;
    const auto read = [&plan, problems](const QString& field, const QString& path) {
        QFile f(plan.resolvePath(path));
        // A plan names these files: a FIFO, a device (/dev/zero) or a huge file would hang or
        // fill memory on opening the plan (security review M4). CA files are a few KB.
        constexpr qint64 maxSize = 1024 * 1024;
        const QFileInfo info(f.fileName());
        if (info.exists() && (!info.isFile() || info.size() > maxSize)) {
            problems->append(Problem{Problem::Severity::Error, plan.sourceFile, 0, 0, u"pluginCa."_qs + field,
                                     info.isFile() ? PlanText::tr("%1 is larger than 1 MiB: not a PEM certificate or key").arg(f.fileName())
                                                   : PlanText::tr("%1 is not a regular file").arg(f.fileName()),
                                     PlanText::tr("point pluginCa.%1 at the PEM file itself").arg(field)});
            return QByteArray();
        }
        if (!f.open(QIODevice::ReadOnly)) {
            problems->append(Problem{Problem::Severity::Error, plan.sourceFile, 0, 0, u"pluginCa."_qs + field,
                                     PlanText::tr("cannot read %1: %2").arg(f.fileName(), f.errorString()), {}});
            return QByteArray();
        }
        return f.readAll();
    };
    material.caCert = read(u"caCert"_qs, plan.pluginCa->caCert);
    material.caKey = read(u"caKey"_qs, plan.pluginCa->caKey);
    material.rootCert = read(u"rootCert"_qs, plan.pluginCa->rootCert);
    material.certChain = read(u"certChain"_qs, plan.pluginCa->certChain);
    return material;
}

Generated generateOffline(const Plan& plan)
{
    Problems problems;
    const PluginCaMaterial ca = readPluginCa(plan, &problems);
    Generated out = generate(plan, ClusterFacts{}, ca);
    out.problems = problems + out.problems;
    return out;
}
