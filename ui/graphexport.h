// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

class GraphScene;
struct TrafficGraph;

/*!
 * The graph page's exports, each written atomically (QSaveFile). PNG and SVG show what the
 * scene shows (positions the user chose, hidden items left out, find's highlight); JSON is
 * the model's whole graph in GraphFormats::toJson, the same as `meshdeck graph --format json`.
 */
namespace GraphExport {

enum class Format { Png, Svg, Json };

/*! Renders or serialises and writes; the scene is only painted, never changed. */
bool write(Format format, GraphScene& scene, const QString& path, QString* error);

/*! The file dialog's name filter for format ("PNG image (*.png)"). */
QString nameFilter(Format format);
QString suffix(Format format);

} // namespace GraphExport
