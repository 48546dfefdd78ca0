// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ssherror.h"

#include <QByteArray>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <chrono>
#include <memory>

class QIODevice;
class QProcess;
class QTimer;
class SshConnection;
class SudoExchange;

/*! How a RemoteCommand ended. */
struct CommandResult
{
    int exitCode = -1;          //!< the remote command's exit code; -1 when it did not run to the end
    QByteArray standardOutput;
    QByteArray standardError;   //!< sudo's prompts removed
    SshError error;             //!< kind None when the command ran (whatever its exit code)

    bool ok() const { return !error.isError() && exitCode == 0; }
};

/*!
 * One command on the VM, over the connection's ControlMaster: `ssh ... -- host <line>` where
 * the line is RemoteShell::commandLine(argv), so every argument arrives as given, never
 * re-split, expanded or executed by the remote shell. Optional stdin (bytes, or a device
 * streamed with progress), optional sudo (SudoExchange: `sudo -S` with a unique prompt, the
 * password written to stdin only when that prompt appears), a timeout, cancel = kill.
 * finished() comes exactly once after start(), asynchronously, also for bad input.
 *
 * Cancel or timeout kill the local ssh; the remote command is not signalled (no tty) and ends
 * when it next touches its closed stdin/stdout. Onboarding steps are idempotent for that reason.
 */
class RemoteCommand final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RemoteCommand)
public:
    /*! The most a command may print (stdout, stderr); beyond it, it fails with OutputTooLarge. */
    static constexpr qsizetype maxOutputBytes = 64 * 1024 * 1024;
    static constexpr qsizetype maxErrorBytes = 4 * 1024 * 1024;

    RemoteCommand(SshConnection* connection, QStringList argv, QObject* parent = nullptr);
    ~RemoteCommand() override;

    void setStandardInput(const QByteArray& data);
    /*! Streams size bytes from device (open, readable, owned by the caller) as stdin; progress() follows. */
    void setStandardInputDevice(QIODevice* device, qint64 size);
    /*! Run through sudo -S; password empty = expect none to be asked (NOPASSWD). */
    void setSudo(const QByteArray& password, const QString& runAsUser = {});
    /*! 0 = the context's commandTimeout. */
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    void start();
    void cancel();

    QStringList argv() const { return m_argv; }
    /*! The line ssh sends (with sudo's wrapping); contains no secret. */
    QString remoteCommandLine() const;

signals:
    void progress(qint64 done, qint64 total); //!< stdin bytes handed to ssh
    void finished(const CommandResult& result);

private:
    void onStarted();
    void onStandardOutput();
    void onStandardError();
    void feedInput();
    void checkOutputSize();
    void closeInput();
    void onFinished(int exitCode, bool crashed);
    void failNow(SshError::Kind kind, const QString& message);
    void finish(CommandResult result);

    QPointer<SshConnection> m_connection;
    QStringList m_argv;
    QByteArray m_input;
    QPointer<QIODevice> m_device;
    qint64 m_deviceSize = 0;
    qint64 m_queued = 0;
    std::unique_ptr<SudoExchange> m_sudo;
    std::chrono::milliseconds m_timeout{0};
    QProcess* m_process = nullptr;
    QTimer* m_timer;
    QByteArray m_out;
    QByteArray m_err;
    SshError m_error; //!< decided while running (sudo gave up)
    bool m_inputOpen = false;
    bool m_running = false;
    bool m_done = false;
};
