// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QJsonObject>
#include <QString>

/*!
 * Names a Kubernetes object (or, with an empty name, a collection) the way manifests do:
 * apiVersion and kind. The client maps it to a REST path with the discovery REST mapper.
 */
struct ObjectRef
{
    QString apiVersion;    //!< "v1", "networking.istio.io/v1"
    QString kind;          //!< "WorkloadGroup"
    QString namespaceName; //!< empty: cluster-scoped object, or all namespaces for list/watch
    QString name;          //!< empty: the collection

    QString group() const;   //!< "" for the core group
    QString version() const; //!< "v1"

    /*! The reference of a full object (apiVersion, kind, metadata.namespace/name). */
    static ObjectRef of(const QJsonObject& object);

    /*! "WorkloadGroup chapter10vm/envoydummy", "Namespace istio-system", "WorkloadGroup objects": for messages. */
    QString displayName() const;

    friend bool operator==(const ObjectRef&, const ObjectRef&) = default;
};
