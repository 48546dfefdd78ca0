// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "localprocess.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QSet>
#include <QString>
#include <QStringList>

#include <chrono>
#include <memory>

class AskpassServer;
class QProcess;
class QTemporaryDir;

/*! How meshdeck runs the OpenSSH client. Defaults suit the app; tests point them elsewhere. */
struct SshOptions
{
    QString sshProgram = u"ssh"_qs;
    QString keygenProgram = u"ssh-keygen"_qs;
    /*!
     * sudo on the VMs, by its full path: never a `sudo` found first in the VM user's PATH, which
     * could be anyone's program asking for the password (security review H3). Tests point it at
     * a stand-in.
     */
    QString sudoProgram = u"/usr/bin/sudo"_qs;
    /*!
     * The user's ssh configuration: empty = ~/.ssh/config and /etc/ssh/ssh_config, as in a
     * terminal; "none" = none. ssh reads it through the runtime dir's ssh_config (see
     * SshContext::configFile()), never with -F directly.
     */
    QString configFile;
    /*! How long an idle master connection stays up (Qt Creator: 10 minutes). */
    int controlPersistSeconds = 600;
    /*!
     * The meshdeck binary. ssh runs SSH_ASKPASS with the prompt as its only argument, so a
     * private wrapper script in the runtime dir runs `<askpassProgram> --askpass <prompt>`.
     * Empty = no password prompts at all: every run uses BatchMode=yes.
     */
    QString askpassProgram;
    /*! The environment ssh runs in (HOME, SSH_AUTH_SOCK, ...). */
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    /*! Where the private runtime dir is made: empty = $XDG_RUNTIME_DIR, else the temp dir. */
    QString runtimeParent;
    /*! Host key check + login, per VM; not counting the time a person takes to answer a question. */
    std::chrono::milliseconds connectTimeout{60'000};
    /*!
     * For a command that sets no timeout of its own (RemoteCommand::setTimeout): 30 minutes, so
     * that nothing waits on a VM for ever (uploads included). 0 = none.
     */
    std::chrono::milliseconds commandTimeout{30 * 60'000};
    /*!
     * ssh's keepalives (ServerAliveInterval, ServerAliveCountMax): the connection of a VM that
     * went away (powered off, network cut, packets dropped) ends after interval × count seconds
     * without an answer, 60 s, instead of when TCP gives up (hours); every command over it then
     * fails. 0 = ssh's default (none).
     */
    int serverAliveIntervalSeconds = 15;
    int serverAliveCountMax = 4;
};

/*!
 * What all SSH connections of one meshdeck process share: the options, a private 0700
 * runtime directory holding the ControlMaster sockets (so no other user can hijack a master)
 * and the askpass socket, and the askpass server. Created once by app/ and injected.
 * On destruction every master in the runtime dir is told to exit (`ssh -O exit`, detached, so
 * no wait) and the dir is removed.
 */
class SshContext final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SshContext)
public:
    explicit SshContext(SshOptions options, QObject* parent = nullptr);
    ~SshContext() override;

    /*! False when the runtime dir or the askpass server could not be set up; see errorString(). */
    bool isValid() const { return m_errorString.isEmpty(); }
    QString errorString() const { return m_errorString; }

    const SshOptions& options() const { return m_options; }
    QString runtimeDirectory() const;
    /*! <runtime dir>/%C: ssh hashes host, port, user and jump into the name itself. */
    QString controlPathPattern() const;
    /*! nullptr when no askpassProgram is set. */
    AskpassServer* askpass() const { return m_askpass; }

    /*!
     * <runtime dir>/ssh_config, what -F names: meshdeck's own settings first (ssh keeps the first
     * value it obtains), then `Include` of the user's configuration (SshOptions::configFile).
     * It holds StrictHostKeyChecking yes because a ProxyJump hop's ssh, which OpenSSH starts
     * itself, is given -F but none of the -o options meshdeck passes: without it a bastion the
     * user's ssh_config marks `StrictHostKeyChecking no` would be used with a changed key
     * (security review M3).
     */
    QString configFile() const;
    /*! -F configFile() and -T: the options every ssh invocation starts with. */
    QStringList baseArguments() const;
    /*! The environment for runs that must never prompt. */
    QProcessEnvironment environment() const;
    /*!
     * Gives the process its environment and a new session (setsid): without a controlling
     * terminal neither ssh nor a ProxyJump ssh it spawns can ever prompt on the terminal
     * meshdeck was started from; every question goes through askpass or meshdeck's dialogs.
     */
    void prepare(QProcess* process, const QProcessEnvironment& environment) const;
    /*! prepare() as a LocalProcess setup (the context must outlive the process). */
    ProcessSetup processSetup() const
    {
        return [this](QProcess* process, const QProcessEnvironment& environment) { prepare(process, environment); };
    }

    /*!
     * Host keys confirmed in this process, as "file, name, fingerprint": VMs checked in parallel
     * behind one bastion then write its key once, and a check that finds the very key confirmed
     * meanwhile does not ask again.
     */
    bool isHostKeyConfirmed(const QString& key) const { return m_confirmedHostKeys.contains(key); }
    void confirmHostKey(const QString& key) { m_confirmedHostKeys.insert(key); }

private:
    bool writeConfig();
    bool setUpAskpass();

    SshOptions m_options;
    std::unique_ptr<QTemporaryDir> m_runtime;
    AskpassServer* m_askpass = nullptr;
    QString m_errorString;
    QSet<QString> m_confirmedHostKeys;
};
