// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizard>

class OnboardingService;
class WizardContext;
struct Plan;

/*!
 * The guided onboarding, in the window: both seeds' sequence, a page each where it matters
 * (house style "Wizards"; one .ui per page). It edits a copy of the plan and saves it back to its
 * file, comments and key order kept; reopened on a plan it reads the state file and the cluster
 * and starts at the first step that is not done.
 */
class OnboardingWizard final : public QWizard
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OnboardingWizard)
public:
    enum PageId {
        ClusterPageId,
        MeshPageId,
        GatewayPageId,
        GroupPageId,
        VmsPageId,
        PackagePageId,
        ReviewPageId,
        RunPageId,
        VerifyPageId,
        SplitPageId,
        DonePageId,
    };

    /*! plan: the window's plan (or an empty one), saved to path (empty: asked on save). */
    OnboardingWizard(Plan plan, const QString& path, OnboardingService* service, QWidget* parent = nullptr);
    ~OnboardingWizard() override;

    WizardContext* context() const { return m_context; }

private:
    WizardContext* m_context;
};
