// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizardPage>

class WizardContext;

/*! The onboarding wizard's page for the cluster side, then the fleet. */
class RunPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RunPage)
public:
    explicit RunPage(WizardContext* context, QWidget* parent = nullptr);
    ~RunPage() override;

private:
    WizardContext* m_context;
};
