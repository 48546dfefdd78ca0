// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "bundlerun.h"
#include "hostsblock.h"
#include "onboardstate.h"
#include "packagesource.h"
#include "sshendpoint.h"
#include "vmprobe.h"

#include <QObject>

#include <functional>
#include <optional>

class HostKeyQuestion;
class KubeClient;
class PasswordQuestion;
class SshContext;

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
    /*!
     * Install a downloaded package that cannot be verified (no SHA-256 given, and none published
     * over https beside it: PackageSources::verificationRefusal). Off: such a package is refused,
     * before anything is downloaded where that can be known.
     */
    bool allowUnverifiedPackage = false;
    bool removeClusterResources = false; //!< offboard --cluster: the groups' cleanup list too
    /*!
     * The sudo password typed once is tried on every VM that asks (--same-sudo-password). Off:
     * each VM's is asked for (security review H3), unless the user ticks "for every VM".
     */
    bool sameSudoPassword = false;
    int startTimeoutSeconds = 40; //!< for istio.service to settle in active/running
};

/*! What a VmPipeline needs from the run around it (FleetRun implements it; tests may too). */
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
