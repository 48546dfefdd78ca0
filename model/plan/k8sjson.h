// SPDX-License-Identifier: Apache-2.0
#pragma once

// Building blocks the generators share (internal to meshplan).

#include "istioversion.h"
#include "plan.h"
#include "resource.h"

#include <QJsonObject>

namespace K8sJson {

/*! Whether metadata.namespace is written when the namespace is empty. */
enum class EmptyNamespace {
    Omit,  //!< cluster-scoped objects, or left to `kubectl apply -n` / istioctl
    Write, //!< `namespace: ""`, as add-to-mesh's objects always carry one
};

/*!
 * An object's metadata: the name, then the namespace (see \a emptyNamespace), the labels and the
 * annotations, each left out when empty.
 */
QJsonObject metadata(const QString& name, const QString& ns, const QJsonObject& labels = {},
                     const QJsonObject& annotations = {}, EmptyNamespace emptyNamespace = EmptyNamespace::Omit);

/*! The head of every object: apiVersion, kind and \a metadata; the caller adds spec, data, ... */
QJsonObject object(const QString& apiVersion, const QString& kind, const QJsonObject& metadata);

/*! A generated object with where it belongs: stage, origin, channel, and whether a cleanup keeps it. */
Resource resource(QJsonObject object, Stage stage, const QString& origin,
                  Resource::Channel channel = Resource::Channel::Kubectl, bool keepOnCleanup = false);

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
