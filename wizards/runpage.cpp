// SPDX-License-Identifier: Apache-2.0
#include "runpage.h"

#include "wizardcontext.h"

RunPage::RunPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , m_context(context)
{
    setTitle(tr("the cluster side, then the fleet"));
}

RunPage::~RunPage() = default;
