// SPDX-License-Identifier: Apache-2.0
// VmRun's plumbing: the connection, remote commands with sudo, uploads, step bookkeeping.
// The steps themselves are in vmonboard.cpp and vmoffboard.cpp.
#include "vmrun.h"

#include "askpass.h"
#include "hostkeycheck.h"
#include "remotecommand.h"
#include "sshconnect.h"
#include "sshconnection.h"
#include "sshupload.h"

#include <QDateTime>
#include <QFile>

SshEndpoint vmEndpoint(const Plan& plan, const Vm& vm)
{
    SshEndpoint e;
    e.host = vm.address;
    e.user = vm.ssh.user;
    e.port = vm.ssh.port;
    if (!vm.ssh.identityFile.isEmpty())
        e.identityFile = plan.resolvePath(vm.ssh.identityFile);
    e.label = vm.name;
    // A jump host that names another VM of the plan goes through that VM's address, user and port.
    if (const Vm* jump = vm.ssh.jumpHost.isEmpty() ? nullptr : plan.vm(vm.ssh.jumpHost)) {
        JumpHop hop{jump->ssh.user, jump->address, jump->ssh.port};
        e.jumpHost = hop.toString();
    } else {
        e.jumpHost = vm.ssh.jumpHost;
    }
    return e;
}

VmRun::VmRun(VmRunHost* host, QString vmName, QObject* parent)
    : QObject(parent)
    , m_host(host)
    , m_vm(std::move(vmName))
{
    m_steps = m_host->options().mode == OnboardOptions::Mode::Onboard ? onboardSteps() : offboardSteps();
}

VmRun::~VmRun()
{
    if (m_sudoPassword)
        m_sudoPassword->fill('\0');
}

void VmRun::start()
{
    if (m_running)
        return;
    m_running = true;
    const Vm* vm = m_host->plan().vm(m_vm);
    if (!vm) {
        QMetaObject::invokeMethod(this, [this] { finish(false, u"the plan has no VM named "_qs + m_vm); }, Qt::QueuedConnection);
        return;
    }
    if (m_host->options().mode == OnboardOptions::Mode::Onboard && !m_host->plan().group(vm->group)) {
        // The legacy flow: what the plan lacks for it (a namespace, the plug-in CA) is known
        // before any connection is made.
        const QString refusal = makeLegacyBundle(m_host->plan(), m_vm, SharedClusterFacts{}, false).error;
        if (!refusal.isEmpty()) {
            QMetaObject::invokeMethod(this, [this, refusal] { finish(false, refusal); }, Qt::QueuedConnection);
            return;
        }
    }
    for (StepKind s : std::as_const(m_steps)) {
        if (!record().steps.contains(stepKey(s)))
            record().steps.insert(stepKey(s), StepRecord{});
    }
    connectVm();
}

void VmRun::cancel()
{
    if (!m_running || m_canceled)
        return;
    m_canceled = true;
    if (m_connect)
        m_connect->cancel();
    if (m_command)
        m_command->cancel();
    if (m_upload)
        m_upload->cancel();
    // The canceled operation reports back and the step fails with "canceled" there; a step
    // between operations (waiting for the cluster) ends here.
    if (!m_connect && !m_command && !m_upload)
        stepFailed(u"canceled"_qs);
}

void VmRun::connectVm()
{
    const Vm* vm = m_host->plan().vm(m_vm);
    m_index = 0;
    beginStep(m_steps.first(), u"connecting"_qs);
    m_connection = new SshConnection(m_host->sshContext(), vmEndpoint(m_host->plan(), *vm), this);
    m_connect = new SshConnect(m_connection, this);
    connect(m_connect, &SshConnect::hostKeyQuestion, this, [this](HostKeyQuestion* q) { m_host->askHostKey(q); });
    connect(m_connect, &SshConnect::passwordQuestion, this, [this](PasswordQuestion* q) { m_host->askPassword(q); });
    connect(m_connect, &SshConnect::progress, this, [this](int done, int total) {
        setProgress(0.3 * done / std::max(1, total), u"connecting"_qs);
    });
    connect(m_connect, &SshConnect::finished, this, &VmRun::onConnected);
    m_connect->start();
}

void VmRun::onConnected(const SshError& error)
{
    m_connect->deleteLater();
    m_connect = nullptr;
    if (m_canceled) {
        stepFailed(u"canceled"_qs);
        return;
    }
    if (error.isError()) {
        stepFailed(error.message.isEmpty() ? u"cannot connect"_qs : error.message);
        return;
    }
    if (m_host->options().mode == OnboardOptions::Mode::Onboard)
        runOnboardStep(m_steps.at(m_index));
    else
        runOffboardStep(m_steps.at(m_index));
}

void VmRun::nextStep()
{
    if (m_canceled) {
        finish(false, u"canceled"_qs);
        return;
    }
    ++m_index;
    if (m_index >= m_steps.size()) {
        finish(true, m_warnings.join(u"; "_qs));
        return;
    }
    if (m_host->options().mode == OnboardOptions::Mode::Onboard)
        runOnboardStep(m_steps.at(m_index));
    else
        runOffboardStep(m_steps.at(m_index));
}

VmRecord& VmRun::record()
{
    return m_host->state().vm(m_vm);
}

void VmRun::beginStep(StepKind step, const QString& activity)
{
    StepRecord& r = record().steps[stepKey(step)];
    if (r.state != StepState::Running) {
        r.state = StepState::Running;
        m_host->saveState();
        Q_EMIT stepChanged(m_vm, step, StepState::Running, activity);
    }
    setProgress(0.0, activity);
}

void VmRun::stepDone(const QString& message, const QString& inputs)
{
    if (!m_running) // an answer that arrived after cancel()
        return;
    const StepKind step = m_steps.at(m_index);
    StepRecord& r = record().steps[stepKey(step)];
    r.state = StepState::Done;
    r.inputs = inputs;
    r.message = message;
    r.updated = QDateTime::currentDateTimeUtc();
    m_host->saveState();
    Q_EMIT stepChanged(m_vm, step, StepState::Done, message);
    setProgress(1.0, message);
    nextStep();
}

void VmRun::stepSkipped(const QString& message, const QString& inputs)
{
    if (!m_running)
        return;
    // Skipped because nothing is to be done: the step's goal holds, so the record stays (or
    // becomes) done; only the report says skipped.
    const StepKind step = m_steps.at(m_index);
    StepRecord& r = record().steps[stepKey(step)];
    // "updated" keeps the time the goal was reached, not the time it was last looked at.
    if (!r.updated.isValid())
        r.updated = QDateTime::currentDateTimeUtc();
    r.state = StepState::Done;
    if (!inputs.isEmpty())
        r.inputs = inputs;
    m_host->saveState();
    Q_EMIT stepChanged(m_vm, step, StepState::Skipped, message);
    setProgress(1.0, message);
    nextStep();
}

void VmRun::stepFailed(const QString& message)
{
    if (!m_running)
        return;
    const StepKind step = m_steps.at(std::clamp<qsizetype>(m_index, 0, m_steps.size() - 1));
    StepRecord& r = record().steps[stepKey(step)];
    r.state = StepState::Failed;
    r.message = message;
    r.updated = QDateTime::currentDateTimeUtc();
    m_host->saveState();
    Q_EMIT stepChanged(m_vm, step, StepState::Failed, message);
    finish(false, stepTitle(step) + u": "_qs + message);
}

void VmRun::setProgress(double stepFraction, const QString& activity)
{
    const double done = (std::max<qsizetype>(m_index, 0) + std::clamp(stepFraction, 0.0, 1.0)) / double(m_steps.size());
    Q_EMIT progress(m_vm, int(done * 1000), activity);
}

void VmRun::finish(bool ok, const QString& message)
{
    if (!m_running)
        return;
    m_running = false;
    if (m_sudoPassword)
        m_sudoPassword->fill('\0');
    Q_EMIT finished(m_vm, ok, message);
}

RemoteCommand* VmRun::makeCommand(const QStringList& argv, const RemoteInput& input, std::chrono::milliseconds timeout,
                                  QString* error)
{
    auto* command = new RemoteCommand(m_connection, argv, this);
    if (timeout.count() > 0)
        command->setTimeout(timeout);
    if (!input.localFile.isEmpty()) {
        auto* file = new QFile(input.localFile, command);
        if (!file->open(QIODevice::ReadOnly)) {
            *error = u"cannot read "_qs + input.localFile + u": "_qs + file->errorString();
            delete command;
            return nullptr;
        }
        command->setStandardInputDevice(file, input.size);
        connect(command, &RemoteCommand::progress, this, [this](qint64 sent, qint64 total) {
            setProgress(0.1 + 0.7 * (total > 0 ? double(sent) / double(total) : 1.0),
                        u"uploading "_qs + QString::number(sent / 1024) + u" of "_qs + QString::number(total / 1024) + u" KiB"_qs);
        });
    } else if (!input.bytes.isEmpty()) {
        command->setStandardInput(input.bytes);
    }
    return command;
}

void VmRun::runRemote(const QStringList& argv, bool sudo, CommandDone done, std::chrono::milliseconds timeout,
                      const RemoteInput& input)
{
    if (!m_running || m_canceled) // e.g. the cluster answered after cancel()
        return;
    if (sudo) {
        runSudo(argv, std::move(done), false, input, timeout);
        return;
    }
    QString error;
    RemoteCommand* command = makeCommand(argv, input, timeout, &error);
    if (!command) {
        stepFailed(error);
        return;
    }
    m_command = command;
    connect(command, &RemoteCommand::finished, this, [this, command, done = std::move(done)](const CommandResult& result) {
        command->deleteLater();
        if (m_canceled) {
            stepFailed(u"canceled"_qs);
            return;
        }
        done(result);
    });
    command->start();
}

void VmRun::runSudo(const QStringList& argv, CommandDone done, bool wrongBefore, const RemoteInput& input,
                    std::chrono::milliseconds timeout)
{
    if (!m_running || m_canceled)
        return;
    QString error;
    RemoteCommand* command = makeCommand(argv, input, timeout, &error);
    if (!command) {
        stepFailed(error);
        return;
    }
    command->setSudo(m_sudoPassword.value_or(QByteArray()));
    m_command = command;
    connect(command, &RemoteCommand::finished, this,
            [this, command, argv, wrongBefore, input, timeout, done = std::move(done)](const CommandResult& result) mutable {
        command->deleteLater();
        if (m_canceled) {
            stepFailed(u"canceled"_qs);
            return;
        }
        const SshError::Kind kind = result.error.kind;
        if (kind != SshError::Kind::SudoPasswordRequired && kind != SshError::Kind::SudoWrongPassword) {
            done(result);
            return;
        }
        // sudo refused before running anything (so before any stdin was sent): ask for a
        // password (again) and repeat the command, its input from the start.
        const bool wrong = kind == SshError::Kind::SudoWrongPassword || (wrongBefore && m_sudoPassword.has_value());
        setProgress(0.0, u"waiting for the sudo password"_qs);
        m_host->sudoPassword(m_vm, wrong, this,
                             [this, argv, result, input, timeout, done = std::move(done)](std::optional<QByteArray> password) mutable {
            if (!password || password->isEmpty()) {
                done(result);
                return;
            }
            if (m_sudoPassword)
                m_sudoPassword->fill('\0');
            m_sudoPassword = std::move(password);
            runSudo(argv, std::move(done), true, input, timeout);
        });
    });
    command->start();
}

void VmRun::runScript(const QString& script, bool sudo, CommandDone done, const RemoteInput& input,
                      std::chrono::milliseconds timeout)
{
    runRemote({u"sh"_qs, u"-c"_qs, script, u"meshdeck"_qs}, sudo, std::move(done), timeout, input);
}

void VmRun::upload(const QList<UploadFile>& files, UploadDone done)
{
    if (!m_running || m_canceled)
        return;
    auto* up = new SshUpload(m_connection, files, this);
    m_upload = up;
    const double base = 0.1;
    connect(up, &SshUpload::progress, this, [this, base](qint64 sent, qint64 total) {
        setProgress(base + 0.7 * (total > 0 ? double(sent) / double(total) : 1.0),
                    u"uploading "_qs + QString::number(sent / 1024) + u" of "_qs + QString::number(total / 1024) + u" KiB"_qs);
    });
    connect(up, &SshUpload::finished, this, [this, up, done = std::move(done)](const UploadResult& result) {
        up->deleteLater();
        if (m_canceled) {
            stepFailed(u"canceled"_qs);
            return;
        }
        done(result);
    });
    up->start();
}

QString VmRun::commandFailure(const QString& what, const CommandResult& result) const
{
    if (result.error.isError())
        return result.error.message;
    QString text = what + u" failed (exit "_qs + QString::number(result.exitCode) + u')';
    const QString excerpt = sshStderrExcerpt(result.standardError, 6);
    if (!excerpt.isEmpty())
        text += u": "_qs + excerpt;
    return text;
}
