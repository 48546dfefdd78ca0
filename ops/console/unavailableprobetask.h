// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "onboardingservice.h"

/*! OnboardingService::probeVm() until the probe is implemented: fails with "not implemented". */
class UnavailableProbeTask final : public ProbeTask
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UnavailableProbeTask)
public:
    using ProbeTask::ProbeTask;
    VmProbeInfo info() const override { return {}; }

private:
    void run() override { finish(Error::make(Error::Kind::InvalidInput, tr("Testing a VM's connection is not implemented yet."))); }
};
