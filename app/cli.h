// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QStringList>

/*!
 * The headless face of meshdeck: `meshdeck <subcommand> --plan FILE ...`, for scripts and CI.
 * Exit codes: 0 success, 1 the plan has errors (preflight: a check failed; status: the cluster
 * differs from the plan), 2 usage error, 3 the output (onboard/offboard: ssh's local set-up) could
 * not be written, 4 the cluster could not be used (kubeconfig, connection, a failed apply),
 * 5 onboard/offboard: a VM failed.
 */
namespace Cli {

enum ExitCode {
    Ok = 0,
    PlanErrors = 1,
    Usage = 2,
    OutputFailed = 3,
    //! onboard/offboard: ssh's private runtime directory or askpass helper could not be set up;
    //! like OutputFailed, something meshdeck writes on this machine, hence the same 3.
    SshSetupFailed = 3,
    Cluster = 4,
    VmsFailed = 5
};

/*! True when argv names a subcommand (or --help/--version): no window, no display needed. */
bool isHeadless(int argc, char* argv[]);

/*! Runs a subcommand with its own QCoreApplication. */
int run(int argc, char* argv[]);

/*! The subcommands this build implements. */
QStringList subcommands();

} // namespace Cli
