// SPDX-License-Identifier: Apache-2.0
#include "remoteshell.h"

#include <algorithm>

namespace RemoteShell {

QString quote(const QString& argument)
{
    if (argument.isEmpty())
        return u"''"_qs;
    const bool safe = std::all_of(argument.cbegin(), argument.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || QStringView(u"_@%+=:,./-").contains(c);
    });
    if (safe)
        return argument;
    // Inside single quotes nothing is special except the quote itself, which is closed,
    // escaped and reopened: ' -> '\''
    QString quoted = argument;
    quoted.replace(u'\'', u"'\\''"_qs);
    return u'\'' + quoted + u'\'';
}

QString commandLine(const QStringList& argv)
{
    QStringList parts;
    parts.reserve(argv.size());
    for (const QString& a : argv)
        parts.append(quote(a));
    return parts.join(u' ');
}

bool isTransportable(const QString& argument)
{
    return !argument.contains(QChar(0));
}

} // namespace RemoteShell
