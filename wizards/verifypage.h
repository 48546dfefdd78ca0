// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizardPage>

class WizardContext;

/*! The onboarding wizard's page for WorkloadEntries and the Service's endpoints. */
class VerifyPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VerifyPage)
public:
    explicit VerifyPage(WizardContext* context, QWidget* parent = nullptr);
    ~VerifyPage() override;

private:
    WizardContext* m_context;
};
