// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

/*!
 * "1 file", "3 files": n and the word that goes with it. The words come from the caller, so the
 * window passes translated ones (tr("file"), tr("files")) and the command line plain English.
 * The one count text of the window's status line and the CLI's summaries.
 */
QString countText(qsizetype n, const QString& singular, const QString& plural);
