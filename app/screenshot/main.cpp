// SPDX-License-Identifier: Apache-2.0
// meshdeck-screenshot: renders the main window (or one of the onboarding wizard's pages) with a
// plan loaded to a PNG, for the README (scripts/screenshots runs it for every page under Xvfb).
// A development tool (EXCLUDE_FROM_ALL), not installed. Runs on any platform plugin, including
// offscreen. The window is composed as meshdeck's own (app/gui.cpp): the VMs tab's fleet model
// seeded from the plan and its state file, and the traffic graph live from the plan's cluster and
// Prometheus (when they answer), unless MESHDECK_SCREENSHOT_GRAPH names a recording.
//
//   meshdeck-screenshot --list-pages PLAN
//       the pages there are, one a line: NAME<TAB>FILE-NAME (the main window's tabs, then the
//       wizard's pages as wizard-NN-<page>)
//   meshdeck-screenshot [--page NAME] [--select KEY] [--size WxH] PLAN OUT.png
//       NAME: a tab's title or file name (default: the Plan tab), or a wizard page's file name;
//       a page that does not exist is reported (exit 3) and nothing is written.
//   meshdeck-screenshot PLAN OUT.png [KEY [WIDTHxHEIGHT]]     (the older form: the Plan tab)
//
// KEY is the tree item to select on the Plan tab, e.g. "WorkloadGroup/chapter10vm/envoydummy", or
// on the Traffic graph tab the node whose id contains it. The whole top-level widget is grabbed
// (QWidget::grab), so a page needs nothing from this tool beyond existing.
#include "console.h"
#include "generatedtreemodel.h"
#include "graphitems.h"
#include "graphpage.h"
#include "graphscene.h"
#include "graphview.h"
#include "mainwindow.h"
#include "onboardingwizard.h"
#include "plan.h"
#include "plandocument.h"
#include "recordinggraphsource.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QPointer>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTextStream>
#include <QTimer>
#include <QTreeView>

namespace {

constexpr int NoSuchPage = 3;

int fail(const QString& message, int code = 1)
{
    QTextStream(stderr) << "meshdeck-screenshot: " << message << Qt::endl;
    return code;
}

QModelIndex findKey(const QAbstractItemModel* model, const QString& key)
{
    return model->match(model->index(0, 0), GeneratedTreeModel::KeyRole, key, 1, Qt::MatchExactly | Qt::MatchRecursive)
        .value(0);
}

QString fileNameOf(QString title)
{
    title = title.toLower().remove(u'&');
    title.replace(QRegularExpression(u"[^a-z0-9]+"_qs), u"-"_qs);
    return title.remove(QRegularExpression(u"^-+|-+$"_qs));
}

// "VmListPage" -> "vmlist"
QString wizardPageName(int id, const QWizardPage* page)
{
    QString name = QString::fromLatin1(page->metaObject()->className());
    if (name.endsWith(u"Page"))
        name.chop(4);
    return u"wizard-%1-%2"_qs.arg(id, 2, 10, QChar(u'0')).arg(name.toLower());
}

bool save(QWidget* widget, const QString& file)
{
    const bool saved = widget->grab().save(file);
    if (saved)
        QTextStream(stdout) << file << Qt::endl;
    return saved;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"meshdeck"_qs);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOptions({{u"list-pages"_qs, u"Print the pages there are: NAME<TAB>FILE-NAME."_qs},
                       {u"page"_qs, u"The tab (title or file name) or wizard page (file name) to grab."_qs, u"NAME"_qs},
                       {u"select"_qs, u"The tree item (Plan) or graph node (Traffic graph) to select."_qs, u"KEY"_qs},
                       {u"size"_qs, u"The window's size."_qs, u"WxH"_qs, u"1280x800"_qs}});
    parser.addPositionalArgument(u"plan"_qs, u"The plan to open."_qs);
    parser.addPositionalArgument(u"out"_qs, u"The PNG to write."_qs);
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    const bool list = parser.isSet(u"list-pages"_qs);
    if (args.size() < (list ? 1 : 2))
        return fail(u"usage: meshdeck-screenshot [--page NAME] [--select KEY] [--size WxH] PLAN OUT.png | --list-pages PLAN"_qs, 2);
    const QString planFile = args.at(0);
    const QString out = args.value(1);
    const QString select = parser.isSet(u"select"_qs) ? parser.value(u"select"_qs) : args.value(2);
    const QStringList size = (parser.isSet(u"size"_qs) ? parser.value(u"size"_qs) : args.value(3, parser.value(u"size"_qs))).split(u'x');
    const QString wanted = parser.value(u"page"_qs);

    // Default layout and no saved node positions, whatever the user's settings hold.
    QTemporaryDir settings;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, settings.path());
    QStandardPaths::setTestModeEnabled(true);

    // The window as the application composes it (app/console.h), on a recording when one is given.
    const QString recording = qEnvironmentVariable("MESHDECK_SCREENSHOT_GRAPH");
    std::unique_ptr<RecordingGraphSource> graphSource;
    if (!recording.isEmpty()) {
        QString error;
        graphSource.reset(RecordingGraphSource::fromFile(recording, &error));
        if (!graphSource)
            return fail(recording + u": "_qs + error);
    }
    Console console({graphSource.get(), {}});
    MainWindow& window = console.window();
    PlanDocument* document = console.document();
    window.resize(size.value(0).toInt(), size.value(1).toInt());

    auto* tabs = window.findChild<QTabWidget*>(u"mainTabs"_qs);
    if (list) {
        QTextStream stream(stdout);
        for (int i = 0; i < tabs->count(); ++i)
            stream << tabs->tabText(i).remove(u'&') << u'\t' << fileNameOf(tabs->tabText(i)) << Qt::endl;
        OnboardingWizard wizard(Plan{}, QString(), nullptr);
        for (int id : wizard.pageIds())
            stream << wizard.page(id)->title() << u'\t' << wizardPageName(id, wizard.page(id)) << Qt::endl;
        return 0;
    }

    int tab = wanted.isEmpty() ? 0 : -1;
    for (int i = 0; i < tabs->count() && tab < 0; ++i) {
        const QString title = tabs->tabText(i).remove(u'&');
        if (title.compare(wanted, Qt::CaseInsensitive) == 0 || fileNameOf(title) == wanted)
            tab = i;
    }
    int wizardPage = -1;
    if (tab < 0) {
        OnboardingWizard probe(Plan{}, QString(), nullptr);
        for (int id : probe.pageIds()) {
            if (wizardPageName(id, probe.page(id)) == wanted)
                wizardPage = id;
        }
        if (wizardPage < 0)
            return fail(u"no page \""_qs + wanted + u"\" (yet): skipped; --list-pages shows those there are"_qs, NoSuchPage);
    }

    QPointer<OnboardingWizard> wizard;
    QObject::connect(document, &PlanDocument::failed, &app, [](const QString& path, const QString& message) {
        QApplication::exit(fail(path + u": "_qs + message));
    });
    const auto grabWindow = [&] {
        QApplication::exit(save(&window, out) ? 0 : fail(u"cannot write "_qs + out));
    };
    QObject::connect(document, &PlanDocument::loaded, &window, [&] {
        if (wizardPage >= 0) {
            const PlanLoadResult& load = document->snapshot().load;
            wizard = console.openWizard(load.plan ? *load.plan : Plan{}, document->path());
            wizard->resize(window.size() * 0.8);
            wizard->setStartId(wizardPage);
            wizard->restart();
            wizard->show();
            QTimer::singleShot(500, &window, [&] {
                QApplication::exit(save(wizard.data(), out) ? 0 : fail(u"cannot write "_qs + out));
            });
            return;
        }
        tabs->setCurrentIndex(tab);
        if (tabs->currentWidget() == window.graphPage()) {
            // Grabbed once the graph is laid out, or as it is after 20 s (no cluster, no Prometheus:
            // the tab then shows why).
            GraphScene* scene = window.graphPage()->view()->scene();
            QObject::connect(scene, &GraphScene::layoutFinished, &window, [&, scene] {
                for (GraphNodeItem* item : scene->nodeItems())
                    item->setSelected(!select.isEmpty() && item->nodeId().contains(select));
                QTimer::singleShot(500, &window, grabWindow);
            }, Qt::SingleShotConnection);
            QTimer::singleShot(20'000, &window, grabWindow);
            return;
        }
        if (auto* tree = window.findChild<QTreeView*>(u"generatedTree"_qs); tree && tabs->currentIndex() == 0) {
            const QModelIndex index = findKey(tree->model(), select);
            if (index.isValid())
                tree->setCurrentIndex(index);
        }
        // Let layouts, models and the highlighter settle before grabbing.
        QTimer::singleShot(500, &window, grabWindow);
    }, Qt::SingleShotConnection);
    window.show();
    window.openPlan(planFile);
    return QApplication::exec();
}
