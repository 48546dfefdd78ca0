// SPDX-License-Identifier: Apache-2.0
#include "fleetrun.h"

#include "clusterfactsrun.h"
#include "generation.h"
#include "hostkeycheck.h"
#include "kubeclient.h"
#include "secrets.h"
#include "statefilewriter.h"

SudoPasswordQuestion::SudoPasswordQuestion(QString vm, bool retry, QObject* parent)
    : Question(parent)
    , m_vm(std::move(vm))
    , m_retry(retry)
{
}

void SudoPasswordQuestion::answer(const QByteArray& password)
{
    if (std::exchange(m_done, true))
        return;
    emit answered(password, true);
}

void SudoPasswordQuestion::reject()
{
    if (std::exchange(m_done, true))
        return;
    emit answered({}, false);
}

FleetRun::FleetRun(Plan plan, SshContext* ssh, KubeClient* kube, OnboardState* state, OnboardOptions options,
                   QObject* parent)
    : Task(parent)
    , m_plan(std::move(plan))
    , m_ssh(ssh)
    , m_kube(kube)
    , m_state(state)
    , m_options(std::move(options))
    , m_stateWriter(new StateFileWriter(this))
{
    connect(m_stateWriter, &StateFileWriter::failed, this, [this](const QString& error) {
        if (error == std::exchange(m_stateError, error))
            return;
        emit note(u"state not saved: "_qs + error
                  + u" (the file keeps its previous records; make room or fix its permissions, then run again)"_qs);
    });
    if (m_options.dryRun) {
        m_scratch = *state;
        m_state = &m_scratch;
    }
    m_options.parallel = std::max(1, m_options.parallel);
    if (m_options.vms.isEmpty()) {
        for (const Vm& vm : std::as_const(m_plan.vms))
            m_names.append(vm.name);
    } else {
        for (const QString& name : std::as_const(m_options.vms))
            if (!m_names.contains(name))
                m_names.append(name);
    }
}

FleetRun::~FleetRun()
{
    if (m_sudoPassword)
        Secrets::wipe(*m_sudoPassword);
}

void FleetRun::setSudoPassword(const QByteArray& password)
{
    if (!password.isEmpty())
        m_sudoPassword = password;
}

QString FleetRun::validate() const
{
    QStringList unknown;
    for (const QString& name : m_names)
        if (!m_plan.vm(name))
            unknown.append(name);
    if (!unknown.isEmpty())
        return u"the plan has no VM named "_qs + unknown.join(u", "_qs);
    if (m_names.isEmpty())
        return u"the plan has no VMs"_qs;
    if (m_options.mode == OnboardOptions::Mode::Onboard && m_options.package.isSet())
        return PackageSources::verificationRefusal(m_options.package, m_options.allowUnverifiedPackage);
    return {};
}

void FleetRun::run()
{
    for (const QString& name : std::as_const(m_names))
        m_queue.enqueue(name);
    launch();
}

void FleetRun::abort()
{
    // Each VM's pipeline stops at once and reports (vmFinished, "<step>: canceled"); then the
    // run finishes as canceled.
    m_canceled = true;
    m_queue.clear();
    if (m_sudoRequest)
        m_sudoRequest->reject();
    const QList<QPointer<VmPipeline>> runs = m_runs;
    for (const QPointer<VmPipeline>& run : runs)
        if (run)
            run->cancel();
    if (m_active == 0)
        complete();
}

void FleetRun::launch()
{
    while (m_active < m_options.parallel && !m_queue.isEmpty()) {
        const QString name = m_queue.dequeue();
        auto* run = m_remoteFactory
            ? new VmPipeline(this, name, VmPipeline::stepsFor(m_options.mode == OnboardOptions::Mode::Onboard), m_remoteFactory(name), this)
            : new VmPipeline(this, name, this);
        m_runs.append(run);
        ++m_active;
        connect(run, &VmPipeline::stepChanged, this, &FleetRun::stepChanged);
        connect(run, &Task::progress, this, [this, name](int done, int, const QString& activity) {
            emit vmProgress(name, done, activity);
        });
        connect(run, &Task::finished, this, [this, run, name](const Error& error) {
            onVmFinished(name, !error.isError(), error.isError() ? error.message : run->summary());
        });
        emit vmStarted(name);
        run->start();
    }
    if (m_active == 0 && m_queue.isEmpty()) {
        if (m_options.mode == OnboardOptions::Mode::Offboard && m_options.removeClusterResources && !m_canceled)
            removeClusterResources();
        else
            complete();
    }
}

void FleetRun::onVmFinished(const QString& vm, bool ok, const QString& message)
{
    if (ok)
        m_succeeded.append(vm);
    else
        m_failed = true;
    // A VM taken out of the mesh has nothing left to resume: the next onboarding starts afresh.
    if (ok && m_options.mode == OnboardOptions::Mode::Offboard && !m_options.dryRun) {
        m_state->removeVm(vm);
        saveState();
    }
    emit vmFinished(vm, ok, message);
    --m_active;
    for (VmPipeline* run : findChildren<VmPipeline*>(Qt::FindDirectChildrenOnly))
        if (run->vmName() == vm)
            run->deleteLater();
    setProgress(int(++m_vmsDone), int(m_names.size()), vm);
    launch();
}

void FleetRun::complete()
{
    if (!isRunning())
        return;
    // The run is done when its records are on disk: the next run, and whoever follows the file,
    // read them there. A cancel waits (it finishes at once, by the task protocol); otherwise
    // the last write finishes first, off this thread.
    if (!m_stateWriter->isIdle()) {
        if (!m_canceled) {
            connect(m_stateWriter, &StateFileWriter::drained, this, &FleetRun::complete, Qt::SingleShotConnection);
            return;
        }
        m_stateWriter->waitForDrained();
    }
    if (m_sudoPassword)
        Secrets::wipe(*m_sudoPassword);
    m_sudoPassword.reset();
    for (QByteArray& password : m_vmSudoPasswords)
        Secrets::wipe(password);
    m_vmSudoPasswords.clear();
    if (m_canceled) {
        finish(Error::canceled());
        return;
    }
    QStringList failed;
    for (const QString& vm : std::as_const(m_names))
        if (!m_succeeded.contains(vm))
            failed.append(vm);
    if (!m_failed && failed.isEmpty()) {
        finish();
        return;
    }
    // Per-VM results are FleetModel's; the run's error says how many and which.
    finish(failed.isEmpty()
               ? Error::make(Error::Kind::PartialFailure, u"cluster resources could not all be deleted"_qs)
               : Error::make(Error::Kind::PartialFailure, QString::number(failed.size()) + u" of "_qs
                                 + QString::number(m_names.size()) + u" failed: "_qs + failed.join(u", "_qs)));
}

void FleetRun::saveState()
{
    if (m_options.dryRun)
        return;
    m_stateWriter->write(m_state->path(), m_state->toBytes());
}

void FleetRun::sharedFacts(QObject* context, std::function<void(const SharedClusterFacts&)> done)
{
    if (!m_facts.whenReady(context, std::move(done)))
        return; // read already (posted to context), or being read
    if (!m_kube) {
        SharedClusterFacts none;
        none.error = u"no cluster connection"_qs;
        m_facts.resolve(none);
        return;
    }
    auto* run = new ClusterFactsRun(m_kube, m_plan, {}, this);
    connect(run, &ClusterFactsRun::finished, this, [this, run] {
        run->deleteLater();
        const SharedClusterFacts facts = run->facts();
        for (const QString& w : facts.warnings)
            emit note(w);
        m_facts.resolve(facts);
    });
    run->start();
}

void FleetRun::sudoPassword(const QString& vm, bool wrongBefore, QObject* context,
                            std::function<void(std::optional<QByteArray>)> done)
{
    if (wrongBefore) {
        // Refused there: that VM's own answer is forgotten, the run-wide one is not tried there again.
        if (auto it = m_vmSudoPasswords.find(vm); it != m_vmSudoPasswords.end()) {
            Secrets::wipe(*it);
            m_vmSudoPasswords.erase(it);
        } else if (m_sudoPassword && !m_sudoRefused.contains(vm)) {
            m_sudoRefused.append(vm);
        }
    }
    if (const auto it = m_vmSudoPasswords.constFind(vm); it != m_vmSudoPasswords.cend()) {
        done(*it);
        return;
    }
    if (m_sudoPassword && !m_sudoRefused.contains(vm)) {
        done(m_sudoPassword);
        return;
    }
    if (!m_interactive || m_canceled) {
        done(std::nullopt);
        return;
    }
    if (m_sudoWaiters[vm].whenReady(context, std::move(done))) {
        m_sudoToAsk.append({vm, wrongBefore});
        if (!m_sudoRequest)
            askNextSudo();
    }
}

// One question at a time (a terminal can ask only one); the next VM's when it is answered.
void FleetRun::askNextSudo()
{
    while (!m_sudoRequest && !m_sudoToAsk.isEmpty()) {
        const auto [vm, retry] = m_sudoToAsk.takeFirst();
        // Answered for every VM meanwhile: no need to ask this one.
        if (m_sudoPassword && !m_sudoRefused.contains(vm)) {
            deliverSudo(vm, m_sudoPassword);
            continue;
        }
        auto* request = new SudoPasswordQuestion(vm, retry, this);
        request->setOffersEveryVm(m_names.size() > 1 && !m_options.sameSudoPassword);
        m_sudoRequest = request;
        connect(request, &SudoPasswordQuestion::answered, this, [this, request](const QByteArray& password, bool given) {
            onSudoAnswered(request->vm(), password, given, request->forEveryVm());
        });
        emit sudoPasswordQuestion(request);
    }
}

void FleetRun::onSudoAnswered(const QString& vm, const QByteArray& password, bool given, bool forEveryVm)
{
    if (m_sudoRequest)
        m_sudoRequest->deleteLater();
    m_sudoRequest.clear();
    std::optional<QByteArray> answer;
    if (given && !password.isEmpty()) {
        answer = password;
        if (forEveryVm || m_options.sameSudoPassword) {
            if (m_sudoPassword)
                Secrets::wipe(*m_sudoPassword);
            m_sudoPassword = password;
            m_sudoRefused.clear(); // a new password: every VM may try it
        } else {
            m_vmSudoPasswords.insert(vm, password);
        }
    }
    deliverSudo(vm, answer);
    if (!m_canceled) {
        askNextSudo();
        return;
    }
    for (const auto& [waiting, retry] : std::exchange(m_sudoToAsk, {}))
        deliverSudo(waiting, std::nullopt);
}

void FleetRun::deliverSudo(const QString& vm, const std::optional<QByteArray>& password)
{
    auto it = m_sudoWaiters.find(vm);
    if (it == m_sudoWaiters.end())
        return;
    SharedResult<std::optional<QByteArray>> waiters = std::move(*it);
    m_sudoWaiters.erase(it);
    waiters.deliver(password);
}

void FleetRun::askHostKey(HostKeyQuestion* question)
{
    emit hostKeyQuestion(question);
}

void FleetRun::askPassword(PasswordQuestion* question)
{
    emit passwordQuestion(question);
}

void FleetRun::removeClusterResources()
{
    if (!m_kube) {
        emit note(u"no cluster connection: the groups' resources stay"_qs);
        complete();
        return;
    }
    // A group's resources go only when every one of its VMs is offboarded: the others still
    // need its WorkloadGroup and ServiceAccount.
    const QSet<QString> offboarded(m_succeeded.cbegin(), m_succeeded.cend());
    QStringList origins;
    QStringList keptNamespaces;
    for (qsizetype i = 0; i < m_plan.vmGroups.size(); ++i) {
        const VmGroup& g = m_plan.vmGroups.at(i);
        bool all = true;
        for (const Vm& vm : std::as_const(m_plan.vms))
            if (vm.group == g.name && !offboarded.contains(vm.name))
                all = false;
        if (all)
            origins.append(u"vmGroups[%1]"_qs.arg(i));
        else {
            keptNamespaces.append(g.namespaceName);
            emit note(u"group "_qs + g.name + u" keeps its cluster resources: not all of its VMs were offboarded"_qs);
        }
    }
    QList<Resource> doomed;
    for (const Resource& r : generateOffline(m_plan).cleanupResources()) {
        if (!origins.contains(r.origin))
            continue;
        // A namespace another remaining group lives in stays, whoever generated it first.
        if (r.kind() == u"Namespace" && keptNamespaces.contains(r.name()))
            continue;
        doomed.append(r);
    }
    if (doomed.isEmpty() || m_options.dryRun) {
        for (const Resource& r : std::as_const(doomed))
            emit note(u"would delete "_qs + r.key());
        complete();
        return;
    }
    auto remaining = std::make_shared<int>(int(doomed.size()));
    for (const Resource& r : std::as_const(doomed)) {
        KubeOperation* op = m_kube->remove(ObjectRef::of(r.object));
        const QString key = r.key();
        connect(op, &KubeOperation::finished, this, [this, key, remaining](const KubeResult& result) {
            if (result.ok())
                emit note(u"deleted "_qs + key);
            else if (result.error.kind == KubeError::Kind::NotFound)
                emit note(key + u" was already gone"_qs);
            else {
                emit note(u"could not delete "_qs + key + u": "_qs + result.error.message);
                m_failed = true; // a resource, not a VM: the note above is its report
            }
            if (--*remaining == 0)
                complete();
        });
        op->start();
    }
}
