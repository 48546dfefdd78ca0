// SPDX-License-Identifier: Apache-2.0
#include "planloader.h"
PlanLoadResult loadPlanFile(const QString&) { return {}; }
PlanLoadResult loadPlanText(const QByteArray&, const QString&) { return {}; }
Problems validatePlan(const Plan&) { return {}; }
SourceLocation PlanLoadResult::locate(const QString&) const { return {}; }
