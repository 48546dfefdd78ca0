// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "kubeoperation.h"

#include <QList>
#include <QPointer>

#include <utility>

/*!
 * The Kubernetes requests a Task has in flight, canceled together by its abort(): after a
 * cancel nothing the task started is still talking to the cluster. Finished requests delete
 * themselves (KubeOperation's auto-delete), which the QPointers notice.
 */
class InFlight
{
public:
    void start(KubeOperation* op)
    {
        m_operations.removeIf([](const QPointer<KubeOperation>& o) { return o.isNull(); });
        m_operations.append(op);
        op->start();
    }
    void cancelAll()
    {
        for (const QPointer<KubeOperation>& op : std::exchange(m_operations, {}))
            if (op)
                op->cancel();
    }

private:
    QList<QPointer<KubeOperation>> m_operations;
};
