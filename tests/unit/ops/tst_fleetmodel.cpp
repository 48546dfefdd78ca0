// SPDX-License-Identifier: Apache-2.0
// The one model of a fleet: rows from a plan, what the state file knows of each VM, a run's
// signals turned into cell updates (dataChanged for the changed cells only), all under
// QAbstractItemModelTester; a cluster resource that could not be deleted is no VM row.
#include "fleetmodel.h"

#include "fleetrun.h"
#include "plan.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

namespace {

Plan threeVms()
{
    Plan plan;
    plan.name = u"fleet"_qs;
    plan.vmGroups.append(VmGroup{});
    plan.vmGroups.last().name = u"web"_qs;
    plan.vmGroups.last().namespaceName = u"shop"_qs;
    for (const auto& [name, address] : {std::pair{u"vm1"_qs, u"10.0.0.1"_qs}, std::pair{u"vm2"_qs, u"10.0.0.2"_qs},
                                        std::pair{u"vm3"_qs, u"10.0.0.3"_qs}}) {
        Vm vm;
        vm.name = name;
        vm.address = address;
        vm.group = u"web"_qs;
        plan.vms.append(vm);
    }
    return plan;
}

//! One dataChanged: its row, its first and last column, its roles.
struct Change
{
    int row;
    int first;
    int last;
    QList<int> roles;
};

QList<Change> changes(QSignalSpy& spy)
{
    QList<Change> result;
    for (const QList<QVariant>& args : std::as_const(spy)) {
        const auto topLeft = args.at(0).value<QModelIndex>();
        const auto bottomRight = args.at(1).value<QModelIndex>();
        // A change spans one row: a range over two rows has row -1, which no test expects.
        result.append(Change{topLeft.row() == bottomRight.row() ? topLeft.row() : -1, topLeft.column(), bottomRight.column(), args.at(2).value<QList<int>>()});
    }
    spy.clear();
    return result;
}

QVariant cell(const FleetModel& model, int row, int column, int role = Qt::DisplayRole)
{
    return model.data(model.index(row, column), role);
}

} // namespace

class TestFleetModel final : public QObject
{
    Q_OBJECT

private slots:
    void rowsFromThePlan()
    {
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.columnCount(), int(FleetModel::ColumnCount));

        model.seed(threeVms());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(cell(model, 1, FleetModel::NameColumn), QVariant(u"vm2"_qs));
        QCOMPARE(cell(model, 1, FleetModel::NameColumn, FleetModel::NameRole), QVariant(u"vm2"_qs));
        QCOMPARE(cell(model, 1, FleetModel::AddressColumn, FleetModel::AddressRole), QVariant(u"10.0.0.2"_qs));
        QCOMPARE(cell(model, 1, FleetModel::GroupColumn), QVariant(u"web"_qs));
        QCOMPARE(cell(model, 1, FleetModel::StepColumn), QVariant(QString()));
        QVERIFY(!cell(model, 1, FleetModel::StepColumn, FleetModel::StepRole).isValid());
        QCOMPARE(cell(model, 1, FleetModel::ProgressColumn), QVariant(u"0%"_qs));
        QCOMPARE(cell(model, 1, FleetModel::ActivityColumn), QVariant(u"waiting"_qs));
        QCOMPARE(cell(model, 1, FleetModel::StatusColumn), QVariant(u"waiting"_qs));
        QCOMPARE(cell(model, 1, FleetModel::StatusColumn, FleetModel::StatusRole).toInt(), int(FleetModel::Status::Waiting));
        // A custom role answers on its own column only.
        QVERIFY(!cell(model, 1, FleetModel::NameColumn, FleetModel::AddressRole).isValid());
        QCOMPARE(model.roleNames().value(FleetModel::ErrorRole), QByteArray("error"));
        QCOMPARE(model.headerData(FleetModel::StepColumn, Qt::Horizontal).toString(), u"Step"_qs);

        // Only the run's VMs, in the run's order; an unknown one still gets its row.
        model.seed(threeVms(), {u"vm3"_qs, u"vm1"_qs, u"elsewhere"_qs});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.vmName(0), u"vm3"_qs);
        QCOMPARE(model.rowOf(u"vm1"_qs), 1);
        QCOMPARE(cell(model, 2, FleetModel::AddressColumn), QVariant(QString()));
        QCOMPARE(model.rowOf(u"vm2"_qs), -1);
    }

    void reseedKeepsTheOtherRows()
    {
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.seed(threeVms());
        OnboardState state;
        VmRecord& vm2 = state.vm(u"vm2"_qs);
        vm2.steps.insert(stepKey(StepKind::Preflight), StepRecord{StepState::Failed, {}, u"no route"_qs, {}});
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.reseed(threeVms(), {u"vm2"_qs, u"elsewhere"_qs}, &state);
        QCOMPARE(resets.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().first().value<QModelIndex>().row(), 1);
        QCOMPARE(model.rowCount(), 4); // the unknown one appended
        QCOMPARE(model.vmName(3), u"elsewhere"_qs);
        QCOMPARE(cell(model, 1, FleetModel::StateColumn, FleetModel::StateRole), QVariant(int(StepState::Failed)));
        QCOMPARE(model.vmName(0), u"vm1"_qs);
    }

    void seededFromTheStateFile()
    {
        OnboardState state;
        VmRecord& vm1 = state.vm(u"vm1"_qs);
        for (const StepKind step : onboardSteps())
            vm1.steps.insert(stepKey(step), StepRecord{StepState::Done, {}, stepTitle(step) + u" ok"_qs, {}});
        VmRecord& vm2 = state.vm(u"vm2"_qs);
        vm2.steps.insert(stepKey(StepKind::Preflight), StepRecord{StepState::Done, {}, u"debian 12, amd64"_qs, {}});
        vm2.steps.insert(stepKey(StepKind::Bundle), StepRecord{StepState::Done, {}, u"5 files"_qs, {}});
        vm2.steps.insert(stepKey(StepKind::Package), StepRecord{StepState::Failed, {}, u"dpkg: error"_qs, {}});

        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.seed(threeVms(), {}, &state);

        // Every step done: at the last one, all the way.
        QCOMPARE(cell(model, 0, FleetModel::StepColumn), QVariant(u"start"_qs));
        QCOMPARE(cell(model, 0, FleetModel::StateColumn), QVariant(u"done"_qs));
        QCOMPARE(cell(model, 0, FleetModel::ProgressColumn, FleetModel::ProgressRole), QVariant(1000));
        QCOMPARE(cell(model, 0, FleetModel::MessageColumn), QVariant(u"start ok"_qs));
        QCOMPARE(cell(model, 0, FleetModel::MessageColumn, FleetModel::ErrorRole), QVariant(QString()));

        // Stopped at a failed step: that step, its message in a run's words, the steps before done.
        QCOMPARE(cell(model, 1, FleetModel::StepColumn, FleetModel::StepRole), QVariant(int(StepKind::Package)));
        QCOMPARE(cell(model, 1, FleetModel::StateColumn, FleetModel::StateRole), QVariant(int(StepState::Failed)));
        QCOMPARE(cell(model, 1, FleetModel::MessageColumn), QVariant(u"package: dpkg: error"_qs));
        QCOMPARE(cell(model, 1, FleetModel::MessageColumn, FleetModel::ErrorRole), QVariant(u"package: dpkg: error"_qs));
        QCOMPARE(cell(model, 1, FleetModel::ProgressColumn, FleetModel::ProgressRole), QVariant(400));
        const QVariantMap steps = cell(model, 1, FleetModel::StepColumn, FleetModel::StepStatesRole).toMap();
        QCOMPARE(steps,
                 (QVariantMap{{u"preflight"_qs, int(StepState::Done)},
                              {u"bundle"_qs, int(StepState::Done)},
                              {u"package"_qs, int(StepState::Failed)}}));
        // The status is the run's: none has run yet.
        QCOMPARE(cell(model, 1, FleetModel::StatusColumn, FleetModel::StatusRole), QVariant(int(FleetModel::Status::Waiting)));

        // Nothing recorded.
        QVERIFY(!cell(model, 2, FleetModel::StepColumn, FleetModel::StepRole).isValid());
        QCOMPARE(cell(model, 2, FleetModel::StateColumn), QVariant(QString()));
        QVERIFY(cell(model, 2, FleetModel::StepColumn, FleetModel::StepStatesRole).toMap().isEmpty());
    }

    void runUpdatesChangedCellsOnly()
    {
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.seed(threeVms());
        QSignalSpy spy(&model, &QAbstractItemModel::dataChanged);

        model.onVmStarted(u"vm2"_qs);
        QList<Change> c = changes(spy);
        QCOMPARE(c.size(), 1);
        QCOMPARE(c[0].row, 1);
        QCOMPARE(c[0].first, int(FleetModel::StatusColumn));
        QCOMPARE(c[0].last, int(FleetModel::StatusColumn));
        QCOMPARE(c[0].roles, (QList<int>{Qt::DisplayRole, FleetModel::StatusRole}));
        QCOMPARE(cell(model, 1, FleetModel::StatusColumn), QVariant(u"running"_qs));

        // A step starts: step and state (adjacent: one range), then the activity (another).
        model.onStepChanged(u"vm2"_qs, StepKind::Preflight, StepState::Running, u"connecting"_qs);
        c = changes(spy);
        QCOMPARE(c.size(), 2);
        QCOMPARE(c[0].first, int(FleetModel::StepColumn));
        QCOMPARE(c[0].last, int(FleetModel::StateColumn));
        QVERIFY(c[0].roles.contains(FleetModel::StepRole));
        QVERIFY(c[0].roles.contains(FleetModel::StepStatesRole));
        QVERIFY(c[0].roles.contains(FleetModel::StateRole));
        QCOMPARE(c[1].first, int(FleetModel::ActivityColumn));
        QCOMPARE(c[1].last, int(FleetModel::ActivityColumn));
        QCOMPARE(cell(model, 1, FleetModel::StepColumn), QVariant(u"preflight"_qs));
        QCOMPARE(cell(model, 1, FleetModel::StateColumn), QVariant(u"running"_qs));
        QCOMPARE(cell(model, 1, FleetModel::ActivityColumn, FleetModel::ActivityRole), QVariant(u"connecting"_qs));

        // Progress: the progress and the activity, adjacent: one range.
        model.onVmProgress(u"vm2"_qs, 120, u"probing"_qs);
        c = changes(spy);
        QCOMPARE(c.size(), 1);
        QCOMPARE(c[0].first, int(FleetModel::ProgressColumn));
        QCOMPARE(c[0].last, int(FleetModel::ActivityColumn));
        QCOMPARE(cell(model, 1, FleetModel::ProgressColumn), QVariant(u"12%"_qs));
        // The same again changes nothing, and says nothing.
        model.onVmProgress(u"vm2"_qs, 120, u"probing"_qs);
        QCOMPARE(spy.size(), 0);
        // Only the activity.
        model.onVmProgress(u"vm2"_qs, 120, u"reading os-release"_qs);
        c = changes(spy);
        QCOMPARE(c.size(), 1);
        QCOMPARE(c[0].first, int(FleetModel::ActivityColumn));
        QCOMPARE(c[0].last, int(FleetModel::ActivityColumn));
        QCOMPARE(c[0].roles, (QList<int>{Qt::DisplayRole, FleetModel::ActivityRole}));

        // Done: the state, and the per-step states (on the step column).
        model.onStepChanged(u"vm2"_qs, StepKind::Preflight, StepState::Done, u"debian 12"_qs);
        c = changes(spy);
        QCOMPARE(c.size(), 1);
        QCOMPARE(c[0].first, int(FleetModel::StepColumn));
        QCOMPARE(c[0].last, int(FleetModel::StateColumn));
        QCOMPARE(cell(model, 1, FleetModel::StateColumn), QVariant(u"done"_qs));

        // Another step skipped without starting: the VM stays at preflight, the step states learn it.
        model.onStepChanged(u"vm2"_qs, StepKind::Bundle, StepState::Skipped, u"unchanged"_qs);
        c = changes(spy);
        QCOMPARE(c.size(), 1);
        QCOMPARE(c[0].first, int(FleetModel::StepColumn));
        QCOMPARE(c[0].last, int(FleetModel::StepColumn));
        QCOMPARE(c[0].roles, (QList<int>{FleetModel::StepStatesRole}));
        QCOMPARE(cell(model, 1, FleetModel::StepColumn), QVariant(u"preflight"_qs));
        QCOMPARE(cell(model, 1, FleetModel::StepColumn, FleetModel::StepStatesRole).toMap().value(u"bundle"_qs),
                 QVariant(int(StepState::Skipped)));

        // A failure: the step, its message, then the run's verdict.
        model.onStepChanged(u"vm2"_qs, StepKind::Package, StepState::Failed, u"dpkg: error"_qs);
        QCOMPARE(cell(model, 1, FleetModel::StepColumn), QVariant(u"package"_qs));
        QCOMPARE(cell(model, 1, FleetModel::MessageColumn, FleetModel::ErrorRole), QVariant(u"package: dpkg: error"_qs));
        spy.clear();
        model.onVmFinished(u"vm2"_qs, false, u"package: dpkg: error"_qs);
        c = changes(spy);
        QCOMPARE(c.size(), 1);
        QCOMPARE(c[0].first, int(FleetModel::StatusColumn));
        QCOMPARE(c[0].last, int(FleetModel::StatusColumn));
        QCOMPARE(cell(model, 1, FleetModel::StatusColumn, FleetModel::StatusRole), QVariant(int(FleetModel::Status::Failed)));
        QCOMPARE(cell(model, 1, FleetModel::StatusColumn), QVariant(u"failed"_qs));

        // An ok VM ends at 100%, its message the run's.
        model.onVmStarted(u"vm1"_qs);
        model.onVmFinished(u"vm1"_qs, true, u"onboarded"_qs);
        QCOMPARE(cell(model, 0, FleetModel::ProgressColumn, FleetModel::ProgressRole), QVariant(1000));
        QCOMPARE(cell(model, 0, FleetModel::MessageColumn), QVariant(u"onboarded"_qs));
        QCOMPARE(cell(model, 0, FleetModel::MessageColumn, FleetModel::ErrorRole), QVariant(QString()));
        QCOMPARE(cell(model, 0, FleetModel::StatusColumn), QVariant(u"ok"_qs));

        // Other rows untouched all along.
        QCOMPARE(cell(model, 2, FleetModel::StatusColumn), QVariant(u"waiting"_qs));
        QCOMPARE(cell(model, 2, FleetModel::ActivityColumn), QVariant(u"waiting"_qs));
    }

    void vmWithoutARowIsAppended()
    {
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.seed(threeVms(), {u"vm1"_qs});
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.onVmProgress(u"vm9"_qs, 500, u"halfway"_qs);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.vmName(1), u"vm9"_qs);
        QCOMPARE(cell(model, 1, FleetModel::ProgressColumn, FleetModel::ProgressRole), QVariant(500));
    }

    void attachedToAFleetRun()
    {
        // The run's own signals reach the model (emitted here by hand: no VM is contacted).
        const Plan plan = threeVms();
        OnboardState state;
        OnboardOptions options;
        options.dryRun = true;
        FleetRun run(plan, nullptr, nullptr, &state, options);
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.seed(plan, run.vmNames(), &state);
        model.attach(&run);
        emit run.vmStarted(u"vm3"_qs);
        emit run.stepChanged(u"vm3"_qs, StepKind::Preflight, StepState::Running, u"connecting"_qs);
        emit run.vmProgress(u"vm3"_qs, 100, u"probing"_qs);
        emit run.vmFinished(u"vm3"_qs, true, u"dry run"_qs);
        QCOMPARE(cell(model, 2, FleetModel::StatusColumn, FleetModel::StatusRole), QVariant(int(FleetModel::Status::Ok)));
        QCOMPARE(cell(model, 2, FleetModel::StepColumn), QVariant(u"preflight"_qs));

        // Let go when another (none) is attached.
        model.attach(nullptr);
        emit run.vmStarted(u"vm1"_qs);
        QCOMPARE(cell(model, 0, FleetModel::StatusColumn, FleetModel::StatusRole), QVariant(int(FleetModel::Status::Waiting)));
    }

    void clusterCleanupFailureIsNoVm()
    {
        // Offboard --cluster: a resource that could not be deleted is a note of the run, and the
        // run ends not ok; the model keeps its VMs and nothing else.
        const Plan plan = threeVms();
        OnboardState state;
        OnboardOptions options;
        options.mode = OnboardOptions::Mode::Offboard;
        options.removeClusterResources = true;
        FleetRun run(plan, nullptr, nullptr, &state, options);
        FleetModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.seed(plan, run.vmNames());
        model.attach(&run);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        for (const QString& vm : run.vmNames()) {
            emit run.vmStarted(vm);
            emit run.vmFinished(vm, true, u"offboarded"_qs);
        }
        emit run.note(u"could not delete WorkloadGroup shop/web: forbidden"_qs);
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(model.rowCount(), 3);
        for (int row = 0; row < model.rowCount(); ++row) {
            QVERIFY(model.vmName(row).startsWith(u"vm"_qs));
            QCOMPARE(cell(model, row, FleetModel::StatusColumn, FleetModel::StatusRole), QVariant(int(FleetModel::Status::Ok)));
        }
        QCOMPARE(model.rowOf(u"WorkloadGroup shop/web"_qs), -1);
    }
};

QTEST_GUILESS_MAIN(TestFleetModel)
#include "tst_fleetmodel.moc"
