// SPDX-License-Identifier: Apache-2.0
#pragma once

// Small helpers the test suites share.

#include "problem.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

namespace TestSupport {

/*! The repository root: set by ctest, compiled in for running a test by hand. */
inline QString sourceDir()
{
    return qEnvironmentVariable("MESHDECK_SOURCE_DIR", QStringLiteral(MESHDECK_TEST_SOURCE_DIR));
}

/*! Problems one per line, for failure messages. */
inline QString describe(const Problems& problems)
{
    QStringList lines;
    for (const Problem& p : problems)
        lines.append(p.toString());
    return lines.join(u'\n');
}

inline QByteArray readAll(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeFile(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}

} // namespace TestSupport
