// SPDX-License-Identifier: Apache-2.0
#include "sudoexchange.h"

#include "secrets.h"

#include <QRandomGenerator>

namespace {

QString randomHex()
{
    return QString::number(QRandomGenerator::system()->generate64(), 16).rightJustified(16, u'0');
}

} // namespace

SudoExchange::SudoExchange(QByteArray password, QString runAsUser)
    : m_password(std::move(password))
    , m_runAs(std::move(runAsUser))
    // No '%' in either: sudo expands %-escapes in the prompt.
    , m_prompt(u"[meshdeck sudo "_qs + randomHex() + u"] password: "_qs)
    , m_marker(u"MESHDECK-SUDO-OK-"_qs + randomHex())
{
}

SudoExchange::~SudoExchange()
{
    Secrets::wipe(m_password);
}

QStringList SudoExchange::wrap(const QStringList& argv) const
{
    QStringList wrapped{u"sudo"_qs, u"-S"_qs, u"-p"_qs, m_prompt};
    if (!m_runAs.isEmpty())
        wrapped << u"-u"_qs << m_runAs;
    // The argument vector travels as positional parameters, so it is quoted once (by
    // RemoteShell, for the login shell) and never re-parsed by sh -c.
    wrapped << u"--"_qs << u"sh"_qs << u"-c"_qs << u"printf '%s\\n' \"$0\" && exec \"$@\""_qs << m_marker;
    return wrapped + argv;
}

SudoExchange::Action SudoExchange::onStandardError(const QByteArray& chunk)
{
    m_errorSeen += chunk;
    const int prompts = int(m_errorSeen.count(m_prompt.toUtf8()));
    if (prompts <= m_promptsSeen || m_confirmed)
        return Action::None;
    m_promptsSeen = prompts;
    if (m_password.isEmpty()) {
        m_failure = SshError::Kind::SudoPasswordRequired;
        return Action::GiveUp;
    }
    if (prompts > 1) {
        m_failure = SshError::Kind::SudoWrongPassword;
        return Action::GiveUp;
    }
    return Action::SendPassword;
}

QByteArray SudoExchange::onStandardOutput(const QByteArray& chunk)
{
    if (m_confirmed)
        return chunk;
    m_outputHead += chunk;
    const QByteArray line = m_marker.toUtf8() + '\n';
    if (m_outputHead.size() < line.size() && line.startsWith(m_outputHead))
        return {}; // still arriving
    QByteArray output = std::exchange(m_outputHead, {});
    if (output.startsWith(line)) {
        m_confirmed = true;
        output.remove(0, line.size());
    }
    return output;
}

QByteArray SudoExchange::cleaned(const QByteArray& standardError) const
{
    QByteArray text = standardError;
    text.replace(m_prompt.toUtf8(), QByteArray());
    return text;
}

SshError SudoExchange::error(SshError::Kind kind, const QString& label, const QByteArray& standardError)
{
    SshError result;
    result.kind = kind;
    result.detail = sshStderrExcerpt(standardError);
    switch (kind) {
    case SshError::Kind::SudoPasswordRequired:
        result.message = label + u": sudo needs a password for this user, and none was given"_qs;
        break;
    case SshError::Kind::SudoWrongPassword:
        result.message = label + u": sudo did not accept the password"_qs;
        break;
    default:
        result.message = label + u": sudo refused: "_qs + sshStderrExcerpt(standardError, 1);
        break;
    }
    return result;
}

SshError SudoExchange::errorAtEnd(const QByteArray& standardError, const QString& label) const
{
    if (m_failure != SshError::Kind::None)
        return error(m_failure, label, cleaned(standardError));
    const QByteArray text = cleaned(standardError);
    // sudo's own words (untranslated on most systems) when the prompt never came or came once.
    if (text.contains("a password is required") || text.contains("no password was provided")
        || text.contains("a terminal is required"))
        return error(m_password.isEmpty() ? SshError::Kind::SudoPasswordRequired : SshError::Kind::SudoWrongPassword,
                     label, text);
    if (text.contains("incorrect password") || text.contains("Sorry, try again"))
        return error(SshError::Kind::SudoWrongPassword, label, text);
    return error(SshError::Kind::SudoFailed, label, text);
}
