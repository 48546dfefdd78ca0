// SPDX-License-Identifier: Apache-2.0
#include "cli.h"

#include "clicommon.h"
#include "clustercommands.h"
#include "graphcommand.h"
#include "gui.h"
#include "onboardcommands.h"

#include "clustertarget.h"
#include "exporter.h"
#include "generation.h"
#include "planloader.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTextStream>

#include <cstring>

namespace {

using namespace CliCommon;

const char* const usageText = R"(Usage: meshdeck [PLAN]                 open the window (optionally with a plan)
       meshdeck [--kubeconfig FILE] [--context NAME] PLAN
                                        the window on another cluster than the plan's
       meshdeck <command> [options]

Onboard VMs and bare-metal hosts into Istio meshes; every step also runs headless.

Commands:
  validate   check a plan file; problems go to stderr as file:line:column
  export     write every generated resource and VM file (kubectl-ready YAML)
  preflight  check the cluster is ready for the plan (pass/warn/fail with fixes)
  apply      apply the plan's resources in order (--dry-run=server, --diff)
  status     what of the plan exists in the cluster, and the VMs' WorkloadEntries
  bundle     write one VM's files (cluster.env, mesh.yaml, hosts, root-cert.pem, istio-token)
  onboard    bring the plan's VMs into the mesh over SSH (resumable, many VMs in parallel)
  offboard   take VMs out of the mesh again (and, with --cluster, their groups' resources)
  refresh-token  a new istio-token for VMs whose token is gone (a reboot) after their certificate lapsed
  graph      print the traffic graph as JSON, DOT or SVG (from recorded telemetry for now)

Common options:
  --plan FILE         the plan file
  --kubeconfig FILE   kubeconfig to use instead of the plan's (cluster commands)
  --context NAME      kubeconfig context to use instead of the plan's (cluster commands)
  --allow-exec-plugins  run the plan's kubeconfig's exec plugins without asking (cluster commands)
  -h, --help          help for meshdeck or a command
  -v, --version       print the version

Run 'meshdeck <command> --help' for a command's options.
Exit codes: 0 ok, 1 plan errors / failed checks / drift, 2 usage error, 3 output could not
be written, 4 the cluster could not be used, 5 a VM could not be onboarded or offboarded.
)";

int validateCommand(const QStringList& args)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addPositionalArgument(u"validate"_qs, u"Check a plan file."_qs);
    if (const int code = parseCommand(parser, args, u"Checks a plan file and reports every problem at once."_qs); code >= 0)
        return code;

    const QString path = parser.value(u"plan"_qs);
    PlanLoadResult result = loadPlanFile(path);
    Problems problems = result.problems;
    if (result.ok()) {
        // Generation finds what only the generators know (sample certificates, VIP pool).
        const Generated generated = generateOffline(*result.plan);
        problems += result.locateInPlan(generated.problems);
    }
    printProblems(problems);
    const auto errors = std::count_if(problems.cbegin(), problems.cend(), [](const Problem& p) { return p.isError(); });
    const auto warnings = problems.size() - errors;
    if (errors > 0 || !result.plan) {
        err() << path << ": " << countText(errors, u"error"_qs, u"errors"_qs) << ", "
              << countText(warnings, u"warning"_qs, u"warnings"_qs) << Qt::endl;
        return Cli::PlanErrors;
    }
    const Plan& plan = *result.plan;
    out() << path << ": valid (" << countText(plan.vmGroups.size(), u"VM group"_qs, u"VM groups"_qs) << ", "
          << countText(plan.vms.size(), u"VM"_qs, u"VMs"_qs) << ", "
          << countText(plan.trafficSplits.size(), u"traffic split"_qs, u"traffic splits"_qs)
          << (warnings ? u", "_qs + countText(warnings, u"warning"_qs, u"warnings"_qs) : QString()) << ")" << Qt::endl;
    return Cli::Ok;
}

int exportCommand(const QStringList& args)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addPositionalArgument(u"export"_qs, u"Write generated resources and VM files."_qs);
    parser.addOption({{u"o"_qs, u"output"_qs},
                      u"Directory to write (cluster/, istioctl/, cleanup/, vms/), or - to print the kubectl-ready "
                      "multi-document YAML on stdout."_qs,
                      u"DIR"_qs});
    if (const int code = parseCommand(parser, args, u"Writes every resource and VM file the plan generates."_qs); code >= 0)
        return code;
    const QString output = parser.value(u"output"_qs);
    if (output.isEmpty())
        return fail(u"export"_qs, u"--output DIR (or --output -) is required"_qs, Cli::Usage);

    const std::optional<PlanLoadResult> loaded = loadChecked(parser.value(u"plan"_qs));
    if (!loaded)
        return Cli::PlanErrors;
    const Generated generated = generateOffline(*loaded->plan);
    printProblems(loaded->locateInPlan(generated.problems));
    if (hasErrors(generated.problems))
        return Cli::PlanErrors;

    if (output == u"-") {
        QFile stdoutFile;
        if (!stdoutFile.open(stdout, QIODevice::WriteOnly))
            return Cli::OutputFailed;
        stdoutFile.write(kubectlDocument(generated));
        return Cli::Ok;
    }
    const ExportResult result = exportGenerated(generated, output);
    if (!result.error.isEmpty())
        return fail(u"export"_qs, result.error, Cli::OutputFailed);
    out() << "wrote " << countText(result.written.size(), u"file"_qs, u"files"_qs) << " to "
          << QDir::toNativeSeparators(output) << Qt::endl;
    return Cli::Ok;
}

} // namespace

namespace Cli {

QStringList subcommands()
{
    return {u"validate"_qs, u"export"_qs, u"preflight"_qs, u"apply"_qs, u"status"_qs,
            u"bundle"_qs, u"onboard"_qs, u"offboard"_qs, u"refresh-token"_qs, u"graph"_qs};
}

bool isHeadless(int argc, char* argv[])
{
    if (argc < 2)
        return false;
    const QString first = QString::fromLocal8Bit(argv[1]);
    static const QStringList flags = {u"-h"_qs, u"--help"_qs, u"-v"_qs, u"--version"_qs};
    if (subcommands().contains(first) || flags.contains(first))
        return true;
    if (first.startsWith(u'-')) {
        // The window's own options ("--plan FILE", "--graph-recording=FILE") open it.
        for (const QString& name : Gui::optionNames()) {
            if (first == u"--"_qs + name || first.startsWith(u"--"_qs + name + u'='))
                return false;
        }
        return true;
    }
    // "meshdeck PLAN" opens the window; a word that names no file is a mistyped command.
    const bool looksLikePlan = QFileInfo::exists(first) || first.contains(u'/') || first.endsWith(u".yaml")
        || first.endsWith(u".yml");
    return !looksLikePlan;
}

int run(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"meshdeck"_qs);
    QCoreApplication::setApplicationVersion(QStringLiteral(MESHDECK_VERSION));
    const QStringList args = QCoreApplication::arguments();
    const QString command = args.value(1);

    if (command == u"-h" || command == u"--help") {
        out() << usageText;
        return Ok;
    }
    if (command == u"-v" || command == u"--version") {
        out() << "meshdeck " << QCoreApplication::applicationVersion() << Qt::endl;
        return Ok;
    }
    if (command == u"validate")
        return validateCommand(args);
    if (command == u"export")
        return exportCommand(args);
    if (command == u"preflight")
        return ClusterCommands::preflight(args);
    if (command == u"apply")
        return ClusterCommands::apply(args);
    if (command == u"status")
        return ClusterCommands::status(args);
    if (command == u"bundle")
        return OnboardCommands::bundle(args);
    if (command == u"onboard")
        return OnboardCommands::onboard(args);
    if (command == u"offboard")
        return OnboardCommands::offboard(args);
    if (command == u"refresh-token")
        return OnboardCommands::refreshToken(args);
    if (command == u"graph")
        return GraphCommand::run(args);
    fail(QString(), u"unknown command or option '"_qs + command + u'\'', Usage);
    err() << usageText;
    return Usage;
}

} // namespace Cli
