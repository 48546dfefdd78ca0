// SPDX-License-Identifier: Apache-2.0
// OnboardingServiceImpl, the window's onboarding: its tasks against a scripted API server
// (fakeapiserver.h) and the fleet over scripted VMs (fakevmremote.h): results carried over from
// the runs, cancel gives one Canceled and nothing afterwards, "retry the failed" runs only those.

#include "fakeapiserver.h"
#include "fakeclient.h"
#include "fakevmremote.h"
#include "fleetmodel.h"
#include "generation.h"
#include "kubeclient.h"
#include "onboardingserviceimpl.h"
#include "onboardstate.h"
#include "planloader.h"
#include "testplans.h"
#include "testsupport.h"

#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QJsonArray>
#include <QPointer>
#include <QTimer>

namespace {

Plan bookPlan()
{
    const PlanLoadResult loaded = loadPlanFile(TestSupport::sourceDir() + u"/examples/book-chapter10.yaml"_qs);
    return loaded.plan ? *loaded.plan : Plan{};
}

FleetModel::Status statusOf(const FleetModel& model, const QString& vm)
{
    const int row = model.rowOf(vm);
    return FleetModel::Status(model.index(row, FleetModel::StatusColumn).data(FleetModel::StatusRole).toInt());
}

Error errorOf(const QSignalSpy& finished)
{
    return finished.first().first().value<Error>();
}

/*! server answers discovery, and every other request with status (a Kubernetes Status). */
void answerAllWith(FakeApiServer& server, int status, const QString& reason, const QString& message)
{
    server.setHandler([=](const FakeRequest& r, FakeExchange& x) {
        if (!fakeDiscovery(r, x))
            x.respondJson(status, fakeStatus(status, reason, message));
    });
}

} // namespace

class TestOnboardingServiceImpl final : public QObject
{
    Q_OBJECT
private slots:
    void fleetRunsOverTheModel()
    {
        OnboardingServiceImpl service(nullptr);
        QStringList started;
        service.setRemoteFactory([&](const QString& vm) {
            started.append(vm);
            auto* remote = new FakeVmRemote;
            remote->answer(u"^sh -c m="_qs, 0, offboardProbe(true));
            return remote;
        });
        FleetRequest request;
        request.mode = FleetRequest::Mode::Offboard; // no cluster needed
        FleetTask* task = service.runFleet(TestPlans::twoVmPlan(), request, this);
        QSignalSpy finished(task, &Task::finished);
        task->start();
        QVERIFY(finished.wait(5000));
        QVERIFY2(!errorOf(finished).isError(), qPrintable(errorOf(finished).message));
        QCOMPARE(service.fleetModel(), static_cast<QAbstractItemModel*>(service.fleet()));
        QCOMPARE(service.fleet()->rowCount(), 2);
        QCOMPARE(statusOf(*service.fleet(), u"vm1"_qs), FleetModel::Status::Ok);
        QCOMPARE(statusOf(*service.fleet(), u"vm2"_qs), FleetModel::Status::Ok);
        QVERIFY(task->failedVms().isEmpty());
        started.sort();
        QCOMPARE(started, QStringList({u"vm1"_qs, u"vm2"_qs}));
    }

    void retryTheFailedRunsOnlyThose()
    {
        OnboardingServiceImpl service(nullptr);
        bool vm2Fails = true;
        QStringList started;
        service.setRemoteFactory([&](const QString& vm) {
            started.append(vm);
            auto* remote = new FakeVmRemote;
            remote->answer(u"^sh -c m="_qs, 0, offboardProbe(true));
            if (vm == u"vm2" && vm2Fails)
                remote->answer(u"^sudo sh -c "_qs, 1, {}, 1);
            return remote;
        });
        FleetRequest request;
        request.mode = FleetRequest::Mode::Offboard;
        FleetTask* first = service.runFleet(TestPlans::twoVmPlan(), request, this);
        QSignalSpy firstFinished(first, &Task::finished);
        first->start();
        QVERIFY(firstFinished.wait(5000));
        QCOMPARE(errorOf(firstFinished).kind, Error::Kind::PartialFailure);
        QCOMPARE(first->failedVms(), QStringList{u"vm2"_qs});
        QCOMPARE(statusOf(*service.fleet(), u"vm2"_qs), FleetModel::Status::Failed);

        vm2Fails = false;
        started.clear();
        request.vms = first->failedVms();
        FleetTask* retry = service.runFleet(TestPlans::twoVmPlan(), request, this);
        QSignalSpy retryFinished(retry, &Task::finished);
        retry->start();
        QVERIFY(retryFinished.wait(5000));
        QVERIFY2(!errorOf(retryFinished).isError(), qPrintable(errorOf(retryFinished).message));
        QCOMPARE(started, QStringList{u"vm2"_qs});
        QCOMPARE(statusOf(*service.fleet(), u"vm2"_qs), FleetModel::Status::Ok);
        QVERIFY(retry->failedVms().isEmpty());
    }

    void fleetCanceledMidRun()
    {
        OnboardingServiceImpl service(nullptr);
        QStringList started;
        QStringList ran;
        QPointer<FleetTask> task;
        service.setRemoteFactory([&](const QString& vm) {
            started.append(vm);
            auto* remote = new FakeVmRemote;
            remote->answer(u"^sh -c m="_qs, 0, offboardProbe(true));
            remote->onCommand = [&](const QString& line, const RemoteRequest&) {
                ran.append(line);
                if (line.startsWith(u"sudo "_qs))
                    QTimer::singleShot(0, this, [&task] {
                        if (task)
                            task->cancel();
                    });
            };
            return remote;
        });
        FleetRequest request;
        request.mode = FleetRequest::Mode::Offboard;
        request.parallel = 1;
        task = service.runFleet(TestPlans::twoVmPlan(), request, this);
        QSignalSpy finished(task, &Task::finished);
        task->start();
        QVERIFY(finished.wait(5000));
        QCOMPARE(finished.size(), 1);
        QCOMPARE(errorOf(finished).kind, Error::Kind::Canceled);
        const qsizetype commands = ran.size();
        QTest::qWait(200); // nothing may follow a cancel: no command, no second finished
        QCOMPARE(ran.size(), commands);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(started, QStringList{u"vm1"_qs});
        QCOMPARE(statusOf(*service.fleet(), u"vm2"_qs), FleetModel::Status::Waiting);
    }

    void secondRunOnThePlanIsRefused()
    {
        // Security review M8: while another run (here a lock this process holds, as a
        // `meshdeck onboard` in a terminal would) works on the plan, the window's run is refused
        // before anything is contacted, naming the lock; afterwards it runs and lets go of it.
        QTemporaryDir dir;
        Plan plan = TestPlans::twoVmPlan();
        plan.sourceFile = dir.filePath(u"plan.yaml"_qs);
        const QString statePath = OnboardState::pathForPlan(plan.sourceFile);
        OnboardingServiceImpl service(nullptr);
        QStringList started;
        QStringList startedLocked;
        service.setRemoteFactory([&](const QString& vm) {
            started.append(vm);
            if (QFileInfo::exists(OnboardStateLock::lockPathFor(statePath)))
                startedLocked.append(vm);
            auto* remote = new FakeVmRemote;
            remote->answer(u"^sh -c m="_qs, 0, offboardProbe(true));
            return remote;
        });
        FleetRequest request;
        request.mode = FleetRequest::Mode::Offboard;
        auto other = std::make_unique<OnboardStateLock>(statePath);
        QCOMPARE(other->acquire(), QString());
        FleetTask* refused = service.runFleet(plan, request, this);
        QSignalSpy refusedFinished(refused, &Task::finished);
        refused->start();
        QVERIFY(refusedFinished.wait(5000));
        QCOMPARE(errorOf(refusedFinished).kind, Error::Kind::LocalFailure);
        QVERIFY2(errorOf(refusedFinished).message.contains(OnboardStateLock::lockPathFor(statePath)),
                 qPrintable(errorOf(refusedFinished).message));
        QVERIFY2(errorOf(refusedFinished).message.contains(QString::number(QCoreApplication::applicationPid())),
                 qPrintable(errorOf(refusedFinished).message));
        QVERIFY(started.isEmpty());
        QVERIFY(!QFileInfo::exists(statePath));

        other.reset();
        FleetTask* task = service.runFleet(plan, request, this);
        QSignalSpy finished(task, &Task::finished);
        task->start();
        QVERIFY(finished.wait(5000));
        QVERIFY2(!errorOf(finished).isError(), qPrintable(errorOf(finished).message));
        QCOMPARE(started.size(), 2);
        QCOMPARE(startedLocked, started); // held while the VMs ran
        QVERIFY(!QFileInfo::exists(OnboardStateLock::lockPathFor(statePath))); // released at the end
    }

    void onboardingWithoutAClusterSaysWhy()
    {
        OnboardingServiceImpl service(nullptr);
        QVERIFY(!service.isConnected());
        FleetTask* task = service.runFleet(TestPlans::twoVmPlan(), {}, this);
        QSignalSpy finished(task, &Task::finished);
        task->start();
        QVERIFY(finished.wait(2000));
        QCOMPARE(errorOf(finished).kind, Error::Kind::KubernetesUnreachable);
        QVERIFY(!errorOf(finished).message.isEmpty());
    }

    void preflightJudgesWhatTheServerSays()
    {
        FakeApiServer server;
        answerAllWith(server, 404, u"NotFound"_qs, u"not found"_qs);
        KubeClient client(configFor(server.url()), fastOptions());
        OnboardingServiceImpl service(nullptr);
        service.setKubeClient(&client, u"context test"_qs);
        QVERIFY(service.isConnected());
        QCOMPARE(service.clusterText(bookPlan()), u"context test"_qs);
        PreflightTask* task = service.preflight(bookPlan(), this);
        QSignalSpy finished(task, &Task::finished);
        task->start();
        QVERIFY(finished.wait(20000));
        QVERIFY(!task->checks().isEmpty());
        QVERIFY(std::any_of(task->checks().cbegin(), task->checks().cend(),
                            [](const PreflightCheck& c) { return c.status == PreflightCheck::Status::Fail; }));
    }

    void preflightCanceledIsQuiet()
    {
        FakeApiServer server; // answers discovery, holds everything else
        server.setHandler([](const FakeRequest& r, FakeExchange& x) { fakeDiscovery(r, x); });
        KubeClient client(configFor(server.url()), fastOptions());
        OnboardingServiceImpl service(nullptr);
        service.setKubeClient(&client);
        PreflightTask* task = service.preflight(bookPlan(), this);
        QSignalSpy finished(task, &Task::finished);
        task->start();
        QTRY_VERIFY_WITH_TIMEOUT(!server.requests.isEmpty(), 10000);
        task->cancel();
        QCOMPARE(finished.size(), 1);
        QCOMPARE(errorOf(finished).kind, Error::Kind::Canceled);
        const qsizetype requests = server.requests.size();
        QTest::qWait(300);
        QCOMPARE(server.requests.size(), requests);
        QCOMPARE(finished.size(), 1);
    }

    void applyFailureIsTypedAndReported()
    {
        FakeApiServer server;
        answerAllWith(server, 403, u"Forbidden"_qs, u"namespaces is forbidden"_qs);
        KubeClient client(configFor(server.url()), fastOptions());
        OnboardingServiceImpl service(nullptr);
        service.setKubeClient(&client);
        ApplyTask* task = service.applyCluster(bookPlan(), this);
        QSignalSpy applied(task, &ApplyTask::objectApplied);
        QSignalSpy finished(task, &Task::finished);
        task->start();
        QVERIFY(finished.wait(20000));
        QCOMPARE(errorOf(finished).kind, Error::Kind::KubernetesStatus);
        QCOMPARE(countMethod(server, "PATCH"), 0);
        QCOMPARE(applied.size(), task->objects().size());
        if (!task->objects().isEmpty())
            QCOMPARE(task->objects().last().outcome, AppliedObject::Outcome::Failed);
    }

    void reviewShowsEveryObjectMissing()
    {
        FakeApiServer server;
        answerAllWith(server, 404, u"NotFound"_qs, u"not found"_qs);
        KubeClient client(configFor(server.url()), fastOptions());
        OnboardingServiceImpl service(nullptr);
        service.setKubeClient(&client);
        QStringList asked;
        service.setRemoteFactory([&](const QString& vm) {
            asked.append(vm);
            return new FakeVmRemote; // answers nothing: the VM's preflight fails
        });
        const Plan plan = bookPlan();
        ReviewTask* task = service.review(plan, this);
        QSignalSpy finished(task, &Task::finished);
        task->start();
        QVERIFY(finished.wait(20000));
        QVERIFY2(!errorOf(finished).isError(), qPrintable(errorOf(finished).message));
        const QList<Resource> resources = generateOffline(plan).kubectlResources();
        QCOMPARE(task->objects().size(), resources.size());
        for (const ObjectDiff& o : task->objects()) {
            QCOMPARE(o.state, ObjectDiff::State::Missing);
            QVERIFY(o.desiredYaml.contains(u"kind: "_qs));
        }
        for (const ObjectDiff& o : task->objects()) // a Secret's values never appear
            if (o.object.startsWith(u"Secret "_qs))
                QVERIFY(!o.desiredYaml.contains(u"BEGIN"_qs));
        for (const Vm& vm : plan.vms) {
            QVERIFY(std::any_of(task->vmSteps().cbegin(), task->vmSteps().cend(),
                                [&](const VmStepPlan& s) { return s.vm == vm.name; }));
        }
    }

    void verifyReadsEntriesAndEndpoints()
    {
        FakeApiServer server;
        server.setHandler([](const FakeRequest& r, FakeExchange& x) {
            if (fakeDiscovery(r, x))
                return;
            if (r.path.endsWith(u"/namespaces/ns/workloadentries"_qs)) {
                const QJsonObject entry{
                    {u"metadata"_qs, QJsonObject{{u"name"_qs, u"g-192.0.2.10"_qs},
                                                 {u"annotations"_qs, QJsonObject{{u"istio.io/autoRegistrationGroup"_qs, u"g"_qs}}}}},
                    {u"spec"_qs, QJsonObject{{u"address"_qs, u"192.0.2.10"_qs}}},
                    {u"status"_qs, QJsonObject{{u"conditions"_qs, QJsonArray{QJsonObject{
                        {u"type"_qs, u"Healthy"_qs}, {u"status"_qs, u"False"_qs}, {u"message"_qs, u"probe failed"_qs}}}}}}};
                x.respondJson(200, QJsonObject{{u"kind"_qs, u"WorkloadEntryList"_qs}, {u"apiVersion"_qs, u"networking.istio.io/v1"_qs},
                                               {u"metadata"_qs, QJsonObject{}}, {u"items"_qs, QJsonArray{entry}}});
            } else if (r.path == u"/api/v1/namespaces/ns/endpoints/g") {
                x.respondJson(200, QJsonObject{{u"kind"_qs, u"Endpoints"_qs}, {u"subsets"_qs, QJsonArray{QJsonObject{
                    {u"addresses"_qs, QJsonArray{QJsonObject{{u"ip"_qs, u"10.0.0.5"_qs}}}},
                    {u"notReadyAddresses"_qs, QJsonArray{QJsonObject{{u"ip"_qs, u"192.0.2.10"_qs}}}}}}}});
            } else {
                x.respondJson(404, fakeStatus(404, u"NotFound"_qs, u"not found"_qs));
            }
        });
        KubeClient client(configFor(server.url()), fastOptions());
        OnboardingServiceImpl service(nullptr);
        service.setKubeClient(&client);
        VerifyTask* task = service.verify(TestPlans::twoVmPlan(), this);
        QSignalSpy finished(task, &Task::finished);
        task->start();
        QVERIFY(finished.wait(20000));
        QVERIFY2(!errorOf(finished).isError(), qPrintable(errorOf(finished).message));
        QCOMPARE(task->entries().size(), 1);
        QCOMPARE(task->entries().first().healthy, u"False"_qs);
        QCOMPARE(task->entries().first().message, u"probe failed"_qs);
        QCOMPARE(task->services().size(), 1);
        QCOMPARE(task->services().first().ready, QStringList{u"10.0.0.5"_qs});
        QCOMPARE(task->services().first().notReady, QStringList{u"192.0.2.10"_qs});
        QVERIFY(task->groupsWithoutEntries().isEmpty());
    }

    void statusReadsTheStateFile()
    {
        OnboardingServiceImpl service(nullptr); // no cluster: the state file alone
        StatusTask* task = service.onboardingStatus(TestPlans::twoVmPlan(), this);
        QSignalSpy finished(task, &Task::finished);
        task->start();
        QVERIFY(finished.wait(2000));
        QVERIFY(!errorOf(finished).isError());
        QCOMPARE(task->status().vms, QStringList({u"vm1"_qs, u"vm2"_qs}));
        QVERIFY(!task->status().clusterAnswered);
        QVERIFY(!task->status().error.isEmpty());
    }

private:
    static qsizetype countMethod(const FakeApiServer& server, const QByteArray& method)
    {
        return std::count_if(server.requests.cbegin(), server.requests.cend(),
                             [&](const FakeRequest& r) { return r.method == method; });
    }
};

QTEST_GUILESS_MAIN(TestOnboardingServiceImpl)
#include "tst_onboardingserviceimpl.moc"
