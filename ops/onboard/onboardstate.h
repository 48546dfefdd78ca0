// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>

class QLockFile;

/*! The state of one step of one VM. */
enum class StepState { Pending, Running, Done, Failed, Skipped };

/*! The steps of onboarding and of offboarding, in the order they run. */
enum class StepKind {
    // onboard
    Preflight,
    Bundle,
    Package,
    Distribute,
    Start,
    // offboard
    Stop,
    RemovePackage,
    RemoveFiles,
    RemoveWorkloadEntry,
};

QString stepKey(StepKind step);   //!< "preflight", "bundle", ... (the state file's keys)
QString stepTitle(StepKind step); //!< "preflight", "bundle", "package", "distribute", "start", "stop", ...
QString stateKey(StepState state); //!< "pending", "running", "done", "failed", "skipped"
QList<StepKind> onboardSteps();
QList<StepKind> offboardSteps();

struct StepRecord
{
    StepState state = StepState::Pending;
    QString inputs;  //!< hash of what the step worked from; a change makes a done step run again
    QString message; //!< last outcome in words (never a secret)
    QDateTime updated;
    friend bool operator==(const StepRecord&, const StepRecord&) = default;
};

/*! What the first onboarding found on a VM, so that offboarding can put it back. */
struct VmBaseline
{
    bool recorded = false;
    QStringList existingPaths;  //!< of VmProbing::touchedPaths(), those that existed before meshdeck
    bool proxyUserExisted = false;
    QString packageVersionBefore; //!< istio-sidecar installed before meshdeck, if any
    friend bool operator==(const VmBaseline&, const VmBaseline&) = default;
};

struct VmRecord
{
    QMap<QString, StepRecord> steps; //!< by stepKey()
    VmBaseline baseline;
    QString os;      //!< "debian 12"
    QString arch;    //!< amd64
    QString format;  //!< deb / rpm
    QString ip;      //!< the VM's primary address, for finding its WorkloadEntry
    QString packageVersion; //!< what meshdeck installed
    StepRecord step(StepKind kind) const { return steps.value(stepKey(kind)); }
    friend bool operator==(const VmRecord&, const VmRecord&) = default;
};

/*!
 * The onboarding state of a plan's VMs, kept beside the plan as `<plan>.state.json` so a rerun
 * resumes each VM where it stopped. Written atomically (QSaveFile: a temporary file renamed over
 * the old one). It never holds a secret: no token, no password, only hashes of the files
 * distributed and words about outcomes.
 */
class OnboardState
{
public:
    static QString pathForPlan(const QString& planFile);

    /*! A missing file is an empty state; an unreadable or invalid one sets error. */
    static OnboardState load(const QString& path, QString* error);
    /*! The largest state file load() reads (10,000 VMs take about 20 MiB). */
    static constexpr qint64 maxFileSize = 64 * 1024 * 1024;
    /*! Writes atomically; returns an error message, empty on success. */
    QString save() const;
    /*! The file's content as save() writes it. */
    QByteArray toBytes() const;

    QString path() const { return m_path; }
    void setPath(const QString& path) { m_path = path; }

    VmRecord& vm(const QString& name) { return m_vms[name]; }
    VmRecord vmRecord(const QString& name) const { return m_vms.value(name); }
    bool hasVm(const QString& name) const { return m_vms.contains(name); }
    void removeVm(const QString& name) { m_vms.remove(name); }
    QStringList vmNames() const { return m_vms.keys(); }

    QJsonObject toJson() const;
    static OnboardState fromJson(const QJsonObject& json, QString* error);

private:
    QString m_path;
    QMap<QString, VmRecord> m_vms;
};

/*!
 * The lock of one plan's state file, `<plan>.state.json.lock` beside it (security review M8).
 * Two runs on the same plan would overwrite each other's records, and the baseline offboarding
 * puts back could be lost: a run that changes VMs (onboard, offboard; the command line's and the
 * window's) holds this lock from before it reads the state file until its last record is on
 * disk, and a second run on the plan is refused.
 *
 * A QLockFile: the file names the process holding it (PID, host, program) and is held with
 * flock(), so no other process removes it while that process lives. A lock left by a run that
 * was killed names a process that no longer runs on this host: it is taken over. Locks are never
 * taken over for their age (QLockFile's staleLockTime is off): a run may take hours.
 */
class OnboardStateLock
{
    Q_DISABLE_COPY_MOVE(OnboardStateLock)
public:
    explicit OnboardStateLock(const QString& statePath);
    ~OnboardStateLock(); // releases the lock

    static QString lockPathFor(const QString& statePath) { return statePath + u".lock"_qs; }
    QString path() const { return m_path; }

    /*! Takes the lock: "" or a sentence saying why not (the lock file, the process holding it, what to do). */
    QString acquire();
    bool isLocked() const;
    void release();

private:
    QString m_path;
    std::unique_ptr<QLockFile> m_lock;
};
