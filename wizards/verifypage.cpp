// SPDX-License-Identifier: Apache-2.0
#include "verifypage.h"

#include "wizardcontext.h"

VerifyPage::VerifyPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , m_context(context)
{
    setTitle(tr("WorkloadEntries and the Service's endpoints"));
}

VerifyPage::~VerifyPage() = default;
