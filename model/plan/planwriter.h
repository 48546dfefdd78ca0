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

/*! What savePlanFile does with the file it replaces. */
enum class PlanSaveMode {
    /*! The comments, key order and layout of the file the plan was read from (Plan::sourceFile,
        else the file at path) kept: mergePlanText() of writePlan() into its text. Refused, the
        file untouched, when that is not possible. When there is no such file or it does not
        read as a plan (empty, comments only, broken YAML), writePlan()'s text is written. */
    KeepLayout,
    /*! writePlan()'s text whatever the file held: comments lost. For after the user agreed. */
    Rewrite,
};

/*!
 * Saves the plan to path. Writes atomically (QSaveFile): the old file stays whole, with its
 * permissions, if anything fails. Empty = success, else one sentence naming the file. With
 * KeepLayout, \a layoutLost (when given) is set to whether the save was refused because the
 * layout could not be kept: the caller may then ask the user and save again with Rewrite.
 */
QString savePlanFile(const Plan& plan, const QString& path, PlanSaveMode mode = PlanSaveMode::KeepLayout,
                     bool* layoutLost = nullptr);
