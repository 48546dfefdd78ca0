// SPDX-License-Identifier: Apache-2.0
#include "splitpage.h"

#include "wizardcontext.h"

SplitPage::SplitPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , m_context(context)
{
    setTitle(tr("the traffic split"));
}

SplitPage::~SplitPage() = default;
