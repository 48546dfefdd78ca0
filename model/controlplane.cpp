// SPDX-License-Identifier: Apache-2.0
// Placeholder: being written.
#include "generators.h"
namespace Generators {
QList<Resource> istioNamespace(const Plan&) { return {}; }
QList<Resource> cacertsSecret(const Plan&, const PluginCaMaterial&, Problems*) { return {}; }
Resource controlPlaneOperator(const Plan&) { return {}; }
QList<Resource> eastWestGateway(const Plan&) { return {}; }
QList<Resource> eastWestGatewayOperator(const Plan&) { return {}; }
QList<Resource> eastWestGatewayManifests(const Plan&) { return {}; }
QList<Resource> istiodExposure(const Plan&) { return {}; }
QList<Resource> crossNetworkGateway(const Plan&) { return {}; }
}
