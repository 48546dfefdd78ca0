// SPDX-License-Identifier: Apache-2.0
#include "meshpage.h"
#include "ui_meshpage.h"

#include "meshform.h"
#include "pagepreview.h"
#include "pagesupport.h"
#include "wizardcontext.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QToolButton>

MeshPage::MeshPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , ui(std::make_unique<Ui::MeshPage>())
    , m_context(context)
{
    ui->setupUi(this);
    setTitle(tr("The mesh and the plug-in CA"));
    setSubTitle(tr("The control plane's values, and the CA that signs the workloads' certificates."));
    QFont bold = ui->sampleWarning->font();
    bold.setBold(true);
    ui->sampleWarning->setFont(bold);

    const QList<QLineEdit*> texts{ui->istioVersion, ui->revision,    ui->meshId,        ui->clusterName,
                                  ui->network,      ui->trustDomain, ui->istioNamespace};
    for (QLineEdit* edit : texts)
        connect(edit, &QLineEdit::textEdited, this, &MeshPage::store);
    connect(ui->autoRegistration, &QCheckBox::toggled, this, &MeshPage::store);
    connect(ui->healthChecks, &QCheckBox::toggled, this, &MeshPage::store);
    connect(ui->pluginCaGroup, &QGroupBox::toggled, this, &MeshPage::storeFiles);
    connect(ui->acknowledgeSamples, &QCheckBox::toggled, this, &MeshPage::store);

    const std::pair<QLineEdit*, QToolButton*> files[] = {
        {ui->rootCert, ui->rootCertBrowse},
        {ui->caCert, ui->caCertBrowse},
        {ui->caKey, ui->caKeyBrowse},
        {ui->certChain, ui->certChainBrowse},
    };
    for (const auto& [edit, browse] : files) {
        connect(edit, &QLineEdit::textEdited, this, &MeshPage::storeFiles);
        connect(browse, &QToolButton::clicked, this, [this, edit = edit] {
            PageSupport::chooseFile(this, edit, tr("Choose a PEM file"), tr("PEM files (*.pem *.crt *.key);;All files (*)"),
                                    [this] { storeFiles(); });
        });
    }

    ui->preview->setContext(m_context, [](const Generated& all, const Plan&) {
        return PagePreview::stages(all, {Stage::ControlPlane});
    });
    load();
}

MeshPage::~MeshPage() = default;

void MeshPage::initializePage()
{
    load();
}

bool MeshPage::isComplete() const
{
    return m_problems.isEmpty();
}

void MeshPage::load()
{
    m_loading = true;
    const Plan& plan = m_context->plan();
    ui->istioVersion->setText(plan.mesh.istioVersion);
    ui->revision->setText(plan.mesh.revision);
    ui->meshId->setText(plan.mesh.meshId);
    ui->clusterName->setText(plan.mesh.clusterName);
    ui->network->setText(plan.mesh.network);
    ui->trustDomain->setText(plan.mesh.trustDomain);
    ui->istioNamespace->setText(plan.mesh.istioNamespace);
    ui->autoRegistration->setChecked(plan.mesh.autoRegistration);
    ui->healthChecks->setChecked(plan.mesh.healthChecks);
    ui->pluginCaGroup->setChecked(plan.pluginCa.has_value());
    const PluginCa ca = plan.pluginCa.value_or(PluginCa{});
    ui->rootCert->setText(ca.rootCert);
    ui->caCert->setText(ca.caCert);
    ui->caKey->setText(ca.caKey);
    ui->certChain->setText(ca.certChain);
    ui->acknowledgeSamples->setChecked(ca.allowSampleCertificates);
    m_loading = false;
    m_samples = MeshForm::sampleCertificateFields(plan);
    revalidate();
}

void MeshPage::store()
{
    if (m_loading)
        return;
    Plan& plan = m_context->plan();
    plan.mesh.istioVersion = ui->istioVersion->text().trimmed();
    plan.mesh.revision = ui->revision->text().trimmed();
    plan.mesh.meshId = ui->meshId->text().trimmed();
    plan.mesh.clusterName = ui->clusterName->text().trimmed();
    plan.mesh.network = ui->network->text().trimmed();
    plan.mesh.trustDomain = ui->trustDomain->text().trimmed();
    plan.mesh.istioNamespace = ui->istioNamespace->text().trimmed();
    plan.mesh.autoRegistration = ui->autoRegistration->isChecked();
    plan.mesh.healthChecks = ui->healthChecks->isChecked();
    if (ui->pluginCaGroup->isChecked()) {
        PluginCa ca;
        ca.rootCert = ui->rootCert->text().trimmed();
        ca.caCert = ui->caCert->text().trimmed();
        ca.caKey = ui->caKey->text().trimmed();
        ca.certChain = ui->certChain->text().trimmed();
        ca.allowSampleCertificates = ui->acknowledgeSamples->isChecked();
        plan.pluginCa = ca;
    } else {
        plan.pluginCa.reset();
    }
    m_context->planEdited();
    revalidate();
}

void MeshPage::storeFiles()
{
    if (m_loading)
        return;
    store();
    // Only the file fields change what is a sample: read them again (four small files).
    m_samples = MeshForm::sampleCertificateFields(m_context->plan());
    revalidate();
}

void MeshPage::revalidate()
{
    const bool samples = !m_samples.isEmpty() && ui->pluginCaGroup->isChecked();
    ui->sampleWarning->setVisible(samples);
    ui->acknowledgeSamples->setVisible(samples);
    if (samples) {
        ui->sampleWarning->setText(tr("%1: Istio's sample certificates (samples/certs).").arg(m_samples.join(u", "_qs))
                                   + u"\n"_qs + MeshForm::sampleWarning());
    }
    m_problems = MeshForm::problems(m_context->plan(), m_samples);
    PageSupport::showProblems(ui->problemLabel, m_problems);
    emit completeChanged();
}
