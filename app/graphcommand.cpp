// SPDX-License-Identifier: Apache-2.0
#include "graphcommand.h"

#include "cli.h"
#include "clicommon.h"
#include "graphformats.h"
#include "livegraphsource.h"

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

const QStringList graphTypes = {u"workload"_qs, u"app"_qs, u"versionedApp"_qs, u"service"_qs};

// "90", "90s", "5m", "1h" -> seconds; 0 on anything else.
int windowSeconds(const QString& text)
{
    static const QRegularExpression re(u"^([0-9]+)([smh]?)$"_qs);
    const QRegularExpressionMatch m = re.match(text.trimmed());
    if (!m.hasMatch())
        return 0;
    const int n = m.captured(1).toInt();
    const QString unit = m.captured(2);
    return unit == u"h" ? n * 3600 : unit == u"m" ? n * 60 : n;
}

int print(const TrafficGraph& graph, const QString& format)
{
    for (const QString& w : graph.warnings)
        err() << "warning: " << w << Qt::endl;
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

int fromRecording(const QString& inputPath, const QString& format)
{
    QFile file(inputPath);
    if (!file.open(QIODevice::ReadOnly)) {
        err() << "meshdeck graph: cannot read " << inputPath << ": " << file.errorString() << Qt::endl;
        return Cli::Usage;
    }
    QString error;
    const std::optional<Recording> rec = parseRecording(file.readAll(), &error);
    if (!rec) {
        err() << "meshdeck graph: " << inputPath << ": " << error << Qt::endl;
        return Cli::Usage;
    }
    return print(buildTrafficGraph(rec->telemetry, rec->inventory, rec->options), format);
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
    if (!QStringList{u"json"_qs, u"dot"_qs, u"svg"_qs}.contains(format)) {
        err() << "meshdeck graph: --format must be json, dot or svg" << Qt::endl;
        return Cli::Usage;
    }
    if (parser.isSet(u"input"_qs)) {
        if (!loadChecked(parser.value(u"plan"_qs)))
            return Cli::PlanErrors;
        return fromRecording(parser.value(u"input"_qs), format);
    }
    const int type = graphTypes.indexOf(parser.value(u"type"_qs));
    if (type < 0) {
        err() << "meshdeck graph: --type must be one of " << graphTypes.join(u", "_qs) << Qt::endl;
        return Cli::Usage;
    }
    const int window = windowSeconds(parser.value(u"window"_qs));
    if (window <= 0) {
        err() << "meshdeck graph: --window takes a duration such as 30s, 1m or 5m, not \"" << parser.value(u"window"_qs)
              << "\"" << Qt::endl;
        return Cli::Usage;
    }
    QUrl prometheusUrl;
    if (parser.isSet(u"prometheus"_qs)) {
        prometheusUrl = QUrl(parser.value(u"prometheus"_qs), QUrl::StrictMode);
        if (!prometheusUrl.isValid() || !QStringList{u"http"_qs, u"https"_qs}.contains(prometheusUrl.scheme())
            || prometheusUrl.host().isEmpty()) {
            err() << "meshdeck graph: --prometheus must be an http(s) URL such as http://127.0.0.1:9090" << Qt::endl;
            return Cli::Usage;
        }
    }

    QObject scope;
    int code = Cli::Ok;
    std::optional<Session> s = openCluster(parser, &scope, &code);
    if (!s)
        return code;
    auto* source = new LiveGraphSource(s->connection.client, *s->loaded.plan, prometheusUrl, &scope);
    GraphRequest request;
    request.namespaces = parser.values(u"namespace"_qs);
    request.type = static_cast<GraphType>(type);
    request.windowSeconds = window;
    QObject::connect(source, &GraphSource::graphReady, &scope, [format](quint64, const TrafficGraph& graph) {
        QCoreApplication::exit(print(graph, format));
    });
    QObject::connect(source, &GraphSource::graphFailed, &scope, [source](quint64, const QString& message) {
        err() << "meshdeck graph: " << source->description() << ": " << message << Qt::endl;
        QCoreApplication::exit(Cli::Cluster);
    });
    source->requestGraph(request);
    return QCoreApplication::exec();
}

} // namespace GraphCommand
