// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clientsource.h"
#include "error.h"
#include "inflight.h"
#include "plan.h"
#include "task.h"

#include <functional>

/*!
 * What the console's tasks share: the plan and the ClientSource they are made with, what they
 * have in flight (abort() cancels it all: a fleet's own cancel stops each VM after its current
 * command), and the plumbing from "get the client" to "start a run and pass on its progress and
 * its finish", each step only while this task still runs. Base is the OnboardingService task
 * interface implemented (ApplyTask, PreflightTask, ...); a template because those are different
 * Tasks. It has no tr() of its own, so every message keeps the task's translation context.
 */
template<class Base>
class ConsoleTask : public Base
{
protected:
    ConsoleTask(Plan plan, ClientSource clients, QObject* parent)
        : Base(parent)
        , m_plan(std::move(plan))
        , m_clients(std::move(clients))
    {
    }

    /*!
     * Asks for the client of the moment, then then(client) if this task still runs; without a
     * client it finishes with KubernetesUnreachable and why there is none.
     */
    void withClient(std::function<void(KubeClient*)> then)
    {
        m_clients(this, [this, then = std::move(then)](KubeClient* client, const QString& error) {
            if (!this->isRunning())
                return;
            if (!client) {
                this->finish(Error::make(Error::Kind::KubernetesUnreachable, error));
                return;
            }
            then(client);
        });
    }

    /*! run's progress becomes this task's while this task runs. */
    void forwardProgress(Task* run)
    {
        QObject::connect(run, &Task::progress, this, [this](int done, int total, const QString& activity) {
            if (this->isRunning())
                this->setProgress(done, total, activity);
        });
    }

    /*! This task finishes with run's error when run finishes, if this task still runs. */
    void forwardFinished(Task* run)
    {
        QObject::connect(run, &Task::finished, this, [this](const Error& error) {
            if (this->isRunning())
                this->finish(error);
        });
    }

    void abort() override { m_inFlight.cancelAll(); }

    Plan m_plan;
    ClientSource m_clients;
    InFlight m_inFlight;
};
