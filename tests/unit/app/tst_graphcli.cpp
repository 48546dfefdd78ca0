// SPDX-License-Identifier: Apache-2.0
// `meshdeck graph` on a recorded 50/50 VirtualService split that Prometheus saw as 80/20: the
// real binary, its JSON (metrics, configured weights, drift), DOT (VM shape, labels) and SVG.
// Facts checked: one reporter per edge (8 rps, not 16), Kiali's %req of the source's outbound
// (8 of 11), the configured 50% weight against the observed 80% (drift beyond 10 points).
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <functional>

#include "testsupport.h"

namespace {

using Run = TestSupport::BasicRun<QByteArray, QString>; // stdout as bytes: JSON, DOT, SVG

// The binary without a display; a run that does not end within a minute ends the suite.
Run meshdeck(const QStringList& args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"DISPLAY"_qs);
    env.remove(u"QT_QPA_PLATFORM"_qs);
    return TestSupport::run<Run>(qEnvironmentVariable("MESHDECK_BINARY"), args,
                                 TestSupport::RunOptions().withAbortOnTimeout().withEnvironment(env));
}

QString plan()
{
    return qEnvironmentVariable("MESHDECK_SOURCE_DIR") + u"/examples/book-chapter10.yaml"_qs;
}

// `meshdeck graph --plan <example> args...`
Run graph(const QStringList& args)
{
    return meshdeck(QStringList{u"graph"_qs, u"--plan"_qs, plan()} + args);
}

QString fixture()
{
    return qEnvironmentVariable("MESHDECK_SOURCE_DIR") + u"/tests/data/recordings/graph-split-80-20.json"_qs;
}

const QString pp = u"wl_Kubernetes_bookinfo_productpage-v1"_qs;
const QString reviews = u"wl_Kubernetes_bookinfo_reviews-v1"_qs;
const QString reviewsVm = u"wl_Kubernetes_bookinfo_reviews-vm"_qs;

QJsonObject find(const QJsonArray& array, const std::function<bool(const QJsonObject&)>& match)
{
    for (const QJsonValue& v : array) {
        if (match(v.toObject()))
            return v.toObject();
    }
    return {};
}

} // namespace

class TestGraphCli final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("MESHDECK_BINARY")), "MESHDECK_BINARY is not set by ctest");
        QVERIFY(QFile::exists(fixture()));
    }

    void helpSaysRecordedTelemetry()
    {
        const Run help = meshdeck({u"graph"_qs, u"--help"_qs});
        QCOMPARE(help.exitCode, 0);
        QVERIFY(help.out.contains("--input"));
        QVERIFY(help.out.contains("recorded telemetry"));
        const Run top = meshdeck({u"--help"_qs});
        QVERIFY(top.out.contains("graph "));
    }

    void usageErrors()
    {
        // Like every command, graph reads a plan (for a recording too: scripts pass the same file).
        const Run nothing = meshdeck({u"graph"_qs, u"--input"_qs, fixture()});
        QCOMPARE(nothing.exitCode, 2);
        QVERIFY(nothing.err.contains(u"--plan"_qs));
        // A plan whose kubeconfig does not exist: a cluster error naming it (the live graph is in
        // tests/app/tst_graphlive.cpp, against the lab).
        const Run noCluster = meshdeck({u"graph"_qs, u"--plan"_qs, plan(), u"--kubeconfig"_qs, u"/nonexistent/kubeconfig"_qs});
        QCOMPARE(noCluster.exitCode, 4);
        QVERIFY2(noCluster.err.contains(u"/nonexistent/kubeconfig"_qs), qPrintable(noCluster.err));
        QCOMPARE(graph({u"--type"_qs, u"pods"_qs}).exitCode, 2);
        QCOMPARE(graph({u"--prometheus"_qs, u"ftp://x"_qs}).exitCode, 2);
        const Run badFormat = graph({u"--input"_qs, fixture(), u"--format"_qs, u"png"_qs});
        QCOMPARE(badFormat.exitCode, 2);
        QTemporaryDir dir;
        QFile bad(dir.filePath(u"bad.json"_qs));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(R"({"status":"error","errorType":"timeout","error":"query timed out"})");
        bad.close();
        const Run error = graph({u"--input"_qs, bad.fileName()});
        QCOMPARE(error.exitCode, 2);
        QVERIFY2(error.err.contains(u"timed out"_qs), qPrintable(error.err));
    }

    void recordingReadLikeTheWindow()
    {
        // --input goes through RecordingGraphSource::fromFile, as --graph-recording does in the window.
        const QString missing = u"/nonexistent/recording.json"_qs;
        const Run unreadable = graph({u"--input"_qs, missing});
        QCOMPARE(unreadable.exitCode, 2);
        QVERIFY2(unreadable.err.startsWith(u"meshdeck graph: cannot read "_qs + missing + u": "_qs), qPrintable(unreadable.err));
        // The recording's own graph type; --type, --window and --prometheus are for the cluster only.
        QTemporaryDir dir;
        QJsonObject rec = QJsonDocument::fromJson([] {
            QFile f(fixture());
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }()).object();
        rec.insert(u"graphType"_qs, u"app"_qs);
        QFile app(dir.filePath(u"app.json"_qs));
        QVERIFY(app.open(QIODevice::WriteOnly));
        app.write(QJsonDocument(rec).toJson());
        app.close();
        const Run run = graph({u"--input"_qs, app.fileName(), u"--type"_qs, u"pods"_qs, u"--window"_qs, u"x"_qs});
        QCOMPARE(run.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(run.out).object().value(u"graphType"_qs).toString(), u"app"_qs);
    }

    void json()
    {
        const Run run = graph({u"--input"_qs, fixture(), u"--format"_qs, u"json"_qs});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(root.value(u"graphType"_qs).toString(), u"workload"_qs);
        const QJsonArray nodes = root.value(u"nodes"_qs).toArray();
        const QJsonObject vm = find(nodes, [](const QJsonObject& n) { return n.value(u"id"_qs).toString() == reviewsVm; });
        QCOMPARE(vm.value(u"kind"_qs).toString(), u"vmWorkload"_qs);
        QCOMPARE(vm.value(u"isVm"_qs).toBool(), true);
        QCOMPARE(vm.value(u"workloadEntries"_qs).toArray().first().toString(), u"reviews-vm-10.0.0.5"_qs);
        const QJsonObject podsNode = find(nodes, [](const QJsonObject& n) { return n.value(u"id"_qs).toString() == reviews; });
        QCOMPARE(podsNode.value(u"isVm"_qs).toBool(), false);

        const QJsonArray edges = root.value(u"edges"_qs).toArray();
        auto edgeTo = [&](const QString& dest) {
            return find(edges, [&](const QJsonObject& e) {
                return e.value(u"source"_qs).toString() == pp && e.value(u"destination"_qs).toString() == dest;
            });
        };
        const QJsonObject toPods = edgeTo(reviews);
        const QJsonObject toVm = edgeTo(reviewsVm);
        QCOMPARE(toPods.value(u"requestRate"_qs).toDouble(), 8.0); // both reporters recorded: counted once
        QCOMPARE(toVm.value(u"requestRate"_qs).toDouble(), 2.0);
        QVERIFY(qAbs(toPods.value(u"sharePercent"_qs).toDouble() - 800.0 / 11) < 1e-9);
        const QJsonObject configured = toPods.value(u"configured"_qs).toObject();
        QCOMPARE(configured.value(u"weight"_qs).toInt(), 50);
        QCOMPARE(configured.value(u"observedShare"_qs).toDouble(), 80.0);
        QCOMPARE(configured.value(u"drift"_qs).toBool(), true);
        QCOMPARE(configured.value(u"virtualService"_qs).toString(), u"bookinfo/reviews"_qs);
        QCOMPARE(toVm.value(u"configured"_qs).toObject().value(u"observedShare"_qs).toDouble(), 20.0);
        QCOMPARE(root.value(u"routeChecks"_qs).toArray().size(), 2);
    }

    void barePrometheusAnswer()
    {
        // One Prometheus answer (no inventory): edges still built, no VM knowledge, no weights.
        QTemporaryDir dir;
        const QJsonObject rec = QJsonDocument::fromJson([] {
            QFile f(fixture());
            return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
        }()).object();
        QFile bare(dir.filePath(u"requests.json"_qs));
        QVERIFY(bare.open(QIODevice::WriteOnly));
        bare.write(QJsonDocument(rec.value(u"telemetry"_qs).toObject().value(u"requests"_qs).toObject()).toJson());
        bare.close();
        const Run run = graph({u"--input"_qs, bare.fileName()});
        QCOMPARE(run.exitCode, 0);
        const QJsonObject root = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(root.value(u"edges"_qs).toArray().size(), 3);
        QVERIFY(root.value(u"routeChecks"_qs).toArray().isEmpty());
    }

    void dot()
    {
        const Run run = graph({u"--input"_qs, fixture(), u"--format"_qs, u"dot"_qs});
        QCOMPARE(run.exitCode, 0);
        const QString text = QString::fromUtf8(run.out);
        QVERIFY(text.startsWith(u"digraph"_qs));
        // The VM node has its own shape; pods stay ellipses.
        const QRegularExpression vmLine(u"\"%1\" \\[[^\\n]*shape=hexagon"_qs.arg(reviewsVm));
        QVERIFY2(vmLine.match(text).hasMatch(), qPrintable(text));
        QVERIFY(QRegularExpression(u"\"%1\" \\[[^\\n]*shape=ellipse"_qs.arg(reviews)).match(text).hasMatch());
        // Edge label: rate, share of productpage's outbound, configured weight flagged as drifted.
        const QRegularExpression edge(u"\"%1\" -> \"%2\" \\[label=\"8.0 rps\\\\n72.7%\\\\nweight 50% \\(drift\\)\""_qs
                                          .arg(pp, reviews));
        QVERIFY2(edge.match(text).hasMatch(), qPrintable(text));
    }

    void svg()
    {
        const Run run = graph({u"--input"_qs, fixture(), u"--format"_qs, u"svg"_qs});
        QCOMPARE(run.exitCode, 0);
        QXmlStreamReader xml(run.out);
        QString node;
        QMap<QString, QString> shapes; // node id -> first shape element
        QMap<QString, double> centreX;
        int edges = 0;
        bool sawSvg = false;
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            const auto attrs = xml.attributes();
            if (xml.name() == u"svg")
                sawSvg = true;
            if (xml.name() == u"g") {
                node = attrs.value(u"class"_qs) == u"node" ? attrs.value(u"id"_qs).toString() : QString();
                edges += attrs.value(u"class"_qs) == u"edge" ? 1 : 0;
            } else if (!node.isEmpty() && !shapes.contains(node) && xml.name() != u"text") {
                shapes.insert(node, xml.name().toString());
                if (xml.name() == u"polygon") {
                    const QStringList points = attrs.value(u"points"_qs).toString().split(u' ');
                    if (node == reviewsVm)
                        QCOMPARE(points.size(), 6); // hexagon
                    double sum = 0;
                    for (const QString& p : points)
                        sum += p.section(u',', 0, 0).toDouble();
                    centreX.insert(node, sum / static_cast<double>(points.size()));
                } else {
                    centreX.insert(node, attrs.value(u"cx"_qs).toDouble());
                }
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(sawSvg);
        QCOMPARE(edges, 3);
        QCOMPARE(shapes.value(reviewsVm), u"polygon"_qs);
        QCOMPARE(shapes.value(reviews), u"circle"_qs);
        // productpage calls both reviews workloads: the layered layout puts it to their left.
        QVERIFY(centreX.value(pp) < centreX.value(reviews));
        QVERIFY(centreX.value(pp) < centreX.value(reviewsVm));
        QVERIFY(run.out.contains("weight 50% (drift)"));
    }
};

QTEST_APPLESS_MAIN(TestGraphCli)
#include "tst_graphcli.moc"
