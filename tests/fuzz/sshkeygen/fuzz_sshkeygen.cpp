// SPDX-License-Identifier: Apache-2.0
// `ssh-keygen -l` output (ssh/sshhostconfig.h, read by HostKeyCheck for the host-key question).
#include "fuzzsupport.h"
#include "sshhostconfig.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QList<KeyFingerprint> fingerprints = parseFingerprints(fuzzBytes(data, size));
    for (const KeyFingerprint& fingerprint : fingerprints)
        FUZZ_ASSERT(!fingerprint.fingerprint.isEmpty());
    return 0;
}
