// SPDX-License-Identifier: Apache-2.0
#include "watchevent.h"

#include <QJsonDocument>
#include <QJsonParseError>

QString WatchEvent::resourceVersion() const
{
    return object.value(u"metadata").toObject().value(u"resourceVersion").toString();
}

int WatchEvent::errorCode() const
{
    return type == Type::Error ? object.value(u"code").toInt() : 0;
}

std::optional<WatchEvent> WatchEvent::parse(const QByteArray& line, QString* error)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(line, &parseError);
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        if (error)
            *error = u"not a JSON object: "_qs + parseError.errorString();
        return std::nullopt;
    }
    const QJsonObject json = document.object();
    static const std::pair<QStringView, Type> types[] = {
        {u"ADDED", Type::Added},       {u"MODIFIED", Type::Modified}, {u"DELETED", Type::Deleted},
        {u"BOOKMARK", Type::Bookmark}, {u"ERROR", Type::Error},
    };
    const QString type = json.value(u"type").toString();
    for (const auto& [name, value] : types) {
        if (type == name)
            return WatchEvent{value, json.value(u"object").toObject()};
    }
    if (error)
        *error = u"unknown watch event type \""_qs + type + u'"';
    return std::nullopt;
}

QList<QByteArray> WatchStreamSplitter::feed(const QByteArray& chunk)
{
    QList<QByteArray> lines;
    // Search only the new bytes: the buffered tail is known to hold no newline.
    qsizetype searchFrom = m_buffer.size();
    m_buffer.append(chunk);
    qsizetype start = 0;
    for (qsizetype newline = m_buffer.indexOf('\n', searchFrom); newline >= 0;
         newline = m_buffer.indexOf('\n', start)) {
        const QByteArray line = m_buffer.mid(start, newline - start).trimmed();
        if (!line.isEmpty())
            lines.append(line);
        start = newline + 1;
    }
    m_buffer.remove(0, start);
    if (m_buffer.size() > maxLineBytes) {
        m_buffer.clear();
        m_overflowed = true;
    }
    return lines;
}
