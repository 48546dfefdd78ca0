// SPDX-License-Identifier: Apache-2.0
#include "packagepage.h"

#include "wizardcontext.h"

PackagePage::PackagePage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , m_context(context)
{
    setTitle(tr("the sidecar package"));
}

PackagePage::~PackagePage() = default;
