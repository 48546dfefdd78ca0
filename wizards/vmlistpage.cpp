// SPDX-License-Identifier: Apache-2.0
#include "vmlistpage.h"
#include "ui_vmlistpage.h"

#include "groupcolumndelegate.h"
#include "pagepreview.h"
#include "pagesupport.h"
#include "question.h"
#include "sshconfigimport.h"
#include "sshimportdialog.h"
#include "vmrowcheck.h"
#include "wizardcontext.h"

#include <QFutureWatcher>
#include <QHeaderView>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStyle>
#include <QTableWidget>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>

VmListPage::VmListPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , ui(std::make_unique<Ui::VmListPage>())
    , m_context(context)
{
    ui->setupUi(this);
    setTitle(tr("VMs"));
    setSubTitle(tr("The machines to onboard and how ssh reaches them. Test the connection before you go on."));
    ui->vmTable->horizontalHeader()->setStretchLastSection(true);
    ui->vmTable->setItemDelegateForColumn(GroupColumn, new GroupColumnDelegate(m_context, ui->vmTable));
    connect(ui->vmTable, &QTableWidget::cellChanged, this, &VmListPage::storeCell);
    connect(ui->vmTable, &QTableWidget::itemSelectionChanged, this, &VmListPage::showProbe);
    connect(ui->addVm, &QPushButton::clicked, this, &VmListPage::addVm);
    connect(ui->removeVm, &QPushButton::clicked, this, &VmListPage::removeVm);
    connect(ui->importSsh, &QPushButton::clicked, this, &VmListPage::startImport);
    connect(ui->testConnection, &QPushButton::clicked, this, &VmListPage::testConnection);
    ui->preview->setContext(m_context, [](const Generated& all, const Plan&) {
        Generated out;
        out.vmBundles = all.vmBundles;
        out.problems = all.problems;
        return out;
    }, [](const WizardContext&) {
        return tr("Each VM's files as `istioctl x workload entry configure` writes them. root-cert.pem and the "
                  "istio-token come from the cluster during the run.");
    });
    load();
}

VmListPage::~VmListPage()
{
    if (m_probe) {
        disconnect(m_probe, nullptr, this, nullptr);
        m_probe->cancel();
    }
}

void VmListPage::initializePage()
{
    load();
}

bool VmListPage::isComplete() const
{
    return m_problems.isEmpty();
}

void VmListPage::load()
{
    const QList<Vm>& vms = m_context->plan().vms;
    QList<QStringList> rows;
    for (const Vm& vm : vms) {
        rows.append({vm.name, vm.group, vm.address, vm.ip, vm.ssh.user, vm.ssh.port ? QString::number(vm.ssh.port) : QString(),
                     vm.ssh.jumpHost, vm.ssh.identityFile});
    }
    PageSupport::setRows(ui->vmTable, rows);
    revalidate();
    showProbe();
}

void VmListPage::storeCell(int row, int column)
{
    Plan& plan = m_context->plan();
    if (row < 0 || row >= plan.vms.size())
        return;
    Vm& vm = plan.vms[row];
    const QTableWidgetItem* item = ui->vmTable->item(row, column);
    const QString text = item ? item->text().trimmed() : QString();
    switch (Column(column)) {
    case NameColumn: vm.name = text; break;
    case GroupColumn: vm.group = text; break;
    case AddressColumn: vm.address = text; break;
    case IpColumn: vm.ip = text; break;
    case UserColumn: vm.ssh.user = text; break;
    case PortColumn: {
        bool ok = false;
        const int port = text.toInt(&ok);
        vm.ssh.port = text.isEmpty() ? 0 : (ok ? port : -1);
        break;
    }
    case JumpColumn: vm.ssh.jumpHost = text; break;
    case IdentityColumn: vm.ssh.identityFile = text; break;
    }
    m_context->planEdited();
    revalidate();
}

void VmListPage::addVm()
{
    Plan& plan = m_context->plan();
    Vm vm;
    vm.name = VmRowCheck::uniqueName(plan, u"vm"_qs);
    vm.group = plan.vmGroups.isEmpty() ? QString() : plan.vmGroups.first().name;
    plan.vms.append(vm);
    m_context->planEdited();
    load();
    const int row = int(plan.vms.size()) - 1;
    ui->vmTable->setCurrentCell(row, AddressColumn);
    ui->vmTable->editItem(ui->vmTable->item(row, AddressColumn));
}

void VmListPage::removeVm()
{
    Plan& plan = m_context->plan();
    const int row = ui->vmTable->currentRow();
    if (row < 0 || row >= plan.vms.size())
        return;
    plan.vms.removeAt(row);
    m_context->planEdited();
    load();
}

void VmListPage::importHosts(const QList<SshConfigHost>& hosts, const QString& group)
{
    Plan& plan = m_context->plan();
    int added = 0;
    for (const SshConfigHost& host : hosts) {
        Vm vm = SshConfigImport::toVm(host, group);
        const bool known = std::any_of(plan.vms.cbegin(), plan.vms.cend(), [&](const Vm& v) { return v.address == vm.address; });
        if (known)
            continue;
        vm.name = VmRowCheck::uniqueName(plan, vm.name);
        plan.vms.append(vm);
        ++added;
    }
    if (added == 0)
        return;
    m_context->planEdited();
    load();
}

void VmListPage::startImport()
{
    ui->importSsh->setEnabled(false);
    auto* watcher = new QFutureWatcher<QList<SshConfigHost>>(this);
    connect(watcher, &QFutureWatcher<QList<SshConfigHost>>::finished, this, [this, watcher] {
        ui->importSsh->setEnabled(true);
        offerImport(watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([] { return SshConfigImport::readFile(SshConfigImport::defaultPath()); }));
}

void VmListPage::offerImport(const QList<SshConfigHost>& hosts)
{
    if (hosts.isEmpty()) {
        PageSupport::showProblems(ui->problemLabel, m_problems + QStringList{
            tr("%1 has no Host entries without wildcards.").arg(SshConfigImport::defaultPath())});
        return;
    }
    QStringList groups;
    for (const VmGroup& g : m_context->plan().vmGroups)
        groups.append(g.name);
    auto* dialog = new SshImportDialog(hosts, groups, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { importHosts(dialog->chosen(), dialog->group()); });
    dialog->open();
}

void VmListPage::testConnection()
{
    const int row = ui->vmTable->currentRow();
    const Plan& plan = m_context->plan();
    OnboardingService* service = m_context->service();
    if (row < 0 || row >= plan.vms.size() || !service)
        return;
    if (m_probe)
        m_probe->cancel();
    const QString vm = plan.vms[row].name;
    m_probing = vm;
    m_errors.remove(vm);
    m_results.remove(vm);
    ProbeTask* task = service->probeVm(plan, vm, this);
    m_probe = task;
    connect(task, &ProbeTask::question, m_context, &WizardContext::questionAsked);
    connect(task, &Task::progress, this, [this](int, int, const QString& activity) {
        ui->probeStatus->setText(activity);
    });
    connect(task, &Task::finished, this, [this, task, vm] { probeDone(task, vm); });
    ui->probeStatus->setText(tr("Connecting to %1…").arg(vm));
    task->start();
}

void VmListPage::probeDone(ProbeTask* task, const QString& vm)
{
    task->deleteLater();
    if (task != m_probe)
        return; // replaced by a newer test
    m_probe = nullptr;
    m_probing.clear();
    const Error& e = task->error();
    QString error;
    if (e.kind == Error::Kind::SshHostKeyChanged) {
        // A hard stop: both fingerprints, so the user can compare with the VM's console.
        error = tr("%1 The host key changed: known %2, offered %3.")
                    .arg(e.text(), e.knownFingerprints.join(u", "_qs), e.offeredFingerprint);
    } else if (e.isError()) {
        error = e.text();
    }
    if (e.isCanceled())
        ; // nothing learnt
    else if (e.isError())
        m_errors.insert(vm, error);
    else
        m_results.insert(vm, task->info());
    showProbe();
    emit probeFinished(vm, error);
}

std::optional<VmProbeInfo> VmListPage::probeResult(const QString& vm) const
{
    if (!m_results.contains(vm))
        return std::nullopt;
    return m_results.value(vm);
}

void VmListPage::showProbe()
{
    const int row = ui->vmTable->currentRow();
    const Plan& plan = m_context->plan();
    const QString vm = row >= 0 && row < plan.vms.size() ? plan.vms[row].name : QString();
    ui->testConnection->setEnabled(!vm.isEmpty() && m_context->service());
    ui->probeGroup->setTitle(vm.isEmpty() ? tr("Connection test") : tr("Connection test: %1").arg(vm));
    const QList<QLabel*> fields{ui->probeOs, ui->probeArch, ui->probeSystemd, ui->probeDisk,
                                ui->probeSkew, ui->probe15012, ui->probe15443, ui->probeNotes};
    for (QLabel* label : fields)
        label->clear();
    if (vm.isEmpty()) {
        ui->probeStatus->setText(tr("Select a VM."));
    } else if (vm == m_probing) {
        ui->probeStatus->setText(tr("Testing…"));
    } else if (m_errors.contains(vm)) {
        ui->probeStatus->setText(tr("Failed: %1").arg(m_errors.value(vm)));
    } else if (!m_results.contains(vm)) {
        ui->probeStatus->setText(m_context->service() ? tr("Not tested yet.") : tr("No cluster connection: the test is not available."));
    } else {
        const VmProbeInfo info = m_results.value(vm);
        const auto reach = [](bool ok) { return ok ? tr("reachable") : tr("not reachable"); };
        ui->probeStatus->setText(tr("Reached."));
        ui->probeOs->setText(info.os);
        ui->probeArch->setText(info.architecture);
        ui->probeSystemd->setText(info.systemd ? tr("yes") : tr("no: the sidecar needs systemd"));
        ui->probeDisk->setText(VmRowCheck::diskText(info.freeDiskBytes));
        ui->probeSkew->setText(VmRowCheck::skewText(info.clockSkewSeconds));
        ui->probe15012->setText(reach(info.gatewayDiscoveryReachable));
        ui->probe15443->setText(reach(info.gatewayMtlsReachable));
        ui->probeNotes->setText(info.notes.join(u'\n'));
    }
}

void VmListPage::revalidate()
{
    const Plan& plan = m_context->plan();
    const QIcon warning = style()->standardIcon(QStyle::SP_MessageBoxWarning);
    const QSignalBlocker blocker(ui->vmTable);
    for (int row = 0; row < plan.vms.size() && row < ui->vmTable->rowCount(); ++row) {
        const QStringList rowProblems = VmRowCheck::problems(plan, row);
        if (QTableWidgetItem* item = ui->vmTable->item(row, NameColumn)) {
            item->setIcon(rowProblems.isEmpty() ? QIcon() : warning);
            item->setToolTip(rowProblems.join(u'\n'));
        }
    }
    m_problems = VmRowCheck::allProblems(plan);
    PageSupport::showProblems(ui->problemLabel, m_problems);
    emit completeChanged();
}
