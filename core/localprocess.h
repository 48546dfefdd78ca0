// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>

class QProcess;
class QTimer;

/*! Prepares a QProcess before it starts (environment, channels): the SSH context sets its own. */
using ProcessSetup = std::function<void(QProcess* process, const QProcessEnvironment& environment)>;

/*! How a local program run ended. */
struct ProcessOutcome
{
    bool started = false;
    bool crashed = false;
    bool timedOut = false;
    bool canceled = false;
    int exitCode = -1;
    QByteArray standardOutput;
    QByteArray standardError;
    QString startError; //!< why it did not start

    bool exitedNormally() const { return started && !crashed && !timedOut && !canceled; }
    bool succeeded() const { return exitedNormally() && exitCode == 0; }
};

/*!
 * One short run of a local program (ssh -G, ssh-keygen, a host key capture): stdin given up
 * front, output collected, a QTimer timeout, cancel = kill. Reports finished() exactly once,
 * asynchronously. The building block of the operations that do not stream.
 */
class LocalProcess final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalProcess)
public:
    /*! setup empty: the environment given to start() is all the process gets. */
    explicit LocalProcess(ProcessSetup setup = {}, QObject* parent = nullptr);
    ~LocalProcess() override;

    void start(const QString& program, const QStringList& arguments, const QProcessEnvironment& environment,
               const QByteArray& standardInput = {}, std::chrono::milliseconds timeout = std::chrono::milliseconds{0});
    void cancel();
    bool isRunning() const { return m_process != nullptr; }

signals:
    void finished(const ProcessOutcome& outcome);

private:
    void finish(ProcessOutcome outcome);

    ProcessSetup m_setup;
    QProcess* m_process = nullptr;
    QTimer* m_timer;
};

/*! Kills a process without waiting: it lives on unparented until reaped, then deletes itself. */
void killDetached(QProcess* process);
