// SPDX-License-Identifier: Apache-2.0
#include "graphtask.h"

GraphTask::GraphTask(GraphSource* source, GraphRequest request, QObject* parent)
    : Task(parent)
    , m_source(source)
    , m_request(std::move(request))
{
}

void GraphTask::run()
{
    if (!m_source) {
        finish(Error::make(Error::Kind::InvalidInput, tr("no graph source")));
        return;
    }
    connect(m_source, &GraphSource::graphReady, this, [this](quint64 id, const TrafficGraph& graph) {
        if (id != m_id || !isRunning())
            return;
        m_graph = graph;
        setProgress(1, 1, {});
        finish();
    });
    connect(m_source, &GraphSource::graphFailed, this, [this](quint64 id, const Error& error) {
        if (id == m_id && isRunning())
            finish(error);
    });
    setProgress(0, 1, m_source->description());
    m_id = m_source->requestGraph(m_request);
}

void GraphTask::abort()
{
    if (m_source) {
        m_source->cancel(m_id);
        disconnect(m_source, nullptr, this, nullptr);
    }
}
