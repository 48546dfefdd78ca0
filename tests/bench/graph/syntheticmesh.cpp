// SPDX-License-Identifier: Apache-2.0
#include "syntheticmesh.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace {

// splitmix64: tiny, fast and the same everywhere (std:: distributions are not).
class Random
{
public:
    explicit Random(quint64 seed) : m_state(seed) {}
    quint64 next()
    {
        quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    int below(int n) { return n <= 1 ? 0 : static_cast<int>(next() % static_cast<quint64>(n)); }
    bool chance(double p) { return unit() < p; }
    // Low indices far more likely: a few popular services take most of the calls (fan-in).
    int skewed(int n) { return std::min(n - 1, static_cast<int>(n * unit() * unit())); }

private:
    quint64 m_state;
};

// Depth order of the tiers; a call to a smaller depth is a callback and closes a cycle.
enum class Tier { Unknown, Ingress, Frontend, Api, Core, Platform, Backend, External };

int depth(Tier tier)
{
    switch (tier) {
    case Tier::Unknown: return 0;
    case Tier::Ingress: return 1;
    case Tier::Frontend: return 2;
    case Tier::Api: return 3;
    case Tier::Core:
    case Tier::Platform: return 4;
    case Tier::Backend:
    case Tier::External: return 5;
    }
    return 0;
}

struct Workload
{
    Tier tier = Tier::Core;
    int team = -1; //!< -1: a shared namespace
    QString ns;
    QString app;
    QString version;
    QString workload;
    QString host;
    bool vm = false;
    bool tcp = false; //!< a database or cache: called over TCP
};

struct Call
{
    int source;
    int target;
};

class MeshMaker
{
public:
    MeshMaker(int nodes, quint64 seed, bool routes, int edgesPerNode)
        : m_random(seed), m_nodeTarget(std::max(10, nodes)), m_edgeTarget(m_nodeTarget * edgesPerNode), m_withRoutes(routes)
    {
    }
    SyntheticMesh make();

private:
    void makeWorkloads();
    void add(Tier tier, int count, const QString& prefix);
    bool connect(int source, int target);
    int pick(Tier tier, int team, int after = -1);
    void guaranteeIncoming();
    void fill();
    int randomTarget(const Workload& source, int sourceIndex);
    void emitCall(const Call& call);
    QMap<QString, QString> labels(const Workload& s, const Workload& d, const QString& reporter) const;

    Random m_random;
    int m_nodeTarget;
    int m_edgeTarget;
    bool m_withRoutes;
    int m_teams = 1;
    int m_routes = 0;
    QList<Workload> m_workloads;
    QHash<int, QList<int>> m_byTier;            // tier -> workload indices
    QHash<qint64, QList<int>> m_byTierAndTeam;  // tier * 1e6 + team -> indices (creation order)
    QSet<qint64> m_pairs;
    QList<Call> m_calls;
    SyntheticMesh m_mesh;
};

qint64 tierTeamKey(Tier tier, int team)
{
    return static_cast<qint64>(tier) * 1000000 + team;
}

void MeshMaker::add(Tier tier, int count, const QString& prefix)
{
    for (int i = 0; i < count; ++i) {
        Workload w;
        w.tier = tier;
        const bool shared = tier == Tier::Ingress || tier == Tier::Platform || tier == Tier::External;
        w.team = shared ? -1 : m_random.below(m_teams);
        w.ns = tier == Tier::Ingress ? u"istio-ingress"_qs
             : tier == Tier::Platform ? u"platform"_qs
             : tier == Tier::External ? u"egress"_qs
                                      : u"team-%1"_qs.arg(w.team, 4, 10, QLatin1Char('0'));
        w.app = u"%1-%2"_qs.arg(prefix).arg(i);
        w.version = m_random.chance(0.1) ? u"v2"_qs : u"v1"_qs;
        w.workload = w.app + u'-' + w.version;
        w.host = tier == Tier::External ? u"%1.example.com"_qs.arg(w.app) : w.app + u'.' + w.ns + u".svc.cluster.local"_qs;
        if (tier == Tier::Backend) {
            const int kind = m_random.below(3); // database, cache, queue
            w.tcp = kind < 2;
            w.vm = m_random.chance(0.4); // legacy databases and brokers on VMs
        } else if (tier == Tier::Core) {
            w.vm = m_random.chance(0.08);
        }
        const int index = static_cast<int>(m_workloads.size());
        m_workloads.append(w);
        m_byTier[static_cast<int>(tier)].append(index);
        m_byTierAndTeam[tierTeamKey(tier, w.team)].append(index);
    }
}

void MeshMaker::makeWorkloads()
{
    const int m = m_nodeTarget - 1; // the unknown caller is the last node
    m_teams = std::max(1, m / 40);
    m_routes = m_withRoutes ? m_teams : 0;
    const int ingress = std::max(1, m / 100);
    const int frontend = std::max(1, m * 12 / 100);
    const int api = std::max(1, m * 20 / 100);
    const int platform = std::max(1, m * 2 / 100);
    const int backend = std::max(1, m * 25 / 100);
    const int external = std::max(1, m / 200);
    const int core = std::max(1, m - ingress - frontend - api - platform - backend - external);
    add(Tier::Ingress, ingress, u"istio-ingressgateway"_qs);
    add(Tier::Frontend, frontend, u"web"_qs);
    add(Tier::Api, api, u"api"_qs);
    add(Tier::Core, core, u"svc"_qs);
    add(Tier::Platform, platform, u"auth"_qs);
    add(Tier::Backend, backend, u"db"_qs);
    add(Tier::External, external, u"ext"_qs);
    Workload unknown;
    unknown.tier = Tier::Unknown;
    unknown.ns = u"unknown"_qs;
    unknown.app = unknown.version = unknown.workload = u"unknown"_qs;
    m_byTier[static_cast<int>(Tier::Unknown)].append(static_cast<int>(m_workloads.size()));
    m_workloads.append(unknown);
}

bool MeshMaker::connect(int source, int target)
{
    if (source < 0 || target < 0 || source == target)
        return false;
    const qint64 key = static_cast<qint64>(source) * 10000000 + target;
    if (m_pairs.contains(key))
        return false;
    m_pairs.insert(key);
    m_calls.append({source, target});
    return true;
}

// A workload of tier: of the team (85%) if it has one there, else anyone, popular ones first.
// With after >= 0 only workloads created after it (forward calls inside a tier, no cycles).
int MeshMaker::pick(Tier tier, int team, int after)
{
    const QList<int>* list = &m_byTier[static_cast<int>(tier)];
    const auto own = m_byTierAndTeam.constFind(tierTeamKey(tier, team));
    if (team >= 0 && own != m_byTierAndTeam.constEnd() && m_random.chance(0.85))
        list = &own.value();
    if (after >= 0) {
        const auto from = std::upper_bound(list->begin(), list->end(), after);
        const int remaining = static_cast<int>(list->end() - from);
        return remaining == 0 ? -1 : *(from + m_random.below(remaining));
    }
    return list->isEmpty() ? -1 : list->at(m_random.skewed(static_cast<int>(list->size())));
}

// Every workload is called by someone of the tier above, so every node shows up in the graph.
void MeshMaker::guaranteeIncoming()
{
    for (int i = 0; i < m_workloads.size(); ++i) {
        const Workload& w = m_workloads[i];
        Tier from = Tier::Unknown;
        switch (w.tier) {
        case Tier::Unknown: continue;
        case Tier::Ingress: from = Tier::Unknown; break;
        case Tier::Frontend: from = Tier::Ingress; break;
        case Tier::Api: from = Tier::Frontend; break;
        case Tier::Core: from = Tier::Api; break;
        case Tier::Platform: from = m_random.chance(0.5) ? Tier::Api : Tier::Frontend; break;
        case Tier::Backend: from = m_random.chance(0.7) ? Tier::Core : Tier::Api; break;
        case Tier::External: from = Tier::Core; break;
        }
        const QList<int>& sources = m_byTier[static_cast<int>(from)];
        const auto own = m_byTierAndTeam.constFind(tierTeamKey(from, w.team));
        const QList<int>& list = w.team >= 0 && own != m_byTierAndTeam.constEnd() ? own.value() : sources;
        connect(list.at(m_random.below(static_cast<int>(list.size()))), i);
    }
}

int MeshMaker::randomTarget(const Workload& s, int sourceIndex)
{
    if (s.tier != Tier::Ingress && m_random.chance(0.01)) {
        // A callback to a shallower tier (webhooks, async replies): closes a cycle.
        const Tier back[] = {Tier::Frontend, Tier::Api, Tier::Core};
        const int deepest = std::clamp(depth(s.tier) - 2, 0, 2);
        return pick(back[m_random.below(deepest + 1)], s.team);
    }
    if (s.tier != Tier::Ingress && s.tier != Tier::Backend && s.tier != Tier::Platform && m_random.chance(0.08))
        return pick(Tier::Platform, s.team);
    const double u = m_random.unit();
    switch (s.tier) {
    case Tier::Ingress: return pick(Tier::Frontend, s.team);
    case Tier::Frontend: return pick(u < 0.8 ? Tier::Api : Tier::Core, s.team);
    case Tier::Api:
        if (u < 0.1)
            return pick(Tier::Api, s.team, sourceIndex);
        return pick(u < 0.8 ? Tier::Core : Tier::Backend, s.team);
    case Tier::Core:
        if (u < 0.25)
            return pick(Tier::Core, s.team, sourceIndex);
        return pick(u < 0.9 ? Tier::Backend : Tier::External, s.team);
    case Tier::Platform: return pick(Tier::Backend, s.team);
    case Tier::Backend: return pick(Tier::Backend, s.team, sourceIndex); // replication
    default: return -1;
    }
}

// Further calls until edgesPerNode x nodes: callers are mostly frontends and services.
void MeshMaker::fill()
{
    QList<int> callers;
    for (const Tier tier : {Tier::Ingress, Tier::Frontend, Tier::Api, Tier::Core, Tier::Platform})
        callers.append(m_byTier[static_cast<int>(tier)]);
    const QList<int>& backends = m_byTier[static_cast<int>(Tier::Backend)];
    const qint64 attempts = 50LL * m_edgeTarget;
    for (qint64 a = 0; a < attempts && m_calls.size() < m_edgeTarget; ++a) {
        const bool fromBackend = m_random.chance(0.05) && !backends.isEmpty();
        const QList<int>& pool = fromBackend ? backends : callers;
        const int source = pool.at(m_random.below(static_cast<int>(pool.size())));
        connect(source, randomTarget(m_workloads[source], source));
    }
}

QMap<QString, QString> MeshMaker::labels(const Workload& s, const Workload& d, const QString& reporter) const
{
    const QString cluster = u"Kubernetes"_qs;
    const bool external = d.tier == Tier::External;
    return {
        {u"reporter"_qs, reporter},
        {u"source_cluster"_qs, cluster},
        {u"source_workload_namespace"_qs, s.ns},
        {u"source_workload"_qs, s.workload},
        {u"source_canonical_service"_qs, s.app},
        {u"source_canonical_revision"_qs, s.version},
        {u"destination_cluster"_qs, cluster},
        {u"destination_service_namespace"_qs, d.ns},
        {u"destination_service"_qs, d.host},
        {u"destination_service_name"_qs, external ? d.host : d.app},
        {u"destination_workload_namespace"_qs, external ? u"unknown"_qs : d.ns},
        {u"destination_workload"_qs, external ? u"unknown"_qs : d.workload},
        {u"destination_canonical_service"_qs, external ? u"unknown"_qs : d.app},
        {u"destination_canonical_revision"_qs, external ? u"unknown"_qs : d.version},
    };
}

PrometheusSeries series(QMap<QString, QString> metric, double value)
{
    PrometheusSeries s;
    s.metric = std::move(metric);
    s.samples = {{1.7e9, value}};
    return s;
}

// The series Prometheus returns for one call: both reporters (the builder keeps one), a second
// response code on some calls, and destination-side latency quantiles.
void MeshMaker::emitCall(const Call& call)
{
    const Workload& s = m_workloads[call.source];
    const Workload& d = m_workloads[call.target];
    const bool unknownCaller = s.tier == Tier::Unknown;
    const double rate = 0.5 + 50 * m_random.unit() * m_random.unit();
    QStringList reporters;
    if (!unknownCaller)
        reporters.append(u"source"_qs);
    if (d.tier != Tier::External)
        reporters.append(u"destination"_qs);
    if (d.tcp) {
        for (const QString& reporter : std::as_const(reporters))
            m_mesh.telemetry.tcp.series.append(series(labels(s, d, reporter), rate * 1500));
        return;
    }
    const bool grpc = d.tier != Tier::External && m_random.chance(0.25);
    const double errorShare = m_random.chance(0.3) ? (m_random.chance(0.2) ? 0.15 : 0.02) : 0.0;
    for (const QString& reporter : std::as_const(reporters)) {
        QMap<QString, QString> base = labels(s, d, reporter);
        base.insert(u"request_protocol"_qs, grpc ? u"grpc"_qs : u"http"_qs);
        base.insert(u"response_flags"_qs, u"-"_qs);
        QMap<QString, QString> ok = base;
        ok.insert(u"response_code"_qs, u"200"_qs);
        ok.insert(u"grpc_response_status"_qs, grpc ? u"0"_qs : QString());
        m_mesh.telemetry.requests.series.append(series(ok, rate * (1 - errorShare)));
        if (errorShare > 0) {
            QMap<QString, QString> failed = base;
            failed.insert(u"response_code"_qs, grpc ? u"200"_qs : u"503"_qs);
            failed.insert(u"grpc_response_status"_qs, grpc ? u"14"_qs : QString());
            failed.insert(u"response_flags"_qs, u"UF"_qs);
            m_mesh.telemetry.requests.series.append(series(failed, rate * errorShare));
        }
    }
    const QString latencyReporter = reporters.last();
    const double p95 = 5 + 300 * m_random.unit() * m_random.unit();
    m_mesh.telemetry.p95.series.append(series(labels(s, d, latencyReporter), p95));
    m_mesh.telemetry.p99.series.append(series(labels(s, d, latencyReporter), p95 * 1.8));
}

SyntheticMesh MeshMaker::make()
{
    makeWorkloads();
    guaranteeIncoming();
    fill();
    for (PrometheusData* data : {&m_mesh.telemetry.requests, &m_mesh.telemetry.tcp, &m_mesh.telemetry.p95, &m_mesh.telemetry.p99})
        data->resultType = u"vector"_qs;
    for (const Call& call : std::as_const(m_calls))
        emitCall(call);
    GraphInventory& inv = m_mesh.inventory;
    int routeCount = 0;
    for (const Workload& w : std::as_const(m_workloads)) {
        if (w.tier == Tier::Unknown)
            continue;
        if (w.tier == Tier::External) {
            inv.serviceEntryHosts.append(w.host);
            continue;
        }
        if (w.vm) {
            // Auto-registered VMs: the workload is the WorkloadGroup, two entries, one of them
            // failing its health check now and then.
            inv.workloadGroups[w.ns].append(w.workload);
            for (int e = 0; e < 2; ++e) {
                WorkloadEntryInfo we;
                we.namespaceName = w.ns;
                we.name = w.workload + u"-10.%1.%2.%3"_qs.arg(m_random.below(250)).arg(m_random.below(250)).arg(e + 10);
                we.labels = {{u"app"_qs, w.app}, {u"version"_qs, w.version}};
                we.workloadGroup = w.workload;
                we.healthChecksEnabled = true;
                we.healthyCondition = !m_random.chance(0.05);
                inv.workloadEntries.append(we);
            }
        } else {
            const int desired = 2;
            inv.pods.append({w.ns, w.workload, w.app, w.version, desired, m_random.chance(0.05) ? 1 : desired});
        }
        if (w.tier == Tier::Api && routeCount < m_routes) {
            ++routeCount; // one VirtualService per 40 workloads: an API to its one version
            inv.routes.append({w.ns, w.app, {{w.app, w.version, {{u"version"_qs, w.version}}, 0}}});
        }
    }
    m_mesh.nodes = static_cast<int>(m_workloads.size());
    m_mesh.edges = static_cast<int>(m_calls.size());
    m_mesh.routes = routeCount;
    const GraphTelemetry& t = m_mesh.telemetry;
    m_mesh.series = static_cast<int>(t.requests.series.size() + t.tcp.series.size() + t.p95.series.size() + t.p99.series.size());
    return std::move(m_mesh);
}

} // namespace

SyntheticMesh makeSyntheticMesh(int nodes, quint64 seed, bool routes, int edgesPerNode)
{
    return MeshMaker(nodes, seed, routes, edgesPerNode).make();
}

QByteArray layoutInputJson(const TrafficGraph& graph, const GraphLayoutInput& input, const GraphLayoutOptions& options)
{
    QJsonArray ids;
    for (const GraphNode& node : graph.nodes)
        ids.append(node.id);
    QJsonArray edges;
    for (const LayoutEdge& e : input.edges)
        edges.append(QJsonArray{e.source, e.target});
    // dagre's ranksep, like rankSpacing, is the gap between the sides of two ranks; its edgesep
    // is the gap around a bend, our edgeSpacing.
    const QJsonObject dagre{{u"rankdir"_qs, u"LR"_qs},
                            {u"nodesep"_qs, options.nodeSpacing},
                            {u"edgesep"_qs, options.edgeSpacing},
                            {u"ranksep"_qs, options.rankSpacing},
                            {u"width"_qs, options.nodeWidth},
                            {u"height"_qs, options.nodeHeight}};
    return QJsonDocument(QJsonObject{{u"nodes"_qs, ids}, {u"edges"_qs, edges}, {u"options"_qs, dagre}})
        .toJson(QJsonDocument::Compact);
}
