// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>

struct Plan;

/*!
 * The onboarding sequence of the two source documents, step by step, as it applies to a plan.
 * The steps engine (VMs over SSH) will run these; for now they tell the user which steps a plan
 * involves (the CLI's `validate` summary and the window's overview).
 */
enum class StepId {
    Preflight,
    PluginCa,
    ControlPlane,
    EastWestGateway,
    IstiodExposure,
    NamespaceAndServiceAccount,
    WorkloadGroup,
    VmFiles,
    Distribute,
    InstallSidecar,
    StartSidecar,
    VerifyWorkloadEntry,
    VerifyService,
    VerifyTrafficSplit,
    LegacyServices,
};

struct StepInfo
{
    StepId id;
    QString title;
    QString description; //!< what it does, with the manual commands it replaces
    bool applies = true; //!< false when the plan does not need it
    QString reason;      //!< why it is skipped
};

/*! Every step, in order, marked for this plan. */
QList<StepInfo> onboardingSteps(const Plan& plan);
