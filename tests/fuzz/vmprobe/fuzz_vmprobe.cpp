// SPDX-License-Identifier: Apache-2.0
// The VM probe's output (ops/onboard/scripts/vmprobe.h, read by VmProbeTask): whatever the VM's
// shell printed for the probe script, parsed, judged and summarised as the wizard shows it.
#include "fuzzsupport.h"
#include "vmprobe.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const VmProbe probe = VmProbing::parse(fuzzBytes(data, size));
    (void)VmProbing::packageFormat(probe);
    (void)VmProbing::istioArch(probe.machine);
    const QList<ProbeCheck> checks = VmProbing::judge(probe, 1765000000, 2, true);
    (void)VmProbing::passed(checks);
    (void)VmProbing::judge(probe, probe.remoteEpoch, 0, false);
    (void)VmProbing::summary(probe);
    return 0;
}
