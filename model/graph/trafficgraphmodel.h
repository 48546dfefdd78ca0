// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "trafficgraph.h"

#include <QHash>
#include <QObject>
#include <QString>

/*!
 * The traffic graph as a model the scene mirrors (house style §4): a refresh that keeps the
 * topology only updates metrics, so the view keeps its layout and the user's node positions.
 *
 * setGraph() compares the new graph with the current one by node id and by edge key
 * (source, destination, protocol):
 *  - same graph type, no node and no edge removed: nodeAdded/edgeAdded for new ones (appended:
 *    existing indices never change), then nodeUpdated/edgeUpdated for each one whose values
 *    changed (rates, health, configured weight...); nothing at all when nothing changed;
 *  - otherwise (something removed, another graph type, or ids repeated within the new graph,
 *    which GraphBuilder never does): the graph is replaced, then reset().
 * When the first signal is sent the model already holds the whole new graph, so a slot can look
 * up both ends of an added edge. After a merge, graph() keeps the model's order, not the new one's.
 * routeChecks and warnings are replaced every time (graphChanged() follows every setGraph()).
 */
class TrafficGraphModel final : public QObject
{
    Q_OBJECT

public:
    explicit TrafficGraphModel(QObject* parent = nullptr);

    const TrafficGraph& graph() const { return m_graph; }
    int nodeCount() const { return int(m_graph.nodes.size()); }
    int edgeCount() const { return int(m_graph.edges.size()); }
    const GraphNode& node(int index) const { return m_graph.nodes.at(index); }
    const GraphEdge& edge(int index) const { return m_graph.edges.at(index); }
    /*! -1 when absent. */
    int nodeIndex(const QString& id) const;
    int edgeIndex(const QString& source, const QString& destination, const QString& protocol) const;

    void setGraph(const TrafficGraph& graph);
    void clear();

signals:
    void reset();
    void nodeAdded(int index);
    void edgeAdded(int index);
    void nodeUpdated(int index);
    void edgeUpdated(int index);
    /*! After every setGraph()/clear(), once the signals above have been sent. */
    void graphChanged();

private:
    /*! Same type, unique ids, nothing removed: the new graph can be merged in place. */
    bool canMerge(const TrafficGraph& graph) const;
    void replace(const TrafficGraph& graph);

    TrafficGraph m_graph;
    QHash<QString, int> m_nodeIndex;
    QHash<QString, int> m_edgeIndex; //!< key: source + '\n' + destination + '\n' + protocol
};
