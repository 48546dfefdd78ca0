// SPDX-License-Identifier: Apache-2.0
#include "clicommon.h"

#include "counttext.h"
#include "execplugin.h"
#include "execpluginapproval.h"
#include "execpluginapprovals.h"
#include "terminalprompter.h"

#include <QPointer>

namespace CliCommon {

QTextStream& out()
{
    static QTextStream stream(stdout);
    return stream;
}

QTextStream& err()
{
    static QTextStream stream(stderr);
    return stream;
}

int fail(const QString& command, const QString& message, Cli::ExitCode code)
{
    err() << "meshdeck";
    if (!command.isEmpty())
        err() << ' ' << command;
    err() << ": " << message << Qt::endl;
    return code;
}

void printWarnings(const QStringList& warnings)
{
    for (const QString& w : warnings)
        err() << "warning: " << w << Qt::endl;
}

void addCommonOptions(QCommandLineParser& parser)
{
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addHelpOption();
    parser.addOption({u"plan"_qs, u"The plan file."_qs, u"FILE"_qs});
    // Reserved for the cluster-touching commands; they override the plan's cluster section.
    parser.addOption({u"kubeconfig"_qs, u"Kubeconfig file, overriding the plan's cluster.kubeconfig."_qs, u"FILE"_qs});
    parser.addOption({u"context"_qs, u"Kubeconfig context, overriding the plan's cluster.context."_qs, u"NAME"_qs});
    parser.addOption({u"allow-exec-plugins"_qs,
                      u"Run exec credential plugins of the plan's kubeconfig without asking (asked once on a terminal otherwise)."_qs});
}

ExecPluginOptions execPluginOptions(const QCommandLineParser& parser, QObject* scope)
{
    ExecPluginOptions exec;
    exec.terminalAvailable = TerminalPrompter::isAvailable(); // exec plugins may prompt only on a terminal
    // Security review M2: a plugin named by the plan's kubeconfig (not the user's own) runs after
    // a yes, remembered as the window remembers it; without a terminal only with the flag.
    auto* approvals = new ExecPluginApprovals({}, scope);
    approvals->setApproveAll(parser.isSet(u"allow-exec-plugins"_qs));
    if (exec.terminalAvailable) {
        QObject::connect(approvals, &ExecPluginApprovals::question, scope, [scope](Question* question) {
            // Made on the first question only: a prompter listens on stdin from its creation.
            auto* prompter = scope->findChild<TerminalPrompter*>(u"execPluginPrompter"_qs, Qt::FindDirectChildrenOnly);
            if (!prompter) {
                prompter = new TerminalPrompter(scope);
                prompter->setObjectName(u"execPluginPrompter"_qs);
            }
            QStringList words{question->property("command").toString()};
            words += question->property("arguments").toStringList();
            QPointer<Question> q = question;
            prompter->askYesNo(u"The plan's kubeconfig "_qs + question->property("kubeconfigFile").toString()
                                   + u" names an exec credential plugin:\n  "_qs + words.join(u' ')
                                   + u"\nIt is not your own kubeconfig. Run it (remembered for this command)? [y/N] "_qs,
                               [q](bool yes) {
                                   if (q)
                                       yes ? q->accept() : q->reject();
                               });
        });
    }
    exec.approve = approvals->hook();
    return exec;
}

void printProblems(const Problems& problems)
{
    for (const Problem& p : problems)
        err() << p.toString() << Qt::endl;
}

QString countText(qsizetype n, const QString& singular, const QString& plural)
{
    return ::countText(n, singular, plural);
}

// Parses argv for a subcommand; on failure prints and returns the exit code.
int parseCommand(QCommandLineParser& parser, const QStringList& args, const QString& description)
{
    parser.setApplicationDescription(description);
    if (!parser.parse(args)) {
        fail(QString(), parser.errorText(), Cli::Usage);
        err() << "Try '" << args.value(0) << ' ' << args.value(1) << " --help'." << Qt::endl;
        return Cli::Usage;
    }
    if (parser.isSet(u"help"_qs)) {
        out() << parser.helpText();
        return Cli::Ok;
    }
    if (!parser.positionalArguments().value(0).isEmpty() && parser.positionalArguments().size() > 1)
        return fail(QString(), u"unexpected argument '"_qs + parser.positionalArguments().at(1) + u'\'', Cli::Usage);
    if (parser.value(u"plan"_qs).isEmpty())
        return fail(args.value(1), u"--plan FILE is required"_qs, Cli::Usage);
    return -1;
}

std::optional<PlanLoadResult> loadChecked(const QString& path)
{
    PlanLoadResult result = loadPlanFile(path);
    printProblems(result.problems);
    if (!result.ok())
        return std::nullopt;
    return result;
}

std::optional<Session> openCluster(const QCommandLineParser& parser, QObject* scope, int* exitCode)
{
    std::optional<PlanLoadResult> loaded = loadChecked(parser.value(u"plan"_qs));
    if (!loaded) {
        *exitCode = Cli::PlanErrors;
        return std::nullopt;
    }
    const ExecPluginOptions exec = execPluginOptions(parser, scope);
    const ClusterChoice choice{parser.value(u"kubeconfig"_qs), parser.value(u"context"_qs)};
    Session session{*loaded, connectCluster(*loaded->plan, choice, exec, scope)};
    printWarnings(session.connection.warnings);
    if (!session.connection.error.isEmpty()) {
        *exitCode = fail(QString(), session.connection.error, Cli::Cluster);
        return std::nullopt;
    }
    return session;
}

} // namespace CliCommon
