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

/*!
 * Prepares a QProcess before it starts (environment, channels): the SSH context sets its own, an
 * exec plugin forwards stdin and stderr to the terminal. A channel forwarded or redirected to a
 * file is not captured: its ProcessOutcome field stays empty.
 */
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
    QString startError;       //!< why it did not start: "<program>: <reason>"
    QString startErrorReason; //!< the reason alone (QProcess::errorString())

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
    /*!
     * Stops the timeout's clock while a person answers a question for this run (an ssh password
     * through askpass); resuming gives the run its whole timeout again, from then on.
     */
    void setTimeoutPaused(bool paused);
    /*!
     * Quiet: start() does not log the command line. For arguments meshdeck did not choose (an
     * exec plugin's, from a kubeconfig), which may hold anything.
     */
    void setQuiet(bool quiet) { m_quiet = quiet; }

signals:
    void finished(const ProcessOutcome& outcome);

private:
    void finish(ProcessOutcome outcome);

    ProcessSetup m_setup;
    QProcess* m_process = nullptr;
    QTimer* m_timer;
    std::chrono::milliseconds m_timeout{0};
    bool m_quiet = false;
};

/*! Kills a process without waiting: it lives on unparented until reaped, then deletes itself. */
void killDetached(QProcess* process);
