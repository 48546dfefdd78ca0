// SPDX-License-Identifier: Apache-2.0
#pragma once

// Building blocks the generators share (internal to meshmodel).

#include "istioversion.h"
#include "plan.h"

#include <QJsonObject>

namespace K8sJson {

/*! Labels, annotations, selectors: a string map as a JSON object. */
QJsonObject fromStringMap(const StringMap& map);

/*! app.kubernetes.io/managed-by: meshdeck, on the namespaces meshdeck creates. */
StringMap managedByLabels();

/*! The plan's Istio version; an unreadable one (already reported by the checker) counts as 1.29. */
IstioVersion istioVersion(const Plan& plan);

/*!
 * A WorkloadGroup's spec.probe: all five numbers always written (the agent's failureThreshold
 * default is 1, not the API's 3, so leaving it out changes behaviour silently) and the one
 * handler. Empty when the probe has no handler.
 */
QJsonObject workloadGroupProbe(const Probe& probe);

/*! proto3 JSON as jsonpb prints it: zero numbers, empty strings, lists and objects left out. */
QJsonObject withoutZeroValues(const QJsonObject& object);

} // namespace K8sJson
