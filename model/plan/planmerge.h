// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

/*! What mergePlanText made: the merged text, or why there is none (text is then empty). */
struct PlanMergeResult
{
    QByteArray text; //!< the original text changed to say what the updated one says
    QString error;   //!< empty on success; one sentence for the user, naming the file (and line)

    bool ok() const { return error.isEmpty(); }
};

/*!
 * The plan file's text \a original, changed so that it reads as the plan \a updated (usually
 * writePlan()'s output) while keeping the file's layout: only what differs is touched.
 *
 * - Comments (whole-line and trailing), blank lines, key order, quoting and indentation of
 *   everything unchanged stay byte for byte; an unchanged plan gives \a original itself.
 * - A changed scalar is replaced in place, its trailing comment kept (and kept in its column
 *   when there is room).
 * - A key that is new goes after its nearest preceding sibling (updated's order, which is the
 *   documented order), at the siblings' indentation; a removed key or list item disappears with
 *   its own comment lines (those directly above it and those indented below it).
 * - List items are matched by their `name` when every item has a distinct one (vms, vmGroups,
 *   trafficSplits, ...), else by position. An item renamed where it stands, or moved, keeps
 *   its comments.
 * - Fields the original spells differently from writePlan() (a default written out, `1h` for
 *   3600, flow style) stay as written unless the plan changes them; a changed flow collection,
 *   block scalar, alias or anchored node is re-written in block style for that node only.
 *
 * The result is checked before it is returned: loadPlanText() must read it as exactly the plan
 * \a updated reads as. When it does not, or \a original is not valid YAML, the result is an
 * error and no text: the caller decides whether to write writePlan()'s text instead. \a fileName
 * is used in messages and to load both texts alike (relative paths). The merge itself is linear
 * in the size of the texts (the three loadPlanText() calls around it cost more); texts over
 * 16 MiB are refused. Thread-safe: the window runs it off the GUI thread.
 */
PlanMergeResult mergePlanText(const QByteArray& original, const QByteArray& updated, const QString& fileName = {});
