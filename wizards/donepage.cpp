// SPDX-License-Identifier: Apache-2.0
#include "donepage.h"

#include "wizardcontext.h"

DonePage::DonePage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , m_context(context)
{
    setTitle(tr("open the graph, export everything"));
}

DonePage::~DonePage() = default;
