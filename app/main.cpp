// SPDX-License-Identifier: Apache-2.0
// Entry point: a subcommand runs headless on QCoreApplication (no display needed, usable in CI);
// anything else opens the window.
#include "askpass.h"
#include "cli.h"
#include "gui.h"
#include "secrets.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstring>

int main(int argc, char* argv[])
{
    // Before any secret is read (the askpass helper's answer included): no core dump, no
    // ptrace or /proc/<pid>/mem for the user's other processes (security review M6).
    if (const QString failed = Secrets::disableCoreDumps(); !failed.isEmpty())
        std::fprintf(stderr, "meshdeck: warning: core dumps could not be turned off (%s)\n", qPrintable(failed));
    // ssh runs meshdeck as its SSH_ASKPASS helper: hand the prompt to the running meshdeck over
    // its private socket and print the answer for ssh (ssh/askpass.h).
    if (argc >= 2 && std::strcmp(argv[1], "--askpass") == 0) {
        QCoreApplication app(argc, argv);
        return runAskpassClient(argc >= 3 ? QString::fromLocal8Bit(argv[2]) : QString());
    }
    if (Cli::isHeadless(argc, argv))
        return Cli::run(argc, argv);
    return Gui::run(argc, argv);
}
