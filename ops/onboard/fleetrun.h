// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "question.h"
#include "sharedresult.h"
#include "task.h"
#include "vmpipeline.h"
#include "vmrun.h"

#include "kubeclient.h"
#include "sshcontext.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QQueue>

class StateFileWriter;

/*!
 * The UI is asked for a VM's sudo password. The CLI asks on its terminal without echo, the GUI
 * in a dialog; either calls answer() or reject() once. The password is that VM's alone unless
 * the user says otherwise, in so many words (setForEveryVm(), or the run's
 * OnboardOptions::sameSudoPassword): then every VM that asks tries it (security review H3: one
 * hostile VM must not collect the fleet's password). Owned by the FleetRun; hold it in a QPointer.
 */
class SudoPasswordQuestion final : public Question
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SudoPasswordQuestion)
    // Read by name by the window's dialog, which may not include ops/ (core/question.h).
    Q_PROPERTY(QString vm READ vm CONSTANT)
    Q_PROPERTY(bool retry READ isRetry CONSTANT)
    Q_PROPERTY(bool offerEveryVm READ offersEveryVm CONSTANT)
    Q_PROPERTY(bool forEveryVm READ forEveryVm WRITE setForEveryVm)
public:
    SudoPasswordQuestion(QString vm, bool retry, QObject* parent);
    QString vm() const { return m_vm; }       //!< the VM whose sudo asked
    bool isRetry() const { return m_retry; }  //!< the previous password was refused there
    /*! The run has other VMs, so the answer may be offered to them too (a tick in the dialog). */
    bool offersEveryVm() const { return m_offerEveryVm; }
    void setOffersEveryVm(bool offer) { m_offerEveryVm = offer; }
    /*! The user's choice: the answer is for every VM of the run that asks, not only vm(). */
    bool forEveryVm() const { return m_forEveryVm; }
    void setForEveryVm(bool every) { m_forEveryVm = every; }
    Kind kind() const override { return Kind::SudoPassword; }
    QString subject() const override { return m_vm; }
    void answer(const QByteArray& password) override;
    void reject() override;

signals:
    void answered(const QByteArray& password, bool given);

private:
    QString m_vm;
    bool m_retry;
    bool m_offerEveryVm = false;
    bool m_forEveryVm = false;
    bool m_done = false;
};

/*!
 * Onboards (or offboards) a plan's VMs, at most options.parallel at a time, each through its
 * own VmPipeline: its own connection, progress and result; one failing VM never stops the others.
 * Shares what all VMs need once: the cluster facts; sudo passwords are asked per VM (one
 * question at a time), or once for all when the user opts in (SudoPasswordQuestion), asked
 * again only where refused, kept in memory for the run only, never written.
 * Offboarding with removeClusterResources deletes, at the end, the cleanup list of every group
 * whose VMs were all offboarded.
 *
 * A Task: finished(Error{}) when every VM (and the cleanup) went well, Error::Kind::PartialFailure
 * when some failed (its message names them; each VM's own result is FleetModel's), Canceled after
 * cancel(). The per-VM signals (vmStarted, stepChanged, vmProgress, vmFinished) are the CLI's
 * and the fleet model's; progress() counts finished VMs.
 */
class FleetRun final : public Task, public VmRunHost
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FleetRun)
public:
    /*! state: loaded from OnboardState::pathForPlan(); in dry runs it is never saved. */
    FleetRun(Plan plan, SshContext* ssh, KubeClient* kube, OnboardState* state, OnboardOptions options,
             QObject* parent = nullptr);
    ~FleetRun() override;

    /*! A password known up front (--sudo-password-file), for every VM; never stored beyond this run. */
    void setSudoPassword(const QByteArray& password);
    /*! How each VM is reached; not set = ssh (SshVmRemote). Tests give a fake. Call before start(). */
    void setRemoteFactory(std::function<VmRemote*(const QString& vm)> factory) { m_remoteFactory = std::move(factory); }
    /*! Whether sudoPasswordQuestion() has someone to answer it (a terminal, a dialog). */
    void setInteractive(bool interactive) { m_interactive = interactive; }

    /*! The VMs this run works on, in order (options.vms or all of the plan's). */
    QStringList vmNames() const { return m_names; }
    /*! An error that stops the run before any VM (an unknown VM name, a package that cannot be verified). */
    QString validate() const;


    // VmRunHost
    const Plan& plan() const override { return m_plan; }
    const OnboardOptions& options() const override { return m_options; }
    SshContext* sshContext() const override { return m_ssh; }
    KubeClient* kubeClient() const override { return m_kube; }
    OnboardState& state() override { return *m_state; }
    void saveState() override;
    void sharedFacts(QObject* context, std::function<void(const SharedClusterFacts&)> done) override;
    void sudoPassword(const QString& vm, bool wrongBefore, QObject* context,
                      std::function<void(std::optional<QByteArray>)> done) override;
    void askHostKey(HostKeyQuestion* question) override;
    void askPassword(PasswordQuestion* question) override;

signals:
    void vmStarted(const QString& vm);
    void stepChanged(const QString& vm, StepKind step, StepState state, const QString& message);
    void vmProgress(const QString& vm, int permille, const QString& activity);
    void vmFinished(const QString& vm, bool ok, const QString& message);
    void hostKeyQuestion(HostKeyQuestion* question);
    void passwordQuestion(PasswordQuestion* question);
    void sudoPasswordQuestion(SudoPasswordQuestion* request);
    void note(const QString& text); //!< run-wide news: state file trouble, cluster cleanup

protected:
    void run() override;
    void abort() override;

private:
    void launch();
    void onVmFinished(const QString& vm, bool ok, const QString& message);
    void askNextSudo();
    void onSudoAnswered(const QString& vm, const QByteArray& password, bool given, bool forEveryVm);
    void deliverSudo(const QString& vm, const std::optional<QByteArray>& password);
    void removeClusterResources();
    void complete();

    Plan m_plan;
    QPointer<SshContext> m_ssh;
    QPointer<KubeClient> m_kube;
    OnboardState* m_state;
    OnboardState m_scratch; //!< dry runs work on a copy that is never saved
    OnboardOptions m_options;
    QStringList m_names;
    QQueue<QString> m_queue;
    int m_active = 0;
    QStringList m_succeeded; //!< VMs that finished ok; per-VM results are FleetModel's
    bool m_failed = false;   //!< a VM failed, or a cluster resource could not be deleted
    int m_vmsDone = 0;       //!< VMs finished, for progress
    QList<QPointer<VmPipeline>> m_runs;
    std::function<VmRemote*(const QString& vm)> m_remoteFactory;
    bool m_canceled = false;
    bool m_interactive = false;
    QString m_stateError;
    StateFileWriter* m_stateWriter; //!< the state file written off this thread (a child)

    // shared facts
    SharedResult<SharedClusterFacts> m_facts; //!< read once, kept for the whole run

    // sudo
    std::optional<QByteArray> m_sudoPassword;      //!< for every VM: a file's, or an answer the user gave for all
    QHash<QString, QByteArray> m_vmSudoPasswords;  //!< each VM's own answer
    QPointer<SudoPasswordQuestion> m_sudoRequest;  //!< the one question out at a time
    QList<std::pair<QString, bool>> m_sudoToAsk;   //!< VMs (and whether it is a retry) waiting their turn
    QHash<QString, SharedResult<std::optional<QByteArray>>> m_sudoWaiters; //!< per VM; keeps nothing
    QStringList m_sudoRefused; //!< VMs where the run-wide password was refused
};
