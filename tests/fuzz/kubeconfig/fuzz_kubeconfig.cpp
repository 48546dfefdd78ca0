// SPDX-License-Identifier: Apache-2.0
// The kubeconfig parser (kube/kubeconfigparser.h): one file's YAML into clusters, users (with
// exec plugins and their extension) and contexts, as client-go reads it.
#include "fuzzsupport.h"
#include "kubeconfigparser.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const KubeconfigFileContent content = parseKubeconfig(fuzzBytes(data, size), QStringLiteral("/nonexistent-meshdeck-fuzz/config"));
    if (!content.errors.isEmpty()) {
        for (const QString& error : content.errors)
            FUZZ_ASSERT(!error.isEmpty());
    }
    return 0;
}
