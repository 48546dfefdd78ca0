// SPDX-License-Identifier: Apache-2.0
#include "remotecommand.h"

#include "localprocess.h"
#include "remoteshell.h"
#include "secrets.h"
#include "sshconnection.h"
#include "sshcontext.h"
#include "sudoexchange.h"

#include <QIODevice>
#include <QLoggingCategory>
#include <QProcess>
#include <QTimer>

Q_LOGGING_CATEGORY(lcSshCommand, "meshdeck.ssh.command")

namespace {

// Keep about one pipe's worth queued: enough to keep ssh busy, little enough that progress
// follows what ssh actually took.
constexpr qint64 chunkSize = 256 * 1024;
constexpr qint64 lowWater = 64 * 1024;

// "0.7 s", "60 s", "12 min"
QString durationText(int ms)
{
    if (ms >= 120'000 && ms % 60'000 == 0)
        return QString::number(ms / 60'000) + u" min"_qs;
    return QString::number(double(ms) / 1000.0) + u" s"_qs;
}

} // namespace

RemoteCommand::RemoteCommand(SshConnection* connection, QStringList argv, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_argv(std::move(argv))
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        failNow(SshError::Kind::Timeout, m_connection->label() + u": `"_qs + m_argv.value(0) + u"` did not finish within "_qs
                    + durationText(m_timer->interval()) + u" and was stopped (it hangs on the VM, or the VM or its network "
                                                            "went away)"_qs);
    });
}

RemoteCommand::~RemoteCommand()
{
    killDetached(std::exchange(m_process, nullptr));
    Secrets::wipe(m_input); // a command never started still holds it
}

void RemoteCommand::setStandardInput(const QByteArray& data)
{
    m_input = data;
    m_device = nullptr;
}

void RemoteCommand::setStandardInputDevice(QIODevice* device, qint64 size)
{
    m_device = device;
    m_deviceSize = size;
    m_input.clear();
}

void RemoteCommand::setSudo(const QByteArray& password, const QString& runAsUser)
{
    m_sudo = std::make_unique<SudoExchange>(password, runAsUser, m_connection->context()->options().sudoProgram);
}

QString RemoteCommand::remoteCommandLine() const
{
    return RemoteShell::commandLine(m_sudo ? m_sudo->wrap(m_argv) : m_argv);
}

void RemoteCommand::start()
{
    if (m_running || m_done)
        return;
    m_running = true;
    if (m_argv.isEmpty() || !std::all_of(m_argv.cbegin(), m_argv.cend(), RemoteShell::isTransportable)) {
        // Asynchronous like every other outcome, so callers may connect after start().
        QTimer::singleShot(0, this, [this] {
            failNow(SshError::Kind::BadInput, m_connection->label() + u": a command needs a program, and no argument "
                                                                       "may contain a NUL byte"_qs);
        });
        return;
    }
    SshContext* context = m_connection->context();
    m_process = new QProcess(this);
    context->prepare(m_process, context->environment());
    connect(m_process, &QProcess::started, this, &RemoteCommand::onStarted);
    connect(m_process, &QProcess::readyReadStandardOutput, this, &RemoteCommand::onStandardOutput);
    connect(m_process, &QProcess::readyReadStandardError, this, &RemoteCommand::onStandardError);
    connect(m_process, &QProcess::bytesWritten, this, &RemoteCommand::feedInput);
    connect(m_process, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        onFinished(exitCode, status == QProcess::CrashExit);
    });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            failNow(SshError::Kind::LocalFailure, u"cannot run "_qs + m_process->program() + u": "_qs + m_process->errorString());
    });
    const std::chrono::milliseconds timeout = m_timeout.count() > 0 ? m_timeout : context->options().commandTimeout;
    if (timeout.count() > 0)
        m_timer->start(timeout);
    const QString line = remoteCommandLine();
    qCDebug(lcSshCommand).noquote() << m_connection->label() << line;
    m_process->start(context->options().sshProgram, m_connection->commandArguments(line));
}

void RemoteCommand::cancel()
{
    if (m_running)
        failNow(SshError::Kind::Canceled, m_connection->label() + u": canceled"_qs);
}

void RemoteCommand::onStarted()
{
    m_inputOpen = true;
    if (m_sudo)
        m_process->write(m_sudo->openingLine()); // the nonce, before anything else reads stdin
    feedInput(); // with sudo this waits for the marker (or the prompt, see onStandardError)
}

void RemoteCommand::onStandardOutput()
{
    const QByteArray chunk = m_process->readAllStandardOutput();
    if (!m_sudo) {
        m_out += chunk;
    } else {
        const bool wasConfirmed = m_sudo->confirmed();
        m_out += m_sudo->onStandardOutput(chunk);
        if (!wasConfirmed && m_sudo->confirmed())
            feedInput();
    }
    checkOutputSize();
}

// What a VM sends back is bounded (security review M4): the largest answer of meshdeck's own
// commands is a probe with /etc/hosts, kilobytes. A VM that streams without end fails its
// command instead of filling memory.
void RemoteCommand::checkOutputSize()
{
    if (m_out.size() <= maxOutputBytes && m_err.size() <= maxErrorBytes)
        return;
    const bool out = m_out.size() > maxOutputBytes;
    m_out.clear();
    m_err = m_err.right(4096);
    failNow(SshError::Kind::OutputTooLarge,
            m_connection->label() + u": the command sent more than "_qs
                + QString::number((out ? maxOutputBytes : maxErrorBytes) / (1024 * 1024)) + u" MiB on "_qs
                + (out ? u"stdout"_qs : u"stderr"_qs) + u"; it was stopped"_qs);
}

void RemoteCommand::onStandardError()
{
    const QByteArray chunk = m_process->readAllStandardError();
    m_err += chunk;
    if (m_err.size() > maxErrorBytes) {
        checkOutputSize();
        return;
    }
    if (!m_sudo || !m_inputOpen)
        return;
    switch (m_sudo->onStandardError(chunk)) {
    case SudoExchange::Action::None:
        break;
    case SudoExchange::Action::SendPassword: {
        QByteArray line = m_sudo->passwordLine();
        m_process->write(line);
        Secrets::wipe(line);
        break;
    }
    case SudoExchange::Action::GiveUp:
        // sudo reads EOF instead of a password and exits; its words end up in the detail.
        m_error = SudoExchange::error(m_sudo->failure(), m_connection->label(), m_sudo->cleaned(m_err));
        closeInput();
        break;
    }
}

void RemoteCommand::feedInput()
{
    if (!m_process || !m_inputOpen || (m_sudo && !m_sudo->confirmed()))
        return;
    if (!m_device) {
        if (!m_input.isEmpty())
            m_process->write(m_input);
        m_queued = m_input.size();
        // The input may be a token or key files (security review M6): zeroed here when this is
        // the last holder of its bytes. (QProcess keeps its own copy of what it has not yet
        // written, and frees it unzeroed: out of reach here; no core dump shows it.)
        Secrets::wipe(m_input);
        closeInput();
        return;
    }
    while (m_process->bytesToWrite() < lowWater && m_queued < m_deviceSize) {
        const QByteArray chunk = m_device->read(std::min(chunkSize, m_deviceSize - m_queued));
        if (chunk.isEmpty()) {
            failNow(SshError::Kind::LocalFailure,
                    m_connection->label() + u": cannot read the data to send: "_qs + m_device->errorString());
            return;
        }
        m_process->write(chunk);
        m_queued += chunk.size();
    }
    emit progress(m_queued - m_process->bytesToWrite(), m_deviceSize);
    if (m_queued >= m_deviceSize)
        closeInput();
}

void RemoteCommand::closeInput()
{
    if (!m_inputOpen)
        return;
    m_inputOpen = false;
    m_process->closeWriteChannel(); // after what is queued has been written
}

void RemoteCommand::onFinished(int exitCode, bool crashed)
{
    if (!m_running)
        return;
    onStandardOutput();
    if (!m_running)
        return; // the output was too large: failed already
    m_err += m_process->readAllStandardError();
    checkOutputSize();
    if (!m_running)
        return;
    CommandResult result;
    result.exitCode = crashed ? -1 : exitCode;
    result.standardOutput = m_out;
    result.standardError = m_sudo ? m_sudo->cleaned(m_err) : m_err;
    if (m_error.isError()) {
        result.error = m_error;
    } else if (crashed) {
        result.error.kind = SshError::Kind::ConnectionFailed;
        result.error.message = m_connection->label() + u": ssh ended abnormally"_qs;
    } else if (exitCode == 255) {
        result.error = sshFailureFromStderr(m_err, m_connection->label());
    }
    if (!result.error.isError() && m_sudo && !m_sudo->confirmed())
        result.error = m_sudo->errorAtEnd(m_err, m_connection->label());
    if (result.error.isError() && !m_sudo)
        result.error.detail = sshStderrExcerpt(m_err, 6);
    if (m_device)
        emit progress(m_queued - m_process->bytesToWrite(), m_deviceSize);
    finish(result);
}

void RemoteCommand::failNow(SshError::Kind kind, const QString& message)
{
    if (!m_running)
        return;
    CommandResult result;
    result.error.kind = kind;
    result.error.message = message;
    result.standardOutput = m_out;
    result.standardError = m_sudo ? m_sudo->cleaned(m_err) : m_err;
    finish(result);
}

void RemoteCommand::finish(CommandResult result)
{
    m_running = false;
    m_done = true;
    m_timer->stop();
    killDetached(std::exchange(m_process, nullptr));
    emit finished(result);
}
