// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizardPage>

class WizardContext;

/*! The onboarding wizard's page for the VMs and Test connection. */
class VmListPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VmListPage)
public:
    explicit VmListPage(WizardContext* context, QWidget* parent = nullptr);
    ~VmListPage() override;

private:
    WizardContext* m_context;
};
