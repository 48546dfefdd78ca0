// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

struct Plan;

/*!
 * The plan as YAML, in the documented key order; fields left at their defaults are omitted, so
 * loadPlanText(writePlan(p)) == p for every plan the loader accepts.
 */
QByteArray writePlan(const Plan& plan);

/*! Writes atomically (QSaveFile): the old file stays whole if anything fails. Empty = success. */
QString savePlanFile(const Plan& plan, const QString& path);
