// SPDX-License-Identifier: Apache-2.0
// The window's traffic graph, live: the composition root's LiveGraphs gives the window a
// LiveGraphSource for the plan it opens; the graph tab then shows the lab cluster's inventory with
// the lab Prometheus' telemetry (scraping the traffic generator, a test tool), the VM drawn as a VM,
// and selecting it charts its time series from Prometheus range queries. Offscreen.
#include <QJsonDocument>
#include <QLabel>
#include <QProcess>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <cmath>

#include "clustersessions.h"
#include "graphdetailspanel.h"
#include "graphitems.h"
#include "graphlabscenario.h"
#include "graphpage.h"
#include "graphscene.h"
#include "graphview.h"
#include "livegraphs.h"
#include "mainwindow.h"
#include "plandocument.h"
#include "testsupport.h"

namespace {

constexpr int kTimeoutMs = 90000;

using GraphLab::kubectl;

GraphNodeItem* vmItem(GraphScene* scene)
{
    for (GraphNodeItem* item : scene->nodeItems()) {
        if (item->nodeId().contains(u"chapter10vm"_qs) && item->nodeShape() == GraphStyle::Shape::Hexagon)
            return item;
    }
    return nullptr;
}

} // namespace

class TestGuiGraphLive final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_plan;

private slots:
    void initTestCase()
    {
        const QString kubeconfig = qEnvironmentVariable("MESHDECK_LAB_KUBECONFIG");
        if (kubeconfig.isEmpty() || !QFile::exists(kubeconfig))
            QSKIP("the lab is not up (lab/up was skipped)");
        if (!QFile::exists(qEnvironmentVariable("MESHDECK_LAB_TRAFFICGEN_TRUTH")))
            QSKIP("the lab's Prometheus is not up (lab/prometheus-up was skipped: no prometheus package?)");
        QStandardPaths::setTestModeEnabled(true); // saved node positions go to ~/.qttest
        QVERIFY(m_dir.isValid());
        GraphLab::waitForScenarioGone();
        QCOMPARE(kubectl({u"apply"_qs, u"--server-side"_qs, u"--force-conflicts"_qs, u"--field-manager=meshdeck-test"_qs,
                          u"-f"_qs, u"-"_qs},
                         GraphLab::listOf(GraphLab::scenario(50, 50))),
                 0);
        QCOMPARE(kubectl({u"patch"_qs, u"workloadentry"_qs, u"envoydummy-198.18.0.10"_qs, u"-n"_qs, u"chapter10vm"_qs,
                          u"--subresource=status"_qs, u"--type=merge"_qs, u"-p"_qs,
                          QString::fromUtf8(QJsonDocument(QJsonObject{{u"status"_qs, GraphLab::vmHealthStatus(true)}})
                                                .toJson(QJsonDocument::Compact))}),
                 0);
        // The book's plan pointed at the lab: the window has no --kubeconfig, the plan says it all.
        const QByteArray plan = GraphLab::bookPlanForLab(true);
        QVERIFY(!plan.isEmpty());
        m_plan = m_dir.filePath(u"plan.yaml"_qs);
        QFile out(m_plan);
        QVERIFY(out.open(QIODevice::WriteOnly));
        out.write(plan);
    }

    void cleanupTestCase()
    {
        if (!m_plan.isEmpty())
            GraphLab::removeScenario();
    }

    void graphTabShowsTheLiveMesh()
    {
        ClusterSessions sessions;
        MainWindow window(new PlanDocument);
        new LiveGraphs(window.document(), &sessions, &window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openPlan(m_plan);
        // Nothing is asked of the cluster until the graph tab is opened.
        QVERIFY(QTest::qWaitFor([&] { return window.graphSource() != nullptr; }, 20000));
        QVERIFY(window.graphPage()->source() == nullptr);
        window.findChild<QTabWidget*>(u"mainTabs"_qs)->setCurrentWidget(window.graphPage());
        QCOMPARE(window.graphPage()->source(), window.graphSource());
        QVERIFY2(window.graphPage()->statusText().contains(u"127.0.0.1"_qs), qPrintable(window.graphPage()->statusText()));

        GraphScene* scene = window.graphPage()->view()->scene();
        QVERIFY2(QTest::qWaitFor([&] { return vmItem(scene) && !scene->isLayoutPending(); }, kTimeoutMs),
                 qPrintable(window.graphPage()->statusText()));
        const QList<GraphNodeItem*> nodes = scene->nodeItems();
        QVERIFY(std::any_of(nodes.cbegin(), nodes.cend(), [](const GraphNodeItem* n) {
            return n->nodeId().contains(u"envoydummy-v1"_qs) && n->nodeShape() != GraphStyle::Shape::Hexagon;
        }));

        // The VM's series come from Prometheus range queries: requests in, with real samples.
        GraphNodeItem* vm = vmItem(scene);
        scene->clearSelection();
        vm->setSelected(true);
        GraphDetailsPanel* panel = window.graphPage()->detailsPanel();
        QVERIFY2(QTest::qWaitFor([&] {
                     const QList<QPointF> points = panel->seriesPoints(u"requests"_qs);
                     return std::any_of(points.cbegin(), points.cend(), [](QPointF p) { return std::isfinite(p.y()) && p.y() > 0; });
                 }, kTimeoutMs),
                 qPrintable(panel->noteText()));
        QVERIFY(panel->detailsText().contains(u"envoydummy"_qs));

        // Another plan without a usable kubeconfig: the tab says why instead of showing a graph.
        QFile broken(m_dir.filePath(u"broken.yaml"_qs));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        QFile source(m_plan);
        QVERIFY(source.open(QIODevice::ReadOnly));
        broken.write(source.readAll().replace(qgetenv("MESHDECK_LAB_KUBECONFIG"), "/nonexistent/kubeconfig"));
        broken.close();
        window.openPlan(broken.fileName());
        QVERIFY(QTest::qWaitFor([&] { return window.graphSource() == nullptr; }, 20000));
        QVERIFY(window.graphPage()->source() == nullptr);
        const QLabel* placeholder = window.findChild<QLabel*>(u"graphPlaceholder"_qs);
        QVERIFY(placeholder->isVisible());
        QVERIFY2(placeholder->text().contains(u"No traffic graph"_qs), qPrintable(placeholder->text()));
    }
};

QTEST_MAIN(TestGuiGraphLive)
#include "tst_guigraphlive.moc"
