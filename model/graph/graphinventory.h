// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "graphbuilder.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

/*!
 * The graph's inventory from cluster objects as the API server returns them: WorkloadGroups,
 * WorkloadEntries, Deployments and StatefulSets (readiness), ServiceEntries (hosts),
 * VirtualServices (weighted http routes) and DestinationRules (the labels of their subsets).
 * Other kinds are ignored. Pure, so the live source and the tests share it.
 */
namespace GraphInventoryReader {

GraphInventory fromObjects(const QList<QJsonObject>& objects, QStringList* warnings = nullptr);

/*! Kinds (apiVersion, kind) the live source lists per namespace, for networking API version apiVersion. */
QList<std::pair<QString, QString>> listedKinds(const QString& networkingApiVersion);

} // namespace GraphInventoryReader
