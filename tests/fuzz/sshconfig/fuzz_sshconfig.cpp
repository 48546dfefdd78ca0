// SPDX-License-Identifier: Apache-2.0
// `ssh -G` output (ssh/sshhostconfig.h, read by HostKeyCheck): the user's resolved ssh config,
// then its ProxyJump split into hops (ssh/sshendpoint.h) as HostKeyCheck does.
#include "fuzzsupport.h"
#include "sshendpoint.h"
#include "sshhostconfig.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const SshHostConfig config = SshHostConfig::parse(fuzzBytes(data, size));
    (void)config.knownHostsName();
    (void)config.knownHostsFileToWrite();
    QList<JumpHop> hops;
    QString error;
    if (parseJumpHosts(config.proxyJump, &hops, &error)) {
        const QString joined = joinJumpHosts(hops);
        // What -J gets back must read as the same hops.
        QList<JumpHop> again;
        QString againError;
        FUZZ_ASSERT(parseJumpHosts(joined, &again, &againError));
        FUZZ_ASSERT(again == hops);
    } else {
        FUZZ_ASSERT(!error.isEmpty());
    }
    return 0;
}
