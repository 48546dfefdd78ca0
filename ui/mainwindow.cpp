// SPDX-License-Identifier: Apache-2.0
#include "mainwindow.h"

#include "codeview.h"
#include "decorationproxymodel.h"
#include "exportdialog.h"
#include "generatedtreemodel.h"
#include "graphpage.h"
#include "plandocument.h"
#include "problemsmodel.h"
#include "recentfiles.h"
#include "yamlhighlighter.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QSettings>
#include <QSplitter>
#include <QStackedWidget>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

namespace {

using NodeType = GeneratedTreeModel::NodeType;

QString counted(qsizetype n, const QString& singular, const QString& plural)
{
    return QString::number(n) + u' ' + (n == 1 ? singular : plural);
}

QSettings settings()
{
    return QSettings(u"meshdeck"_qs, u"meshdeck"_qs);
}

// A title above a pane: what is shown there, elided rather than widening the splitter.
QLabel* paneTitle(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setTextFormat(Qt::RichText);
    label->setContentsMargins(4, 2, 4, 2);
    label->setMinimumWidth(1);
    label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    return label;
}

QWidget* pane(QLabel* title, QWidget* body, QWidget* parent)
{
    auto* widget = new QWidget(parent);
    auto* layout = new QVBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(title);
    layout->addWidget(body);
    return widget;
}

// "~/plans" rather than "/home/someone/plans", as shells and file managers show it.
QString homeRelative(const QString& path)
{
    const QString home = QDir::homePath();
    if (path == home || path.startsWith(home + u'/'))
        return QDir::toNativeSeparators(u'~' + path.mid(home.size()));
    return QDir::toNativeSeparators(path);
}

QString localFile(const QMimeData* mime)
{
    if (!mime || !mime->hasUrls() || mime->urls().isEmpty())
        return {};
    return mime->urls().constFirst().toLocalFile();
}

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_document(new PlanDocument(this))
    , m_recentFiles(new RecentFiles(this))
    , m_treeModel(new GeneratedTreeModel(this))
    , m_problemsModel(new ProblemsModel(this))
{
    setObjectName(u"mainWindow"_qs);
    setAcceptDrops(true);
    const QStyle* s = style();
    m_treeProxy = new DecorationProxyModel(
        [s](const QModelIndex& index) {
            switch (index.data(GeneratedTreeModel::NodeTypeRole).value<NodeType>()) {
            case NodeType::Stage:
            case NodeType::VmFiles:
                return s->standardIcon(QStyle::SP_DirIcon);
            case NodeType::Vm:
                return s->standardIcon(QStyle::SP_ComputerIcon);
            case NodeType::Resource:
            case NodeType::VmFile:
                break;
            }
            return s->standardIcon(QStyle::SP_FileIcon);
        },
        this);
    m_treeProxy->setSourceModel(m_treeModel);
    m_problemsProxy = new DecorationProxyModel(
        [s](const QModelIndex& index) {
            const bool error = index.data(ProblemsModel::SeverityRole).toInt() == int(Problem::Severity::Error);
            return s->standardIcon(error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning);
        },
        this);
    m_problemsProxy->setSourceModel(m_problemsModel);

    createActions();
    setCentralWidget(createCentralWidget());
    createProblemsDock();
    createMenus();
    m_counts = new QLabel(this);
    m_counts->setObjectName(u"statusCounts"_qs);
    statusBar()->addPermanentWidget(m_counts);

    connect(m_document, &PlanDocument::loadingStarted, this, &MainWindow::showLoading);
    connect(m_document, &PlanDocument::loaded, this, &MainWindow::showDocument);
    connect(m_document, &PlanDocument::loaded, this, [this] {
        const PlanLoadResult& load = m_document->snapshot().load;
        if (load.ok())
            emit planLoaded(*load.plan);
        else
            emit planUnusable(tr("the plan has errors (see Problems)"));
    });
    connect(m_document, &PlanDocument::failed, this, [this](const QString&, const QString& message) {
        emit planUnusable(message);
    });
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

// --- construction -----------------------------------------------------------------------------

void MainWindow::createActions()
{
    const QStyle* s = style();
    m_openAction = new QAction(s->standardIcon(QStyle::SP_DialogOpenButton), tr("&Open…"), this);
    m_openAction->setObjectName(u"openAction"_qs);
    m_openAction->setShortcut(QKeySequence::Open);
    m_openAction->setStatusTip(tr("Open a plan file"));
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseFileToOpen);

    m_saveAsAction = new QAction(s->standardIcon(QStyle::SP_DialogSaveButton), tr("Save &As…"), this);
    m_saveAsAction->setObjectName(u"saveAsAction"_qs);
    m_saveAsAction->setShortcut(QKeySequence::SaveAs);
    m_saveAsAction->setStatusTip(tr("Write the plan to another file, in the documented key order"));
    connect(m_saveAsAction, &QAction::triggered, this, &MainWindow::chooseSaveAsPath);

    m_exportAction = new QAction(s->standardIcon(QStyle::SP_DriveHDIcon), tr("&Export…"), this);
    m_exportAction->setObjectName(u"exportAction"_qs);
    m_exportAction->setShortcut(Qt::CTRL | Qt::Key_E);
    m_exportAction->setStatusTip(tr("Write every generated resource and VM file to a directory"));
    connect(m_exportAction, &QAction::triggered, this, &MainWindow::showExportDialog);

    m_reloadAction = new QAction(s->standardIcon(QStyle::SP_BrowserReload), tr("&Reload"), this);
    m_reloadAction->setObjectName(u"reloadAction"_qs);
    m_reloadAction->setShortcut(QKeySequence::Refresh);
    m_reloadAction->setStatusTip(tr("Read the plan file again"));
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
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_openAction);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    file->addAction(m_saveAsAction);
    file->addSeparator();
    file->addAction(m_exportAction);
    file->addAction(m_reloadAction);
    file->addSeparator();
    file->addAction(m_quitAction);

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_problemsDock->toggleViewAction());
    view->addSeparator();
    view->addAction(tr("&Expand All"), m_tree, &QTreeView::expandAll);
    view->addAction(tr("&Collapse All"), m_tree, &QTreeView::collapseAll);

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);

    QToolBar* toolBar = addToolBar(tr("Main"));
    toolBar->setObjectName(u"mainToolBar"_qs);
    toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    toolBar->addAction(m_openAction);
    toolBar->addAction(m_reloadAction);
    toolBar->addAction(m_exportAction);
}

QWidget* MainWindow::createCentralWidget()
{
    m_splitter = new QSplitter(Qt::Horizontal, this);
    m_splitter->setObjectName(u"mainSplitter"_qs);
    m_splitter->setChildrenCollapsible(false);

    m_tree = new QTreeView(m_splitter);
    m_tree->setObjectName(u"generatedTree"_qs);
    m_tree->setModel(m_treeProxy);
    m_tree->setUniformRowHeights(true);
    m_tree->setAllColumnsShowFocus(true);
    m_tree->header()->setStretchLastSection(true);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::showPreview);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::showOrigin);
    connect(m_tree, &QTreeView::activated, this, [this](const QModelIndex& index) { goToOrigin(index, true); });

    m_preview = new CodeView(m_splitter);
    m_preview->setObjectName(u"preview"_qs);
    m_preview->setHighlightCurrentLine(false);
    new YamlHighlighter(m_preview->document());
    m_previewTitle = paneTitle(m_splitter);
    m_splitter->addWidget(m_tree);
    m_splitter->addWidget(pane(m_previewTitle, m_preview, m_splitter));

    m_source = new CodeView(m_splitter);
    m_source->setObjectName(u"planSource"_qs);
    new YamlHighlighter(m_source->document());
    m_sourceTitle = paneTitle(m_splitter);
    m_splitter->addWidget(pane(m_sourceTitle, m_source, m_splitter));

    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setStretchFactor(2, 3);

    // The plan and its traffic: two tabs, so the graph gets the whole width.
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(u"mainTabs"_qs);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_splitter, tr("Plan"));
    m_graphPage = new GraphPage(m_tabs);
    m_tabs->addTab(m_graphPage, tr("Traffic graph"));
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_graphPage && m_graphPage->source() != m_graphSource)
            m_graphPage->setSource(m_graphSource);
    });
    return m_tabs;
}

void MainWindow::createProblemsDock()
{
    m_problemsDock = new QDockWidget(tr("Problems"), this);
    m_problemsDock->setObjectName(u"problemsDock"_qs);
    m_problemsDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    m_problemsStack = new QStackedWidget(m_problemsDock);
    auto* none = new QLabel(tr("No problems."), m_problemsStack);
    none->setAlignment(Qt::AlignCenter);
    none->setEnabled(false); // greyed: nothing to act on
    m_problemsStack->addWidget(none);
    m_problemsView = new QTreeView(m_problemsStack);
    m_problemsView->setObjectName(u"problemsView"_qs);
    m_problemsView->setModel(m_problemsProxy);
    m_problemsView->setRootIsDecorated(false);
    m_problemsView->setUniformRowHeights(true);
    m_problemsView->setAllColumnsShowFocus(true);
    m_problemsView->setAlternatingRowColors(true);
    m_problemsView->header()->setSectionResizeMode(ProblemsModel::LocationColumn, QHeaderView::ResizeToContents);
    m_problemsView->header()->setSectionResizeMode(ProblemsModel::PathColumn, QHeaderView::ResizeToContents);
    m_problemsView->header()->setStretchLastSection(true);
    connect(m_problemsView->selectionModel(), &QItemSelectionModel::currentChanged, this, &MainWindow::showProblem);
    connect(m_problemsView, &QTreeView::activated, this, [this](const QModelIndex& index) { goToProblem(index, true); });
    m_problemsStack->addWidget(m_problemsView);
    m_problemsDock->setWidget(m_problemsStack);
    addDockWidget(Qt::BottomDockWidgetArea, m_problemsDock);
}

void MainWindow::restoreLayout()
{
    QSettings store = settings();
    if (!restoreGeometry(store.value(u"mainWindow/geometry"_qs).toByteArray()))
        resize(1280, 800);
    restoreState(store.value(u"mainWindow/state"_qs).toByteArray());
    if (!m_splitter->restoreState(store.value(u"mainWindow/splitter"_qs).toByteArray()))
        m_splitter->setSizes({400, 440, 440});
    if (!store.contains(u"mainWindow/state"_qs))
        resizeDocks({m_problemsDock}, {150}, Qt::Vertical);
}

void MainWindow::saveLayout() const
{
    QSettings store = settings();
    store.setValue(u"mainWindow/geometry"_qs, saveGeometry());
    store.setValue(u"mainWindow/state"_qs, saveState());
    store.setValue(u"mainWindow/splitter"_qs, m_splitter->saveState());
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

    // The source first: tree selection below jumps into it.
    const int line = m_source->cursorLine();
    m_source->setPlainText(QString::fromUtf8(snapshot.text));
    m_source->goTo(line, 0); // a reload keeps the reader's place
    m_sourceTitle->setText(u"<b>"_qs + QFileInfo(snapshot.path).fileName().toHtmlEscaped() + u"</b>  "_qs
                           + homeRelative(QFileInfo(snapshot.path).absolutePath()).toHtmlEscaped());

    const Problems problems = snapshot.problems();
    m_problemsModel->setProblems(problems);
    QList<int> marked;
    for (const Problem& p : problems) {
        if (p.line > 0 && (p.file.isEmpty() || QFileInfo(p.file).absoluteFilePath() == snapshot.path))
            marked.append(p.line);
    }
    m_source->setMarkedLines(marked);
    m_problemsDock->setWindowTitle(problems.isEmpty() ? tr("Problems") : tr("Problems (%1)").arg(problems.size()));
    m_problemsStack->setCurrentWidget(problems.isEmpty() ? m_problemsStack->widget(0) : m_problemsView);
    if (hasErrors(problems))
        m_problemsDock->show();

    const QString keep = m_selectedKey;
    m_treeModel->setGenerated(snapshot.generated);
    m_tree->expandAll();
    m_tree->resizeColumnToContents(GeneratedTreeModel::NameColumn);
    selectTreeKey(keep);
    if (!snapshot.load.ok() && m_problemsProxy->rowCount() > 0)
        m_problemsView->setCurrentIndex(m_problemsProxy->index(0, 0)); // shows the first in the source

    updateTitle();
    updateStatus();
    updateActions();
}

void MainWindow::selectTreeKey(const QString& key)
{
    QModelIndex index = m_treeProxy->mapFromSource(m_treeModel->indexForKey(key));
    if (!index.isValid()) // first load, or the item is gone: the first resource
        index = m_treeProxy->index(0, 0, m_treeProxy->index(0, 0));
    if (index.isValid()) {
        m_tree->setCurrentIndex(index);
        m_tree->scrollTo(index);
    } else {
        showPreview({});
    }
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
        tr("Exported %1 to %2").arg(counted(written.size(), tr("file"), tr("files")), QDir::toNativeSeparators(directory)),
        8000);
}

// --- selection and jumps ---------------------------------------------------------------------

void MainWindow::showPreview(const QModelIndex& index)
{
    m_selectedKey = index.data(GeneratedTreeModel::KeyRole).toString();
    const auto type = index.data(GeneratedTreeModel::NodeTypeRole).value<NodeType>();
    QString text = index.data(GeneratedTreeModel::YamlRole).toString();
    QString title = index.data(Qt::DisplayRole).toString().toHtmlEscaped();
    if (type == NodeType::Stage && index.isValid()) {
        // A stage reads as the multi-document YAML of its resources, as kubectl would take it.
        QStringList documents;
        for (int row = 0; row < m_treeProxy->rowCount(index); ++row)
            documents << m_treeProxy->index(row, 0, index).data(GeneratedTreeModel::YamlRole).toString();
        text = documents.join(u"---\n"_qs);
    } else if (type == NodeType::Resource) {
        const QString ns = index.siblingAtColumn(GeneratedTreeModel::NamespaceColumn).data().toString();
        title = u"<b>"_qs + index.data(GeneratedTreeModel::KindRole).toString().toHtmlEscaped() + u"</b> "_qs
            + (ns.isEmpty() ? QString() : ns.toHtmlEscaped() + u'/')
            + index.data(GeneratedTreeModel::NameRole).toString().toHtmlEscaped();
        const QString origin = index.data(GeneratedTreeModel::OriginRole).toString();
        if (!origin.isEmpty())
            title += u"  <i>"_qs + tr("from %1").arg(origin).toHtmlEscaped() + u"</i>"_qs;
    } else if (type == NodeType::VmFile) {
        title = u"<b>"_qs + title + u"</b>  "_qs
            + index.data(GeneratedTreeModel::InstallPathRole).toString().toHtmlEscaped();
    }
    m_previewTitle->setText(index.isValid() ? title : QString());
    m_preview->setPlainText(text);
    m_preview->setPlaceholderText(
        !m_document->snapshot().load.ok() && !m_document->path().isEmpty()
            ? tr("The plan has errors. Fix them (see Problems) to see what it generates.")
            : tr("Open a plan (File → Open…) to see the resources and VM files it generates."));
}

void MainWindow::showOrigin(const QModelIndex& index)
{
    goToOrigin(index, false);
}

void MainWindow::goToOrigin(const QModelIndex& index, bool focus)
{
    QString origin = index.data(GeneratedTreeModel::OriginRole).toString();
    if (origin.isEmpty())
        origin = m_document->vmFieldPath(index.data(GeneratedTreeModel::VmNameRole).toString());
    const SourceLocation location = m_document->locate(origin);
    if (location.line <= 0)
        return;
    m_source->goTo(location.line, location.column);
    if (focus)
        m_source->setFocus();
}

void MainWindow::showProblem(const QModelIndex& index)
{
    goToProblem(index, false);
}

void MainWindow::goToProblem(const QModelIndex& index, bool focus)
{
    if (!index.isValid())
        return;
    const QString file = index.data(ProblemsModel::FileRole).toString();
    if (!file.isEmpty() && QFileInfo(file).absoluteFilePath() != m_document->snapshot().path) {
        statusBar()->showMessage(tr("This problem is in %1").arg(QDir::toNativeSeparators(file)), 5000);
        return;
    }
    int line = index.data(ProblemsModel::LineRole).toInt();
    int column = index.data(ProblemsModel::ColumnRole).toInt();
    if (line <= 0) { // located by field only
        const SourceLocation location = m_document->locate(index.data(ProblemsModel::PathRole).toString());
        line = location.line;
        column = location.column;
    }
    if (line <= 0)
        return;
    m_source->goTo(line, column);
    if (focus)
        m_source->setFocus();
}

// --- chrome ----------------------------------------------------------------------------------

void MainWindow::updateTitle()
{
    const QString path = m_document->snapshot().path;
    setWindowTitle(path.isEmpty() ? u"meshdeck"_qs : QFileInfo(path).fileName() + u" — meshdeck"_qs);
}

void MainWindow::updateStatus()
{
    const Generated& generated = m_treeModel->generated();
    qsizetype files = 0;
    for (const VmBundle& bundle : generated.vmBundles)
        files += bundle.files.size();
    m_counts->setText(counted(generated.resources.size(), tr("resource"), tr("resources")) + u", "_qs
                      + counted(files, tr("VM file"), tr("VM files")) + u", "_qs
                      + counted(m_problemsModel->rowCount(), tr("problem"), tr("problems")));
}

void MainWindow::updateActions()
{
    m_saveAsAction->setEnabled(m_document->hasPlan());
    m_reloadAction->setEnabled(!m_document->path().isEmpty());
    const Generated& generated = m_treeModel->generated();
    m_exportAction->setEnabled(!generated.resources.isEmpty() || !generated.vmBundles.isEmpty());
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
    auto* dialog = new ExportDialog(m_treeModel->generated(), suggested, this);
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
