// SPDX-License-Identifier: Apache-2.0
#pragma once

// YamlJson's conversion for a node a library parsed with yaml-cpp itself (the kubeconfig
// parser keeps its nodes for line numbers). Includes yaml-cpp: for .cpp files of libraries that
// link yaml-cpp themselves, never for a public header.

#include "yamljson.h"

#include <yaml-cpp/node/node.h>

namespace YamlJson {

/*! The node as JSON, with parse()'s scalar rules and bounds; nullopt and error when refused. */
std::optional<QJsonValue> fromNode(const YAML::Node& node, QString* error = nullptr, bool* tooLarge = nullptr);

} // namespace YamlJson
