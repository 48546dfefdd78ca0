// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

/*! The subcommands that talk to the cluster: preflight, apply, status. */
namespace ClusterCommands {

int preflight(const QStringList& args);
int apply(const QStringList& args);
int status(const QStringList& args);

} // namespace ClusterCommands
