// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>
#include <QWizardPage>

#include <memory>

class WizardContext;

namespace Ui {
class MeshPage;
}

/*!
 * The onboarding wizard's page for the mesh and the plug-in CA: the control plane's values
 * (Plan::mesh) and the plug-in CA files (Plan::pluginCa). Istio's sample certificates are
 * refused (Next stays disabled) unless the user ticks the acknowledgement that shows the
 * installation guide's warning (MeshForm). The preview shows the control-plane objects, the
 * cacerts Secret's data masked.
 */
class MeshPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MeshPage)
public:
    explicit MeshPage(WizardContext* context, QWidget* parent = nullptr);
    ~MeshPage() override;

    void initializePage() override;
    bool isComplete() const override;

    /*! Why Next is disabled, in words (what the page shows under the form). */
    QStringList problems() const { return m_problems; }
    /*! The pluginCa fields found to hold Istio's sample certificates. */
    QStringList sampleFields() const { return m_samples; }

private:
    void load();
    void store();
    void storeFiles();
    void revalidate();

    std::unique_ptr<Ui::MeshPage> ui;
    WizardContext* m_context;
    QStringList m_samples;
    QStringList m_problems;
    bool m_loading = false;
};
