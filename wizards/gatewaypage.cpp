// SPDX-License-Identifier: Apache-2.0
#include "gatewaypage.h"
#include "ui_gatewaypage.h"

#include "pagepreview.h"
#include "pagesupport.h"
#include "validation.h"
#include "wizardcontext.h"

#include <QComboBox>
#include <QLineEdit>

GatewayPage::GatewayPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , ui(std::make_unique<Ui::GatewayPage>())
    , m_context(context)
{
    ui->setupUi(this);
    setTitle(tr("East-west gateway and istiod"));
    setSubTitle(tr("How the VMs reach the control plane and the mesh from their network."));
    connect(ui->gatewayGroup, &QGroupBox::toggled, this, &GatewayPage::store);
    connect(ui->istiodGroup, &QGroupBox::toggled, this, &GatewayPage::store);
    connect(ui->gatewayNetwork, &QLineEdit::textEdited, this, &GatewayPage::store);
    connect(ui->gatewayAddress, &QLineEdit::textEdited, this, &GatewayPage::store);
    connect(ui->serviceType, &QComboBox::currentIndexChanged, this, &GatewayPage::store);
    connect(ui->gatewayForm, &QComboBox::currentIndexChanged, this, &GatewayPage::store);
    connect(ui->crossNetwork, &QComboBox::currentIndexChanged, this, &GatewayPage::store);
    ui->preview->setContext(m_context, [](const Generated& all, const Plan&) {
        return PagePreview::stages(all, {Stage::EastWestGateway, Stage::IstiodExposure});
    });
    load();
}

GatewayPage::~GatewayPage() = default;

void GatewayPage::initializePage()
{
    load();
}

bool GatewayPage::isComplete() const
{
    return m_problems.isEmpty();
}

QStringList GatewayPage::problemsOf(const Plan& plan)
{
    const EastWestGateway& gateway = plan.eastWestGateway;
    QStringList out;
    if (!gateway.enabled)
        return out;
    // eastWestGateway.service / namespace name a gateway the user runs (istioctl's --ingressService);
    // the one meshdeck generates is istio-eastwestgateway in the istio namespace.
    const EastWestGateway defaults;
    if (gateway.service != defaults.service)
        out.append(tr("Service: the plan names %1, a gateway you run yourself, but with the gateway ticked meshdeck "
                      "generates %2. Untick it to use %1.")
                       .arg(gateway.service, defaults.service));
    if (!gateway.namespaceName.isEmpty() && gateway.namespaceName != plan.mesh.istioNamespace)
        out.append(tr("Namespace: the plan names %1 for a gateway you run yourself, but with the gateway ticked meshdeck "
                      "generates it in %2. Untick it to use the gateway in %1.")
                       .arg(gateway.namespaceName, plan.mesh.istioNamespace));
    if (!gateway.network.isEmpty()) {
        if (const QString p = Validation::labelValueProblem(gateway.network); !p.isEmpty())
            out.append(tr("Network: %1").arg(p));
    }
    if (!gateway.address.isEmpty() && !Validation::isIpAddress(gateway.address)
        && !Validation::hostProblem(gateway.address).isEmpty())
        out.append(tr("Address: %1 is neither an IP address nor a host name.").arg(gateway.address));
    return out;
}

void GatewayPage::load()
{
    m_loading = true;
    const Plan& plan = m_context->plan();
    const EastWestGateway& gw = plan.eastWestGateway;
    ui->gatewayGroup->setChecked(gw.enabled);
    ui->gatewayNetwork->setText(gw.network);
    ui->gatewayNetwork->setPlaceholderText(plan.mesh.network.isEmpty() ? tr("a single network")
                                                                      : tr("the mesh's: %1").arg(plan.mesh.network));
    const int type = ui->serviceType->findText(gw.serviceType);
    ui->serviceType->setCurrentIndex(type < 0 ? 0 : type);
    ui->gatewayForm->setCurrentIndex(gw.form == EastWestGateway::Form::Manifests ? 1 : 0);
    ui->gatewayAddress->setText(gw.address);
    ui->istiodGroup->setChecked(plan.istiodExposure.enabled);
    ui->crossNetwork->setCurrentIndex(int(plan.istiodExposure.crossNetworkGateway));
    m_loading = false;
    revalidate();
}

void GatewayPage::store()
{
    if (m_loading)
        return;
    Plan& plan = m_context->plan();
    EastWestGateway& gw = plan.eastWestGateway;
    gw.enabled = ui->gatewayGroup->isChecked();
    gw.network = ui->gatewayNetwork->text().trimmed();
    gw.serviceType = ui->serviceType->currentText(); // item texts are the API's values
    gw.form = ui->gatewayForm->currentIndex() == 1 ? EastWestGateway::Form::Manifests : EastWestGateway::Form::IstioOperator;
    gw.address = ui->gatewayAddress->text().trimmed();
    plan.istiodExposure.enabled = ui->istiodGroup->isChecked();
    plan.istiodExposure.crossNetworkGateway = IstiodExposure::CrossNetwork(ui->crossNetwork->currentIndex());
    m_context->planEdited();
    revalidate();
}

void GatewayPage::revalidate()
{
    m_problems = problemsOf(m_context->plan());
    PageSupport::showProblems(ui->problemLabel, m_problems);
    emit completeChanged();
}
