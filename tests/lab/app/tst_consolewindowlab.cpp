// SPDX-License-Identifier: Apache-2.0
// The console as users get it, on the lab: the window composed by Console (app/console.*, the
// composition root gui.cpp uses) on the lab's kube-apiserver, the VM lab's systemd VMs over sshd and
// the lab Prometheus (scraping the traffic generator, a test tool). Offscreen, driven through its
// widgets: "Onboard VMs…" opens the wizard; Next through every page with the host-key dialogs
// answered as a user would (the fingerprint checked against the VM's real key); two VMs onboarded;
// their WorkloadEntries healthy on the VMs tab; the split moved to 80/20 on the Weights tab, the
// diff confirmed, the VirtualService changed in the cluster and the graph tab following within
// one refresh. Then offboarded, and the VMs are as before.
#include "console.h"

#include "clusterconnectionservice.h"
#include "fleetmonitor.h"
#include "graphpage.h"
#include "graphscene.h"
#include "graphview.h"
#include "mainwindow.h"
#include "onboardingserviceimpl.h"
#include "onboardingwizard.h"
#include "planloader.h"
#include "planwriter.h"
#include "questiondialog.h"
#include "reviewpage.h"
#include "runpage.h"
#include "vmspage.h"
#include "weightseditor.h"
#include "weightspage.h"
#include "wizardcontext.h"

#include "graphlabscenario.h"
#include "labenv.h"
#include "testsupport.h"
#include "vmlabsupport.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>

#include <memory>
#include <optional>

namespace {

using namespace VmLab;

constexpr int fleetTimeout = 300000;
constexpr int graphTimeout = 120000;

const QString ns = u"chapter10vm"_qs;
const QString vmHost = u"envoydummy.chapter10vm.svc.cluster.local"_qs;
const QString podHost = u"envoydummy.chapter10.svc.cluster.local"_qs;

/*! The configured weight the graph shows on its edge to host, or nullopt when no edge carries one. */
std::optional<int> graphWeight(const TrafficGraph& graph, const QString& host)
{
    for (const GraphEdge& edge : graph.edges)
        if (edge.configured && edge.configured->host == host)
            return edge.configured->weight;
    return std::nullopt;
}

} // namespace

class TestConsoleWindowLab final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        MESHDECK_REQUIRE_LAB();
        if (sshConfig().isEmpty() || !QFileInfo::exists(sshConfig()))
            QSKIP("no VM lab: MESHDECK_LAB_SSH_CONFIG is unset or missing (lab vms-up)");
        if (!QFile::exists(qEnvironmentVariable("MESHDECK_LAB_TRAFFICGEN_TRUTH")))
            QSKIP("the lab's Prometheus is not up (lab/prometheus-up was skipped: no prometheus package?)");
        QStandardPaths::setTestModeEnabled(true); // settings and saved positions go to ~/.qttest
        QVERIFY(m_dir.isValid());
        m_sshConfig = privateSshConfig(m_dir, &m_knownHosts);
        QVERIFY(!m_sshConfig.isEmpty());
        const RestConfigResult rc = Lab::config(u"admin"_qs);
        QVERIFY2(rc.ok(), qPrintable(rc.error));
        m_client = new KubeClient(rc.config, KubeClientOptions{}, this);
        m_deb = qEnvironmentVariable("MESHDECK_LAB_STANDIN_DEB");
        QVERIFY(QFileInfo::exists(m_deb));
        GraphLab::waitForScenarioGone();

        // The book's plan (examples/book-chapter10.yaml) pointed at the lab, as scripts/run-meshdeck
        // writes it: the lab's kubeconfig and Prometheus, the gateway's lab address, two VMs reached
        // through the lab's ssh config with the workload addresses the mesh uses, the book's split.
        const PlanLoadResult loaded = loadPlanFile(TestSupport::sourceDir() + u"/examples/book-chapter10.yaml"_qs);
        QVERIFY2(loaded.ok(), qPrintable(TestSupport::describe(loaded.problems)));
        Plan plan = *loaded.plan;
        plan.cluster.kubeconfig = Lab::kubeconfig();
        plan.cluster.context = u"admin"_qs;
        plan.eastWestGateway.address = labAddress(2);
        plan.graph.prometheus.url = qEnvironmentVariable("MESHDECK_LAB_PROMETHEUS_URL");
        plan.graph.namespaces = {u"chapter10"_qs, ns};
        Vm vm1 = plan.vms.first();
        vm1.ssh = {};
        vm1.name = vm1.address = u"vm1"_qs;
        vm1.ip = labAddress(11);
        Vm vm3 = vm1;
        vm3.name = vm3.address = u"vm3"_qs;
        vm3.ip = labAddress(13);
        plan.vms = {vm1, vm3};
        QVERIFY(plan.trafficSplits.size() == 1);
        m_planPath = m_dir.filePath(u"plan.yaml"_qs);
        plan.sourceFile = m_planPath;
        const QString saved = savePlanFile(plan, m_planPath);
        QVERIFY2(saved.isEmpty(), qPrintable(saved));
        m_plan = plan;

        // What the lab does not run: the pods' side of the split (a Deployment in chapter10; the
        // traffic generator plays its sidecars) and istiod's root certificate in the group's namespace.
        const QList<QJsonObject> scenario = GraphLab::scenario(50, 50);
        QList<QJsonObject> pods;
        for (const QJsonObject& o : scenario) {
            const QString kind = o[u"kind"_qs].toString();
            if (kind == u"Namespace"_qs || kind == u"Deployment"_qs)
                pods << o;
        }
        QCOMPARE(GraphLab::kubectl({u"apply"_qs, u"--server-side"_qs, u"--field-manager=meshdeck-test"_qs, u"-f"_qs, u"-"_qs},
                                   GraphLab::listOf(pods)),
                 0);
        QVERIFY(Lab::labScript({u"publish-root-cert"_qs, ns}));
        const QString expected = expectBookGroup({u"vm1"_qs, u"vm3"_qs}, ns, &m_before);
        QVERIFY2(expected.isEmpty(), qPrintable(expected));
    }

    void cleanupTestCase()
    {
        if (!m_client)
            return;
        if (m_onboarded) { // a failed case: offboard through a service of its own
            OnboardingServiceImpl service(nullptr);
            service.setKubeClient(m_client, u"the lab"_qs);
            SshOptions ssh;
            ssh.configFile = m_sshConfig;
            service.setSshOptions(ssh);
            offboard(service, {u"vm1"_qs, u"vm3"_qs});
        }
        const QStringList changed = changedSince(m_before);
        GraphLab::removeScenario();
        QVERIFY2(changed.isEmpty(), qPrintable(u"not as before the suite: "_qs + changed.join(u", "_qs)));
    }

    void onboardOperateAndFollow()
    {
        Console::Options options;
        Console console(options);
        SshOptions ssh; // the user's ~/.ssh/config stands for the lab's, with a known_hosts of the test's own
        ssh.configFile = m_sshConfig;
        console.onboarding().setSshOptions(ssh);
        MainWindow& window = console.window();
        window.resize(1600, 1000);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        window.openPlan(m_planPath);

        // Connected to the plan's cluster: the context picker's state.
        QTRY_VERIFY_WITH_TIMEOUT(console.connection()->info().state == ConnectionInfo::State::Connected, 60000);

        // Host-key and other questions come as dialogs: answered here as the user would.
        QTimer answering;
        connect(&answering, &QTimer::timeout, this, &TestConsoleWindowLab::answerDialogs);
        answering.start(50);

        // "Onboard VMs…" opens the wizard on the plan.
        auto* onboard = window.findChild<QAction*>(u"onboardAction"_qs);
        QVERIFY(onboard && onboard->isEnabled());
        onboard->trigger();
        OnboardingWizard* wizard = nullptr;
        QTRY_VERIFY((wizard = window.findChild<OnboardingWizard*>()) != nullptr);
        QVERIFY(QTest::qWaitForWindowExposed(wizard));
        PackageChoice package;
        package.kind = PackageChoice::Kind::File;
        package.file = m_deb;
        wizard->context()->setPackage(package);
        QAbstractButton* next = wizard->button(QWizard::NextButton);

        // Opened on a complete plan nothing of which is applied, it goes to the review (the first
        // step not done); Back returns through every page to the cluster's.
        QSignalSpy resumed(wizard, &OnboardingWizard::resumed);
        QTRY_VERIFY_WITH_TIMEOUT(!resumed.isEmpty(), 60000);
        QCOMPARE(wizard->currentId(), int(OnboardingWizard::ReviewPageId));
        QAbstractButton* back = wizard->button(QWizard::BackButton);
        while (wizard->currentId() != OnboardingWizard::ClusterPageId) {
            QVERIFY2(back->isEnabled(), qPrintable(wizard->currentPage()->title()));
            QTest::mouseClick(back, Qt::LeftButton);
        }

        // Then Next through every page. Cluster and preflight: warnings pass with the box ticked.
        auto* runAgain = wizard->currentPage()->findChild<QPushButton*>(u"runAgainButton"_qs);
        QTRY_VERIFY_WITH_TIMEOUT(runAgain->isEnabled(), 60000);
        auto* continueBox = wizard->currentPage()->findChild<QCheckBox*>(u"continueAnywayBox"_qs);
        if (!next->isEnabled() && continueBox->isEnabled())
            QTest::mouseClick(continueBox, Qt::LeftButton);
        for (const int id : {OnboardingWizard::MeshPageId, OnboardingWizard::GatewayPageId, OnboardingWizard::GroupPageId,
                             OnboardingWizard::VmsPageId, OnboardingWizard::PackagePageId, OnboardingWizard::ReviewPageId}) {
            QVERIFY2(next->isEnabled(), qPrintable(wizard->currentPage()->title()));
            QTest::mouseClick(next, Qt::LeftButton);
            QCOMPARE(wizard->currentId(), id);
        }
        auto* review = qobject_cast<ReviewPage*>(wizard->currentPage());
        QTRY_VERIFY_WITH_TIMEOUT(!review->isRunning(), 120000);
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(OnboardingWizard::RunPageId));

        // Run: the cluster side (with the split's VirtualService at 50/50), then both VMs.
        auto* runPage = qobject_cast<RunPage*>(wizard->currentPage());
        m_onboarded = true;
        QTest::mouseClick(runPage->findChild<QPushButton*>(u"startButton"_qs), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(runPage->flow().stage() == RunFlow::Stage::Finished, fleetTimeout);
        QCOMPARE(hostKeys(), (QStringList{u"vm1"_qs, u"vm3"_qs}));
        for (const QString& vm : {u"vm1"_qs, u"vm3"_qs})
            QCOMPARE(onVm(vm, u"systemctl is-active istio"_qs).out, u"active\n"_qs);
        QCOMPARE(virtualServiceWeights(), (QList<int>{50, 50}));

        // Verify: istiod does not run in the lab (issue 12), so the WorkloadEntries its
        // auto-registration makes are made here as it names them, Healthy as its prober writes.
        for (const int host : {11, 13})
            QVERIFY(makeHealthyBookEntry(*m_client, ns, labAddress(host)));
        QTRY_VERIFY(next->isEnabled());
        QTest::mouseClick(next, Qt::LeftButton);
        QCOMPARE(wizard->currentId(), int(OnboardingWizard::VerifyPageId));
        QTRY_COMPARE_WITH_TIMEOUT(wizard->currentPage()->findChild<QTreeWidget*>(u"entriesTree"_qs)->topLevelItemCount(), 2, 30000);
        wizard->close();

        // The VMs tab: a row per VM, its WorkloadEntry healthy, found by the watch (no polling).
        auto* tabs = window.findChild<QTabWidget*>(u"mainTabs"_qs);
        tabs->setCurrentWidget(window.vmsPage());
        QAbstractItemModel* rows = window.vmsPage()->view()->model();
        auto healthOf = [rows](const QString& vm) -> QString {
            for (int r = 0; r < rows->rowCount(); ++r) {
                const QModelIndex name = rows->index(r, FleetMonitor::NameColumn);
                if (name.data(FleetMonitor::NameRole).toString() == vm)
                    return name.data(FleetMonitor::HealthyRole).toString() + u" / "_qs
                           + rows->index(r, FleetMonitor::HealthColumn).data().toString();
            }
            return u"no row"_qs;
        };
        QTRY_VERIFY2_WITH_TIMEOUT(healthOf(u"vm1"_qs).startsWith(u"True / "_qs) && healthOf(u"vm3"_qs).startsWith(u"True / "_qs),
                                  qPrintable(healthOf(u"vm1"_qs) + u", "_qs + healthOf(u"vm3"_qs)), 30000);
        QCOMPARE(rows->rowCount(), 2); // the entries are the plan's VMs, not extra rows
        for (int r = 0; r < rows->rowCount(); ++r) {
            const QModelIndex name = rows->index(r, FleetMonitor::NameColumn);
            QVERIFY(!name.data(FleetMonitor::EntryRole).toString().isEmpty());
            qInfo("VMs tab: %s | %s | %s | flags: %s", qPrintable(name.data().toString()),
                  qPrintable(rows->index(r, FleetMonitor::AddressColumn).data().toString()),
                  qPrintable(rows->index(r, FleetMonitor::HealthColumn).data().toString()),
                  qPrintable(name.data(FleetMonitor::FlagTextsRole).toStringList().join(u"; "_qs)));
        }

        // The graph tab: the split's configured weights on the edges to the pods and to the VM.
        GraphPage* graphPage = window.graphPage();
        tabs->setCurrentWidget(graphPage);
        GraphScene* scene = graphPage->view()->scene();
        auto weightsShown = [scene]() -> QString {
            return QString::number(graphWeight(scene->graph(), podHost).value_or(-1)) + u'/'
                   + QString::number(graphWeight(scene->graph(), vmHost).value_or(-1));
        };
        QTRY_VERIFY2_WITH_TIMEOUT(weightsShown() == u"50/50"_qs, qPrintable(weightsShown() + u" " + graphPage->statusText()),
                                  graphTimeout);

        // The Weights tab: the split at 80/20, the diff confirmed, applied server-side.
        WeightsPage* weights = window.weightsPage();
        tabs->setCurrentWidget(weights);
        const QString routeKey = u"chapter10/envoydummy http[0]"_qs; // WeightedRoute::key()
        QTRY_VERIFY_WITH_TIMEOUT(weights->selectRoute(routeKey) && weights->service()->isConnected()
                                     && weights->editor()->route().inCluster(), 30000);
        WeightsEditor* editor = weights->editor();
        QCOMPARE(editor->route().destinations.size(), 2);
        const int vmIndex = editor->route().destinations.at(1).host == vmHost ? 1 : 0;
        editor->slider(1 - vmIndex)->setValue(80); // the other follows: the sum stays 100
        QCOMPARE(editor->weights().at(vmIndex), 20);
        QVERIFY(weights->applyButton()->isEnabled());
        QSignalSpy graphs(graphPage, &GraphPage::graphReceived);
        QTest::mouseClick(weights->applyButton(), Qt::LeftButton);
        QDialog* diff = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((diff = weights->findChild<QDialog*>(u"weightsDiffDialog"_qs)) && diff->isVisible(), 30000);
        const QString lines = diff->findChild<QPlainTextEdit*>(u"weightsDiffLines"_qs)->toPlainText();
        QVERIFY2(lines.contains(u"50% → 80%"_qs) && lines.contains(u"50% → 20%"_qs), qPrintable(lines));
        QTest::mouseClick(diff->findChild<QPushButton*>(u"weightsConfirmApply"_qs), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(virtualServiceWeights(), vmIndex == 1 ? (QList<int>{80, 20}) : (QList<int>{20, 80}), 30000);

        // The graph follows within one refresh: the next graph it receives after the apply.
        tabs->setCurrentWidget(graphPage);
        const qsizetype before = graphs.size();
        QTRY_VERIFY_WITH_TIMEOUT(weightsShown() == u"80/20"_qs || graphs.size() > before + 1, graphTimeout);
        QCOMPARE(weightsShown(), u"80/20"_qs);
        qInfo("graphs received between the apply and 80/20 on the graph: %lld", qlonglong(graphs.size() - before));

        // Offboarded through the VMs tab's service; the VMs are as before.
        answering.stop();
        const Error error = offboard(console.onboarding(), {u"vm1"_qs, u"vm3"_qs});
        QVERIFY2(!error.isError(), qPrintable(error.message));
        m_onboarded = false;
        for (const QString& vm : {u"vm1"_qs, u"vm3"_qs})
            QCOMPARE(onVm(vm, listing).out, m_before.value(vm));
    }

private:
    /*! Answers the question dialogs the window shows: host keys after checking the fingerprint. */
    void answerDialogs()
    {
        for (QWidget* w : QApplication::topLevelWidgets()) {
            auto* dialog = qobject_cast<QuestionDialog*>(w);
            if (!dialog || !dialog->isVisible() || !dialog->question())
                continue;
            Question* question = dialog->question();
            QDialogButtonBox* buttons = dialog->findChild<QDialogButtonBox*>();
            if (question->kind() == Question::Kind::HostKey) {
                const QString fingerprint = question->property("fingerprint").toString();
                const int host = question->subject() == u"vm1"_qs ? 11 : 13;
                if (!dialog->text().contains(fingerprint) || !trueFingerprints(host).contains(fingerprint)) {
                    qWarning("host-key dialog for %s without the VM's fingerprint: %s", qPrintable(question->subject()),
                             qPrintable(dialog->text()));
                    QTest::mouseClick(buttons->button(QDialogButtonBox::Cancel), Qt::LeftButton);
                    continue;
                }
                m_hostKeys << question->subject();
                QTest::mouseClick(buttons->button(QDialogButtonBox::Ok), Qt::LeftButton);
            } else {
                qWarning("unexpected question about %s: %s", qPrintable(question->subject()), qPrintable(dialog->text()));
                QTest::mouseClick(buttons->button(QDialogButtonBox::Cancel), Qt::LeftButton);
            }
        }
    }

    QStringList hostKeys() const
    {
        QStringList out = m_hostKeys;
        out.sort();
        return out;
    }


    /*! The weights of the split's VirtualService in the cluster, in route order ({} when absent). */
    QList<int> virtualServiceWeights() const
    {
        const KubeResult got = Lab::run(m_client->get(
            ObjectRef{u"networking.istio.io/v1"_qs, u"VirtualService"_qs, u"chapter10"_qs, u"envoydummy"_qs}));
        QList<int> out;
        if (!got.ok())
            return out;
        const QJsonArray http = got.json[u"spec"_qs][u"http"_qs].toArray();
        for (const QJsonValue& d : http.first()[u"route"_qs].toArray())
            out << d[u"weight"_qs].toInt();
        return out;
    }


    Error offboard(OnboardingService& service, const QStringList& vms)
    {
        FleetRequest request;
        request.mode = FleetRequest::Mode::Offboard;
        request.vms = vms;
        std::unique_ptr<FleetTask> task(service.runFleet(m_plan, request, nullptr));
        connect(task.get(), &FleetTask::question, this, [](Question* q) {
            if (q->kind() == Question::Kind::HostKey)
                q->accept();
            else
                q->reject();
        });
        QSignalSpy finished(task.get(), &Task::finished);
        task->start();
        if (finished.isEmpty() && !finished.wait(fleetTimeout))
            return Error::make(Error::Kind::LocalFailure, u"offboarding did not finish"_qs);
        return finished.first().first().value<Error>();
    }

    QTemporaryDir m_dir;
    QString m_sshConfig;
    QString m_knownHosts;
    QString m_deb;
    QString m_planPath;
    Plan m_plan;
    KubeClient* m_client = nullptr;
    QHash<QString, QString> m_before;
    QStringList m_hostKeys;
    bool m_onboarded = false;
};

QTEST_MAIN(TestConsoleWindowLab)
#include "tst_consolewindowlab.moc"
