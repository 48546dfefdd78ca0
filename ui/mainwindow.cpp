// SPDX-License-Identifier: Apache-2.0
#include "mainwindow.h"

#include "contextpicker.h"
#include "onboardingservice.h"

#include "counttext.h"
#include "exportdialog.h"
#include "graphpage.h"
#include "plandocument.h"
#include "planpage.h"
#include "problemsdock.h"
#include "recentfiles.h"
#include "vmspage.h"
#include "weightspage.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>

namespace {

QSettings settings()
{
    return QSettings(u"meshdeck"_qs, u"meshdeck"_qs);
}

QString localFile(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().isEmpty())
        return {};
    return mime->urls().constFirst().toLocalFile();
}

} // namespace

MainWindow::MainWindow(PlanDocument* document, QWidget* parent)
    : QMainWindow(parent)
    , m_document(document)
    , m_recentFiles(new RecentFiles(this))
{
    setObjectName(u"mainWindow"_qs);
    setAcceptDrops(true);
    m_document->setParent(this);

    // The plan and its traffic: two tabs, so the graph gets the whole width.
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"mainTabs"_qs);
    m_tabs->setDocumentMode(true);
    m_planPage = new PlanPage(m_document, m_tabs); // before showDocument: it fills the text problems jump into
    m_tabs->addTab(m_planPage, tr("Plan"));
    m_graphPage = new GraphPage(m_tabs);
    m_tabs->addTab(m_graphPage, tr("Traffic graph"));
    m_vmsPage = new VmsPage(m_tabs);
    m_tabs->addTab(m_vmsPage, tr("VMs"));
    m_weightsPage = new WeightsPage(m_tabs);
    m_weightsPage->setDocument(m_document);
    m_tabs->addTab(m_weightsPage, tr("Weights"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_graphPage && m_graphPage->source() != m_graphSource)
            m_graphPage->setSource(m_graphSource);
    });
    setCentralWidget(m_tabs);

    m_problemsDock = new ProblemsDock(this);
    addDockWidget(Qt::BottomDockWidgetArea, m_problemsDock);
    connect(m_problemsDock, &ProblemsDock::goTo, this, &MainWindow::goToProblem);
    createActions();
    createMenus();
    m_counts = new QLabel(this);
    m_counts->setObjectName(u"statusCounts"_qs);
    statusBar()->addPermanentWidget(m_counts);

    connect(m_document, &PlanDocument::loadingStarted, this, &MainWindow::showLoading);
    connect(m_document, &PlanDocument::loaded, this, &MainWindow::showDocument);
    connect(m_document, &PlanDocument::failed, this, &MainWindow::showLoadFailure);
    connect(m_document, &PlanDocument::saved, this, &MainWindow::showSaved);
    connect(m_document, &PlanDocument::saveFailed, this, &MainWindow::showSaveFailure);
    connect(m_recentFiles, &RecentFiles::changed, this, &MainWindow::updateRecentMenu);

    restoreLayout();
    updateRecentMenu();
    updateTitle();
    updateStatus();
    updateActions();
}

MainWindow::~MainWindow() = default;

void MainWindow::openPlan(const QString& path)
{
    m_document->load(path);
}

void MainWindow::setGraphSource(GraphSource* source)
{
    // A live source talks to the cluster as soon as the page has it: hand it over only when the
    // user looks at the graph, so opening a plan to edit it sends nothing anywhere.
    m_graphSource = source;
    if (!source || m_tabs->currentWidget() == m_graphPage)
        m_graphPage->setSource(source);
    else if (m_graphPage->source())
        m_graphPage->setSource(nullptr); // the old one is about to go
}

void MainWindow::setFleetModel(QAbstractItemModel* model)
{
    m_vmsPage->setModel(model);
}

void MainWindow::setFleetMonitor(FleetMonitor* monitor)
{
    m_vmsPage->setMonitor(monitor);
}

void MainWindow::setWeightsService(WeightsService* service)
{
    m_weightsPage->setService(service);
}

void MainWindow::setNoGraphSource(const QString& reason)
{
    m_graphPage->setPlaceholderText(reason);
    setGraphSource(nullptr);
}

// --- construction -----------------------------------------------------------------------------

void MainWindow::createActions()
{
    // Named for the tests and the saved toolbar state.
    auto action = [this](QStyle::StandardPixmap icon, const QString& text, const QString& name,
                         const QKeySequence& shortcut, const QString& tip) {
        auto* a = new QAction(style()->standardIcon(icon), text, this);
        a->setObjectName(name);
        a->setShortcut(shortcut);
        a->setStatusTip(tip);
        return a;
    };
    m_openAction = action(QStyle::SP_DialogOpenButton, tr("&Open…"), u"openAction"_qs, QKeySequence::Open,
                          tr("Open a plan file"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseFileToOpen);
    m_saveAsAction = action(QStyle::SP_DialogSaveButton, tr("Save &As…"), u"saveAsAction"_qs, QKeySequence::SaveAs,
                            tr("Write the plan to another file, in the documented key order"));
    connect(m_saveAsAction, &QAction::triggered, this, &MainWindow::chooseSaveAsPath);
    m_exportAction = action(QStyle::SP_DriveHDIcon, tr("&Export…"), u"exportAction"_qs, Qt::CTRL | Qt::Key_E,
                            tr("Write every generated resource and VM file to a directory"));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::showExportDialog);
    m_reloadAction = action(QStyle::SP_BrowserReload, tr("&Reload"), u"reloadAction"_qs, QKeySequence::Refresh,
                            tr("Read the plan file again"));
    connect(m_reloadAction, &QAction::triggered, m_document, &PlanDocument::reload);

    m_quitAction = new QAction(tr("&Quit"), this);
    m_quitAction->setObjectName(u"quitAction"_qs);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_aboutAction = new QAction(tr("&About meshdeck"), this);
    m_aboutAction->setObjectName(u"aboutAction"_qs);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    createOnboardingActions();
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(m_saveAsAction);
    file->addSeparator();
    file->addAction(m_newOnboardingAction);
    file->addAction(m_onboardAction);
    file->addSeparator();
    file->addAction(m_exportAction);
    file->addAction(m_reloadAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_problemsDock->toggleViewAction());
    view->addSeparator();
    view->addAction(m_planPage->expandAllAction());
    view->addAction(m_planPage->collapseAllAction());

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);

    QToolBar* toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(u"mainToolBar"_qs);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_openAction);
    toolBar->addAction(m_reloadAction);
    toolBar->addAction(m_exportAction);
    toolBar->addAction(m_onboardAction);
}

void MainWindow::restoreLayout()
{
    QSettings store = settings();
    if (!restoreGeometry(store.value(u"mainWindow/geometry"_qs).toByteArray()))
        resize(1280, 800);
    restoreState(store.value(u"mainWindow/state"_qs).toByteArray());
    m_planPage->restoreState(store.value(u"mainWindow/splitter"_qs).toByteArray());
    if (!store.contains(u"mainWindow/state"_qs))
        resizeDocks({m_problemsDock}, {150}, Qt::Vertical);
}

void MainWindow::saveLayout() const
{
    QSettings store = settings();
    store.setValue(u"mainWindow/geometry"_qs, saveGeometry());
    store.setValue(u"mainWindow/state"_qs, saveState());
    store.setValue(u"mainWindow/splitter"_qs, m_planPage->saveState());
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    saveLayout();
    QMainWindow::closeEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event)
{
    if (!localFile(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event)
{
    const QString path = localFile(event->mimeData());
    if (path.isEmpty())
        return;
    event->acceptProposedAction();
    openPlan(path);
}

// --- the document's state --------------------------------------------------------------------

void MainWindow::showLoading(const QString& path)
{
    statusBar()->showMessage(tr("Loading %1…").arg(QDir::toNativeSeparators(path)));
}

void MainWindow::showDocument()
{
    const PlanSnapshot& snapshot = m_document->snapshot();
    m_recentFiles->add(snapshot.path);
    statusBar()->clearMessage();
    m_graphPage->setPlanPath(snapshot.path); // node positions are saved per plan

    m_problemsDock->setProblems(snapshot.problems());
    if (!snapshot.load.ok())
        m_problemsDock->selectFirst(); // shows it in the source

    updateTitle();
    updateStatus();
    updateActions();
}

void MainWindow::showLoadFailure(const QString& path, const QString& message)
{
    statusBar()->showMessage(tr("Could not read %1: %2").arg(QDir::toNativeSeparators(path), message));
    if (path == m_document->snapshot().path)
        return; // a reload: the status line is enough while an editor replaces the file
    if (!QFileInfo::exists(path))
        m_recentFiles->remove(path);
    showMessage(true, tr("Open plan"), tr("Could not read %1:\n%2").arg(QDir::toNativeSeparators(path), message));
}

void MainWindow::showSaved(const QString& path)
{
    statusBar()->showMessage(tr("Saved %1").arg(QDir::toNativeSeparators(path)), 5000);
}

void MainWindow::showSaveFailure(const QString& path, const QString& message)
{
    showMessage(true, tr("Save plan"), tr("Could not write %1:\n%2").arg(QDir::toNativeSeparators(path), message));
}

void MainWindow::showExported(const QString& directory, const QStringList& written)
{
    statusBar()->showMessage(
        tr("Exported %1 to %2").arg(countText(written.size(), tr("file"), tr("files")), QDir::toNativeSeparators(directory)),
        8000);
}

// --- problems -------------------------------------------------------------------------------

void MainWindow::goToProblem(const QString& file, int line, int column, const QString& fieldPath, bool focus)
{
    if (!m_planPage->goToProblem(file, line, column, fieldPath, focus))
        statusBar()->showMessage(tr("This problem is in %1").arg(QDir::toNativeSeparators(file)), 5000);
}

// --- chrome ----------------------------------------------------------------------------------

void MainWindow::updateTitle()
{
    const QString path = m_document->snapshot().path;
    setWindowTitle(path.isEmpty() ? u"meshdeck"_qs : QFileInfo(path).fileName() + u" — meshdeck"_qs);
}

void MainWindow::updateStatus()
{
    const Generated& generated = m_document->snapshot().generated;
    m_counts->setText(countText(generated.resources.size(), tr("resource"), tr("resources")) + u", "_qs
                      + countText(generated.vmFileCount(), tr("VM file"), tr("VM files")) + u", "_qs
                      + countText(m_problemsDock->count(), tr("problem"), tr("problems")));
}

void MainWindow::updateActions()
{
    m_saveAsAction->setEnabled(m_document->hasPlan());
    m_reloadAction->setEnabled(!m_document->path().isEmpty());
    const Generated& generated = m_document->snapshot().generated;
    m_exportAction->setEnabled(!generated.resources.isEmpty() || !generated.vmBundles.isEmpty());
    m_onboardAction->setEnabled(!m_onboardingService.isNull() && m_document->hasPlan());
    m_newOnboardingAction->setEnabled(!m_onboardingService.isNull());
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = m_recentFiles->files();
    for (qsizetype i = 0; i < files.size(); ++i) {
        const QString path = files.at(i);
        const QString label = (i < 9 ? u"&"_qs : QString()) + QString::number(i + 1) + u"  "_qs
            + QFileInfo(path).fileName();
        QAction* action = m_recentMenu->addAction(label);
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        connect(action, &QAction::triggered, this, [this, path] { openPlan(path); });
    }
    m_recentMenu->addSeparator();
    m_recentMenu->addAction(tr("&Clear Menu"), m_recentFiles, &RecentFiles::clear);
    m_recentMenu->setEnabled(!files.isEmpty());
}

void MainWindow::showMessage(bool error, const QString& title, const QString& text)
{
    // open(), not exec(): a nested event loop would stall the loads and exports in flight.
    auto* box = new QMessageBox(error ? QMessageBox::Warning : QMessageBox::Information, title, text,
                                QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

// --- dialogs ---------------------------------------------------------------------------------

void MainWindow::chooseFileToOpen()
{
    const QString current = m_document->path();
    auto* dialog = new QFileDialog(this, tr("Open Plan"),
                                   current.isEmpty() ? QDir::homePath() : QFileInfo(current).absolutePath(),
                                   tr("Plans (*.yaml *.yml);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, this, &MainWindow::openPlan);
    dialog->open();
}

void MainWindow::chooseSaveAsPath()
{
    auto* dialog = new QFileDialog(this, tr("Save Plan As"), m_document->path(), tr("Plans (*.yaml *.yml)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"yaml"_qs);
    connect(dialog, &QFileDialog::fileSelected, m_document, &PlanDocument::saveAs);
    dialog->open();
}

void MainWindow::showExportDialog()
{
    const QFileInfo plan(m_document->path());
    const QString suggested = plan.absolutePath() + u'/' + plan.completeBaseName() + u"-export"_qs;
    auto* dialog = new ExportDialog(m_document->snapshot().generated, suggested, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ExportDialog::exported, this, &MainWindow::showExported);
    dialog->open();
}

void MainWindow::showAbout()
{
    showMessage(false, tr("About meshdeck"),
                tr("meshdeck %1\n\nOnboards VMs and bare-metal hosts into Istio service meshes: one plan "
                   "file in, cluster resources and VM files out.\n\nLicensed under the Apache License 2.0.")
                    .arg(QStringLiteral(MESHDECK_VERSION)));
}

void MainWindow::setConnectionService(ConnectionService* service)
{
    if (m_contextPicker)
        return; // one connection per window
    QToolBar* bar = addToolBar(tr("Cluster"));
    bar->setObjectName(u"clusterToolBar"_qs);
    m_contextPicker = new ContextPicker(service, bar);
    bar->addWidget(m_contextPicker);
}

// --- onboarding ---------------------------------------------------------------------------------

void MainWindow::createOnboardingActions()
{
    m_onboardAction = new QAction(style()->standardIcon(QStyle::SP_ArrowForward), tr("Onboard &VMs…"), this);
    m_onboardAction->setObjectName(u"onboardAction"_qs);
    m_onboardAction->setStatusTip(tr("Open the onboarding wizard on this plan"));
    m_onboardAction->setEnabled(false);
    connect(m_onboardAction, &QAction::triggered, this, [this] { requestOnboarding(false); });
    m_newOnboardingAction = new QAction(tr("&New Onboarding…"), this);
    m_newOnboardingAction->setObjectName(u"newOnboardingAction"_qs);
    m_newOnboardingAction->setStatusTip(tr("Open the onboarding wizard on an empty plan"));
    m_newOnboardingAction->setEnabled(false);
    connect(m_newOnboardingAction, &QAction::triggered, this, [this] { requestOnboarding(true); });
}

void MainWindow::setOnboardingService(OnboardingService* service)
{
    m_onboardingService = service;
    updateActions();
}

OnboardingService* MainWindow::onboardingService() const
{
    return m_onboardingService;
}

void MainWindow::requestOnboarding(bool newPlan)
{
    const std::optional<Plan>& plan = m_document->snapshot().load.plan;
    if (newPlan || !plan)
        emit onboardingRequested(Plan{}, {});
    else
        emit onboardingRequested(*plan, m_document->path());
}

void MainWindow::showTrafficGraph()
{
    m_tabs->setCurrentWidget(m_graphPage);
    raise();
    activateWindow();
}
