// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internal to meshmodel (includes yaml-cpp): typed, located reading of a YAML tree with every
// problem collected rather than thrown.

#include "planloader.h"

#include <yaml-cpp/yaml.h>

#include <QSet>

#include <functional>

class YamlNodeReader
{
public:
    YamlNodeReader(QString file, Problems* problems, QHash<QString, SourceLocation>* locations);

    void error(const YAML::Node& node, const QString& path, const QString& message, const QString& hint = {});
    void warning(const YAML::Node& node, const QString& path, const QString& message, const QString& hint = {});
    void errorAt(SourceLocation at, const QString& path, const QString& message, const QString& hint = {});
    SourceLocation locationOf(const YAML::Node& node) const;
    SourceLocation located(const QString& path) const { return m_locations->value(path); }
    const QString& file() const { return m_file; }

    /*!
     * A mapping in the document. Reading a key marks it known; finish() reports the keys nobody
     * read as unknown, with the nearest known key as a suggestion.
     */
    class Map
    {
    public:
        Map(YamlNodeReader& reader, const YAML::Node& node, QString path, QStringList knownKeys);
        ~Map();
        Map(const Map&) = delete;
        Map& operator=(const Map&) = delete;

        bool valid() const { return m_valid; }
        bool has(const QString& key) const;
        YAML::Node node(const QString& key) const;
        QString path(const QString& key) const;

        QString string(const QString& key, const QString& fallback = {});
        int integer(const QString& key, int fallback);
        bool boolean(const QString& key, bool fallback);
        StringMap stringMap(const QString& key, bool labels);
        QStringList stringList(const QString& key);
        /*! Seconds: an integer, or a Go duration such as "1h", "30m", "90s", "1h30m". */
        int duration(const QString& key, int fallback);
        /*! Calls each(item, index, path) for a sequence. */
        void sequence(const QString& key, const std::function<void(const YAML::Node&, int, const QString&)>& each);
        /*! One of the given spellings. */
        QString choice(const QString& key, const QStringList& allowed, const QString& fallback);

    private:
        void finish();
        YamlNodeReader& m_reader;
        YAML::Node m_node;
        QString m_path;
        QStringList m_known;
        bool m_valid = false;
    };

    /*! A scalar's text; reports and returns nullopt for null, mappings and sequences. */
    std::optional<QString> scalar(const YAML::Node& node, const QString& path, const QString& what);

private:
    QString m_file;
    Problems* m_problems;
    QHash<QString, SourceLocation>* m_locations;
};
