// SPDX-License-Identifier: Apache-2.0
#include "drift.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace {

QString show(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Undefined:
        return u"(absent)"_qs;
    case QJsonValue::String:
        return u'"' + v.toString() + u'"';
    case QJsonValue::Object:
        return QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Array:
        return QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
    default:
        return QString::fromUtf8(QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact)).mid(1).chopped(1);
    }
}

// Does live contain everything desired says (objects: key by key; lists: element by element)?
bool covers(const QJsonValue& desired, const QJsonValue& live)
{
    if (desired.isObject() && live.isObject()) {
        const QJsonObject d = desired.toObject();
        const QJsonObject l = live.toObject();
        for (auto it = d.constBegin(); it != d.constEnd(); ++it) {
            if (!covers(it.value(), l.value(it.key())))
                return false;
        }
        return true;
    }
    if (desired.isArray() && live.isArray()) {
        const QJsonArray d = desired.toArray();
        const QJsonArray l = live.toArray();
        if (d.size() != l.size())
            return false;
        for (qsizetype i = 0; i < d.size(); ++i) {
            if (!covers(d.at(i), l.at(i)))
                return false;
        }
        return true;
    }
    // The API server turns whole numbers into ints and may default types; compare as values.
    return desired == live;
}

void walk(const QJsonObject& desired, const QJsonObject& live, const QString& prefix, QStringList& out)
{
    for (auto it = desired.constBegin(); it != desired.constEnd(); ++it) {
        const QString path = prefix.isEmpty() ? it.key() : prefix + u'.' + it.key();
        const QJsonValue l = live.value(it.key());
        if (it.value().isObject() && l.isObject()) {
            walk(it.value().toObject(), l.toObject(), path, out);
        } else if (!covers(it.value(), l)) {
            out << path + u": "_qs + show(it.value()) + u" → "_qs + show(l) + u" in the cluster"_qs;
        }
    }
}

} // namespace

namespace Drift {

QStringList differences(const QJsonObject& desired, const QJsonObject& live)
{
    QStringList out;
    walk(desired, live, {}, out);
    return out;
}

} // namespace Drift
