// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>
#include <QWizardPage>

#include <memory>

class WizardContext;
struct Plan;

namespace Ui {
class GatewayPage;
}

/*!
 * The onboarding wizard's page for the east-west gateway (Plan::eastWestGateway: network,
 * Service type, IstioOperator or plain manifests, a known address) and istiod's exposure through
 * it (Plan::istiodExposure). The preview shows the gateway's and the exposure's objects.
 */
class GatewayPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GatewayPage)
public:
    explicit GatewayPage(WizardContext* context, QWidget* parent = nullptr);
    ~GatewayPage() override;

    void initializePage() override;
    bool isComplete() const override;
    QStringList problems() const { return m_problems; }

    /*! What keeps Next disabled for the plan's gateway values, in words (pure). */
    static QStringList problemsOf(const Plan& plan);

private:
    void load();
    void store();
    void revalidate();

    std::unique_ptr<Ui::GatewayPage> ui;
    WizardContext* m_context;
    QStringList m_problems;
    bool m_loading = false;
};
