// SPDX-License-Identifier: Apache-2.0
#include "planwriter.h"

#include "plan.h"
#include "planloader.h"
#include "planmerge.h"
#include "yamlwriter.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace {

// The order keys are written in, at every level: an entry's name and namespace first (no
// top-level key is called that), then the sections as docs/plan-format.md presents them, then
// the fields of entries in reading order. Keys not listed follow alphabetically.
const QStringList documentedOrder = {
    u"name"_qs, u"namespace"_qs,
    u"apiVersion"_qs, u"kind"_qs, u"metadata"_qs, u"cluster"_qs, u"mesh"_qs, u"pluginCa"_qs, u"eastWestGateway"_qs,
    u"istiodExposure"_qs, u"vmGroups"_qs, u"vms"_qs, u"legacy"_qs, u"trafficSplits"_qs, u"graph"_qs,
    u"group"_qs, u"address"_qs, u"ip"_qs, u"ipKind"_qs, u"host"_qs, u"weight"_qs,
    u"istioVersion"_qs, u"revision"_qs, u"meshID"_qs, u"clusterName"_qs, u"network"_qs, u"trustDomain"_qs,
    u"istioNamespace"_qs, u"caCert"_qs, u"caKey"_qs, u"rootCert"_qs, u"certChain"_qs,
    u"serviceAccount"_qs, u"labels"_qs, u"annotations"_qs, u"ports"_qs, u"probe"_qs,
};

void put(QJsonObject& o, const QString& key, const QString& value, const QString& fallback = {})
{
    if (value != fallback)
        o.insert(key, value);
}

void put(QJsonObject& o, const QString& key, int value, int fallback)
{
    if (value != fallback)
        o.insert(key, value);
}

void put(QJsonObject& o, const QString& key, bool value, bool fallback)
{
    if (value != fallback)
        o.insert(key, value);
}

void put(QJsonObject& o, const QString& key, const QJsonObject& value)
{
    if (!value.isEmpty())
        o.insert(key, value);
}

void put(QJsonObject& o, const QString& key, const QJsonArray& value)
{
    if (!value.isEmpty())
        o.insert(key, value);
}

QJsonObject mapObject(const StringMap& map)
{
    QJsonObject o;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        o.insert(it.key(), it.value());
    return o;
}

QJsonArray stringArray(const QStringList& list)
{
    return QJsonArray::fromStringList(list);
}

QJsonArray namedPorts(const QList<NamedPort>& ports)
{
    QJsonArray a;
    for (const NamedPort& p : ports)
        a.append(QJsonObject{{u"name"_qs, p.name}, {u"port"_qs, p.port}});
    return a;
}

QJsonObject probeObject(const Probe& p)
{
    const Probe d;
    QJsonObject o;
    put(o, u"initialDelaySeconds"_qs, p.initialDelaySeconds, d.initialDelaySeconds);
    put(o, u"timeoutSeconds"_qs, p.timeoutSeconds, d.timeoutSeconds);
    put(o, u"periodSeconds"_qs, p.periodSeconds, d.periodSeconds);
    put(o, u"successThreshold"_qs, p.successThreshold, d.successThreshold);
    put(o, u"failureThreshold"_qs, p.failureThreshold, d.failureThreshold);
    QJsonObject handler;
    switch (p.kind) {
    case Probe::Kind::HttpGet: {
        handler.insert(u"port"_qs, p.port);
        put(handler, u"path"_qs, p.path, d.path);
        put(handler, u"host"_qs, p.host);
        put(handler, u"scheme"_qs, p.scheme, d.scheme);
        QJsonArray headers;
        for (const HttpHeader& h : p.httpHeaders)
            headers.append(QJsonObject{{u"name"_qs, h.name}, {u"value"_qs, h.value}});
        put(handler, u"httpHeaders"_qs, headers);
        o.insert(u"httpGet"_qs, handler);
        break;
    }
    case Probe::Kind::TcpSocket:
        handler.insert(u"port"_qs, p.port);
        put(handler, u"host"_qs, p.host);
        o.insert(u"tcpSocket"_qs, handler);
        break;
    case Probe::Kind::Exec:
        handler.insert(u"command"_qs, stringArray(p.command));
        o.insert(u"exec"_qs, handler);
        break;
    case Probe::Kind::Grpc:
        handler.insert(u"port"_qs, p.port);
        put(handler, u"service"_qs, p.service);
        o.insert(u"grpc"_qs, handler);
        break;
    case Probe::Kind::None:
        break;
    }
    return o;
}

QJsonObject groupObject(const VmGroup& g)
{
    const VmGroup d;
    QJsonObject o;
    o.insert(u"name"_qs, g.name);
    o.insert(u"namespace"_qs, g.namespaceName);
    put(o, u"serviceAccount"_qs, g.serviceAccount, d.serviceAccount);
    put(o, u"network"_qs, g.network);
    put(o, u"labels"_qs, mapObject(g.labels));
    put(o, u"annotations"_qs, mapObject(g.annotations));
    put(o, u"ports"_qs, namedPorts(g.ports));
    if (g.probe)
        o.insert(u"probe"_qs, probeObject(*g.probe));
    put(o, u"autoRegister"_qs, g.autoRegister, d.autoRegister);
    put(o, u"captureDNS"_qs, g.captureDns, d.captureDns);
    put(o, u"tokenDuration"_qs, g.tokenDurationSeconds, d.tokenDurationSeconds);
    QJsonObject service;
    put(service, u"enabled"_qs, g.service.enabled, true);
    put(service, u"name"_qs, g.service.name);
    QJsonArray ports;
    for (const ServicePort& p : g.service.ports) {
        QJsonObject po{{u"port"_qs, p.port}};
        put(po, u"name"_qs, p.name);
        put(po, u"targetPort"_qs, p.targetPort, 0);
        put(po, u"protocol"_qs, p.protocol, u"TCP"_qs);
        ports.append(po);
    }
    put(service, u"ports"_qs, ports);
    put(service, u"labels"_qs, mapObject(g.service.labels));
    put(o, u"service"_qs, service);
    return o;
}

QJsonObject vmObject(const Vm& vm)
{
    QJsonObject o{{u"name"_qs, vm.name}};
    put(o, u"group"_qs, vm.group);
    put(o, u"address"_qs, vm.address);
    put(o, u"ip"_qs, vm.ip);
    const Vm::IpKind implied = vm.ip.isEmpty() ? Vm::IpKind::None : Vm::IpKind::Internal;
    if (vm.ipKind != implied) {
        o.insert(u"ipKind"_qs, vm.ipKind == Vm::IpKind::External ? u"external"_qs
                     : vm.ipKind == Vm::IpKind::Internal        ? u"internal"_qs
                                                                : u"none"_qs);
    }
    QJsonObject ssh;
    put(ssh, u"user"_qs, vm.ssh.user);
    put(ssh, u"port"_qs, vm.ssh.port, 0);
    put(ssh, u"identityFile"_qs, vm.ssh.identityFile);
    put(ssh, u"jumpHost"_qs, vm.ssh.jumpHost);
    put(o, u"ssh"_qs, ssh);
    put(o, u"labels"_qs, mapObject(vm.labels));
    return o;
}

QJsonObject legacyObject(const LegacySettings& l)
{
    const LegacySettings d;
    QJsonObject o;
    put(o, u"vipPool"_qs, l.vipPool, d.vipPool);
    put(o, u"serviceCIDR"_qs, l.serviceCidr);
    put(o, u"gatewayAddress"_qs, l.gatewayAddress);
    QJsonArray globals;
    for (const GlobalService& g : l.globalServices) {
        QJsonObject go{{u"name"_qs, g.name}, {u"namespace"_qs, g.namespaceName}};
        put(go, u"vip"_qs, g.vip);
        QJsonArray ports;
        for (const ServiceEntryPort& p : g.ports) {
            QJsonObject po{{u"name"_qs, p.name}, {u"number"_qs, p.number}};
            put(po, u"protocol"_qs, p.protocol, u"HTTP"_qs);
            ports.append(po);
        }
        put(go, u"ports"_qs, ports);
        globals.append(go);
    }
    put(o, u"globalServices"_qs, globals);
    QJsonArray expansion;
    for (const MeshExpansionService& e : l.meshExpansion) {
        QJsonObject eo{{u"name"_qs, e.name}, {u"namespace"_qs, e.namespaceName}};
        put(eo, u"vms"_qs, stringArray(e.vms));
        put(eo, u"addresses"_qs, stringArray(e.addresses));
        put(eo, u"ports"_qs, namedPorts(e.ports));
        put(eo, u"serviceAccount"_qs, e.serviceAccount, u"default"_qs);
        put(eo, u"labels"_qs, mapObject(e.labels));
        expansion.append(eo);
    }
    put(o, u"meshExpansion"_qs, expansion);
    return o;
}

QJsonObject splitObject(const TrafficSplit& s)
{
    QJsonObject o{{u"name"_qs, s.name}, {u"namespace"_qs, s.namespaceName}};
    put(o, u"hosts"_qs, stringArray(s.hosts));
    put(o, u"gateways"_qs, stringArray(s.gateways));
    QJsonArray destinations;
    for (const SplitDestination& d : s.destinations) {
        QJsonObject dObj{{u"host"_qs, d.host}, {u"weight"_qs, d.weight}};
        put(dObj, u"port"_qs, d.port, 0);
        put(dObj, u"subset"_qs, d.subset);
        put(dObj, u"subsetLabels"_qs, mapObject(d.subsetLabels));
        destinations.append(dObj);
    }
    put(o, u"destinations"_qs, destinations);
    return o;
}

QJsonObject graphObject(const GraphSettings& g)
{
    const GraphSettings d;
    QJsonObject o;
    if (!g.namespaces.isEmpty())
        o.insert(u"namespaces"_qs, QJsonArray::fromStringList(g.namespaces));
    QJsonObject p;
    put(p, u"url"_qs, g.prometheus.url);
    put(p, u"namespace"_qs, g.prometheus.namespaceName, d.prometheus.namespaceName);
    put(p, u"service"_qs, g.prometheus.service, d.prometheus.service);
    put(p, u"port"_qs, g.prometheus.port, d.prometheus.port);
    put(p, u"scheme"_qs, g.prometheus.scheme);
    put(o, u"prometheus"_qs, p);
    put(o, u"driftTolerance"_qs, g.driftTolerance, d.driftTolerance);
    return o;
}

QJsonObject planObject(const Plan& plan)
{
    QJsonObject o{{u"apiVersion"_qs, u"meshdeck.io/v1alpha1"_qs}, {u"kind"_qs, u"OnboardingPlan"_qs}};
    if (!plan.name.isEmpty())
        o.insert(u"metadata"_qs, QJsonObject{{u"name"_qs, plan.name}});
    QJsonObject cluster;
    put(cluster, u"kubeconfig"_qs, plan.cluster.kubeconfig);
    put(cluster, u"context"_qs, plan.cluster.context);
    put(o, u"cluster"_qs, cluster);

    const MeshSettings dm;
    QJsonObject mesh{{u"istioVersion"_qs, plan.mesh.istioVersion}};
    put(mesh, u"revision"_qs, plan.mesh.revision);
    put(mesh, u"meshID"_qs, plan.mesh.meshId);
    put(mesh, u"clusterName"_qs, plan.mesh.clusterName);
    put(mesh, u"network"_qs, plan.mesh.network);
    put(mesh, u"trustDomain"_qs, plan.mesh.trustDomain, dm.trustDomain);
    put(mesh, u"istioNamespace"_qs, plan.mesh.istioNamespace, dm.istioNamespace);
    put(mesh, u"autoRegistration"_qs, plan.mesh.autoRegistration, dm.autoRegistration);
    put(mesh, u"healthChecks"_qs, plan.mesh.healthChecks, dm.healthChecks);
    o.insert(u"mesh"_qs, mesh);

    if (plan.pluginCa) {
        QJsonObject ca{{u"caCert"_qs, plan.pluginCa->caCert}, {u"caKey"_qs, plan.pluginCa->caKey},
                       {u"rootCert"_qs, plan.pluginCa->rootCert}, {u"certChain"_qs, plan.pluginCa->certChain}};
        put(ca, u"allowSampleCertificates"_qs, plan.pluginCa->allowSampleCertificates, false);
        o.insert(u"pluginCa"_qs, ca);
    }

    const EastWestGateway dg;
    QJsonObject gw;
    put(gw, u"enabled"_qs, plan.eastWestGateway.enabled, dg.enabled);
    put(gw, u"network"_qs, plan.eastWestGateway.network);
    put(gw, u"serviceType"_qs, plan.eastWestGateway.serviceType, dg.serviceType);
    if (plan.eastWestGateway.form == EastWestGateway::Form::Manifests)
        gw.insert(u"form"_qs, u"manifests"_qs);
    put(gw, u"address"_qs, plan.eastWestGateway.address);
    put(gw, u"service"_qs, plan.eastWestGateway.service, dg.service);
    put(gw, u"namespace"_qs, plan.eastWestGateway.namespaceName);
    put(o, u"eastWestGateway"_qs, gw);

    QJsonObject exposure;
    put(exposure, u"enabled"_qs, plan.istiodExposure.enabled, true);
    if (plan.istiodExposure.crossNetworkGateway != IstiodExposure::CrossNetwork::Auto) {
        exposure.insert(u"crossNetworkGateway"_qs,
                        plan.istiodExposure.crossNetworkGateway == IstiodExposure::CrossNetwork::Always ? u"always"_qs : u"never"_qs);
    }
    put(o, u"istiodExposure"_qs, exposure);

    QJsonArray groups;
    for (const VmGroup& g : plan.vmGroups)
        groups.append(groupObject(g));
    put(o, u"vmGroups"_qs, groups);
    QJsonArray vms;
    for (const Vm& vm : plan.vms)
        vms.append(vmObject(vm));
    put(o, u"vms"_qs, vms);
    put(o, u"legacy"_qs, legacyObject(plan.legacy));
    put(o, u"graph"_qs, graphObject(plan.graph));
    QJsonArray splits;
    for (const TrafficSplit& s : plan.trafficSplits)
        splits.append(splitObject(s));
    put(o, u"trafficSplits"_qs, splits);
    return o;
}

} // namespace

QByteArray writePlan(const Plan& plan)
{
    return YamlWriter::toYaml(planObject(plan), documentedOrder).toUtf8();
}

namespace {

// The text to write: the current file with the plan merged in, when there is one to keep.
QString textToSave(const Plan& plan, const QString& path, PlanSaveMode mode, QByteArray& text, bool* layoutLost)
{
    text = writePlan(plan);
    if (mode == PlanSaveMode::Rewrite)
        return {};
    // The layout comes from the file the plan was read from: saved in place, that is path;
    // saved as another file, the copy keeps the comments too.
    const QString layout = !plan.sourceFile.isEmpty() && QFileInfo::exists(plan.sourceFile) ? plan.sourceFile : path;
    QFile current(layout);
    constexpr qint64 maxPlanSize = 16 * 1024 * 1024; // as loadPlanFile
    if (!current.exists() || current.size() > maxPlanSize || !current.open(QIODevice::ReadOnly))
        return {}; // nothing to keep; an unreadable file fails below, at writing, with its reason
    const QByteArray original = current.readAll();
    if (!loadPlanText(original, path).plan)
        return {}; // empty or not YAML: nothing a merge could follow
    const PlanMergeResult merged = mergePlanText(original, text, path);
    if (!merged.ok()) {
        if (layoutLost)
            *layoutLost = true;
        return merged.error;
    }
    text = merged.text;
    return {};
}

} // namespace

QString savePlanFile(const Plan& plan, const QString& path, PlanSaveMode mode, bool* layoutLost)
{
    if (layoutLost)
        *layoutLost = false;
    QByteArray text;
    if (const QString refused = textToSave(plan, path, mode, text, layoutLost); !refused.isEmpty())
        return refused;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return u"cannot write "_qs + path + u": "_qs + file.errorString();
    // Flush before commit(): QSaveFile misses errors of data still in its write buffer when
    // commit() flushes it, and would replace the plan with a truncated one (full disk, quota).
    if (file.write(text) != text.size() || !file.flush()) {
        const QString why = file.errorString();
        file.cancelWriting(); // the temporary file is removed, the old plan stays
        return u"cannot write "_qs + path + u": "_qs + why;
    }
    if (!file.commit())
        return u"cannot write "_qs + path + u": "_qs + file.errorString();
    return {};
}
