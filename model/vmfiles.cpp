// SPDX-License-Identifier: Apache-2.0
// Placeholder: being written.
#include "generators.h"
namespace Generators {
VmBundle vmBundle(const Plan&, const Vm& vm, const ClusterFacts&) { return VmBundle{vm.name, {}}; }
QString istioShellQuote(const QString& value) { return value; }
}
