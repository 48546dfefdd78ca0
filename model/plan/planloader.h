// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "plan.h"
#include "problem.h"

#include <QByteArray>
#include <QHash>
#include <QString>

#include <optional>

/*! Where a field of the plan was written: 1-based line and column. */
struct SourceLocation
{
    int line = 0;
    int column = 0;
};

struct PlanLoadResult
{
    std::optional<Plan> plan; //!< set when the document could be read, even with problems
    Problems problems;        //!< every problem found, in file order
    /*! Field path ("vmGroups[0].probe") → where it was written, for jump-to-line. */
    QHash<QString, SourceLocation> locations;

    QString fileName;         //!< the plan's path as the caller gave it

    bool ok() const { return plan.has_value() && !hasErrors(problems); }
    SourceLocation locate(const QString& path) const; //!< nearest written ancestor of path
    /*! Problems found later (by the generators) placed in this file: its name, the field's line. */
    Problems locateInPlan(Problems later) const;
};

/*! The location of path, or of its nearest ancestor that was written ("a.b[2].c" → "a.b[2]" → "a.b"). */
SourceLocation locateField(const QHash<QString, SourceLocation>& locations, const QString& path);

/*!
 * Reads and validates a plan file. Reports every problem at once, each with file:line:column,
 * the field path, what is wrong and what to do: YAML syntax, unknown keys, wrong types, invalid
 * names and labels, ports, weights, duplicates, overlapping VIPs, probes, referenced files.
 */
PlanLoadResult loadPlanFile(const QString& path);

/*! The same from text; fileName is used in problems and to resolve relative paths. */
PlanLoadResult loadPlanText(const QByteArray& text, const QString& fileName);

/*! The cross-field checks alone (already part of loading), for plans built in code. */
Problems validatePlan(const Plan& plan);
