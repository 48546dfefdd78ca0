// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internal to meshmodel: the wording of plan problems (Problem::message and Problem::hint, and
// the sentences of validation.h and pem.h that become them) in the user's language.
//
// Write each text as PlanText::tr("... %1 ...").arg(value): lupdate reads these calls (context
// "Plan") into resources/translations/meshdeck_<lang>.ts, and the window's translator turns them
// into the user's language. Without a translator (the CLI installs none) tr() returns the English
// text unchanged, so the command line's output and the tests' exact messages stay as they are.
// Only wording is translated: field paths, YAML keys, file names, commands and values go in
// through %1, %2. Fill several placeholders in one .arg(a, b) (strings; QString::number for
// numbers), never .arg(a).arg(b): a value holding "%2" would be substituted again.

#include <QCoreApplication>

struct PlanText
{
    Q_DECLARE_TR_FUNCTIONS(Plan)
};
