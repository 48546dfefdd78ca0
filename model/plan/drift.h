// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QStringList>

/*!
 * How a live object differs from what meshdeck would apply. Only the fields meshdeck sets count
 * (server-side apply owns those); whatever the server or other managers added is ignored.
 * Lists are compared as wholes, as apply replaces them (for atomic lists) — good enough to say
 * "differs" and show where.
 */
namespace Drift {

/*! One line per differing field: "spec.probe.periodSeconds: 5 → 10 in the cluster". Empty = in sync. */
QStringList differences(const QJsonObject& desired, const QJsonObject& live);

} // namespace Drift
