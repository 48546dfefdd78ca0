// SPDX-License-Identifier: Apache-2.0
#include "fleetmodel.h"

#include "fleetrun.h"
#include "plan.h"

namespace {

QString statusText(FleetModel::Status status)
{
    switch (status) {
    case FleetModel::Status::Waiting:
        return u"waiting"_qs;
    case FleetModel::Status::Running:
        return u"running"_qs;
    case FleetModel::Status::Ok:
        return u"ok"_qs;
    case FleetModel::Status::Failed:
        return u"failed"_qs;
    }
    return {};
}

//! Every step a state file may record, in the order they run (onboarding, then offboarding).
QList<StepKind> allSteps()
{
    return onboardSteps() + offboardSteps();
}

} // namespace

FleetModel::FleetModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

FleetModel::~FleetModel() = default;

FleetModel::Row FleetModel::seededRow(const QString& name, const Plan& plan, const OnboardState* state)
{
    Row row;
    row.name = name;
    row.activity = u"waiting"_qs;
    if (const Vm* vm = plan.vm(name)) {
        row.address = vm->address;
        row.group = vm->group;
    }
    if (!state || !state->hasVm(name))
        return row;
    const VmRecord record = state->vmRecord(name);
    std::optional<StepKind> stopped; // the first step failed or left running
    std::optional<StepKind> lastDone;
    for (const StepKind kind : allSteps()) {
        if (!record.steps.contains(stepKey(kind)))
            continue;
        const StepRecord& r = record.steps[stepKey(kind)];
        row.steps.insert(kind, r.state);
        if (!stopped && (r.state == StepState::Failed || r.state == StepState::Running))
            stopped = kind;
        if (r.state == StepState::Done || r.state == StepState::Skipped)
            lastDone = kind;
    }
    if (const std::optional<StepKind> at = stopped ? stopped : lastDone) {
        const StepRecord r = record.step(*at);
        row.step = at;
        row.stepState = r.state;
        // A failure in the words a run uses for it (VmRun: "<step>: <message>").
        row.message = r.state == StepState::Failed ? QString(stepTitle(*at) + u": "_qs + r.message) : r.message;
    }
    // Progress through the steps of the kind of run the record is about: offboarding once any
    // offboarding step is recorded, onboarding otherwise.
    QList<StepKind> steps = onboardSteps();
    for (const StepKind kind : offboardSteps())
        if (record.steps.contains(stepKey(kind)))
            steps = offboardSteps();
    qsizetype done = 0;
    for (const StepKind kind : std::as_const(steps)) {
        const StepState s = row.steps.value(kind, StepState::Pending);
        if (s == StepState::Done || s == StepState::Skipped)
            ++done;
    }
    row.permille = int(done * 1000 / steps.size());
    return row;
}

void FleetModel::seed(const Plan& plan, const QStringList& vms, const OnboardState* state)
{
    QStringList names = vms;
    if (names.isEmpty())
        for (const Vm& vm : plan.vms)
            names.append(vm.name);
    beginResetModel();
    m_rows.clear();
    for (const QString& name : std::as_const(names))
        if (rowOf(name) < 0)
            m_rows.append(seededRow(name, plan, state));
    endResetModel();
}

void FleetModel::reseed(const Plan& plan, const QStringList& vms, const OnboardState* state)
{
    for (const QString& name : vms) {
        const int row = rowOf(name);
        if (row >= 0) {
            m_rows[row] = seededRow(name, plan, state);
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
        } else {
            beginInsertRows({}, int(m_rows.size()), int(m_rows.size()));
            m_rows.append(seededRow(name, plan, state));
            endInsertRows();
        }
    }
}

void FleetModel::attach(FleetRun* run)
{
    for (const QMetaObject::Connection& c : std::as_const(m_connections))
        disconnect(c);
    m_connections.clear();
    m_run = run;
    if (!run)
        return;
    m_connections = {
        connect(run, &FleetRun::vmStarted, this, &FleetModel::onVmStarted),
        connect(run, &FleetRun::stepChanged, this, &FleetModel::onStepChanged),
        connect(run, &FleetRun::vmProgress, this, &FleetModel::onVmProgress),
        connect(run, &FleetRun::vmFinished, this, &FleetModel::onVmFinished),
    };
}

int FleetModel::rowOf(const QString& vm) const
{
    for (qsizetype i = 0; i < m_rows.size(); ++i)
        if (m_rows.at(i).name == vm)
            return int(i);
    return -1;
}

QString FleetModel::vmName(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).name : QString();
}

int FleetModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FleetModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QList<int> FleetModel::rolesOf(int column)
{
    switch (column) {
    case NameColumn:
        return {Qt::DisplayRole, NameRole};
    case AddressColumn:
        return {Qt::DisplayRole, AddressRole};
    case GroupColumn:
        return {Qt::DisplayRole, GroupRole};
    case StepColumn:
        return {Qt::DisplayRole, StepRole, StepStatesRole};
    case StateColumn:
        return {Qt::DisplayRole, StateRole};
    case ProgressColumn:
        return {Qt::DisplayRole, ProgressRole};
    case ActivityColumn:
        return {Qt::DisplayRole, ActivityRole};
    case MessageColumn:
        return {Qt::DisplayRole, MessageRole, ErrorRole};
    case StatusColumn:
        return {Qt::DisplayRole, StatusRole};
    default:
        return {};
    }
}

QVariant FleetModel::value(const Row& row, int column, int role)
{
    switch (column) {
    case NameColumn:
        if (role == Qt::DisplayRole || role == NameRole)
            return row.name;
        break;
    case AddressColumn:
        if (role == Qt::DisplayRole || role == AddressRole)
            return row.address;
        break;
    case GroupColumn:
        if (role == Qt::DisplayRole || role == GroupRole)
            return row.group;
        break;
    case StepColumn:
        if (role == Qt::DisplayRole)
            return row.step ? stepTitle(*row.step) : QString();
        if (role == StepRole)
            return row.step ? QVariant(int(*row.step)) : QVariant();
        if (role == StepStatesRole) {
            QVariantMap states;
            for (auto it = row.steps.cbegin(); it != row.steps.cend(); ++it)
                states.insert(stepKey(it.key()), int(it.value()));
            return states;
        }
        break;
    case StateColumn:
        if (role == Qt::DisplayRole)
            return row.step ? stateKey(row.stepState) : QString();
        if (role == StateRole)
            return int(row.stepState);
        break;
    case ProgressColumn:
        if (role == Qt::DisplayRole)
            return QString(QString::number(row.permille / 10) + u'%');
        if (role == ProgressRole)
            return row.permille;
        break;
    case ActivityColumn:
        if (role == Qt::DisplayRole || role == ActivityRole)
            return row.activity;
        break;
    case MessageColumn:
        if (role == Qt::DisplayRole || role == MessageRole)
            return row.message;
        if (role == ErrorRole) {
            const bool failed = row.status == Status::Failed
                || (row.status != Status::Ok && row.step && row.stepState == StepState::Failed);
            return failed ? row.message : QString();
        }
        break;
    case StatusColumn:
        if (role == Qt::DisplayRole)
            return statusText(row.status);
        if (role == StatusRole)
            return int(row.status);
        break;
    default:
        break;
    }
    return {};
}

QVariant FleetModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return value(m_rows.at(index.row()), index.column(), role);
}

QVariant FleetModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn:
        return tr("VM");
    case AddressColumn:
        return tr("Address");
    case GroupColumn:
        return tr("Group");
    case StepColumn:
        return tr("Step");
    case StateColumn:
        return tr("State");
    case ProgressColumn:
        return tr("Progress");
    case ActivityColumn:
        return tr("Activity");
    case MessageColumn:
        return tr("Message");
    case StatusColumn:
        return tr("Status");
    default:
        return {};
    }
}

QHash<int, QByteArray> FleetModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(NameRole, "name");
    names.insert(AddressRole, "address");
    names.insert(GroupRole, "group");
    names.insert(StepRole, "step");
    names.insert(StepStatesRole, "stepStates");
    names.insert(StateRole, "state");
    names.insert(ProgressRole, "progress");
    names.insert(ActivityRole, "activity");
    names.insert(MessageRole, "message");
    names.insert(ErrorRole, "error");
    names.insert(StatusRole, "status");
    return names;
}

int FleetModel::ensureRow(const QString& vm)
{
    const int existing = rowOf(vm);
    if (existing >= 0)
        return existing;
    const int row = int(m_rows.size());
    beginInsertRows({}, row, row);
    Row r;
    r.name = vm;
    r.activity = u"waiting"_qs;
    m_rows.append(r);
    endInsertRows();
    return row;
}

/*!
 * Applies change to vm's row (appended first when missing), then sends dataChanged for the
 * cells whose values changed, with the roles that did: one signal per run of adjacent cells.
 */
template<typename Change>
void FleetModel::update(const QString& vm, Change change)
{
    const int row = ensureRow(vm);
    const Row before = m_rows.at(row);
    change(m_rows[row]);
    const Row& after = m_rows.at(row);
    int first = -1;
    QList<int> roles;
    for (int column = 0; column <= ColumnCount; ++column) {
        QList<int> changed;
        if (column < ColumnCount)
            for (const int role : rolesOf(column))
                if (value(before, column, role) != value(after, column, role))
                    changed.append(role);
        if (!changed.isEmpty()) {
            if (first < 0)
                first = column;
            for (const int role : std::as_const(changed))
                if (!roles.contains(role))
                    roles.append(role);
            continue;
        }
        if (first >= 0) {
            emit dataChanged(index(row, first), index(row, column - 1), roles);
            first = -1;
            roles.clear();
        }
    }
}

void FleetModel::onVmStarted(const QString& vm)
{
    update(vm, [](Row& r) {
        r.status = Status::Running;
        r.message.clear(); // the last run's result; this run will have its own
    });
}

void FleetModel::onStepChanged(const QString& vm, StepKind step, StepState state, const QString& message)
{
    update(vm, [&](Row& r) {
        r.steps.insert(step, state);
        if (state == StepState::Running || state == StepState::Failed) {
            r.step = step;
            r.stepState = state;
        } else if (r.step == step) {
            r.stepState = state;
        }
        if (state == StepState::Running)
            r.activity = message;
        if (state == StepState::Failed)
            r.message = stepTitle(step) + u": "_qs + message; // vmFinished follows, in these words
    });
}

void FleetModel::onVmProgress(const QString& vm, int permille, const QString& activity)
{
    update(vm, [&](Row& r) {
        r.permille = permille;
        r.activity = activity;
    });
}

void FleetModel::onVmFinished(const QString& vm, bool ok, const QString& message)
{
    update(vm, [&](Row& r) {
        r.status = ok ? Status::Ok : Status::Failed;
        r.message = message;
        if (ok)
            r.permille = 1000;
    });
}
