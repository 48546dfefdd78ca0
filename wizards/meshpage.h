// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizardPage>

class WizardContext;

/*! The onboarding wizard's page for the mesh and the plug-in CA. */
class MeshPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MeshPage)
public:
    explicit MeshPage(WizardContext* context, QWidget* parent = nullptr);
    ~MeshPage() override;

private:
    WizardContext* m_context;
};
