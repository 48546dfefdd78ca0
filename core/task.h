// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "error.h"

#include <QObject>
#include <QString>

/*!
 * The one protocol of every operation a page or a command drives: preflight, apply, status, the
 * cluster facts, a bundle, each VM, the fleet, a graph request.
 *
 * - start() once; the work runs asynchronously on the thread's event loop.
 * - progress(done, total, activity) as it goes (total 0: not known yet).
 * - finished(error) exactly once after start(): Error{} on success, a typed Error otherwise.
 *   A task whose work ends synchronously inside start() still reports after start() returned,
 *   so a caller may connect after starting.
 * - cancel() at any point: the subclass's abort() stops everything it started (network
 *   requests, remote commands, local processes, timers) and writes nothing more; then
 *   finished(Error::canceled()) follows at once, and later answers of the aborted work are
 *   ignored. Canceling a task that has not started or has finished does nothing.
 *
 * The shape is Qt Creator's TaskInterface plus cancel and progress. Subclasses implement run()
 * and abort(), call setProgress() and end with finish(). Results beyond the error are read
 * from the subclass after finished (report(), checks(), ...).
 */
class Task : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Task)
public:
    enum class State { Ready, Running, Finished };

    explicit Task(QObject* parent = nullptr);
    ~Task() override;

    void start();
    void cancel();

    State state() const { return m_state; }
    /*! Started, and neither finished nor canceled: callbacks of the work check this first. */
    bool isRunning() const { return m_state == State::Running && !m_finishPending && !m_aborting; }
    bool isFinished() const { return m_state == State::Finished; }
    /*! The error finished() carried; Error{} until then and on success. */
    const Error& error() const { return m_error; }
    int progressDone() const { return m_done; }
    int progressTotal() const { return m_total; }
    QString activity() const { return m_activity; }

signals:
    void progress(int done, int total, const QString& activity);
    void finished(const Error& error);

protected:
    /*! Begins the work. Called once, from start(). Ends, sooner or later, in finish(). */
    virtual void run() = 0;
    /*!
     * Stops whatever run() started; after it returns nothing of this task runs or writes. Work
     * that reports synchronously while being stopped finds isRunning() false and must return.
     */
    virtual void abort() {}

    void setProgress(int done, int total, const QString& activity);
    /*!
     * What cancel() finishes with after abort(): Error::canceled() unless abort() says where the
     * work stood ("distribute: canceled"). Its kind is always Canceled.
     */
    void setCanceledMessage(const QString& message) { m_canceledMessage = message; }
    /*! Ends the task with error (Error{}: success). Only the first call counts. */
    void finish(const Error& error = {});

private:
    void emitFinished();

    State m_state = State::Ready;
    Error m_error;
    int m_done = 0;
    int m_total = 0;
    QString m_activity;
    QString m_canceledMessage;
    bool m_starting = false;
    bool m_finishPending = false;
    bool m_aborting = false; //!< inside abort(): what the aborted work reports is ignored
};
