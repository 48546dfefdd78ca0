// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "onboardingservice.h"
#include "remotetask.h"
#include "vmprobe.h"

#include <QPointer>

#include <functional>

class SshContext;
class VmRemote;
struct Plan;

/*!
 * The wizard's "Test connection" for one VM (OnboardingService::probeVm): log in over the
 * VmRemote (host-key and password questions come out as ProbeTask::question), run the
 * unprivileged probe (VmProbing: OS, architecture, systemd, free disk, the VM's clock, whether
 * the gateway's 15012 and 15443 answer from the VM), ask sudo -n whether sudo will want a
 * password, and report it as VmProbeInfo. Changes nothing on the VM.
 *
 * The service makes the remote (SshVmRemote for the plan's VM) and finds the gateway's address
 * (the plan's eastWestGateway.address, else the cluster's facts); an empty address skips the
 * port checks.
 */
class VmProbeTask final : public RemoteTask<ProbeTask>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VmProbeTask)
public:
    /*! remote: taken over (reparented to the task). */
    VmProbeTask(VmRemote* remote, const QString& gatewayAddress, QObject* parent = nullptr);
    ~VmProbeTask() override;

    /*!
     * What OnboardingService::probeVm returns: an SshVmRemote for the plan's VM over ssh (its
     * endpoint as onboarding uses it, vmEndpoint()). The gateway probed is the plan's
     * eastWestGateway.address, else gatewayAddress (what the cluster says), else
     * legacy.gatewayAddress (GatewayAddress::forVms, as onboarding picks it). A VM the plan
     * does not have gives a task that fails with InvalidInput.
     */
    static VmProbeTask* forPlan(SshContext* ssh, const Plan& plan, const QString& vm, const QString& gatewayAddress,
                                QObject* parent);

    VmProbeInfo info() const override { return m_info; }
    /*! The raw probe and its judgement, after finished(). */
    const VmProbe& probe() const { return m_probe; }
    const QList<ProbeCheck>& checks() const { return m_checks; }

    /*! The local clock in seconds since the epoch (tests fix it). */
    void setClock(std::function<qint64()> now) { m_now = std::move(now); }

    /*! The page's view of a probe: localEpoch at the middle of the command, ± uncertainty s. */
    static VmProbeInfo infoOf(const VmProbe& probe, const QList<ProbeCheck>& checks, qint64 localEpoch);

protected:
    void run() override;
    void abort() override;

private:
    void runProbe();
    void checkSudo();

    QPointer<VmRemote> m_remote;
    QString m_gateway;
    std::function<qint64()> m_now;
    VmProbe m_probe;
    QList<ProbeCheck> m_checks;
    VmProbeInfo m_info;
};
