// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "graphbuilder.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

/*!
 * The traffic graph's file formats, shared by `meshdeck graph` and the window's export: JSON
 * (every metric, configured weights and drift), Graphviz DOT, SVG, and recorded telemetry.
 */
namespace GraphFormats {

/*! A recorded graph input: the Prometheus answers and the inventory GraphBuilder takes. */
struct Recording
{
    GraphTelemetry telemetry;
    GraphInventory inventory;
    GraphBuildOptions options;
};

/*!
 * Reads a recording: either {"graphType", "driftTolerance", "telemetry": {"requests", "tcp",
 * "p95", "p99"} (Prometheus API answers), "inventory": {...}} or one bare Prometheus answer
 * (the requests query). nullopt and *error on anything else.
 */
std::optional<Recording> parseRecording(const QByteArray& json, QString* error);

/*! The graph types' names, indexed by GraphType: workload, app, versionedApp, service. */
const QStringList& graphTypeNames();

QJsonObject toJson(const TrafficGraph& graph);
QByteArray toDot(const TrafficGraph& graph);
QByteArray toSvg(const TrafficGraph& graph);

} // namespace GraphFormats
