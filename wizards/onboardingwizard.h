// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizard>

class OnboardingService;
class RunPage;
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

    /*! Cancel during a run stops the run cleanly first (RunPage::cancelRun), then closes. */
    void reject() override;

signals:
    /*! The done page's "Open the traffic graph": the main window switches to its graph tab. */
    void openTrafficGraph();
    /*! Reopened on a plan: the page the wizard moved to (ResumePoint), once the status is read. */
    void resumed(int pageId);

private:
    void resumeFromStatus();
    void saveAfterEditing(int leftPage);

    WizardContext* m_context;
    RunPage* m_runPage = nullptr;
    int m_lastPage = -1;
};
