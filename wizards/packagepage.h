// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizardPage>

class WizardContext;

/*! The onboarding wizard's page for the sidecar package. */
class PackagePage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PackagePage)
public:
    explicit PackagePage(WizardContext* context, QWidget* parent = nullptr);
    ~PackagePage() override;

private:
    WizardContext* m_context;
};
