// SPDX-License-Identifier: Apache-2.0
// FleetMonitorImpl without a cluster: the actions go to OnboardingService::runFleet with the
// right mode and VMs (RefreshToken included), a probe over a scripted VmRemote fills the row
// (sudo first, without it when sudo wants a password), the ssh command follows the plan, and the
// step history comes from the state file plus the failures seen.

#include "fakevmremote.h"
#include "fleetmonitorimpl.h"
#include "onboardingservice.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

namespace {

class FakeFleetTask final : public FleetTask
{
public:
    using FleetTask::FleetTask;
    QStringList failedVms() const override { return {}; }
    void end(const Error& error) { finish(error); }

private:
    void run() override {}
};

class FakeService final : public OnboardingService
{
public:
    using OnboardingService::OnboardingService;
    bool isConnected() const override { return true; }
    PreflightTask* preflight(const Plan&, QObject*) override { return nullptr; }
    ReviewTask* review(const Plan&, QObject*) override { return nullptr; }
    ApplyTask* applyCluster(const Plan&, QObject*) override { return nullptr; }
    FleetTask* runFleet(const Plan&, const FleetRequest& request, QObject* parent) override
    {
        requests << request;
        last = new FakeFleetTask(parent);
        return last;
    }
    VerifyTask* verify(const Plan&, QObject*) override { return nullptr; }
    ProbeTask* probeVm(const Plan&, const QString&, QObject*) override { return nullptr; }
    QAbstractItemModel* fleetModel() const override { return nullptr; }

    QList<FleetRequest> requests;
    FakeFleetTask* last = nullptr;
};

Plan plan()
{
    Plan p;
    VmGroup g;
    g.name = u"web"_qs;
    g.namespaceName = u"vm-ns"_qs;
    p.vmGroups = {g};
    Vm vm;
    vm.name = u"vm-1"_qs;
    vm.group = u"web"_qs;
    vm.address = u"10.0.0.1"_qs;
    vm.ssh.user = u"debian"_qs;
    vm.ssh.port = 2222;
    vm.ssh.jumpHost = u"ops@bastion"_qs;
    p.vms = {vm};
    return p;
}

} // namespace

class TestFleetMonitorImpl final : public QObject
{
    Q_OBJECT
private slots:
    void actionsDelegateToRunFleet();
    void noServiceSaysWhy();
    void probeFillsTheRow();
    void probeWithoutSudoWhenItWantsAPassword();
    void sshCommandFollowsThePlan();
    void historyFromStateFileAndFailures();
    void stateFileWrittenLaterIsFollowed();
    void scheduleProbesStartedVmsAtMostNAtOnce();
};

void TestFleetMonitorImpl::actionsDelegateToRunFleet()
{
    FakeService service;
    FleetMonitorImpl monitor(&service);
    new QAbstractItemModelTester(monitor.model(), QAbstractItemModelTester::FailureReportingMode::QtTest, &monitor);
    monitor.setPlan(plan(), {});
    QVERIFY(monitor.onboard({u"vm-1"_qs}));
    QVERIFY(monitor.reonboard({u"vm-1"_qs}));
    QVERIFY(monitor.offboard({u"vm-1"_qs}));
    QVERIFY(monitor.refreshToken(u"vm-1"_qs));
    using M = FleetRequest::Mode;
    QCOMPARE(service.requests.size(), 4);
    QCOMPARE(service.requests[0].mode, M::Onboard);
    QCOMPARE(service.requests[1].mode, M::Reonboard);
    QCOMPARE(service.requests[2].mode, M::Offboard);
    QCOMPARE(service.requests[3].mode, M::RefreshToken);
    QCOMPARE(service.requests[3].vms, QStringList{u"vm-1"_qs});
    QTRY_COMPARE(monitor.model()->index(0, 0).data(FleetMonitor::BusyRole).toBool(), true);
    QSignalSpy failed(&monitor, &FleetMonitor::actionFailed);
    service.last->end(Error::make(Error::Kind::RemoteCommandFailed, u"token write failed"_qs));
    QTRY_COMPARE(failed.size(), 1);
    QVERIFY(monitor.stepHistory(u"vm-1"_qs).lastErrors.first().contains(u"token write failed"_qs));
}

void TestFleetMonitorImpl::noServiceSaysWhy()
{
    FleetMonitorImpl monitor(nullptr);
    monitor.setPlan(plan(), {});
    QSignalSpy failed(&monitor, &FleetMonitor::actionFailed);
    QCOMPARE(monitor.onboard({u"vm-1"_qs}), nullptr);
    QCOMPARE(failed.size(), 1);
}

void TestFleetMonitorImpl::probeFillsTheRow()
{
    FleetMonitorImpl monitor(nullptr);
    QStringList ran;
    monitor.setRemoteFactory([&ran](const Plan&, const QString&, QObject* parent) -> VmRemote* {
        auto* remote = new FakeVmRemote(parent);
        remote->answer(u"sh -c"_qs, 0, "unit=active\nready=200\ntoken=missing\n");
        remote->onCommand = [&ran](const QString& line, const RemoteRequest&) { ran << line.left(10); };
        return remote;
    });
    monitor.setPlan(plan(), {});
    monitor.probeNow(u"vm-1"_qs);
    QTRY_COMPARE(monitor.model()->index(0, FleetMonitor::SidecarColumn).data().toString(), u"active, ready");
    QTRY_COMPARE(monitor.model()->index(0, 0).data(FleetMonitor::FlagKindsRole).toList(),
                 QVariantList{int(VmFlag::Kind::TokenMissing)});
    QCOMPARE(ran, QStringList{u"sudo sh -c"_qs});
}

void TestFleetMonitorImpl::probeWithoutSudoWhenItWantsAPassword()
{
    FleetMonitorImpl monitor(nullptr);
    QStringList ran;
    monitor.setRemoteFactory([&ran](const Plan&, const QString&, QObject* parent) -> VmRemote* {
        auto* remote = new FakeVmRemote(parent);
        remote->sudoPassword = "secret";
        remote->answer(u"sh -c"_qs, 0, "unit=active\nready=200\ntoken=unreadable\n");
        remote->onCommand = [&ran](const QString& line, const RemoteRequest&) { ran << line.left(10); };
        return remote;
    });
    monitor.setPlan(plan(), {});
    monitor.probeNow(u"vm-1"_qs);
    QTRY_COMPARE(monitor.model()->index(0, FleetMonitor::TokenColumn).data().toString(), u"unknown (needs sudo)");
    QCOMPARE(ran, (QStringList{u"sudo sh -c"_qs, u"sh -c unit"_qs}));
}

void TestFleetMonitorImpl::sshCommandFollowsThePlan()
{
    FleetMonitorImpl monitor(nullptr);
    monitor.setPlan(plan(), {});
    QCOMPARE(monitor.sshArguments(u"vm-1"_qs),
             (QStringList{u"ssh"_qs, u"-J"_qs, u"ops@bastion"_qs, u"-p"_qs, u"2222"_qs, u"debian@10.0.0.1"_qs}));
    QCOMPARE(monitor.sshCommand(u"vm-1"_qs), u"ssh -J ops@bastion -p 2222 debian@10.0.0.1");
    QVERIFY(monitor.sshArguments(u"nope"_qs).isEmpty());
}

void TestFleetMonitorImpl::historyFromStateFileAndFailures()
{
    QTemporaryDir dir;
    const QString planPath = dir.filePath(u"plan.yaml"_qs);
    OnboardState state;
    state.setPath(OnboardState::pathForPlan(planPath));
    state.vm(u"vm-1"_qs).steps[stepKey(StepKind::Preflight)] = StepRecord{StepState::Done, {}, u"debian 12"_qs, {}};
    state.vm(u"vm-1"_qs).steps[stepKey(StepKind::Start)] = StepRecord{StepState::Failed, {}, u"unit failed"_qs, {}};
    QCOMPARE(state.save(), QString());
    FleetMonitorImpl monitor(nullptr);
    monitor.setPlan(plan(), planPath);
    const VmHistory history = monitor.stepHistory(u"vm-1"_qs);
    QCOMPARE(history.steps.size(), 2);
    QCOMPARE(history.steps[0].step, u"preflight");
    QCOMPARE(history.steps[1].state, u"failed");
    QCOMPARE(history.lastErrors, QStringList{u"start: unit failed"_qs});
    QTRY_COMPARE(monitor.model()->index(0, FleetMonitor::OnboardingColumn).data().toString(), u"start failed");
}

void TestFleetMonitorImpl::stateFileWrittenLaterIsFollowed()
{
    // A plan's first onboarding (the wizard's or `meshdeck onboard`'s): no state file when the
    // plan opens; the tab follows the one the run writes.
    QTemporaryDir dir;
    const QString planPath = dir.filePath(u"plan.yaml"_qs);
    FleetMonitorImpl monitor(nullptr);
    monitor.setPlan(plan(), planPath);
    QVERIFY(!QFileInfo::exists(OnboardState::pathForPlan(planPath)));
    OnboardState state;
    state.setPath(OnboardState::pathForPlan(planPath));
    state.vm(u"vm-1"_qs).steps[stepKey(StepKind::Start)] = StepRecord{StepState::Failed, {}, u"unit failed"_qs, {}};
    QCOMPARE(state.save(), QString());
    QTRY_COMPARE(monitor.model()->index(0, FleetMonitor::OnboardingColumn).data().toString(), u"start failed");
}

void TestFleetMonitorImpl::scheduleProbesStartedVmsAtMostNAtOnce()
{
    QTemporaryDir dir;
    const QString planPath = dir.filePath(u"plan.yaml"_qs);
    Plan p = plan();
    for (const QString& name : {u"vm-2"_qs, u"vm-3"_qs, u"vm-4"_qs}) {
        Vm vm = p.vms.first();
        vm.name = name;
        p.vms << vm;
    }
    OnboardState state;
    state.setPath(OnboardState::pathForPlan(planPath));
    for (const QString& name : {u"vm-1"_qs, u"vm-2"_qs, u"vm-3"_qs}) // vm-4 never onboarded: not probed
        state.vm(name).steps[stepKey(StepKind::Start)] = StepRecord{StepState::Done, {}, {}, {}};
    QCOMPARE(state.save(), QString());

    int alive = 0; // before the monitor: its remotes' destroyed() counts down at its end
    int mostAlive = 0;
    QStringList probed;
    FleetMonitorImpl monitor(nullptr);
    monitor.setMaxParallelProbes(2);
    monitor.setRemoteFactory([&](const Plan&, const QString& vm, QObject* parent) -> VmRemote* {
        auto* remote = new FakeVmRemote(parent);
        remote->answer(u"sh -c"_qs, 0, "unit=active\nready=200\ntoken=present\n");
        probed << vm;
        mostAlive = qMax(mostAlive, ++alive);
        connect(remote, &QObject::destroyed, this, [&alive] { --alive; });
        return remote;
    });
    monitor.setPlan(p, planPath);
    monitor.setProbeInterval(std::chrono::milliseconds(100));
    QTRY_COMPARE(monitor.model()->index(2, FleetMonitor::SidecarColumn).data().toString(), u"active, ready");
    QTRY_COMPARE(monitor.model()->index(0, FleetMonitor::SidecarColumn).data().toString(), u"active, ready");
    QTRY_COMPARE(monitor.model()->index(1, FleetMonitor::SidecarColumn).data().toString(), u"active, ready");
    QCOMPARE(monitor.model()->index(3, FleetMonitor::SidecarColumn).data().toString(), u"not probed");
    QVERIFY(!probed.contains(u"vm-4"_qs));
    // A finished probe's remote goes with deleteLater, so one more may still exist for a moment.
    QVERIFY2(mostAlive <= 3, qPrintable(QString::number(mostAlive)));
    monitor.setProbeInterval(std::chrono::minutes(5));
}

QTEST_GUILESS_MAIN(TestFleetMonitorImpl)
#include "tst_fleetmonitorimpl.moc"
