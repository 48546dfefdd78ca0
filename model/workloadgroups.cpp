// SPDX-License-Identifier: Apache-2.0
// Placeholder: being written.
#include "generators.h"
namespace Generators {
QList<Resource> vmGroupResources(const Plan&, const VmGroup&) { return {}; }
}
