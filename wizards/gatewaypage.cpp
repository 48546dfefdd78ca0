// SPDX-License-Identifier: Apache-2.0
#include "gatewaypage.h"

#include "wizardcontext.h"

GatewayPage::GatewayPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , m_context(context)
{
    setTitle(tr("the east-west gateway and istiod exposure"));
}

GatewayPage::~GatewayPage() = default;
