// SPDX-License-Identifier: Apache-2.0
#include "task.h"

#include <QMetaObject>

Task::Task(QObject* parent)
    : QObject(parent)
{
    static const int registered = qRegisterMetaType<Error>();
    Q_UNUSED(registered)
}

Task::~Task() = default;

void Task::start()
{
    if (m_state != State::Ready)
        return;
    m_state = State::Running;
    m_starting = true;
    run();
    m_starting = false;
    if (m_finishPending) {
        // Finished inside start(): report from the event loop, so a caller connecting after
        // start() still hears it.
        QMetaObject::invokeMethod(this, &Task::emitFinished, Qt::QueuedConnection);
    }
}

void Task::cancel()
{
    if (m_state != State::Running || m_finishPending || m_aborting)
        return;
    m_aborting = true;
    abort();
    m_aborting = false;
    finish(Error::canceled(m_canceledMessage));
}

void Task::setProgress(int done, int total, const QString& activity)
{
    if (!isRunning())
        return;
    m_done = done;
    m_total = total;
    m_activity = activity;
    emit progress(done, total, activity);
}

void Task::finish(const Error& error)
{
    if (m_state != State::Running || m_finishPending || m_aborting)
        return;
    m_error = error;
    m_finishPending = true;
    if (!m_starting)
        emitFinished();
}

void Task::emitFinished()
{
    if (m_state != State::Running)
        return;
    m_state = State::Finished;
    m_finishPending = false;
    emit finished(m_error);
}
