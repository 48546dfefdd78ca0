// SPDX-License-Identifier: Apache-2.0
#include "graphpositions.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace {

QString absolutePlan(const QString& planPath)
{
    return planPath.isEmpty() ? QString() : QFileInfo(planPath).absoluteFilePath();
}

QStringList sortedUnique(QStringList namespaces)
{
    namespaces.sort();
    namespaces.removeDuplicates();
    return namespaces;
}

} // namespace

GraphPositions::GraphPositions(const QString& planPath, const QStringList& namespaces)
    : m_plan(absolutePlan(planPath))
    , m_namespaces(sortedUnique(namespaces))
{
    const QByteArray hash = QCryptographicHash::hash(key(planPath, namespaces), QCryptographicHash::Sha256);
    m_file = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/graph-positions/"_qs
        + QString::fromLatin1(hash.toHex()) + u".json"_qs;
}

QByteArray GraphPositions::key(const QString& planPath, const QStringList& namespaces)
{
    return (absolutePlan(planPath) + u'\n' + sortedUnique(namespaces).join(u',')).toUtf8();
}

QHash<QString, QPointF> GraphPositions::load() const
{
    QHash<QString, QPointF> positions;
    QFile file(m_file);
    if (!file.open(QIODevice::ReadOnly))
        return positions;
    const QJsonObject nodes = QJsonDocument::fromJson(file.readAll()).object().value(u"positions"_qs).toObject();
    for (auto it = nodes.begin(); it != nodes.end(); ++it) {
        const QJsonArray xy = it.value().toArray();
        if (xy.size() == 2 && xy[0].isDouble() && xy[1].isDouble())
            positions.insert(it.key(), QPointF(xy[0].toDouble(), xy[1].toDouble()));
    }
    return positions;
}

bool GraphPositions::save(const QHash<QString, QPointF>& positions, QString* error) const
{
    QJsonObject nodes;
    for (auto it = positions.begin(); it != positions.end(); ++it)
        nodes.insert(it.key(), QJsonArray{it.value().x(), it.value().y()});
    // Plan and namespaces are repeated inside so that a person can tell the files apart.
    const QJsonObject root{{u"plan"_qs, m_plan},
                           {u"namespaces"_qs, QJsonArray::fromStringList(m_namespaces)},
                           {u"positions"_qs, nodes}};
    if (!QDir().mkpath(QFileInfo(m_file).absolutePath())) {
        if (error)
            *error = u"cannot create %1"_qs.arg(QFileInfo(m_file).absolutePath());
        return false;
    }
    QSaveFile file(m_file);
    if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(root).toJson()) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}
