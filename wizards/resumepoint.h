// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "onboardingservice.h"

struct Plan;

/*!
 * Where a reopened wizard starts (plain, tested without widgets): the first page whose step is
 * not done, from the plan and what the state file and the cluster say (OnboardingStatus).
 * Returns an OnboardingWizard::PageId.
 *  - a plan without VM groups or VMs, or no cluster answer: the cluster page (the beginning);
 *  - the cluster side not all in sync: the review page (the plan is written; review, then run);
 *  - some VM not onboarded: the run page;
 *  - every VM onboarded: the verify page.
 */
namespace ResumePoint {
int pageFor(const Plan& plan, const OnboardingStatus& status);
}
