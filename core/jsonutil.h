// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonArray>
#include <QJsonValue>
#include <QStringList>

namespace JsonUtil {

/*! A JSON array of strings as a QStringList (other values become ""; a non-array gives none). */
inline QStringList toStringList(const QJsonValue& value)
{
    QStringList list;
    const QJsonArray array = value.toArray();
    list.reserve(array.size());
    for (const QJsonValue& v : array)
        list.append(v.toString());
    return list;
}

} // namespace JsonUtil
