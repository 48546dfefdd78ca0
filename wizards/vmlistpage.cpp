// SPDX-License-Identifier: Apache-2.0
#include "vmlistpage.h"

#include "wizardcontext.h"

VmListPage::VmListPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , m_context(context)
{
    setTitle(tr("the VMs and Test connection"));
}

VmListPage::~VmListPage() = default;
