// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "trafficgraph.h"

#include <QString>

#include <memory>
#include <optional>

/*! Where and why an expression does not parse: column is 1-based, into the expression. */
struct GraphFilterError
{
    int column = 0;
    QString message; //!< says what was expected and lists the valid attributes where that helps
};

/*!
 * A find/hide expression over the traffic graph, in the spirit of Kiali's graph find/hide:
 *
 *   expr   := or ; or := and ("or" | "||") ... ; and := unary ("and" | "&&") ... ;
 *   unary  := ("not" | "!") unary | "(" expr ")" | term
 *   term   := attribute op value | flag
 *   op     := "=" "!=" ">" ">=" "<" "<=" "~" (contains, case-insensitive; '*' and '?' globs)
 *
 * Text compares without case; "~" with a '*' or '?' is a glob over the whole value, otherwise
 * "contains". "name" matches the node's label (GraphStyle::nodeLabel) or its id. kind=vm also
 * matches workloads mixing pods and VMs. "!=" is "not =", except on numbers: an unknown latency
 * (NaN) or an edge without a configured weight matches no comparison at all.
 *
 * Node attributes: name (the node's label), namespace|ns, app, version, workload, service,
 * cluster, kind (workload, vm, service, serviceentry, unknown), health (healthy, degraded,
 * failure, notready, na), inrate, outrate (req/s). Node flags: vm, mixed, healthy, unhealthy.
 * Edge attributes: rate (req/s), error (%), share (%), p95, p99 (ms), tcp (bytes/s), protocol,
 * weight (configured %). Edge flags: drift, weighted, idle (rate 0 and tcp 0).
 * Numbers may carry a unit suffix where natural (100ms, 5%, 2rps). Values with spaces are quoted.
 * Units: rates rps or req/s; percentages %; latencies ms or s; tcp B/s, KB/s, MB/s, GB/s (1024).
 *
 * An expression concerns nodes or edges, never both: mixing them is a parse error naming the
 * term. An empty expression parses to a filter that matches nothing (isEmpty()).
 */
class GraphFilter
{
public:
    enum class Target { None, Nodes, Edges };

    static std::optional<GraphFilter> parse(const QString& expression, GraphFilterError* error = nullptr);

    bool isEmpty() const { return m_target == Target::None; }
    Target target() const { return m_target; }
    /*! False for an edge expression or an empty one. */
    bool matchesNode(const GraphNode& node) const;
    /*! False for a node expression or an empty one. */
    bool matchesEdge(const GraphEdge& edge) const;

    struct Expr; //!< the parsed tree (graphfilter.cpp)

private:
    Target m_target = Target::None;
    std::shared_ptr<const Expr> m_root;
};
