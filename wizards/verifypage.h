// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "onboardingservice.h"
#include "verifyschedule.h"

#include <QPointer>
#include <QTimer>
#include <QWizardPage>

#include <memory>

class WizardContext;
namespace Ui {
class VerifyPage;
}

/*!
 * The onboarding wizard's verify: each VM group's WorkloadEntries with their Healthy condition
 * (and its message), and each group Service's endpoints, ready or not. Checked on entering, on
 * "Check again", and every refreshInterval() until all is healthy (VerifySchedule: bounded).
 */
class VerifyPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerifyPage)
public:
    explicit VerifyPage(WizardContext* context, QWidget* parent = nullptr);
    ~VerifyPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool validatePage() override;

    void verify();
    /*! Between automatic checks (default 5 s); tests make it short. */
    void setRefreshInterval(int ms) { m_timer.setInterval(ms); }
    bool isRefreshScheduled() const { return m_timer.isActive(); }
    const VerifySchedule& schedule() const { return m_schedule; }

private:
    void showResult(const VerifyTask& task);
    void stop();

    std::unique_ptr<Ui::VerifyPage> ui;
    WizardContext* m_context;
    QPointer<VerifyTask> m_task;
    QTimer m_timer;
    VerifySchedule m_schedule;
};
