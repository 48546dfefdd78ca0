// SPDX-License-Identifier: Apache-2.0
#include "plancheck.h"

#include "istioversion.h"
#include "pem.h"
#include "validation.h"

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
            error(path, u"is required"_qs, hint);
    }
    void port(const QString& path, int value)
    {
        rule(path, Validation::portProblem(value), u"use a port number from 1 to 65535"_qs);
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
            error(path, u"is required"_qs, u"name the PEM file, relative to the plan's folder or absolute"_qs);
            return;
        }
        const QString resolved = m_plan.resolvePath(value);
        const QString problem = Pem::checkFile(resolved, expect);
        if (!problem.isEmpty()) {
            const QString folder = QFileInfo(resolved).absolutePath();
            error(path, problem.contains(resolved) ? problem : resolved + u": "_qs + problem,
                  QFileInfo::exists(resolved) ? u"name a PEM file of the right kind"_qs
                                              : u"correct the path, or create the CA: scripts/make-plugin-ca "_qs + folder);
        }
    }

    void checkHeader()
    {
        subdomain(u"metadata.name"_qs, m_plan.name);
        if (!m_plan.cluster.kubeconfig.isEmpty()) {
            const QString resolved = m_plan.resolvePath(m_plan.cluster.kubeconfig);
            if (!QFileInfo(resolved).isFile()) {
                error(u"cluster.kubeconfig"_qs, resolved + u" does not exist"_qs,
                      u"correct the path, or remove the key to use KUBECONFIG / ~/.kube/config"_qs);
            }
        }
    }

    void checkMesh()
    {
        const MeshSettings& mesh = m_plan.mesh;
        const std::optional<IstioVersion> version = IstioVersion::parse(mesh.istioVersion);
        if (!version) {
            error(u"mesh.istioVersion"_qs, u"\""_qs + mesh.istioVersion + u"\" is not an Istio version"_qs,
                  u"write it as \"1.29\" or \"1.29.2\""_qs);
        } else if (!version->atLeast(1, 8) && !m_plan.vmGroups.isEmpty()) {
            error(u"mesh.istioVersion"_qs, u"Istio "_qs + mesh.istioVersion + u" predates WorkloadGroup (1.8)"_qs,
                  u"meshdeck onboards VMs into Istio 1.8 and later; the legacy section covers the older flow's resources"_qs);
        } else if (version->atLeast(1, 32)) {
            warning(u"mesh.istioVersion"_qs, u"Istio "_qs + mesh.istioVersion + u" is newer than this meshdeck knows (1.31)"_qs,
                    u"the generated resources follow 1.31; check the release notes"_qs);
        }
        label(u"mesh.revision"_qs, mesh.revision, u"revisions are DNS labels such as 1-29-0 or canary"_qs);
        if (mesh.revision == u"default")
            error(u"mesh.revision"_qs, u"\"default\" names the default revision"_qs, u"leave revision out for the default revision"_qs);
        // They become label values (topology.istio.io/network, .../cluster) and proxy metadata.
        for (const auto& [field, value] : {std::pair{u"mesh.meshID"_qs, mesh.meshId}, std::pair{u"mesh.clusterName"_qs, mesh.clusterName},
                                           std::pair{u"mesh.network"_qs, mesh.network},
                                           std::pair{u"eastWestGateway.network"_qs, m_plan.eastWestGateway.network}}) {
            rule(field, Validation::labelValueProblem(value), Validation::labelValueHint());
        }
        label(u"mesh.istioNamespace"_qs, mesh.istioNamespace);
        subdomain(u"mesh.trustDomain"_qs, mesh.trustDomain);
        if (mesh.clusterName.isEmpty() && !m_plan.vms.isEmpty()) {
            warning(u"mesh.clusterName"_qs, u"no clusterName: VMs get ISTIO_META_CLUSTER_ID=''"_qs,
                    u"set it to the cluster's values.global.multiCluster.clusterName; a wrong ID breaks the VM's authentication"_qs);
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
        const QString& address = m_plan.eastWestGateway.address;
        if (address.isEmpty())
            return;
        if (!Validation::isIpAddress(address)) {
            if (!Validation::hostProblem(address).isEmpty()) {
                error(u"eastWestGateway.address"_qs, u"\""_qs + address + u"\" is neither an IP address nor a host name"_qs);
            } else {
                warning(u"eastWestGateway.address"_qs, u"a host name cannot go into the VMs' hosts file (istioctl writes IPs only), so it stays empty"_qs,
                        u"give the load balancer's IP address"_qs);
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
                error(path + u'.' + name, QString::number(valueMin.first) + u" is below the minimum of "_qs + QString::number(valueMin.second));
            }
        }
        switch (p.kind) {
        case Probe::Kind::HttpGet:
            port(path + u".httpGet.port"_qs, p.port);
            if (!p.path.startsWith(u'/'))
                error(path + u".httpGet.path"_qs, u"\""_qs + p.path + u"\" does not start with '/'"_qs, u"write an absolute path such as /healthz"_qs);
            break;
        case Probe::Kind::TcpSocket:
            port(path + u".tcpSocket.port"_qs, p.port);
            break;
        case Probe::Kind::Grpc: {
            port(path + u".grpc.port"_qs, p.port);
            const std::optional<IstioVersion> v = IstioVersion::parse(m_plan.mesh.istioVersion);
            if (v && !v->atLeast(1, 25))
                error(path + u".grpc"_qs, u"gRPC probes need Istio 1.25 or later"_qs, u"use httpGet or tcpSocket, or raise mesh.istioVersion"_qs);
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
            required(path + u".name"_qs, g.name, u"name the WorkloadGroup, e.g. name: envoydummy"_qs);
            subdomain(path + u".name"_qs, g.name);
            if (!g.name.isEmpty() && names.contains(g.name))
                error(path + u".name"_qs, u"a VM group named \""_qs + g.name + u"\" already exists"_qs, u"group names must be unique"_qs);
            names.insert(g.name);
            required(path + u".namespace"_qs, g.namespaceName, u"the namespace of the WorkloadGroup, e.g. namespace: vm"_qs);
            label(path + u".namespace"_qs, g.namespaceName);
            subdomain(path + u".serviceAccount"_qs, g.serviceAccount);

            QSet<QString> portNames;
            for (qsizetype j = 0; j < g.ports.size(); ++j) {
                const QString portPath = path + u".ports"_qs
                    + (g.ports.at(j).name.isEmpty() ? QString(u'[' + QString::number(j) + u']') : QString(u'.' + g.ports.at(j).name));
                required(portPath, g.ports.at(j).name, u"name each port, e.g. http: 8080"_qs);
                label(portPath, g.ports.at(j).name, u"port names are DNS labels such as http or grpc-api"_qs);
                port(portPath, g.ports.at(j).port);
                if (!g.ports.at(j).name.isEmpty() && portNames.contains(g.ports.at(j).name))
                    error(portPath, u"port name \""_qs + g.ports.at(j).name + u"\" is used twice"_qs);
                portNames.insert(g.ports.at(j).name);
            }
            if (!g.autoRegister) {
                warning(path + u".autoRegister"_qs, u"without auto-registration nothing creates this group's WorkloadEntries"_qs,
                        u"create a WorkloadEntry per VM yourself, or set autoRegister: true"_qs);
            } else if (!m_plan.mesh.autoRegistration) {
                warning(path + u".autoRegister"_qs, u"mesh.autoRegistration is false, so istiod ignores the VMs' registration"_qs,
                        u"set mesh.autoRegistration: true"_qs);
            }
            if (g.probe && !m_plan.mesh.healthChecks) {
                warning(path + u".probe"_qs, u"mesh.healthChecks is false, so istiod ignores this probe's results"_qs,
                        u"set mesh.healthChecks: true"_qs);
            }
            checkProxyConfig(path + u".annotations.proxy.istio.io/config"_qs, g.annotations.value(u"proxy.istio.io/config"_qs));
            if (g.probe)
                checkProbe(path + u".probe"_qs, *g.probe);
            if (g.tokenDurationSeconds < 600 || g.tokenDurationSeconds > 365 * 24 * 3600) {
                error(path + u".tokenDuration"_qs, QString::number(g.tokenDurationSeconds) + u" seconds is outside 10 minutes to 1 year"_qs,
                      u"Kubernetes refuses tokens shorter than 600 s; the default is 3600"_qs);
            }
            checkGroupService(path, g, services);
        }
    }

    void checkProxyConfig(const QString& path, const QString& yaml)
    {
        if (yaml.isEmpty())
            return;
        try {
            const YAML::Node node = YAML::Load(yaml.toStdString());
            if (node.IsMap())
                return;
        } catch (const YAML::Exception&) {
        }
        error(path, u"the proxy.istio.io/config annotation is not a YAML mapping of ProxyConfig fields"_qs,
              u"write it as a block, e.g. |\n  proxyMetadata:\n    KEY: value"_qs);
    }

    void checkGroupService(const QString& path, const VmGroup& g, QSet<QString>& services)
    {
        const GroupService& s = g.service;
        if (!s.enabled || s.ports.isEmpty())
            return;
        const QString sPath = path + u".service"_qs;
        rule(s.name.isEmpty() ? path + u".name"_qs : sPath + u".name"_qs, Validation::dns1035LabelProblem(g.serviceName()),
             s.name.isEmpty() ? u"the Service is named after the group; set service.name to a DNS-1035 label"_qs : QString());
        const QString key = g.namespaceName + u'/' + g.serviceName();
        if (services.contains(key))
            error(sPath, u"another VM group already defines Service "_qs + key, u"give one of them service.name"_qs);
        services.insert(key);
        if (g.labels.isEmpty()) {
            error(path + u".labels"_qs, u"the group has no labels, so its Service would select nothing"_qs,
                  u"add labels such as app: "_qs + g.name);
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
                error(pPath + u".name"_qs, u"a Service with several ports needs a name on each"_qs, u"add name: http (or tcp, grpc, ...)"_qs);
            label(pPath + u".name"_qs, p.name);
            if (!p.name.isEmpty() && portNames.contains(p.name))
                error(pPath + u".name"_qs, u"port name \""_qs + p.name + u"\" is used twice"_qs);
            if (numbers.contains(p.port))
                error(pPath + u".port"_qs, u"port "_qs + QString::number(p.port) + u" is used twice"_qs);
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
            required(path + u".name"_qs, vm.name, u"name the VM, e.g. name: vm-1"_qs);
            label(path + u".name"_qs, vm.name, u"VM names are DNS labels: they name folders and WorkloadEntries"_qs);
            if (!vm.name.isEmpty() && names.contains(vm.name)) {
                error(path + u".name"_qs, u"duplicate VM name \""_qs + vm.name + u"\" (also vms["_qs + QString::number(names.value(vm.name)) + u"])"_qs,
                      u"VM names must be unique"_qs);
            }
            names.insert(vm.name, i);
            if (!vm.group.isEmpty() && !m_plan.group(vm.group)) {
                error(path + u".group"_qs, u"no VM group named \""_qs + vm.group + u'"',
                      u"use one of the names under vmGroups"_qs);
            } else if (vm.group.isEmpty() && !m_plan.vmGroups.isEmpty() && !inMeshExpansion(vm.name)) {
                error(path + u".group"_qs, u"is required"_qs, u"name the VM group (WorkloadGroup) this VM joins"_qs);
            }
            required(path + u".address"_qs, vm.address, u"the IP or host name SSH reaches the VM at"_qs);
            if (!vm.address.isEmpty())
                rule(path + u".address"_qs, Validation::sshHostProblem(vm.address), u"an IP address, a host name or a ~/.ssh/config Host alias"_qs);
            for (const auto& [field, value] : {std::pair{u"address"_qs, vm.address}, std::pair{u"ip"_qs, vm.ip}}) {
                if (value.isEmpty())
                    continue;
                const QString other = addresses.value(value);
                if (!other.isEmpty() && !other.startsWith(path + u'.')) {
                    error(path + u'.' + field, u"address "_qs + value + u" is already used by "_qs + other,
                          u"each VM needs its own address; cloned VMs with one IP make duplicate WorkloadEntries"_qs);
                }
                addresses.insert(value, path + u'.' + field);
            }
            if (!vm.ip.isEmpty() && !Validation::isIpAddress(vm.ip))
                error(path + u".ip"_qs, u"\""_qs + vm.ip + u"\" is not an IP address"_qs, u"the workload IP the mesh reaches the VM at"_qs);
            if (vm.ipKind != Vm::IpKind::None && vm.ip.isEmpty())
                error(path + u".ipKind"_qs, u"ipKind needs ip"_qs, u"add ip: <the VM's internal or external address>"_qs);
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
            rule(path + u".user"_qs, Validation::sshUserProblem(vm.ssh.user), u"user names are letters, digits, '_' and '-'"_qs);
        if (vm.ssh.port != 0)
            port(path + u".port"_qs, vm.ssh.port);
        if (!vm.ssh.identityFile.isEmpty() && !QFileInfo(m_plan.resolvePath(vm.ssh.identityFile)).isFile()) {
            error(path + u".identityFile"_qs, m_plan.resolvePath(vm.ssh.identityFile) + u" does not exist"_qs,
                  u"correct the path, or remove it to use ssh-agent and ~/.ssh/config"_qs);
        }
        const QString& jump = vm.ssh.jumpHost;
        if (jump.isEmpty())
            return;
        if (jump == vm.name) {
            error(path + u".jumpHost"_qs, u"a VM cannot be its own jump host"_qs);
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
                error(path + u".jumpHost"_qs, u"the jump hosts form a loop: "_qs + chain.join(u" → "_qs) + u" → "_qs + hop->name,
                      u"end the chain at a VM without jumpHost"_qs);
            return;
        }
        rule(path + u".jumpHost"_qs, Validation::jumpHostProblem(jump), u"a VM of this plan, or [user@]host[:port] as ssh -J takes it"_qs);
    }

    void checkLegacy()
    {
        const LegacySettings& legacy = m_plan.legacy;
        if (legacy.isEmpty())
            return;
        const auto pool = Validation::parseIpv4Cidr(legacy.vipPool);
        if (!pool)
            error(u"legacy.vipPool"_qs, u"\""_qs + legacy.vipPool + u"\" is not an IPv4 CIDR"_qs, u"the documented pool is 127.255.0.0/16"_qs);
        if (!legacy.serviceCidr.isEmpty() && !Validation::parseIpv4Cidr(legacy.serviceCidr))
            error(u"legacy.serviceCIDR"_qs, u"\""_qs + legacy.serviceCidr + u"\" is not a CIDR"_qs, u"e.g. 172.21.0.0/16, the cluster's Service range"_qs);
        if (!legacy.globalServices.isEmpty()) {
            required(u"legacy.gatewayAddress"_qs, legacy.gatewayAddress, u"the gateway address *.global traffic is sent to (port 15443)"_qs);
            if (!legacy.gatewayAddress.isEmpty() && !Validation::isIpAddress(legacy.gatewayAddress))
                error(u"legacy.gatewayAddress"_qs, u"\""_qs + legacy.gatewayAddress + u"\" is not an IP address"_qs);
        }
        QHash<QString, QString> vips;
        QSet<QString> hosts;
        for (qsizetype i = 0; i < legacy.globalServices.size(); ++i) {
            const GlobalService& s = legacy.globalServices.at(i);
            const QString path = indexed(u"legacy.globalServices"_qs, i);
            required(path + u".name"_qs, s.name, u"the cluster Service's name"_qs);
            label(path + u".name"_qs, s.name);
            required(path + u".namespace"_qs, s.namespaceName, u"the cluster Service's namespace"_qs);
            label(path + u".namespace"_qs, s.namespaceName);
            const QString host = s.name + u'.' + s.namespaceName + u".global"_qs;
            if (hosts.contains(host))
                error(path, host + u" is listed twice"_qs);
            hosts.insert(host);
            if (s.ports.isEmpty())
                error(path + u".ports"_qs, u"needs at least one port"_qs, u"add ports: [{name: http1, number: 8000, protocol: HTTP}]"_qs);
            QSet<QString> portNames;
            for (qsizetype j = 0; j < s.ports.size(); ++j) {
                const QString pPath = indexed(path + u".ports"_qs, j);
                port(pPath + u".number"_qs, s.ports.at(j).number);
                required(pPath + u".name"_qs, s.ports.at(j).name, u"the endpoint's port map is keyed by it, e.g. name: http1"_qs);
                label(pPath + u".name"_qs, s.ports.at(j).name);
                if (portNames.contains(s.ports.at(j).name))
                    error(pPath + u".name"_qs, u"port name \""_qs + s.ports.at(j).name + u"\" is used twice"_qs);
                portNames.insert(s.ports.at(j).name);
            }
            if (s.vip.isEmpty())
                continue;
            const std::optional<quint32> vip = Validation::parseIpv4(s.vip);
            if (!vip) {
                error(path + u".vip"_qs, u"\""_qs + s.vip + u"\" is not an IPv4 address"_qs);
                continue;
            }
            if (const QString other = vips.value(s.vip); !other.isEmpty()) {
                error(path + u".vip"_qs, u"VIP "_qs + s.vip + u" overlaps "_qs + other,
                      u"every *.global service needs its own VIP; remove vip to have one allocated"_qs);
            }
            vips.insert(s.vip, path + u".vip"_qs);
            if (pool && ((*vip & (pool->second == 0 ? 0 : ~quint32(0) << (32 - pool->second))) != pool->first)) {
                warning(path + u".vip"_qs, u"VIP "_qs + s.vip + u" is outside legacy.vipPool "_qs + legacy.vipPool,
                        u"VIPs must be unique and not routable outside the sidecar; the pool guarantees that"_qs);
            }
        }
        for (qsizetype i = 0; i < legacy.meshExpansion.size(); ++i) {
            const MeshExpansionService& s = legacy.meshExpansion.at(i);
            const QString path = indexed(u"legacy.meshExpansion"_qs, i);
            required(path + u".name"_qs, s.name, u"the Service name the VM is reached by"_qs);
            if (!s.name.isEmpty())
                rule(path + u".name"_qs, Validation::dns1035LabelProblem(s.name));
            required(path + u".namespace"_qs, s.namespaceName, u"e.g. namespace: vm"_qs);
            label(path + u".namespace"_qs, s.namespaceName);
            subdomain(path + u".serviceAccount"_qs, s.serviceAccount);
            if (s.vms.isEmpty() && s.addresses.isEmpty())
                error(path, u"names no VM and no address"_qs, u"add vms: [<vm name>] or addresses: [<ip>]"_qs);
            for (qsizetype j = 0; j < s.vms.size(); ++j) {
                const Vm* vm = m_plan.vm(s.vms.at(j));
                if (!vm) {
                    error(indexed(path + u".vms"_qs, j), u"no VM named \""_qs + s.vms.at(j) + u'"', u"use a name from vms"_qs);
                } else if (!Validation::isIpAddress(vm->ip.isEmpty() ? vm->address : vm->ip)) {
                    error(indexed(path + u".vms"_qs, j), u"VM \""_qs + vm->name + u"\" has no IP address for the ServiceEntry endpoint"_qs,
                          u"give the VM ip: <address>"_qs);
                }
            }
            for (qsizetype j = 0; j < s.addresses.size(); ++j) {
                if (!Validation::isIpAddress(s.addresses.at(j)))
                    error(indexed(path + u".addresses"_qs, j), u"\""_qs + s.addresses.at(j) + u"\" is not an IP address"_qs);
            }
            if (s.ports.isEmpty())
                error(path + u".ports"_qs, u"needs at least one port"_qs, u"add ports: [{name: http, port: 8888}]"_qs);
            for (qsizetype j = 0; j < s.ports.size(); ++j) {
                const QString pPath = indexed(path + u".ports"_qs, j);
                port(pPath + u".port"_qs, s.ports.at(j).port);
                // add-to-mesh names the ports <name>-<port>; Kubernetes wants DNS labels.
                required(pPath + u".name"_qs, s.ports.at(j).name, u"the protocol, e.g. name: http"_qs);
                label(pPath + u".name"_qs, s.ports.at(j).name, u"lower-case protocol names such as http, grpc, tcp"_qs);
            }
        }
    }

    void checkSplits()
    {
        QSet<QString> names;
        for (qsizetype i = 0; i < m_plan.trafficSplits.size(); ++i) {
            const TrafficSplit& s = m_plan.trafficSplits.at(i);
            const QString path = indexed(u"trafficSplits"_qs, i);
            required(path + u".name"_qs, s.name, u"the VirtualService's name"_qs);
            subdomain(path + u".name"_qs, s.name);
            required(path + u".namespace"_qs, s.namespaceName, u"the VirtualService's namespace"_qs);
            label(path + u".namespace"_qs, s.namespaceName);
            if (names.contains(s.namespaceName + u'/' + s.name))
                error(path + u".name"_qs, u"another split is named "_qs + s.namespaceName + u'/' + s.name);
            names.insert(s.namespaceName + u'/' + s.name);
            if (s.hosts.isEmpty())
                error(path + u".hosts"_qs, u"needs at least one host"_qs, u"the host clients call, e.g. envoydummy.chapter10.svc.cluster.local"_qs);
            for (qsizetype j = 0; j < s.hosts.size(); ++j)
                rule(indexed(path + u".hosts"_qs, j), Validation::hostProblem(s.hosts.at(j)));
            if (s.destinations.isEmpty()) {
                error(path + u".destinations"_qs, u"needs at least one destination"_qs);
                continue;
            }
            int sum = 0;
            QSet<QString> seen;
            for (qsizetype j = 0; j < s.destinations.size(); ++j) {
                const SplitDestination& d = s.destinations.at(j);
                const QString dPath = indexed(path + u".destinations"_qs, j);
                required(dPath + u".host"_qs, d.host, u"the Service host to send this share to"_qs);
                if (!d.host.isEmpty())
                    rule(dPath + u".host"_qs, Validation::hostProblem(d.host));
                if (d.weight < 0 || d.weight > 100)
                    error(dPath + u".weight"_qs, QString::number(d.weight) + u" is outside 0–100"_qs);
                sum += d.weight;
                if (d.port != 0)
                    port(dPath + u".port"_qs, d.port);
                label(dPath + u".subset"_qs, d.subset);
                if (!d.subset.isEmpty() && d.subsetLabels.isEmpty()) {
                    warning(dPath + u".subset"_qs, u"no subsetLabels, so meshdeck generates no DestinationRule for subset "_qs + d.subset,
                            u"add subsetLabels, or make sure a DestinationRule of yours defines the subset"_qs);
                }
                if (!d.subsetLabels.isEmpty() && d.subset.isEmpty())
                    error(dPath + u".subsetLabels"_qs, u"subsetLabels need a subset name"_qs, u"add subset: vm (or v1, ...)"_qs);
                const QString key = d.host + u'#' + d.subset;
                if (seen.contains(key))
                    error(dPath, u"destination "_qs + d.host + (d.subset.isEmpty() ? QString() : QString(u" subset "_qs + d.subset)) + u" is listed twice"_qs);
                seen.insert(key);
            }
            if (sum != 100) {
                error(path + u".destinations"_qs, u"the weights add up to "_qs + QString::number(sum) + u", not 100"_qs,
                      u"adjust the weights so they total 100"_qs);
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
