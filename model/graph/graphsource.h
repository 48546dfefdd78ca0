// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "error.h"
#include "trafficgraph.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QPointF>
#include <QString>
#include <QStringList>

/*! Which graph to fetch: namespaces, graph type and the time window the rates are taken over. */
struct GraphRequest
{
    QStringList namespaces;  //!< empty = the source's default set (the plan's namespaces)
    GraphType type = GraphType::Workload;
    int windowSeconds = 60;  //!< rate window ("last 1m"), Kiali's default
    QDateTime end;           //!< end of the window; invalid = now
};

/*! Time series for one node or one edge of the graph last delivered, for the side panel. */
struct SeriesRequest
{
    enum class Target { Node, Edge };
    Target target = Target::Node;
    QString nodeId;       //!< Target::Node
    QString source;       //!< Target::Edge: node ids and protocol of the edge
    QString destination;
    QString protocol;
    QStringList namespaces; //!< as in the GraphRequest the graph came from
    GraphType type = GraphType::Workload;
    QDateTime start;
    QDateTime end;
    int stepSeconds = 15;
};

/*! One series: x = milliseconds since the epoch, y in unit. NaN y = no sample at that step. */
struct GraphSeries
{
    QString name;  //!< "requests", "errors", "p95", "p99", "tcp"
    QString unit;  //!< "req/s", "ms", "B/s"
    QList<QPointF> points;
};

struct SeriesResult
{
    quint64 request = 0;
    QList<GraphSeries> series;
    QString error; //!< non-empty: nothing could be fetched, and why
};

/*!
 * Where the window's traffic graph comes from. The window only sees this interface; the
 * composition root (app/) hands it a live source (cluster inventory + Prometheus, wizards/) or
 * a recorded one. Requests are asynchronous: each returns an id that exactly one of the
 * matching signals reports later (never synchronously from inside the request call).
 */
class GraphSource : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    /*! For the status bar: "Prometheus istio-system/prometheus through context lab". */
    virtual QString description() const = 0;
    /*! The namespaces a GraphRequest with none selects (the plan's). */
    virtual QStringList defaultNamespaces() const = 0;
    /*! False for a recording: no time series, no refresh. */
    virtual bool isLive() const = 0;

    virtual quint64 requestGraph(const GraphRequest& request) = 0;
    virtual quint64 requestSeries(const SeriesRequest& request) = 0;
    /*! Drops every pending request: their signals never come. */
    virtual void cancelAll() = 0;
    /*! Drops one pending request (graph or series): its signal never comes. */
    virtual void cancel(quint64 request) = 0;

signals:
    void graphReady(quint64 request, const TrafficGraph& graph);
    /*! error: typed (PrometheusFailed, KubernetesStatus, Timeout, ...), message for the user. */
    void graphFailed(quint64 request, const Error& error);
    void seriesReady(const SeriesResult& result);
};
