// SPDX-License-Identifier: Apache-2.0
#include "ssherror.h"

#include <QRegularExpression>

QString sshStderrExcerpt(const QByteArray& standardError, int maxLines)
{
    QStringList lines;
    const QStringList all = QString::fromUtf8(standardError).split(u'\n');
    for (auto it = all.crbegin(); it != all.crend() && lines.size() < maxLines; ++it) {
        const QString line = it->trimmed();
        if (!line.isEmpty())
            lines.prepend(line);
    }
    QString text = lines.join(u"; "_qs);
    if (text.size() > 400)
        text = text.left(400) + u"…"_qs;
    return text;
}

namespace {

// OpenSSH's wording (sshconnect.c, ssh.c, mux.c, sshconnect2.c). These strings are not
// translated by OpenSSH, so matching them is reliable across locales.
bool anyOf(const QString& text, std::initializer_list<QStringView> needles)
{
    for (QStringView needle : needles) {
        if (text.contains(needle, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

SshError hostKeyFailure(const QString& text, const QString& label)
{
    SshError error;
    static const QRegularExpression changedHost(uR"(Host key for (\S+) has changed)"_qs);
    static const QRegularExpression offered(uR"(key sent by the remote host is\s*\n?\s*(SHA256:[A-Za-z0-9+/=]+))"_qs);
    static const QRegularExpression offending(uR"(Offending \S+ key in (\S+):(\d+))"_qs);
    if (const auto m = changedHost.match(text); m.hasMatch())
        error.host = m.captured(1);
    if (const auto m = offered.match(text); m.hasMatch()) {
        error.offeredFingerprint = m.captured(1);
        if (error.offeredFingerprint.endsWith(u'.'))
            error.offeredFingerprint.chop(1);
    }
    if (const auto m = offending.match(text); m.hasMatch())
        error.knownHostsLocation = m.captured(1) + u':' + m.captured(2);
    if (text.contains(u"REMOTE HOST IDENTIFICATION HAS CHANGED") || !error.knownHostsLocation.isEmpty()) {
        error.kind = SshError::Kind::HostKeyChanged;
        error.message = label + u": the host key has changed (offered "_qs
            + (error.offeredFingerprint.isEmpty() ? u"an unknown key"_qs : error.offeredFingerprint)
            + u"). meshdeck will not connect; check with the host's administrator before removing the old entry"_qs
            + (error.knownHostsLocation.isEmpty() ? QString() : u" at "_qs + error.knownHostsLocation) + u'.';
    } else {
        error.kind = SshError::Kind::HostKeyUnknown;
        error.message = label + u": the host key is not in known_hosts; confirm it first"_qs;
    }
    return error;
}

} // namespace

SshError sshFailureFromStderr(const QByteArray& standardError, const QString& label)
{
    const QString text = QString::fromUtf8(standardError);
    SshError error;
    if (anyOf(text, {u"REMOTE HOST IDENTIFICATION HAS CHANGED", u"Host key verification failed",
                     u"No ED25519 host key is known", u"No ECDSA host key is known", u"No RSA host key is known"})) {
        error = hostKeyFailure(text, label);
    } else if (anyOf(text, {u"Permission denied (", u"Too many authentication failures",
                            u"No more authentication methods"})) {
        error.kind = SshError::Kind::AuthenticationFailed;
        error.message = label + u": login refused (wrong user, key or password)"_qs;
    } else if (anyOf(text, {u"Could not resolve hostname", u"Connection refused", u"Connection timed out",
                            u"No route to host", u"Network is unreachable", u"Connection closed by",
                            u"Connection reset", u"kex_exchange_identification", u"banner exchange",
                            u"Operation timed out", u"connect to host", u"ssh_dispatch_run_fatal",
                            u"Unable to negotiate", u"mux_client_", u"Control socket connect",
                            u"jumphost loop", u"stdio forwarding failed", u"Bad configuration option",
                            u"Can't open user config file", u"command-line line"})) {
        error.kind = SshError::Kind::ConnectionFailed;
        error.message = label + u": could not connect: "_qs + sshStderrExcerpt(standardError, 1);
    } else {
        return error;
    }
    error.detail = sshStderrExcerpt(standardError, 6);
    return error;
}
