// SPDX-License-Identifier: Apache-2.0
// Entry point: a subcommand runs headless on QCoreApplication (no display needed, usable in CI);
// anything else opens the window.
#include "cli.h"
#include "gui.h"

int main(int argc, char* argv[])
{
    if (Cli::isHeadless(argc, argv))
        return Cli::run(argc, argv);
    return Gui::run(argc, argv);
}
