// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "question.h"
#include "ssherror.h"
#include "sshhostconfig.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QProcessEnvironment>

class LocalProcess;
class SshConnection;
struct ProcessOutcome;
class QTimer;

/*!
 * A host key nobody has confirmed yet. The GUI shows a dialog, the CLI asks on its terminal or
 * accepts with --accept-new-host-keys; either calls accept() or reject() once. Only accept()
 * writes the key to known_hosts. Owned by the HostKeyCheck that asks.
 */
class HostKeyQuestion final : public Question
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostKeyQuestion)
    // Read by name by the window's dialog, which may not include ssh/ (core/question.h).
    Q_PROPERTY(QString label READ label CONSTANT)
    Q_PROPERTY(QString host READ host CONSTANT)
    Q_PROPERTY(QString keyType READ keyType CONSTANT)
    Q_PROPERTY(QString fingerprint READ fingerprint CONSTANT)
    Q_PROPERTY(int bits READ bits CONSTANT)
    Q_PROPERTY(QString knownHostsFile READ knownHostsFile CONSTANT)
    Q_PROPERTY(bool jumpHost READ isJumpHost CONSTANT)
public:
    QString label() const { return m_label; }             //!< the VM the connection is for
    QString host() const { return m_host; }               //!< the known_hosts name: host or [host]:port
    QString keyType() const { return m_fingerprint.type; } //!< "ED25519", "ECDSA", "RSA"
    QString fingerprint() const { return m_fingerprint.fingerprint; } //!< "SHA256:..."
    int bits() const { return m_fingerprint.bits; }
    QString knownHostsFile() const { return m_knownHostsFile; } //!< where accept() writes it
    bool isJumpHost() const { return m_jumpHost; }          //!< a ProxyJump hop, not the VM itself

    Kind kind() const override { return Kind::HostKey; }
    QString subject() const override { return m_label; }
    void accept() override;
    void reject() override;

signals:
    void answered(bool accepted);

private:
    friend class HostKeyCheck;
    HostKeyQuestion(QString label, QString host, KeyFingerprint fingerprint, QString knownHostsFile,
                    bool jumpHost, QObject* parent);

    QString m_label;
    QString m_host;
    KeyFingerprint m_fingerprint;
    QString m_knownHostsFile;
    bool m_jumpHost;
    bool m_answered = false;
};

/*!
 * Makes sure OpenSSH will know every host key on the way to a VM before meshdeck logs in with
 * StrictHostKeyChecking=yes: each ProxyJump hop first, then the VM.
 *
 * Per host: `ssh -G` gives the name known_hosts uses and the user's UserKnownHostsFile and
 * GlobalKnownHostsFile (and HashKnownHosts); `ssh-keygen -F name -f file` looks the name up,
 * hashed entries included. An unknown key is captured, not scanned: ssh itself connects with
 * UserKnownHostsFile=<private temp file>, StrictHostKeyChecking=accept-new and every
 * authentication method switched off, so it records the very key it will check later
 * (HostKeyAlgorithms, HostKeyAlias, HostName, Port, ProxyJump and ProxyCommand of the user's
 * config all apply, which ssh-keyscan ignores) and sends no credentials to the unconfirmed
 * host. Through a jump host this works unchanged: the hop's key was confirmed first.
 * `ssh-keygen -lf` gives the fingerprint for the question; on acceptance the line is hashed
 * with `ssh-keygen -H` when HashKnownHosts is yes and appended to the first UserKnownHostsFile.
 *
 * A jump hop that known_hosts knows is still connected to once, with StrictHostKeyChecking=yes
 * and no credentials: ssh compares the key it offers with the known one, and a changed key ends
 * the check with HostKeyChanged naming the hop. The ssh OpenSSH later starts for the hop itself
 * reports nothing of its own (under ControlPersist its stderr is /dev/null), so without this a
 * substituted bastion would show up only as "connection closed" (security review M3); that ssh
 * is strict too (SshContext::configFile()).
 *
 * A changed key of the VM itself shows up when ssh connects (SshConnect): known_hosts has the
 * name, so this check passes and ssh refuses.
 */
class HostKeyCheck final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HostKeyCheck)
public:
    HostKeyCheck(SshConnection* connection, QObject* parent = nullptr);
    ~HostKeyCheck() override;

    /*! The environment for the capture (SshConnect passes one with askpass for a jump host's login). */
    void setEnvironment(const QProcessEnvironment& environment) { m_environment = environment; }

    void start();
    void cancel();
    /*!
     * Stops the clocks (the check's and the running step's) while a person types a jump host's
     * password (SshConnect's askpass questions); resuming starts them afresh.
     */
    void setTimeoutPaused(bool paused);

    /*! The VM's resolved config, valid after finished(). */
    const SshHostConfig& hostConfig() const { return m_targetConfig; }
    /*! known_hosts names written during this check. */
    QStringList acceptedHosts() const { return m_accepted; }

signals:
    void hostKeyQuestion(HostKeyQuestion* question);
    void progress(int done, int total); //!< hosts checked of hosts on the way
    void finished(const SshError& error);

private:
    struct Hop
    {
        QString user;
        QString host;
        int port = 0;
        QString jump;       //!< the hops before this one, for -J
        bool isTarget = false;
        SshHostConfig config;
    };
    void run(const QString& program, const QStringList& arguments, const QByteArray& input,
             void (HostKeyCheck::*next)(const ProcessOutcome&));
    QStringList hopOptions(const Hop& hop) const;
    void onTargetConfig(const ProcessOutcome& outcome);
    void checkHop();
    void onHopConfig(const ProcessOutcome& outcome);
    void lookUpNextFile();
    void onLookUp(const ProcessOutcome& outcome);
    void verifyHop();
    void onHopVerified(const ProcessOutcome& outcome);
    void capture();
    void onCaptured(const ProcessOutcome& outcome);
    void onFingerprint(const ProcessOutcome& outcome);
    void onAnswered(bool accepted);
    void onHashed(const ProcessOutcome& outcome);
    void appendCaptured();
    QString confirmationKey() const;
    void nextHop();
    void fail(SshError::Kind kind, const QString& message, const QString& detail = {});
    void finish(const SshError& error);

    QPointer<SshConnection> m_connection;
    QProcessEnvironment m_environment;
    LocalProcess* m_process = nullptr;
    QTimer* m_timer;
    QList<Hop> m_hops; //!< jump hops, then the VM
    int m_current = 0;
    QStringList m_filesToSearch;
    QString m_captureFile;
    KeyFingerprint m_captured;
    SshHostConfig m_targetConfig;
    QStringList m_accepted;
    bool m_running = false;
    bool m_asking = false; //!< a HostKeyQuestion is open: its clock is stopped anyway
};
