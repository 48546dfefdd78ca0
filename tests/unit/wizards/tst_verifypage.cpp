// SPDX-License-Identifier: Apache-2.0
// The verify page: entries with their Healthy condition, the Services' endpoints, automatic
// checks until all is healthy, bounded (VerifySchedule without widgets first).

#include "scriptedonboardingservice.h"
#include "verifypage.h"
#include "verifyschedule.h"
#include "wizardcontext.h"

#include <QTest>
#include <QTreeWidget>

namespace {

EntryHealth entry(const QString& healthy)
{
    return EntryHealth{u"ns/g"_qs, u"g-192.0.2.10"_qs, u"192.0.2.10"_qs, healthy, healthy == u"True" ? QString() : u"probe failed"_qs, {}};
}

ServiceEndpointsInfo service(const QStringList& ready, const QStringList& notReady)
{
    return ServiceEndpointsInfo{u"ns"_qs, u"g"_qs, ready, notReady};
}

} // namespace

class TestVerifyPage final : public QObject
{
    Q_OBJECT
private slots:
    void allHealthy()
    {
        QVERIFY(VerifySchedule::allHealthy({entry(u"True"_qs)}, {service({u"a"_qs}, {})}, {}));
        QVERIFY(!VerifySchedule::allHealthy({entry(u"False"_qs)}, {service({u"a"_qs}, {})}, {}));
        QVERIFY(!VerifySchedule::allHealthy({entry(u""_qs)}, {}, {}));
        QVERIFY(!VerifySchedule::allHealthy({entry(u"True"_qs)}, {service({}, {u"b"_qs})}, {}));
        QVERIFY(!VerifySchedule::allHealthy({entry(u"True"_qs)}, {}, {u"ns/other"_qs}));
        QVERIFY(!VerifySchedule::allHealthy({}, {}, {}));
    }

    void scheduleIsBounded()
    {
        VerifySchedule schedule(3);
        QVERIFY(schedule.again(false));
        QVERIFY(schedule.again(false));
        QVERIFY(!schedule.again(false));
        schedule.reset();
        QVERIFY(!schedule.again(true));
    }

    void refreshesUntilHealthy()
    {
        ScriptedOnboardingService scripted;
        scripted.entries = {entry(u"False"_qs)};
        scripted.services = {service({u"10.0.0.5"_qs}, {u"192.0.2.10"_qs})};
        WizardContext context(TestPlans::twoVmPlan(), {}, &scripted);
        VerifyPage page(&context);
        page.setRefreshInterval(20);
        page.initializePage();
        auto* entries = page.findChild<QTreeWidget*>(u"entriesTree"_qs);
        auto* services = page.findChild<QTreeWidget*>(u"servicesTree"_qs);
        QTRY_COMPARE(entries->topLevelItemCount(), 1);
        QCOMPARE(entries->topLevelItem(0)->text(4), u"probe failed"_qs);
        QCOMPARE(services->topLevelItem(0)->text(2), u"192.0.2.10"_qs);
        QTRY_VERIFY(scripted.verifies >= 2); // not healthy: checked again
        scripted.entries = {entry(u"True"_qs)};
        scripted.services = {service({u"10.0.0.5"_qs, u"192.0.2.10"_qs}, {})};
        QTRY_COMPARE(services->topLevelItem(0)->text(2), QString());
        const int verifies = scripted.verifies;
        QTRY_VERIFY(!page.isRefreshScheduled());
        QCOMPARE(scripted.verifies, verifies); // healthy: no more automatic checks
    }

    void givesUpAfterTheBound()
    {
        ScriptedOnboardingService scripted;
        scripted.groupsWithoutEntries = {u"ns/g"_qs};
        WizardContext context(TestPlans::twoVmPlan(), {}, &scripted);
        VerifyPage page(&context);
        page.setRefreshInterval(1);
        page.initializePage();
        QTRY_COMPARE(page.schedule().rounds(), 24);
        QTRY_VERIFY(!page.isRefreshScheduled());
        QCOMPARE(scripted.verifies, 24);
    }
};

QTEST_MAIN(TestVerifyPage)
#include "tst_verifypage.moc"
