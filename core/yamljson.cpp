// SPDX-License-Identifier: Apache-2.0
#include "yamljson.h"
#include "yamljsonnode.h"

#include "plantext.h"

#include <QJsonArray>
#include <QRegularExpression>

#include <yaml-cpp/yaml.h>

namespace {

// A plain (unquoted) scalar resolved as go-yaml v2 resolves it before encoding/json sees it:
// YAML 1.1 booleans, null, integers and floats; everything else stays a string.
QJsonValue plainScalar(const QString& text)
{
    static const QStringList trueWords = {u"true"_qs, u"True"_qs, u"TRUE"_qs, u"yes"_qs, u"Yes"_qs,
                                          u"YES"_qs, u"on"_qs, u"On"_qs, u"ON"_qs, u"y"_qs, u"Y"_qs};
    static const QStringList falseWords = {u"false"_qs, u"False"_qs, u"FALSE"_qs, u"no"_qs, u"No"_qs,
                                           u"NO"_qs, u"off"_qs, u"Off"_qs, u"OFF"_qs, u"n"_qs, u"N"_qs};
    if (text.isEmpty() || text == u"~" || text == u"null" || text == u"Null" || text == u"NULL")
        return QJsonValue(QJsonValue::Null);
    if (trueWords.contains(text))
        return true;
    if (falseWords.contains(text))
        return false;
    static const QRegularExpression number(uR"(^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?\z)"_qs);
    if (number.match(text).hasMatch())
        return text.toDouble();
    return text;
}

// What one document may expand to. yaml-cpp keeps an alias as a reference to its anchor's node,
// so a few hundred bytes of nested aliases ("billion laughs": nine levels of ten) stand for 10^9
// values; the conversion below visits each one. No proxy config or mesh config comes near these
// numbers, and past them the text is refused instead of exhausting memory.
constexpr qint64 maxValues = 200000;
constexpr int maxDepth = 64;

struct Budget
{
    qint64 values = 0;
    bool exceeded = false;
};

bool overBudget(Budget& budget, int depth, QString* error)
{
    if (++budget.values > maxValues) {
        budget.exceeded = true;
        if (error)
            *error = PlanText::tr("the YAML expands to more than %1 values (aliases referring to aliases?)").arg(maxValues);
        return true;
    }
    if (depth > maxDepth) {
        budget.exceeded = true;
        if (error)
            *error = PlanText::tr("the YAML nests deeper than %1 levels").arg(maxDepth);
        return true;
    }
    return false;
}

std::optional<QJsonValue> toJson(const YAML::Node& node, QString* error, Budget& budget, int depth = 0)
{
    if (overBudget(budget, depth, error))
        return std::nullopt;
    switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
        return QJsonValue(QJsonValue::Null);
    case YAML::NodeType::Scalar: {
        const QString text = QString::fromStdString(node.Scalar());
        // yaml-cpp tags quoted and block scalars "!": those are strings whatever they say.
        return node.Tag() == "!" ? QJsonValue(text) : plainScalar(text);
    }
    case YAML::NodeType::Sequence: {
        QJsonArray array;
        for (const YAML::Node& item : node) {
            const std::optional<QJsonValue> v = toJson(item, error, budget, depth + 1);
            if (!v)
                return std::nullopt;
            array.append(*v);
        }
        return array;
    }
    case YAML::NodeType::Map: {
        QJsonObject object;
        for (const auto& entry : node) {
            if (!entry.first.IsScalar()) {
                if (error)
                    *error = u"a mapping key is not a scalar"_qs;
                return std::nullopt;
            }
            const std::optional<QJsonValue> v = toJson(entry.second, error, budget, depth + 1);
            if (!v)
                return std::nullopt;
            object.insert(QString::fromStdString(entry.first.Scalar()), *v);
        }
        return object;
    }
    }
    return std::nullopt;
}

} // namespace

namespace YamlJson {

std::optional<QJsonValue> fromNode(const YAML::Node& node, QString* error, bool* tooLarge)
{
    Budget budget;
    std::optional<QJsonValue> json = toJson(node, error, budget);
    if (tooLarge)
        *tooLarge = budget.exceeded;
    return json;
}

std::optional<QJsonValue> parse(const QString& yaml, QString* error, bool* tooLarge)
{
    try {
        return fromNode(YAML::Load(yaml.toStdString()), error, tooLarge);
    } catch (const YAML::Exception& e) {
        // yaml-cpp's exceptions stay inside this library.
        if (error)
            *error = QString::fromStdString(e.what());
        return std::nullopt;
    }
}

MeshConfigFacts meshConfig(const QString& meshYaml)
{
    MeshConfigFacts facts;
    QString error;
    const std::optional<QJsonValue> root = parse(meshYaml, &error);
    if (!root) {
        facts.error = u"the mesh configuration is not valid YAML: "_qs + error;
        return facts;
    }
    if (root->isNull())
        return facts;
    if (!root->isObject()) {
        facts.error = u"the mesh configuration is not a YAML mapping"_qs;
        return facts;
    }
    const QJsonValue defaultConfig = root->toObject().value(u"defaultConfig"_qs);
    if (!defaultConfig.isUndefined() && !defaultConfig.isNull() && !defaultConfig.isObject()) {
        facts.error = u"defaultConfig of the mesh configuration is not a mapping"_qs;
        return facts;
    }
    facts.defaultConfig = defaultConfig.toObject();
    facts.trustDomain = root->toObject().value(u"trustDomain"_qs).toString();
    return facts;
}

} // namespace YamlJson
