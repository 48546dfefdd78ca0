// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QStringList>
#include <QWidget>

#include <functional>

class FleetMonitor;
class QAbstractItemModel;
class QAction;
class QLabel;
class QLineEdit;
class QMessageBox;
class QPlainTextEdit;
class QSortFilterProxyModel;
class QTableView;
class QToolBar;
class Question;

/*!
 * The "VMs" tab. With a FleetMonitor (ops/api/fleetmonitor.h) it is an operations view: every VM
 * of the plan and every WorkloadEntry of the watched namespaces, their health, sidecar, token and
 * certificate, the failure modes flagged (an icon, the sentence and the fix in its tooltip), the
 * actions in a toolbar and a context menu (onboard, re-onboard, offboard after a confirmation,
 * refresh the token, probe now, open an ssh session in the user's terminal, copy the ssh
 * command), and below the table the selected row's step history and last errors.
 *
 * Without a monitor (setModel) it shows any fleet model read-only, as before. The page sees only
 * interfaces; the composition root (app/) hands them over. Sortable by any column, filtered by a text.
 */
class VmsPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VmsPage)
public:
    using QuestionHandler = std::function<void(Question* question, QWidget* parent)>;
    using Launcher = std::function<bool(const QStringList& sshArguments, QString* error)>;

    explicit VmsPage(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model);
    /*! The operations view (nullptr: none; the page then shows setModel's model). */
    void setMonitor(FleetMonitor* monitor);
    /*! Who answers the actions' questions (the app's QuestionDialog); without one they are rejected. */
    void setQuestionHandler(QuestionHandler handler) { m_questionHandler = std::move(handler); }
    /*! How "Open SSH session" starts the terminal; default TerminalLauncher::launch. */
    void setLauncher(Launcher launcher) { m_launcher = std::move(launcher); }

    QTableView* view() const { return m_view; }
    QLineEdit* filter() const { return m_filter; }
    QToolBar* toolBar() const { return m_toolBar; }
    QPlainTextEdit* details() const { return m_details; }
    /*! The selected rows' names (NameRole), in view order. */
    QStringList selectedVms() const;

private:
    void updatePlaceholder();
    void updateActions();
    void showDetails();
    void showMessage(const QString& text);
    void confirmOffboard();
    void openSession();
    void copyCommand();
    void askQuestion(Question* question);
    QString currentVm() const;

    QLineEdit* m_filter;
    QToolBar* m_toolBar;
    QTableView* m_view;
    QPlainTextEdit* m_details;
    QLabel* m_message;
    QLabel* m_placeholder;
    QSortFilterProxyModel* m_sorted;
    QAbstractItemModel* m_words; //!< the fleet's state words in the user's language, flag icons
    QPointer<FleetMonitor> m_monitor;
    QPointer<QMessageBox> m_confirm;
    QuestionHandler m_questionHandler;
    Launcher m_launcher;
    QAction* m_onboard;
    QAction* m_reonboard;
    QAction* m_offboard;
    QAction* m_refreshToken;
    QAction* m_probe;
    QAction* m_openSsh;
    QAction* m_copySsh;
};
