// SPDX-License-Identifier: Apache-2.0
// The Prometheus HTTP API's answers (core/prometheusdata.h): /api/v1/query and query_range
// bodies as Prometheus, or a proxy in front of it, sends them; sample values in their text form.
#include "fuzzsupport.h"
#include "prometheusdata.h"

#include <cmath>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const QByteArray body = fuzzBytes(data, size);
    const PrometheusData parsed = parsePrometheusData(body);
    if (parsed.ok()) {
        for (const PrometheusSeries& series : parsed.series) {
            (void)series.value();
            (void)series.label(QStringLiteral("destination_workload"));
        }
    } else {
        FUZZ_ASSERT(!parsed.error.isEmpty());
    }
    bool ok = false;
    const double value = parsePrometheusValue(QString::fromUtf8(body.left(64)), &ok);
    if (!ok)
        FUZZ_ASSERT(std::isnan(value));
    return 0;
}
