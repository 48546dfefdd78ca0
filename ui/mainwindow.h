// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "plan.h"

#include <QMainWindow>
#include <QPointer>
#include <QString>

class ConnectionService;
class ContextPicker;
class GraphPage;
class QAbstractItemModel;
class VmsPage;
class FleetMonitor;
class WeightsPage;
class WeightsService;
class GraphSource;
class OnboardingService;
class PlanDocument;
class PlanPage;
class ProblemsDock;
class QAction;
class QLabel;
class QMenu;
class QTabWidget;
class RecentFiles;

/*!
 * The first window: menus, the toolbar, two tabs (the Plan tab, PlanPage, and the traffic graph,
 * GraphPage), the Problems dock with jump-to-line and the status line. The plan it shows is the
 * PlanDocument the composition root gives it; loading and export run off the GUI thread
 * (PlanDocument, ExportDialog). This class only lays out the pages and wires the chrome to them.
 */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    /*!
     * Shows document, which the window takes ownership of (it becomes the document's parent):
     * the composition root makes it and may connect to it, as the live graph does.
     */
    explicit MainWindow(PlanDocument* document, QWidget* parent = nullptr);
    ~MainWindow() override;

    PlanDocument* document() const { return m_document; }
    /*! Loads a plan in the background; the views follow when it is ready. */
    void openPlan(const QString& path);
    /*!
     * Where the "Traffic graph" tab gets its graphs (live or recorded). Borrowed: the
     * composition root owns it and keeps it alive as long as the window; nullptr = none.
     */
    void setGraphSource(GraphSource* source);
    /*! No graph source, and why: what the graph tab says instead of a graph. */
    void setNoGraphSource(const QString& reason);
    GraphPage* graphPage() const { return m_graphPage; }
    /*! The fleet's model for the VMs tab (the composition root's; the window does not own it). */
    void setFleetModel(QAbstractItemModel* model);
    /*! The VMs tab as an operations view (ops/api/fleetmonitor.h); replaces setFleetModel's model. */
    void setFleetMonitor(FleetMonitor* monitor);
    VmsPage* vmsPage() const { return m_vmsPage; }
    /*! Where the "Weights" tab gets its routes (borrowed, as the graph source; nullptr = none). */
    void setWeightsService(WeightsService* service);
    WeightsPage* weightsPage() const { return m_weightsPage; }
    GraphSource* graphSource() const { return m_graphSource; }
    /*!
     * The cluster connection (borrowed, the composition root's): puts a ContextPicker on a
     * toolbar of its own. Questions the service asks are the composition root's to connect.
     */
    void setConnectionService(ConnectionService* service);
    ContextPicker* contextPicker() const { return m_contextPicker; }

    /*!
     * The onboarding's operations (borrowed; app/ owns them): enables "Onboard VMs…" and "New
     * onboarding…", which emit onboardingRequested() for the composition root to open the wizard
     * (wizards/ sit above ui/, so the window does not make it).
     */
    void setOnboardingService(OnboardingService* service);
    OnboardingService* onboardingService() const;

public slots:
    /*! Switches to the "Traffic graph" tab (the wizard's "Open the traffic graph"). */
    void showTrafficGraph();

signals:
    /*! "Onboard VMs…" (the current plan and its file) or "New onboarding…" (an empty plan, no file). */
    void onboardingRequested(const Plan& plan, const QString& path);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createActions();
    void createMenus();
    void restoreLayout();
    void saveLayout() const;

    void showLoading(const QString& path);
    void showDocument();
    void showLoadFailure(const QString& path, const QString& message);
    void showSaved(const QString& path);
    void showSaveFailure(const QString& path, const QString& message);
    void showExported(const QString& directory, const QStringList& written);
    void goToProblem(const QString& file, int line, int column, const QString& fieldPath, bool focus);

    void updateTitle();
    void updateStatus();
    void updateActions();
    void updateRecentMenu();
    void showMessage(bool error, const QString& title, const QString& text);

    void chooseFileToOpen();
    void chooseSaveAsPath();
    void showExportDialog();
    void showAbout();
    void createOnboardingActions();
    void requestOnboarding(bool newPlan);

    PlanDocument* m_document;
    RecentFiles* m_recentFiles = nullptr;

    QTabWidget* m_tabs = nullptr;
    PlanPage* m_planPage = nullptr;
    GraphPage* m_graphPage = nullptr;
    VmsPage* m_vmsPage = nullptr;
    WeightsPage* m_weightsPage = nullptr;
    QPointer<GraphSource> m_graphSource; //!< borrowed; the page gets it when the graph tab is shown
    ProblemsDock* m_problemsDock = nullptr;
    QLabel* m_counts = nullptr;
    ContextPicker* m_contextPicker = nullptr;

    QAction* m_openAction = nullptr;
    QAction* m_saveAsAction = nullptr;
    QAction* m_exportAction = nullptr;
    QAction* m_reloadAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_onboardAction = nullptr;
    QAction* m_newOnboardingAction = nullptr;
    QPointer<OnboardingService> m_onboardingService;
    QMenu* m_recentMenu = nullptr;
};
