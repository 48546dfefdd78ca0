// SPDX-License-Identifier: Apache-2.0
// Placeholder: being written.
#include "generators.h"
namespace Generators {
QList<Resource> trafficSplit(const Plan&, const TrafficSplit&) { return {}; }
}
