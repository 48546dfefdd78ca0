// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "preflight.h"
#include "question.h"
#include "task.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>

class QAbstractItemModel;
struct Plan;

/*!
 * \file
 * The onboarding as the window drives it: the cluster side (preflight, review, apply, verify)
 * and the VM fleet (onboard, offboard, refresh a token, probe one VM). Each operation is a Task
 * (core/task.h) of one of the kinds below, made by OnboardingService for a plan and parented to
 * the caller's object; its results are read after finished(). The wizard (wizards/) and the VMs
 * page (ui/) see only this; ops/ implements it on the cluster session of the moment and the VMs'
 * ssh; tests give fakes.
 */

/*! One cluster object of the plan against the live cluster (the review page's row). */
struct ObjectDiff
{
    enum class State { InSync, Differs, Missing, Error };
    QString object;          //!< "WorkloadGroup vm-ns/web"
    State state = State::InSync;
    QStringList differences; //!< for Differs: desired vs live, Secret values masked
    QString error;           //!< for Error
    QString desiredYaml;     //!< what apply sends, kubectl-ready
};

/*! What one VM's onboarding would do at one step: its decide() in words (review and dry run). */
struct VmStepPlan
{
    enum class Action { Run, Skip, Fail };
    QString vm;
    QString step;   //!< the step's key: "preflight", "bundle", "package", "distribute", "start", ...
    QString title;  //!< translated step name
    Action action = Action::Run;
    QString reason; //!< why run, skip or fail
};

/*! One object the apply went through (the run page's cluster rows). */
struct AppliedObject
{
    enum class Outcome { Created, Configured, Unchanged, Failed };
    QString object;
    Outcome outcome = Outcome::Unchanged;
    QString message;
};

/*! A WorkloadEntry as the verify page shows it. */
struct EntryHealth
{
    QString group;
    QString name;
    QString address;
    QString healthy;  //!< "True", "False" or "" (no condition yet)
    QString message;  //!< the condition's message when unhealthy
    QString lastTransition; //!< RFC 3339
};

/*! A Service of the plan and the addresses behind it (verify page). */
struct ServiceEndpointsInfo
{
    QString nameSpace;
    QString name;
    QStringList ready;    //!< pod or VM addresses ready behind it
    QStringList notReady;
};

/*! What a VM's "Test connection" found (the VMs page of the wizard). */
struct VmProbeInfo
{
    QString os;            //!< "Debian GNU/Linux 12 (bookworm)"
    QString architecture;  //!< "amd64"
    bool systemd = false;
    qint64 freeDiskBytes = -1;
    double clockSkewSeconds = 0;
    bool gatewayDiscoveryReachable = false; //!< the east-west gateway's 15012 from the VM
    bool gatewayMtlsReachable = false;      //!< its 15443
    QStringList notes;     //!< warnings in words (sudo needs a password, no curl, ...)
};

class PreflightTask : public Task
{
    Q_OBJECT
public:
    using Task::Task;
    virtual QList<PreflightCheck> checks() const = 0;
};

class ReviewTask : public Task
{
    Q_OBJECT
public:
    using Task::Task;
    virtual QList<ObjectDiff> objects() const = 0;
    virtual QList<VmStepPlan> vmSteps() const = 0;
signals:
    /*! The VMs' dry run connects to them: host keys, ssh passwords, sudo. Answer each, or that VM waits. */
    void question(Question* question);
};

class ApplyTask : public Task
{
    Q_OBJECT
public:
    using Task::Task;
    virtual QList<AppliedObject> objects() const = 0;
signals:
    void objectApplied(const AppliedObject& object);
};

class VerifyTask : public Task
{
    Q_OBJECT
public:
    using Task::Task;
    virtual QList<EntryHealth> entries() const = 0;
    virtual QList<ServiceEndpointsInfo> services() const = 0;
    virtual QStringList groupsWithoutEntries() const = 0;
};

class ProbeTask : public Task
{
    Q_OBJECT
public:
    using Task::Task;
    virtual VmProbeInfo info() const = 0;
signals:
    /*! A host key to trust, a password or passphrase: answer it, or the probe waits. */
    void question(Question* question);
};

/*! What a fleet run should do. */
struct FleetRequest
{
    enum class Mode { Onboard, Reonboard, Offboard, RefreshToken };
    Mode mode = Mode::Onboard;
    QStringList vms;        //!< empty = every VM of the plan
    int parallel = 4;
    bool dryRun = false;
    QString packageFile;    //!< the istio-sidecar .deb; empty = packageUrl, else Istio's release
    QString packageUrl;
    QString packageSha256;  //!< with packageUrl; empty = the .sha256 an https server publishes beside it
    bool allowUnverifiedPackage = false; //!< install a download that cannot be verified (OnboardOptions)
    bool removeClusterResources = false; //!< Offboard: the groups' cleanup list too
};

class FleetTask : public Task
{
    Q_OBJECT
public:
    using Task::Task;
    /*! The VMs that failed, after finished() ("retry the failed" runs these). */
    virtual QStringList failedVms() const = 0;
signals:
    /*! Host keys, ssh passwords, the sudo password: answer each, or that VM waits. */
    void question(Question* question);
};

/*!
 * Where a plan's onboarding stands, from its state file and a quick status of the cluster: what
 * a reopened wizard starts from (the first step that is not done).
 */
struct OnboardingStatus
{
    bool clusterAnswered = false; //!< the cluster could be asked (else the cluster fields say nothing)
    int objects = 0;              //!< the plan's cluster objects
    int objectsInSync = 0;        //!< of those, the ones that exist as planned
    QStringList vms;              //!< the plan's VMs
    QStringList vmsOnboarded;     //!< every onboarding step done, by the state file
    QStringList vmsFailed;        //!< a step failed, by the state file
    int entriesHealthy = 0;       //!< WorkloadEntries of the plan's groups with Healthy=True
    QString error;                //!< why the state file or the cluster could not be read

    bool clusterApplied() const { return clusterAnswered && objects > 0 && objectsInSync == objects; }
    bool fleetOnboarded() const { return !vms.isEmpty() && vmsOnboarded.size() == vms.size(); }
};

/*! Reads an OnboardingStatus (state file + cluster status); read status() after finished(). */
class StatusTask : public Task
{
    Q_OBJECT
public:
    using Task::Task;
    virtual OnboardingStatus status() const = 0;
};

/*!
 * Makes the onboarding's operations for a plan, on the cluster the window is connected to.
 * Nothing is sent before a task's start().
 */
class OnboardingService : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OnboardingService)
public:
    using QObject::QObject;
    ~OnboardingService() override = default;

    /*! Whether there is a cluster to talk to (a ready session); the tasks fail with why if not. */
    virtual bool isConnected() const = 0;

    virtual PreflightTask* preflight(const Plan& plan, QObject* parent) = 0;
    virtual ReviewTask* review(const Plan& plan, QObject* parent) = 0;
    virtual ApplyTask* applyCluster(const Plan& plan, QObject* parent) = 0;
    virtual FleetTask* runFleet(const Plan& plan, const FleetRequest& request, QObject* parent) = 0;
    virtual VerifyTask* verify(const Plan& plan, QObject* parent) = 0;
    virtual ProbeTask* probeVm(const Plan& plan, const QString& vm, QObject* parent) = 0;

    /*!
     * The fleet's rows (ops' FleetModel: columns and roles as documented there), kept by the
     * service across runs: the wizard's run page and the VMs page show the same rows.
     */
    virtual QAbstractItemModel* fleetModel() const = 0;

    /*!
     * The cluster the plan's operations go to, in words ("context kind-lab at https://...";
     * "not connected: why"). Read-only; the switcher is the main window's. Default: empty.
     */
    virtual QString clusterText(const Plan& plan) const
    {
        Q_UNUSED(plan)
        return {};
    }

    /*!
     * Where the plan's onboarding stands (state file + a quick cluster status), for a reopened
     * wizard. Default: nullptr (nothing known: the wizard starts at its first page).
     */
    virtual StatusTask* onboardingStatus(const Plan& plan, QObject* parent)
    {
        Q_UNUSED(plan)
        Q_UNUSED(parent)
        return nullptr;
    }

signals:
    /*! The connection changed (another context, a reconnect): what was read may be stale. */
    void connectionChanged();
};
