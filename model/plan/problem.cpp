// SPDX-License-Identifier: Apache-2.0
#include "problem.h"

#include <algorithm>

QString Problem::toString() const
{
    QString out = file;
    if (line > 0) {
        out += u':' + QString::number(line);
        if (column > 0)
            out += u':' + QString::number(column);
    }
    out += severity == Severity::Error ? u": error: "_qs : u": warning: "_qs;
    if (!path.isEmpty())
        out += path + u": "_qs;
    out += message;
    if (!hint.isEmpty())
        out += u" — "_qs + hint;
    return out;
}

bool hasErrors(const Problems& problems)
{
    return std::any_of(problems.cbegin(), problems.cend(), [](const Problem& p) { return p.isError(); });
}
