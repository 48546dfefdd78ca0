// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizardPage>

class WizardContext;

/*! The onboarding wizard's page for the cluster and its preflight. */
class ClusterPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterPage)
public:
    explicit ClusterPage(WizardContext* context, QWidget* parent = nullptr);
    ~ClusterPage() override;

private:
    WizardContext* m_context;
};
