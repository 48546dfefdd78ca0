// SPDX-License-Identifier: Apache-2.0
#include "vmremote.h"

#include "askpass.h"
#include "hostkeycheck.h"
#include "sshconnect.h"
#include "sshconnection.h"
#include "sshcontext.h"

#include <QFile>
#include <QProcess>
#include <QTimer>

#include <memory>
#include <utility>

SshVmRemote::SshVmRemote(SshContext* context, const SshEndpoint& endpoint, QObject* parent)
    : VmRemote(parent)
    , m_connection(new SshConnection(context, endpoint, this))
{
}

SshVmRemote::~SshVmRemote() = default;

void SshVmRemote::open(OpenDone done)
{
    auto* connect = new SshConnect(m_connection, this);
    m_inFlight.removeAll(nullptr);
    m_inFlight.append(connect);
    QObject::connect(connect, &SshConnect::hostKeyQuestion, this, &VmRemote::hostKeyQuestion);
    QObject::connect(connect, &SshConnect::passwordQuestion, this, &VmRemote::passwordQuestion);
    QObject::connect(connect, &SshConnect::progress, this, &VmRemote::openProgress);
    QObject::connect(connect, &SshConnect::finished, this,
                     [this, connect, generation = m_generation, done = std::move(done)](const SshError& error) {
        connect->deleteLater();
        if (generation == m_generation)
            done(error);
    });
    connect->start();
}

void SshVmRemote::run(const RemoteRequest& request, CommandDone done)
{
    auto* command = new RemoteCommand(m_connection, request.argv, this);
    if (request.timeout.count() > 0)
        command->setTimeout(request.timeout);
    if (!request.inputFile.isEmpty()) {
        auto* file = new QFile(request.inputFile, command);
        if (!file->open(QIODevice::ReadOnly)) {
            CommandResult failed;
            failed.error.kind = SshError::Kind::LocalFailure;
            failed.error.message = u"cannot read "_qs + request.inputFile + u": "_qs + file->errorString();
            delete command;
            QTimer::singleShot(0, this, [this, failed, generation = m_generation, done = std::move(done)] {
                if (generation == m_generation)
                    done(failed);
            });
            return;
        }
        command->setStandardInputDevice(file, request.inputSize);
        connect(command, &RemoteCommand::progress, this, &VmRemote::transferProgress);
    } else if (!request.input.isEmpty()) {
        command->setStandardInput(request.input);
    }
    if (request.sudo)
        command->setSudo(request.sudoPassword);
    m_inFlight.removeAll(nullptr);
    m_inFlight.append(command);
    connect(command, &RemoteCommand::finished, this,
            [this, command, generation = m_generation, done = std::move(done)](const CommandResult& result) {
        command->deleteLater();
        if (generation == m_generation)
            done(result);
    });
    command->start();
}

void SshVmRemote::upload(const QList<UploadFile>& files, UploadDone done)
{
    auto* up = new SshUpload(m_connection, files, this);
    m_inFlight.removeAll(nullptr);
    m_inFlight.append(up);
    connect(up, &SshUpload::progress, this, &VmRemote::transferProgress);
    connect(up, &SshUpload::finished, this, [this, up, generation = m_generation, done = std::move(done)](const UploadResult& result) {
        up->deleteLater();
        if (generation == m_generation)
            done(result);
    });
    up->start();
}

void SshVmRemote::reconnect(OpenDone done)
{
    // The master is told to exit (it answers over its local socket even when its TCP connection
    // is dead), then open() makes a new one. Bounded: a master that does not answer in 5 s is
    // left to ControlPersist, and open() goes on.
    m_connection->setEstablished(false);
    auto* stop = new QProcess(this);
    m_inFlight.removeAll(nullptr);
    m_inFlight.append(stop);
    stop->setProgram(m_connection->context()->options().sshProgram);
    stop->setArguments(m_connection->stopMasterArguments());
    stop->setProcessEnvironment(m_connection->context()->environment());
    stop->setStandardInputFile(QProcess::nullDevice());
    stop->setStandardOutputFile(QProcess::nullDevice());
    stop->setStandardErrorFile(QProcess::nullDevice());
    auto* limit = new QTimer(stop);
    limit->setSingleShot(true);
    auto once = std::make_shared<bool>(false);
    auto proceed = [this, stop, once, generation = m_generation, done = std::move(done)]() mutable {
        if (std::exchange(*once, true))
            return;
        stop->deleteLater();
        if (generation == m_generation)
            open(std::move(done));
    };
    QObject::connect(stop, &QProcess::finished, this, proceed);
    QObject::connect(stop, &QProcess::errorOccurred, this, [proceed](QProcess::ProcessError e) mutable {
        if (e == QProcess::FailedToStart)
            proceed();
    });
    QObject::connect(limit, &QTimer::timeout, this, proceed);
    limit->start(5000);
    stop->start();
}

void SshVmRemote::cancel()
{
    ++m_generation;
    const QList<QPointer<QObject>> running = std::exchange(m_inFlight, {});
    for (const QPointer<QObject>& object : running) {
        if (auto* c = qobject_cast<SshConnect*>(object))
            c->cancel();
        else if (auto* r = qobject_cast<RemoteCommand*>(object))
            r->cancel();
        else if (auto* u = qobject_cast<SshUpload*>(object))
            u->cancel();
        else if (auto* p = qobject_cast<QProcess*>(object))
            p->kill();
    }
}
