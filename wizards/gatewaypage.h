// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizardPage>

class WizardContext;

/*! The onboarding wizard's page for the east-west gateway and istiod exposure. */
class GatewayPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GatewayPage)
public:
    explicit GatewayPage(WizardContext* context, QWidget* parent = nullptr);
    ~GatewayPage() override;

private:
    WizardContext* m_context;
};
