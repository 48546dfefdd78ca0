// SPDX-License-Identifier: Apache-2.0
#include "mainwindow.h"

#include "exportdialog.h"
#include "generation.h"
#include "graphitems.h"
#include "graphpage.h"
#include "graphscene.h"
#include "graphview.h"
#include "plandocument.h"
#include "planloader.h"
#include "problemsmodel.h"
#include "recordinggraphsource.h"
#include "testplans.h"
#include "chrometexts.h"
#include "testsupport.h"
#include "translations.h"

#include <QAbstractButton>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QSettings>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTextDocumentFragment>
#include <QTreeView>
#include <QXmlStreamReader>

#include <algorithm>
#include <memory>

// The Chinese (zh_CN) translation, as a user whose desktop speaks Chinese gets it: the locale is
// set the way a desktop session sets it (LANGUAGE and LANG, before the application starts), the
// translation is found from it, and the main pages (the Plan tab over the book's plan, the
// Traffic graph over a recording with a node selected, the Problems dock, every menu and the
// Export dialog) show no text that is still English. "English" is judged independently of the
// .ts file: any visible text of the window's chrome with two English words in a row and no
// Chinese character. The same check over the untranslated window must find plenty, so it can fail.

using namespace ChromeTexts;

namespace {

constexpr int timeoutMs = 10000;

// The texts of every page: the Plan tab with the book's plan, the graph over a recording with a
// node selected, the Export dialog.
QStringList mainPageTexts(GraphSource* source)
{
    MainWindow window(new PlanDocument);
    window.setGraphSource(source);
    window.resize(1400, 900);
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        qFatal("window not exposed");
    QStringList texts = visibleTexts(&window);

    window.openPlan(TestSupport::sourceDir() + u"/examples/book-chapter10.yaml"_qs);
    auto* tree = window.findChild<QTreeView*>(u"generatedTree"_qs);
    if (!QTest::qWaitFor([&] { return tree->model()->rowCount() > 0; }, timeoutMs))
        qFatal("the plan did not load");
    tree->setCurrentIndex(tree->model()->index(0, 0));
    texts += visibleTexts(&window);

    auto* tabs = window.findChild<QTabWidget*>(u"mainTabs"_qs);
    tabs->setCurrentWidget(window.graphPage());
    GraphScene* scene = window.graphPage()->view()->scene();
    if (!QTest::qWaitFor([&] { return !scene->nodeItems().isEmpty(); }, timeoutMs))
        qFatal("the graph did not show");
    scene->nodeItems().first()->setSelected(true);
    QTest::qWait(50);
    texts += visibleTexts(&window);
    texts.append(u"graph details: "_qs + scene->selectionDetails());
    // The operations tabs (VMs, Weights) as a window without a cluster shows them.
    for (int i = 0; i < tabs->count(); ++i) {
        tabs->setCurrentIndex(i);
        texts += visibleTexts(&window);
    }

    ExportDialog dialog(Generated{}, QDir::tempPath(), &window);
    dialog.show();
    if (!QTest::qWaitForWindowExposed(&dialog))
        qFatal("dialog not exposed");
    texts += visibleTexts(&dialog);
    return texts;
}

// A plan with a mistake of each kind the loader and the checks report, every one with a hint: an
// Istio version newer than meshdeck knows, a misspelt key, a port out of range, a duration that is
// none, a relative probe path, a VM in a group that does not exist, weights that miss 100.
const QByteArray mistakesPlan = QByteArrayLiteral(
    "apiVersion: meshdeck.io/v1alpha1\n"
    "kind: OnboardingPlan\n"
    "metadata:\n"
    "  name: mistakes\n"
    "mesh:\n"
    "  istioVersion: \"1.40\"\n"
    "  meshID: mesh1\n"
    "  clusterName: cluster1\n"
    "  network: network1\n"
    "vmGroups:\n"
    "- name: envoydummy\n"
    "  namespace: chapter10vm\n"
    "  serviceAcount: chapter10-sa\n"
    "  labels: {app: envoydummy}\n"
    "  ports: {http: 70000}\n"
    "  tokenDuration: soon\n"
    "  probe:\n"
    "    httpGet: {port: 10000, path: healthz}\n"
    "vms:\n"
    "- name: vm1\n"
    "  group: envoydummy\n"
    "  address: 198.18.0.10\n"
    "- name: vm2\n"
    "  group: nogroup\n"
    "  address: 198.18.0.11\n"
    "trafficSplits:\n"
    "- name: envoydummy\n"
    "  namespace: chapter10\n"
    "  hosts: [envoydummy.chapter10.svc.cluster.local]\n"
    "  destinations:\n"
    "  - {host: envoydummy.chapter10.svc.cluster.local, weight: 50}\n"
    "  - {host: envoydummy.chapter10vm.svc.cluster.local, weight: 40}\n");

} // namespace

class tst_Translations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
        QString error;
        m_recording.reset(RecordingGraphSource::fromFile(
            TestSupport::sourceDir() + u"/tests/data/recordings/graph-split-80-20.json"_qs, &error));
        QVERIFY2(m_recording, qPrintable(error));
    }

    void theDesktopLocaleChoosesChinese()
    {
        // main() set LANGUAGE and LANG as a Chinese desktop session does.
        QCOMPARE(QLocale().name(), u"zh_CN"_qs);
        QVERIFY(Translations::available().contains(u"zh_CN"_qs));
        QCOMPARE(Translations::install(qApp, QLocale()), QStringList{u"zh_CN"_qs});
        QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), u"文件(&F)"_qs);
        // English is the source language: nothing to load, nothing translated.
        QVERIFY(Translations::install(qApp, QLocale(QLocale::English, QLocale::UnitedStates)).isEmpty());
        QCOMPARE(QCoreApplication::translate("MainWindow", "&File"), u"&File"_qs);
    }

    // The .ts file: every message translated, its placeholders (%1, %n) and mnemonics kept.
    void everyMessageIsTranslatedWithItsPlaceholders()
    {
        QFile file(TestSupport::sourceDir() + u"/resources/translations/meshdeck_zh_CN.ts"_qs);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        int messages = 0;
        QString source;
        QStringList problems;
        static const QRegularExpression placeholder(u"%(\\d+|n)"_qs);
        auto placeholders = [](const QString& text) {
            QStringList found;
            for (auto it = placeholder.globalMatch(text); it.hasNext();)
                found.append(it.next().captured());
            found.sort();
            return found;
        };
        while (!xml.atEnd()) {
            if (xml.readNext() != QXmlStreamReader::StartElement)
                continue;
            if (xml.name() == u"source") {
                source = xml.readElementText();
                ++messages;
            } else if (xml.name() == u"translation") {
                const bool unfinished = xml.attributes().value(u"type"_qs) == u"unfinished"_qs;
                const QString translation = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (unfinished || translation.isEmpty())
                    problems.append(u"untranslated: "_qs + source);
                else if (placeholders(source) != placeholders(translation))
                    problems.append(u"placeholders differ: "_qs + source + u" -> "_qs + translation);
                else if (source.contains(u'&') && !source.contains(u"&&") && !translation.contains(u'&')
                         && source.indexOf(u'&') + 1 < source.size() && source.at(source.indexOf(u'&') + 1).isLetter())
                    problems.append(u"mnemonic lost: "_qs + source);
            }
        }
        QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
        QVERIFY2(messages > 150, qPrintable(QString::number(messages)));
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u'\n')));
    }

    void theCheckFindsEnglishInTheUntranslatedWindow()
    {
        Translations::install(qApp, QLocale(QLocale::English, QLocale::UnitedStates));
        const QStringList found = english(mainPageTexts(m_recording.get()));
        if (qEnvironmentVariableIsSet("MESHDECK_SHOW_TEXTS"))
            qInfo().noquote() << found.join(u'\n');
        QVERIFY2(found.size() > 30, qPrintable(found.join(u'\n')));
    }

    void theMainPagesShowNoEnglish()
    {
        QCOMPARE(Translations::install(qApp, QLocale()), QStringList{u"zh_CN"_qs});
        const QStringList texts = mainPageTexts(m_recording.get());
        QVERIFY2(texts.size() > 60, qPrintable(texts.join(u'\n')));
        if (qEnvironmentVariableIsSet("MESHDECK_SHOW_TEXTS"))
            qInfo().noquote() << texts.join(u'\n');
        const QStringList found = english(texts);
        QVERIFY2(found.isEmpty(), qPrintable(u"still English:\n"_qs + found.join(u'\n')));
        // Spot checks of what a user sees first.
        QVERIFY(texts.contains(u"QTabWidget#mainTabs tab: 计划"_qs));
        QVERIFY(texts.contains(u"QTabWidget#mainTabs tab: 流量图"_qs));
        QVERIFY2(texts.filter(u"graph details: "_qs).first().contains(u"命名空间"_qs), qPrintable(texts.join(u'\n')));
    }

    // The Problems dock speaks Chinese too: every problem's message and hint (the plan's values,
    // field paths and YAML snippets stay as written). The CLI, with no translator, keeps English.
    void planProblemsAreTranslated()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = TestPlans::write(dir.path(), u"mistakes.yaml"_qs, mistakesPlan);
        QVERIFY(!path.isEmpty());

        QCOMPARE(Translations::install(qApp, QLocale()), QStringList{u"zh_CN"_qs});
        MainWindow window(new PlanDocument);
        window.show();
        auto* document = window.findChild<PlanDocument*>();
        QVERIFY(document);
        QSignalSpy loaded(document, &PlanDocument::loaded);
        window.openPlan(path);
        QVERIFY(!loaded.isEmpty() || loaded.wait(timeoutMs));
        auto* view = window.findChild<QTreeView*>(u"problemsView"_qs);
        QVERIFY(view && view->model());
        const QAbstractItemModel* problems = view->model();
        QVERIFY(QTest::qWaitFor([&] { return problems->rowCount() >= 7; }, timeoutMs));

        QStringList rows;
        QStringList offending;
        for (int row = 0; row < problems->rowCount(); ++row) {
            const QModelIndex index = problems->index(row, ProblemsModel::MessageColumn);
            const QString message = index.data(ProblemsModel::MessageRole).toString();
            const QString hint = index.data(ProblemsModel::HintRole).toString();
            const QString shown = index.data().toString();
            const QString line = index.data(ProblemsModel::PathRole).toString() + u": "_qs + message + u" — "_qs + hint;
            rows.append(line);
            for (const QString& text : {message, hint, shown}) {
                if (!hasChinese(text) || looksEnglish(text)) {
                    offending.append(line);
                    break;
                }
            }
        }
        if (qEnvironmentVariableIsSet("MESHDECK_SHOW_TEXTS"))
            qInfo().noquote() << rows.join(u'\n');
        QVERIFY2(offending.isEmpty(), qPrintable(u"not Chinese:\n"_qs + offending.join(u'\n')));
        // The values and field paths are the plan's own, whatever the language.
        QVERIFY2(rows.contains(u"vmGroups[0].ports.http: 端口 70000 超出了 1–65535 的范围 — 请使用 1 到 65535 之间的端口号"_qs),
                 qPrintable(rows.join(u'\n')));
        QVERIFY2(rows.contains(u"vmGroups[0].serviceAcount: 未知的键 \"serviceAcount\" — 您是不是要写 \"serviceAccount\"？"_qs),
                 qPrintable(rows.join(u'\n')));

        // No translator, as in the CLI: the same plan reads in English, word for word.
        QVERIFY(Translations::install(qApp, QLocale(QLocale::English, QLocale::UnitedStates)).isEmpty());
        const PlanLoadResult english = loadPlanFile(path);
        QCOMPARE(english.problems.size(), qsizetype(problems->rowCount()));
        const auto port = std::find_if(english.problems.cbegin(), english.problems.cend(),
                                       [](const Problem& p) { return p.path == u"vmGroups[0].ports.http"; });
        QVERIFY(port != english.problems.cend());
        QCOMPARE(port->message + u" — "_qs + port->hint, u"port 70000 is outside 1–65535 — use a port number from 1 to 65535"_qs);
    }

private:
    QTemporaryDir m_settings;
    std::unique_ptr<RecordingGraphSource> m_recording;
};

CHROMETEXTS_CHINESE_DESKTOP_MAIN(tst_Translations)

#include "tst_translations.moc"
