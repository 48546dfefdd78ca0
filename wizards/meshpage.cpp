// SPDX-License-Identifier: Apache-2.0
#include "meshpage.h"

#include "wizardcontext.h"

MeshPage::MeshPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , m_context(context)
{
    setTitle(tr("the mesh and the plug-in CA"));
}

MeshPage::~MeshPage() = default;
