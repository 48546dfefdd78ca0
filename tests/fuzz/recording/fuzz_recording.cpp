// SPDX-License-Identifier: Apache-2.0
// Graph recordings (model/graph/graphformats.h, RecordingGraphSource): a recorded or bare
// Prometheus answer plus inventory, then what the source does with it: build the graph of the
// recorded type and write it out as JSON and DOT.
#include "fuzzsupport.h"
#include "graphformats.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    QString error;
    const std::optional<GraphFormats::Recording> recording = GraphFormats::parseRecording(fuzzBytes(data, size), &error);
    if (!recording) {
        FUZZ_ASSERT(!error.isEmpty());
        return 0;
    }
    const TrafficGraph graph = buildTrafficGraph(recording->telemetry, recording->inventory, recording->options);
    (void)GraphFormats::toJson(graph);
    (void)GraphFormats::toDot(graph);
    return 0;
}
