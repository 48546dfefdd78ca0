// SPDX-License-Identifier: Apache-2.0
#include "runpage.h"

#include "ui_runpage.h"
#include "followtask.h"
#include "wizardcontext.h"

#include <QHeaderView>
#include <QStyle>

RunPage::RunPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , ui(std::make_unique<Ui::RunPage>())
    , m_context(context)
{
    ui->setupUi(this);
    setTitle(tr("Run"));
    setSubTitle(tr("Applies the cluster side in order, then onboards the VMs. A canceled run resumes where it stopped."));
    ui->fleetView->horizontalHeader()->setStretchLastSection(true);
    ui->fleetView->verticalHeader()->hide();
    if (OnboardingService* service = m_context->service())
        ui->fleetView->setModel(service->fleetModel());
    connect(ui->startButton, &QPushButton::clicked, this, &RunPage::start);
    connect(ui->cancelRunButton, &QPushButton::clicked, this, &RunPage::cancelRun);
    connect(ui->retryButton, &QPushButton::clicked, this, &RunPage::retryFailed);
    updateButtons();
}

RunPage::~RunPage() = default;

QString RunPage::outcomeText(AppliedObject::Outcome outcome)
{
    switch (outcome) {
    case AppliedObject::Outcome::Created: return tr("created");
    case AppliedObject::Outcome::Configured: return tr("configured");
    case AppliedObject::Outcome::Unchanged: return tr("unchanged");
    case AppliedObject::Outcome::Failed: return tr("failed");
    }
    return {};
}

void RunPage::initializePage()
{
    updateButtons();
    if (m_flow.stage() == RunFlow::Stage::Idle)
        ui->statusLabel->setText(tr("Press Start to apply the cluster side and onboard the VMs."));
}

void RunPage::cleanupPage()
{
    cancelRun(); // Back during a run: stop it cleanly first
}

bool RunPage::validatePage()
{
    return !m_flow.isRunning();
}

bool RunPage::isComplete() const
{
    return m_flow.isComplete();
}

void RunPage::start()
{
    OnboardingService* service = m_context->service();
    if (!service || m_flow.isRunning())
        return;
    if (const QString error = m_context->save(); !error.isEmpty()) {
        ui->statusLabel->setText(tr("The plan could not be saved: %1").arg(error));
        return;
    }
    m_flow.start();
    ui->clusterTree->clear();
    ui->progressBar->setValue(0);
    ui->statusLabel->setText(tr("Applying the cluster side…"));
    ApplyTask* task = service->applyCluster(m_context->plan(), this);
    connect(task, &ApplyTask::objectApplied, this, [this](const AppliedObject& o) {
        auto* item = new QTreeWidgetItem(ui->clusterTree, {o.object, outcomeText(o.outcome), o.message});
        if (o.outcome == AppliedObject::Outcome::Failed)
            item->setIcon(1, style()->standardIcon(QStyle::SP_MessageBoxCritical));
        ui->clusterTree->scrollToItem(item);
    });
    showProgress(task);
    followTask(this, m_task, task, [this, task](const Error& error) {
        if (error.kind == Error::Kind::Canceled) {
            m_flow.canceled();
            new QTreeWidgetItem(ui->clusterTree, {tr("the rest"), tr("canceled")});
            ui->statusLabel->setText(tr("Canceled. Start again to resume."));
        } else if (error.isError()) {
            m_flow.clusterApplied(false);
            ui->statusLabel->setText(tr("The cluster side failed: %1").arg(error.message));
        } else {
            m_flow.clusterApplied(true);
            runFleet({});
            return;
        }
        updateButtons();
    });
    updateButtons();
    task->start();
}

void RunPage::retryFailed()
{
    if (!m_flow.canRetry())
        return;
    m_flow.startFleet();
    runFleet(m_flow.failedVms());
}

void RunPage::runFleet(const QStringList& vms)
{
    OnboardingService* service = m_context->service();
    FleetRequest request = m_context->fleetRequest();
    request.mode = FleetRequest::Mode::Onboard;
    request.vms = vms;
    ui->progressBar->setValue(0);
    ui->statusLabel->setText(tr("Onboarding the VMs…"));
    FleetTask* task = service->runFleet(m_context->plan(), request, this);
    connect(task, &FleetTask::question, m_context, &WizardContext::questionAsked);
    showProgress(task);
    followTask(this, m_task, task, [this, task](const Error& error) {
        if (error.kind == Error::Kind::Canceled) {
            m_flow.canceled();
            ui->statusLabel->setText(tr("Canceled: the VMs at work stopped after their current command. Start again to resume."));
        } else {
            m_flow.fleetFinished(task->failedVms());
            ui->progressBar->setValue(ui->progressBar->maximum());
            ui->statusLabel->setText(error.isError() ? error.message : tr("Every VM is onboarded."));
        }
        updateButtons();
        emit completeChanged();
    });
    updateButtons();
    emit completeChanged();
    task->start();
}

void RunPage::cancelRun()
{
    if (m_task)
        m_task->cancel(); // finished(Canceled) follows at once: the flow and the rows follow
}

void RunPage::showProgress(Task* task)
{
    connect(task, &Task::progress, this, [this](int done, int total) {
        ui->progressBar->setMaximum(qMax(total, 1));
        ui->progressBar->setValue(done);
    });
}

void RunPage::updateButtons()
{
    const bool running = m_flow.isRunning();
    ui->startButton->setEnabled(!running && m_context->service());
    ui->startButton->setText(m_flow.stage() == RunFlow::Stage::Idle ? tr("Start") : tr("Start again"));
    ui->cancelRunButton->setEnabled(running);
    ui->retryButton->setEnabled(m_flow.canRetry());
    emit completeChanged();
}
