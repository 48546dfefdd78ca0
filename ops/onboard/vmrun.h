// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "bundlerun.h"
#include "hostsblock.h"
#include "onboardstate.h"
#include "packagesource.h"
#include "ssherror.h"
#include "sshendpoint.h"
#include "vmprobe.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class HostKeyQuestion;
class KubeClient;
class PasswordQuestion;
class RemoteCommand;
class SshConnect;
class SshConnection;
class SshContext;
class SshUpload;
struct CommandResult;
struct UploadFile;
struct UploadResult;

/*! How meshdeck reaches a plan VM: its address and ssh settings; a jump host naming another VM goes through that VM. */
SshEndpoint vmEndpoint(const Plan& plan, const Vm& vm);

/*! How a fleet run onboards or offboards. */
struct OnboardOptions
{
    enum class Mode { Onboard, Offboard };
    Mode mode = Mode::Onboard;
    QStringList vms;   //!< empty = every VM of the plan
    int parallel = 4;  //!< VMs worked on at the same time
    bool dryRun = false; //!< preflight and what would change; nothing is changed, no state written
    PackageSource package; //!< not set = Istio's release URL for istiod's version, fetched by the VM
    bool removeClusterResources = false; //!< offboard --cluster: the groups' cleanup list too
    int startTimeoutSeconds = 40; //!< for istio.service to settle in active/running
};

/*! What a VmRun needs from the run around it (FleetRun implements it; tests may too). */
class VmRunHost
{
public:
    virtual ~VmRunHost() = default;
    virtual const Plan& plan() const = 0;
    virtual const OnboardOptions& options() const = 0;
    virtual SshContext* sshContext() const = 0;
    virtual KubeClient* kubeClient() const = 0;
    virtual OnboardState& state() = 0;
    virtual void saveState() = 0;
    /*! The shared cluster facts, read once for the whole run; done is called with them. */
    virtual void sharedFacts(QObject* context, std::function<void(const SharedClusterFacts&)> done) = 0;
    /*!
     * A sudo password for vm: the one the run already knows, unless it was just refused on this VM
     * (wrongBefore), in which case the user is asked. nullopt = none given.
     */
    virtual void sudoPassword(const QString& vm, bool wrongBefore, QObject* context,
                              std::function<void(std::optional<QByteArray>)> done) = 0;
    virtual void askHostKey(HostKeyQuestion* question) = 0;
    virtual void askPassword(PasswordQuestion* question) = 0;
};

/*!
 * One VM's onboarding or offboarding: connect (host keys, login), then each step in order,
 * each a few remote commands over the VM's ControlMaster. Every step records its state in the
 * run's OnboardState as it goes, so an interrupted run resumes where it stopped; done steps are
 * skipped when their inputs (hash of the bundle files, package identity) are unchanged.
 * A failure ends this VM only. finished() comes exactly once after start().
 */
class VmRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VmRun)
public:
    VmRun(VmRunHost* host, QString vmName, QObject* parent = nullptr);
    ~VmRun() override;

    QString vmName() const { return m_vm; }
    void start();
    void cancel();

Q_SIGNALS:
    void stepChanged(const QString& vm, StepKind step, StepState state, const QString& message);
    void progress(const QString& vm, int permille, const QString& activity);
    void finished(const QString& vm, bool ok, const QString& message);

private:
    using CommandDone = std::function<void(const CommandResult&)>;
    using UploadDone = std::function<void(const UploadResult&)>;

    /*!
     * A remote command's stdin: bytes, or a local file streamed with upload progress. Lets a
     * sudo script receive what it installs in the same round trip (InstallScript::Incoming).
     */
    struct RemoteInput
    {
        QByteArray bytes;
        QString localFile;
        qint64 size; //!< of localFile (no initializer: `= {}` defaults in this class need none; {} gives 0)
    };

    // plumbing (vmrun.cpp)
    void connectVm();
    void onConnected(const SshError& error);
    void nextStep();
    void beginStep(StepKind step, const QString& activity);
    void stepDone(const QString& message, const QString& inputs = {});
    void stepSkipped(const QString& message, const QString& inputs = {});
    void stepFailed(const QString& message);
    void setProgress(double stepFraction, const QString& activity);
    void finish(bool ok, const QString& message);
    void runRemote(const QStringList& argv, bool sudo, CommandDone done, std::chrono::milliseconds timeout = {},
                   const RemoteInput& input = {});
    void runSudo(const QStringList& argv, CommandDone done, bool wrongBefore, const RemoteInput& input,
                 std::chrono::milliseconds timeout);
    void runScript(const QString& script, bool sudo, CommandDone done, const RemoteInput& input = {},
                   std::chrono::milliseconds timeout = {});
    RemoteCommand* makeCommand(const QStringList& argv, const RemoteInput& input, std::chrono::milliseconds timeout,
                               QString* error);
    void upload(const QList<UploadFile>& files, UploadDone done);
    QString commandFailure(const QString& what, const CommandResult& result) const;
    VmRecord& record();

    // onboarding steps (vmonboard.cpp)
    void runOnboardStep(StepKind step);
    void preflight();
    void onProbe(const CommandResult& result, qint64 startedAt, qint64 endedAt);
    QStringList probeWithHosts(const QStringList& probe);
    QByteArray takeHosts(const QByteArray& output);
    void bundle();
    void package();
    void packageTransfer(const PackageSource& source);
    void packageInstall(const QString& file, const QString& directory, const QString& version);
    void packageStreamInstall(const PackageSource& source);
    void distribute();
    void distributeInstall(const QByteArray& hosts, bool retryOnChange);
    void startService();
    void verifyService();

    // offboarding steps (vmoffboard.cpp)
    void runOffboardStep(StepKind step);
    void probeForOffboard(std::function<void()> then);
    void stopService();
    void removePackage();
    void removeFiles();
    void removeFilesInstall(const QByteArray& hosts, bool retryOnChange);
    void removeWorkloadEntry();

    VmRunHost* m_host;
    QString m_vm;
    QList<StepKind> m_steps;
    qsizetype m_index = -1;
    SshConnection* m_connection = nullptr;
    SshConnect* m_connect = nullptr;
    QPointer<RemoteCommand> m_command;
    QPointer<SshUpload> m_upload;
    std::optional<QByteArray> m_sudoPassword; //!< wiped in the destructor; never stored or logged
    bool m_sudoWrong = false;
    bool m_running = false;
    bool m_canceled = false;

    // what the steps learn
    std::optional<VmProbe> m_probe;
    std::optional<InstallScript::PackageFormat> m_format;
    SharedClusterFacts m_facts;
    BundleResult m_bundle;
    QString m_bundleHash;
    bool m_needsDistribution = true;
    bool m_changed = false; //!< package or files changed in this run: the agent restarts
    std::optional<QByteArray> m_hosts; //!< /etc/hosts as the probe read it (saves the step its own read)
    QStringList m_warnings;
};
