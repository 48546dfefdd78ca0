// SPDX-License-Identifier: Apache-2.0
#include "clusterpage.h"

#include "ui_clusterpage.h"
#include "followtask.h"
#include "wizardcontext.h"

#include <QStyle>

ClusterPage::ClusterPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , ui(std::make_unique<Ui::ClusterPage>())
    , m_context(context)
{
    ui->setupUi(this);
    setTitle(tr("The cluster and its preflight"));
    setSubTitle(tr("Checks that the cluster is ready for VMs. Fix what fails, then run the checks again."));
    ui->continueAnywayBox->setEnabled(false);
    connect(ui->runAgainButton, &QPushButton::clicked, this, &ClusterPage::runPreflight);
    connect(ui->continueAnywayBox, &QCheckBox::toggled, this, [this](bool on) {
        m_gate.setContinueAnyway(on);
        emit completeChanged();
    });
    if (OnboardingService* service = m_context->service()) {
        connect(service, &OnboardingService::connectionChanged, this, [this] {
            if (wizard() && wizard()->currentPage() == this)
                initializePage();
        });
    }
}

ClusterPage::~ClusterPage() = default;

void ClusterPage::initializePage()
{
    OnboardingService* service = m_context->service();
    ui->clusterLabel->setText(service ? service->clusterText(m_context->plan()) : tr("no cluster service"));
    runPreflight();
}

void ClusterPage::cleanupPage()
{
    if (m_task)
        m_task->cancel();
}

void ClusterPage::runPreflight()
{
    if (m_task)
        m_task->cancel();
    m_gate.reset();
    m_gate.setContinueAnyway(ui->continueAnywayBox->isChecked());
    ui->checksTree->clear();
    OnboardingService* service = m_context->service();
    if (!service) {
        ui->summaryLabel->setText(tr("No cluster service: preflight cannot run."));
        emit completeChanged();
        return;
    }
    ui->summaryLabel->setText(tr("Running preflight…"));
    ui->runAgainButton->setEnabled(false);
    PreflightTask* task = service->preflight(m_context->plan(), this);
    followTask(this, m_task, task, [this, task](const Error& error) {
        ui->runAgainButton->setEnabled(true);
        if (error.kind == Error::Kind::Canceled) {
            ui->summaryLabel->setText(tr("Preflight canceled."));
        } else {
            m_gate.setChecks(task->checks());
            showChecks(task->checks());
            if (error.isError() && task->checks().isEmpty())
                ui->summaryLabel->setText(tr("Preflight could not run: %1").arg(error.message));
        }
        emit completeChanged();
    });
    emit completeChanged();
    task->start();
}

void ClusterPage::showChecks(const QList<PreflightCheck>& checks)
{
    ui->checksTree->clear();
    for (const PreflightCheck& c : checks) {
        auto* item = new QTreeWidgetItem(ui->checksTree);
        switch (c.status) {
        case PreflightCheck::Status::Pass:
            item->setText(0, tr("pass"));
            item->setIcon(0, style()->standardIcon(QStyle::SP_DialogApplyButton));
            break;
        case PreflightCheck::Status::Warn:
            item->setText(0, tr("warning"));
            item->setIcon(0, style()->standardIcon(QStyle::SP_MessageBoxWarning));
            break;
        case PreflightCheck::Status::Fail:
            item->setText(0, tr("fail"));
            item->setIcon(0, style()->standardIcon(QStyle::SP_MessageBoxCritical));
            break;
        }
        item->setText(1, c.title);
        item->setText(2, c.detail);
        item->setText(3, c.fix);
        item->setToolTip(2, c.detail);
        item->setToolTip(3, c.fix);
    }
    for (int column = 0; column < 2; ++column)
        ui->checksTree->resizeColumnToContents(column);
    ui->continueAnywayBox->setEnabled(m_gate.canOverride());
    if (m_gate.failures() > 0)
        ui->summaryLabel->setText(tr("%n check(s) failed: fix them and run again.", nullptr, m_gate.failures()));
    else if (m_gate.warnings() > 0)
        ui->summaryLabel->setText(tr("%n warning(s): read them, then tick \"continue\" to go on.", nullptr, m_gate.warnings()));
    else
        ui->summaryLabel->setText(tr("Every check passed."));
}

bool ClusterPage::isComplete() const
{
    return !m_task && m_gate.canProceed();
}
