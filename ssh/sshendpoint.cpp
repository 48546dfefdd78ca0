// SPDX-License-Identifier: Apache-2.0
#include "sshendpoint.h"

#include <algorithm>

QStringList SshEndpoint::options() const
{
    QStringList args;
    if (!user.isEmpty())
        args << u"-l"_qs << user;
    if (port > 0)
        args << u"-p"_qs << QString::number(port);
    if (!identityFile.isEmpty()) {
        // Only this key: a full agent would otherwise use up sshd's MaxAuthTries
        // ("Too many authentication failures") before the plan's key is even offered.
        args << u"-i"_qs << identityFile << u"-o"_qs << u"IdentitiesOnly=yes"_qs;
    }
    if (!jumpHost.isEmpty())
        args << u"-J"_qs << jumpHost;
    return args;
}

QString JumpHop::toString() const
{
    QString text = user.isEmpty() ? QString() : user + u'@';
    const bool ipv6 = host.contains(u':');
    if (port > 0)
        text += (ipv6 ? u'[' + host + u']' : host) + u':' + QString::number(port);
    else
        text += ipv6 ? u'[' + host + u']' : host;
    return text;
}

namespace {

bool parseHop(QString hop, JumpHop* out, QString* error)
{
    if (hop.startsWith(u"ssh://"))
        hop = hop.mid(6);
    const qsizetype at = hop.lastIndexOf(u'@');
    if (at >= 0) {
        out->user = hop.left(at);
        hop = hop.mid(at + 1);
    }
    QString portText;
    if (hop.startsWith(u'[')) {
        const qsizetype close = hop.indexOf(u']');
        if (close < 0) {
            *error = u"unclosed '[' in jump host"_qs;
            return false;
        }
        out->host = hop.mid(1, close - 1);
        const QString rest = hop.mid(close + 1);
        if (!rest.isEmpty() && !rest.startsWith(u':')) {
            *error = u"unexpected text after ']' in jump host"_qs;
            return false;
        }
        portText = rest.mid(1);
    } else if (hop.count(u':') == 1) {
        out->host = hop.section(u':', 0, 0);
        portText = hop.section(u':', 1);
    } else {
        out->host = hop; // a bare IPv6 address has no port
    }
    if (!portText.isEmpty()) {
        bool ok = false;
        out->port = portText.toInt(&ok);
        if (!ok || out->port < 1 || out->port > 65535) {
            *error = u"bad port \"%1\" in jump host"_qs.arg(portText);
            return false;
        }
    }
    if (out->host.isEmpty()) {
        *error = u"empty host in jump host"_qs;
        return false;
    }
    // A bracket or a space left in the host ("b:]:22", "[[::1]") is no address: joined for -J it
    // would not read back as the same hop (found by tests/fuzz/sshconfig).
    if (out->host.contains(u'[') || out->host.contains(u']')
        || std::any_of(out->host.cbegin(), out->host.cend(), [](QChar c) { return c.isSpace(); })) {
        *error = u"bad host \"%1\" in jump host"_qs.arg(out->host);
        return false;
    }
    // No user name has a '/' or a space: "ssh://ssh://u@h" left "ssh://u" as the user, "ssh:// u@h"
    // " u"; joined for -J they read back as "u".
    if (out->user.contains(u'/') || std::any_of(out->user.cbegin(), out->user.cend(), [](QChar c) { return c.isSpace(); })) {
        *error = u"bad user \"%1\" in jump host"_qs.arg(out->user);
        return false;
    }
    // -J none means no jump host: a hop of that name ("ssh://none") would vanish once joined.
    if (out->host.compare(u"none", Qt::CaseInsensitive) == 0) {
        *error = u"\"none\" cannot be a jump host in a list"_qs;
        return false;
    }
    return true;
}

} // namespace

bool parseJumpHosts(const QString& value, QList<JumpHop>* hops, QString* error)
{
    hops->clear();
    const QString trimmed = value.trimmed();
    if (trimmed.isEmpty() || trimmed.compare(u"none", Qt::CaseInsensitive) == 0)
        return true;
    for (const QString& part : trimmed.split(u',')) {
        JumpHop hop;
        if (!parseHop(part.trimmed(), &hop, error))
            return false;
        hops->append(hop);
    }
    return true;
}

QString joinJumpHosts(const QList<JumpHop>& hops)
{
    QStringList parts;
    for (const JumpHop& hop : hops)
        parts.append(hop.toString());
    return parts.join(u',');
}
