// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "operror.h"
#include "vmremote.h"

#include <functional>
#include <utility>

/*!
 * What the one-VM tasks over a VmRemote share (TokenRefreshRun, VmProbeTask): the login. Base is
 * the task interface implemented (Task, ProbeTask); a template because those are different
 * Tasks. It has no tr() of its own, so every message keeps the task's translation context.
 */
template<class Base>
class RemoteTask : public Base
{
protected:
    using Base::Base;

    /*!
     * Opens remote (logs in; its host-key and password questions come out as the remote's
     * signals), then then() if this task still runs; a failed login finishes the task with the
     * login's error.
     */
    void openRemote(VmRemote* remote, std::function<void()> then)
    {
        remote->open([this, then = std::move(then)](const SshError& error) {
            if (!this->isRunning())
                return;
            if (error.isError()) {
                this->finish(toError(error));
                return;
            }
            then();
        });
    }
};
