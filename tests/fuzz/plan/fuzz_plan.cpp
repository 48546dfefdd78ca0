// SPDX-License-Identifier: Apache-2.0
// The plan loader (model/plan/planloader.h): a plan file as anyone may hand it over, through
// YAML syntax, every field's checks and the cross-field validation, then locating each problem.
// Relative paths resolve under a folder that does not exist.
#include "fuzzsupport.h"
#include "planloader.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    const PlanLoadResult result = loadPlanText(fuzzBytes(data, size), QStringLiteral("/nonexistent-meshdeck-fuzz/plan.yaml"));
    if (!result.plan)
        FUZZ_ASSERT(hasErrors(result.problems));
    for (const Problem& problem : result.problems) {
        (void)result.locate(problem.path);
        (void)problem.toString();
    }
    (void)result.locateInPlan(result.problems);
    return 0;
}
