// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QStringList>

/*!
 * The recently opened plans, newest first, kept in QSettings (organization and application
 * "meshdeck", key "recentFiles") so they survive restarts and are shared by every window.
 */
class RecentFiles final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RecentFiles)

public:
    static constexpr int maximum = 10;

    explicit RecentFiles(QObject* parent = nullptr);
    ~RecentFiles() override;

    QStringList files() const;
    /*! Moves path to the front (absolute, de-duplicated), dropping the oldest beyond maximum. */
    void add(const QString& path);
    void remove(const QString& path);
    void clear();

signals:
    void changed();

private:
    void store(const QStringList& files);
};
