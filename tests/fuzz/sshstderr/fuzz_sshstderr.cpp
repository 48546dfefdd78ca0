// SPDX-License-Identifier: Apache-2.0
// The OpenSSH client's stderr after a failure (ssh/ssherror.h): host key changed, DNS, refused,
// authentication, ... recognised (or not: None) for the user's message, and the excerpt shown with it.
#include "fuzzsupport.h"
#include "ssherror.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray standardError = fuzzBytes(data, size);
    const SshError error = sshFailureFromStderr(standardError, QStringLiteral("vm1"));
    if (error.isError())
        FUZZ_ASSERT(!error.message.isEmpty());
    (void)sshStderrExcerpt(standardError);
    (void)sshStderrExcerpt(standardError, 1);
    return 0;
}
