// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "planloader.h"

/*!
 * The rules a plan must satisfy beyond its shape: valid names and addresses, unique VMs,
 * weights summing to 100, probes with one handler, referenced files present and PEM, ...
 * Problems are located through the loader's field locations (empty for plans built in code).
 */
Problems checkPlan(const Plan& plan, const QHash<QString, SourceLocation>& locations, const QString& fileName);
