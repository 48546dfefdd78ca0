// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <optional>

/*!
 * The onboarding plan: one YAML document describing a cluster, its mesh, and the VMs to bring
 * into it. Plain value types, no Qt object model: the loader (planloader.h) builds them with
 * every problem located, the writer (planwriter.h) turns them back into YAML, and the generators
 * read them. docs/plan-format.md is the user-facing description of every field here.
 *
 * Optional fields that have a documented default are stored resolved where the default does
 * not depend on other fields; where it does (a group's Service name defaults to the group's
 * name), the field stays empty and an accessor resolves it, so a save writes back only what
 * the user wrote.
 */

using StringMap = QMap<QString, QString>; // sorted: generated YAML and cluster.env are deterministic

struct ClusterRef
{
    QString kubeconfig; //!< path; empty = the KUBECONFIG rules (env var, else ~/.kube/config)
    QString context;    //!< empty = current-context of the kubeconfig
    friend bool operator==(const ClusterRef&, const ClusterRef&) = default;
};

struct MeshSettings
{
    QString istioVersion = u"1.29.0"_qs; //!< istiod's version, "1.29" or "1.29.2"
    QString revision;                    //!< empty = the default revision
    QString meshId;
    QString clusterName;
    QString network;
    QString trustDomain = u"cluster.local"_qs;
    QString istioNamespace = u"istio-system"_qs;
    bool autoRegistration = true; //!< PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION
    bool healthChecks = true;     //!< PILOT_ENABLE_WORKLOAD_ENTRY_HEALTHCHECKS
    friend bool operator==(const MeshSettings&, const MeshSettings&) = default;

    /*! Whether the control plane is a named revision ("" and Istio's "default" are not). */
    bool isRevisioned() const { return !revision.isEmpty() && revision != u"default"; }
    /*!
     * An object name of the revision, as istioctl names them: "istiod" → "istiod-canary",
     * "istio" (the mesh ConfigMap) → "istio-canary"; the base name for the default revision.
     */
    QString revisioned(const QString& base) const { return isRevisioned() ? base + u'-' + revision : base; }
};

struct PluginCa
{
    QString caCert;    //!< ca-cert.pem (intermediate CA certificate)
    QString caKey;     //!< ca-key.pem
    QString rootCert;  //!< root-cert.pem
    QString certChain; //!< cert-chain.pem
    bool allowSampleCertificates = false; //!< Istio's published samples/certs: never in production
    friend bool operator==(const PluginCa&, const PluginCa&) = default;
};

struct EastWestGateway
{
    enum class Form { IstioOperator, Manifests };
    bool enabled = true;
    QString network;                          //!< empty = mesh.network; empty both = single network
    QString serviceType = u"LoadBalancer"_qs; //!< LoadBalancer | NodePort | ClusterIP
    Form form = Form::IstioOperator;
    QString address; //!< the VMs' gateway address (IP; a host name is a warning); wins over the Service's, as --ingressIP
    QString service = u"istio-eastwestgateway"_qs; //!< the gateway's Service, read for its address (--ingressService)
    QString namespaceName; //!< the Service's namespace; empty = mesh.istioNamespace (Plan::gatewayNamespace)
    friend bool operator==(const EastWestGateway&, const EastWestGateway&) = default;
};

struct IstiodExposure
{
    enum class CrossNetwork { Auto, Always, Never };
    bool enabled = true;
    CrossNetwork crossNetworkGateway = CrossNetwork::Auto; //!< Auto: when a VM is on another network
    friend bool operator==(const IstiodExposure&, const IstiodExposure&) = default;
};

struct HttpHeader
{
    QString name;
    QString value;
    friend bool operator==(const HttpHeader&, const HttpHeader&) = default;
};

struct Probe
{
    enum class Kind { None, HttpGet, TcpSocket, Exec, Grpc };

    int initialDelaySeconds = 0;
    int timeoutSeconds = 1;
    int periodSeconds = 10;
    int successThreshold = 1;
    int failureThreshold = 3; //!< Istio's API default; the agent's own is 1, so we always write it

    Kind kind = Kind::None;
    // httpGet / tcpSocket / grpc
    int port = 0;
    QString host;
    // httpGet
    QString path = u"/"_qs;
    QString scheme = u"HTTP"_qs;
    QList<HttpHeader> httpHeaders;
    // exec
    QStringList command;
    // grpc
    QString service;

    friend bool operator==(const Probe&, const Probe&) = default;
};

struct NamedPort
{
    QString name;
    int port = 0;
    friend bool operator==(const NamedPort&, const NamedPort&) = default;
};

struct ServicePort
{
    QString name;
    int port = 0;
    int targetPort = 0; //!< 0 = same as port
    QString protocol = u"TCP"_qs;
    friend bool operator==(const ServicePort&, const ServicePort&) = default;
};

struct GroupService
{
    bool enabled = true;
    QString name; //!< empty = the group's name
    QList<ServicePort> ports;
    StringMap labels; //!< extra labels on the Service; the selector is always the group's labels
    friend bool operator==(const GroupService&, const GroupService&) = default;
};

struct VmGroup
{
    QString name; //!< the WorkloadGroup's name
    QString namespaceName;
    QString serviceAccount = u"default"_qs;
    QString network; //!< empty = mesh.network
    StringMap labels;
    StringMap annotations;
    QList<NamedPort> ports; //!< template.ports
    std::optional<Probe> probe;
    bool autoRegister = true;
    bool captureDns = true;
    int tokenDurationSeconds = 3600;
    GroupService service;

    QString serviceName() const { return service.name.isEmpty() ? name : service.name; }
    friend bool operator==(const VmGroup&, const VmGroup&) = default;
};

struct SshSettings
{
    QString user;         //!< empty = ~/.ssh/config or the local user
    int port = 0;         //!< 0 = ~/.ssh/config or 22
    QString identityFile; //!< empty = ssh-agent / ~/.ssh/config
    QString jumpHost;     //!< ProxyJump: [user@]host[:port], or another VM's name
    friend bool operator==(const SshSettings&, const SshSettings&) = default;
};

struct Vm
{
    enum class IpKind { None, Internal, External };
    QString name;
    QString group;   //!< a vmGroups[].name
    QString address; //!< where SSH reaches it: IP or host name (or a ~/.ssh/config Host alias)
    QString ip;      //!< the workload IP the mesh uses (ISTIO_SVC_IP); empty = the agent picks
    IpKind ipKind = IpKind::None; //!< internal: --internalIP; external: --externalIP
    SshSettings ssh;
    StringMap labels;
    friend bool operator==(const Vm&, const Vm&) = default;
};

struct ServiceEntryPort
{
    QString name;
    int number = 0;
    QString protocol = u"HTTP"_qs;
    friend bool operator==(const ServiceEntryPort&, const ServiceEntryPort&) = default;
};

/*! A cluster service the VMs reach the pre-1.8 way: `<name>.<namespace>.global` with a VIP. */
struct GlobalService
{
    QString name;
    QString namespaceName;
    QString vip; //!< empty = allocated from the pool
    QList<ServiceEntryPort> ports;
    friend bool operator==(const GlobalService&, const GlobalService&) = default;
};

/*! A VM service added to the mesh the `istioctl x add-to-mesh external-service` way. */
struct MeshExpansionService
{
    QString name;
    QString namespaceName;
    QStringList vms;          //!< VM names whose ip (or address) become endpoints
    QStringList addresses;    //!< further endpoint IPs
    QList<NamedPort> ports;   //!< e.g. {name: http, port: 8888}
    QString serviceAccount = u"default"_qs;
    StringMap labels;
    friend bool operator==(const MeshExpansionService&, const MeshExpansionService&) = default;
};

struct LegacySettings
{
    QString vipPool = u"127.255.0.0/16"_qs;
    QString serviceCidr;    //!< ISTIO_SERVICE_CIDR of the legacy cluster.env
    QString gatewayAddress; //!< the gateway endpoint of *.global entries (port 15443)
    QList<GlobalService> globalServices;
    QList<MeshExpansionService> meshExpansion;
    bool isEmpty() const { return globalServices.isEmpty() && meshExpansion.isEmpty(); }
    friend bool operator==(const LegacySettings&, const LegacySettings&) = default;
};

struct SplitDestination
{
    QString host;   //!< a Service's short name, name.namespace or FQDN
    int weight = 0;
    int port = 0;   //!< 0 = not set
    QString subset; //!< when set with subsetLabels, a DestinationRule subset is generated
    StringMap subsetLabels;
    friend bool operator==(const SplitDestination&, const SplitDestination&) = default;
};

/*! A weighted split between pod and VM destinations: one VirtualService (plus subsets). */
struct TrafficSplit
{
    QString name;
    QString namespaceName;
    QStringList hosts;    //!< the VirtualService's hosts
    QStringList gateways; //!< empty = mesh only
    QList<SplitDestination> destinations;
    friend bool operator==(const TrafficSplit&, const TrafficSplit&) = default;
};

/*! Where the traffic graph's Prometheus is: a URL, or a Service through the API server's proxy. */
struct PrometheusRef
{
    QString url;                             //!< direct access; empty = the service proxy
    QString namespaceName = u"istio-system"_qs;
    QString service = u"prometheus"_qs;
    QString port = u"9090"_qs;               //!< port number or name
    QString scheme;                          //!< "https" for a TLS service port; empty = http
    friend bool operator==(const PrometheusRef&, const PrometheusRef&) = default;
};

/*! The traffic graph's defaults (`meshdeck graph`, the window's graph tab). */
struct GraphSettings
{
    QStringList namespaces;  //!< empty = the namespaces the plan's groups, splits and legacy services use
    PrometheusRef prometheus;
    int driftTolerance = 10; //!< percentage points between a configured weight and the observed share
    friend bool operator==(const GraphSettings&, const GraphSettings&) = default;
};

struct Plan
{
    QString name; //!< metadata.name
    ClusterRef cluster;
    MeshSettings mesh;
    std::optional<PluginCa> pluginCa;
    EastWestGateway eastWestGateway;
    IstiodExposure istiodExposure;
    QList<VmGroup> vmGroups;
    QList<Vm> vms;
    LegacySettings legacy;
    QList<TrafficSplit> trafficSplits;
    GraphSettings graph;

    QString sourceFile; //!< where it was loaded from; relative paths inside resolve against its folder

    const VmGroup* group(const QString& name) const;
    const Vm* vm(const QString& name) const;
    /*! The network of a group: its own, else the mesh's. */
    QString groupNetwork(const VmGroup& group) const;
    /*! The namespace of the east-west gateway's Service: eastWestGateway.namespace, else mesh.istioNamespace. */
    QString gatewayNamespace() const;
    /*! An absolute path for a path written in the plan (relative to the plan's folder, ~ expanded). */
    QString resolvePath(const QString& path) const;
    /*! graph.namespaces, else the namespaces of the groups, splits and legacy services, sorted. */
    QStringList graphNamespaces() const;

    friend bool operator==(const Plan&, const Plan&) = default;
};
