// SPDX-License-Identifier: Apache-2.0
#include "vmspage.h"

#include "fleetmonitor.h"
#include "question.h"
#include "terminallauncher.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QGuiApplication>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QLocale>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStyle>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace {

// The fleet model speaks the state file's words (its keys, which the CLI prints as they are);
// the window shows them in the user's language. The monitor's flags get a warning icon here:
// ops/ has no QtGui.
class StateWords final : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    bool flagIcons = false;

    QVariant data(const QModelIndex& index, int role) const override
    {
        if (flagIcons && role == Qt::DecorationRole && index.column() == FleetMonitor::FlagsColumn) {
            if (!QIdentityProxyModel::data(index, FleetMonitor::FlagKindsRole).toList().isEmpty())
                return QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning);
            return {};
        }
        const QVariant value = QIdentityProxyModel::data(index, role);
        if (role != Qt::DisplayRole || value.typeId() != QMetaType::QString)
            return value;
        const QString word = value.toString();
        if (word == u"waiting")
            return VmsPage::tr("waiting");
        if (word == u"running")
            return VmsPage::tr("running");
        if (word == u"ok")
            return VmsPage::tr("ok");
        if (word == u"failed")
            return VmsPage::tr("failed");
        if (word == u"pending")
            return VmsPage::tr("pending");
        if (word == u"done")
            return VmsPage::tr("done");
        if (word == u"skipped")
            return VmsPage::tr("skipped");
        return value;
    }
};

} // namespace

VmsPage::VmsPage(QWidget* parent)
    : QWidget(parent)
    , m_filter(new QLineEdit(this))
    , m_toolBar(new QToolBar(this))
    , m_view(new QTableView(this))
    , m_details(new QPlainTextEdit(this))
    , m_message(new QLabel(this))
    , m_placeholder(new QLabel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_words(new StateWords(this))
    , m_launcher(&TerminalLauncher::launch)
{
    m_filter->setObjectName(u"vmFilter"_qs);
    m_filter->setPlaceholderText(tr("Filter VMs by name, address, group, step or message"));
    m_filter->setClearButtonEnabled(true);
    m_view->setObjectName(u"vmTable"_qs);
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_sorted->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_sorted->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_sorted->setFilterKeyColumn(-1);
    m_sorted->setSourceModel(m_words);
    m_view->setModel(m_sorted);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setText(tr("Open a plan with VMs to see where each one stands."));
    m_details->setObjectName(u"vmDetails"_qs);
    m_details->setReadOnly(true);
    m_details->setPlaceholderText(tr("Select a VM to see its steps and last errors."));
    m_message->setObjectName(u"vmMessage"_qs);
    m_message->setWordWrap(true);
    m_message->hide();
    m_toolBar->setObjectName(u"vmActions"_qs);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextOnly);

    const auto makeAction = [this](const QString& name, const QString& text, const QString& tip) {
        auto* action = new QAction(text, this);
        action->setObjectName(name);
        action->setToolTip(tip);
        m_toolBar->addAction(action);
        return action;
    };
    m_onboard = makeAction(u"onboardAction"_qs, tr("Onboard"), tr("Onboard the selected VMs (resumes where each stopped)"));
    m_reonboard = makeAction(u"reonboardAction"_qs, tr("Re-onboard"), tr("Run every step again on the selected VMs"));
    m_offboard = makeAction(u"offboardAction"_qs, tr("Offboard…"), tr("Take the selected VMs out of the mesh"));
    m_toolBar->addSeparator();
    m_refreshToken = makeAction(u"refreshTokenAction"_qs, tr("Refresh token"),
                                tr("Mint a new istio-token and deliver only that (no restart)"));
    m_probe = makeAction(u"probeAction"_qs, tr("Probe now"), tr("Read the sidecar's state, token and certificate over ssh"));
    m_toolBar->addSeparator();
    m_openSsh = makeAction(u"openSshAction"_qs, tr("Open SSH session"), tr("Open a terminal with ssh to the VM"));
    m_copySsh = makeAction(u"copySshAction"_qs, tr("Copy ssh command"), tr("Put the ssh command on the clipboard"));

    connect(m_onboard, &QAction::triggered, this, [this] {
        if (m_monitor)
            m_monitor->onboard(selectedVms());
    });
    connect(m_reonboard, &QAction::triggered, this, [this] {
        if (m_monitor)
            m_monitor->reonboard(selectedVms());
    });
    connect(m_offboard, &QAction::triggered, this, &VmsPage::confirmOffboard);
    connect(m_refreshToken, &QAction::triggered, this, [this] {
        if (m_monitor)
            for (const QString& vm : selectedVms())
                m_monitor->refreshToken(vm);
    });
    connect(m_probe, &QAction::triggered, this, [this] {
        if (m_monitor)
            for (const QString& vm : selectedVms())
                m_monitor->probeNow(vm);
    });
    connect(m_openSsh, &QAction::triggered, this, &VmsPage::openSession);
    connect(m_copySsh, &QAction::triggered, this, &VmsPage::copyCommand);
    connect(m_view, &QWidget::customContextMenuRequested, this, [this](const QPoint& at) {
        if (!m_monitor || !m_view->indexAt(at).isValid())
            return;
        auto* menu = new QMenu(this);
        menu->setAttribute(Qt::WA_DeleteOnClose);
        menu->addActions({m_onboard, m_reonboard, m_offboard});
        menu->addSeparator();
        menu->addActions({m_refreshToken, m_probe});
        menu->addSeparator();
        menu->addActions({m_openSsh, m_copySsh});
        menu->popup(m_view->viewport()->mapToGlobal(at));
    });

    auto* splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setObjectName(u"vmSplitter"_qs);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_toolBar);
    layout->addWidget(m_filter);
    layout->addWidget(splitter, 1);
    layout->addWidget(m_message);
    layout->addWidget(m_placeholder, 1);
    connect(m_filter, &QLineEdit::textChanged, m_sorted, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        updateActions();
        showDetails();
    });
    m_toolBar->setVisible(false);
    m_details->setVisible(false);
    updateActions();
    updatePlaceholder();
}

void VmsPage::setModel(QAbstractItemModel* model)
{
    auto* words = static_cast<StateWords*>(m_words);
    if (words->sourceModel())
        disconnect(words->sourceModel(), nullptr, this, nullptr);
    words->setSourceModel(model);
    if (model) {
        connect(model, &QAbstractItemModel::modelReset, this, &VmsPage::updatePlaceholder);
        connect(model, &QAbstractItemModel::rowsInserted, this, &VmsPage::updatePlaceholder);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &VmsPage::updatePlaceholder);
    }
    m_view->sortByColumn(0, Qt::AscendingOrder);
    updatePlaceholder();
    updateActions();
}

void VmsPage::setMonitor(FleetMonitor* monitor)
{
    if (m_monitor)
        disconnect(m_monitor, nullptr, this, nullptr);
    m_monitor = monitor;
    static_cast<StateWords*>(m_words)->flagIcons = monitor != nullptr;
    m_toolBar->setVisible(monitor != nullptr);
    m_details->setVisible(monitor != nullptr);
    if (monitor) {
        connect(monitor, &FleetMonitor::question, this, &VmsPage::askQuestion);
        connect(monitor, &FleetMonitor::actionFailed, this, [this](const QString& vm, const QString& message) {
            showMessage(vm.isEmpty() ? message : tr("%1: %2").arg(vm, message));
        });
        connect(monitor, &FleetMonitor::historyChanged, this, [this](const QString& vm) {
            if (vm == currentVm())
                showDetails();
        });
        setModel(monitor->model());
        // The flags are what a user scans for: right after the name, not ten columns away.
        QHeaderView* header = m_view->horizontalHeader();
        if (header->visualIndex(FleetMonitor::FlagsColumn) != 1)
            header->moveSection(header->visualIndex(FleetMonitor::FlagsColumn), 1);
    } else {
        m_message->hide();
    }
}

QStringList VmsPage::selectedVms() const
{
    QStringList names;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex& row : rows)
        names << row.data(FleetMonitor::NameRole).toString();
    names.removeAll(QString());
    return names;
}

QString VmsPage::currentVm() const
{
    const QStringList names = selectedVms();
    return names.size() == 1 ? names.first() : QString();
}

void VmsPage::updateActions()
{
    const QStringList vms = m_monitor ? selectedVms() : QStringList{};
    bool allInPlan = !vms.isEmpty();
    for (const QModelIndex& row : m_view->selectionModel()->selectedRows())
        allInPlan = allInPlan && row.data(FleetMonitor::InPlanRole).toBool();
    // Entries no plan VM is can be looked at and reached, not onboarded: meshdeck knows no plan for them.
    for (QAction* action : {m_onboard, m_reonboard, m_offboard, m_probe})
        action->setEnabled(allInPlan);
    m_refreshToken->setEnabled(allInPlan);
    m_openSsh->setEnabled(vms.size() == 1);
    m_copySsh->setEnabled(vms.size() == 1);
}

void VmsPage::showDetails()
{
    const QString vm = currentVm();
    if (!m_monitor || vm.isEmpty()) {
        m_details->clear();
        return;
    }
    const VmHistory history = m_monitor->stepHistory(vm);
    QString text = tr("Steps of %1").arg(vm) + u'\n';
    if (history.steps.isEmpty())
        text += tr("  none recorded yet") + u'\n';
    for (const VmStepEntry& step : history.steps) {
        text += u"  "_qs + step.step + u" — "_qs + step.state;
        if (step.updated.isValid())
            text += u" ("_qs + QLocale().toString(step.updated.toLocalTime(), QLocale::ShortFormat) + u')';
        if (!step.message.isEmpty())
            text += u": "_qs + step.message;
        text += u'\n';
    }
    const QModelIndexList rows = m_view->selectionModel()->selectedRows(FleetMonitor::FlagsColumn);
    const QStringList flags = rows.isEmpty() ? QStringList{} : rows.first().data(FleetMonitor::FlagTextsRole).toStringList();
    if (!flags.isEmpty()) {
        text += u'\n' + tr("Flags") + u'\n';
        for (const QString& flag : flags)
            text += u"  • "_qs + flag + u'\n';
    }
    text += u'\n' + tr("Last errors") + u'\n';
    if (history.lastErrors.isEmpty())
        text += tr("  none") + u'\n';
    for (const QString& error : history.lastErrors)
        text += u"  "_qs + error + u'\n';
    m_details->setPlainText(text);
}

void VmsPage::showMessage(const QString& text)
{
    m_message->setText(text);
    m_message->setVisible(!text.isEmpty());
}

void VmsPage::confirmOffboard()
{
    const QStringList vms = selectedVms();
    if (!m_monitor || vms.isEmpty() || m_confirm)
        return;
    // open(), not exec(): no nested event loop while the watches and probes keep arriving.
    m_confirm = new QMessageBox(QMessageBox::Warning, tr("Offboard"),
                                tr("Take %1 out of the mesh? The sidecar is stopped and removed, its files and "
                                   "WorkloadEntry deleted.")
                                    .arg(vms.join(u", "_qs)),
                                QMessageBox::Cancel, this);
    m_confirm->setObjectName(u"offboardConfirm"_qs);
    m_confirm->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton* yes = m_confirm->addButton(tr("Offboard"), QMessageBox::DestructiveRole);
    m_confirm->setDefaultButton(QMessageBox::Cancel);
    connect(yes, &QPushButton::clicked, this, [this, vms] {
        if (m_monitor)
            m_monitor->offboard(vms);
    });
    m_confirm->open();
}

void VmsPage::openSession()
{
    const QString vm = currentVm();
    if (!m_monitor || vm.isEmpty())
        return;
    const QStringList argv = m_monitor->sshArguments(vm);
    if (argv.isEmpty()) {
        showMessage(tr("%1 has no address to reach.").arg(vm));
        return;
    }
    QString error;
    if (!m_launcher(argv, &error))
        showMessage(error);
}

void VmsPage::copyCommand()
{
    const QString vm = currentVm();
    if (!m_monitor || vm.isEmpty())
        return;
    const QString command = m_monitor->sshCommand(vm);
    if (command.isEmpty())
        return;
    QGuiApplication::clipboard()->setText(command);
    showMessage(tr("Copied: %1").arg(command));
}

void VmsPage::askQuestion(Question* question)
{
    if (m_questionHandler)
        m_questionHandler(question, this);
    else
        question->reject(); // nobody to ask: the VM fails with why instead of waiting forever
}

void VmsPage::updatePlaceholder()
{
    const QAbstractItemModel* model = static_cast<QIdentityProxyModel*>(m_words)->sourceModel();
    const bool empty = !model || model->rowCount() == 0;
    m_view->parentWidget()->setVisible(!empty);
    m_filter->setVisible(!empty);
    m_placeholder->setVisible(empty);
}
