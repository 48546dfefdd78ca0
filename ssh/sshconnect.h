// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ssherror.h"

#include <QObject>
#include <QPointer>

class HostKeyCheck;
class HostKeyQuestion;
class LocalProcess;
class PasswordQuestion;
class SshConnection;
struct ProcessOutcome;

/*!
 * Opens a VM's connection: HostKeyCheck (questions for unknown keys), then the ControlMaster
 * (`ssh -N` with ControlPersist: ssh logs in, forks the master into the background and exits).
 * With an askpass program configured this one run may ask for passwords and key passphrases
 * (BatchMode=no, SSH_ASKPASS through meshdeck); every later command runs with BatchMode=yes
 * over the master and never asks again.
 *
 * The connect timeout (SshOptions::connectTimeout) counts the hosts' time only: it stops while a
 * password or passphrase question is open, as it does for a host key question, and starts afresh
 * after the answer.
 *
 * A changed host key is a hard stop: finished() carries HostKeyChanged with the fingerprint
 * the host offered and those known_hosts holds for it.
 */
class SshConnect final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SshConnect)
public:
    SshConnect(SshConnection* connection, QObject* parent = nullptr);
    ~SshConnect() override;

    void start();
    void cancel();

signals:
    void hostKeyQuestion(HostKeyQuestion* question);
    void passwordQuestion(PasswordQuestion* question);
    void progress(int done, int total); //!< 0..3: host keys, login, done
    void finished(const SshError& error);

private:
    void setTimeoutsPaused(bool paused);
    void onHostKeysChecked(const SshError& error);
    void startMaster();
    void onMasterStarted(const ProcessOutcome& outcome);
    void lookUpKnownFingerprints(SshError error);
    void finish(const SshError& error);

    QPointer<SshConnection> m_connection;
    HostKeyCheck* m_check = nullptr;
    LocalProcess* m_process = nullptr;
    int m_ticket = 0;
    int m_openPasswordQuestions = 0; //!< while > 0 the timeouts are paused
    bool m_running = false;
};
