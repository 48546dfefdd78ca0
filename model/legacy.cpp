// SPDX-License-Identifier: Apache-2.0
// Placeholder: being written.
#include "generators.h"
namespace Generators {
QList<Resource> globalServiceEntries(const Plan&, Problems*) { return {}; }
QList<Resource> meshExpansion(const Plan&, const MeshExpansionService&) { return {}; }
QByteArray legacyClusterEnv(const Plan&, const Vm&) { return {}; }
QByteArray legacyHosts(const Plan&, Problems*) { return {}; }
}
