// SPDX-License-Identifier: Apache-2.0
// The onboarding wizard in Chinese: a desktop whose locale is zh_CN gets every page of the wizard
// (opened on the book's plan, over a scripted onboarding service) with no text still English,
// judged as ui/tst_translations judges the main window (tests/support/chrometexts.h).
#include "onboardingwizard.h"

#include "chrometexts.h"
#include "planloader.h"
#include "scriptedonboardingservice.h"
#include "testsupport.h"
#include "translations.h"

#include <QApplication>
#include <QScopeGuard>
#include <QTest>

using namespace ChromeTexts;

class tst_WizardTranslations final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QCOMPARE(QLocale().name(), u"zh_CN"_qs);
        QCOMPARE(Translations::install(qApp, QLocale()), QStringList{u"zh_CN"_qs});
        const PlanLoadResult loaded = loadPlanFile(TestSupport::sourceDir() + u"/examples/book-chapter10.yaml"_qs);
        QVERIFY(loaded.ok());
        m_plan = *loaded.plan;
    }

    void everyPageIsChinese_data()
    {
        QTest::addColumn<int>("page");
        const QList<std::pair<const char*, int>> pages{
            {"cluster", OnboardingWizard::ClusterPageId}, {"mesh", OnboardingWizard::MeshPageId},
            {"gateway", OnboardingWizard::GatewayPageId}, {"group", OnboardingWizard::GroupPageId},
            {"vms", OnboardingWizard::VmsPageId},         {"package", OnboardingWizard::PackagePageId},
            {"review", OnboardingWizard::ReviewPageId},   {"run", OnboardingWizard::RunPageId},
            {"verify", OnboardingWizard::VerifyPageId},   {"split", OnboardingWizard::SplitPageId},
            {"done", OnboardingWizard::DonePageId}};
        for (const auto& [name, id] : pages)
            QTest::newRow(name) << id;
    }

    void everyPageIsChinese()
    {
        QFETCH(int, page);
        ScriptedOnboardingService service;
        service.clusterDescription.clear(); // the service's own words are not the wizard's
        OnboardingWizard wizard(m_plan, {}, &service);
        wizard.setStartId(page);
        wizard.resize(1100, 800);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QCOMPARE(wizard.currentId(), page);
        // The page's first operation (preflight, review, verify) reports through the event loop.
        QTest::qWait(100);
        const QStringList texts = visibleTexts(&wizard);
        QVERIFY(texts.size() > 3);
        const QStringList found = english(texts);
        QVERIFY2(found.isEmpty(), qPrintable(found.join(u'\n')));
    }

    void theCheckCanFail()
    {
        // The same pages untranslated: the check finds their English (so it is not blind).
        Translations::install(qApp, QLocale(QLocale::English, QLocale::UnitedStates));
        const auto restore = qScopeGuard([] { Translations::install(qApp, QLocale()); });
        ScriptedOnboardingService service;
        service.clusterDescription.clear(); // the service's own words are not the wizard's
        OnboardingWizard wizard(m_plan, {}, &service);
        wizard.setStartId(OnboardingWizard::GroupPageId);
        wizard.show();
        QVERIFY(QTest::qWaitForWindowExposed(&wizard));
        QVERIFY2(english(visibleTexts(&wizard)).size() > 10, qPrintable(english(visibleTexts(&wizard)).join(u'\n')));
    }

private:
    Plan m_plan;
};

CHROMETEXTS_CHINESE_DESKTOP_MAIN(tst_WizardTranslations)

#include "tst_wizardtranslations.moc"
