// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

namespace Gui {
/*! Creates the QApplication and the main window (composition root of the GUI). */
int run(int argc, char* argv[]);
/*! The window's options ("plan", "graph-recording"): Cli::isHeadless() leaves them to the window. */
QStringList optionNames();
}
