// SPDX-License-Identifier: Apache-2.0
#include "graphexport.h"

#include "graphtheme.h"

#include "graphformats.h"
#include "graphscene.h"
#include "trafficgraphmodel.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QImage>
#include <QJsonDocument>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <algorithm>
#include <cmath>
#include <optional>

namespace GraphExport {

namespace {

constexpr double margin = 20;
constexpr double maxPixels = 8000; // per side: a very large graph is scaled down, not cut

QString tr(const char* text)
{
    return QCoreApplication::translate("GraphExport", text);
}

QRectF area(const GraphScene& scene)
{
    const QRectF visible = scene.visibleItemsRect();
    return (visible.isEmpty() ? QRectF(0, 0, 100, 100) : visible).adjusted(-margin, -margin, margin, margin);
}

void render(GraphScene& scene, QPainter* painter, const QRectF& target, const QRectF& source)
{
    painter->setRenderHint(QPainter::Antialiasing);
    scene.render(painter, target, source, Qt::KeepAspectRatio);
}

std::optional<QByteArray> png(GraphScene& scene, QString* error)
{
    const QRectF source = area(scene);
    const double scale = std::min(1.0, maxPixels / std::max(source.width(), source.height()));
    const QSize size(int(std::ceil(source.width() * scale)), int(std::ceil(source.height() * scale)));
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(GraphTheme::current().background); // the canvas the items were themed for
    QPainter painter(&image);
    render(scene, &painter, QRectF(QPointF(0, 0), size), source);
    painter.end();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (!image.save(&buffer, "PNG")) {
        *error = tr("the image could not be encoded");
        return std::nullopt;
    }
    return bytes;
}

QByteArray svg(GraphScene& scene)
{
    const QRectF source = area(scene);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    QSvgGenerator generator;
    generator.setOutputDevice(&buffer);
    generator.setSize(source.size().toSize());
    generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
    generator.setTitle(tr("Traffic graph"));
    generator.setDescription(tr("Exported by meshdeck"));
    QPainter painter(&generator);
    render(scene, &painter, QRectF(QPointF(0, 0), source.size()), source);
    painter.end();
    return bytes;
}

} // namespace

bool write(Format format, GraphScene& scene, const QString& path, QString* error)
{
    QString ignored;
    if (!error)
        error = &ignored;
    QByteArray bytes;
    switch (format) {
    case Format::Png: {
        const std::optional<QByteArray> image = png(scene, error);
        if (!image)
            return false;
        bytes = *image;
        break;
    }
    case Format::Svg: bytes = svg(scene); break;
    case Format::Json: bytes = QJsonDocument(GraphFormats::toJson(scene.graph())).toJson(); break;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        *error = file.errorString();
        return false;
    }
    return true;
}

QString nameFilter(Format format)
{
    switch (format) {
    case Format::Png: return tr("PNG image (*.png)");
    case Format::Svg: return tr("SVG image (*.svg)");
    case Format::Json: return tr("Graph JSON (*.json)");
    }
    return {};
}

QString suffix(Format format)
{
    switch (format) {
    case Format::Png: return u"png"_qs;
    case Format::Svg: return u"svg"_qs;
    case Format::Json: return u"json"_qs;
    }
    return {};
}

} // namespace GraphExport
