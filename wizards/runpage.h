// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "onboardingservice.h"
#include "runflow.h"

#include <QPointer>
#include <QWizardPage>

#include <memory>

class WizardContext;
namespace Ui {
class RunPage;
}

/*!
 * The onboarding wizard's run: on Start the plan is saved, the cluster side applied in order
 * (a row per object with its outcome), then the fleet (a progress bar and the service's fleet
 * model: each VM's step and state). "Cancel the run" stops it cleanly (the tasks' cancel(): the
 * VMs at work show canceled); Start again resumes (done steps are skipped); "Retry the failed"
 * runs only the VMs that failed. Back, and the wizard's Cancel, cancel a run first. Next once a
 * fleet run has finished (RunFlow).
 */
class RunPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunPage)
public:
    explicit RunPage(WizardContext* context, QWidget* parent = nullptr);
    ~RunPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool validatePage() override;
    bool isComplete() const override;

    const RunFlow& flow() const { return m_flow; }
    /*! Start (or resume): the cluster side, then every VM. */
    void start();
    /*! Only the VMs the last fleet run failed, the cluster side left as it is. */
    void retryFailed();
    /*! Stops what runs (nothing when idle); rows show canceled. */
    void cancelRun();

    static QString outcomeText(AppliedObject::Outcome outcome);

private:
    void runFleet(const QStringList& vms);
    /*! The task's progress on the progress bar. */
    void showProgress(Task* task);
    void updateButtons();

    std::unique_ptr<Ui::RunPage> ui;
    WizardContext* m_context;
    RunFlow m_flow;
    QPointer<Task> m_task; //!< the apply or the fleet task in flight
};
