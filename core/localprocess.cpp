// SPDX-License-Identifier: Apache-2.0
#include "localprocess.h"

#include <QLoggingCategory>
#include <QProcess>
#include <QTimer>

Q_LOGGING_CATEGORY(lcSshProcess, "meshdeck.process")

void killDetached(QProcess* process)
{
    if (!process)
        return;
    process->disconnect();
    process->setParent(nullptr);
    if (process->state() == QProcess::NotRunning) {
        process->deleteLater();
        return;
    }
    QObject::connect(process, &QProcess::finished, process, &QObject::deleteLater);
    process->kill();
}

LocalProcess::LocalProcess(ProcessSetup setup, QObject* parent)
    : QObject(parent)
    , m_setup(std::move(setup))
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        ProcessOutcome outcome;
        outcome.started = true;
        outcome.timedOut = true;
        finish(outcome);
    });
}

LocalProcess::~LocalProcess()
{
    killDetached(std::exchange(m_process, nullptr));
}

void LocalProcess::start(const QString& program, const QStringList& arguments, const QProcessEnvironment& environment,
                         const QByteArray& standardInput, std::chrono::milliseconds timeout)
{
    Q_ASSERT(!m_process);
    auto* process = new QProcess(this);
    m_process = process;
    if (m_setup)
        m_setup(process, environment);
    else
        process->setProcessEnvironment(environment);
    // Arguments only: callers never pass secrets here (see tst_remotecommand's /proc scan).
    if (!m_quiet)
        qCDebug(lcSshProcess).noquote() << program << arguments.join(u' ');
    connect(process, &QProcess::started, this, [process, standardInput] {
        if (!standardInput.isEmpty())
            process->write(standardInput);
        process->closeWriteChannel();
    });
    connect(process, &QProcess::finished, this, [this, process](int exitCode, QProcess::ExitStatus status) {
        if (process != m_process)
            return;
        ProcessOutcome outcome;
        outcome.started = true;
        outcome.crashed = status == QProcess::CrashExit;
        outcome.exitCode = exitCode;
        // What the setup forwarded (to a terminal) or merged was never captured: nothing to read.
        const QProcess::ProcessChannelMode mode = process->processChannelMode();
        if (mode != QProcess::ForwardedChannels && mode != QProcess::ForwardedOutputChannel)
            outcome.standardOutput = process->readAllStandardOutput();
        if (mode == QProcess::SeparateChannels || mode == QProcess::ForwardedOutputChannel)
            outcome.standardError = process->readAllStandardError();
        finish(outcome);
    });
    connect(process, &QProcess::errorOccurred, this, [this, process](QProcess::ProcessError error) {
        if (process != m_process || error != QProcess::FailedToStart)
            return;
        ProcessOutcome outcome;
        outcome.startErrorReason = process->errorString();
        outcome.startError = process->program() + u": "_qs + outcome.startErrorReason;
        finish(outcome);
    });
    m_timeout = timeout;
    if (timeout.count() > 0)
        m_timer->start(timeout);
    process->start(program, arguments);
}

void LocalProcess::setTimeoutPaused(bool paused)
{
    if (paused)
        m_timer->stop();
    else if (m_process && m_timeout.count() > 0)
        m_timer->start(m_timeout);
}

void LocalProcess::cancel()
{
    if (!m_process)
        return;
    ProcessOutcome outcome;
    outcome.started = true;
    outcome.canceled = true;
    finish(outcome);
}

void LocalProcess::finish(ProcessOutcome outcome)
{
    m_timer->stop();
    killDetached(std::exchange(m_process, nullptr));
    emit finished(outcome);
}
