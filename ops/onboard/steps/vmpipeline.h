// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "task.h"
#include "vmremote.h"
#include "vmstep.h"

#include <QPointer>

#include <memory>
#include <optional>
#include <vector>

class VmRunHost;

/*!
 * One VM's onboarding or offboarding, as a Task: connect (host keys, login), then each step in
 * order (observe → decide → apply, see VmStep). The plumbing every step shares lives here, once:
 * the remote (VmRemote), sudo and its password (asked again when refused), the state file's
 * records (running, done, failed; a skipped step stays done; inputs kept for the next run),
 * progress. An interrupted run resumes where it stopped: a done step whose inputs are unchanged
 * decides Skip. A dry run makes the decisions only: nothing is changed, no state written.
 *
 * finished() comes once: Error{} (summary() holds the warnings), or the failed step's error,
 * its kind kept from the SSH layer up, its message "<step>: <why>". cancel() stops the remote
 * at once; after it nothing more runs on the VM and nothing is written.
 */
class VmPipeline final : public Task
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VmPipeline)
public:
    using CommandDone = std::function<void(const CommandResult&)>;
    using UploadDone = std::function<void(const UploadResult&)>;
    using HostsAttempt = std::function<void(const QByteArray& hosts, bool retryOnChange)>;

    /*! A remote command's stdin: bytes, or a local file streamed with upload progress. */
    struct Input
    {
        QByteArray bytes;
        QString localFile;
        qint64 size; //!< of localFile (no initializer: the `= {}` defaults below need none; {} gives 0)
    };

    /*! The steps of the host's mode; remote: null = SshVmRemote to the plan's VM. */
    VmPipeline(VmRunHost* host, QString vmName, QObject* parent = nullptr);
    /*! Given steps and remote (tests, a review page); the pipeline owns both. */
    VmPipeline(VmRunHost* host, QString vmName, std::vector<std::unique_ptr<VmStep>> steps, VmRemote* remote,
               QObject* parent = nullptr);
    ~VmPipeline() override;

    /*! The nine step classes, for a mode. */
    static std::vector<std::unique_ptr<VmStep>> stepsFor(bool onboard);

    QString vmName() const { return m_vm; }
    /*! After success: the warnings, "; "-joined (empty when none). */
    QString summary() const { return m_facts.warnings.join(u"; "_qs); }

    // --- for the steps -------------------------------------------------------------------------
    VmRunHost* host() const { return m_host; }
    const Plan& plan() const;
    const OnboardOptions& options() const;
    VmFacts& facts() { return m_facts; }
    VmRecord& record();

    /*!
     * Runs argv on the VM (with sudo: the run's password, asked for when sudo wants one). Every
     * command has a timeout (StepTimeouts): past it the command is stopped and done gets a
     * Timeout error (security review M1).
     */
    void runCommand(const QStringList& argv, bool sudo, std::chrono::milliseconds timeout, CommandDone done,
                    const Input& input = {});
    /*! `sh -c script meshdeck` */
    void runScript(const QString& script, bool sudo, std::chrono::milliseconds timeout, CommandDone done,
                   const Input& input = {});
    void upload(const QList<UploadFile>& files, UploadDone done);
    /*! A new connection to the VM (VmRemote::reconnect); done gets its error (none: connected). */
    void reconnect(std::function<void(const SshError&)> done);
    /*!
     * A sudo script that edits /etc/hosts from a copy: attempt(hosts, retryOnChange) gets the
     * probe's copy (retryOnChange true) or, without one, a fresh read. When its script finds the
     * file changed meanwhile (exit 4, nothing done), call retryHosts(): it reads the file again and
     * attempts once more.
     */
    void withHosts(HostsAttempt attempt);
    /*! true when r is the "changed meanwhile" exit and retryOnChange: the retry has begun. */
    bool retryHosts(const CommandResult& r, bool retryOnChange, HostsAttempt attempt);

    void setStepProgress(double fraction, const QString& activity);
    void stepDone(const QString& message, const QString& inputs = {});
    void stepSkipped(const QString& message, const QString& inputs = {});
    void stepFailed(const Error& error);
    void stepFailed(const QString& message, Error::Kind kind = Error::Kind::InvalidInput);
    /*!
     * A command's failure: its SSH error kept (sudo, connection, timeout; a timeout's message
     * begins with what), or its exit code and stderr.
     */
    static Error commandError(const QString& what, const CommandResult& result);

signals:
    void stepChanged(const QString& vm, StepKind step, StepState state, const QString& message);

protected:
    void run() override;
    void abort() override;

private:
    void connectVm();
    void nextStep();
    void runStep();
    void beginStep(StepKind step, const QString& activity);
    void runSudo(RemoteRequest request, CommandDone done, bool wrongBefore);
    void refreshFacts();
    StepKind currentKind() const;
    bool alive() const { return isRunning(); }

    VmRunHost* m_host;
    QString m_vm;
    std::vector<std::unique_ptr<VmStep>> m_steps;
    QMap<QString, StepRecord> m_before; //!< the state file's records when the run began
    qsizetype m_index = -1;
    bool m_opening = false;
    VmRemote* m_remote = nullptr;
    std::optional<QByteArray> m_sudoPassword; //!< wiped when done; never stored or logged
    VmFacts m_facts;
};
