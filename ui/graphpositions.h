// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QPointF>
#include <QString>
#include <QStringList>

/*!
 * Where the user put the graph's nodes, per plan and namespace set: one JSON file under
 * AppDataLocation/graph-positions/, named by the SHA-256 of the plan's absolute path, '\n' and
 * the sorted namespaces joined by ','. The same namespaces in another order are the same set.
 * Written atomically (QSaveFile).
 */
class GraphPositions
{
public:
    GraphPositions(const QString& planPath, const QStringList& namespaces);

    QString filePath() const { return m_file; }
    /*! Node id -> position; empty when nothing was saved or the file cannot be read. */
    QHash<QString, QPointF> load() const;
    bool save(const QHash<QString, QPointF>& positions, QString* error = nullptr) const;

    /*! The file name's hash input: absolute plan path, '\n', sorted namespaces joined by ','. */
    static QByteArray key(const QString& planPath, const QStringList& namespaces);

private:
    QString m_plan;
    QStringList m_namespaces;
    QString m_file;
};
