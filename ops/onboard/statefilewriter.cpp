// SPDX-License-Identifier: Apache-2.0
#include "statefilewriter.h"

#include <QSaveFile>

StateFileWriter::StateFileWriter(QObject* parent)
    : QObject(parent)
{
}

StateFileWriter::~StateFileWriter()
{
    {
        const std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_one();
    if (m_thread.joinable())
        m_thread.join(); // the worker writes what is pending before it stops
}

void StateFileWriter::write(const QString& path, const QByteArray& content)
{
    {
        const std::lock_guard lock(m_mutex);
        m_pending = Pending{path, content};
        if (!m_thread.joinable())
            m_thread = std::thread([this] { work(); });
    }
    m_wake.notify_one();
}

bool StateFileWriter::isIdle() const
{
    const std::lock_guard lock(m_mutex);
    return !m_pending && !m_writing;
}

void StateFileWriter::waitForDrained()
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return !m_pending && !m_writing; });
}

QString StateFileWriter::writeNow(const QString& path, const QByteArray& content)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return u"cannot write "_qs + path + u": "_qs + file.errorString();
    if (file.write(content) != content.size() || !file.flush()) {
        const QString error = u"cannot write "_qs + path + u": "_qs + file.errorString();
        file.cancelWriting();
        return error;
    }
    if (!file.commit())
        return u"cannot write "_qs + path + u": "_qs + file.errorString();
    return {};
}

void StateFileWriter::work()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [this] { return m_stop || m_pending; });
        if (!m_pending)
            return; // stopped with nothing left
        const Pending next = *std::exchange(m_pending, std::nullopt);
        m_writing = true;
        lock.unlock();
        const QString error = writeNow(next.path, next.content);
        lock.lock();
        m_writing = false;
        const bool idle = !m_pending;
        if (idle)
            m_idle.notify_all();
        // Delivered on the writer's own thread; dropped if it is gone by then.
        if (!error.isEmpty())
            QMetaObject::invokeMethod(this, [this, error] { emit failed(error); }, Qt::QueuedConnection);
        if (idle)
            QMetaObject::invokeMethod(this, [this] { emit drained(); }, Qt::QueuedConnection);
    }
}
