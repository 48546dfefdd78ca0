// SPDX-License-Identifier: Apache-2.0
#include "graphcommand.h"

#include "cli.h"
#include "clicommon.h"
#include "graphformats.h"

#include <QCommandLineParser>
#include <QFile>
#include <QJsonDocument>

namespace GraphCommand {

using namespace CliCommon;
using namespace GraphFormats;

int run(const QStringList& args)
{
    QCommandLineParser parser;
    addCommonOptions(parser);
    parser.addPositionalArgument(u"graph"_qs, u"Print the traffic graph."_qs);
    parser.addOption({u"format"_qs, u"json (default; every metric, configured weights and drift), dot (Graphviz) or svg."_qs,
                      u"FORMAT"_qs, u"json"_qs});
    parser.addOption({u"input"_qs,
                      u"Recorded telemetry: a JSON file with \"telemetry\" (Prometheus answers to the graph queries) "
                      "and \"inventory\", or one Prometheus answer to the requests query. Required for now: "
                      "live Prometheus queries are not wired in yet."_qs,
                      u"FILE"_qs});
    if (const int code = parseCommand(parser, args,
                                      u"Prints the traffic graph (nodes, edges, rates, shares, health, configured "
                                      "weights and drift). This version builds it from a recorded telemetry file "
                                      "(--input); querying the cluster's Prometheus directly comes later."_qs);
        code >= 0)
        return code;
    const QString format = parser.value(u"format"_qs);
    if (!QStringList{u"json"_qs, u"dot"_qs, u"svg"_qs}.contains(format)) {
        err() << "meshdeck graph: --format must be json, dot or svg" << Qt::endl;
        return Cli::Usage;
    }
    const QString inputPath = parser.value(u"input"_qs);
    if (inputPath.isEmpty()) {
        err() << "meshdeck graph: querying Prometheus is not available in this version yet; pass a recorded "
              << "telemetry file with --input FILE" << Qt::endl;
        return Cli::Usage;
    }
    if (parser.isSet(u"plan"_qs) && !loadChecked(parser.value(u"plan"_qs)))
        return Cli::PlanErrors;
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
    const TrafficGraph graph = buildTrafficGraph(rec->telemetry, rec->inventory, rec->options);
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

} // namespace GraphCommand
