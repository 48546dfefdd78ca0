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
 * Pure logic, no process: RemoteCommand feeds it the streams.
 */
class SudoExchange
{
public:
    enum class Action { None, SendPassword, GiveUp };

    /*! password empty = none known (a prompt then ends the run with SudoPasswordRequired). */
    explicit SudoExchange(QByteArray password, QString runAsUser = {});
    ~SudoExchange();
    SudoExchange(const SudoExchange&) = delete;
    SudoExchange& operator=(const SudoExchange&) = delete;

    /*! sudo -S -p <prompt> [-u user] -- sh -c 'printf ...; exec "$@"' <marker> argv... */
    QStringList wrap(const QStringList& argv) const;

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
    QString m_prompt;
    QString m_marker;
    QByteArray m_errorSeen;
    QByteArray m_outputHead; //!< stdout held back until the marker line is complete
    int m_promptsSeen = 0;
    bool m_confirmed = false;
    SshError::Kind m_failure = SshError::Kind::None;
};
