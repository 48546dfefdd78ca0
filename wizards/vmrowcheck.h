// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

struct Plan;
struct Vm;

/*!
 * The VM table's rules, without widgets: what is wrong with one row (a plan VM), what keeps
 * Next disabled, names for new and imported VMs, and how the probe's findings read.
 */
class VmRowCheck
{
public:
    /*! What is wrong with plan.vms[row], in words ("" cells are reported, not defaulted). */
    static QStringList problems(const Plan& plan, int row);
    /*! Every row's problems, prefixed with the VM's name; plus "no VM yet". Empty = Next allowed. */
    static QStringList allProblems(const Plan& plan);
    /*! base, or base-2, base-3, ... : a name no VM of plan has. */
    static QString uniqueName(const Plan& plan, const QString& base);
    /*! Free disk as the page shows it: "12.3 GiB"; "unknown" for a negative value. */
    static QString diskText(qint64 bytes);
    /*! Clock skew as the page shows it, with a warning past 5 s (certificates start to fail). */
    static QString skewText(double seconds);
};
