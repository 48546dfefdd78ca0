// SPDX-License-Identifier: Apache-2.0
// Pem (core/pem.h): PEM text of the plug-in CA files and of what the cluster hands out.
#include "fuzzsupport.h"
#include "pem.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray text = fuzzBytes(data, size);
    QString error;
    const std::optional<QList<Pem::Block>> blocks = Pem::parse(text, &error);
    if (blocks)
        FUZZ_ASSERT(!blocks->isEmpty());
    else
        FUZZ_ASSERT(!error.isEmpty());
    (void)Pem::certificateFingerprint(text);
    (void)Pem::isIstioSampleCertificate(text);
    return 0;
}
