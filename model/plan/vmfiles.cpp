// SPDX-License-Identifier: Apache-2.0
// The five files of `istioctl x workload entry configure` (istioctl/pkg/workload/workload.go),
// reproduced byte for byte: see ../shared/reference/istio-vm-onboarding.md §1.3.
#include "generators.h"

#include "gatewayaddress.h"
#include "k8sjson.h"
#include "yamljson.h"

#include "validation.h"
#include "yamlwriter.h"

#include <QJsonArray>
#include <QRegularExpression>


#include <algorithm>
#include <optional>

namespace {

const QString kProxyConfigAnnotation = u"proxy.istio.io/config"_qs;
const QString kCanonicalName = u"service.istio.io/canonical-name"_qs;
const QString kCanonicalRevision = u"service.istio.io/canonical-revision"_qs;

// Go compares strings as UTF-8 bytes; QString's operator< compares UTF-16 units, which differs
// for characters above U+FFFF. Every sort that istioctl does with sort.Strings goes through this.
bool utf8Less(const QString& a, const QString& b)
{
    return a.toUtf8() < b.toUtf8();
}

QString istiodHost(const Plan& plan)
{
    const QString istiod = plan.mesh.revisioned(u"istiod"_qs);
    return istiod + u'.' + plan.mesh.istioNamespace + u".svc"_qs;
}

QString istiodAddress(const Plan& plan)
{
    return istiodHost(plan) + u":15012"_qs;
}

// encoding/json's string encoding (json.Marshal: HTML-safe, \b and \f since Go 1.22).
QString goJsonString(const QString& s)
{
    QString out = u"\""_qs;
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        switch (u) {
        case u'"': out += u"\\\""_qs; break;
        case u'\\': out += u"\\\\"_qs; break;
        case u'\n': out += u"\\n"_qs; break;
        case u'\r': out += u"\\r"_qs; break;
        case u'\t': out += u"\\t"_qs; break;
        case u'\b': out += u"\\b"_qs; break;
        case u'\f': out += u"\\f"_qs; break;
        default:
            if (u < 0x20 || u == u'<' || u == u'>' || u == u'&' || u == 0x2028 || u == 0x2029)
                out += u"\\u"_qs + QString::number(u, 16).rightJustified(4, u'0');
            else
                out += c;
        }
    }
    return out + u'"';
}

// json.Marshal(map[string]string): keys in byte order, no spaces.
QString goJsonObject(const StringMap& map)
{
    QStringList keys = map.keys();
    std::sort(keys.begin(), keys.end(), utf8Less);
    QStringList members;
    for (const QString& key : keys)
        members += goJsonString(key) + u':' + goJsonString(map.value(key));
    return u'{' + members.join(u',') + u'}';
}

QList<NamedPort> portsByName(const QList<NamedPort>& ports)
{
    QList<NamedPort> sorted = ports;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [](const NamedPort& a, const NamedPort& b) { return utf8Less(a.name, b.name); });
    return sorted;
}

// marshalWorkloadEntryPodPorts: []model.PodPort sorted by name. PodPort's Protocol has no
// omitempty, so every element carries "protocol":"" (istioctl's own unit test expects exactly that).
QString podPortsJson(const QList<NamedPort>& sortedPorts)
{
    QStringList items;
    for (const NamedPort& p : sortedPorts) {
        QString item = u"{"_qs;
        if (!p.name.isEmpty())
            item += u"\"name\":"_qs + goJsonString(p.name) + u',';
        item += u"\"containerPort\":"_qs + QString::number(p.port) + u",\"protocol\":\"\"}"_qs;
        items += item;
    }
    return u'[' + items.join(u',') + u']';
}

// labels.CanonicalService: the first label present wins, else the workload name / "latest".
QString firstLabel(const StringMap& labels, const QStringList& keys, const QString& fallback)
{
    for (const QString& key : keys) {
        if (labels.contains(key))
            return labels.value(key);
    }
    return fallback;
}

// The WorkloadGroup's probe as istioctl's jsonpb prints istio.networking.v1alpha3.ReadinessProbe:
// the group's own probe (all thresholds written, reference §2) with proto3 zero values left out.
QJsonObject probeJson(const Probe& probe)
{
    return K8sJson::withoutZeroValues(K8sJson::workloadGroupProbe(probe));
}

// The proxy.istio.io/config annotation as a ProxyConfig JSON object; nullopt when it is not a
// YAML map (istioctl then fails; the plan loader is where the user hears about it).
std::optional<QJsonObject> parseProxyConfig(const QString& yaml)
{
    const std::optional<QJsonValue> v = YamlJson::parse(yaml);
    if (!v)
        return std::nullopt;
    if (v->isNull())
        return QJsonObject();
    if (!v->isObject())
        return std::nullopt;
    return v->toObject();
}

// proxyMetadata is map<string,string>: scalars keep their text, anything else is dropped.
StringMap stringMap(const QJsonValue& value)
{
    StringMap out;
    const QJsonObject object = value.toObject();
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const QJsonValue v = it.value();
        if (v.isString())
            out.insert(it.key(), v.toString());
        else if (v.isBool())
            out.insert(it.key(), v.toBool() ? u"true"_qs : u"false"_qs);
        else if (v.isDouble())
            out.insert(it.key(), QString::number(v.toDouble(), 'g', 17));
    }
    return out;
}

QJsonObject installedDefaultConfig(const Plan& plan)
{
    QJsonObject config;
    config.insert(u"discoveryAddress"_qs, istiodAddress(plan));
    if (!plan.mesh.meshId.isEmpty())
        config.insert(u"meshId"_qs, plan.mesh.meshId);
    config.insert(u"proxyMetadata"_qs, QJsonObject());
    return config;
}

// Everything createMeshConfig computes: the final ProxyConfig and its proxyMetadata.
struct ProxyConfigResult
{
    QJsonObject config; //!< defaultConfig, proxyMetadata included
    StringMap metadata; //!< defaultConfig.proxyMetadata
};

// The labels the VM announces (ISTIO_METAJSON_LABELS): the group's labels (WorkloadGroup
// spec.metadata.labels), overlaid by the VM's own plan labels in the place istioctl gives to
// template.labels. They become the labels of the auto-registered WorkloadEntry, which is how
// one VM of a group gets e.g. its own "version".
StringMap workloadLabels(const VmGroup& group, const Vm& vm)
{
    StringMap labels = group.labels;
    for (auto it = vm.labels.constBegin(); it != vm.labels.constEnd(); ++it)
        labels.insert(it.key(), it.value());
    return labels;
}

ProxyConfigResult proxyConfig(const Plan& plan, const VmGroup& group, const Vm& vm, const ClusterFacts& facts)
{
    QJsonObject config = facts.meshDefaultConfig.isEmpty() ? installedDefaultConfig(plan) : facts.meshDefaultConfig;
    if (plan.mesh.isRevisioned() && config.value(u"discoveryAddress").toString().isEmpty())
        config.insert(u"discoveryAddress"_qs, istiodAddress(plan));

    // The annotation replaces the top-level fields it names; proxyMetadata merges key-wise.
    StringMap md = stringMap(config.value(u"proxyMetadata"));
    if (group.annotations.contains(kProxyConfigAnnotation)) {
        if (const auto annotated = parseProxyConfig(group.annotations.value(kProxyConfigAnnotation))) {
            for (auto it = annotated->constBegin(); it != annotated->constEnd(); ++it) {
                if (it.value().isNull())
                    config.remove(it.key());
                else
                    config.insert(it.key(), it.value());
            }
            const StringMap extra = stringMap(annotated->value(u"proxyMetadata"));
            for (auto it = extra.constBegin(); it != extra.constEnd(); ++it)
                md.insert(it.key(), it.value());
        }
    }

    config.remove(u"readinessProbe"_qs); // replaced by the group's probe, absent without one
    if (group.probe && group.probe->kind != Probe::Kind::None)
        config.insert(u"readinessProbe"_qs, probeJson(*group.probe));

    StringMap labels = workloadLabels(group, vm);
    const QString canonicalName = firstLabel(labels, {kCanonicalName, u"app.kubernetes.io/name"_qs, u"app"_qs},
                                             group.name);
    const QString canonicalRevision = firstLabel(
        labels, {kCanonicalRevision, u"app.kubernetes.io/version"_qs, u"version"_qs}, u"latest"_qs);
    md.insert(u"CANONICAL_SERVICE"_qs, canonicalName);
    md.insert(u"CANONICAL_REVISION"_qs, canonicalRevision);
    md.insert(u"POD_NAMESPACE"_qs, group.namespaceName);
    md.insert(u"SERVICE_ACCOUNT"_qs, group.serviceAccount);
    md.insert(u"TRUST_DOMAIN"_qs, plan.mesh.trustDomain);
    md.insert(u"ISTIO_META_CLUSTER_ID"_qs, facts.clusterId.isEmpty() ? plan.mesh.clusterName : facts.clusterId);
    md.insert(u"ISTIO_META_MESH_ID"_qs, config.value(u"meshId").toString());
    md.insert(u"ISTIO_META_NETWORK"_qs, plan.groupNetwork(group));
    if (!group.ports.isEmpty())
        md.insert(u"ISTIO_META_POD_PORTS"_qs, podPortsJson(portsByName(group.ports)));
    md.insert(u"ISTIO_META_WORKLOAD_NAME"_qs, group.name);
    labels.insert(kCanonicalName, canonicalName);
    labels.insert(kCanonicalRevision, canonicalRevision);
    md.insert(u"ISTIO_METAJSON_LABELS"_qs, goJsonObject(labels));
    // --capture-dns=false leaves whatever the mesh config says (usually nothing).
    if (group.captureDns)
        md.insert(u"ISTIO_META_DNS_CAPTURE"_qs, u"true"_qs);
    if (group.autoRegister)
        md.insert(u"ISTIO_META_AUTO_REGISTER_GROUP"_qs, group.name);

    config.insert(u"proxyMetadata"_qs, K8sJson::fromStringMap(md));
    return {config, md};
}

QString localExcludePorts(const QJsonObject& config)
{
    // 22 keeps SSH reachable whatever happens to the capture rules; 15090/15021/15020 are Envoy's
    // and the agent's own ports.
    QString ports = u"22,15090,15021"_qs;
    const int statusPort = config.value(u"statusPort").toInt();
    if (statusPort != 15090 && statusPort != 15021)
        ports += u',' + QString::number(statusPort != 0 ? statusPort : 15020);
    return ports;
}

QByteArray clusterEnv(const Plan& plan, const VmGroup& group, const Vm& vm, const ProxyConfigResult& pc)
{
    // istioctl joins template.ports in Go map order, which changes from run to run; we join them
    // sorted by port name so that the same plan always gives the same file.
    QStringList inbound;
    for (const NamedPort& p : portsByName(group.ports))
        inbound += QString::number(p.port);

    StringMap env = pc.metadata;
    env.insert(u"ISTIO_INBOUND_PORTS"_qs, inbound.isEmpty() ? u"*"_qs : inbound.join(u','));
    env.insert(u"ISTIO_NAMESPACE"_qs, group.namespaceName);
    env.insert(u"ISTIO_SERVICE"_qs, group.name + u'.' + group.namespaceName);
    env.insert(u"ISTIO_SERVICE_CIDR"_qs, u"*"_qs);
    env.insert(u"ISTIO_LOCAL_EXCLUDE_PORTS"_qs, localExcludePorts(pc.config));
    env.insert(u"SERVICE_ACCOUNT"_qs, group.serviceAccount);
    if (plan.mesh.isRevisioned())
        env.insert(u"CA_ADDR"_qs, istiodAddress(plan));
    // --internalIP / --externalIP; ipKind none leaves the choice to the agent (hostname -I).
    if (!vm.ip.isEmpty() && vm.ipKind != Vm::IpKind::None) {
        env.insert(u"ISTIO_SVC_IP"_qs, vm.ip);
        if (vm.ipKind == Vm::IpKind::External)
            env.insert(u"REWRITE_PROBE_LEGACY_LOCALHOST_DESTINATION"_qs, u"true"_qs);
    }

    // mapToString: whole lines sorted, so "ISTIO_METAJSON_LABELS=" precedes "ISTIO_META_...".
    QList<QByteArray> lines;
    for (auto it = env.constBegin(); it != env.constEnd(); ++it)
        lines += (it.key() + u'=' + Generators::istioShellQuote(it.value())).toUtf8();
    std::sort(lines.begin(), lines.end());
    QByteArray out;
    for (const QByteArray& line : lines)
        out += line + '\n';
    return out;
}

QByteArray hostsFile(const Plan& plan, const ClusterFacts& facts)
{
    const QString address = GatewayAddress::forVms(plan, facts.gatewayAddress);
    if (!Validation::isIpAddress(address))
        return {}; // istioctl writes an empty file when it has no IP (LB host names included)
    return (address + u' ' + istiodHost(plan) + u'\n').toUtf8();
}

} // namespace

namespace Generators {

QString istioShellQuote(const QString& value)
{
    if (value.isEmpty())
        return u"''"_qs;
    // Go's `[^\\w@%+=:,./-]` in a raw string: inside the class "\\" is a backslash and "w" the
    // letter, not \w. So letters other than w, digits and '*' all force quoting.
    static const QString safe = u"\\w@%+=:,./-"_qs;
    const bool isSafe = std::all_of(value.cbegin(), value.cend(), [](QChar c) { return safe.contains(c); });
    if (isSafe)
        return value;
    QString escaped = value;
    escaped.replace(u'\'', u"'\"'\"'"_qs);
    return u'\'' + escaped + u'\'';
}

VmBundle vmBundle(const Plan& plan, const Vm& vm, const ClusterFacts& facts)
{
    VmBundle bundle{vm.name, {}};
    const VmGroup* group = plan.group(vm.group);
    if (!group)
        return bundle;

    const ProxyConfigResult pc = proxyConfig(plan, *group, vm, facts);
    QJsonObject mesh;
    mesh.insert(u"defaultConfig"_qs, pc.config);

    // In the order istio.io's VM install places them.
    if (!facts.rootCert.isEmpty())
        bundle.files += VmFile{u"root-cert.pem"_qs, facts.rootCert, u"/etc/certs/root-cert.pem"_qs};
    if (!facts.token.isEmpty())
        bundle.files += VmFile{u"istio-token"_qs, facts.token, u"/var/run/secrets/tokens/istio-token"_qs};
    bundle.files += VmFile{u"cluster.env"_qs, clusterEnv(plan, *group, vm, pc), u"/var/lib/istio/envoy/cluster.env"_qs};
    bundle.files += VmFile{u"mesh.yaml"_qs, YamlWriter::toYaml(mesh).toUtf8(), u"/etc/istio/config/mesh"_qs};
    // Appended to /etc/hosts as a block by the onboarding engine, not copied over it.
    bundle.files += VmFile{u"hosts"_qs, hostsFile(plan, facts), u"/etc/hosts"_qs};
    return bundle;
}

} // namespace Generators
