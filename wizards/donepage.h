// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWizardPage>

#include <memory>

class WizardContext;
namespace Ui {
class DonePage;
}

/*!
 * The onboarding wizard's last page: open the traffic graph (openTrafficGraph(), which the main
 * window turns into its graph tab) or export every resource and VM file (ExportDialog).
 */
class DonePage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DonePage)
public:
    explicit DonePage(WizardContext* context, QWidget* parent = nullptr);
    ~DonePage() override;

    void initializePage() override;
    /*! Opens the export dialog (non-modal) on everything the plan generates. */
    void exportEverything();

signals:
    void openTrafficGraph();

private:
    std::unique_ptr<Ui::DonePage> ui;
    WizardContext* m_context;
};
