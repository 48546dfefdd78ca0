// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizardPage>

class WizardContext;

/*! The onboarding wizard's page for open the graph, export everything. */
class DonePage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DonePage)
public:
    explicit DonePage(WizardContext* context, QWidget* parent = nullptr);
    ~DonePage() override;

private:
    WizardContext* m_context;
};
