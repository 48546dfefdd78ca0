// SPDX-License-Identifier: Apache-2.0
// How meshdeck reaches a plan VM. One VM's run is VmPipeline (steps/vmpipeline.h), its steps
// are in steps/onboardsteps.cpp and steps/offboardsteps.cpp.
#include "vmrun.h"

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
