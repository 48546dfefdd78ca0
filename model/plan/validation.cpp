// SPDX-License-Identifier: Apache-2.0
#include "validation.h"

#include "plantext.h"

#include <QRegularExpression>

namespace Validation {

QString dns1123LabelProblem(const QString& value)
{
    static const QRegularExpression re(u"^[a-z0-9]([-a-z0-9]*[a-z0-9])?\\z"_qs);
    if (value.isEmpty())
        return PlanText::tr("must not be empty");
    if (value.size() > 63)
        return PlanText::tr("\"%1\" is longer than 63 characters").arg(value);
    if (!re.match(value).hasMatch())
        return PlanText::tr("\"%1\" is not a DNS-1123 label: use lower-case letters, digits and '-', starting and ending with a letter or digit")
            .arg(value);
    return {};
}

QString dns1123SubdomainProblem(const QString& value)
{
    static const QRegularExpression re(u"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\\z"_qs);
    if (value.isEmpty())
        return PlanText::tr("must not be empty");
    if (value.size() > 253)
        return PlanText::tr("\"%1\" is longer than 253 characters").arg(value);
    if (!re.match(value).hasMatch())
        return PlanText::tr("\"%1\" is not a DNS-1123 subdomain: use lower-case letters, digits, '-' and '.', starting and ending with a "
                            "letter or digit")
            .arg(value);
    return {};
}

QString dns1035LabelProblem(const QString& value)
{
    static const QRegularExpression re(u"^[a-z]([-a-z0-9]*[a-z0-9])?\\z"_qs);
    if (value.isEmpty())
        return PlanText::tr("must not be empty");
    if (value.size() > 63)
        return PlanText::tr("\"%1\" is longer than 63 characters").arg(value);
    if (!re.match(value).hasMatch())
        return PlanText::tr("\"%1\" is not a DNS-1035 label (Service names): use lower-case letters, digits and '-', starting with a letter")
            .arg(value);
    return {};
}

QString labelKeyProblem(const QString& key)
{
    static const QRegularExpression name(u"^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\\z"_qs);
    if (key.isEmpty())
        return PlanText::tr("a label or annotation key must not be empty");
    const qsizetype slash = key.indexOf(u'/');
    const QString prefix = slash >= 0 ? key.left(slash) : QString();
    const QString local = slash >= 0 ? key.mid(slash + 1) : key;
    if (slash >= 0 && !dns1123SubdomainProblem(prefix).isEmpty())
        return PlanText::tr("the prefix of key \"%1\" is not a DNS subdomain").arg(key);
    if (local.size() > 63)
        return PlanText::tr("the name part of key \"%1\" is longer than 63 characters").arg(key);
    if (!name.match(local).hasMatch())
        return PlanText::tr("\"%1\" is not a valid key").arg(key);
    return {};
}

QString labelValueProblem(const QString& value)
{
    static const QRegularExpression re(u"^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\\z"_qs);
    if (value.size() > 63)
        return PlanText::tr("label value \"%1\" is longer than 63 characters").arg(value);
    if (!re.match(value).hasMatch())
        return PlanText::tr("label value \"%1\" is not valid").arg(value);
    return {};
}

QString labelKeyHint()
{
    return PlanText::tr("keys are [prefix/]name: name up to 63 of letters, digits, '-', '_', '.', starting and ending alphanumeric; "
                        "prefix a DNS subdomain such as example.com");
}

QString labelValueHint()
{
    return PlanText::tr("label values are empty or up to 63 letters, digits, '-', '_', '.', starting and ending alphanumeric");
}

QString portProblem(int port)
{
    if (port < 1 || port > 65535)
        return PlanText::tr("port %1 is outside 1–65535").arg(QString::number(port));
    return {};
}

QString hostProblem(const QString& host)
{
    QString h = host;
    if (h.startsWith(u"*."))
        h = h.mid(2);
    if (h == u"*")
        return {};
    if (!dns1123SubdomainProblem(h).isEmpty())
        return PlanText::tr("\"%1\" is not a valid host name").arg(host);
    return {};
}

QString sshUserProblem(const QString& user)
{
    // POSIX portable user names (and what Debian's adduser accepts by default): no shell or
    // ssh metacharacters can hide in them.
    static const QRegularExpression re(u"^[a-z_][a-z0-9_-]*[$]?\\z"_qs, QRegularExpression::CaseInsensitiveOption);
    if (user.size() > 32 || !re.match(user).hasMatch())
        return PlanText::tr("\"%1\" is not a valid user name").arg(user);
    return {};
}

QString sshHostProblem(const QString& host)
{
    static const QRegularExpression re(u"^[A-Za-z0-9_][A-Za-z0-9_.-]*\\z"_qs);
    if (isIpAddress(host))
        return {};
    if (host.size() > 253 || !re.match(host).hasMatch())
        return PlanText::tr("\"%1\" is neither an IP address nor a host name").arg(host);
    return {};
}

QString jumpHostProblem(const QString& jump)
{
    QString host = jump;
    if (const qsizetype at = host.indexOf(u'@'); at >= 0) {
        if (const QString bad = sshUserProblem(host.left(at)); !bad.isEmpty())
            return bad;
        host = host.mid(at + 1);
    }
    QString port;
    if (host.startsWith(u'[')) { // [v6]:port
        const qsizetype close = host.indexOf(u']');
        if (close < 0)
            return PlanText::tr("\"%1\" has an unclosed '['").arg(jump);
        port = host.mid(close + 1);
        host = host.mid(1, close - 1);
        if (!port.isEmpty() && !port.startsWith(u':'))
            return PlanText::tr("\"%1\" has something after ']' that is not :port").arg(jump);
        port = port.mid(1);
        if (!isIpv6Address(host))
            return PlanText::tr("\"%1\" is not an IPv6 address").arg(host);
    } else if (host.count(u':') == 1) { // host:port; several colons = a bare IPv6 address
        port = host.mid(host.indexOf(u':') + 1);
        host = host.left(host.indexOf(u':'));
    }
    if (!port.isEmpty() || jump.endsWith(u':')) {
        bool ok = false;
        const int p = port.toInt(&ok);
        if (!ok)
            return PlanText::tr("\"%1\" has no valid port after ':'").arg(jump);
        if (const QString bad = portProblem(p); !bad.isEmpty())
            return bad;
    }
    if (const QString bad = sshHostProblem(host); !bad.isEmpty())
        return PlanText::tr("\"%1\" is not a VM of this plan nor [user@]host[:port]").arg(jump);
    return {};
}

bool isIpv6Address(const QString& text)
{
    // Groups of 1-4 hex digits, at most one "::", optionally an embedded IPv4 tail.
    static const QRegularExpression group(u"^[0-9A-Fa-f]{1,4}\\z"_qs);
    if (text.count(u"::"_qs) > 1 || text.isEmpty())
        return false;
    QString body = text;
    int tailGroups = 0;
    const qsizetype lastColon = body.lastIndexOf(u':');
    if (lastColon >= 0 && body.mid(lastColon + 1).contains(u'.')) {
        if (!parseIpv4(body.mid(lastColon + 1)))
            return false;
        body = body.left(lastColon + 1) + u'0';
        tailGroups = 1; // the IPv4 tail counts as two groups; the placeholder counts one
    }
    const bool compressed = body.contains(u"::");
    const QStringList halves = compressed ? body.split(u"::"_qs) : QStringList{body};
    int groups = tailGroups;
    for (const QString& half : halves) {
        if (half.isEmpty())
            continue;
        for (const QString& g : half.split(u':')) {
            if (!group.match(g).hasMatch())
                return false;
            ++groups;
        }
    }
    return compressed ? groups <= 7 : groups == 8;
}

bool isIpAddress(const QString& text)
{
    return parseIpv4(text).has_value() || isIpv6Address(text);
}

std::optional<quint32> parseIpv4(const QString& text)
{
    static const QRegularExpression re(u"^(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\z"_qs);
    const QRegularExpressionMatch m = re.match(text);
    if (!m.hasMatch())
        return std::nullopt;
    quint32 value = 0;
    for (int i = 1; i <= 4; ++i) {
        const int part = m.captured(i).toInt();
        if (part > 255)
            return std::nullopt;
        value = (value << 8) | quint32(part);
    }
    return value;
}

bool isIpv4Address(const QString& text)
{
    return parseIpv4(text).has_value();
}

std::optional<std::pair<quint32, int>> parseIpv4Cidr(const QString& text)
{
    const qsizetype slash = text.indexOf(u'/');
    if (slash < 0)
        return std::nullopt;
    const std::optional<quint32> address = parseIpv4(text.left(slash));
    bool ok = false;
    const int prefix = text.mid(slash + 1).toInt(&ok);
    if (!address || !ok || prefix < 0 || prefix > 32)
        return std::nullopt;
    const quint32 mask = prefix == 0 ? 0 : ~quint32(0) << (32 - prefix);
    return std::pair{*address & mask, prefix};
}

QString ipv4ToString(quint32 address)
{
    return QString::number(address >> 24) + u'.' + QString::number((address >> 16) & 0xff) + u'.'
        + QString::number((address >> 8) & 0xff) + u'.' + QString::number(address & 0xff);
}

} // namespace Validation
