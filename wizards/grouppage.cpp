// SPDX-License-Identifier: Apache-2.0
#include "grouppage.h"
#include "ui_grouppage.h"

#include "groupform.h"
#include "pagepreview.h"
#include "pagesupport.h"
#include "wizardcontext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>

#include <algorithm>
#include <tuple>

namespace {
// The probe kind combo's rows: "None" is no probe at all (std::nullopt).
constexpr Probe::Kind probeKinds[] = {Probe::Kind::None, Probe::Kind::HttpGet, Probe::Kind::TcpSocket,
                                      Probe::Kind::Exec, Probe::Kind::Grpc};
} // namespace

GroupPage::GroupPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , ui(std::make_unique<Ui::GroupPage>())
    , m_context(context)
{
    ui->setupUi(this);
    ui->groupList->setMaximumHeight(fontMetrics().height() * 6); // the editor below needs the room
    setTitle(tr("VM groups"));
    setSubTitle(tr("Each group is a WorkloadGroup: its VMs share a namespace, a service account, labels, ports and a health probe."));

    connect(ui->groupList, &QListWidget::currentRowChanged, this, &GroupPage::selectGroup);
    connect(ui->addGroup, &QPushButton::clicked, this, &GroupPage::addGroup);
    connect(ui->removeGroup, &QPushButton::clicked, this, &GroupPage::removeGroup);

    const QList<QLineEdit*> texts{ui->groupName, ui->groupNamespace, ui->serviceAccount, ui->groupNetwork,
                                  ui->tokenDuration, ui->serviceName, ui->probeHost, ui->probePath, ui->probeService};
    for (QLineEdit* edit : texts)
        connect(edit, &QLineEdit::textEdited, this, &GroupPage::store);
    for (QCheckBox* box : {ui->autoRegister, ui->captureDns, ui->serviceEnabled})
        connect(box, &QCheckBox::toggled, this, &GroupPage::store);
    for (QComboBox* combo : {ui->probeKind, ui->probeScheme})
        connect(combo, &QComboBox::currentIndexChanged, this, &GroupPage::store);
    for (QSpinBox* spin : {ui->probePort, ui->initialDelaySeconds, ui->periodSeconds, ui->timeoutSeconds,
                           ui->successThreshold, ui->failureThreshold})
        connect(spin, &QSpinBox::valueChanged, this, &GroupPage::store);
    connect(ui->probeCommand, &QPlainTextEdit::textChanged, this, &GroupPage::store);

    const std::tuple<QTableWidget*, QPushButton*, QPushButton*> tables[] = {
        {ui->labelsTable, ui->addLabel, ui->removeLabel},
        {ui->workloadPorts, ui->addWorkloadPort, ui->removeWorkloadPort},
        {ui->servicePorts, ui->addServicePort, ui->removeServicePort},
    };
    for (const auto& [table, add, remove] : tables) {
        connect(table, &QTableWidget::cellChanged, this, &GroupPage::store);
        connect(add, &QPushButton::clicked, table, [table = table] { PageSupport::addRow(table); });
        connect(remove, &QPushButton::clicked, this, [this, table = table] {
            if (PageSupport::removeCurrentRow(table))
                store();
        });
    }

    ui->preview->setContext(m_context, [](const Generated& all, const Plan&) {
        return PagePreview::stages(all, {Stage::VmGroup});
    });
    loadList();
}

GroupPage::~GroupPage() = default;

void GroupPage::initializePage()
{
    if (m_context->plan().vmGroups.isEmpty())
        addGroup();
    else
        loadList();
}

bool GroupPage::isComplete() const
{
    return m_problems.isEmpty();
}

void GroupPage::loadList()
{
    const QList<VmGroup>& groups = m_context->plan().vmGroups;
    {
        const QSignalBlocker blocker(ui->groupList);
        ui->groupList->clear();
        for (const VmGroup& g : groups)
            ui->groupList->addItem(g.name);
    }
    if (m_current >= groups.size())
        m_current = int(groups.size()) - 1;
    if (m_current < 0 && !groups.isEmpty())
        m_current = 0;
    {
        const QSignalBlocker blocker(ui->groupList);
        ui->groupList->setCurrentRow(m_current);
    }
    loadGroup();
}

void GroupPage::selectGroup(int index)
{
    if (index == m_current || index >= m_context->plan().vmGroups.size())
        return;
    m_current = index;
    m_tableProblems.clear();
    {
        const QSignalBlocker blocker(ui->groupList);
        ui->groupList->setCurrentRow(index);
    }
    loadGroup();
}

void GroupPage::addGroup()
{
    Plan& plan = m_context->plan();
    VmGroup group;
    group.name = GroupForm::newGroupName(plan);
    group.namespaceName = plan.vmGroups.isEmpty() ? u"vm"_qs : plan.vmGroups.last().namespaceName;
    group.labels.insert(u"app"_qs, group.name);
    plan.vmGroups.append(group);
    m_current = int(plan.vmGroups.size()) - 1;
    m_tableProblems.clear();
    m_context->planEdited();
    loadList();
}

void GroupPage::removeGroup()
{
    Plan& plan = m_context->plan();
    if (m_current < 0 || m_current >= plan.vmGroups.size())
        return;
    plan.vmGroups.removeAt(m_current);
    m_tableProblems.clear();
    m_context->planEdited();
    loadList();
}

void GroupPage::loadGroup()
{
    m_loading = true;
    const bool has = m_current >= 0 && m_current < m_context->plan().vmGroups.size();
    ui->groupTabs->setEnabled(has);
    ui->removeGroup->setEnabled(has);
    const VmGroup g = has ? m_context->plan().vmGroups[m_current] : VmGroup{};
    ui->groupName->setText(g.name);
    ui->groupNamespace->setText(g.namespaceName);
    ui->serviceAccount->setText(g.serviceAccount);
    ui->groupNetwork->setText(g.network);
    ui->autoRegister->setChecked(g.autoRegister);
    ui->captureDns->setChecked(g.captureDns);
    ui->tokenDuration->setText(GroupForm::durationText(g.tokenDurationSeconds));
    PageSupport::setRows(ui->labelsTable, GroupForm::labelRows(g.labels));
    PageSupport::setRows(ui->workloadPorts, GroupForm::portRows(g.ports));
    ui->serviceEnabled->setChecked(g.service.enabled);
    ui->serviceName->setText(g.service.name);
    ui->serviceName->setPlaceholderText(g.name);
    PageSupport::setRows(ui->servicePorts, GroupForm::servicePortRows(g.service.ports));
    const Probe probe = g.probe.value_or(Probe{});
    const Probe::Kind kind = g.probe ? probe.kind : Probe::Kind::None;
    ui->probeKind->setCurrentIndex(int(std::find(std::begin(probeKinds), std::end(probeKinds), kind) - std::begin(probeKinds)));
    ui->probePort->setValue(probe.port);
    ui->probeHost->setText(probe.host);
    ui->probePath->setText(probe.path);
    ui->probeScheme->setCurrentIndex(probe.scheme.compare(u"HTTPS", Qt::CaseInsensitive) == 0 ? 1 : 0);
    ui->probeCommand->setPlainText(GroupForm::commandText(probe.command));
    ui->probeService->setText(probe.service);
    ui->initialDelaySeconds->setValue(probe.initialDelaySeconds);
    ui->periodSeconds->setValue(probe.periodSeconds);
    ui->timeoutSeconds->setValue(probe.timeoutSeconds);
    ui->successThreshold->setValue(probe.successThreshold);
    ui->failureThreshold->setValue(probe.failureThreshold);
    m_loading = false;
    updateProbeFields();
    revalidate();
}

void GroupPage::store()
{
    Plan& plan = m_context->plan();
    if (m_loading || m_current < 0 || m_current >= plan.vmGroups.size())
        return;
    VmGroup& g = plan.vmGroups[m_current];
    m_tableProblems.clear();
    const QString oldName = g.name;
    g.name = ui->groupName->text().trimmed();
    for (Vm& vm : plan.vms) { // a renamed group keeps its VMs
        if (vm.group == oldName)
            vm.group = g.name;
    }
    g.namespaceName = ui->groupNamespace->text().trimmed();
    g.serviceAccount = ui->serviceAccount->text().trimmed();
    g.network = ui->groupNetwork->text().trimmed();
    g.autoRegister = ui->autoRegister->isChecked();
    g.captureDns = ui->captureDns->isChecked();
    if (const std::optional<int> seconds = GroupForm::parseDuration(ui->tokenDuration->text()))
        g.tokenDurationSeconds = *seconds;
    else
        m_tableProblems.append(tr("Token duration: \"%1\" is no duration (3600, 1h, 90m).").arg(ui->tokenDuration->text()));
    g.labels = GroupForm::labels(PageSupport::rows(ui->labelsTable), &m_tableProblems);
    g.ports = GroupForm::ports(PageSupport::rows(ui->workloadPorts), &m_tableProblems);
    g.service.enabled = ui->serviceEnabled->isChecked();
    g.service.name = ui->serviceName->text().trimmed();
    g.service.ports = GroupForm::servicePorts(PageSupport::rows(ui->servicePorts), &m_tableProblems);

    const Probe::Kind kind = probeKinds[qBound(0, ui->probeKind->currentIndex(), 4)];
    if (kind == Probe::Kind::None) {
        g.probe.reset();
    } else {
        Probe p = g.probe.value_or(Probe{}); // keeps what the page does not edit (HTTP headers)
        p.kind = kind;
        p.port = ui->probePort->value();
        p.host = ui->probeHost->text().trimmed();
        p.path = ui->probePath->text().trimmed();
        p.scheme = ui->probeScheme->currentText();
        p.command = GroupForm::command(ui->probeCommand->toPlainText());
        p.service = ui->probeService->text().trimmed();
        p.initialDelaySeconds = ui->initialDelaySeconds->value();
        p.periodSeconds = ui->periodSeconds->value();
        p.timeoutSeconds = ui->timeoutSeconds->value();
        p.successThreshold = ui->successThreshold->value();
        p.failureThreshold = ui->failureThreshold->value();
        g.probe = p;
    }
    if (QListWidgetItem* item = ui->groupList->item(m_current))
        item->setText(g.name);
    ui->serviceName->setPlaceholderText(g.name);
    m_context->planEdited();
    updateProbeFields();
    revalidate();
}

void GroupPage::updateProbeFields()
{
    const Probe::Kind kind = probeKinds[qBound(0, ui->probeKind->currentIndex(), 4)];
    const bool any = kind != Probe::Kind::None;
    const bool network = kind == Probe::Kind::HttpGet || kind == Probe::Kind::TcpSocket || kind == Probe::Kind::Grpc;
    ui->probePort->setEnabled(network);
    ui->probeHost->setEnabled(kind == Probe::Kind::HttpGet || kind == Probe::Kind::TcpSocket);
    ui->probePath->setEnabled(kind == Probe::Kind::HttpGet);
    ui->probeScheme->setEnabled(kind == Probe::Kind::HttpGet);
    ui->probeCommand->setEnabled(kind == Probe::Kind::Exec);
    ui->probeService->setEnabled(kind == Probe::Kind::Grpc);
    for (QWidget* w : std::initializer_list<QWidget*>{ui->initialDelaySeconds, ui->periodSeconds, ui->timeoutSeconds,
                                                      ui->successThreshold, ui->failureThreshold})
        w->setEnabled(any);
}

void GroupPage::revalidate()
{
    const Plan& plan = m_context->plan();
    m_problems = m_tableProblems;
    if (plan.vmGroups.isEmpty())
        m_problems.append(tr("Add a VM group."));
    for (int i = 0; i < plan.vmGroups.size(); ++i) {
        const QStringList groupProblems = GroupForm::problems(plan, i);
        for (const QString& p : groupProblems)
            m_problems.append(i == m_current ? p : plan.vmGroups[i].name + u": "_qs + p);
    }
    PageSupport::showProblems(ui->problemLabel, m_problems);
    emit completeChanged();
}
