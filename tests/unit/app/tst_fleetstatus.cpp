// SPDX-License-Identifier: Apache-2.0
// The window's VMs tab as the composition root wires it: FleetStatus seeds the one fleet model
// from the document's plan and the plan's state file on every load; VmsPage shows it sorted and
// filtered, in the user's words; a reload after `meshdeck onboard` wrote the state file shows
// the new state.

#include "fleetmodel.h"
#include "fleetstatus.h"
#include "onboardstate.h"
#include "plandocument.h"
#include "testsupport.h"
#include "vmspage.h"

#include <QAbstractItemModelTester>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

class TestFleetStatus final : public QObject
{
    Q_OBJECT
private slots:
    void tabFollowsThePlanAndItsStateFile();
};

void TestFleetStatus::tabFollowsThePlanAndItsStateFile()
{
    QTemporaryDir dir;
    const QString planFile = dir.filePath(u"plan.yaml"_qs);
    QString text = QString::fromUtf8(TestSupport::readAll(TestSupport::sourceDir() + u"/examples/book-chapter10.yaml"_qs));
    text.replace(u"    user: anand_rai\n"_qs, u"    user: anand_rai\n- name: second\n  group: envoydummy\n  address: 198.18.0.11\n"_qs);
    QVERIFY(TestSupport::writeFile(planFile, text.toUtf8()));

    PlanDocument document;
    FleetModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    FleetStatus status(&document, &model);
    VmsPage page;
    page.setModel(&model);
    QCOMPARE(model.rowCount(), 0);

    // PlanDocument may deliver inside load() (its job can finish before the continuation is
    // attached), so the spy's count is awaited, not a new signal.
    QSignalSpy loaded(&document, &PlanDocument::loaded);
    document.load(planFile);
    QTRY_VERIFY_WITH_TIMEOUT(!loaded.isEmpty(), 10000);
    QVERIFY2(status.stateError().isEmpty(), qPrintable(status.stateError()));
    QCOMPARE(model.rowCount(), 2);
    QTableView* view = page.view();
    QCOMPARE(view->model()->rowCount(), 2);
    QCOMPARE(view->model()->index(0, FleetModel::NameColumn).data().toString(), u"chapter10-instance");
    QCOMPARE(view->model()->index(1, FleetModel::AddressColumn).data().toString(), u"198.18.0.11");

    // The filter narrows by any column.
    page.filter()->setText(u"0.11"_qs);
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->model()->index(0, FleetModel::NameColumn).data().toString(), u"second");
    page.filter()->clear();

    // `meshdeck onboard` got chapter10-instance through the bundle step, then failed to install the package.
    OnboardState state;
    state.setPath(OnboardState::pathForPlan(planFile));
    StepRecord done;
    done.state = StepState::Done;
    state.vm(u"chapter10-instance"_qs).steps.insert(stepKey(StepKind::Preflight), done);
    state.vm(u"chapter10-instance"_qs).steps.insert(stepKey(StepKind::Bundle), done);
    StepRecord failed;
    failed.state = StepState::Failed;
    failed.message = u"dpkg: error"_qs;
    state.vm(u"chapter10-instance"_qs).steps.insert(stepKey(StepKind::Package), failed);
    QCOMPARE(state.save(), QString());
    qsizetype before = loaded.size();
    document.reload();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.size() > before, 10000);
    const int row = model.vmName(0) == u"chapter10-instance" ? 0 : 1;
    QCOMPARE(model.index(row, FleetModel::StepColumn).data().toString(), stepTitle(StepKind::Package));
    QCOMPARE(StepState(model.index(row, FleetModel::StateColumn).data(FleetModel::StateRole).toInt()), StepState::Failed);
    QVERIFY2(model.index(row, FleetModel::MessageColumn).data().toString().contains(u"dpkg: error"_qs),
             qPrintable(model.index(row, FleetModel::MessageColumn).data().toString()));
    // The page shows the state file's word in the user's language (English here: no translator).
    QCOMPARE(view->model()->index(0, FleetModel::StateColumn).data().toString(), u"failed");

    // A state file that is not one: the VMs are still listed, the reason kept.
    QVERIFY(TestSupport::writeFile(OnboardState::pathForPlan(planFile), "not json"));
    before = loaded.size();
    document.reload();
    QTRY_VERIFY_WITH_TIMEOUT(loaded.size() > before, 10000);
    QVERIFY(!status.stateError().isEmpty());
    QCOMPARE(model.rowCount(), 2);
}

QTEST_MAIN(TestFleetStatus)
#include "tst_fleetstatus.moc"
