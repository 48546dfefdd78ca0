// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QMainWindow>
#include <QPointer>
#include <QString>

class CodeView;
class DecorationProxyModel;
class GeneratedTreeModel;
class GraphPage;
class GraphSource;
class PlanDocument;
class ProblemsModel;
class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QModelIndex;
class QSplitter;
class QStackedWidget;
class QTabWidget;
class QTreeView;
class RecentFiles;

/*!
 * The first window: a plan, the tree of everything it generates, a YAML preview of the selected
 * item, the plan's source, and its problems with jump-to-line. Loading and export run off the
 * GUI thread (PlanDocument, ExportDialog); this class only wires views to them.
 */
struct Plan;

class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /*! Loads a plan in the background; the views follow when it is ready. */
    void openPlan(const QString& path);
    /*!
     * Where the "Traffic graph" tab gets its graphs (live or recorded). Borrowed: the
     * composition root owns it and keeps it alive as long as the window; nullptr = none.
     */
    void setGraphSource(GraphSource* source);
    GraphPage* graphPage() const { return m_graphPage; }
    GraphSource* graphSource() const { return m_graphSource; }

signals:
    /*!
     * A plan without errors was loaded (opened, reloaded or saved): the composition root makes
     * the live graph source for its cluster.
     */
    void planLoaded(const Plan& plan);
    /*! The loaded plan has errors, or could not be read: nothing of the previous plan applies. */
    void planUnusable(const QString& reason);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createMenus();
    QWidget* createCentralWidget();
    void createProblemsDock();
    void restoreLayout();
    void saveLayout() const;

    void showLoading(const QString& path);
    void showDocument();
    void showLoadFailure(const QString& path, const QString& message);
    void showSaved(const QString& path);
    void showSaveFailure(const QString& path, const QString& message);
    void showExported(const QString& directory, const QStringList& written);
    void showPreview(const QModelIndex& index);
    void showOrigin(const QModelIndex& index);
    void showProblem(const QModelIndex& index);
    void goToOrigin(const QModelIndex& index, bool focus);
    void goToProblem(const QModelIndex& index, bool focus);
    void selectTreeKey(const QString& key);

    void updateTitle();
    void updateStatus();
    void updateActions();
    void updateRecentMenu();
    void showMessage(bool error, const QString& title, const QString& text);

    void chooseFileToOpen();
    void chooseSaveAsPath();
    void showExportDialog();
    void showAbout();

    PlanDocument* m_document = nullptr;
    RecentFiles* m_recentFiles = nullptr;
    GeneratedTreeModel* m_treeModel = nullptr;
    DecorationProxyModel* m_treeProxy = nullptr;
    ProblemsModel* m_problemsModel = nullptr;
    DecorationProxyModel* m_problemsProxy = nullptr;

    QTabWidget* m_tabs = nullptr;
    QSplitter* m_splitter = nullptr;
    GraphPage* m_graphPage = nullptr;
    QPointer<GraphSource> m_graphSource; //!< borrowed; the page gets it when the graph tab is shown
    QTreeView* m_tree = nullptr;
    QLabel* m_previewTitle = nullptr;
    CodeView* m_preview = nullptr;
    QLabel* m_sourceTitle = nullptr;
    CodeView* m_source = nullptr;
    QDockWidget* m_problemsDock = nullptr;
    QStackedWidget* m_problemsStack = nullptr; //!< the list, or a note that there is nothing
    QTreeView* m_problemsView = nullptr;
    QLabel* m_counts = nullptr;

    QAction* m_openAction = nullptr;
    QAction* m_saveAsAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_reloadAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QMenu* m_recentMenu = nullptr;

    QString m_selectedKey; //!< tree selection to restore after a reload
};
