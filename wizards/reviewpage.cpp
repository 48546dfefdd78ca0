// SPDX-License-Identifier: Apache-2.0
#include "reviewpage.h"

#include "wizardcontext.h"

ReviewPage::ReviewPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , m_context(context)
{
    setTitle(tr("every object against the live cluster, each VM's steps"));
}

ReviewPage::~ReviewPage() = default;
