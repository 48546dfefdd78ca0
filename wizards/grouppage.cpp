// SPDX-License-Identifier: Apache-2.0
#include "grouppage.h"

#include "wizardcontext.h"

GroupPage::GroupPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , m_context(context)
{
    setTitle(tr("the VM group"));
}

GroupPage::~GroupPage() = default;
