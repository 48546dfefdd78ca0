// SPDX-License-Identifier: Apache-2.0
#include "yamlnodereader.h"

#include "plantext.h"
#include "validation.h"

#include <QRegularExpression>

#include <algorithm>
#include <limits>

namespace {

QString typeName(const YAML::Node& node)
{
    switch (node.Type()) {
    case YAML::NodeType::Null: return PlanText::tr("nothing (null)");
    case YAML::NodeType::Sequence: return PlanText::tr("a list");
    case YAML::NodeType::Map: return PlanText::tr("a mapping");
    case YAML::NodeType::Scalar: return u"\""_qs + QString::fromStdString(node.Scalar()) + u'"';
    case YAML::NodeType::Undefined: break;
    }
    return PlanText::tr("nothing");
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
        error(node, path, PlanText::tr("expected %1, found %2").arg(what, typeName(node)));
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
        reader.error(node, m_path, PlanText::tr("expected a mapping (key: value lines), found %1").arg(typeName(node)));
        return;
    }
    m_valid = true;
    QSet<QString> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const QString key = QString::fromStdString(it->first.as<std::string>(std::string()));
        const QString keyPath = this->path(key);
        if (seen.contains(key)) {
            reader.error(it->first, keyPath, PlanText::tr("duplicate key \"%1\"").arg(key),
                         PlanText::tr("each key may appear once in a mapping; remove one of them"));
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
            hint = PlanText::tr("did you mean \"%1\"?").arg(*nearest);
        else
            hint = PlanText::tr("known keys here: %1").arg(m_known.join(u", "_qs));
        m_reader.error(it->first, path(key), PlanText::tr("unknown key \"%1\"").arg(key), hint);
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
    return m_reader.scalar(n, path(key), PlanText::tr("a string")).value_or(fallback);
}

int YamlNodeReader::Map::integer(const QString& key, int fallback)
{
    const YAML::Node n = node(key);
    if (!n.IsDefined() || n.IsNull())
        return fallback;
    const std::optional<QString> text = m_reader.scalar(n, path(key), PlanText::tr("a whole number"));
    if (!text)
        return fallback;
    bool ok = false;
    const int value = text->toInt(&ok);
    if (!ok || isQuoted(n)) {
        const QString hint = ok ? PlanText::tr("remove the quotes") : PlanText::tr("write a whole number such as 8080");
        m_reader.error(n, path(key), PlanText::tr("expected a whole number, found %1").arg(typeName(n)), hint);
        return fallback;
    }
    return value;
}

bool YamlNodeReader::Map::boolean(const QString& key, bool fallback)
{
    const YAML::Node n = node(key);
    if (!n.IsDefined() || n.IsNull())
        return fallback;
    const std::optional<QString> text = m_reader.scalar(n, path(key), PlanText::tr("true or false"));
    if (!text)
        return fallback;
    if (!isQuoted(n) && (*text == u"true" || *text == u"True"))
        return true;
    if (!isQuoted(n) && (*text == u"false" || *text == u"False"))
        return false;
    m_reader.error(n, path(key), PlanText::tr("expected true or false, found %1").arg(typeName(n)),
                   PlanText::tr("write true or false without quotes"));
    return fallback;
}

StringMap YamlNodeReader::Map::stringMap(const QString& key, bool labels)
{
    StringMap result;
    const YAML::Node n = node(key);
    if (!n.IsDefined() || n.IsNull())
        return result;
    if (!n.IsMap()) {
        m_reader.error(n, path(key), PlanText::tr("expected a mapping of names to values, found %1").arg(typeName(n)));
        return result;
    }
    for (auto it = n.begin(); it != n.end(); ++it) {
        const QString k = QString::fromStdString(it->first.as<std::string>(std::string()));
        const QString entryPath = path(key) + u'.' + k;
        m_reader.m_locations->insert(entryPath, m_reader.locationOf(it->first));
        const std::optional<QString> value = m_reader.scalar(it->second, entryPath, PlanText::tr("a string value"));
        if (!value)
            continue;
        if (!isQuoted(it->second) && (*value == u"true" || *value == u"false" || *value == u"yes" || *value == u"no")) {
            m_reader.warning(it->second, entryPath, PlanText::tr("the value %1 is a YAML boolean here").arg(*value),
                             PlanText::tr("quote it (\"%1\") so every tool reads it as text").arg(*value));
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
        m_reader.error(n, path(key), PlanText::tr("expected a list, found %1").arg(typeName(n)),
                       PlanText::tr("write it as [a, b] or as lines starting with \"- \""));
        return result;
    }
    for (std::size_t i = 0; i < n.size(); ++i) {
        const QString itemPath = path(key) + u'[' + QString::number(i) + u']';
        if (const std::optional<QString> v = m_reader.scalar(n[i], itemPath, PlanText::tr("a string")))
            result.append(*v);
    }
    return result;
}

int YamlNodeReader::Map::duration(const QString& key, int fallback)
{
    const YAML::Node n = node(key);
    if (!n.IsDefined() || n.IsNull())
        return fallback;
    const std::optional<QString> text = m_reader.scalar(n, path(key), PlanText::tr("a duration"));
    if (!text)
        return fallback;
    bool ok = false;
    const qint64 seconds = text->toLongLong(&ok);
    if (ok)
        return int(std::clamp<qint64>(seconds, std::numeric_limits<int>::min(), std::numeric_limits<int>::max()));
    static const QRegularExpression go(uR"(^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?\z)"_qs);
    const QRegularExpressionMatch m = go.match(*text);
    if (text->isEmpty() || !m.hasMatch()) {
        m_reader.error(n, path(key), PlanText::tr("expected a duration, found %1").arg(typeName(n)),
                       PlanText::tr("write seconds (3600) or a duration such as 1h, 30m, 1h30m, 90s"));
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
        m_reader.error(n, path(key), PlanText::tr("expected a list, found %1").arg(typeName(n)),
                       PlanText::tr("write each entry on a line starting with \"- \""));
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
    m_reader.error(node(key), path(key), PlanText::tr("\"%1\" is not one of %2").arg(value, allowed.join(u", "_qs)),
                   PlanText::tr("use one of the listed values (spelling and case matter)"));
    return fallback;
}
