// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "onboardstate.h"

#include <QAbstractTableModel>
#include <QList>
#include <QMap>
#include <QPointer>
#include <QStringList>

#include <optional>

class FleetRun;
struct Plan;

/*!
 * The one picture of a fleet: one row per VM of a plan, what the state file knows about it and
 * what the run attached to it reports. The CLI's live lines and the window's table read it.
 *
 * Columns, each with its display text (Qt::DisplayRole) and its own roles. A custom role answers
 * on its column only, so that dataChanged(), which names only the cells whose values changed
 * (one signal per run of adjacent changed cells of a row, with the roles that changed), covers it:
 *  - NameColumn:     the VM's name; NameRole (QString)
 *  - AddressColumn:  where ssh reaches it; AddressRole (QString)
 *  - GroupColumn:    its vmGroups[].name; GroupRole (QString)
 *  - StepColumn:     the step the VM is at, by stepTitle(): the last one that started running
 *                    or failed, or, seeded, the one the state file shows failed or running, else
 *                    the last one it shows done; empty when none. StepRole (int of StepKind, an
 *                    invalid QVariant when none); StepStatesRole (QVariantMap: stepKey() to int of
 *                    StepState, for every step the state file or the run reported, pending ones
 *                    too)
 *  - StateColumn:    that step's state by stateKey(); StateRole (int of StepState)
 *  - ProgressColumn: "42%"; ProgressRole (int, permille of the VM's whole run)
 *  - ActivityColumn: what the VM does now (the running step's activity); ActivityRole (QString);
 *                    "waiting" until the run reports something
 *  - MessageColumn:  the last result in words: the run's final message for the VM, seeded the
 *                    failed step's "<step>: <message>" (as a run words it) or the last done
 *                    step's message; MessageRole (QString); ErrorRole (QString: the message when
 *                    the VM failed in the run, or, before the run ends, when its step failed;
 *                    otherwise empty)
 *  - StatusColumn:   "waiting", "running", "ok", "failed"; StatusRole (int of Status). The
 *                    status is the attached run's only: seeding leaves every VM Waiting, the
 *                    state file's view of it is in the step, state and message columns.
 *
 * Cluster resources are not VMs: a failed deletion of a group's resources (offboard --cluster)
 * never becomes a row. FleetRun reports it as a note() ("could not delete <kind/name>: ...")
 * and ends with finished(false); whoever shows the run shows its notes beside this model.
 */
class FleetModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FleetModel)
public:
    enum Column {
        NameColumn,
        AddressColumn,
        GroupColumn,
        StepColumn,
        StateColumn,
        ProgressColumn,
        ActivityColumn,
        MessageColumn,
        StatusColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        NameRole = Qt::UserRole + 1,
        AddressRole,
        GroupRole,
        StepRole,
        StepStatesRole,
        StateRole,
        ProgressRole,
        ActivityRole,
        MessageRole,
        ErrorRole,
        StatusRole,
    };
    Q_ENUM(Role)

    /*! A VM in the attached run. */
    enum class Status {
        Waiting, //!< not started (yet, or at all: canceled before its turn)
        Running, //!< vmStarted came, vmFinished not yet
        Ok,      //!< finished, ok
        Failed,  //!< finished, failed
    };
    Q_ENUM(Status)

    explicit FleetModel(QObject* parent = nullptr);
    ~FleetModel() override;

    /*!
     * Replaces the rows (a model reset): one per VM of vms, in that order (empty = every VM of
     * the plan), with the plan's address and group; with state, what it records of each VM. A name
     * the plan does not know still gets a row, with only its name.
     */
    void seed(const Plan& plan, const QStringList& vms = {}, const OnboardState* state = nullptr);
    /*!
     * A run over some VMs only ("retry the failed"): their rows start over as seed() makes them,
     * one dataChanged each (rows for VMs not shown yet are inserted at the end); every other row
     * keeps what it shows, so VMs already onboarded still say so.
     */
    void reseed(const Plan& plan, const QStringList& vms, const OnboardState* state = nullptr);

    /*!
     * Follows run from now on (another run attached before is let go). A VM the run reports that
     * has no row gets one, appended.
     */
    void attach(FleetRun* run);

    /*! The row of vm, -1 when none. */
    int rowOf(const QString& vm) const;
    QString vmName(int row) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

public slots:
    //! What attach() connects FleetRun's signals of the same names to; callable directly too.
    void onVmStarted(const QString& vm);
    void onStepChanged(const QString& vm, StepKind step, StepState state, const QString& message);
    void onVmProgress(const QString& vm, int permille, const QString& activity);
    void onVmFinished(const QString& vm, bool ok, const QString& message);

private:
    struct Row
    {
        QString name;
        QString address;
        QString group;
        std::optional<StepKind> step;
        StepState stepState = StepState::Pending;
        QMap<StepKind, StepState> steps;
        int permille = 0;
        QString activity;
        QString message;
        Status status = Status::Waiting;
    };
    static Row seededRow(const QString& name, const Plan& plan, const OnboardState* state);
    static QList<int> rolesOf(int column);
    static QVariant value(const Row& row, int column, int role);
    int ensureRow(const QString& vm);
    template<typename Change>
    void update(const QString& vm, Change change);

    QList<Row> m_rows;
    QPointer<FleetRun> m_run;
    QList<QMetaObject::Connection> m_connections;
};
