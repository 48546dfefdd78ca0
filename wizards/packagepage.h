// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>
#include <QWizardPage>

#include <memory>

class WizardContext;

namespace Ui {
class PackagePage;
}

/*!
 * The onboarding wizard's page for the istio-sidecar package: Istio's release for the mesh's
 * version (the default), a local .deb or .rpm, or a URL with the SHA-256 it must have. The choice
 * (PackageChoice, validated there) is kept in WizardContext::package(): the plan format has no
 * place for it. The preview says where each VM gets the package and shows the VMs' files.
 */
class PackagePage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PackagePage)
public:
    explicit PackagePage(WizardContext* context, QWidget* parent = nullptr);
    ~PackagePage() override;

    void initializePage() override;
    bool isComplete() const override;
    /*! Checks that a chosen file exists (a stat, at Next only). */
    bool validatePage() override;
    QStringList problems() const { return m_problems; }

private:
    void load();
    void store();
    void revalidate(const QStringList& extra = {});

    std::unique_ptr<Ui::PackagePage> ui;
    WizardContext* m_context;
    QStringList m_problems;
    bool m_loading = false;
};
