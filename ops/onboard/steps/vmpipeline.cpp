// SPDX-License-Identifier: Apache-2.0
#include "vmpipeline.h"

#include "operror.h"
#include "secrets.h"
#include "vmrun.h"

#include <QDateTime>

VmPipeline::VmPipeline(VmRunHost* host, QString vmName, QObject* parent)
    : VmPipeline(host, std::move(vmName), stepsFor(host->options().mode == OnboardOptions::Mode::Onboard), nullptr, parent)
{
}

VmPipeline::VmPipeline(VmRunHost* host, QString vmName, std::vector<std::unique_ptr<VmStep>> steps, VmRemote* remote,
                       QObject* parent)
    : Task(parent)
    , m_host(host)
    , m_vm(std::move(vmName))
    , m_steps(std::move(steps))
    , m_remote(remote)
{
    if (m_remote)
        m_remote->setParent(this);
    m_facts.vm = m_vm;
    m_facts.plan = &m_host->plan();
    m_facts.options = &m_host->options();
    m_facts.hasCluster = m_host->kubeClient() != nullptr;
}

VmPipeline::~VmPipeline()
{
    if (m_sudoPassword)
        Secrets::wipe(*m_sudoPassword);
    // The bundle's token or key (security review M6); the last holder of the bytes zeroes them.
    for (VmFile& file : m_facts.bundle.bundle.files) {
        if (isSecretBundleFile(file.name))
            Secrets::wipe(file.content);
    }
}

std::vector<std::unique_ptr<VmStep>> VmPipeline::stepsFor(bool onboard)
{
    std::vector<std::unique_ptr<VmStep>> steps;
    if (onboard) {
        steps.push_back(std::make_unique<PreflightStep>());
        steps.push_back(std::make_unique<BundleStep>());
        steps.push_back(std::make_unique<PackageStep>());
        steps.push_back(std::make_unique<DistributeStep>());
        steps.push_back(std::make_unique<StartStep>());
    } else {
        steps.push_back(std::make_unique<StopStep>());
        steps.push_back(std::make_unique<RemovePackageStep>());
        steps.push_back(std::make_unique<RemoveFilesStep>());
        steps.push_back(std::make_unique<RemoveWorkloadEntryStep>());
    }
    return steps;
}

const Plan& VmPipeline::plan() const
{
    return m_host->plan();
}

const OnboardOptions& VmPipeline::options() const
{
    return m_host->options();
}

VmRecord& VmPipeline::record()
{
    return m_host->state().vm(m_vm);
}

void VmPipeline::run()
{
    const Vm* vm = plan().vm(m_vm);
    if (!vm) {
        finish(Error::make(Error::Kind::InvalidInput, u"the plan has no VM named "_qs + m_vm));
        return;
    }
    if (m_steps.empty()) {
        finish();
        return;
    }
    if (options().mode == OnboardOptions::Mode::Onboard && !plan().group(vm->group)) {
        // The legacy flow: what the plan lacks for it (a namespace, the plug-in CA) is known
        // before any connection is made.
        const QString refusal = makeLegacyBundle(plan(), m_vm, SharedClusterFacts{}, false).error;
        if (!refusal.isEmpty()) {
            finish(Error::make(Error::Kind::InvalidInput, refusal));
            return;
        }
    }
    m_before = record().steps;
    for (const auto& step : m_steps) {
        if (!record().steps.contains(stepKey(step->kind())))
            record().steps.insert(stepKey(step->kind()), StepRecord{});
    }
    if (!m_remote) {
        m_remote = new SshVmRemote(m_host->sshContext(), vmEndpoint(plan(), *vm), this);
    }
    connect(m_remote, &VmRemote::hostKeyQuestion, this, [this](HostKeyQuestion* q) { m_host->askHostKey(q); });
    connect(m_remote, &VmRemote::passwordQuestion, this, [this](PasswordQuestion* q) { m_host->askPassword(q); });
    connect(m_remote, &VmRemote::openProgress, this, [this](int done, int total) {
        if (alive() && m_opening)
            setStepProgress(0.3 * done / std::max(1, total), u"connecting"_qs);
    });
    connect(m_remote, &VmRemote::transferProgress, this, [this](qint64 sent, qint64 total) {
        if (alive())
            setStepProgress(0.1 + 0.7 * (total > 0 ? double(sent) / double(total) : 1.0),
                            u"uploading "_qs + QString::number(sent / 1024) + u" of "_qs + QString::number(total / 1024) + u" KiB"_qs);
    });
    connectVm();
}

void VmPipeline::abort()
{
    // Nothing more runs on the VM and nothing is written: the state file keeps the step as it
    // was (running), which the next run simply does again. The CLI still hears the step end.
    if (m_remote)
        m_remote->cancel();
    // A step's own tasks (the bundle's TokenRequest) stop with it.
    for (Task* task : findChildren<Task*>(Qt::FindDirectChildrenOnly))
        task->cancel();
    if (m_sudoPassword)
        Secrets::wipe(*m_sudoPassword);
    if (m_index >= 0) {
        const StepKind step = currentKind();
        emit stepChanged(m_vm, step, StepState::Failed, u"canceled"_qs);
        setCanceledMessage(stepTitle(step) + u": canceled"_qs);
    }
}

StepKind VmPipeline::currentKind() const
{
    return m_steps.at(std::clamp<qsizetype>(m_index, 0, qsizetype(m_steps.size()) - 1))->kind();
}

void VmPipeline::connectVm()
{
    m_index = 0;
    beginStep(m_steps.front()->kind(), u"connecting"_qs);
    m_opening = true;
    m_remote->open([this](const SshError& error) {
        m_opening = false;
        if (!alive())
            return;
        if (error.isError()) {
            Error e = toError(error);
            if (e.message.isEmpty())
                e.message = u"cannot connect"_qs;
            stepFailed(e);
            return;
        }
        runStep();
    });
}

void VmPipeline::nextStep()
{
    ++m_index;
    if (m_index >= qsizetype(m_steps.size())) {
        if (m_sudoPassword)
            Secrets::wipe(*m_sudoPassword);
        finish();
        return;
    }
    runStep();
}

void VmPipeline::refreshFacts()
{
    m_facts.record = record();
}

void VmPipeline::runStep()
{
    VmStep* step = m_steps.at(m_index).get();
    const StepRecord last = m_before.value(stepKey(step->kind()));
    beginStep(step->kind(), step->activity());
    step->observe(*this, last, [this, step, last] {
        if (!alive())
            return;
        refreshFacts();
        const StepDecision decision = step->decide(m_facts, last);
        m_facts.warnings += decision.warnings;
        switch (decision.action) {
        case StepDecision::Action::Fail:
            stepFailed(decision.error);
            return;
        case StepDecision::Action::Skip:
            step->skipped(*this, decision);
            stepSkipped(decision.sentence, decision.inputs);
            return;
        case StepDecision::Action::Run:
            if (options().dryRun)
                stepDone(decision.sentence, decision.inputs);
            else
                step->apply(*this, decision);
            return;
        }
    });
}

void VmPipeline::beginStep(StepKind step, const QString& activity)
{
    StepRecord& r = record().steps[stepKey(step)];
    if (r.state != StepState::Running) {
        r.state = StepState::Running;
        m_host->saveState();
        emit stepChanged(m_vm, step, StepState::Running, activity);
    }
    setStepProgress(0.0, activity);
}

void VmPipeline::stepDone(const QString& message, const QString& inputs)
{
    if (!alive()) // an answer that arrived after cancel()
        return;
    const StepKind step = currentKind();
    StepRecord& r = record().steps[stepKey(step)];
    r.state = StepState::Done;
    r.inputs = inputs;
    r.message = message;
    r.updated = QDateTime::currentDateTimeUtc();
    m_host->saveState();
    emit stepChanged(m_vm, step, StepState::Done, message);
    setStepProgress(1.0, message);
    nextStep();
}

void VmPipeline::stepSkipped(const QString& message, const QString& inputs)
{
    if (!alive())
        return;
    // Skipped because nothing is to be done: the step's goal holds, so the record stays (or
    // becomes) done; only the report says skipped.
    const StepKind step = currentKind();
    StepRecord& r = record().steps[stepKey(step)];
    // "updated" keeps the time the goal was reached, not the time it was last looked at.
    if (!r.updated.isValid())
        r.updated = QDateTime::currentDateTimeUtc();
    r.state = StepState::Done;
    if (!inputs.isEmpty())
        r.inputs = inputs;
    m_host->saveState();
    emit stepChanged(m_vm, step, StepState::Skipped, message);
    setStepProgress(1.0, message);
    nextStep();
}

void VmPipeline::stepFailed(const Error& error)
{
    if (!alive())
        return;
    const StepKind step = currentKind();
    StepRecord& r = record().steps[stepKey(step)];
    r.state = StepState::Failed;
    r.message = error.message;
    r.updated = QDateTime::currentDateTimeUtc();
    m_host->saveState();
    emit stepChanged(m_vm, step, StepState::Failed, error.message);
    if (m_sudoPassword)
        Secrets::wipe(*m_sudoPassword);
    Error e = error;
    e.message = stepTitle(step) + u": "_qs + error.message;
    finish(e);
}

void VmPipeline::stepFailed(const QString& message, Error::Kind kind)
{
    stepFailed(Error::make(kind, message));
}

void VmPipeline::setStepProgress(double fraction, const QString& activity)
{
    if (m_steps.empty())
        return;
    const double done = (std::max<qsizetype>(m_index, 0) + std::clamp(fraction, 0.0, 1.0)) / double(m_steps.size());
    setProgress(int(done * 1000), 1000, activity);
}

Error VmPipeline::commandError(const QString& what, const CommandResult& result)
{
    if (result.error.isError()) {
        Error e = toError(result.error);
        // "downloading https://...: vm1: the command did not finish within 12 min ...": which
        // command of the step hung.
        if (result.error.kind == SshError::Kind::Timeout)
            e.message = what + u": "_qs + e.message;
        return e;
    }
    QString text = what + u" failed (exit "_qs + QString::number(result.exitCode) + u')';
    const QString excerpt = sshStderrExcerpt(result.standardError, 6);
    if (!excerpt.isEmpty())
        text += u": "_qs + excerpt;
    Error e = Error::make(Error::Kind::RemoteCommandFailed, text, QString::fromUtf8(result.standardError).trimmed());
    e.exitCode = result.exitCode;
    return e;
}

void VmPipeline::runCommand(const QStringList& argv, bool sudo, std::chrono::milliseconds timeout, CommandDone done,
                            const Input& input)
{
    if (!alive()) // e.g. the cluster answered after cancel()
        return;
    Q_ASSERT(timeout.count() > 0);
    RemoteRequest request;
    request.argv = argv;
    request.sudo = sudo;
    request.input = input.bytes;
    request.inputFile = input.localFile;
    request.inputSize = input.size;
    request.timeout = timeout;
    if (sudo) {
        runSudo(std::move(request), std::move(done), false);
        return;
    }
    m_remote->run(request, [this, done = std::move(done)](const CommandResult& result) {
        if (alive())
            done(result);
    });
}

void VmPipeline::runSudo(RemoteRequest request, CommandDone done, bool wrongBefore)
{
    if (!alive())
        return;
    // The repeat, kept for after a refusal, carries no password: it takes the one of that moment.
    // The request shares m_sudoPassword's bytes (no copy to wipe); it lets go of them after the
    // hand-over, and the last holder (this pipeline or the command's SudoExchange) zeroes them.
    RemoteRequest again = request;
    Secrets::wipe(again.sudoPassword);
    request.sudoPassword = m_sudoPassword.value_or(QByteArray());
    m_remote->run(request, [this, again, wrongBefore, done = std::move(done)](const CommandResult& result) mutable {
        if (!alive())
            return;
        const SshError::Kind kind = result.error.kind;
        if (kind != SshError::Kind::SudoPasswordRequired && kind != SshError::Kind::SudoWrongPassword) {
            done(result);
            return;
        }
        // sudo refused before running anything (so before any stdin was sent): ask for a
        // password (again) and repeat the command, its input from the start.
        const bool wrong = kind == SshError::Kind::SudoWrongPassword || (wrongBefore && m_sudoPassword.has_value());
        setStepProgress(0.0, u"waiting for the sudo password"_qs);
        m_host->sudoPassword(m_vm, wrong, this,
                             [this, again, result, done = std::move(done)](std::optional<QByteArray> password) mutable {
            if (!alive())
                return;
            if (!password || password->isEmpty()) {
                done(result);
                return;
            }
            if (m_sudoPassword)
                Secrets::wipe(*m_sudoPassword);
            m_sudoPassword = std::move(password);
            runSudo(std::move(again), std::move(done), true);
        });
    });
    Secrets::wipe(request.sudoPassword);
}

void VmPipeline::runScript(const QString& script, bool sudo, std::chrono::milliseconds timeout, CommandDone done,
                           const Input& input)
{
    runCommand({u"sh"_qs, u"-c"_qs, script, u"meshdeck"_qs}, sudo, timeout, std::move(done), input);
}

void VmPipeline::upload(const QList<UploadFile>& files, UploadDone done)
{
    if (!alive())
        return;
    m_remote->upload(files, [this, done = std::move(done)](const UploadResult& result) {
        if (alive())
            done(result);
    });
}

void VmPipeline::reconnect(std::function<void(const SshError&)> done)
{
    if (!alive())
        return;
    m_remote->reconnect([this, done = std::move(done)](const SshError& error) {
        if (alive())
            done(error);
    });
}

void VmPipeline::withHosts(HostsAttempt attempt)
{
    if (m_facts.hosts) {
        const QByteArray hosts = *std::exchange(m_facts.hosts, std::nullopt);
        attempt(hosts, true);
        return;
    }
    setStepProgress(0.05, u"reading /etc/hosts"_qs);
    runCommand({u"cat"_qs, u"/etc/hosts"_qs}, false, StepTimeouts::quick, [this, attempt](const CommandResult& r) {
        if (!r.ok()) {
            stepFailed(commandError(u"reading /etc/hosts"_qs, r));
            return;
        }
        attempt(r.standardOutput, false);
    });
}

bool VmPipeline::retryHosts(const CommandResult& r, bool retryOnChange, HostsAttempt attempt)
{
    if (!retryOnChange || r.error.isError() || r.exitCode != 4)
        return false;
    setStepProgress(0.2, u"/etc/hosts changed since it was read: reading it again"_qs);
    runCommand({u"cat"_qs, u"/etc/hosts"_qs}, false, StepTimeouts::quick, [this, attempt](const CommandResult& again) {
        if (!again.ok()) {
            stepFailed(commandError(u"reading /etc/hosts"_qs, again));
            return;
        }
        attempt(again.standardOutput, false);
    });
    return true;
}

// --- VmStep's defaults ---------------------------------------------------------------------------

void VmStep::observe(VmPipeline&, const StepRecord&, std::function<void()> then)
{
    then();
}

void VmStep::apply(VmPipeline& run, const StepDecision& decision)
{
    run.stepDone(decision.sentence, decision.inputs);
}

void VmStep::skipped(VmPipeline&, const StepDecision&)
{
}

StepDecision StepDecision::run(const QString& sentence, const QStringList& remote, const QString& inputs)
{
    StepDecision d;
    d.action = Action::Run;
    d.sentence = sentence;
    d.remote = remote;
    d.inputs = inputs;
    return d;
}

StepDecision StepDecision::skip(const QString& sentence, const QString& inputs)
{
    StepDecision d;
    d.action = Action::Skip;
    d.sentence = sentence;
    d.inputs = inputs;
    return d;
}

StepDecision StepDecision::fail(const Error& error)
{
    StepDecision d;
    d.action = Action::Fail;
    d.sentence = error.message;
    d.error = error;
    return d;
}

StepDecision StepDecision::fail(Error::Kind kind, const QString& sentence)
{
    return fail(Error::make(kind, sentence));
}
