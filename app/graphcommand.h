// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

/*!
 * `meshdeck graph`: the traffic graph for scripts, as JSON, Graphviz DOT or SVG (GraphFormats),
 * from the cluster's Prometheus or from a recorded telemetry file (--input).
 */
namespace GraphCommand {

int run(const QStringList& args);

} // namespace GraphCommand
