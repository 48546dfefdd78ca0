// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <utility>

/*!
 * What a Task has in flight (Kubernetes requests and lists, discovery, a child task), canceled
 * together by its abort(): after a cancel nothing the task started is still talking to the
 * cluster. Operations that delete themselves when done are noticed through QPointers.
 */
class InFlight
{
public:
    /*! Starts op (anything with start() and cancel()) and keeps it until it is gone. */
    template <typename Operation>
    void start(Operation* op)
    {
        m_operations.removeIf([](const Entry& e) { return e.object.isNull(); });
        m_operations.append(Entry{QPointer<QObject>(op), [op] { op->cancel(); }});
        op->start();
    }
    void cancelAll()
    {
        for (const Entry& e : std::exchange(m_operations, {}))
            if (e.object)
                e.cancel();
    }

private:
    struct Entry
    {
        QPointer<QObject> object;
        std::function<void()> cancel;
    };
    QList<Entry> m_operations;
};
