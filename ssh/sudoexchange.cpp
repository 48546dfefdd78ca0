// SPDX-License-Identifier: Apache-2.0
#include "sudoexchange.h"

#include "remoteshell.h"
#include "secrets.h"

#include <QRandomGenerator>

namespace {

QString randomHex()
{
    return QString::number(QRandomGenerator::system()->generate64(), 16).rightJustified(16, u'0');
}

} // namespace

SudoExchange::SudoExchange(QByteArray password, QString runAsUser, QString sudoProgram)
    : m_password(std::move(password))
    , m_runAs(std::move(runAsUser))
    , m_sudoProgram(std::move(sudoProgram))
    , m_nonce(randomHex() + randomHex())
    // No '%' in either: sudo expands %-escapes in the prompt.
    , m_prompt(u"[meshdeck sudo "_qs + m_nonce + u"] password: "_qs)
    , m_marker(u"MESHDECK-SUDO-OK-"_qs + m_nonce)
{
}

SudoExchange::~SudoExchange()
{
    Secrets::wipe(m_password);
}

QStringList SudoExchange::wrap(const QStringList& argv) const
{
    // The argument vector travels as positional parameters, so it is quoted once (by
    // RemoteShell, for the login shell) and never re-parsed by sh -c. The nonce is read from
    // stdin; without it (stdin closed or taken by someone else) nothing runs.
    QString script = u"IFS= read -r n || exit 125; exec "_qs + RemoteShell::quote(m_sudoProgram)
        + u" -S -p \"[meshdeck sudo $n] password: \""_qs;
    if (!m_runAs.isEmpty())
        script += u" -u "_qs + RemoteShell::quote(m_runAs);
    script += u" -- /bin/sh -c "_qs + RemoteShell::quote(u"printf '%s\\n' \"$0\" && exec \"$@\""_qs)
        + u" \"MESHDECK-SUDO-OK-$n\" \"$@\""_qs;
    return QStringList{u"/bin/sh"_qs, u"-c"_qs, script, u"meshdeck-sudo"_qs} + argv;
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
