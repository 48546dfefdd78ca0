// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace Gui {
/*! Creates the QApplication and the main window (composition root of the GUI). */
int run(int argc, char* argv[]);
}
