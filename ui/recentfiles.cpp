// SPDX-License-Identifier: Apache-2.0
#include "recentfiles.h"

#include <QFileInfo>
#include <QSettings>

namespace {

QSettings settings()
{
    return QSettings(u"meshdeck"_qs, u"meshdeck"_qs);
}

const QString key = u"recentFiles"_qs;

} // namespace

RecentFiles::RecentFiles(QObject* parent)
    : QObject(parent)
{
}

RecentFiles::~RecentFiles() = default;

QStringList RecentFiles::files() const
{
    return settings().value(key).toStringList();
}

void RecentFiles::add(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = files();
    list.removeAll(absolute);
    list.prepend(absolute);
    store(list.mid(0, maximum));
}

void RecentFiles::remove(const QString& path)
{
    QStringList list = files();
    if (list.removeAll(QFileInfo(path).absoluteFilePath()) > 0)
        store(list);
}

void RecentFiles::clear()
{
    store({});
}

void RecentFiles::store(const QStringList& list)
{
    if (list == files())
        return;
    settings().setValue(key, list);
    emit changed();
}
