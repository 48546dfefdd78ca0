// SPDX-License-Identifier: Apache-2.0
#include "planloader.h"

#include "istioversion.h"
#include "plancheck.h"
#include "plantext.h"
#include "yamlnodereader.h"

#include <QFile>
#include <QFileInfo>
#include <QUrl>

#include <yaml-cpp/eventhandler.h>

#include <optional>
#include <sstream>

namespace {

using Map = YamlNodeReader::Map;

const QString planApiVersion = u"meshdeck.io/v1alpha1"_qs;
const QString planKind = u"OnboardingPlan"_qs;

// Each section has a read function that fills its part of the plan and records what it saw;
// the cross-field rules (names unique, weights summing to 100, ...) run afterwards on the whole
// plan in plancheck.cpp, with the locations recorded here.

void readCluster(YamlNodeReader& r, const YAML::Node& node, ClusterRef& cluster)
{
    Map m(r, node, u"cluster"_qs, {u"kubeconfig"_qs, u"context"_qs});
    cluster.kubeconfig = m.string(u"kubeconfig"_qs);
    cluster.context = m.string(u"context"_qs);
}

void readMesh(YamlNodeReader& r, const YAML::Node& node, MeshSettings& mesh)
{
    Map m(r, node, u"mesh"_qs,
          {u"istioVersion"_qs, u"revision"_qs, u"meshID"_qs, u"clusterName"_qs, u"network"_qs, u"trustDomain"_qs,
           u"istioNamespace"_qs, u"autoRegistration"_qs, u"healthChecks"_qs});
    const YAML::Node version = m.node(u"istioVersion"_qs);
    if (version.IsScalar() && version.Tag() != "!" && QString::fromStdString(version.Scalar()).count(u'.') == 1) {
        const QString written = QString::fromStdString(version.Scalar());
        r.error(version, m.path(u"istioVersion"_qs), PlanText::tr("the version %1 is read as a number by YAML").arg(written),
                PlanText::tr("quote it: %1").arg(QString(u"istioVersion: \""_qs + written + u'"')));
    }
    mesh.istioVersion = m.string(u"istioVersion"_qs, mesh.istioVersion);
    mesh.revision = m.string(u"revision"_qs);
    mesh.meshId = m.string(u"meshID"_qs);
    mesh.clusterName = m.string(u"clusterName"_qs);
    mesh.network = m.string(u"network"_qs);
    mesh.trustDomain = m.string(u"trustDomain"_qs, mesh.trustDomain);
    mesh.istioNamespace = m.string(u"istioNamespace"_qs, mesh.istioNamespace);
    mesh.autoRegistration = m.boolean(u"autoRegistration"_qs, mesh.autoRegistration);
    mesh.healthChecks = m.boolean(u"healthChecks"_qs, mesh.healthChecks);
}

void readPluginCa(YamlNodeReader& r, const YAML::Node& node, std::optional<PluginCa>& ca)
{
    Map m(r, node, u"pluginCa"_qs,
          {u"caCert"_qs, u"caKey"_qs, u"rootCert"_qs, u"certChain"_qs, u"allowSampleCertificates"_qs});
    if (!m.valid())
        return;
    PluginCa value;
    value.caCert = m.string(u"caCert"_qs);
    value.caKey = m.string(u"caKey"_qs);
    value.rootCert = m.string(u"rootCert"_qs);
    value.certChain = m.string(u"certChain"_qs);
    value.allowSampleCertificates = m.boolean(u"allowSampleCertificates"_qs, false);
    ca = value;
}

void readEastWest(YamlNodeReader& r, const YAML::Node& node, EastWestGateway& gw)
{
    Map m(r, node, u"eastWestGateway"_qs,
          {u"enabled"_qs, u"network"_qs, u"serviceType"_qs, u"form"_qs, u"address"_qs, u"service"_qs, u"namespace"_qs});
    gw.enabled = m.boolean(u"enabled"_qs, gw.enabled);
    gw.network = m.string(u"network"_qs);
    gw.serviceType = m.choice(u"serviceType"_qs, {u"LoadBalancer"_qs, u"NodePort"_qs, u"ClusterIP"_qs}, gw.serviceType);
    const QString form = m.choice(u"form"_qs, {u"istioOperator"_qs, u"manifests"_qs}, u"istioOperator"_qs);
    gw.form = form == u"manifests" ? EastWestGateway::Form::Manifests : EastWestGateway::Form::IstioOperator;
    gw.address = m.string(u"address"_qs);
    gw.service = m.string(u"service"_qs, gw.service);
    gw.namespaceName = m.string(u"namespace"_qs);
}

void readIstiodExposure(YamlNodeReader& r, const YAML::Node& node, IstiodExposure& exposure)
{
    Map m(r, node, u"istiodExposure"_qs, {u"enabled"_qs, u"crossNetworkGateway"_qs});
    exposure.enabled = m.boolean(u"enabled"_qs, exposure.enabled);
    const QString cross = m.choice(u"crossNetworkGateway"_qs, {u"auto"_qs, u"always"_qs, u"never"_qs}, u"auto"_qs);
    exposure.crossNetworkGateway = cross == u"always" ? IstiodExposure::CrossNetwork::Always
        : cross == u"never"                            ? IstiodExposure::CrossNetwork::Never
                                                       : IstiodExposure::CrossNetwork::Auto;
}

void readProbe(YamlNodeReader& r, const YAML::Node& node, const QString& path, std::optional<Probe>& out)
{
    Map m(r, node, path,
          {u"initialDelaySeconds"_qs, u"timeoutSeconds"_qs, u"periodSeconds"_qs, u"successThreshold"_qs,
           u"failureThreshold"_qs, u"httpGet"_qs, u"tcpSocket"_qs, u"exec"_qs, u"grpc"_qs});
    if (!m.valid())
        return;
    Probe p;
    p.initialDelaySeconds = m.integer(u"initialDelaySeconds"_qs, p.initialDelaySeconds);
    p.timeoutSeconds = m.integer(u"timeoutSeconds"_qs, p.timeoutSeconds);
    p.periodSeconds = m.integer(u"periodSeconds"_qs, p.periodSeconds);
    p.successThreshold = m.integer(u"successThreshold"_qs, p.successThreshold);
    p.failureThreshold = m.integer(u"failureThreshold"_qs, p.failureThreshold);

    QStringList handlers;
    for (const QString& h : {u"httpGet"_qs, u"tcpSocket"_qs, u"exec"_qs, u"grpc"_qs}) {
        if (m.has(h))
            handlers.append(h);
    }
    if (handlers.isEmpty()) {
        r.error(node, path, PlanText::tr("the probe has no handler"), PlanText::tr("add exactly one of httpGet, tcpSocket, exec, grpc"));
    } else if (handlers.size() > 1) {
        r.errorAt(r.located(m.path(handlers.at(1))), path,
                PlanText::tr("the probe has %1 handlers (%2)").arg(QString::number(handlers.size()), handlers.join(u", "_qs)),
                PlanText::tr("keep exactly one of them"));
    }
    if (m.has(u"httpGet"_qs)) {
        Map h(r, m.node(u"httpGet"_qs), m.path(u"httpGet"_qs),
              {u"path"_qs, u"port"_qs, u"host"_qs, u"scheme"_qs, u"httpHeaders"_qs});
        p.kind = Probe::Kind::HttpGet;
        p.path = h.string(u"path"_qs, p.path);
        p.port = h.integer(u"port"_qs, 0);
        p.host = h.string(u"host"_qs);
        p.scheme = h.choice(u"scheme"_qs, {u"HTTP"_qs, u"HTTPS"_qs}, p.scheme);
        h.sequence(u"httpHeaders"_qs, [&r, &p](const YAML::Node& item, int, const QString& itemPath) {
            Map hm(r, item, itemPath, {u"name"_qs, u"value"_qs});
            p.httpHeaders.append(HttpHeader{hm.string(u"name"_qs), hm.string(u"value"_qs)});
        });
        if (!h.has(u"port"_qs))
            r.error(m.node(u"httpGet"_qs), h.path(u"port"_qs), PlanText::tr("httpGet needs a port"),
                    PlanText::tr("add port: <the port your service's health endpoint listens on>"));
    } else if (m.has(u"tcpSocket"_qs)) {
        Map t(r, m.node(u"tcpSocket"_qs), m.path(u"tcpSocket"_qs), {u"port"_qs, u"host"_qs});
        p.kind = Probe::Kind::TcpSocket;
        p.port = t.integer(u"port"_qs, 0);
        p.host = t.string(u"host"_qs);
        if (!t.has(u"port"_qs))
            r.error(m.node(u"tcpSocket"_qs), t.path(u"port"_qs), PlanText::tr("tcpSocket needs a port"), PlanText::tr("add port: <port>"));
    } else if (m.has(u"exec"_qs)) {
        Map e(r, m.node(u"exec"_qs), m.path(u"exec"_qs), {u"command"_qs});
        p.kind = Probe::Kind::Exec;
        p.command = e.stringList(u"command"_qs);
        if (p.command.isEmpty())
            r.error(m.node(u"exec"_qs), e.path(u"command"_qs), PlanText::tr("exec needs a command"),
                    PlanText::tr("add command: [\"/bin/check\", \"arg\"]"));
    } else if (m.has(u"grpc"_qs)) {
        Map g(r, m.node(u"grpc"_qs), m.path(u"grpc"_qs), {u"port"_qs, u"service"_qs});
        p.kind = Probe::Kind::Grpc;
        p.port = g.integer(u"port"_qs, 0);
        p.service = g.string(u"service"_qs);
        if (!g.has(u"port"_qs))
            r.error(m.node(u"grpc"_qs), g.path(u"port"_qs), PlanText::tr("grpc needs a port"), PlanText::tr("add port: <port>"));
    }
    out = p;
}

void readGroupService(YamlNodeReader& r, const YAML::Node& node, const QString& path, GroupService& service)
{
    Map m(r, node, path, {u"enabled"_qs, u"name"_qs, u"ports"_qs, u"labels"_qs});
    service.enabled = m.boolean(u"enabled"_qs, true);
    service.name = m.string(u"name"_qs);
    service.labels = m.stringMap(u"labels"_qs, true);
    m.sequence(u"ports"_qs, [&r, &service](const YAML::Node& item, int, const QString& itemPath) {
        Map p(r, item, itemPath, {u"name"_qs, u"port"_qs, u"targetPort"_qs, u"protocol"_qs});
        ServicePort port;
        port.name = p.string(u"name"_qs);
        port.port = p.integer(u"port"_qs, 0);
        port.targetPort = p.integer(u"targetPort"_qs, 0);
        port.protocol = p.choice(u"protocol"_qs, {u"TCP"_qs, u"UDP"_qs, u"SCTP"_qs}, port.protocol);
        if (!p.has(u"port"_qs))
            r.error(item, itemPath + u".port"_qs, PlanText::tr("a Service port needs a port number"), PlanText::tr("add port: 80"));
        service.ports.append(port);
    });
}

// Ports as a list of {name, port} or as a mapping name: port (WorkloadGroup's own form).
QList<NamedPort> readNamedPorts(YamlNodeReader& r, Map& m, const QString& key)
{
    QList<NamedPort> ports;
    const YAML::Node n = m.node(key);
    if (n.IsMap()) {
        QStringList names;
        for (auto it = n.begin(); it != n.end(); ++it)
            names.append(QString::fromStdString(it->first.as<std::string>(std::string())));
        Map typed(r, n, m.path(key), names);
        for (const QString& name : std::as_const(names))
            ports.append(NamedPort{name, typed.integer(name, 0)});
        return ports;
    }
    m.sequence(key, [&r, &ports](const YAML::Node& item, int, const QString& itemPath) {
        Map pm(r, item, itemPath, {u"name"_qs, u"port"_qs});
        ports.append(NamedPort{pm.string(u"name"_qs), pm.integer(u"port"_qs, 0)});
    });
    return ports;
}

void readVmGroup(YamlNodeReader& r, const YAML::Node& node, const QString& path, VmGroup& g)
{
    Map m(r, node, path,
          {u"name"_qs, u"namespace"_qs, u"serviceAccount"_qs, u"network"_qs, u"labels"_qs, u"annotations"_qs,
           u"ports"_qs, u"probe"_qs, u"autoRegister"_qs, u"captureDNS"_qs, u"tokenDuration"_qs, u"service"_qs});
    g.name = m.string(u"name"_qs);
    g.namespaceName = m.string(u"namespace"_qs);
    g.serviceAccount = m.string(u"serviceAccount"_qs, g.serviceAccount);
    g.network = m.string(u"network"_qs);
    g.labels = m.stringMap(u"labels"_qs, true);
    g.annotations = m.stringMap(u"annotations"_qs, false);
    g.ports = readNamedPorts(r, m, u"ports"_qs);
    if (m.has(u"probe"_qs))
        readProbe(r, m.node(u"probe"_qs), m.path(u"probe"_qs), g.probe);
    g.autoRegister = m.boolean(u"autoRegister"_qs, g.autoRegister);
    g.captureDns = m.boolean(u"captureDNS"_qs, g.captureDns);
    g.tokenDurationSeconds = m.duration(u"tokenDuration"_qs, g.tokenDurationSeconds);
    if (m.has(u"service"_qs))
        readGroupService(r, m.node(u"service"_qs), m.path(u"service"_qs), g.service);
}

void readVm(YamlNodeReader& r, const YAML::Node& node, const QString& path, Vm& vm)
{
    Map m(r, node, path, {u"name"_qs, u"group"_qs, u"address"_qs, u"ip"_qs, u"ipKind"_qs, u"ssh"_qs, u"labels"_qs});
    vm.name = m.string(u"name"_qs);
    vm.group = m.string(u"group"_qs);
    vm.address = m.string(u"address"_qs);
    vm.ip = m.string(u"ip"_qs);
    const QString kind = m.choice(u"ipKind"_qs, {u"none"_qs, u"internal"_qs, u"external"_qs}, vm.ip.isEmpty() ? u"none"_qs : u"internal"_qs);
    vm.ipKind = kind == u"external" ? Vm::IpKind::External : kind == u"internal" ? Vm::IpKind::Internal : Vm::IpKind::None;
    vm.labels = m.stringMap(u"labels"_qs, true);
    if (m.has(u"ssh"_qs)) {
        Map s(r, m.node(u"ssh"_qs), m.path(u"ssh"_qs), {u"user"_qs, u"port"_qs, u"identityFile"_qs, u"jumpHost"_qs});
        vm.ssh.user = s.string(u"user"_qs);
        vm.ssh.port = s.integer(u"port"_qs, 0);
        vm.ssh.identityFile = s.string(u"identityFile"_qs);
        vm.ssh.jumpHost = s.string(u"jumpHost"_qs);
    }
}

void readLegacy(YamlNodeReader& r, const YAML::Node& node, LegacySettings& legacy)
{
    Map m(r, node, u"legacy"_qs,
          {u"vipPool"_qs, u"serviceCIDR"_qs, u"gatewayAddress"_qs, u"globalServices"_qs, u"meshExpansion"_qs});
    legacy.vipPool = m.string(u"vipPool"_qs, legacy.vipPool);
    legacy.serviceCidr = m.string(u"serviceCIDR"_qs);
    legacy.gatewayAddress = m.string(u"gatewayAddress"_qs);
    m.sequence(u"globalServices"_qs, [&r, &legacy](const YAML::Node& item, int, const QString& itemPath) {
        Map s(r, item, itemPath, {u"name"_qs, u"namespace"_qs, u"vip"_qs, u"ports"_qs});
        GlobalService g;
        g.name = s.string(u"name"_qs);
        g.namespaceName = s.string(u"namespace"_qs);
        g.vip = s.string(u"vip"_qs);
        s.sequence(u"ports"_qs, [&r, &g](const YAML::Node& portNode, int, const QString& portPath) {
            Map p(r, portNode, portPath, {u"name"_qs, u"number"_qs, u"protocol"_qs});
            ServiceEntryPort port;
            port.name = p.string(u"name"_qs);
            port.number = p.integer(u"number"_qs, 0);
            port.protocol = p.choice(u"protocol"_qs,
                                     {u"HTTP"_qs, u"HTTPS"_qs, u"GRPC"_qs, u"HTTP2"_qs, u"MONGO"_qs, u"TCP"_qs, u"TLS"_qs},
                                     port.protocol);
            g.ports.append(port);
        });
        legacy.globalServices.append(g);
    });
    m.sequence(u"meshExpansion"_qs, [&r, &legacy](const YAML::Node& item, int, const QString& itemPath) {
        Map s(r, item, itemPath,
              {u"name"_qs, u"namespace"_qs, u"vms"_qs, u"addresses"_qs, u"ports"_qs, u"serviceAccount"_qs, u"labels"_qs});
        MeshExpansionService e;
        e.name = s.string(u"name"_qs);
        e.namespaceName = s.string(u"namespace"_qs);
        e.vms = s.stringList(u"vms"_qs);
        e.addresses = s.stringList(u"addresses"_qs);
        e.ports = readNamedPorts(r, s, u"ports"_qs);
        e.serviceAccount = s.string(u"serviceAccount"_qs, e.serviceAccount);
        e.labels = s.stringMap(u"labels"_qs, true);
        legacy.meshExpansion.append(e);
    });
}

void readSplit(YamlNodeReader& r, const YAML::Node& node, const QString& path, TrafficSplit& split)
{
    Map m(r, node, path, {u"name"_qs, u"namespace"_qs, u"hosts"_qs, u"gateways"_qs, u"destinations"_qs});
    split.name = m.string(u"name"_qs);
    split.namespaceName = m.string(u"namespace"_qs);
    split.hosts = m.stringList(u"hosts"_qs);
    split.gateways = m.stringList(u"gateways"_qs);
    m.sequence(u"destinations"_qs, [&r, &split](const YAML::Node& item, int, const QString& itemPath) {
        Map d(r, item, itemPath, {u"host"_qs, u"weight"_qs, u"port"_qs, u"subset"_qs, u"subsetLabels"_qs});
        SplitDestination dest;
        dest.host = d.string(u"host"_qs);
        dest.weight = d.integer(u"weight"_qs, 0);
        dest.port = d.integer(u"port"_qs, 0);
        dest.subset = d.string(u"subset"_qs);
        dest.subsetLabels = d.stringMap(u"subsetLabels"_qs, true);
        if (!d.has(u"weight"_qs))
            r.error(item, itemPath + u".weight"_qs, PlanText::tr("a destination needs a weight"), PlanText::tr("add weight: <0-100>"));
        split.destinations.append(dest);
    });
}

void readGraph(YamlNodeReader& r, const YAML::Node& node, GraphSettings& graph)
{
    Map m(r, node, u"graph"_qs, {u"namespaces"_qs, u"prometheus"_qs, u"driftTolerance"_qs});
    if (!m.valid())
        return;
    graph.namespaces = m.stringList(u"namespaces"_qs);
    graph.driftTolerance = m.integer(u"driftTolerance"_qs, graph.driftTolerance);
    if (graph.driftTolerance < 0 || graph.driftTolerance > 100) {
        r.error(m.node(u"driftTolerance"_qs), u"graph.driftTolerance"_qs,
                PlanText::tr("the drift tolerance must be 0..100 percentage points"),
                PlanText::tr("10 flags a 50% weight seen as 39% or 61%"));
    }
    if (!m.has(u"prometheus"_qs))
        return;
    Map p(r, m.node(u"prometheus"_qs), u"graph.prometheus"_qs,
          {u"url"_qs, u"namespace"_qs, u"service"_qs, u"port"_qs, u"scheme"_qs});
    PrometheusRef& ref = graph.prometheus;
    ref.url = p.string(u"url"_qs);
    ref.namespaceName = p.string(u"namespace"_qs, ref.namespaceName);
    ref.service = p.string(u"service"_qs, ref.service);
    ref.port = p.string(u"port"_qs, ref.port);
    ref.scheme = p.string(u"scheme"_qs);
    if (!ref.url.isEmpty()) {
        const QUrl url(ref.url, QUrl::StrictMode);
        if (!url.isValid() || (url.scheme() != u"http" && url.scheme() != u"https") || url.host().isEmpty()) {
            r.error(p.node(u"url"_qs), u"graph.prometheus.url"_qs, PlanText::tr("not an http(s) URL: %1").arg(ref.url),
                    PlanText::tr("write it as http://host:9090, or leave url out to reach the Service through the cluster"));
        }
    }
    if (!ref.scheme.isEmpty() && ref.scheme != u"http" && ref.scheme != u"https") {
        r.error(p.node(u"scheme"_qs), u"graph.prometheus.scheme"_qs, PlanText::tr("scheme must be http or https"),
                PlanText::tr("https only when the Service's port speaks TLS"));
    }
}

void readDocument(YamlNodeReader& r, const YAML::Node& root, Plan& plan)
{
    Map m(r, root, QString(),
          {u"apiVersion"_qs, u"kind"_qs, u"metadata"_qs, u"cluster"_qs, u"mesh"_qs, u"pluginCa"_qs,
           u"eastWestGateway"_qs, u"istiodExposure"_qs, u"vmGroups"_qs, u"vms"_qs, u"legacy"_qs, u"trafficSplits"_qs,
           u"graph"_qs});
    if (!m.valid())
        return;
    const QString apiVersion = m.string(u"apiVersion"_qs);
    if (apiVersion != planApiVersion) {
        r.error(m.has(u"apiVersion"_qs) ? m.node(u"apiVersion"_qs) : root, u"apiVersion"_qs,
                apiVersion.isEmpty() ? PlanText::tr("apiVersion is missing") : PlanText::tr("unsupported apiVersion \"%1\"").arg(apiVersion),
                PlanText::tr("start the plan with apiVersion: %1").arg(planApiVersion));
    }
    const QString kind = m.string(u"kind"_qs);
    if (kind != planKind) {
        r.error(m.has(u"kind"_qs) ? m.node(u"kind"_qs) : root, u"kind"_qs,
                kind.isEmpty() ? PlanText::tr("kind is missing") : PlanText::tr("unsupported kind \"%1\"").arg(kind),
                PlanText::tr("a plan has kind: %1").arg(planKind));
    }
    if (m.has(u"metadata"_qs)) {
        Map meta(r, m.node(u"metadata"_qs), u"metadata"_qs, {u"name"_qs});
        plan.name = meta.string(u"name"_qs);
    }
    if (m.has(u"cluster"_qs))
        readCluster(r, m.node(u"cluster"_qs), plan.cluster);
    if (m.has(u"mesh"_qs))
        readMesh(r, m.node(u"mesh"_qs), plan.mesh);
    else
        r.error(root, u"mesh"_qs, PlanText::tr("the plan has no mesh section"),
                PlanText::tr("add mesh: with istioVersion, meshID, clusterName, network"));
    if (m.has(u"pluginCa"_qs))
        readPluginCa(r, m.node(u"pluginCa"_qs), plan.pluginCa);
    if (m.has(u"eastWestGateway"_qs))
        readEastWest(r, m.node(u"eastWestGateway"_qs), plan.eastWestGateway);
    if (m.has(u"istiodExposure"_qs))
        readIstiodExposure(r, m.node(u"istiodExposure"_qs), plan.istiodExposure);
    m.sequence(u"vmGroups"_qs, [&r, &plan](const YAML::Node& item, int, const QString& path) {
        VmGroup g;
        readVmGroup(r, item, path, g);
        plan.vmGroups.append(g);
    });
    m.sequence(u"vms"_qs, [&r, &plan](const YAML::Node& item, int, const QString& path) {
        Vm vm;
        readVm(r, item, path, vm);
        plan.vms.append(vm);
    });
    if (m.has(u"legacy"_qs))
        readLegacy(r, m.node(u"legacy"_qs), plan.legacy);
    if (m.has(u"graph"_qs))
        readGraph(r, m.node(u"graph"_qs), plan.graph);
    m.sequence(u"trafficSplits"_qs, [&r, &plan](const YAML::Node& item, int, const QString& path) {
        TrafficSplit s;
        readSplit(r, item, path, s);
        plan.trafficSplits.append(s);
    });
}

bool problemBefore(const Problem& a, const Problem& b)
{
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
}

/*!
 * YAML::LoadAll, except on the text yaml-cpp 0.7 never finishes: a ',' outside a flow collection
 * (",", "- a\n,\n") is a document it reads again and again, one more empty node each time, until
 * memory runs out (found by tests/fuzz/plan). A first pass of events only notices a document that
 * starts where the previous one started and throws a ParserException there, as for any syntax error.
 */
std::vector<YAML::Node> loadDocuments(const std::string& text)
{
    class DocumentStarts final : public YAML::EventHandler
    {
    public:
        YAML::Mark start;
        void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
        void OnDocumentEnd() override {}
        void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
        void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
        void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
        void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
        void OnSequenceEnd() override {}
        void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
        void OnMapEnd() override {}
    };
    std::istringstream stream(text);
    YAML::Parser parser(stream);
    DocumentStarts starts;
    std::optional<int> previous;
    while (parser.HandleNextDocument(starts)) {
        if (previous == starts.start.pos) {
            const auto pos = static_cast<std::size_t>(starts.start.pos);
            const std::string at = pos < text.size() ? text.substr(pos, 1) : std::string();
            throw YAML::ParserException(starts.start, "unexpected '" + at + "'" + (at == "," ? " (a ',' belongs inside [...] or {...})" : ""));
        }
        previous = starts.start.pos;
    }
    return YAML::LoadAll(text);
}

} // namespace

SourceLocation locateField(const QHash<QString, SourceLocation>& locations, const QString& path)
{
    QString p = path;
    while (!p.isEmpty()) {
        const auto it = locations.constFind(p);
        if (it != locations.cend())
            return *it;
        const qsizetype cut = std::max(p.lastIndexOf(u'.'), p.lastIndexOf(u'['));
        if (cut <= 0)
            break;
        p = p.left(cut);
    }
    return {};
}

SourceLocation PlanLoadResult::locate(const QString& path) const
{
    return locateField(locations, path);
}

Problems PlanLoadResult::locateInPlan(Problems later) const
{
    for (Problem& p : later) {
        p.file = fileName;
        if (p.line == 0 && !p.path.isEmpty()) {
            const SourceLocation at = locate(p.path);
            p.line = at.line;
            p.column = at.column;
        }
    }
    return later;
}

PlanLoadResult loadPlanText(const QByteArray& text, const QString& fileName)
{
    PlanLoadResult result;
    result.fileName = fileName;
    YamlNodeReader reader(fileName, &result.problems, &result.locations);
    std::vector<YAML::Node> documents;
    try {
        documents = loadDocuments(text.toStdString());
    } catch (const YAML::Exception& e) {
        const QString what = QString::fromStdString(e.msg);
        result.problems.append(Problem{Problem::Severity::Error, fileName, e.mark.line + 1, e.mark.column + 1, {},
                                       PlanText::tr("YAML syntax error: %1").arg(what),
                                       PlanText::tr("fix the YAML at this position (indentation, a missing ':' or quote)")});
        return result;
    }
    if (documents.empty() || documents.front().IsNull()) {
        result.problems.append(Problem{Problem::Severity::Error, fileName, 1, 1, {}, PlanText::tr("the plan file is empty"),
                                       PlanText::tr("start from examples/book-chapter10.yaml or docs/plan-format.md")});
        return result;
    }
    if (documents.size() > 1) {
        reader.error(documents.at(1), {}, PlanText::tr("the plan file holds %1 YAML documents").arg(QString::number(documents.size())),
                     PlanText::tr("a plan is one document: remove the \"---\" separators and the extra documents"));
    }

    Plan plan;
    plan.sourceFile = fileName.isEmpty() ? QString() : QFileInfo(fileName).absoluteFilePath();
    try {
        readDocument(reader, documents.front(), plan);
    } catch (const YAML::Exception& e) {
        // yaml-cpp throws on conversions we did not foresee (e.g. a non-scalar key): report it, located.
        result.problems.append(Problem{Problem::Severity::Error, fileName, e.mark.line + 1, e.mark.column + 1, {},
                                       PlanText::tr("could not read this part of the plan: %1").arg(QString::fromStdString(e.msg)), {}});
    }
    result.problems += checkPlan(plan, result.locations, fileName);
    std::stable_sort(result.problems.begin(), result.problems.end(), problemBefore);
    result.plan = std::move(plan);
    return result;
}

PlanLoadResult loadPlanFile(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        PlanLoadResult result;
        result.fileName = path;
        const QString why = !QFileInfo::exists(path) ? PlanText::tr("the file does not exist") : file.errorString();
        result.problems.append(Problem{Problem::Severity::Error, path, 0, 0, {}, PlanText::tr("cannot read the plan: %1").arg(why),
                                       PlanText::tr("check the path given with --plan")});
        return result;
    }
    constexpr qint64 maxPlanSize = 16 * 1024 * 1024; // a plan for thousands of VMs is a few MB
    if (file.size() > maxPlanSize) {
        PlanLoadResult result;
        result.fileName = path;
        result.problems.append(Problem{Problem::Severity::Error, path, 0, 0, {}, PlanText::tr("the plan file is larger than 16 MiB"),
                                       PlanText::tr("is this the right file?")});
        return result;
    }
    return loadPlanText(file.readAll(), path);
}

Problems validatePlan(const Plan& plan)
{
    return checkPlan(plan, {}, plan.sourceFile);
}
