// SPDX-License-Identifier: Apache-2.0
// GraphFormats: what `meshdeck graph --format json` (and the SVG export) say about each node.
#include "graphbuilder.h"
#include "graphformats.h"
#include "testsupport.h"

#include <QHash>
#include <QJsonArray>
#include <QTest>

namespace {

TrafficGraph build(GraphType type)
{
    GraphTelemetry telemetry;
    telemetry.requests = parsePrometheusData(
        TestSupport::readAll(TestSupport::sourceDir() + u"/tests/data/prometheus/split-50-50.json"_qs));
    GraphInventory inventory;
    inventory.pods = {{u"bookinfo"_qs, u"reviews-v1"_qs, u"reviews"_qs, u"v1"_qs, 2, 2}};
    GraphBuildOptions options;
    options.type = type;
    return buildTrafficGraph(telemetry, inventory, options);
}

QHash<QString, QString> kindsById(const TrafficGraph& graph)
{
    QHash<QString, QString> kinds;
    for (const QJsonValue& node : GraphFormats::toJson(graph).value(u"nodes"_qs).toArray())
        kinds.insert(node[u"id"_qs].toString(), node[u"kind"_qs].toString());
    return kinds;
}

} // namespace

class TestGraphFormats final : public QObject
{
    Q_OBJECT
private slots:
    void nodeKinds_data()
    {
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("id");
        QTest::addColumn<QString>("kind");
        QTest::newRow("workload") << int(GraphType::Workload) << u"wl_Kubernetes_bookinfo_reviews-v1"_qs << u"workload"_qs;
        QTest::newRow("app") << int(GraphType::App) << u"app_Kubernetes_bookinfo_reviews"_qs << u"app"_qs;
        QTest::newRow("versioned app") << int(GraphType::VersionedApp) << u"vapp_Kubernetes_bookinfo_reviews_v1"_qs
                                       << u"versionedApp"_qs;
        QTest::newRow("service graph: caller") << int(GraphType::Service) << u"app_Kubernetes_bookinfo_productpage"_qs
                                               << u"app"_qs;
        QTest::newRow("service graph: service") << int(GraphType::Service) << u"svc_Kubernetes_bookinfo_reviews"_qs
                                                << u"service"_qs;
    }
    void nodeKinds()
    {
        QFETCH(int, type);
        QFETCH(QString, id);
        QFETCH(QString, kind);
        const QHash<QString, QString> kinds = kindsById(build(GraphType(type)));
        QVERIFY2(kinds.contains(id), qPrintable(QStringList(kinds.keys()).join(u", "_qs)));
        QCOMPARE(kinds.value(id), kind);
    }

    void vmAppKeepsItsKind()
    {
        // An app on VMs stays an app (isVm says where it runs), as a VM workload is a "vmWorkload".
        TrafficGraph graph = build(GraphType::App);
        for (GraphNode& node : graph.nodes) {
            if (node.id == u"app_Kubernetes_bookinfo_reviews") {
                node.isVm = true;
                node.kind = GraphNode::Kind::VmWorkload;
            }
        }
        QCOMPARE(kindsById(graph).value(u"app_Kubernetes_bookinfo_reviews"_qs), u"app"_qs);
    }
};

QTEST_APPLESS_MAIN(TestGraphFormats)
#include "tst_graphformats.moc"
