// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ssherror.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

/*!
 * The conversation with a remote `sudo -S`, as Ansible's become plugin has it: sudo prints a
 * prompt unique to this run (-p) on stderr when, and only when, it wants the password, and the
 * password goes to its stdin then; a marker the command prints before exec'ing tells that sudo
 * let it run, so only then does the command's own stdin follow. A second prompt means the
 * password was wrong. Locale-independent: sudo's own messages are only a fallback.
 *
 * The password must reach sudo and nothing else (security review H3). The command line is
 * visible on the VM (ps, the login shell's ~/.bashrc through $BASH_EXECUTION_STRING, audit
 * logs), so it holds neither the prompt nor the marker: both carry a nonce that travels as the
 * first line of stdin (openingLine()), read by the wrapper before it execs sudo. Whatever prints
 * a prompt it read off the command line prints the wrong one and gets nothing. sudo is run by
 * its full path with exec, so no `sudo` earlier in the user's PATH (or a shell function) asks
 * in its place. A login shell that reads its own stdin is a compromised account; nothing sent
 * over ssh can be kept from it (docs/onboarding.md).
 * Pure logic, no process: RemoteCommand feeds it the streams.
 */
class SudoExchange
{
public:
    enum class Action { None, SendPassword, GiveUp };

    /*! password empty = none known (a prompt then ends the run with SudoPasswordRequired). */
    explicit SudoExchange(QByteArray password, QString runAsUser = {}, QString sudoProgram = u"/usr/bin/sudo"_qs);
    ~SudoExchange();
    SudoExchange(const SudoExchange&) = delete;
    SudoExchange& operator=(const SudoExchange&) = delete;

    /*!
     * /bin/sh -c 'read the nonce; exec <sudo> -S -p <prompt> [-u user] -- /bin/sh -c
     * "print the marker; exec argv"' argv...: the nonce's place in the prompt and the marker is
     * "$n", filled in on the VM.
     */
    QStringList wrap(const QStringList& argv) const;
    /*! The first bytes of stdin: the nonce line the wrapper reads before it runs sudo. */
    QByteArray openingLine() const { return m_nonce.toLatin1() + '\n'; }

    /*! Feed stderr as it arrives; the answer says what to do about the newest prompt. */
    Action onStandardError(const QByteArray& chunk);
    /*! Feed stdout as it arrives; returns the command's own output (the marker line removed). */
    QByteArray onStandardOutput(const QByteArray& chunk);

    /*! The line to write to sudo's stdin. */
    QByteArray passwordLine() const { return m_password + '\n'; }
    /*! The marker arrived: sudo accepted, the command runs. */
    bool confirmed() const { return m_confirmed; }
    /*! Why the run is given up (after Action::GiveUp). */
    SshError::Kind failure() const { return m_failure; }

    /*! stderr without the prompts. */
    QByteArray cleaned(const QByteArray& standardError) const;
    /*! At the end of an unconfirmed run: why sudo did not run the command. */
    SshError errorAtEnd(const QByteArray& standardError, const QString& label) const;
    static SshError error(SshError::Kind kind, const QString& label, const QByteArray& standardError);

    QString prompt() const { return m_prompt; }
    QString marker() const { return m_marker; }

private:
    QByteArray m_password;
    QString m_runAs;
    QString m_sudoProgram;
    QString m_nonce;
    QString m_prompt;
    QString m_marker;
    QByteArray m_errorSeen;
    QByteArray m_outputHead; //!< stdout held back until the marker line is complete
    int m_promptsSeen = 0;
    bool m_confirmed = false;
    SshError::Kind m_failure = SshError::Kind::None;
};
