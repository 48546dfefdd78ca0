// SPDX-License-Identifier: Apache-2.0
#pragma once

// Shared by the subcommands: output streams, options, plan loading with problems printed.

#include "cli.h"
#include "clusterconnection.h"
#include "execplugin.h"
#include "planloader.h"

#include <QCommandLineParser>
#include <QTextStream>

#include <optional>

namespace CliCommon {

QTextStream& out();
QTextStream& err();
/*!
 * Prints "meshdeck <command>: <message>" on stderr ("meshdeck: <message>" when command is empty)
 * and returns code, so a subcommand can `return fail(...)`.
 */
int fail(const QString& command, const QString& message, Cli::ExitCode code);
/*! Prints each of warnings on stderr as "warning: <warning>". */
void printWarnings(const QStringList& warnings);
/*! --help, --plan, --kubeconfig, --context. */
void addCommonOptions(QCommandLineParser& parser);
/*!
 * How exec credential plugins run for a command: with the terminal if there is one, and a
 * plugin of the plan's kubeconfig only after a yes (asked on the terminal, remembered) or with
 * --allow-exec-plugins. The approvals and the prompter are children of scope.
 */
ExecPluginOptions execPluginOptions(const QCommandLineParser& parser, QObject* scope);
void printProblems(const Problems& problems);
QString countText(qsizetype n, const QString& singular, const QString& plural);
/*! Parses a subcommand's arguments; returns an exit code to stop with, or -1 to go on. */
int parseCommand(QCommandLineParser& parser, const QStringList& args, const QString& description);
/*! Loads the plan, printing its problems; nullopt when it has errors. */
std::optional<PlanLoadResult> loadChecked(const QString& path);

/*! A cluster command's plan and client. */
struct Session
{
    PlanLoadResult loaded;
    ClusterConnection connection;
};

/*!
 * Plan loaded, kubeconfig read (--kubeconfig/--context over the plan), client made as a child of
 * scope; nullopt, with *exitCode set and the reason printed, when any of it fails.
 */
std::optional<Session> openCluster(const QCommandLineParser& parser, QObject* scope, int* exitCode);

} // namespace CliCommon
