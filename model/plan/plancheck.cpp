// SPDX-License-Identifier: Apache-2.0
#include "plancheck.h"

#include "istioversion.h"
#include "pem.h"
#include "plantext.h"
#include "validation.h"
#include "yamljson.h"

#include <yaml-cpp/yaml.h>

#include <QFileInfo>
#include <QSet>

namespace {

QString indexed(const QString& list, qsizetype i)
{
    return list + u'[' + QString::number(i) + u']';
}

class Checker
{
public:
    Checker(const Plan& plan, const QHash<QString, SourceLocation>& locations, QString fileName)
        : m_plan(plan)
        , m_locations(locations)
        , m_file(std::move(fileName))
    {
    }

    Problems run()
    {
        checkHeader();
        checkMesh();
        checkPluginCa();
        checkGateway();
        checkGroups();
        checkVms();
        checkLegacy();
        checkSplits();
        return m_problems;
    }

private:
    SourceLocation locate(const QString& path) const
    {
        return locateField(m_locations, path);
    }

    void add(Problem::Severity severity, const QString& path, const QString& message, const QString& hint)
    {
        const SourceLocation at = locate(path);
        m_problems.append(Problem{severity, m_file, at.line, at.column, path, message, hint});
    }
    void error(const QString& path, const QString& message, const QString& hint = {})
    {
        add(Problem::Severity::Error, path, message, hint);
    }
    void warning(const QString& path, const QString& message, const QString& hint = {})
    {
        add(Problem::Severity::Warning, path, message, hint);
    }

    // A rule that returns an empty string for a good value: report the sentence otherwise.
    void rule(const QString& path, const QString& problem, const QString& hint = {})
    {
        if (!problem.isEmpty())
            error(path, problem, hint);
    }
    void required(const QString& path, const QString& value, const QString& hint)
    {
        if (value.isEmpty())
            error(path, PlanText::tr("is required"), hint);
    }
    void port(const QString& path, int value)
    {
        rule(path, Validation::portProblem(value), PlanText::tr("use a port number from 1 to 65535"));
    }
    void label(const QString& path, const QString& value, const QString& hint = {})
    {
        if (!value.isEmpty())
            rule(path, Validation::dns1123LabelProblem(value), hint);
    }
    void subdomain(const QString& path, const QString& value)
    {
        if (!value.isEmpty())
            rule(path, Validation::dns1123SubdomainProblem(value));
    }
    void file(const QString& path, const QString& value, Pem::Expect expect)
    {
        if (value.isEmpty()) {
            error(path, PlanText::tr("is required"), PlanText::tr("name the PEM file, relative to the plan's folder or absolute"));
            return;
        }
        const QString resolved = m_plan.resolvePath(value);
        const QString problem = Pem::checkFile(resolved, expect);
        if (!problem.isEmpty()) {
            const QString folder = QFileInfo(resolved).absolutePath();
            error(path, problem.contains(resolved) ? problem : resolved + u": "_qs + problem,
                  QFileInfo::exists(resolved) ? PlanText::tr("name a PEM file of the right kind")
                                              : PlanText::tr("correct the path, or create the CA: %1").arg(QString(u"scripts/make-plugin-ca "_qs + folder)));
        }
    }

    void checkHeader()
    {
        subdomain(u"metadata.name"_qs, m_plan.name);
        if (!m_plan.cluster.kubeconfig.isEmpty()) {
            const QString resolved = m_plan.resolvePath(m_plan.cluster.kubeconfig);
            if (!QFileInfo(resolved).isFile()) {
                error(u"cluster.kubeconfig"_qs, PlanText::tr("%1 does not exist").arg(resolved),
                      PlanText::tr("correct the path, or remove the key to use KUBECONFIG / ~/.kube/config"));
            }
        }
    }

    void checkMesh()
    {
        const MeshSettings& mesh = m_plan.mesh;
        const std::optional<IstioVersion> version = IstioVersion::parse(mesh.istioVersion);
        if (!version) {
            error(u"mesh.istioVersion"_qs, PlanText::tr("\"%1\" is not an Istio version").arg(mesh.istioVersion),
                  PlanText::tr("write it as \"1.29\" or \"1.29.2\""));
        } else if (!version->atLeast(1, 8) && !m_plan.vmGroups.isEmpty()) {
            error(u"mesh.istioVersion"_qs, PlanText::tr("Istio %1 predates WorkloadGroup (1.8)").arg(mesh.istioVersion),
                  PlanText::tr("meshdeck onboards VMs into Istio 1.8 and later; the legacy section covers the older flow's resources"));
        } else if (version->atLeast(1, 32)) {
            warning(u"mesh.istioVersion"_qs, PlanText::tr("Istio %1 is newer than this meshdeck knows (1.31)").arg(mesh.istioVersion),
                    PlanText::tr("the generated resources follow 1.31; check the release notes"));
        }
        label(u"mesh.revision"_qs, mesh.revision, PlanText::tr("revisions are DNS labels such as 1-29-0 or canary"));
        if (mesh.revision == u"default")
            error(u"mesh.revision"_qs, PlanText::tr("\"default\" names the default revision"),
                  PlanText::tr("leave revision out for the default revision"));
        // They become label values (topology.istio.io/network, .../cluster) and proxy metadata.
        for (const auto& [field, value] : {std::pair{u"mesh.meshID"_qs, mesh.meshId}, std::pair{u"mesh.clusterName"_qs, mesh.clusterName},
                                           std::pair{u"mesh.network"_qs, mesh.network},
                                           std::pair{u"eastWestGateway.network"_qs, m_plan.eastWestGateway.network}}) {
            rule(field, Validation::labelValueProblem(value), Validation::labelValueHint());
        }
        label(u"mesh.istioNamespace"_qs, mesh.istioNamespace);
        subdomain(u"mesh.trustDomain"_qs, mesh.trustDomain);
        if (mesh.clusterName.isEmpty() && !m_plan.vms.isEmpty()) {
            warning(u"mesh.clusterName"_qs, PlanText::tr("no clusterName: VMs get ISTIO_META_CLUSTER_ID=''"),
                    PlanText::tr("set it to the cluster's values.global.multiCluster.clusterName; a wrong ID breaks the VM's authentication"));
        }
    }

    void checkPluginCa()
    {
        if (!m_plan.pluginCa)
            return;
        const PluginCa& ca = *m_plan.pluginCa;
        file(u"pluginCa.caCert"_qs, ca.caCert, Pem::Expect::Certificate);
        file(u"pluginCa.caKey"_qs, ca.caKey, Pem::Expect::PrivateKey);
        file(u"pluginCa.rootCert"_qs, ca.rootCert, Pem::Expect::Certificate);
        file(u"pluginCa.certChain"_qs, ca.certChain, Pem::Expect::Certificate);
    }

    void checkGateway()
    {
        const EastWestGateway& gw = m_plan.eastWestGateway;
        rule(u"eastWestGateway.service"_qs, Validation::dns1035LabelProblem(gw.service));
        label(u"eastWestGateway.namespace"_qs, gw.namespaceName);
        if (gw.enabled) {
            // The generated gateway is istio-eastwestgateway in the istio namespace: the two fields
            // name a gateway meshdeck does not make (istioctl's --ingressService).
            const EastWestGateway defaults;
            if (gw.service != defaults.service) {
                error(u"eastWestGateway.service"_qs,
                      PlanText::tr("meshdeck generates the gateway's Service as %1; another name is for a gateway you run yourself")
                          .arg(defaults.service),
                      PlanText::tr("set enabled: false to use Service %1, or leave service out").arg(gw.service));
            }
            if (!gw.namespaceName.isEmpty() && gw.namespaceName != m_plan.mesh.istioNamespace) {
                error(u"eastWestGateway.namespace"_qs,
                      PlanText::tr("meshdeck generates the gateway in mesh.istioNamespace (%1); another namespace is for a gateway you run yourself")
                          .arg(m_plan.mesh.istioNamespace),
                      PlanText::tr("set enabled: false to use namespace %1, or leave namespace out").arg(gw.namespaceName));
            }
        }
        const QString& address = gw.address;
        if (address.isEmpty())
            return;
        if (!Validation::isIpAddress(address)) {
            if (!Validation::hostProblem(address).isEmpty()) {
                error(u"eastWestGateway.address"_qs, PlanText::tr("\"%1\" is neither an IP address nor a host name").arg(address));
            } else {
                warning(u"eastWestGateway.address"_qs,
                        PlanText::tr("a host name cannot go into the VMs' hosts file (istioctl writes IPs only), so it stays empty"),
                        PlanText::tr("give the load balancer's IP address"));
            }
        }
    }

    void checkProbe(const QString& path, const Probe& p)
    {
        const QList<std::pair<QString, std::pair<int, int>>> numbers = {
            {u"initialDelaySeconds"_qs, {p.initialDelaySeconds, 0}}, {u"timeoutSeconds"_qs, {p.timeoutSeconds, 1}},
            {u"periodSeconds"_qs, {p.periodSeconds, 1}},             {u"successThreshold"_qs, {p.successThreshold, 1}},
            {u"failureThreshold"_qs, {p.failureThreshold, 1}},
        };
        for (const auto& [name, valueMin] : numbers) {
            if (valueMin.first < valueMin.second) {
                error(path + u'.' + name, PlanText::tr("%1 is below the minimum of %2")
                                              .arg(QString::number(valueMin.first), QString::number(valueMin.second)));
            }
        }
        switch (p.kind) {
        case Probe::Kind::HttpGet:
            port(path + u".httpGet.port"_qs, p.port);
            if (!p.path.startsWith(u'/'))
                error(path + u".httpGet.path"_qs, PlanText::tr("\"%1\" does not start with '/'").arg(p.path),
                      PlanText::tr("write an absolute path such as /healthz"));
            break;
        case Probe::Kind::TcpSocket:
            port(path + u".tcpSocket.port"_qs, p.port);
            break;
        case Probe::Kind::Grpc: {
            port(path + u".grpc.port"_qs, p.port);
            const std::optional<IstioVersion> v = IstioVersion::parse(m_plan.mesh.istioVersion);
            if (v && !v->atLeast(1, 25))
                error(path + u".grpc"_qs, PlanText::tr("gRPC probes need Istio 1.25 or later"),
                      PlanText::tr("use httpGet or tcpSocket, or raise mesh.istioVersion"));
            break;
        }
        case Probe::Kind::Exec:
        case Probe::Kind::None:
            break;
        }
    }

    void checkGroups()
    {
        QSet<QString> names;
        QSet<QString> services;
        for (qsizetype i = 0; i < m_plan.vmGroups.size(); ++i) {
            const VmGroup& g = m_plan.vmGroups.at(i);
            const QString path = indexed(u"vmGroups"_qs, i);
            required(path + u".name"_qs, g.name, PlanText::tr("name the WorkloadGroup, e.g. name: envoydummy"));
            subdomain(path + u".name"_qs, g.name);
            if (!g.name.isEmpty() && names.contains(g.name))
                error(path + u".name"_qs, PlanText::tr("a VM group named \"%1\" already exists").arg(g.name),
                      PlanText::tr("group names must be unique"));
            names.insert(g.name);
            required(path + u".namespace"_qs, g.namespaceName, PlanText::tr("the namespace of the WorkloadGroup, e.g. namespace: vm"));
            label(path + u".namespace"_qs, g.namespaceName);
            subdomain(path + u".serviceAccount"_qs, g.serviceAccount);

            QSet<QString> portNames;
            for (qsizetype j = 0; j < g.ports.size(); ++j) {
                const QString portPath = path + u".ports"_qs
                    + (g.ports.at(j).name.isEmpty() ? QString(u'[' + QString::number(j) + u']') : QString(u'.' + g.ports.at(j).name));
                required(portPath, g.ports.at(j).name, PlanText::tr("name each port, e.g. http: 8080"));
                label(portPath, g.ports.at(j).name, PlanText::tr("port names are DNS labels such as http or grpc-api"));
                port(portPath, g.ports.at(j).port);
                if (!g.ports.at(j).name.isEmpty() && portNames.contains(g.ports.at(j).name))
                    error(portPath, PlanText::tr("port name \"%1\" is used twice").arg(g.ports.at(j).name));
                portNames.insert(g.ports.at(j).name);
            }
            if (!g.autoRegister) {
                warning(path + u".autoRegister"_qs, PlanText::tr("without auto-registration nothing creates this group's WorkloadEntries"),
                        PlanText::tr("create a WorkloadEntry per VM yourself, or set autoRegister: true"));
            } else if (!m_plan.mesh.autoRegistration) {
                warning(path + u".autoRegister"_qs, PlanText::tr("mesh.autoRegistration is false, so istiod ignores the VMs' registration"),
                        PlanText::tr("set mesh.autoRegistration: true"));
            }
            if (g.probe && !m_plan.mesh.healthChecks) {
                warning(path + u".probe"_qs, PlanText::tr("mesh.healthChecks is false, so istiod ignores this probe's results"),
                        PlanText::tr("set mesh.healthChecks: true"));
            }
            checkProxyConfig(path + u".annotations.proxy.istio.io/config"_qs, g);
            if (g.probe)
                checkProbe(path + u".probe"_qs, *g.probe);
            if (g.tokenDurationSeconds < 600 || g.tokenDurationSeconds > 365 * 24 * 3600) {
                error(path + u".tokenDuration"_qs,
                      PlanText::tr("%1 seconds is outside 10 minutes to 1 year").arg(QString::number(g.tokenDurationSeconds)),
                      PlanText::tr("Kubernetes refuses tokens shorter than 600 s; the default is 3600"));
            }
            checkGroupService(path, g, services);
        }
    }

    void checkProxyConfig(const QString& path, const VmGroup& g)
    {
        const QString yaml = g.annotations.value(u"proxy.istio.io/config"_qs);
        if (yaml.isEmpty())
            return;
        try {
            const YAML::Node node = YAML::Load(yaml.toStdString());
            if (node.IsMap()) {
                // Aliases are references until something expands them, as the VM files do.
                QString why;
                bool tooLarge = false;
                const std::optional<QJsonValue> config = YamlJson::parse(yaml, &why, &tooLarge);
                if (!config && tooLarge)
                    error(path, PlanText::tr("the proxy.istio.io/config annotation is refused: %1").arg(why),
                          PlanText::tr("write the values out instead of nesting aliases"));
                else if (config)
                    checkProxyMetadata(path, g, config->toObject().value(u"proxyMetadata"_qs).toObject());
                return;
            }
        } catch (const YAML::Exception&) {
        }
        error(path, PlanText::tr("the proxy.istio.io/config annotation is not a YAML mapping of ProxyConfig fields"),
              PlanText::tr("write it as a block, e.g. |\n  proxyMetadata:\n    KEY: value"));
    }

    // proxyMetadata's value as the VM files write it (a string, a YAML boolean or number as text).
    static QString metadataText(const QJsonValue& v)
    {
        if (v.isBool())
            return v.toBool() ? u"true"_qs : u"false"_qs;
        if (v.isDouble())
            return QString::number(v.toDouble(), 'g', 17);
        return v.toString();
    }

    // What the agent takes for true: Go's strconv.ParseBool.
    static bool goTrue(const QString& text)
    {
        static const QStringList truths = {u"1"_qs, u"t"_qs, u"T"_qs, u"true"_qs, u"TRUE"_qs, u"True"_qs};
        return truths.contains(text);
    }

    // The annotation's proxyMetadata reaches the VMs' mesh.yaml key by key, over what the group's
    // autoRegister and captureDNS wrote: it must not switch back on what they switch off.
    void checkProxyMetadata(const QString& path, const VmGroup& g, const QJsonObject& metadata)
    {
        const QString group = u"ISTIO_META_AUTO_REGISTER_GROUP"_qs;
        if (!g.autoRegister && !metadataText(metadata.value(group)).isEmpty()) {
            error(path,
                  PlanText::tr("proxyMetadata.%1 turns auto-registration back on although autoRegister is false").arg(group),
                  PlanText::tr("remove %1 from the annotation's proxyMetadata, or set autoRegister: true").arg(group));
        }
        if (g.captureDns)
            return;
        const QString capture = u"ISTIO_META_DNS_CAPTURE"_qs;
        if (goTrue(metadataText(metadata.value(capture)))) {
            error(path, PlanText::tr("proxyMetadata.%1 turns DNS capture back on although captureDNS is false").arg(capture),
                  PlanText::tr("remove %1 from the annotation's proxyMetadata, or set captureDNS: true").arg(capture));
        }
        const QString allocate = u"ISTIO_META_DNS_AUTO_ALLOCATE"_qs;
        if (goTrue(metadataText(metadata.value(allocate)))) {
            error(path,
                  PlanText::tr("proxyMetadata.%1 asks for DNS capture's address allocation although captureDNS is false").arg(allocate),
                  PlanText::tr("remove %1 from the annotation's proxyMetadata, or set captureDNS: true").arg(allocate));
        }
    }

    void checkGroupService(const QString& path, const VmGroup& g, QSet<QString>& services)
    {
        const GroupService& s = g.service;
        if (!s.enabled || s.ports.isEmpty())
            return;
        const QString sPath = path + u".service"_qs;
        rule(s.name.isEmpty() ? path + u".name"_qs : sPath + u".name"_qs, Validation::dns1035LabelProblem(g.serviceName()),
             s.name.isEmpty() ? PlanText::tr("the Service is named after the group; set service.name to a DNS-1035 label") : QString());
        const QString key = g.namespaceName + u'/' + g.serviceName();
        if (services.contains(key))
            error(sPath, PlanText::tr("another VM group already defines Service %1").arg(key), PlanText::tr("give one of them service.name"));
        services.insert(key);
        if (g.labels.isEmpty()) {
            error(path + u".labels"_qs, PlanText::tr("the group has no labels, so its Service would select nothing"),
                  PlanText::tr("add labels such as app: %1").arg(g.name));
        }
        QSet<QString> portNames;
        QSet<int> numbers;
        for (qsizetype j = 0; j < s.ports.size(); ++j) {
            const ServicePort& p = s.ports.at(j);
            const QString pPath = indexed(sPath + u".ports"_qs, j);
            port(pPath + u".port"_qs, p.port);
            if (p.targetPort != 0)
                port(pPath + u".targetPort"_qs, p.targetPort);
            if (p.name.isEmpty() && s.ports.size() > 1)
                error(pPath + u".name"_qs, PlanText::tr("a Service with several ports needs a name on each"),
                      PlanText::tr("add name: http (or tcp, grpc, ...)"));
            label(pPath + u".name"_qs, p.name);
            if (!p.name.isEmpty() && portNames.contains(p.name))
                error(pPath + u".name"_qs, PlanText::tr("port name \"%1\" is used twice").arg(p.name));
            if (numbers.contains(p.port))
                error(pPath + u".port"_qs, PlanText::tr("port %1 is used twice").arg(QString::number(p.port)));
            portNames.insert(p.name);
            numbers.insert(p.port);
        }
    }

    void checkVms()
    {
        QHash<QString, qsizetype> names;
        QHash<QString, QString> addresses;
        for (qsizetype i = 0; i < m_plan.vms.size(); ++i) {
            const Vm& vm = m_plan.vms.at(i);
            const QString path = indexed(u"vms"_qs, i);
            required(path + u".name"_qs, vm.name, PlanText::tr("name the VM, e.g. name: vm-1"));
            label(path + u".name"_qs, vm.name, PlanText::tr("VM names are DNS labels: they name folders and WorkloadEntries"));
            if (!vm.name.isEmpty() && names.contains(vm.name)) {
                error(path + u".name"_qs, PlanText::tr("duplicate VM name \"%1\" (also %2)").arg(vm.name, indexed(u"vms"_qs, names.value(vm.name))),
                      PlanText::tr("VM names must be unique"));
            }
            names.insert(vm.name, i);
            if (!vm.group.isEmpty() && !m_plan.group(vm.group)) {
                error(path + u".group"_qs, PlanText::tr("no VM group named \"%1\"").arg(vm.group),
                      PlanText::tr("use one of the names under vmGroups"));
            } else if (vm.group.isEmpty() && !m_plan.vmGroups.isEmpty() && !inMeshExpansion(vm.name)) {
                error(path + u".group"_qs, PlanText::tr("is required"), PlanText::tr("name the VM group (WorkloadGroup) this VM joins"));
            }
            required(path + u".address"_qs, vm.address, PlanText::tr("the IP or host name SSH reaches the VM at"));
            if (!vm.address.isEmpty())
                rule(path + u".address"_qs, Validation::sshHostProblem(vm.address),
                     PlanText::tr("an IP address, a host name or a ~/.ssh/config Host alias"));
            for (const auto& [field, value] : {std::pair{u"address"_qs, vm.address}, std::pair{u"ip"_qs, vm.ip}}) {
                if (value.isEmpty())
                    continue;
                const QString other = addresses.value(value);
                if (!other.isEmpty() && !other.startsWith(path + u'.')) {
                    error(path + u'.' + field, PlanText::tr("address %1 is already used by %2").arg(value, other),
                          PlanText::tr("each VM needs its own address; cloned VMs with one IP make duplicate WorkloadEntries"));
                }
                addresses.insert(value, path + u'.' + field);
            }
            if (!vm.ip.isEmpty() && !Validation::isIpAddress(vm.ip))
                error(path + u".ip"_qs, PlanText::tr("\"%1\" is not an IP address").arg(vm.ip),
                      PlanText::tr("the workload IP the mesh reaches the VM at"));
            if (vm.ipKind != Vm::IpKind::None && vm.ip.isEmpty())
                error(path + u".ipKind"_qs, PlanText::tr("ipKind needs ip"), PlanText::tr("add ip: <the VM's internal or external address>"));
            checkSsh(path + u".ssh"_qs, vm);
        }
    }

    bool inMeshExpansion(const QString& vmName) const
    {
        return std::any_of(m_plan.legacy.meshExpansion.cbegin(), m_plan.legacy.meshExpansion.cend(),
                           [&vmName](const MeshExpansionService& s) { return s.vms.contains(vmName); });
    }

    void checkSsh(const QString& path, const Vm& vm)
    {
        if (!vm.ssh.user.isEmpty())
            rule(path + u".user"_qs, Validation::sshUserProblem(vm.ssh.user), PlanText::tr("user names are letters, digits, '_' and '-'"));
        if (vm.ssh.port != 0)
            port(path + u".port"_qs, vm.ssh.port);
        if (!vm.ssh.identityFile.isEmpty() && !QFileInfo(m_plan.resolvePath(vm.ssh.identityFile)).isFile()) {
            error(path + u".identityFile"_qs, PlanText::tr("%1 does not exist").arg(m_plan.resolvePath(vm.ssh.identityFile)),
                  PlanText::tr("correct the path, or remove it to use ssh-agent and ~/.ssh/config"));
        }
        const QString& jump = vm.ssh.jumpHost;
        if (jump.isEmpty())
            return;
        if (jump == vm.name) {
            error(path + u".jumpHost"_qs, PlanText::tr("a VM cannot be its own jump host"));
            return;
        }
        if (m_plan.vm(jump)) {
            // Follow the chain of plan VMs: a cycle would make ssh recurse forever.
            QStringList chain{vm.name};
            const Vm* hop = m_plan.vm(jump);
            while (hop && !chain.contains(hop->name)) {
                chain.append(hop->name);
                hop = hop->ssh.jumpHost.isEmpty() ? nullptr : m_plan.vm(hop->ssh.jumpHost);
            }
            if (hop)
                error(path + u".jumpHost"_qs,
                      PlanText::tr("the jump hosts form a loop: %1").arg(QString(chain.join(u" → "_qs) + u" → "_qs + hop->name)),
                      PlanText::tr("end the chain at a VM without jumpHost"));
            return;
        }
        rule(path + u".jumpHost"_qs, Validation::jumpHostProblem(jump), PlanText::tr("a VM of this plan, or [user@]host[:port] as ssh -J takes it"));
    }

    void checkLegacy()
    {
        const LegacySettings& legacy = m_plan.legacy;
        if (legacy.isEmpty())
            return;
        const auto pool = Validation::parseIpv4Cidr(legacy.vipPool);
        if (!pool)
            error(u"legacy.vipPool"_qs, PlanText::tr("\"%1\" is not an IPv4 CIDR").arg(legacy.vipPool),
                  PlanText::tr("the documented pool is 127.255.0.0/16"));
        if (!legacy.serviceCidr.isEmpty() && !Validation::parseIpv4Cidr(legacy.serviceCidr))
            error(u"legacy.serviceCIDR"_qs, PlanText::tr("\"%1\" is not a CIDR").arg(legacy.serviceCidr),
                  PlanText::tr("e.g. 172.21.0.0/16, the cluster's Service range"));
        if (!legacy.globalServices.isEmpty()) {
            required(u"legacy.gatewayAddress"_qs, legacy.gatewayAddress, PlanText::tr("the gateway address *.global traffic is sent to (port 15443)"));
            if (!legacy.gatewayAddress.isEmpty() && !Validation::isIpAddress(legacy.gatewayAddress))
                error(u"legacy.gatewayAddress"_qs, PlanText::tr("\"%1\" is not an IP address").arg(legacy.gatewayAddress));
        }
        QHash<QString, QString> vips;
        QSet<QString> hosts;
        for (qsizetype i = 0; i < legacy.globalServices.size(); ++i) {
            const GlobalService& s = legacy.globalServices.at(i);
            const QString path = indexed(u"legacy.globalServices"_qs, i);
            required(path + u".name"_qs, s.name, PlanText::tr("the cluster Service's name"));
            label(path + u".name"_qs, s.name);
            required(path + u".namespace"_qs, s.namespaceName, PlanText::tr("the cluster Service's namespace"));
            label(path + u".namespace"_qs, s.namespaceName);
            const QString host = s.name + u'.' + s.namespaceName + u".global"_qs;
            if (hosts.contains(host))
                error(path, PlanText::tr("%1 is listed twice").arg(host));
            hosts.insert(host);
            if (s.ports.isEmpty())
                error(path + u".ports"_qs, PlanText::tr("needs at least one port"),
                      PlanText::tr("add ports: [{name: http1, number: 8000, protocol: HTTP}]"));
            QSet<QString> portNames;
            for (qsizetype j = 0; j < s.ports.size(); ++j) {
                const QString pPath = indexed(path + u".ports"_qs, j);
                port(pPath + u".number"_qs, s.ports.at(j).number);
                required(pPath + u".name"_qs, s.ports.at(j).name, PlanText::tr("the endpoint's port map is keyed by it, e.g. name: http1"));
                label(pPath + u".name"_qs, s.ports.at(j).name);
                if (portNames.contains(s.ports.at(j).name))
                    error(pPath + u".name"_qs, PlanText::tr("port name \"%1\" is used twice").arg(s.ports.at(j).name));
                portNames.insert(s.ports.at(j).name);
            }
            if (s.vip.isEmpty())
                continue;
            const std::optional<quint32> vip = Validation::parseIpv4(s.vip);
            if (!vip) {
                error(path + u".vip"_qs, PlanText::tr("\"%1\" is not an IPv4 address").arg(s.vip));
                continue;
            }
            if (const QString other = vips.value(s.vip); !other.isEmpty()) {
                error(path + u".vip"_qs, PlanText::tr("VIP %1 overlaps %2").arg(s.vip, other),
                      PlanText::tr("every *.global service needs its own VIP; remove vip to have one allocated"));
            }
            vips.insert(s.vip, path + u".vip"_qs);
            if (pool && ((*vip & (pool->second == 0 ? 0 : ~quint32(0) << (32 - pool->second))) != pool->first)) {
                warning(path + u".vip"_qs, PlanText::tr("VIP %1 is outside legacy.vipPool %2").arg(s.vip, legacy.vipPool),
                        PlanText::tr("VIPs must be unique and not routable outside the sidecar; the pool guarantees that"));
            }
        }
        for (qsizetype i = 0; i < legacy.meshExpansion.size(); ++i) {
            const MeshExpansionService& s = legacy.meshExpansion.at(i);
            const QString path = indexed(u"legacy.meshExpansion"_qs, i);
            required(path + u".name"_qs, s.name, PlanText::tr("the Service name the VM is reached by"));
            if (!s.name.isEmpty())
                rule(path + u".name"_qs, Validation::dns1035LabelProblem(s.name));
            required(path + u".namespace"_qs, s.namespaceName, PlanText::tr("e.g. namespace: vm"));
            label(path + u".namespace"_qs, s.namespaceName);
            subdomain(path + u".serviceAccount"_qs, s.serviceAccount);
            if (s.vms.isEmpty() && s.addresses.isEmpty())
                error(path, PlanText::tr("names no VM and no address"), PlanText::tr("add vms: [<vm name>] or addresses: [<ip>]"));
            for (qsizetype j = 0; j < s.vms.size(); ++j) {
                const Vm* vm = m_plan.vm(s.vms.at(j));
                if (!vm) {
                    error(indexed(path + u".vms"_qs, j), PlanText::tr("no VM named \"%1\"").arg(s.vms.at(j)), PlanText::tr("use a name from vms"));
                } else if (!Validation::isIpAddress(vm->ip.isEmpty() ? vm->address : vm->ip)) {
                    error(indexed(path + u".vms"_qs, j), PlanText::tr("VM \"%1\" has no IP address for the ServiceEntry endpoint").arg(vm->name),
                          PlanText::tr("give the VM ip: <address>"));
                }
            }
            for (qsizetype j = 0; j < s.addresses.size(); ++j) {
                if (!Validation::isIpAddress(s.addresses.at(j)))
                    error(indexed(path + u".addresses"_qs, j), PlanText::tr("\"%1\" is not an IP address").arg(s.addresses.at(j)));
            }
            if (s.ports.isEmpty())
                error(path + u".ports"_qs, PlanText::tr("needs at least one port"), PlanText::tr("add ports: [{name: http, port: 8888}]"));
            for (qsizetype j = 0; j < s.ports.size(); ++j) {
                const QString pPath = indexed(path + u".ports"_qs, j);
                port(pPath + u".port"_qs, s.ports.at(j).port);
                // add-to-mesh names the ports <name>-<port>; Kubernetes wants DNS labels.
                required(pPath + u".name"_qs, s.ports.at(j).name, PlanText::tr("the protocol, e.g. name: http"));
                label(pPath + u".name"_qs, s.ports.at(j).name, PlanText::tr("lower-case protocol names such as http, grpc, tcp"));
            }
        }
    }

    void checkSplits()
    {
        QSet<QString> names;
        for (qsizetype i = 0; i < m_plan.trafficSplits.size(); ++i) {
            const TrafficSplit& s = m_plan.trafficSplits.at(i);
            const QString path = indexed(u"trafficSplits"_qs, i);
            required(path + u".name"_qs, s.name, PlanText::tr("the VirtualService's name"));
            subdomain(path + u".name"_qs, s.name);
            required(path + u".namespace"_qs, s.namespaceName, PlanText::tr("the VirtualService's namespace"));
            label(path + u".namespace"_qs, s.namespaceName);
            if (names.contains(s.namespaceName + u'/' + s.name))
                error(path + u".name"_qs, PlanText::tr("another split is named %1").arg(QString(s.namespaceName + u'/' + s.name)));
            names.insert(s.namespaceName + u'/' + s.name);
            if (s.hosts.isEmpty())
                error(path + u".hosts"_qs, PlanText::tr("needs at least one host"),
                      PlanText::tr("the host clients call, e.g. envoydummy.chapter10.svc.cluster.local"));
            for (qsizetype j = 0; j < s.hosts.size(); ++j)
                rule(indexed(path + u".hosts"_qs, j), Validation::hostProblem(s.hosts.at(j)));
            if (s.destinations.isEmpty()) {
                error(path + u".destinations"_qs, PlanText::tr("needs at least one destination"));
                continue;
            }
            int sum = 0;
            QSet<QString> seen;
            for (qsizetype j = 0; j < s.destinations.size(); ++j) {
                const SplitDestination& d = s.destinations.at(j);
                const QString dPath = indexed(path + u".destinations"_qs, j);
                required(dPath + u".host"_qs, d.host, PlanText::tr("the Service host to send this share to"));
                if (!d.host.isEmpty())
                    rule(dPath + u".host"_qs, Validation::hostProblem(d.host));
                if (d.weight < 0 || d.weight > 100)
                    error(dPath + u".weight"_qs, PlanText::tr("%1 is outside 0–100").arg(QString::number(d.weight)));
                sum += d.weight;
                if (d.port != 0)
                    port(dPath + u".port"_qs, d.port);
                label(dPath + u".subset"_qs, d.subset);
                if (!d.subset.isEmpty() && d.subsetLabels.isEmpty()) {
                    warning(dPath + u".subset"_qs, PlanText::tr("no subsetLabels, so meshdeck generates no DestinationRule for subset %1").arg(d.subset),
                            PlanText::tr("add subsetLabels, or make sure a DestinationRule of yours defines the subset"));
                }
                if (!d.subsetLabels.isEmpty() && d.subset.isEmpty())
                    error(dPath + u".subsetLabels"_qs, PlanText::tr("subsetLabels need a subset name"), PlanText::tr("add subset: vm (or v1, ...)"));
                const QString key = d.host + u'#' + d.subset;
                if (seen.contains(key))
                    error(dPath, d.subset.isEmpty() ? PlanText::tr("destination %1 is listed twice").arg(d.host)
                                                   : PlanText::tr("destination %1 subset %2 is listed twice").arg(d.host, d.subset));
                seen.insert(key);
            }
            if (sum != 100) {
                error(path + u".destinations"_qs, PlanText::tr("the weights add up to %1, not 100").arg(QString::number(sum)),
                      PlanText::tr("adjust the weights so they total 100"));
            }
        }
    }

    const Plan& m_plan;
    const QHash<QString, SourceLocation>& m_locations;
    QString m_file;
    Problems m_problems;
};

} // namespace

Problems checkPlan(const Plan& plan, const QHash<QString, SourceLocation>& locations, const QString& fileName)
{
    return Checker(plan, locations, fileName).run();
}
