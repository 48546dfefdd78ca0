// SPDX-License-Identifier: Apache-2.0
#include "tokenrefreshfleet.h"

#include "askpass.h"
#include "fleetrun.h"
#include "hostkeycheck.h"
#include "kubeclient.h"
#include "secrets.h"
#include "tokenrefreshrun.h"
#include "vmremote.h"

TokenRefreshFleet::TokenRefreshFleet(KubeClient* client, Plan plan, QStringList vms, RemoteFactory remotes, int parallel,
                                     QObject* parent)
    : FleetTask(parent)
    , m_client(client)
    , m_plan(std::move(plan))
    , m_queue(std::move(vms))
    , m_parallel(qMax(1, parallel))
    , m_remotes(std::move(remotes))
{
    if (m_queue.isEmpty()) {
        for (const Vm& vm : m_plan.vms) {
            if (m_plan.group(vm.group)) // legacy VMs have no token
                m_queue << vm.name;
        }
    }
    m_total = int(m_queue.size());
}

TokenRefreshFleet::~TokenRefreshFleet()
{
    if (m_sudoPassword)
        Secrets::wipe(*m_sudoPassword);
    for (QByteArray& password : m_vmSudoPasswords)
        Secrets::wipe(password);
}

void TokenRefreshFleet::run()
{
    if (m_queue.isEmpty()) {
        finish();
        return;
    }
    setProgress(0, m_total, tr("refreshing tokens"));
    next();
}

void TokenRefreshFleet::abort()
{
    for (const QPointer<TokenRefreshRun>& run : std::as_const(m_running)) {
        if (run)
            run->cancel();
    }
    m_queue.clear();
}

void TokenRefreshFleet::next()
{
    while (isRunning() && m_running.size() < m_parallel && !m_queue.isEmpty()) {
        const QString vm = m_queue.takeFirst();
        VmRemote* remote = m_remotes ? m_remotes(vm, this) : nullptr;
        if (remote) {
            connect(remote, &VmRemote::hostKeyQuestion, this, [this](HostKeyQuestion* q) { emit question(q); });
            connect(remote, &VmRemote::passwordQuestion, this, [this](PasswordQuestion* q) { emit question(q); });
        }
        auto* run = new TokenRefreshRun(m_client, m_plan, vm, remote, this);
        run->setSudoPrompt([this](bool wrongBefore, QObject* context, std::function<void(std::optional<QByteArray>)> done) {
            askSudo(wrongBefore, context, std::move(done));
        });
        m_running.append(run);
        connect(run, &Task::finished, this, [this, run, remote, vm](const Error& error) {
            m_running.removeAll(run);
            run->deleteLater();
            if (remote)
                remote->deleteLater();
            if (!isRunning())
                return;
            ++m_done;
            if (error.isError()) {
                m_failed << vm;
                m_messages << vm + u": "_qs + error.message;
                m_firstError = m_firstError.isError() ? m_firstError : error;
            }
            setProgress(m_done, m_total, tr("%1: %2").arg(vm, error.isError() ? error.message : tr("token delivered")));
            if (m_running.isEmpty() && m_queue.isEmpty())
                complete();
            else
                next();
        });
        run->start();
    }
}

void TokenRefreshFleet::askSudo(bool wrongBefore, QObject* context, std::function<void(std::optional<QByteArray>)> done)
{
    const auto* run = qobject_cast<TokenRefreshRun*>(context);
    const QString vm = run ? run->vmName() : QString();
    // This VM's own password, or one the user gave for every VM (security review H3: never
    // another VM's without that); a VM that refuses it asks again.
    if (wrongBefore) {
        if (auto it = m_vmSudoPasswords.find(vm); it != m_vmSudoPasswords.end()) {
            Secrets::wipe(*it);
            m_vmSudoPasswords.erase(it);
        }
    } else if (const auto it = m_vmSudoPasswords.constFind(vm); it != m_vmSudoPasswords.cend()) {
        done(*it);
        return;
    } else if (m_sudoPassword) {
        done(*m_sudoPassword);
        return;
    }
    auto* q = new SudoPasswordQuestion(vm, wrongBefore, context);
    q->setOffersEveryVm(m_total > 1);
    connect(q, &SudoPasswordQuestion::answered, context, [this, done, q, vm](const QByteArray& password, bool given) {
        q->deleteLater();
        if (!given) {
            done(std::nullopt);
            return;
        }
        if (q->forEveryVm())
            m_sudoPassword = password;
        else
            m_vmSudoPasswords.insert(vm, password);
        done(password);
    });
    emit question(q);
}

void TokenRefreshFleet::complete()
{
    if (m_failed.isEmpty()) {
        finish();
        return;
    }
    if (m_total == 1) {
        finish(m_firstError); // one VM: its own typed error (host key, sudo, Status, ...)
        return;
    }
    finish(Error::make(Error::Kind::PartialFailure,
                       tr("The token could not be refreshed on %1.").arg(m_failed.join(u", "_qs)),
                       m_messages.join(u'\n')));
}
