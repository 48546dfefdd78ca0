// SPDX-License-Identifier: Apache-2.0
#include "reviewpage.h"

#include "ui_reviewpage.h"
#include "followtask.h"
#include "wizardcontext.h"

#include <QHash>
#include <QStyle>
#include <QTimer>

ReviewPage::ReviewPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , ui(std::make_unique<Ui::ReviewPage>())
    , m_context(context)
{
    ui->setupUi(this);
    setTitle(tr("Review"));
    setSubTitle(tr("What applying the plan changes in the cluster, and what each VM's onboarding will do."));
    connect(ui->refreshButton, &QPushButton::clicked, this, &ReviewPage::review);
    connect(ui->objectsTree, &QTreeWidget::currentItemChanged, this, &ReviewPage::showObject);
}

ReviewPage::~ReviewPage() = default;

QString ReviewPage::stateText(ObjectDiff::State state)
{
    switch (state) {
    case ObjectDiff::State::InSync: return tr("in sync");
    case ObjectDiff::State::Differs: return tr("differs");
    case ObjectDiff::State::Missing: return tr("missing (will be created)");
    case ObjectDiff::State::Error: return tr("cannot be read");
    }
    return {};
}

QString ReviewPage::actionText(VmStepPlan::Action action)
{
    switch (action) {
    case VmStepPlan::Action::Run: return tr("run");
    case VmStepPlan::Action::Skip: return tr("skip");
    case VmStepPlan::Action::Fail: return tr("fail");
    }
    return {};
}

void ReviewPage::initializePage()
{
    // Deferred: a reopened wizard walks past this page to where the plan stands (resume), and a
    // review there would connect to every VM for nothing.
    m_scheduled = true;
    QTimer::singleShot(0, this, [this] {
        if (!std::exchange(m_scheduled, false))
            return;
        if (wizard() && wizard()->currentPage() == this)
            review();
    });
}

void ReviewPage::cleanupPage()
{
    m_scheduled = false;
    if (m_task)
        m_task->cancel();
}

bool ReviewPage::validatePage()
{
    // The review only reads; leaving it stops the dry run's ssh connections.
    m_scheduled = false;
    if (m_task)
        m_task->cancel();
    return true;
}

void ReviewPage::review()
{
    if (m_task)
        m_task->cancel();
    OnboardingService* service = m_context->service();
    if (!service)
        return;
    ui->statusLabel->setText(tr("Comparing with the cluster and asking each VM…"));
    ui->refreshButton->setEnabled(false);
    ReviewTask* task = service->review(m_context->plan(), this);
    connect(task, &ReviewTask::question, m_context, &WizardContext::questionAsked);
    followTask(this, m_task, task, [this, task](const Error& error) {
        ui->refreshButton->setEnabled(true);
        showReview(task->objects(), task->vmSteps());
        if (error.kind == Error::Kind::Canceled)
            ui->statusLabel->setText(tr("Review canceled."));
        else if (error.isError())
            ui->statusLabel->setText(tr("The review is incomplete: %1").arg(error.message));
        else
            ui->statusLabel->setText(tr("Reviewed."));
    });
    task->start();
}

void ReviewPage::showReview(const QList<ObjectDiff>& objects, const QList<VmStepPlan>& steps)
{
    m_objects = objects;
    ui->objectsTree->clear();
    for (qsizetype i = 0; i < objects.size(); ++i) {
        const ObjectDiff& o = objects.at(i);
        auto* item = new QTreeWidgetItem(ui->objectsTree, {o.object, stateText(o.state)});
        item->setData(0, Qt::UserRole, int(i));
        if (o.state == ObjectDiff::State::Error) {
            item->setToolTip(1, o.error);
            item->setIcon(1, style()->standardIcon(QStyle::SP_MessageBoxCritical));
        }
        for (const QString& d : o.differences)
            new QTreeWidgetItem(item, {d});
    }
    ui->objectsTree->resizeColumnToContents(0);
    ui->vmTree->clear();
    QHash<QString, QTreeWidgetItem*> vms;
    for (const VmStepPlan& s : steps) {
        QTreeWidgetItem*& vm = vms[s.vm];
        if (!vm) {
            vm = new QTreeWidgetItem(ui->vmTree, {s.vm});
            vm->setExpanded(true);
        }
        auto* item = new QTreeWidgetItem(vm, {s.title, actionText(s.action), s.reason});
        item->setToolTip(2, s.reason);
        if (s.action == VmStepPlan::Action::Fail) {
            item->setIcon(1, style()->standardIcon(QStyle::SP_MessageBoxCritical));
            vm->setIcon(0, style()->standardIcon(QStyle::SP_MessageBoxCritical));
        }
    }
    ui->vmTree->resizeColumnToContents(0);
}

void ReviewPage::showObject()
{
    QTreeWidgetItem* item = ui->objectsTree->currentItem();
    while (item && item->parent())
        item = item->parent();
    const int index = item ? item->data(0, Qt::UserRole).toInt() : -1;
    if (index < 0 || index >= m_objects.size()) {
        ui->yamlView->clear();
        return;
    }
    const ObjectDiff& o = m_objects.at(index);
    QString text = o.desiredYaml;
    if (!o.error.isEmpty())
        text = o.error + u"\n\n"_qs + text;
    ui->yamlView->setPlainText(text);
}
