// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "fleetmonitor.h"
#include "onboardstate.h"
#include "plan.h"
#include "vmhealth.h"
#include "watchcache.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <QTimer>

#include <functional>
#include <optional>

/*!
 * The VMs page's rows (columns and roles: FleetMonitor in ops/api/fleetmonitor.h): every VM of
 * the plan, then every WorkloadEntry of the watched namespaces that is no plan VM's. Its inputs
 * arrive piecemeal (the plan and its state file, WatchCache batches of WorkloadEntries and
 * Services, ssh probe results, busy marks); each marks the rows stale and a 75 ms timer
 * recomputes them all and applies the difference row by row (dataChanged of the changed row,
 * insert or remove of one row): never a reset, so selection and scrolling survive every update.
 *
 * A WorkloadEntry is a plan VM's when it is in the VM's group's namespace and carries the VM's
 * planned workload address (vms[].ip, else the address the onboarding recorded, else
 * vms[].address). When a group has exactly one VM without such an entry and exactly one entry of
 * that group (autoRegistrationGroup annotation) no VM claimed, they are paired and flagged
 * AddressMismatch: the agent registered another NIC's address (field-2026 §1.3, #39519).
 */
class FleetHealthModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FleetHealthModel)
public:
    explicit FleetHealthModel(QObject* parent = nullptr);
    ~FleetHealthModel() override;

    void setPlan(const Plan& plan, const OnboardState& state);
    void setState(const OnboardState& state);
    /*! WorkloadEntry and Service changes of one namespace's cache; other kinds are ignored. */
    void applyChanges(const QList<CacheChange>& batch);
    /*! Another cluster (or none): every entry and Service forgotten until the new caches fill. */
    void resetEntries();
    /*! The entries are known (every cache synced): only then is a missing entry a flag. */
    void setEntriesSynced(bool synced);
    void setHealth(const QString& vm, const VmHealth& health);
    void setBusy(const QString& vm, bool busy);
    /*! For tests: the clock flags and ages are computed against. */
    void setClock(std::function<QDateTime()> clock);

    /*! The namespaces whose WorkloadEntries and Services the page needs: the groups' and the graph's. */
    static QStringList watchedNamespaces(const Plan& plan);

    const Plan& plan() const { return m_plan; }
    const OnboardState& state() const { return m_state; }
    std::optional<VmHealth> health(const QString& vm) const;
    int rowOf(const QString& name) const;
    QList<VmFlag> flags(const QString& name) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row
    {
        QString key; //!< "vm:<name>" or "we:<namespace/name>": what a row stays across updates
        QString name;
        bool inPlan = false;
        bool legacy = false;
        QString group;
        QString address;
        QString network;
        QString entryKey;
        QString entryAddress;
        QString healthy;
        QDateTime healthChanged;
        QString step;
        QString stepState;
        std::optional<VmHealth> health;
        bool busy = false;
        QList<VmFlag> flags;
        friend bool operator==(const Row&, const Row&) = default;
    };

    void scheduleSync();
    void sync();
    QList<Row> computeRows() const;
    QList<VmFlag> judge(const Row& row, const VmGroup* group, const QJsonObject* entry) const;
    QVariant value(const Row& row, int column, int role) const;
    QString ageText(const QDateTime& when) const;
    QString untilText(const QDateTime& when) const;

    Plan m_plan;
    OnboardState m_state;
    QHash<QString, QJsonObject> m_entries;  //!< by namespace/name
    QHash<QString, QJsonObject> m_services; //!< by namespace/name
    QHash<QString, VmHealth> m_health;
    QSet<QString> m_busy;
    bool m_entriesSynced = false;
    std::function<QDateTime()> m_clock;
    QList<Row> m_rows;
    QTimer m_coalesce; //!< inputs within 75 ms: one pass over the rows
    QTimer m_ages;     //!< the "3 min" and "in 42 min" texts and the expiry flags move with time
};
