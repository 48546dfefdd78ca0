// SPDX-License-Identifier: Apache-2.0
#include "yamlnodereader.h"

#include "validation.h"

#include <QRegularExpression>

#include <algorithm>
#include <limits>

namespace {

QString typeName(const YAML::Node& node)
{
    switch (node.Type()) {
    case YAML::NodeType::Null: return u"nothing (null)"_qs;
    case YAML::NodeType::Sequence: return u"a list"_qs;
    case YAML::NodeType::Map: return u"a mapping"_qs;
    case YAML::NodeType::Scalar: return u"\""_qs + QString::fromStdString(node.Scalar()) + u'"';
    case YAML::NodeType::Undefined: break;
    }
    return u"nothing"_qs;
}

bool isQuoted(const YAML::Node& node)
{
    // yaml-cpp tags non-plain (quoted or block) scalars "!" and plain ones "?".
    return node.Tag() == "!";
}

// Edit distance for "did you mean" suggestions on unknown keys.
int distance(const QString& a, const QString& b)
{
    QList<int> prev(b.size() + 1);
    QList<int> cur(b.size() + 1);
    for (qsizetype j = 0; j <= b.size(); ++j)
        prev[j] = int(j);
    for (qsizetype i = 1; i <= a.size(); ++i) {
        cur[0] = int(i);
        for (qsizetype j = 1; j <= b.size(); ++j) {
            const int cost = a.at(i - 1).toLower() == b.at(j - 1).toLower() ? 0 : 1;
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

} // namespace

YamlNodeReader::YamlNodeReader(QString file, Problems* problems, QHash<QString, SourceLocation>* locations)
    : m_file(std::move(file))
    , m_problems(problems)
    , m_locations(locations)
{
}

SourceLocation YamlNodeReader::locationOf(const YAML::Node& node) const
{
    if (!node.IsDefined())
        return {};
    const YAML::Mark mark = node.Mark();
    if (mark.line < 0)
        return {};
    return {mark.line + 1, mark.column + 1};
}

void YamlNodeReader::errorAt(SourceLocation at, const QString& path, const QString& message, const QString& hint)
{
    m_problems->append(Problem{Problem::Severity::Error, m_file, at.line, at.column, path, message, hint});
}

void YamlNodeReader::error(const YAML::Node& node, const QString& path, const QString& message, const QString& hint)
{
    errorAt(locationOf(node), path, message, hint);
}

void YamlNodeReader::warning(const YAML::Node& node, const QString& path, const QString& message, const QString& hint)
{
    const SourceLocation at = locationOf(node);
    m_problems->append(Problem{Problem::Severity::Warning, m_file, at.line, at.column, path, message, hint});
}

std::optional<QString> YamlNodeReader::scalar(const YAML::Node& node, const QString& path, const QString& what)
{
    if (!node.IsScalar()) {
        error(node, path, u"expected "_qs + what + u", found "_qs + typeName(node));
        return std::nullopt;
    }
    return QString::fromStdString(node.Scalar());
}

// --- Map -------------------------------------------------------------------------------------------

YamlNodeReader::Map::Map(YamlNodeReader& reader, const YAML::Node& node, QString path, QStringList knownKeys)
    : m_reader(reader)
    , m_node(node)
    , m_path(std::move(path))
    , m_known(std::move(knownKeys))
{
    if (!node.IsMap()) {
        reader.error(node, m_path, u"expected a mapping (key: value lines), found "_qs + typeName(node));
        return;
    }
    m_valid = true;
    QSet<QString> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const QString key = QString::fromStdString(it->first.as<std::string>(std::string()));
        const QString keyPath = this->path(key);
        if (seen.contains(key)) {
            reader.error(it->first, keyPath, u"duplicate key \""_qs + key + u'"',
                         u"each key may appear once in a mapping; remove one of them"_qs);
            continue;
        }
        seen.insert(key);
        reader.m_locations->insert(keyPath, reader.locationOf(it->first));
    }
}

YamlNodeReader::Map::~Map()
{
    finish();
}

void YamlNodeReader::Map::finish()
{
    if (!m_valid)
        return;
    for (auto it = m_node.begin(); it != m_node.end(); ++it) {
        const QString key = QString::fromStdString(it->first.as<std::string>(std::string()));
        if (m_known.contains(key))
            continue;
        QString hint;
        const auto nearest = std::min_element(m_known.cbegin(), m_known.cend(), [&key](const QString& a, const QString& b) {
            return distance(key, a) < distance(key, b);
        });
        if (nearest != m_known.cend() && distance(key, *nearest) <= std::max<int>(2, int(key.size()) / 3))
            hint = u"did you mean \""_qs + *nearest + u"\"?"_qs;
        else
            hint = u"known keys here: "_qs + m_known.join(u", "_qs);
        m_reader.error(it->first, path(key), u"unknown key \""_qs + key + u'"', hint);
    }
    m_valid = false;
}

bool YamlNodeReader::Map::has(const QString& key) const
{
    const YAML::Node& constNode = m_node; // const lookup: never inserts the key
    return m_valid && constNode[key.toStdString()].IsDefined();
}

YAML::Node YamlNodeReader::Map::node(const QString& key) const
{
    if (!m_valid)
        return YAML::Node(YAML::NodeType::Undefined);
    const YAML::Node& constNode = m_node; // const lookup: never inserts the key
    const YAML::Node found = constNode[key.toStdString()];
    // A missing key yields a "zombie" node that throws on use; hand out a plain undefined one.
    return found.IsDefined() ? found : YAML::Node(YAML::NodeType::Undefined);
}

QString YamlNodeReader::Map::path(const QString& key) const
{
    return m_path.isEmpty() ? key : m_path + u'.' + key;
}

QString YamlNodeReader::Map::string(const QString& key, const QString& fallback)
{
    const YAML::Node n = node(key);
    if (!n.IsDefined() || n.IsNull())
        return fallback;
    return m_reader.scalar(n, path(key), u"a string"_qs).value_or(fallback);
}

int YamlNodeReader::Map::integer(const QString& key, int fallback)
{
    const YAML::Node n = node(key);
    if (!n.IsDefined() || n.IsNull())
        return fallback;
    const std::optional<QString> text = m_reader.scalar(n, path(key), u"a whole number"_qs);
    if (!text)
        return fallback;
    bool ok = false;
    const int value = text->toInt(&ok);
    if (!ok || isQuoted(n)) {
        const QString hint = ok ? u"remove the quotes"_qs : u"write a whole number such as 8080"_qs;
        m_reader.error(n, path(key), u"expected a whole number, found "_qs + typeName(n), hint);
        return fallback;
    }
    return value;
}

bool YamlNodeReader::Map::boolean(const QString& key, bool fallback)
{
    const YAML::Node n = node(key);
    if (!n.IsDefined() || n.IsNull())
        return fallback;
    const std::optional<QString> text = m_reader.scalar(n, path(key), u"true or false"_qs);
    if (!text)
        return fallback;
    if (!isQuoted(n) && (*text == u"true" || *text == u"True"))
        return true;
    if (!isQuoted(n) && (*text == u"false" || *text == u"False"))
        return false;
    m_reader.error(n, path(key), u"expected true or false, found "_qs + typeName(n), u"write true or false without quotes"_qs);
    return fallback;
}

StringMap YamlNodeReader::Map::stringMap(const QString& key, bool labels)
{
    StringMap result;
    const YAML::Node n = node(key);
    if (!n.IsDefined() || n.IsNull())
        return result;
    if (!n.IsMap()) {
        m_reader.error(n, path(key), u"expected a mapping of names to values, found "_qs + typeName(n));
        return result;
    }
    for (auto it = n.begin(); it != n.end(); ++it) {
        const QString k = QString::fromStdString(it->first.as<std::string>(std::string()));
        const QString entryPath = path(key) + u'.' + k;
        m_reader.m_locations->insert(entryPath, m_reader.locationOf(it->first));
        const std::optional<QString> value = m_reader.scalar(it->second, entryPath, u"a string value"_qs);
        if (!value)
            continue;
        if (!isQuoted(it->second) && (*value == u"true" || *value == u"false" || *value == u"yes" || *value == u"no")) {
            m_reader.warning(it->second, entryPath, u"the value "_qs + *value + u" is a YAML boolean here"_qs,
                             u"quote it (\""_qs + *value + u"\") so every tool reads it as text"_qs);
        }
        if (const QString bad = Validation::labelKeyProblem(k); !bad.isEmpty())
            m_reader.error(it->first, entryPath, bad, Validation::labelKeyHint());
        if (labels) {
            if (const QString bad = Validation::labelValueProblem(*value); !bad.isEmpty())
                m_reader.error(it->second, entryPath, bad, Validation::labelValueHint());
        }
        result.insert(k, *value);
    }
    return result;
}

QStringList YamlNodeReader::Map::stringList(const QString& key)
{
    QStringList result;
    const YAML::Node n = node(key);
    if (!n.IsDefined() || n.IsNull())
        return result;
    if (!n.IsSequence()) {
        m_reader.error(n, path(key), u"expected a list, found "_qs + typeName(n),
                       u"write it as [a, b] or as lines starting with \"- \""_qs);
        return result;
    }
    for (std::size_t i = 0; i < n.size(); ++i) {
        const QString itemPath = path(key) + u'[' + QString::number(i) + u']';
        if (const std::optional<QString> v = m_reader.scalar(n[i], itemPath, u"a string"_qs))
            result.append(*v);
    }
    return result;
}

int YamlNodeReader::Map::duration(const QString& key, int fallback)
{
    const YAML::Node n = node(key);
    if (!n.IsDefined() || n.IsNull())
        return fallback;
    const std::optional<QString> text = m_reader.scalar(n, path(key), u"a duration"_qs);
    if (!text)
        return fallback;
    bool ok = false;
    const qint64 seconds = text->toLongLong(&ok);
    if (ok)
        return int(std::clamp<qint64>(seconds, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
    static const QRegularExpression go(uR"(^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?$)"_qs);
    const QRegularExpressionMatch m = go.match(*text);
    if (text->isEmpty() || !m.hasMatch()) {
        m_reader.error(n, path(key), u"expected a duration, found "_qs + typeName(n),
                       u"write seconds (3600) or a duration such as 1h, 30m, 1h30m, 90s"_qs);
        return fallback;
    }
    // 64-bit arithmetic, clamped: "1193047h" must not wrap around into a plausible value.
    const qint64 total = m.captured(1).toLongLong() * 3600 + m.captured(2).toLongLong() * 60 + m.captured(3).toLongLong();
    return int(std::min<qint64>(total, std::numeric_limits<int>::max()));
}

void YamlNodeReader::Map::sequence(const QString& key, const std::function<void(const YAML::Node&, int, const QString&)>& each)
{
    const YAML::Node n = node(key);
    if (!n.IsDefined() || n.IsNull())
        return;
    if (!n.IsSequence()) {
        m_reader.error(n, path(key), u"expected a list, found "_qs + typeName(n),
                       u"write each entry on a line starting with \"- \""_qs);
        return;
    }
    for (std::size_t i = 0; i < n.size(); ++i) {
        const QString itemPath = path(key) + u'[' + QString::number(i) + u']';
        m_reader.m_locations->insert(itemPath, m_reader.locationOf(n[i]));
        each(n[i], int(i), itemPath);
    }
}

QString YamlNodeReader::Map::choice(const QString& key, const QStringList& allowed, const QString& fallback)
{
    const QString value = string(key, fallback);
    if (allowed.contains(value))
        return value;
    m_reader.error(node(key), path(key), u"\""_qs + value + u"\" is not one of "_qs + allowed.join(u", "_qs),
                   u"use one of the listed values (spelling and case matter)"_qs);
    return fallback;
}
