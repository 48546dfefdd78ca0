// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "bundlerun.h"
#include "error.h"
#include "installscript.h"
#include "onboardstate.h"
#include "packagesource.h"
#include "remotecommand.h"
#include "vmprobe.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>
#include <optional>

class VmPipeline;
struct OnboardOptions;

/*!
 * How long each remote command of a step may take (security review M1; docs/onboarding.md,
 * "Timeouts"). ssh's keepalives end a connection whose VM or network went away within about a
 * minute (SshConnection); these bound a command that hangs on a VM that still answers. Past its
 * limit a command is stopped and fails its VM with a message naming it; the other VMs go on.
 */
namespace StepTimeouts {
using namespace std::chrono_literals;
inline constexpr std::chrono::seconds probe = 60s;           //!< the preflight and offboarding probe (with /etc/hosts)
inline constexpr std::chrono::seconds quick = 60s;           //!< sudo true, systemctl show, cat /etc/hosts, rm -rf, a package's fields
inline constexpr std::chrono::seconds files = 120s;          //!< the files and the hosts block placed or removed (sudo)
inline constexpr std::chrono::seconds service = 180s;        //!< systemctl disable --now istio
inline constexpr std::chrono::seconds packageInstall = 600s; //!< dpkg -i / rpm -U of a file on the VM, dpkg -P / rpm -e
inline constexpr std::chrono::seconds packageUpload = 1800s; //!< a local package streamed, then installed (~30 MB at 20 KB/s)
/*! The download on the VM: its own limits (package and .sha256) and a minute more. */
inline constexpr std::chrono::seconds packageDownload(int downloadSeconds, int checksumSeconds)
{
    return std::chrono::seconds(downloadSeconds + checksumSeconds + 60);
}
/*! The start step's first part: its script answers within 15 s; no answer = a connection the capture took over. */
inline constexpr std::chrono::seconds startLaunch = 20s;
/*! The start step: the wait for istio.service on the VM (startTimeoutSeconds) and a minute more. */
inline constexpr std::chrono::seconds start(int waitSeconds)
{
    return std::chrono::seconds(waitSeconds + 60);
}
} // namespace StepTimeouts

/*!
 * What a run knows about one VM when a step decides: the plan and options, the cluster's shared
 * facts, what the probe found (and its copy of /etc/hosts), the VM's state record, and what the
 * earlier steps of this run learned. Filled by the steps' observe() (read-only looks at the VM
 * and the cluster) and apply(); decide() only reads it.
 */
struct VmFacts
{
    QString vm;
    const Plan* plan = nullptr;
    const OnboardOptions* options = nullptr;
    bool hasCluster = false;          //!< a KubeClient is there (offboarding's WorkloadEntry)
    SharedClusterFacts cluster;
    VmRecord record;                  //!< the state file's record of the VM, as it is now

    // preflight / the offboarding probe
    std::optional<VmProbe> probe;
    std::optional<InstallScript::PackageFormat> format;
    std::optional<QByteArray> hosts;  //!< /etc/hosts as the probe read it (saves a step its own read)
    QList<ProbeCheck> checks;
    std::optional<CommandResult> sudoCheck; //!< `sudo true`; not set when a check failed before it

    // bundle / distribute
    BundleResult offline;             //!< the files without credentials (hash, names, refusals)
    BundleResult bundle;              //!< the files placed: with credentials once the bundle step ran
    QString bundleHash;

    // package / start
    bool changed = false;             //!< package or files changed in this run: the agent restarts
    struct Service
    {
        QString active;
        QString sub;
        bool enabled = false;
        bool running() const { return active == u"active" && sub == u"running"; }
    };
    std::optional<Service> service;   //!< istio.service as `systemctl show` saw it (start, when it looked)

    // offboarding
    std::optional<QStringList> workloadEntries; //!< ours, by name; not set = not listed

    QStringList warnings;             //!< for the VM's result: "name: message"
};

/*! What a step would do on a VM: the dry run's answer, the review page's line, the unit under test. */
struct StepDecision
{
    enum class Action { Run, Skip, Fail };
    Action action = Action::Run;
    QString sentence;        //!< Run: what would be done ("would install ..."); Skip: why not; Fail: the reason
    QStringList remote;      //!< Run: the planned remote actions and files, in words
    QString inputs;          //!< what the step's state record keeps as its inputs
    Error error;             //!< Fail: the typed error (message = sentence)
    QStringList warnings;    //!< found while deciding; added to the VM's warnings whatever the action

    static StepDecision run(const QString& sentence, const QStringList& remote = {}, const QString& inputs = {});
    static StepDecision skip(const QString& sentence, const QString& inputs = {});
    static StepDecision fail(const Error& error);
    static StepDecision fail(Error::Kind kind, const QString& sentence);
};

/*!
 * One step of onboarding or offboarding. The pipeline (VmPipeline) runs each step as
 * observe() → decide() → apply():
 * - observe(): read-only looks that the decision needs (the probe, `systemctl show`, listing
 *   WorkloadEntries); dry runs do them too. Ends in then() or in a failure of the pipeline.
 * - decide(): pure. Run, Skip or Fail, in words, from the facts and the state file's record of
 *   the step (as it was when the run began). A dry run is the decisions and nothing more.
 * - apply(): only for Run outside dry runs: the changes; ends in the pipeline's stepDone(),
 *   stepSkipped() or stepFailed().
 * The plumbing (connection, sudo and its password, state records, progress) is the pipeline's.
 */
class VmStep
{
public:
    virtual ~VmStep() = default;

    virtual StepKind kind() const = 0;
    /*! What the step does first, for the progress line ("checking the VM"). */
    virtual QString activity() const = 0;
    virtual void observe(VmPipeline& run, const StepRecord& last, std::function<void()> then);
    virtual StepDecision decide(const VmFacts& facts, const StepRecord& last) const = 0;
    virtual void apply(VmPipeline& run, const StepDecision& decision);
    /*! Bookkeeping of a Skip decision (the record of what is in place). */
    virtual void skipped(VmPipeline& run, const StepDecision& decision);
};

/*!
 * The probe and /etc/hosts in one round trip (onboarding's preflight, offboarding's stop): the
 * steps that edit the hosts block work from this copy instead of reading the file again.
 */
namespace VmProbeWithHosts {
QStringList command(const QStringList& probe);
/*! The probe's part of output; hosts gets the file's copy (reset when there is none). */
QByteArray split(const QByteArray& output, std::optional<QByteArray>* hosts);
} // namespace VmProbeWithHosts

// --- onboarding (onboardsteps.cpp) ---------------------------------------------------------------

/*! Probe (OS, disk, clock, gateway ports, /etc/hosts) and `sudo true`: one round trip each. */
class PreflightStep final : public VmStep
{
public:
    StepKind kind() const override { return StepKind::Preflight; }
    QString activity() const override { return u"checking the VM"_qs; }
    void observe(VmPipeline& run, const StepRecord& last, std::function<void()> then) override;
    StepDecision decide(const VmFacts& facts, const StepRecord& last) const override;
};

/*! The VM's files; a token (or a legacy certificate) only when they changed. */
class BundleStep final : public VmStep
{
public:
    StepKind kind() const override { return StepKind::Bundle; }
    QString activity() const override { return u"generating the files"_qs; }
    void observe(VmPipeline& run, const StepRecord& last, std::function<void()> then) override;
    StepDecision decide(const VmFacts& facts, const StepRecord& last) const override;
    void apply(VmPipeline& run, const StepDecision& decision) override;
    /*! Whether the distribute step (its record: distributed) has placed exactly these files. */
    static bool filesInPlace(const VmFacts& facts, const StepRecord& distributed);
};

/*! istio-sidecar: the given package or Istio's release for istiod's version. */
class PackageStep final : public VmStep
{
public:
    StepKind kind() const override { return StepKind::Package; }
    QString activity() const override { return u"choosing the package"_qs; }
    StepDecision decide(const VmFacts& facts, const StepRecord& last) const override;
    void apply(VmPipeline& run, const StepDecision& decision) override;
    void skipped(VmPipeline& run, const StepDecision& decision) override;
    /*! The package the step installs; error set when there is none. */
    static PackageSource source(const VmFacts& facts, QString* error);

private:
    void streamInstall(VmPipeline& run, const PackageSource& source);
    void transfer(VmPipeline& run, const PackageSource& source);
    void install(VmPipeline& run, const QString& file, const QString& directory, const QString& version);
};

/*! The files and the hosts block, in one sudo round trip that receives them on its stdin. */
class DistributeStep final : public VmStep
{
public:
    StepKind kind() const override { return StepKind::Distribute; }
    QString activity() const override { return u"placing the files"_qs; }
    StepDecision decide(const VmFacts& facts, const StepRecord& last) const override;
    void apply(VmPipeline& run, const StepDecision& decision) override;

private:
    void install(VmPipeline& run, const QByteArray& hosts, bool retryOnChange);
};

/*! istio.service started and waited for on the VM (one sudo round trip), or only looked at. */
class StartStep final : public VmStep
{
public:
    StepKind kind() const override { return StepKind::Start; }
    QString activity() const override { return u"starting istio"_qs; }
    void observe(VmPipeline& run, const StepRecord& last, std::function<void()> then) override;
    StepDecision decide(const VmFacts& facts, const StepRecord& last) const override;
    void apply(VmPipeline& run, const StepDecision& decision) override;
    static QString inputs(const VmFacts& facts);
};

// --- offboarding (offboardsteps.cpp): each undoes one onboarding step, a no-op when there is
// nothing to undo, so an interrupted offboarding simply runs again. ---------------------------------

class StopStep final : public VmStep
{
public:
    StepKind kind() const override { return StepKind::Stop; }
    QString activity() const override { return u"looking at the VM"_qs; }
    void observe(VmPipeline& run, const StepRecord& last, std::function<void()> then) override;
    StepDecision decide(const VmFacts& facts, const StepRecord& last) const override;
    void apply(VmPipeline& run, const StepDecision& decision) override;
};

class RemovePackageStep final : public VmStep
{
public:
    StepKind kind() const override { return StepKind::RemovePackage; }
    QString activity() const override { return u"removing istio-sidecar"_qs; }
    StepDecision decide(const VmFacts& facts, const StepRecord& last) const override;
    void apply(VmPipeline& run, const StepDecision& decision) override;
};

class RemoveFilesStep final : public VmStep
{
public:
    StepKind kind() const override { return StepKind::RemoveFiles; }
    QString activity() const override { return u"removing the files"_qs; }
    StepDecision decide(const VmFacts& facts, const StepRecord& last) const override;
    void apply(VmPipeline& run, const StepDecision& decision) override;
    /*! Files meshdeck places, and those the agent writes next to them (issued certificates). */
    static const QStringList& placedFiles();

private:
    void remove(VmPipeline& run, const QByteArray& hosts, bool retryOnChange);
};

class RemoveWorkloadEntryStep final : public VmStep
{
public:
    StepKind kind() const override { return StepKind::RemoveWorkloadEntry; }
    QString activity() const override { return u"looking for the WorkloadEntry"_qs; }
    void observe(VmPipeline& run, const StepRecord& last, std::function<void()> then) override;
    StepDecision decide(const VmFacts& facts, const StepRecord& last) const override;
    void apply(VmPipeline& run, const StepDecision& decision) override;
    static QStringList addresses(const VmFacts& facts);
};
