// SPDX-License-Identifier: Apache-2.0
// An exec credential plugin's output (kube/execcredential.h): its stdout read as an
// ExecCredential of the configured apiVersion (first byte: even v1, odd v1beta1), and its
// stderr cut for a message.
#include "execcredential.h"
#include "fuzzsupport.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    FuzzInput input(data, size);
    const QString apiVersion = input.takeByte() % 2 == 0 ? QStringLiteral("client.authentication.k8s.io/v1")
                                                         : QStringLiteral("client.authentication.k8s.io/v1beta1");
    const QByteArray output = input.rest();
    const ParsedExecCredential parsed = parseExecCredential(output, apiVersion);
    (void)parsed.error.isEmpty();
    const QString excerpt = stderrExcerpt(output);
    (void)excerpt;
    return 0;
}
