// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "plan.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/*!
 * The VM-group page's conversions and rules, without widgets: the table editors' rows (labels,
 * workload ports, Service ports) to and from the plan's types, the probe's command as text, the
 * token duration as text, and what keeps Next disabled. Rows are lists of cell texts in column
 * order; empty rows are ignored.
 */
class GroupForm
{
public:
    using Rows = QList<QStringList>;

    /*! Labels: rows {key, value}. */
    static Rows labelRows(const StringMap& labels);
    static StringMap labels(const Rows& rows, QStringList* problems);

    /*! WorkloadGroup template.ports: rows {name, port}. */
    static Rows portRows(const QList<NamedPort>& ports);
    static QList<NamedPort> ports(const Rows& rows, QStringList* problems);

    /*! Service ports: rows {name, port, targetPort ("" = port), protocol ("" = TCP)}. */
    static Rows servicePortRows(const QList<ServicePort>& ports);
    static QList<ServicePort> servicePorts(const Rows& rows, QStringList* problems);

    /*! The exec probe's command: one argument per line. */
    static QString commandText(const QStringList& command);
    static QStringList command(const QString& text);

    /*! Seconds as the plan writes durations: "1h", "90m", "45s", "1h30m"; plain seconds otherwise. */
    static QString durationText(int seconds);
    /*! An integer (seconds) or a Go duration ("1h30m", "90m", "3600s"); nullopt if neither. */
    static std::optional<int> parseDuration(const QString& text);

    /*! What is wrong with group (index: its position in plan.vmGroups), in words. */
    static QStringList problems(const Plan& plan, int index);
    /*! A group name not used in plan yet ("vm-group", "vm-group-2", ...). */
    static QString newGroupName(const Plan& plan);
};
