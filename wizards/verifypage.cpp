// SPDX-License-Identifier: Apache-2.0
#include "verifypage.h"

#include "ui_verifypage.h"
#include "followtask.h"
#include "wizardcontext.h"

#include <QStyle>

VerifyPage::VerifyPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , ui(std::make_unique<Ui::VerifyPage>())
    , m_context(context)
{
    ui->setupUi(this);
    setTitle(tr("Verify"));
    setSubTitle(tr("Each VM's WorkloadEntry and its health, and the endpoints behind each Service."));
    m_timer.setSingleShot(true);
    m_timer.setInterval(5000);
    connect(&m_timer, &QTimer::timeout, this, &VerifyPage::verify);
    connect(ui->refreshButton, &QPushButton::clicked, this, [this] {
        m_schedule.reset();
        verify();
    });
}

VerifyPage::~VerifyPage() = default;

void VerifyPage::initializePage()
{
    m_schedule.reset();
    verify();
}

void VerifyPage::cleanupPage()
{
    stop();
}

bool VerifyPage::validatePage()
{
    stop();
    return true;
}

void VerifyPage::stop()
{
    m_timer.stop();
    if (m_task)
        m_task->cancel();
}

void VerifyPage::verify()
{
    m_timer.stop();
    if (m_task)
        m_task->cancel();
    OnboardingService* service = m_context->service();
    if (!service)
        return;
    ui->statusLabel->setText(tr("Checking…"));
    VerifyTask* task = service->verify(m_context->plan(), this);
    followTask(this, m_task, task, [this, task](const Error& error) {
        if (error.kind == Error::Kind::Canceled)
            return;
        showResult(*task);
        const bool healthy = VerifySchedule::allHealthy(task->entries(), task->services(), task->groupsWithoutEntries());
        if (error.isError())
            ui->statusLabel->setText(tr("Could not check everything: %1").arg(error.message));
        else if (healthy)
            ui->statusLabel->setText(tr("Every VM is healthy and its Service has ready endpoints."));
        else
            ui->statusLabel->setText(tr("Not all healthy yet."));
        if (m_schedule.again(healthy && !error.isError()))
            m_timer.start();
        else if (!healthy)
            ui->statusLabel->setText(ui->statusLabel->text() + u' ' + tr("Automatic checks stopped; check again when ready."));
    });
    task->start();
}

void VerifyPage::showResult(const VerifyTask& task)
{
    ui->entriesTree->clear();
    for (const EntryHealth& e : task.entries()) {
        const QString healthy = e.healthy.isEmpty() ? tr("not reported yet") : e.healthy == u"True" ? tr("healthy") : tr("unhealthy");
        auto* item = new QTreeWidgetItem(ui->entriesTree, {e.group, e.name, e.address, healthy, e.message});
        item->setIcon(3, style()->standardIcon(e.healthy == u"True" ? QStyle::SP_DialogApplyButton : QStyle::SP_MessageBoxWarning));
        item->setToolTip(4, e.message);
    }
    for (const QString& group : task.groupsWithoutEntries()) {
        auto* item = new QTreeWidgetItem(ui->entriesTree, {group, tr("no WorkloadEntry"), {}, tr("missing")});
        item->setIcon(3, style()->standardIcon(QStyle::SP_MessageBoxCritical));
    }
    ui->servicesTree->clear();
    for (const ServiceEndpointsInfo& s : task.services()) {
        auto* item = new QTreeWidgetItem(ui->servicesTree,
                                         {s.nameSpace + u'/' + s.name, s.ready.join(u", "_qs), s.notReady.join(u", "_qs)});
        item->setIcon(0, style()->standardIcon(s.ready.isEmpty() ? QStyle::SP_MessageBoxWarning : QStyle::SP_DialogApplyButton));
    }
    for (QTreeWidget* tree : {ui->entriesTree, ui->servicesTree})
        for (int c = 0; c < tree->columnCount() - 1; ++c)
            tree->resizeColumnToContents(c);
}
