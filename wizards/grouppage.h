// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizardPage>

class WizardContext;

/*! The onboarding wizard's page for the VM group. */
class GroupPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupPage)
public:
    explicit GroupPage(WizardContext* context, QWidget* parent = nullptr);
    ~GroupPage() override;

private:
    WizardContext* m_context;
};
