// SPDX-License-Identifier: Apache-2.0
#include "urltext.h"

namespace {

// Where the authority starts (after "scheme://", else at the beginning: "user:pw@host/x" typed
// without a scheme is hidden too) and ends (the first '/', '?' or '#' after it).
std::pair<qsizetype, qsizetype> authority(const QString& url)
{
    const qsizetype scheme = url.indexOf(u"://"_qs);
    const qsizetype start = scheme < 0 ? 0 : scheme + 3;
    qsizetype end = start;
    while (end < url.size() && url.at(end) != u'/' && url.at(end) != u'?' && url.at(end) != u'#')
        ++end;
    return {start, end};
}

} // namespace

namespace UrlText {

QString redacted(const QString& url)
{
    QString out = url;
    const auto [start, end] = authority(out);
    // The query and fragment first: they come after the authority.
    const qsizetype query = out.indexOf(u'?', end);
    const qsizetype fragment = out.indexOf(u'#', end);
    const qsizetype cut = query < 0 ? fragment : fragment < 0 ? query : std::min(query, fragment);
    if (cut >= 0)
        out = out.left(cut) + out.at(cut) + u"***"_qs;
    // The last '@' of the authority ends the user information (a password may hold an '@' only
    // percent-encoded, but a careless one is hidden all the same).
    const qsizetype at = end > start ? out.lastIndexOf(u'@', end - 1) : -1;
    if (at >= start)
        out = out.left(start) + u"***"_qs + out.mid(at);
    return out;
}

bool hasHiddenParts(const QString& url)
{
    return redacted(url) != url;
}

} // namespace UrlText
