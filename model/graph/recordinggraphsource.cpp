// SPDX-License-Identifier: Apache-2.0
#include "recordinggraphsource.h"

#include <QFile>
#include <QFileInfo>
#include <QTimer>

RecordingGraphSource::RecordingGraphSource(const GraphFormats::Recording& recording, const QString& name,
                                           QObject* parent)
    : GraphSource(parent)
    , m_recording(recording)
    , m_name(name)
{
    const TrafficGraph graph = buildTrafficGraph(recording.telemetry, recording.inventory, recording.options);
    for (const GraphNode& node : graph.nodes) {
        // "unknown" is Kiali's namespace for callers outside the mesh, not one to select.
        if (!node.namespaceName.isEmpty() && node.kind != GraphNode::Kind::Unknown
            && !m_namespaces.contains(node.namespaceName))
            m_namespaces.append(node.namespaceName);
    }
    m_namespaces.sort();
}

RecordingGraphSource* RecordingGraphSource::fromFile(const QString& path, QString* error, QObject* parent)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return nullptr;
    }
    const std::optional<GraphFormats::Recording> recording = GraphFormats::parseRecording(file.readAll(), error);
    if (!recording)
        return nullptr;
    return new RecordingGraphSource(*recording, QFileInfo(path).fileName(), parent);
}

QString RecordingGraphSource::description() const
{
    return tr("Recording %1").arg(m_name);
}

quint64 RecordingGraphSource::requestGraph(const GraphRequest& request)
{
    const quint64 id = ++m_next;
    m_pending.insert(id);
    // Answered from the event loop: the interface promises never to answer inside the call.
    QTimer::singleShot(0, this, [this, id, type = request.type] {
        if (!m_pending.remove(id))
            return; // cancelled
        GraphBuildOptions options = m_recording.options;
        options.type = type;
        emit graphReady(id, buildTrafficGraph(m_recording.telemetry, m_recording.inventory, options));
    });
    return id;
}

quint64 RecordingGraphSource::requestSeries(const SeriesRequest&)
{
    const quint64 id = ++m_next;
    m_pending.insert(id);
    QTimer::singleShot(0, this, [this, id] {
        if (!m_pending.remove(id))
            return;
        SeriesResult result;
        result.request = id;
        result.error = tr("a recording has no time series");
        emit seriesReady(result);
    });
    return id;
}

void RecordingGraphSource::cancelAll()
{
    m_pending.clear();
}

void RecordingGraphSource::cancel(quint64 request)
{
    m_pending.remove(request);
}
