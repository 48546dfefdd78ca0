// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "onboardingservice.h"

#include <QPointer>
#include <QWizardPage>

#include <memory>

class WizardContext;
namespace Ui {
class ReviewPage;
}

/*!
 * The onboarding wizard's review: every cluster object of the plan against the live cluster
 * (InSync, Differs, Missing; the differences under each, Secret values masked; the YAML apply
 * sends below) and each VM's planned steps from the dry run (run, skip or fail, with why).
 * Reviewed on entering and on "Review again"; Next while it runs too (it only reads).
 */
class ReviewPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReviewPage)
public:
    explicit ReviewPage(WizardContext* context, QWidget* parent = nullptr);
    ~ReviewPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool validatePage() override;
    void review();
    /*! A review runs, or is about to (it starts once the page is shown and stays current). */
    bool isRunning() const { return m_scheduled || !m_task.isNull(); }

    /*! The words of a state and an action, as the page shows them. */
    static QString stateText(ObjectDiff::State state);
    static QString actionText(VmStepPlan::Action action);

private:
    void showReview(const QList<ObjectDiff>& objects, const QList<VmStepPlan>& steps);
    void showObject();

    std::unique_ptr<Ui::ReviewPage> ui;
    WizardContext* m_context;
    QPointer<ReviewTask> m_task;
    bool m_scheduled = false; //!< initializePage() asked for a review not started yet
    QList<ObjectDiff> m_objects;
};
