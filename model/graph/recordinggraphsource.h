// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "graphformats.h"
#include "graphsource.h"

#include <QSet>

#include <optional>

/*!
 * A GraphSource over recorded telemetry (GraphFormats::Recording), for demos, tests and bug
 * reports: every graph request is answered with the graph built from the recording for the
 * requested graph type, whatever the namespaces and window (the recording is one moment).
 * It has no time series and nothing to refresh (isLive() is false).
 */
class RecordingGraphSource final : public GraphSource
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecordingGraphSource)

public:
    RecordingGraphSource(const GraphFormats::Recording& recording, const QString& name, QObject* parent = nullptr);

    /*! Reads and parses file; nullptr and *error when it is not a recording. */
    static RecordingGraphSource* fromFile(const QString& path, QString* error, QObject* parent = nullptr);

    /*! The graph type the recording was made for (its "graphType"; workload for a bare answer). */
    GraphType recordedType() const { return m_recording.options.type; }

    QString description() const override;
    /*! The namespaces of the recorded nodes, sorted. */
    QStringList defaultNamespaces() const override { return m_namespaces; }
    bool isLive() const override { return false; }

    quint64 requestGraph(const GraphRequest& request) override;
    quint64 requestSeries(const SeriesRequest& request) override;
    void cancelAll() override;
    void cancel(quint64 request) override;

private:
    GraphFormats::Recording m_recording;
    QString m_name;
    QStringList m_namespaces;
    quint64 m_next = 0;
    QSet<quint64> m_pending;
};
