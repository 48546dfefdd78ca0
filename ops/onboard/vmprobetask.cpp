// SPDX-License-Identifier: Apache-2.0
#include "vmprobetask.h"

#include "gatewayaddress.h"
#include "operror.h"
#include "plan.h"
#include "vmremote.h"
#include "vmrun.h"
#include "vmstep.h"

#include <QDateTime>

VmProbeTask::VmProbeTask(VmRemote* remote, const QString& gatewayAddress, QObject* parent)
    : RemoteTask(parent)
    , m_remote(remote)
    , m_gateway(gatewayAddress)
    , m_now([] { return QDateTime::currentSecsSinceEpoch(); })
{
    if (m_remote) {
        m_remote->setParent(this);
        connect(remote, &VmRemote::hostKeyQuestion, this, [this](HostKeyQuestion* q) { emit question(q); });
        connect(remote, &VmRemote::passwordQuestion, this, [this](PasswordQuestion* q) { emit question(q); });
    }
}

VmProbeTask::~VmProbeTask() = default;

VmProbeTask* VmProbeTask::forPlan(SshContext* ssh, const Plan& plan, const QString& vm, const QString& gatewayAddress,
                                  QObject* parent)
{
    QString gateway = GatewayAddress::forVms(plan, gatewayAddress);
    if (gateway.isEmpty())
        gateway = plan.legacy.gatewayAddress;
    const Vm* found = plan.vm(vm);
    VmRemote* remote = found && ssh ? new SshVmRemote(ssh, vmEndpoint(plan, *found)) : nullptr;
    return new VmProbeTask(remote, gateway, parent);
}

VmProbeInfo VmProbeTask::infoOf(const VmProbe& probe, const QList<ProbeCheck>& checks, qint64 localEpoch)
{
    VmProbeInfo info;
    info.os = probe.osPretty;
    if (info.os.isEmpty())
        info.os = QString(probe.osId + u' ' + probe.osVersion).trimmed();
    const QString arch = VmProbing::istioArch(probe.machine);
    info.architecture = arch.isEmpty() ? probe.machine : arch;
    info.systemd = probe.systemd;
    qint64 freeKb = -1;
    for (const qint64 kb : {probe.freeVarKb, probe.freeUsrKb}) {
        if (kb >= 0)
            freeKb = freeKb < 0 ? kb : std::min(freeKb, kb);
    }
    info.freeDiskBytes = freeKb < 0 ? -1 : freeKb * 1024;
    info.clockSkewSeconds = probe.remoteEpoch > 0 ? double(probe.remoteEpoch - localEpoch) : 0;
    info.gatewayDiscoveryReachable = probe.port15012 == u"open";
    info.gatewayMtlsReachable = probe.port15443 == u"open";
    for (const ProbeCheck& check : checks) {
        if (check.level != ProbeCheck::Level::Ok)
            info.notes.append(check.message);
    }
    return info;
}

void VmProbeTask::run()
{
    if (!m_remote) {
        finish(Error::make(Error::Kind::InvalidInput, tr("The plan has no such VM, or there is no ssh to reach it.")));
        return;
    }
    setProgress(0, 3, tr("connecting"));
    openRemote(m_remote, [this] { runProbe(); });
}

void VmProbeTask::runProbe()
{
    setProgress(1, 3, tr("probing OS, disk, clock and gateway ports"));
    RemoteRequest request;
    request.argv = VmProbing::probeCommand(m_gateway, VmProbing::touchedPaths());
    request.timeout = StepTimeouts::probe;
    const qint64 startedAt = m_now();
    m_remote->run(request, [this, startedAt](const CommandResult& result) {
        if (!isRunning())
            return;
        const qint64 endedAt = m_now();
        if (result.error.isError()) {
            finish(toError(result.error));
            return;
        }
        if (result.exitCode != 0) {
            Error e = Error::make(Error::Kind::RemoteCommandFailed, tr("The probe failed on the VM."),
                                  QString::fromUtf8(result.standardError).trimmed());
            e.exitCode = result.exitCode;
            finish(e);
            return;
        }
        m_probe = VmProbing::parse(result.standardOutput);
        const qint64 middle = (startedAt + endedAt) / 2;
        m_checks = VmProbing::judge(m_probe, middle, (endedAt - startedAt) / 2 + 1, !m_gateway.isEmpty());
        m_info = infoOf(m_probe, m_checks, middle);
        checkSudo();
    });
}

void VmProbeTask::checkSudo()
{
    setProgress(2, 3, tr("checking sudo"));
    RemoteRequest request;
    request.argv = {u"sudo"_qs, u"-n"_qs, u"true"_qs};
    request.timeout = StepTimeouts::quick;
    m_remote->run(request, [this](const CommandResult& result) {
        if (!isRunning())
            return;
        if (!result.error.isError() && result.exitCode != 0)
            m_info.notes.append(tr("sudo asks for a password: the onboarding will ask for it."));
        setProgress(3, 3, tr("done"));
        finish();
    });
}

void VmProbeTask::abort()
{
    if (m_remote)
        m_remote->cancel();
}
