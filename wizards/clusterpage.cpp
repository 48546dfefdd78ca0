// SPDX-License-Identifier: Apache-2.0
#include "clusterpage.h"

#include "wizardcontext.h"

ClusterPage::ClusterPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , m_context(context)
{
    setTitle(tr("the cluster and its preflight"));
}

ClusterPage::~ClusterPage() = default;
