// SPDX-License-Identifier: Apache-2.0
#include "resumepoint.h"

#include "onboardingwizard.h"
#include "plan.h"

int ResumePoint::pageFor(const Plan& plan, const OnboardingStatus& status)
{
    if (plan.vmGroups.isEmpty() || plan.vms.isEmpty() || !status.clusterAnswered)
        return OnboardingWizard::ClusterPageId;
    if (!status.clusterApplied())
        return OnboardingWizard::ReviewPageId;
    if (!status.fleetOnboarded())
        return OnboardingWizard::RunPageId;
    return OnboardingWizard::VerifyPageId;
}
