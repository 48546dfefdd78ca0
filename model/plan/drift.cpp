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

// A Secret's values (the cacerts Secret carries the plug-in CA's private key) never reach the
// output, as kubectl diff masks them: only which keys differ, and whether they are there at all.
void walkSecretData(const QJsonValue& desired, const QJsonValue& live, const QString& path, QStringList& out)
{
    const QJsonObject d = desired.toObject();
    const QJsonObject l = live.toObject();
    for (auto it = d.constBegin(); it != d.constEnd(); ++it) {
        const QJsonValue value = l.value(it.key());
        if (value == it.value())
            continue;
        out << path + u'.' + it.key() + u": (secret value) → "_qs
                   + (value.isUndefined() ? u"(absent)"_qs : u"(another secret value)"_qs) + u" in the cluster"_qs;
    }
}

void walk(const QJsonObject& desired, const QJsonObject& live, const QString& prefix, QStringList& out, bool secret)
{
    for (auto it = desired.constBegin(); it != desired.constEnd(); ++it) {
        if (secret && prefix.isEmpty() && (it.key() == u"data" || it.key() == u"stringData")) {
            walkSecretData(it.value(), live.value(it.key()), it.key(), out);
            continue;
        }
        const QString path = prefix.isEmpty() ? it.key() : prefix + u'.' + it.key();
        const QJsonValue l = live.value(it.key());
        if (it.value().isObject() && l.isObject()) {
            walk(it.value().toObject(), l.toObject(), path, out, false);
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
    walk(desired, live, {}, out, desired.value(u"kind"_qs).toString() == u"Secret");
    return out;
}

} // namespace Drift
