// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "error.h"
#include "task.h"

#include <QObject>
#include <QPointer>

#include <utility>

/*!
 * A wizard page's one task in flight: makes task the page's current task and, when it finishes,
 * deletes it later and calls done(error) only if it is still the current one (a task the page
 * has replaced meanwhile, e.g. by running again, is dropped); current is cleared before done
 * runs, so the page reads as idle in it. page guards the connection and owns current.
 */
template<class Current, class T, class Done>
void followTask(QObject* page, QPointer<Current>& current, T* task, Done done)
{
    current = task;
    QObject::connect(task, &Task::finished, page, [&current, task, done = std::move(done)](const Error& error) {
        task->deleteLater();
        if (current != task)
            return;
        current = nullptr;
        done(error);
    });
}
