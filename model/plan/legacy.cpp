// SPDX-License-Identifier: Apache-2.0
// The first seed's pre-1.8 flow (reference §5): *.global ServiceEntries with loopback VIPs for
// cluster services, and `istioctl x add-to-mesh external-service` for services on the VMs.
#include "generators.h"

#include "k8sjson.h"

#include "istioversion.h"
#include "plantext.h"
#include "validation.h"

#include <QJsonArray>
#include <QSet>

#include <optional>

namespace {

// The port every *.global endpoint uses: the gateway's SNI-aware mTLS listener. The seed insists
// on it ("Do not change this port value").
constexpr int kGatewayTlsPort = 15443;

QString networkingApiVersion(const Plan& plan)
{
    // An unreadable version falls back to v1alpha3, which every release serves.
    return K8sJson::istioVersion(plan).networkingApiVersion();
}

QString globalHost(const GlobalService& service)
{
    return service.name + u'.' + service.namespaceName + u".global"_qs;
}

Problem error(const Plan& plan, const QString& path, const QString& message, const QString& hint)
{
    Problem p;
    p.severity = Problem::Severity::Error;
    p.file = plan.sourceFile;
    p.path = path;
    p.message = message;
    p.hint = hint;
    return p;
}

// The allocatable range of an IPv4 CIDR. Up to /30 the network and broadcast addresses are left
// out; with the default 127.255.0.0/16 the last one is 127.255.255.255, the broadcast address of
// 127.0.0.0/8, which a TCP client cannot connect to.
struct VipRange
{
    quint64 first = 0;
    quint64 last = 0;
};

std::optional<VipRange> parsePool(const QString& cidr)
{
    const auto pool = Validation::parseIpv4Cidr(cidr);
    if (!pool)
        return std::nullopt;
    const int prefix = pool->second;
    const quint64 size = quint64(1) << (32 - prefix);
    const quint64 network = pool->first;
    if (prefix <= 30)
        return VipRange{network + 1, network + size - 2};
    return VipRange{network, network + size - 1};
}

// One VIP per global service (empty where none could be given), in plan order: explicit VIPs
// are kept, the others take the lowest free pool addresses. Deterministic by construction.
QStringList allocateVips(const Plan& plan, Problems* problems)
{
    const QList<GlobalService>& services = plan.legacy.globalServices;
    QStringList vips;
    QSet<QString> taken;
    bool needPool = false;
    for (qsizetype i = 0; i < services.size(); ++i) {
        const QString vip = services.at(i).vip;
        vips += vip;
        if (vip.isEmpty()) {
            needPool = true;
        } else if (taken.contains(vip)) {
            problems->append(error(plan, u"legacy.globalServices[%1].vip"_qs.arg(i),
                                   PlanText::tr("VIP %1 is already used by another global service").arg(vip),
                                   PlanText::tr("Every *.global host needs its own address.")));
        } else {
            taken.insert(vip);
        }
    }
    if (!needPool)
        return vips;

    const std::optional<VipRange> range = parsePool(plan.legacy.vipPool);
    if (!range) {
        problems->append(error(plan, u"legacy.vipPool"_qs,
                               PlanText::tr("\"%1\" is not an IPv4 CIDR").arg(plan.legacy.vipPool),
                               PlanText::tr("Use a block such as 127.255.0.0/16.")));
        return vips;
    }
    quint64 next = range->first;
    for (qsizetype i = 0; i < services.size(); ++i) {
        if (!vips.at(i).isEmpty())
            continue;
        while (next <= range->last && taken.contains(Validation::ipv4ToString(static_cast<quint32>(next))))
            ++next;
        if (next > range->last) {
            problems->append(error(plan, u"legacy.globalServices[%1].vip"_qs.arg(i),
                                   PlanText::tr("The VIP pool %1 has no free address left for %2")
                                       .arg(plan.legacy.vipPool, globalHost(services.at(i))),
                                   PlanText::tr("Widen legacy.vipPool or give the service an explicit vip.")));
            continue;
        }
        vips[i] = Validation::ipv4ToString(static_cast<quint32>(next));
        taken.insert(vips.at(i));
        ++next;
    }
    return vips;
}

// Istio's protocol.Parse as add-to-mesh used it: the port's name is its protocol.
QString istioProtocol(const QString& name)
{
    static const QStringList known = {u"TCP"_qs,   u"UDP"_qs,   u"GRPC"_qs,  u"GRPC-Web"_qs,
                                      u"HTTP"_qs,  u"HTTP_PROXY"_qs, u"HTTP2"_qs, u"HTTPS"_qs,
                                      u"TLS"_qs,   u"Mongo"_qs, u"Redis"_qs, u"MySQL"_qs};
    for (const QString& protocol : known) {
        if (protocol.compare(name, Qt::CaseInsensitive) == 0)
            return protocol;
    }
    return name.toUpper(); // istioctl refused these; the plan loader reports them
}

QString meshExpansionOrigin(const Plan& plan, const MeshExpansionService& service)
{
    const qsizetype i = plan.legacy.meshExpansion.indexOf(service);
    return i >= 0 ? u"legacy.meshExpansion[%1]"_qs.arg(i) : u"legacy.meshExpansion"_qs;
}

// The endpoint addresses of an add-to-mesh service: its VMs' workload IPs (else their SSH
// address), then the extra addresses, each once.
QStringList endpointAddresses(const Plan& plan, const MeshExpansionService& service)
{
    QStringList addresses;
    for (const QString& name : service.vms) {
        if (const Vm* vm = plan.vm(name)) {
            const QString address = vm->ip.isEmpty() ? vm->address : vm->ip;
            if (!address.isEmpty() && !addresses.contains(address))
                addresses += address;
        }
    }
    for (const QString& address : service.addresses) {
        if (!address.isEmpty() && !addresses.contains(address))
            addresses += address;
    }
    return addresses;
}

} // namespace

namespace Generators {

QList<Resource> globalServiceEntries(const Plan& plan, Problems* problems)
{
    const QList<GlobalService>& services = plan.legacy.globalServices;
    if (services.isEmpty())
        return {};
    Problems ignored;
    if (!problems)
        problems = &ignored;
    const QStringList vips = allocateVips(plan, problems);
    const QString gateway = plan.legacy.gatewayAddress;
    if (gateway.isEmpty()) {
        problems->append(error(plan, u"legacy.gatewayAddress"_qs,
                               PlanText::tr("The *.global ServiceEntries need the gateway's address"),
                               PlanText::tr("Set legacy.gatewayAddress to the ingress gateway's routable IP.")));
    }

    QList<Resource> out;
    for (qsizetype i = 0; i < services.size(); ++i) {
        const GlobalService& service = services.at(i);
        QJsonArray ports;
        QJsonObject endpointPorts;
        for (const ServiceEntryPort& port : service.ports) {
            QJsonObject p;
            p.insert(u"name"_qs, port.name);
            p.insert(u"number"_qs, port.number);
            p.insert(u"protocol"_qs, port.protocol);
            ports.append(p);
            endpointPorts.insert(port.name, kGatewayTlsPort);
        }
        QJsonObject spec;
        spec.insert(u"hosts"_qs, QJsonArray{globalHost(service)});
        spec.insert(u"location"_qs, u"MESH_INTERNAL"_qs);
        spec.insert(u"ports"_qs, ports);
        spec.insert(u"resolution"_qs, u"DNS"_qs);
        if (!vips.at(i).isEmpty())
            spec.insert(u"addresses"_qs, QJsonArray{vips.at(i)});
        if (!gateway.isEmpty()) {
            QJsonObject endpoint;
            endpoint.insert(u"address"_qs, gateway);
            endpoint.insert(u"ports"_qs, endpointPorts);
            spec.insert(u"endpoints"_qs, QJsonArray{endpoint});
        }
        // The seed's own name for the entry: "<name>.<namespace>.forvms" (a valid DNS-1123 subdomain).
        const QJsonObject meta =
            K8sJson::metadata(service.name + u'.' + service.namespaceName + u".forvms"_qs, service.namespaceName, {},
                              {}, K8sJson::EmptyNamespace::Write);
        QJsonObject object = K8sJson::object(networkingApiVersion(plan), u"ServiceEntry"_qs, meta);
        object.insert(u"spec"_qs, spec);
        // Not kept on cleanup: remove-from-mesh deletes exactly what add-to-mesh created.
        out += K8sJson::resource(object, Stage::Legacy, u"legacy.globalServices[%1]"_qs.arg(i));
    }
    return out;
}

QList<Resource> meshExpansion(const Plan& plan, const MeshExpansionService& service)
{
    const QString origin = meshExpansionOrigin(plan, service);

    // add-to-mesh names ServiceEntry ports "<name>-<port>" and the Service's the same, lowercased.
    QJsonArray entryPorts;
    QJsonArray servicePorts;
    for (const NamedPort& port : service.ports) {
        const QString name = port.name + u'-' + QString::number(port.port);
        QJsonObject ep;
        ep.insert(u"name"_qs, name);
        ep.insert(u"number"_qs, port.port);
        ep.insert(u"protocol"_qs, istioProtocol(port.name));
        entryPorts.append(ep);
        QJsonObject sp;
        sp.insert(u"name"_qs, name.toLower());
        sp.insert(u"port"_qs, port.port);
        servicePorts.append(sp);
    }
    QJsonArray endpoints;
    for (const QString& address : endpointAddresses(plan, service)) {
        QJsonObject endpoint;
        endpoint.insert(u"address"_qs, address);
        if (!service.labels.isEmpty())
            endpoint.insert(u"labels"_qs, K8sJson::fromStringMap(service.labels));
        endpoints.append(endpoint);
    }

    QJsonObject entrySpec;
    const QString host = service.name + u'.' + service.namespaceName + u".svc.cluster.local"_qs;
    entrySpec.insert(u"hosts"_qs, QJsonArray{host});
    entrySpec.insert(u"location"_qs, u"MESH_INTERNAL"_qs);
    entrySpec.insert(u"resolution"_qs, u"STATIC"_qs);
    entrySpec.insert(u"ports"_qs, entryPorts);
    entrySpec.insert(u"endpoints"_qs, endpoints);
    QJsonObject entry = K8sJson::object(networkingApiVersion(plan), u"ServiceEntry"_qs,
                                        K8sJson::metadata(u"mesh-expansion-"_qs + service.name, service.namespaceName,
                                                          {}, {}, K8sJson::EmptyNamespace::Write));
    entry.insert(u"spec"_qs, entrySpec);

    // Selector-less: the ServiceEntry's endpoints are the backends; the Service gives the name a
    // cluster IP and DNS record.
    QJsonObject annotations;
    annotations.insert(u"kubernetes.io/service-account.name"_qs, service.serviceAccount);
    const QJsonObject serviceMeta =
        K8sJson::metadata(service.name, service.namespaceName, K8sJson::fromStringMap(service.labels), annotations,
                          K8sJson::EmptyNamespace::Write);
    QJsonObject serviceSpec;
    serviceSpec.insert(u"ports"_qs, servicePorts);
    QJsonObject k8sService = K8sJson::object(u"v1"_qs, u"Service"_qs, serviceMeta);
    k8sService.insert(u"spec"_qs, serviceSpec);

    // Not kept on cleanup: remove-from-mesh deletes exactly what add-to-mesh created.
    return {K8sJson::resource(entry, Stage::Legacy, origin), K8sJson::resource(k8sService, Stage::Legacy, origin)};
}

QByteArray legacyClusterEnv(const Plan& plan, const Vm& vm)
{
    QStringList ports;
    for (const MeshExpansionService& service : plan.legacy.meshExpansion) {
        if (!service.vms.contains(vm.name))
            continue;
        for (const NamedPort& port : service.ports) {
            const QString number = QString::number(port.port);
            if (!ports.contains(number))
                ports += number;
        }
    }
    // The seed's hand-written file: unquoted, in the order its commands write the lines; a VM
    // that only calls into the mesh has no ISTIO_INBOUND_PORTS line.
    QString env = u"ISTIO_CP_AUTH=MUTUAL_TLS\nISTIO_SERVICE_CIDR="_qs + plan.legacy.serviceCidr + u'\n';
    if (!ports.isEmpty())
        env += u"ISTIO_INBOUND_PORTS="_qs + ports.join(u',') + u'\n';
    return env.toUtf8();
}

QByteArray legacyHosts(const Plan& plan, Problems* problems)
{
    Problems ignored;
    if (!problems)
        problems = &ignored;
    const QStringList vips = allocateVips(plan, problems);
    QString hosts;
    for (qsizetype i = 0; i < vips.size(); ++i) {
        if (!vips.at(i).isEmpty())
            hosts += vips.at(i) + u' ' + globalHost(plan.legacy.globalServices.at(i)) + u'\n';
    }
    return hosts.toUtf8();
}

} // namespace Generators
