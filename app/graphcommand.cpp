// SPDX-License-Identifier: Apache-2.0
#include "graphcommand.h"

#include "cli.h"
#include "clicommon.h"
#include "graphformats.h"
#include "graphtask.h"
#include "livegraphsource.h"
#include "recordinggraphsource.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QUrl>

namespace GraphCommand {

using namespace CliCommon;
using namespace GraphFormats;

namespace {

// "90", "90s", "5m", "1h" -> seconds; 0 on anything else.
int windowSeconds(const QString& text)
{
    static const QRegularExpression re(u"^([0-9]+)([smh]?)\\z"_qs);
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch())
        return 0;
    const int n = m.captured(1).toInt();
    const QString unit = m.captured(2);
    return unit == u"h" ? n * 3600 : unit == u"m" ? n * 60 : n;
}

int print(const TrafficGraph& graph, const QString& format)
{
    printWarnings(graph.warnings);
    QByteArray output;
    if (format == u"dot")
        output = toDot(graph);
    else if (format == u"svg")
        output = toSvg(graph);
    else
        output = QJsonDocument(toJson(graph)).toJson(QJsonDocument::Indented);
    QFile stdoutFile;
    if (!stdoutFile.open(stdout, QIODevice::WriteOnly) || stdoutFile.write(output) != output.size())
        return Cli::OutputFailed;
    return Cli::Ok;
}

// The recording as the window reads it (--graph-recording); nullptr, with the reason printed, when
// the file cannot be read or is no recording.
RecordingGraphSource* openRecording(const QString& inputPath, QObject* scope)
{
    QString error;
    RecordingGraphSource* source = RecordingGraphSource::fromFile(inputPath, &error, scope);
    if (!source) {
        // fromFile's error is the file's own when it cannot be opened, else what is wrong in it.
        const bool unreadable = !QFile(inputPath).open(QIODevice::ReadOnly);
        fail(u"graph"_qs, (unreadable ? u"cannot read "_qs : QString()) + inputPath + u": "_qs + error, Cli::Usage);
    }
    return source;
}

} // namespace

int run(const QStringList& args)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addPositionalArgument(u"graph"_qs, u"Print the traffic graph."_qs);
    parser.addOption({u"format"_qs, u"json (default; every metric, configured weights and drift), dot (Graphviz) or svg."_qs,
                      u"FORMAT"_qs, u"json"_qs});
    parser.addOption({u"namespace"_qs, u"A namespace to show (repeatable; default: the plan's graph.namespaces, else "
                                       "the namespaces of its groups, splits and legacy services)."_qs, u"NS"_qs});
    parser.addOption({u"type"_qs, u"Graph type: workload (default), app, versionedApp or service."_qs, u"TYPE"_qs,
                      u"workload"_qs});
    parser.addOption({u"window"_qs, u"Rate window: 30s, 1m (default), 5m, 1h..."_qs, u"DURATION"_qs, u"1m"_qs});
    parser.addOption({u"prometheus"_qs, u"Prometheus URL (overrides the plan's graph.prometheus; default: the "
                                        "Service istio-system/prometheus through the API server's proxy)."_qs, u"URL"_qs});
    parser.addOption({u"input"_qs,
                      u"Recorded telemetry instead of a cluster: a JSON file with \"telemetry\" (Prometheus answers to "
                      "the graph queries) and \"inventory\", or one Prometheus answer to the requests query."_qs,
                      u"FILE"_qs});
    if (const int code = parseCommand(parser, args,
                                      u"Prints the traffic graph (nodes, edges, rates, shares, health, configured "
                                      "weights and drift) from the cluster's Prometheus and inventory, or from a "
                                      "recorded telemetry file (--input)."_qs);
        code >= 0)
        return code;
    const QString format = parser.value(u"format"_qs);
    if (!QStringList{u"json"_qs, u"dot"_qs, u"svg"_qs}.contains(format))
        return fail(u"graph"_qs, u"--format must be json, dot or svg"_qs, Cli::Usage);

    QObject scope; // the source and everything of the run; destroyed before the application object
    GraphSource* source = nullptr;
    GraphRequest request;
    if (parser.isSet(u"input"_qs)) {
        // The recording is one moment of one graph type: --type, --window and --namespace do not apply.
        if (!loadChecked(parser.value(u"plan"_qs)))
            return Cli::PlanErrors;
        RecordingGraphSource* recording = openRecording(parser.value(u"input"_qs), &scope);
        if (!recording)
            return Cli::Usage;
        request.type = recording->recordedType();
        source = recording;
    } else {
        const int type = graphTypeNames().indexOf(parser.value(u"type"_qs));
        if (type < 0)
            return fail(u"graph"_qs, u"--type must be one of "_qs + graphTypeNames().join(u", "_qs), Cli::Usage);
        const int window = windowSeconds(parser.value(u"window"_qs));
        if (window <= 0) {
            return fail(u"graph"_qs,
                        u"--window takes a duration such as 30s, 1m or 5m, not \""_qs + parser.value(u"window"_qs) + u'"',
                        Cli::Usage);
        }
        QUrl prometheusUrl;
        if (parser.isSet(u"prometheus"_qs)) {
            prometheusUrl = QUrl(parser.value(u"prometheus"_qs), QUrl::StrictMode);
            if (!prometheusUrl.isValid() || !QStringList{u"http"_qs, u"https"_qs}.contains(prometheusUrl.scheme())
                || prometheusUrl.host().isEmpty())
                return fail(u"graph"_qs, u"--prometheus must be an http(s) URL such as http://127.0.0.1:9090"_qs, Cli::Usage);
        }
        int code = Cli::Ok;
        std::optional<Session> s = openCluster(parser, &scope, &code);
        if (!s)
            return code;
        source = new LiveGraphSource(s->connection.client, *s->loaded.plan, prometheusUrl, &scope);
        request.namespaces = parser.values(u"namespace"_qs);
        request.type = static_cast<GraphType>(type);
        request.windowSeconds = window;
    }
    auto* task = new GraphTask(source, request, &scope);
    QObject::connect(task, &Task::finished, &scope, [task, source, format](const Error& error) {
        QCoreApplication::exit(error ? fail(u"graph"_qs, source->description() + u": "_qs + error.message, Cli::Cluster)
                                     : print(task->graph(), format));
    });
    task->start();
    return QCoreApplication::exec();
}

} // namespace GraphCommand
