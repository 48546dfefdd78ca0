// SPDX-License-Identifier: Apache-2.0
#include "backoff.h"

#include <QLocale>
#include <QString>

#include <algorithm>

Backoff::Backoff(std::chrono::milliseconds initial, std::chrono::milliseconds cap)
    : m_initial(initial)
    , m_cap(std::max(cap, initial))
    , m_current(initial)
{
}

std::chrono::milliseconds Backoff::next()
{
    const auto delay = m_current;
    m_current = std::min(m_current * 2, m_cap);
    ++m_attempts;
    return delay;
}

void Backoff::reset()
{
    m_current = m_initial;
    m_attempts = 0;
}

static QDateTime parseHttpDate(const QString& text)
{
    // IMF-fixdate is what servers send; the two obsolete forms must still be accepted.
    static const char* const formats[] = {
        "ddd, dd MMM yyyy hh:mm:ss 'GMT'", // Sun, 06 Nov 1994 08:49:37 GMT
        "dddd, dd-MMM-yy hh:mm:ss 'GMT'",  // Sunday, 06-Nov-94 08:49:37 GMT
        "ddd MMM d hh:mm:ss yyyy",         // Sun Nov  6 08:49:37 1994
    };
    const QLocale c = QLocale::c();
    const QString simplified = text.simplified();
    for (const char* format : formats) {
        QDateTime parsed = c.toDateTime(simplified, QString::fromLatin1(format));
        if (parsed.isValid()) {
            parsed.setTimeSpec(Qt::UTC);
            // Two-digit years: RFC 9110 says read them as the nearest century; Qt gives 19xx.
            if (parsed.date().year() < 1970)
                parsed = parsed.addYears(100);
            return parsed;
        }
    }
    return {};
}

std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray& value, const QDateTime& now)
{
    const QByteArray trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    bool isNumber = false;
    const qlonglong seconds = trimmed.toLongLong(&isNumber);
    if (isNumber)
        return seconds < 0 ? std::nullopt : std::optional(std::chrono::milliseconds(seconds * 1000));
    const QDateTime when = parseHttpDate(QString::fromLatin1(trimmed));
    if (!when.isValid())
        return std::nullopt;
    return std::chrono::milliseconds(std::max<qint64>(0, now.msecsTo(when)));
}
