// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "task.h"

#include <QDateTime>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class QAbstractItemModel;
class Question;

/*!
 * \file
 * The VMs page's view of the fleet as an operations view: one row per VM of the plan and per
 * WorkloadEntry in the watched namespaces, kept current by watches and by slow ssh probes, the
 * failure modes users hit most flagged with a fix, and the actions the page offers. ops/
 * implements it (FleetMonitorImpl); the page and its tests see only this.
 */

/*! One failure mode found on a row (../shared/reference/field-2026.md §1.3). */
struct VmFlag
{
    enum class Kind {
        NoWorkloadEntry,   //!< onboarded (start done) but no WorkloadEntry carries its address
        LabelsNotSelected, //!< its WorkloadEntry's labels are not selected by the group's Service
        AddressMismatch,   //!< its WorkloadEntry's address is not the one planned
        TokenMissing,      //!< no istio-token on the VM (a reboot emptied the tmpfs)
        TokenExpired,      //!< the istio-token's exp has passed
    };
    Kind kind = Kind::NoWorkloadEntry;
    QString sentence; //!< what is wrong, translated
    QString fix;      //!< what to do, translated
    friend bool operator==(const VmFlag&, const VmFlag&) = default;
};

/*! One step of a VM as the state file records it. */
struct VmStepEntry
{
    QString step;    //!< the state file's key: "preflight", "bundle", ...
    QString state;   //!< "pending", "running", "done", "failed", "skipped"
    QString message;
    QDateTime updated;
    friend bool operator==(const VmStepEntry&, const VmStepEntry&) = default;
};

/*! What the details panel shows of a selected row. */
struct VmHistory
{
    QString vm;
    QList<VmStepEntry> steps; //!< in the order the steps run
    QStringList lastErrors;   //!< newest first: failed steps, failed probes, failed actions
    friend bool operator==(const VmHistory&, const VmHistory&) = default;
};

/*!
 * The fleet as the VMs page operates it. model() has the columns and roles below; a custom role
 * answers on every column of the row. Actions return the Task they started (parented to the
 * monitor, already started; nullptr with actionFailed() when it could not start, e.g. no plan
 * or no cluster); their questions (host keys, passwords, sudo) come through question().
 */
class FleetMonitor : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FleetMonitor)
public:
    enum Column {
        NameColumn,        //!< the VM's name, or the WorkloadEntry's "namespace/name" when no plan VM is it
        GroupColumn,       //!< vmGroups[].name, or the entry's autoRegistrationGroup
        AddressColumn,     //!< the planned workload address (ip, else address), else the entry's
        NetworkColumn,     //!< the group's network, else the mesh's, else the entry's
        HealthColumn,      //!< "True · 3 min", "False · 12 s", "no entry"
        OnboardingColumn,  //!< the state file's step and state: "start done"
        SidecarColumn,     //!< "active, ready", "inactive", "not probed"
        TokenColumn,       //!< "in 42 min", "expired", "missing"
        CertificateColumn, //!< "in 23 h"
        FlagsColumn,       //!< the number of flags; the tooltip has their sentences and fixes
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role {
        NameRole = Qt::UserRole + 100, //!< QString: the VM's name (the key the actions take)
        InPlanRole,          //!< bool: a VM of the plan (false: an entry only)
        EntryRole,           //!< QString: "namespace/name" of its WorkloadEntry, "" when none
        HealthyRole,         //!< QString: "True", "False", "" (no entry or no condition)
        HealthChangedRole,   //!< QDateTime: lastTransitionTime of the Healthy condition
        OnboardStepRole,     //!< QString: the state file's step key
        OnboardStateRole,    //!< QString: the state file's state key
        UnitActiveRole,      //!< QString: `systemctl is-active istio` ("" = not probed)
        AgentReadyRole,      //!< QVariant: bool from /healthz/ready, invalid when not probed
        ProbedAtRole,        //!< QDateTime of the last probe
        TokenExpiryRole,     //!< QDateTime: the istio-token's exp (invalid: unknown or missing)
        CertificateExpiryRole, //!< QDateTime: the workload certificate's notAfter
        FlagKindsRole,       //!< QVariantList of int (VmFlag::Kind)
        FlagTextsRole,       //!< QStringList: "sentence Fix: fix" per flag
        BusyRole,            //!< bool: a probe or an action runs on it
    };
    Q_ENUM(Role)

    using QObject::QObject;
    ~FleetMonitor() override = default;

    virtual QAbstractItemModel* model() const = 0;

    /*! FleetRequest Onboard / Reonboard / Offboard of vms through OnboardingService::runFleet. */
    virtual Task* onboard(const QStringList& vms) = 0;
    virtual Task* reonboard(const QStringList& vms) = 0;
    virtual Task* offboard(const QStringList& vms) = 0;
    /*! Mints and delivers only the istio-token (FleetRequest RefreshToken); no restart. */
    virtual Task* refreshToken(const QString& vm) = 0;
    /*! The ssh probe (unit, readiness, token and certificate expiry) now, not at its turn. */
    virtual void probeNow(const QString& vm) = 0;

    /*! The ssh command a user would type, as an argument list: {"ssh", "-J", ..., "user@host"}. */
    virtual QStringList sshArguments(const QString& vm) const = 0;
    /*! sshArguments() quoted for a POSIX shell, for the clipboard. */
    virtual QString sshCommand(const QString& vm) const = 0;
    virtual VmHistory stepHistory(const QString& vm) const = 0;

signals:
    /*! An action's or a probe's question: answer it, or that VM waits. */
    void question(Question* question);
    /*! An action could not start or ended in failure, in words. */
    void actionFailed(const QString& vm, const QString& message);
    /*! stepHistory(vm) changed (a probe, a run, the state file). */
    void historyChanged(const QString& vm);
};
