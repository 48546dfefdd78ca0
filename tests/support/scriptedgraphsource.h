// SPDX-License-Identifier: Apache-2.0
#pragma once

// A test double of GraphSource: records every request and answers only when the test says so,
// in any order, so that tests can deliver stale answers on purpose.

#include "graphsource.h"

#include <QList>

#include <utility>

class ScriptedGraphSource final : public GraphSource
{
    Q_OBJECT

public:
    using GraphSource::GraphSource;

    QString description() const override { return u"Scripted source"_qs; }
    QStringList defaultNamespaces() const override { return {u"bookinfo"_qs}; }
    bool isLive() const override { return live; }

    quint64 requestGraph(const GraphRequest& request) override
    {
        graphRequests.append({++m_next, request});
        return m_next;
    }
    quint64 requestSeries(const SeriesRequest& request) override
    {
        seriesRequests.append({++m_next, request});
        return m_next;
    }
    void cancelAll() override { ++cancelled; }
    void cancel(quint64 request) override { canceledRequests.append(request); }

    void answerGraph(quint64 id, const TrafficGraph& graph) { emit graphReady(id, graph); }
    void failGraph(quint64 id, const QString& message, Error::Kind kind = Error::Kind::PrometheusFailed)
    {
        emit graphFailed(id, Error::make(kind, message));
    }
    void answerSeries(quint64 id, const QList<GraphSeries>& series, const QString& error = {})
    {
        SeriesResult result;
        result.request = id;
        result.series = series;
        result.error = error;
        emit seriesReady(result);
    }

    bool live = true;
    int cancelled = 0;
    QList<quint64> canceledRequests;
    QList<std::pair<quint64, GraphRequest>> graphRequests;
    QList<std::pair<quint64, SeriesRequest>> seriesRequests;

private:
    quint64 m_next = 0;
};
