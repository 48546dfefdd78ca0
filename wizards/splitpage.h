// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizardPage>

class WizardContext;

/*! The onboarding wizard's page for the traffic split. */
class SplitPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SplitPage)
public:
    explicit SplitPage(WizardContext* context, QWidget* parent = nullptr);
    ~SplitPage() override;

private:
    WizardContext* m_context;
};
