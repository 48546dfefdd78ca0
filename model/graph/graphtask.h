// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "graphsource.h"
#include "task.h"

#include <QPointer>

/*!
 * One graph request as a Task (core/task.h), for whoever drives requests the way it drives the
 * other operations (a wizard's "verify the traffic split" page, the CLI's graph command):
 * start() asks the source, finished() carries the source's typed error or Error{} with graph()
 * set, cancel() drops the request at the source (LiveGraphSource stops its lists and queries).
 */
class GraphTask final : public Task
{
    Q_OBJECT
public:
    GraphTask(GraphSource* source, GraphRequest request, QObject* parent = nullptr);

    /*! After finished() without an error. */
    const TrafficGraph& graph() const { return m_graph; }

private:
    void run() override;
    void abort() override;

    QPointer<GraphSource> m_source;
    GraphRequest m_request;
    quint64 m_id = 0;
    TrafficGraph m_graph;
};
