// SPDX-License-Identifier: Apache-2.0
// One watch event (kube/watchevent.h): a line of a watch stream as the API server (or anything
// between) sends it, and what KubeWatch reads of it.
#include "fuzzsupport.h"
#include "watchevent.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    QString error;
    const std::optional<WatchEvent> event = WatchEvent::parse(fuzzBytes(data, size), &error);
    if (!event) {
        FUZZ_ASSERT(!error.isEmpty());
        return 0;
    }
    (void)event->resourceVersion();
    (void)event->errorCode();
    return 0;
}
