// SPDX-License-Identifier: Apache-2.0
#include "graphpage.h"

#include "graphdetailspanel.h"
#include "graphitems.h"
#include "graphlegend.h"
#include "graphpositions.h"
#include "graphscene.h"
#include "graphview.h"
#include "recordinggraphsource.h"
#include "scriptedgraphsource.h"
#include "testsupport.h"
#include "trafficgraphmodel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QImage>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <memory>

// The "Traffic graph" page offscreen over the recorded 80/20 split of tests/data/recordings (productpage
// calls reviews-v1 8 rps and the reviews VM 2 rps, configured 50/50, and ratings 1 rps): the
// toolbar's find, hide, labels and export, the legend, node positions saved per plan and
// namespace set, the panel's note for a recording; and over a scripted source, stale graphs
// dropped and a failed request shown.

namespace {

constexpr int timeoutMs = 10000;

template<class T>
T* child(const QWidget& page, const QString& name)
{
    T* found = page.findChild<T*>(name);
    if (!found)
        qFatal("no child named %s", qPrintable(name));
    return found;
}

QString recordingPath()
{
    return TestSupport::sourceDir() + u"/tests/data/recordings/graph-split-80-20.json"_qs;
}

std::unique_ptr<RecordingGraphSource> recording()
{
    QString error;
    std::unique_ptr<RecordingGraphSource> source(RecordingGraphSource::fromFile(recordingPath(), &error));
    if (!source)
        qFatal("cannot read the recording: %s", qPrintable(error));
    return source;
}

// Waits until the page has a graph and the scene shows its layout.
bool shown(GraphPage& page)
{
    GraphScene* scene = page.view()->scene();
    return QTest::qWaitFor([&] {
        return page.pendingRequest() == 0 && !scene->nodeItems().isEmpty() && !scene->isLayoutPending();
    }, timeoutMs);
}

GraphNodeItem* nodeNamed(GraphPage& page, const QString& label)
{
    for (GraphNodeItem* item : page.view()->scene()->nodeItems()) {
        if (item->label() == label)
            return item;
    }
    return nullptr;
}

GraphEdgeItem* edgeTo(GraphPage& page, const QString& label)
{
    const TrafficGraph& graph = page.view()->model()->graph();
    for (GraphEdgeItem* item : page.view()->scene()->edgeItems()) {
        const GraphNode* to = graph.node(graph.edges[item->index()].destination);
        if (to && GraphStyle::nodeLabel(*to) == label)
            return item;
    }
    return nullptr;
}

} // namespace

class tst_GraphPage final : public QObject
{
    Q_OBJECT

private:
    QString storeDir() const
    {
        return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/graph-positions"_qs;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QDir(storeDir()).removeRecursively();
    }

    void cleanupTestCase() { QDir(storeDir()).removeRecursively(); }

    void placeholderWithoutSource()
    {
        GraphPage page;
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        auto* placeholder = child<QLabel>(page, u"graphPlaceholder"_qs);
        QVERIFY(placeholder->isVisible());
        QVERIFY(placeholder->text().startsWith(u"Connect a cluster"_qs));
        QVERIFY(!child<QLineEdit>(page, u"findEdit"_qs)->isVisible());
    }

    void showsTheRecording()
    {
        auto source = recording();
        GraphPage page;
        page.show();
        page.setSource(source.get());
        QVERIFY(shown(page));
        QVERIFY(!child<QLabel>(page, u"graphPlaceholder"_qs)->isVisible());
        QCOMPARE(child<QLineEdit>(page, u"namespacesEdit"_qs)->text(), u"bookinfo"_qs);
        QVERIFY(!child<QComboBox>(page, u"refreshIntervalCombo"_qs)->isEnabled()); // a recording never changes
        QCOMPARE(page.currentRequest().windowSeconds, 60);
        QStringList labels;
        for (const GraphNodeItem* item : page.view()->scene()->nodeItems())
            labels.append(item->label());
        labels.sort();
        QCOMPARE(labels, (QStringList{u"productpage-v1"_qs, u"ratings-v1"_qs, u"reviews-v1"_qs, u"reviews-vm"_qs}));
        QCOMPARE(nodeNamed(page, u"reviews-vm"_qs)->type(), int(VmNodeItem::Type));
        QCOMPARE(nodeNamed(page, u"reviews-v1"_qs)->type(), int(GraphNodeItem::Type));
        // Width by traffic: 8 rps is wider than 2 rps; the split drifted from its 50/50.
        QVERIFY(edgeTo(page, u"reviews-v1"_qs)->penWidth() > edgeTo(page, u"reviews-vm"_qs)->penWidth());
        QVERIFY(edgeTo(page, u"reviews-vm"_qs)->drifted());
        const QString status = page.statusText();
        QVERIFY2(status.startsWith(u"Recording graph-split-80-20.json · updated "_qs), qPrintable(status));

        // Another graph type is another request, answered for that type.
        child<QComboBox>(page, u"graphTypeCombo"_qs)->setCurrentIndex(1);
        QVERIFY(QTest::qWaitFor([&] { return page.view()->model()->graph().type == GraphType::App; }, timeoutMs));
    }

    void findAndHideFields()
    {
        auto source = recording();
        GraphPage page;
        page.setSource(source.get());
        QVERIFY(shown(page));
        auto* find = child<QLineEdit>(page, u"findEdit"_qs);
        find->setText(u"vm"_qs);
        QCOMPARE(nodeNamed(page, u"reviews-vm"_qs)->emphasis(), GraphEmphasis::Highlighted);
        QCOMPARE(nodeNamed(page, u"productpage-v1"_qs)->emphasis(), GraphEmphasis::Dimmed);
        QCOMPARE(child<QLabel>(page, u"foundCount"_qs)->text(), u"1 found"_qs);
        QVERIFY(!find->property("invalid").toBool());

        find->setText(u"drift"_qs); // an edge flag: both split edges drifted
        QCOMPARE(edgeTo(page, u"reviews-vm"_qs)->emphasis(), GraphEmphasis::Highlighted);
        QCOMPARE(edgeTo(page, u"ratings-v1"_qs)->emphasis(), GraphEmphasis::Dimmed);
        QCOMPARE(child<QLabel>(page, u"foundCount"_qs)->text(), u"2 found"_qs);

        // A parse error: red, and the tooltip names the column and what is wrong.
        find->setText(u"rate >"_qs);
        QVERIFY(find->property("invalid").toBool());
        QVERIFY(find->styleSheet().contains(u"#c9190b"_qs));
        QVERIFY2(find->toolTip().startsWith(u"Column 7: "_qs), qPrintable(find->toolTip()));
        QCOMPARE(nodeNamed(page, u"productpage-v1"_qs)->emphasis(), GraphEmphasis::Normal);
        QCOMPARE(child<QLabel>(page, u"foundCount"_qs)->text(), QString());
        find->clear();
        QVERIFY(!find->property("invalid").toBool());
        QVERIFY(find->styleSheet().isEmpty());

        auto* hide = child<QLineEdit>(page, u"hideEdit"_qs);
        hide->setText(u"name = ratings-v1"_qs);
        QVERIFY(!nodeNamed(page, u"ratings-v1"_qs)->isVisible());
        QVERIFY(!edgeTo(page, u"ratings-v1"_qs)->isVisible());
        QVERIFY(nodeNamed(page, u"reviews-vm"_qs)->isVisible());
        hide->setText(u"rate < 5"_qs); // edges: the VM's 2 rps and ratings' 1 rps
        QVERIFY(nodeNamed(page, u"ratings-v1"_qs)->isVisible());
        QVERIFY(!edgeTo(page, u"reviews-vm"_qs)->isVisible());
        QVERIFY(edgeTo(page, u"reviews-v1"_qs)->isVisible());
        hide->setText(u"namespace = bookinfo and rate > 1"_qs); // nodes and edges mixed
        QVERIFY(hide->property("invalid").toBool());
        QVERIFY(hide->toolTip().startsWith(u"Column "_qs));
        QVERIFY(edgeTo(page, u"reviews-vm"_qs)->isVisible()); // an invalid expression hides nothing
    }

    void legendAndLabelToggles()
    {
        auto source = recording();
        GraphPage page;
        page.show();
        page.setSource(source.get());
        QVERIFY(shown(page));
        QVERIFY(page.legend()->isVisible());
        const QStringList entries = page.legend()->entries();
        for (const QString& expected : {u"Workload on pods"_qs, u"Workload on VMs"_qs, u"Workload on VMs and pods"_qs,
                                        u"Healthy"_qs, u"Failure"_qs, u"No health data"_qs})
            QVERIFY2(entries.contains(expected), qPrintable(expected));
        QVERIFY(entries.filter(u"Drift"_qs).size() == 1);
        QVERIFY(entries.filter(u"width by request rate"_qs).size() == 1);
        child<QCheckBox>(page, u"legendToggle"_qs)->setChecked(false);
        QVERIFY(!page.legend()->isVisible());

        GraphEdgeItem* vm = edgeTo(page, u"reviews-vm"_qs);
        QVERIFY2(vm->labelText().contains(u"weight 50% (drift)"_qs), qPrintable(vm->labelText()));
        QVERIFY(vm->labelText().contains(u"2.0 rps"_qs));
        child<QCheckBox>(page, u"labelWeight"_qs)->setChecked(false);
        QVERIFY(!vm->labelText().contains(u"weight"_qs));
        child<QCheckBox>(page, u"labelRate"_qs)->setChecked(false);
        QVERIFY(!vm->labelText().contains(u"rps"_qs));
        child<QCheckBox>(page, u"labelShare"_qs)->setChecked(false);
        QCOMPARE(vm->labelText(), QString());
    }

    void exports()
    {
        auto source = recording();
        GraphPage page;
        page.setSource(source.get());
        QVERIFY(shown(page));
        QTemporaryDir dir;
        QString error;

        const QString png = dir.filePath(u"graph.png"_qs);
        QVERIFY2(page.exportTo(GraphExport::Format::Png, png, &error), qPrintable(error));
        const QImage image(png);
        QVERIFY(!image.isNull());
        QVERIFY(image.width() > 100 && image.height() > 50);

        const QString svg = dir.filePath(u"graph.svg"_qs);
        QVERIFY2(page.exportTo(GraphExport::Format::Svg, svg, &error), qPrintable(error));
        const QByteArray svgText = TestSupport::readAll(svg);
        QXmlStreamReader xml(svgText);
        QVERIFY(xml.readNextStartElement());
        QCOMPARE(xml.name(), u"svg");
        while (!xml.atEnd())
            xml.readNext();
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY(svgText.contains("reviews-vm")); // the labels are text, not only pixels

        // A hidden node is not in the picture.
        child<QLineEdit>(page, u"hideEdit"_qs)->setText(u"name = ratings-v1"_qs);
        QVERIFY(page.exportTo(GraphExport::Format::Svg, svg, &error));
        QVERIFY(!TestSupport::readAll(svg).contains("ratings-v1"));

        const QString json = dir.filePath(u"graph.json"_qs);
        QVERIFY2(page.exportTo(GraphExport::Format::Json, json, &error), qPrintable(error));
        QJsonParseError parseError;
        const QJsonObject root = QJsonDocument::fromJson(TestSupport::readAll(json), &parseError).object();
        QCOMPARE(parseError.error, QJsonParseError::NoError);
        const QJsonArray nodes = root.value(u"nodes"_qs).toArray();
        QCOMPARE(nodes.size(), page.view()->model()->nodeCount()); // the whole graph, hidden or not
        QVERIFY(QJsonDocument(nodes).toJson().contains("reviews-vm"));

        QVERIFY(!page.exportTo(GraphExport::Format::Json, dir.filePath(u"missing/dir/graph.json"_qs), &error));
        QVERIFY(!error.isEmpty());
    }

    void positionsPerPlanAndNamespaces()
    {
        auto source = recording();
        QTemporaryDir dir;
        const QString plan = dir.filePath(u"shop.yaml"_qs);
        const QPointF moved(-700, 420);
        {
            GraphPage page;
            page.setPlanPath(plan);
            page.setSource(source.get());
            QVERIFY(shown(page));
            const QByteArray key = (QFileInfo(plan).absoluteFilePath() + u"\nbookinfo"_qs).toUtf8();
            QCOMPARE(QFileInfo(page.positionsFile()).fileName(),
                     QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex()) + u".json"_qs);
            QVERIFY(page.positionsFile().startsWith(storeDir()));
            nodeNamed(page, u"reviews-vm"_qs)->setPos(moved);
            page.view()->scene()->commitMoves(); // the drag's mouse release
            QVERIFY(QFileInfo::exists(page.positionsFile()));
        }
        {
            GraphPage page; // the same plan and namespaces: the node is where it was left
            page.setPlanPath(plan);
            page.setSource(source.get());
            QVERIFY(shown(page));
            QCOMPARE(nodeNamed(page, u"reviews-vm"_qs)->pos(), moved);
            QVERIFY(nodeNamed(page, u"reviews-v1"_qs)->pos() != moved);

            // Another namespace set: its own positions (none yet); back again: the saved ones.
            auto* namespaces = child<QLineEdit>(page, u"namespacesEdit"_qs);
            namespaces->setText(u"bookinfo, ratings"_qs);
            page.refresh();
            QVERIFY(nodeNamed(page, u"reviews-vm"_qs)->pos() != moved);
            namespaces->setText(u"bookinfo"_qs);
            page.refresh();
            QCOMPARE(nodeNamed(page, u"reviews-vm"_qs)->pos(), moved);
        }
        {
            GraphPage page; // another plan
            page.setPlanPath(dir.filePath(u"other.yaml"_qs));
            page.setSource(source.get());
            QVERIFY(shown(page));
            QVERIFY(nodeNamed(page, u"reviews-vm"_qs)->pos() != moved);
        }
    }

    void panelSaysARecordingHasNoSeries()
    {
        auto source = recording();
        GraphPage page;
        page.setSource(source.get());
        QVERIFY(shown(page));
        nodeNamed(page, u"reviews-vm"_qs)->setSelected(true);
        QVERIFY2(page.detailsPanel()->detailsText().contains(u"runs on: VMs"_qs),
                 qPrintable(page.detailsPanel()->detailsText()));
        QCOMPARE(page.detailsPanel()->noteText(), u"No time series in a recording."_qs);
    }

    void recordingSourceAnswersLater()
    {
        // RecordingGraphSource (model/) as GraphSource promises: never inside the call, one
        // answer per id, none after cancelAll(); no series, with the reason.
        auto source = recording();
        QVERIFY(!source->isLive());
        QCOMPARE(source->defaultNamespaces(), QStringList{u"bookinfo"_qs});
        QSignalSpy graphs(source.get(), &GraphSource::graphReady);
        QSignalSpy series(source.get(), &GraphSource::seriesReady);
        GraphRequest request;
        request.type = GraphType::Service;
        const quint64 graphId = source->requestGraph(request);
        const quint64 seriesId = source->requestSeries(SeriesRequest());
        QVERIFY(graphId != seriesId);
        QCOMPARE(graphs.size(), 0);
        QVERIFY(series.wait(timeoutMs));
        QTRY_COMPARE(graphs.size(), 1);
        QCOMPARE(graphs[0][0].toULongLong(), graphId);
        QCOMPARE(graphs[0][1].value<TrafficGraph>().type, GraphType::Service);
        const SeriesResult result = series[0][0].value<SeriesResult>();
        QCOMPARE(result.request, seriesId);
        QCOMPARE(result.error, u"a recording has no time series"_qs);
        source->requestGraph(request);
        source->cancelAll();
        // Answers come in request order: once a later request is answered, the cancelled one
        // would have been.
        source->requestSeries(SeriesRequest());
        QVERIFY(series.wait(timeoutMs));
        QCOMPARE(graphs.size(), 1);
    }

    // A plan saved with the same cluster and graph settings keeps its source: handing the page
    // the source it has sends nothing and keeps what the user typed. Another source with the same
    // defaults (the plan's Prometheus changed, say) asks again but keeps the namespaces typed.
    void sameSourceAgainChangesNothing()
    {
        ScriptedGraphSource source;
        GraphPage page;
        page.setSource(&source);
        QCOMPARE(source.graphRequests.size(), 1);
        auto* namespaces = child<QLineEdit>(page, u"namespacesEdit"_qs);
        QCOMPARE(namespaces->text(), u"bookinfo"_qs);
        namespaces->setText(u"bookinfo, ratings"_qs);

        page.setSource(&source);
        QCOMPARE(source.graphRequests.size(), 1);
        QCOMPARE(source.cancelled, 0);
        QCOMPARE(namespaces->text(), u"bookinfo, ratings"_qs);
        QCOMPARE(page.pendingRequest(), source.graphRequests[0].first);

        ScriptedGraphSource another;
        page.setSource(&another);
        QCOMPARE(source.cancelled, 1);
        QCOMPARE(another.graphRequests.size(), 1);
        QCOMPARE(another.graphRequests[0].second.namespaces, (QStringList{u"bookinfo"_qs, u"ratings"_qs}));
        QCOMPARE(namespaces->text(), u"bookinfo, ratings"_qs);
    }

    void scriptedSourceStaleAndFailed()
    {
        ScriptedGraphSource source;
        GraphPage page;
        page.setSource(&source);
        QVERIFY(child<QComboBox>(page, u"refreshIntervalCombo"_qs)->isEnabled());
        QCOMPARE(source.graphRequests.size(), 1);
        QCOMPARE(source.graphRequests[0].second.namespaces, QStringList{u"bookinfo"_qs});
        QCOMPARE(source.graphRequests[0].second.type, GraphType::Workload);
        child<QComboBox>(page, u"timeRangeCombo"_qs)->setCurrentIndex(3); // last 30m
        QCOMPARE(source.graphRequests.size(), 2);
        QCOMPARE(source.graphRequests[1].second.windowSeconds, 1800);

        TrafficGraph graph;
        GraphNode node;
        node.id = u"wl_Kubernetes_bookinfo_a"_qs;
        node.workload = u"a"_qs;
        node.namespaceName = u"bookinfo"_qs;
        graph.nodes.append(node);
        QSignalSpy received(&page, &GraphPage::graphReceived);
        source.answerGraph(source.graphRequests[0].first, graph); // overtaken by the 30m request
        QCOMPARE(received.size(), 0);
        QCOMPARE(page.view()->model()->nodeCount(), 0);
        graph.warnings = {u"Prometheus: query timed out for p99"_qs};
        source.answerGraph(source.graphRequests[1].first, graph);
        QCOMPARE(received.size(), 1);
        QCOMPARE(page.view()->model()->nodeCount(), 1);
        QVERIFY2(page.statusText().contains(u"1 warning"_qs), qPrintable(page.statusText()));

        // A failed refresh keeps the graph and says why, in red.
        page.refresh();
        source.failGraph(source.graphRequests.last().first, u"Prometheus is not reachable"_qs);
        QCOMPARE(page.view()->model()->nodeCount(), 1);
        QVERIFY(page.statusText().contains(u"Prometheus is not reachable"_qs));
        QVERIFY(child<QLabel>(page, u"graphStatus"_qs)->text().contains(u"color:#c9190b"_qs));

        // The selection's series are asked for with the page's namespaces and window.
        QVERIFY(QTest::qWaitFor([&] { return !page.view()->scene()->nodeItems().isEmpty(); }, timeoutMs));
        page.view()->scene()->nodeItems().first()->setSelected(true);
        QCOMPARE(source.seriesRequests.size(), 1);
        const SeriesRequest& series = source.seriesRequests[0].second;
        QCOMPARE(series.nodeId, node.id);
        QCOMPARE(series.namespaces, QStringList{u"bookinfo"_qs});
        QCOMPARE(series.start.secsTo(series.end), qint64(1800));

        page.setSource(nullptr);
        QCOMPARE(source.cancelled, 1);
        QCOMPARE(page.view()->model()->nodeCount(), 0);
    }
};

QTEST_MAIN(tst_GraphPage)
#include "moc_scriptedgraphsource.cpp"
#include "tst_graphpage.moc"
