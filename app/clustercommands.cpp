// SPDX-License-Identifier: Apache-2.0
#include "clustercommands.h"

#include "applyrun.h"
#include "cli.h"
#include "clicommon.h"
#include "clusterconnection.h"
#include "execplugin.h"
#include "generation.h"
#include "preflightrun.h"
#include "statusrun.h"

#include <QCoreApplication>

#include <unistd.h>

namespace ClusterCommands {

namespace {

using namespace CliCommon;

Generated generatedFor(const Session& s)
{
    Generated generated = generateOffline(*s.loaded.plan);
    printProblems(s.loaded.locateInPlan(generated.problems));
    return generated;
}

QString outcomeText(ApplyRun::Outcome outcome, bool dryRun)
{
    switch (outcome) {
    case ApplyRun::Outcome::Created: return dryRun ? u"would create"_qs : u"created"_qs;
    case ApplyRun::Outcome::Configured: return dryRun ? u"would change"_qs : u"configured"_qs;
    case ApplyRun::Outcome::Unchanged: return u"unchanged"_qs;
    case ApplyRun::Outcome::Failed: return u"FAILED"_qs;
    }
    return {};
}

} // namespace

int preflight(const QStringList& args)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addPositionalArgument(u"preflight"_qs, u"Check the cluster before onboarding."_qs);
    if (const int code = parseCommand(parser, args, u"Checks that the cluster is ready for the plan: reachability, Istio's "
                                                     "version and settings, APIs, the east-west gateway, permissions, "
                                                     "root certificates and TokenRequest."_qs);
        code >= 0)
        return code;
    // Everything of the run lives in scope, destroyed before the application object: the
    // network stack must not be torn down during QCoreApplication's own destruction.
    QObject scope;
    int code = Cli::Ok;
    std::optional<Session> s = openCluster(parser, &scope, &code);
    if (!s)
        return code;
    auto* run = new PreflightRun(s->connection.client, *s->loaded.plan, &scope);
    QObject::connect(run, &PreflightRun::finished, &scope, [s, run] {
        const QList<PreflightCheck>& checks = run->checks();
        out() << "Cluster " << s->connection.server << " (context " << s->connection.contextName << ")\n"
              << preflightTable(checks) << Qt::flush;
        QCoreApplication::exit(preflightPassed(checks) ? Cli::Ok : Cli::PlanErrors);
    });
    run->start();
    return QCoreApplication::exec();
}

int apply(const QStringList& args)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addPositionalArgument(u"apply"_qs, u"Apply the cluster side of the plan."_qs);
    parser.addOption({u"dry-run"_qs, u"Only \"server\": the API server validates and admits, nothing is stored."_qs, u"MODE"_qs});
    parser.addOption({u"diff"_qs, u"Show the fields each object changes."_qs});
    parser.addOption({u"force-conflicts"_qs, u"Take over fields another field manager owns."_qs});
    parser.addOption({u"timeout"_qs, u"Seconds to wait for each step's precondition (default 120)."_qs, u"SECONDS"_qs});
    if (const int code = parseCommand(parser, args, u"Applies the plan's kubectl resources in order with server-side apply "
                                                     "(field manager meshdeck), waiting for what the next one needs."_qs);
        code >= 0)
        return code;
    ApplyRun::Options options;
    if (parser.isSet(u"dry-run"_qs)) {
        if (parser.value(u"dry-run"_qs) != u"server")
            return fail(u"apply"_qs, u"--dry-run takes \"server\" (the API server checks without storing)"_qs, Cli::Usage);
        options.dryRun = true;
    }
    options.diff = parser.isSet(u"diff"_qs);
    options.force = parser.isSet(u"force-conflicts"_qs);
    if (parser.isSet(u"timeout"_qs))
        options.waitSeconds = std::max(1, parser.value(u"timeout"_qs).toInt());

    // Everything of the run lives in scope, destroyed before the application object: the
    // network stack must not be torn down during QCoreApplication's own destruction.
    QObject scope;
    int code = Cli::Ok;
    std::optional<Session> s = openCluster(parser, &scope, &code);
    if (!s)
        return code;
    const Generated generated = generatedFor(*s);
    if (hasErrors(generated.problems))
        return Cli::PlanErrors;
    if (!generated.istioctlResources().isEmpty()) {
        err() << "note: " << generated.istioctlResources().size()
              << " IstioOperator(s) are not applied by meshdeck; install them with istioctl install -f (meshdeck export writes them)"
              << Qt::endl;
    }
    auto* run = new ApplyRun(s->connection.client, generated.kubectlResources(), options, &scope);
    QObject::connect(run, &ApplyRun::stepFinished, &scope, [options](const ApplyRun::Step& step) {
        out() << outcomeText(step.outcome, options.dryRun).leftJustified(13) << step.object;
        if (!step.message.isEmpty())
            out() << " — " << step.message;
        out() << '\n';
        for (const QString& c : step.changes)
            out() << "              " << c << '\n';
        out() << Qt::flush;
    });
    QObject::connect(run, &ApplyRun::finished, &scope,
                     [](const Error& error) { QCoreApplication::exit(error ? Cli::Cluster : Cli::Ok); });
    run->start();
    return QCoreApplication::exec();
}

int status(const QStringList& args)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addPositionalArgument(u"status"_qs, u"Compare the cluster with the plan."_qs);
    if (const int code = parseCommand(parser, args, u"Shows which of the plan's objects exist and how they differ, and the "
                                                     "WorkloadEntries of each VM group with their health."_qs);
        code >= 0)
        return code;
    // Everything of the run lives in scope, destroyed before the application object: the
    // network stack must not be torn down during QCoreApplication's own destruction.
    QObject scope;
    int code = Cli::Ok;
    std::optional<Session> s = openCluster(parser, &scope, &code);
    if (!s)
        return code;
    const Generated generated = generatedFor(*s);
    auto* run = new StatusRun(s->connection.client, *s->loaded.plan, generated.kubectlResources(), &scope);
    QObject::connect(run, &StatusRun::finished, &scope, [run] {
        const StatusRun::Report& report = run->report();
        out() << statusText(report) << Qt::flush;
        QCoreApplication::exit(!report.error.isEmpty() ? Cli::Cluster : report.inSync() ? Cli::Ok : Cli::PlanErrors);
    });
    run->start();
    return QCoreApplication::exec();
}

} // namespace ClusterCommands
