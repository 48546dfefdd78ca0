// SPDX-License-Identifier: Apache-2.0
#include "fleethealthmodel.h"

#include <QJsonArray>

using namespace std::chrono_literals;

namespace {

const QString entryKind = u"WorkloadEntry"_qs;
const QString serviceKind = u"Service"_qs;
const QString groupAnnotation = u"istio.io/autoRegistrationGroup"_qs;

QString entryNamespace(const QString& key)
{
    return key.section(u'/', 0, 0);
}

QJsonObject healthyCondition(const QJsonObject& entry)
{
    const QJsonArray conditions = entry.value(u"status").toObject().value(u"conditions").toArray();
    for (const QJsonValue& c : conditions) {
        if (c.toObject().value(u"type").toString() == u"Healthy")
            return c.toObject();
    }
    return {};
}

QString entryGroup(const QJsonObject& entry)
{
    return entry.value(u"metadata").toObject().value(u"annotations").toObject().value(groupAnnotation).toString();
}

QString entryAddress(const QJsonObject& entry)
{
    return entry.value(u"spec").toObject().value(u"address").toString();
}

} // namespace

FleetHealthModel::FleetHealthModel(QObject* parent)
    : QAbstractTableModel(parent)
    , m_clock([] { return QDateTime::currentDateTimeUtc(); })
{
    m_coalesce.setSingleShot(true);
    m_coalesce.setInterval(75ms);
    connect(&m_coalesce, &QTimer::timeout, this, &FleetHealthModel::sync);
    m_ages.setInterval(30s);
    connect(&m_ages, &QTimer::timeout, this, [this] {
        // Texts that are ages: one row range per refresh; flags that expire: through sync().
        if (!m_rows.isEmpty())
            emit dataChanged(index(0, FleetMonitor::HealthColumn), index(rowCount() - 1, FleetMonitor::CertificateColumn),
                             {Qt::DisplayRole});
        scheduleSync();
    });
    m_ages.start();
}

FleetHealthModel::~FleetHealthModel() = default;

void FleetHealthModel::setPlan(const Plan& plan, const OnboardState& state)
{
    m_plan = plan;
    m_state = state;
    // Probes of VMs the plan no longer has are stale.
    for (auto it = m_health.begin(); it != m_health.end();) {
        if (!plan.vm(it.key()))
            it = m_health.erase(it);
        else
            ++it;
    }
    scheduleSync();
}

void FleetHealthModel::setState(const OnboardState& state)
{
    m_state = state;
    scheduleSync();
}

void FleetHealthModel::applyChanges(const QList<CacheChange>& batch)
{
    for (const CacheChange& change : batch) {
        QHash<QString, QJsonObject>* target = change.kind.kind == entryKind ? &m_entries
            : change.kind.kind == serviceKind                                ? &m_services
                                                                             : nullptr;
        if (!target)
            continue;
        if (change.type == CacheChange::Type::Removed)
            target->remove(change.key);
        else
            target->insert(change.key, change.object);
    }
    scheduleSync();
}

void FleetHealthModel::resetEntries()
{
    m_entries.clear();
    m_services.clear();
    m_entriesSynced = false;
    scheduleSync();
}

void FleetHealthModel::setEntriesSynced(bool synced)
{
    m_entriesSynced = synced;
    scheduleSync();
}

void FleetHealthModel::setHealth(const QString& vm, const VmHealth& health)
{
    m_health.insert(vm, health);
    scheduleSync();
}

void FleetHealthModel::setBusy(const QString& vm, bool busy)
{
    if (busy)
        m_busy.insert(vm);
    else
        m_busy.remove(vm);
    scheduleSync();
}

void FleetHealthModel::setClock(std::function<QDateTime()> clock)
{
    m_clock = std::move(clock);
    scheduleSync();
}

QStringList FleetHealthModel::watchedNamespaces(const Plan& plan)
{
    QStringList names = plan.graphNamespaces();
    for (const VmGroup& g : plan.vmGroups)
        names << g.namespaceName;
    names.removeAll(QString());
    names.sort();
    names.removeDuplicates();
    return names;
}

std::optional<VmHealth> FleetHealthModel::health(const QString& vm) const
{
    const auto it = m_health.constFind(vm);
    return it == m_health.cend() ? std::nullopt : std::optional<VmHealth>(*it);
}

int FleetHealthModel::rowOf(const QString& name) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows[i].name == name)
            return i;
    }
    return -1;
}

QList<VmFlag> FleetHealthModel::flags(const QString& name) const
{
    const int row = rowOf(name);
    return row < 0 ? QList<VmFlag>{} : m_rows[row].flags;
}

void FleetHealthModel::scheduleSync()
{
    if (!m_coalesce.isActive())
        m_coalesce.start();
}

QList<FleetHealthModel::Row> FleetHealthModel::computeRows() const
{
    QList<Row> rows;
    QSet<QString> claimed;
    QHash<QString, QString> matchOf; // vm -> entry key
    QSet<QString> mismatched;        // vms paired by group, not by address

    // Pass 1: entries carrying a planned address (in key order, so a tie always goes the same way).
    QStringList keys = m_entries.keys();
    keys.sort();
    for (const Vm& vm : m_plan.vms) {
        const VmGroup* group = m_plan.group(vm.group);
        if (!group)
            continue;
        QStringList addresses{vm.ip, m_state.vmRecord(vm.name).ip, vm.address};
        addresses.removeAll(QString());
        for (const QString& key : std::as_const(keys)) {
            if (claimed.contains(key) || entryNamespace(key) != group->namespaceName)
                continue;
            if (addresses.contains(entryAddress(m_entries.value(key)))) {
                matchOf.insert(vm.name, key);
                claimed.insert(key);
                break;
            }
        }
    }
    // Pass 2: one unmatched VM and one unclaimed entry of the same group belong together.
    for (const VmGroup& group : m_plan.vmGroups) {
        QStringList vms;
        for (const Vm& vm : m_plan.vms) {
            if (vm.group == group.name && !matchOf.contains(vm.name))
                vms << vm.name;
        }
        QStringList entries;
        for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
            if (!claimed.contains(it.key()) && entryNamespace(it.key()) == group.namespaceName
                && entryGroup(it.value()) == group.name)
                entries << it.key();
        }
        if (vms.size() == 1 && entries.size() == 1) {
            matchOf.insert(vms.first(), entries.first());
            claimed.insert(entries.first());
            mismatched.insert(vms.first());
        }
    }

    const auto fillEntry = [](Row& row, const QString& key, const QJsonObject& entry) {
        row.entryKey = key;
        row.entryAddress = entryAddress(entry);
        const QJsonObject healthy = healthyCondition(entry);
        row.healthy = healthy.value(u"status").toString();
        row.healthChanged = QDateTime::fromString(healthy.value(u"lastTransitionTime").toString(), Qt::ISODate);
    };

    for (const Vm& vm : m_plan.vms) {
        const VmGroup* group = m_plan.group(vm.group);
        Row row;
        row.key = u"vm:"_qs + vm.name;
        row.name = vm.name;
        row.inPlan = true;
        row.legacy = !group;
        row.group = vm.group;
        row.address = vm.ip.isEmpty() ? vm.address : vm.ip;
        row.network = group ? m_plan.groupNetwork(*group) : m_plan.mesh.network;
        const QJsonObject* entry = nullptr;
        if (const auto it = matchOf.constFind(vm.name); it != matchOf.cend()) {
            entry = &*m_entries.constFind(*it);
            fillEntry(row, *it, *entry);
        }
        // The step the VM is at: a failed or running one, else the last one done.
        const VmRecord record = m_state.vmRecord(vm.name);
        QList<StepKind> steps = onboardSteps() + offboardSteps();
        for (StepKind step : steps) {
            const StepRecord r = record.step(step);
            if (r.state == StepState::Failed || r.state == StepState::Running) {
                row.step = stepKey(step);
                row.stepState = stateKey(r.state);
                break;
            }
            if (r.state == StepState::Done) {
                row.step = stepKey(step);
                row.stepState = stateKey(r.state);
            }
        }
        row.health = health(vm.name);
        row.busy = m_busy.contains(vm.name);
        row.flags = judge(row, group, entry);
        if (mismatched.contains(vm.name)) {
            row.flags.append({VmFlag::Kind::AddressMismatch,
                              tr("Its WorkloadEntry %1 has the address %2, not the planned %3: the agent registered "
                                 "another interface's address.")
                                  .arg(row.entryKey, row.entryAddress, row.address),
                              tr("Set vms[].ip to the address the mesh should use (ISTIO_SVC_IP) and re-onboard.")});
        }
        rows.append(row);
    }

    QStringList rest;
    for (auto it = m_entries.cbegin(); it != m_entries.cend(); ++it) {
        if (!claimed.contains(it.key()))
            rest << it.key();
    }
    rest.sort();
    for (const QString& key : std::as_const(rest)) {
        const QJsonObject& entry = *m_entries.constFind(key);
        Row row;
        row.key = u"we:"_qs + key;
        row.name = key;
        row.group = entryGroup(entry);
        row.address = entryAddress(entry);
        row.network = entry.value(u"spec").toObject().value(u"network").toString();
        fillEntry(row, key, entry);
        const VmGroup* group = m_plan.group(row.group);
        row.flags = judge(row, group && group->namespaceName == entryNamespace(key) ? group : nullptr, &entry);
        rows.append(row);
    }
    return rows;
}

QList<VmFlag> FleetHealthModel::judge(const Row& row, const VmGroup* group, const QJsonObject* entry) const
{
    QList<VmFlag> flags;
    const bool started = row.step == stepKey(StepKind::Start) && row.stepState == stateKey(StepState::Done);
    if (row.inPlan && group && !entry && m_entriesSynced && started) {
        flags.append({VmFlag::Kind::NoWorkloadEntry,
                      tr("Onboarded, but no WorkloadEntry in %1 carries its address: auto-registration did nothing.")
                          .arg(group->namespaceName),
                      group->autoRegister
                          ? tr("Check that WorkloadGroup %1 exists, that istiod has "
                               "PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION on, and the agent's log "
                               "(journalctl -u istio) for \"cannot find WorkloadGroup\"; then re-onboard.")
                                .arg(group->name)
                          : tr("The group does not auto-register: apply its WorkloadEntry, or turn on autoRegister "
                               "and re-onboard.")});
    }
    if (entry && group && group->service.enabled) {
        const QString serviceKey = group->namespaceName + u'/' + group->serviceName();
        const auto service = m_services.constFind(serviceKey);
        if (service != m_services.cend()) {
            const QJsonObject selector = service->value(u"spec").toObject().value(u"selector").toObject();
            const QJsonObject labels = entry->value(u"spec").toObject().value(u"labels").toObject();
            QStringList missing;
            for (auto it = selector.constBegin(); it != selector.constEnd(); ++it) {
                if (labels.value(it.key()).toString() != it.value().toString())
                    missing << it.key() + u'=' + it.value().toString();
            }
            if (!selector.isEmpty() && !missing.isEmpty()) {
                flags.append({VmFlag::Kind::LabelsNotSelected,
                              tr("Service %1 does not select its WorkloadEntry: the entry lacks %2.")
                                  .arg(serviceKey, missing.join(u", "_qs)),
                              tr("Put the Service's selector labels on WorkloadGroup %1's template (vmGroups[].labels) "
                                 "and re-onboard, or change the Service's selector.")
                                  .arg(group->name)});
            }
        }
    }
    if (row.inPlan && group && row.health && row.health->error.isEmpty()) {
        const QDateTime now = m_clock();
        if (row.health->token == VmHealth::Token::Missing) {
            flags.append({VmFlag::Kind::TokenMissing,
                          tr("The istio-token is gone from the VM (a reboot empties /var/run): once the workload "
                             "certificate expires, the agent cannot reconnect."),
                          tr("Refresh the token.")});
        } else if (row.health->tokenExpiry.isValid() && row.health->tokenExpiry <= now) {
            flags.append({VmFlag::Kind::TokenExpired,
                          tr("The istio-token expired %1 ago: the agent falls back to it when the certificate "
                             "lapses and is then refused (\"token has expired\").")
                              .arg(ageText(row.health->tokenExpiry)),
                          tr("Refresh the token.")});
        }
    }
    return flags;
}

void FleetHealthModel::sync()
{
    m_coalesce.stop();
    const QList<Row> fresh = computeRows();
    QSet<QString> freshKeys;
    for (const Row& row : fresh)
        freshKeys.insert(row.key);
    // Removals, last first so indexes stay valid.
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (!freshKeys.contains(m_rows[i].key)) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    // Both lists are in the same order (plan VMs, then entries by key): merge.
    for (int i = 0; i < fresh.size(); ++i) {
        if (i < m_rows.size() && m_rows[i].key == fresh[i].key) {
            if (!(m_rows[i] == fresh[i])) {
                m_rows[i] = fresh[i];
                emit dataChanged(index(i, 0), index(i, FleetMonitor::ColumnCount - 1));
            }
            continue;
        }
        // Not there yet, or an order change (a plan reordered its VMs): take the row out where it
        // was, then insert it here.
        for (int j = i + 1; j < m_rows.size(); ++j) {
            if (m_rows[j].key == fresh[i].key) {
                beginRemoveRows({}, j, j);
                m_rows.removeAt(j);
                endRemoveRows();
                break;
            }
        }
        beginInsertRows({}, i, i);
        m_rows.insert(i, fresh[i]);
        endInsertRows();
    }
}

int FleetHealthModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int FleetHealthModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : FleetMonitor::ColumnCount;
}

QVariant FleetHealthModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    return value(m_rows[index.row()], index.column(), role);
}

QString FleetHealthModel::ageText(const QDateTime& when) const
{
    const qint64 s = qMax<qint64>(0, when.secsTo(m_clock()));
    if (s < 120)
        return tr("%n s", nullptr, int(s));
    if (s < 2 * 3600)
        return tr("%n min", nullptr, int(s / 60));
    if (s < 2 * 86400)
        return tr("%n h", nullptr, int(s / 3600));
    return tr("%n d", nullptr, int(s / 86400));
}

QString FleetHealthModel::untilText(const QDateTime& when) const
{
    if (when <= m_clock())
        return tr("expired");
    const qint64 s = m_clock().secsTo(when);
    if (s < 120)
        return tr("in %n s", nullptr, int(s));
    if (s < 2 * 3600)
        return tr("in %n min", nullptr, int(s / 60));
    if (s < 2 * 86400)
        return tr("in %n h", nullptr, int(s / 3600));
    return tr("in %n d", nullptr, int(s / 86400));
}

QVariant FleetHealthModel::value(const Row& row, int column, int role) const
{
    using M = FleetMonitor;
    switch (role) {
    case M::NameRole:
        return row.name;
    case M::InPlanRole:
        return row.inPlan;
    case M::EntryRole:
        return row.entryKey;
    case M::HealthyRole:
        return row.healthy;
    case M::HealthChangedRole:
        return row.healthChanged;
    case M::OnboardStepRole:
        return row.step;
    case M::OnboardStateRole:
        return row.stepState;
    case M::UnitActiveRole:
        return row.health ? row.health->unitState : QString();
    case M::AgentReadyRole:
        return row.health && row.health->ready ? QVariant(*row.health->ready) : QVariant();
    case M::ProbedAtRole:
        return row.health ? row.health->probedAt : QDateTime();
    case M::TokenExpiryRole:
        return row.health ? row.health->tokenExpiry : QDateTime();
    case M::CertificateExpiryRole:
        return row.health ? row.health->certificateExpiry : QDateTime();
    case M::FlagKindsRole: {
        QVariantList kinds;
        for (const VmFlag& f : row.flags)
            kinds << int(f.kind);
        return kinds;
    }
    case M::FlagTextsRole: {
        QStringList texts;
        for (const VmFlag& f : row.flags)
            texts << f.sentence + u' ' + tr("Fix: %1").arg(f.fix);
        return texts;
    }
    case M::BusyRole:
        return row.busy;
    case Qt::ToolTipRole:
        if (column == M::FlagsColumn && !row.flags.isEmpty())
            return value(row, column, M::FlagTextsRole).toStringList().join(u"\n\n"_qs);
        if (column == M::SidecarColumn && row.health && !row.health->error.isEmpty())
            return row.health->error;
        if (column == M::CertificateColumn && row.health && !row.health->certificateSource.isEmpty())
            return row.health->certificateSource;
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (column) {
    case M::NameColumn:
        return row.name;
    case M::GroupColumn:
        return row.legacy ? tr("(legacy)") : row.group;
    case M::AddressColumn:
        return row.address;
    case M::NetworkColumn:
        return row.network;
    case M::HealthColumn:
        if (row.entryKey.isEmpty())
            return row.legacy ? QString() : tr("no entry");
        if (row.healthy.isEmpty())
            return tr("no condition");
        return row.healthChanged.isValid() ? row.healthy + u" · "_qs + ageText(row.healthChanged) : row.healthy;
    case M::OnboardingColumn:
        return row.step.isEmpty() ? QString() : row.step + u' ' + row.stepState;
    case M::SidecarColumn:
        if (row.busy && !row.health)
            return tr("probing…");
        if (!row.health)
            return row.inPlan ? tr("not probed") : QString();
        if (!row.health->error.isEmpty())
            return tr("probe failed");
        if (!row.health->ready)
            return row.health->unitState;
        return QString(row.health->unitState + u", "_qs + (*row.health->ready ? tr("ready") : tr("not ready")));
    case M::TokenColumn:
        if (!row.health || row.legacy)
            return {};
        switch (row.health->token) {
        case VmHealth::Token::Missing:
            return tr("missing");
        case VmHealth::Token::Unreadable:
            return tr("unknown (needs sudo)");
        case VmHealth::Token::Present:
            return row.health->tokenExpiry.isValid() ? untilText(row.health->tokenExpiry) : tr("present");
        case VmHealth::Token::Unknown:
            return {};
        }
        return {};
    case M::CertificateColumn:
        return row.health && row.health->certificateExpiry.isValid() ? untilText(row.health->certificateExpiry) : QString();
    case M::FlagsColumn:
        return row.flags.isEmpty() ? QString() : QString::number(row.flags.size());
    default:
        return {};
    }
}

QVariant FleetHealthModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case FleetMonitor::NameColumn:
        return tr("Name");
    case FleetMonitor::GroupColumn:
        return tr("Group");
    case FleetMonitor::AddressColumn:
        return tr("Address");
    case FleetMonitor::NetworkColumn:
        return tr("Network");
    case FleetMonitor::HealthColumn:
        return tr("Healthy");
    case FleetMonitor::OnboardingColumn:
        return tr("Onboarding");
    case FleetMonitor::SidecarColumn:
        return tr("Sidecar");
    case FleetMonitor::TokenColumn:
        return tr("Token");
    case FleetMonitor::CertificateColumn:
        return tr("Certificate");
    case FleetMonitor::FlagsColumn:
        return tr("Flags");
    default:
        return {};
    }
}
