// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>
#include <QWidget>

class CodeView;
class DecorationProxyModel;
class GeneratedTreeModel;
class PlanDocument;
class QAction;
class QLabel;
class QModelIndex;
class QSplitter;
class QTreeView;

/*!
 * The "Plan" tab: the tree of everything the plan generates, a YAML preview of the selected item
 * and the plan's own text, side by side. Selecting an item shows its YAML and the plan line that
 * produced it; activating it (Enter, double click) moves the keyboard there too. The page follows
 * the PlanDocument it is given: each load refreshes it, keeping the selection and the reader's
 * place in the text.
 */
class PlanPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlanPage)

public:
    /*! document is borrowed and must outlive the page. */
    explicit PlanPage(PlanDocument* document, QWidget* parent = nullptr);
    ~PlanPage() override;

    /*!
     * Jumps the plan text to a problem's place: its line and column, else the field it names.
     * Returns false, and does nothing, when the problem is in another file than the plan's.
     */
    bool goToProblem(const QString& file, int line, int column, const QString& fieldPath, bool focus);

    /*! View > Expand All and Collapse All: the tree's. */
    QAction* expandAllAction() const { return m_expandAll; }
    QAction* collapseAllAction() const { return m_collapseAll; }

    /*! The sizes of the three panes, for the window's saved layout. */
    QByteArray saveState() const;
    bool restoreState(const QByteArray& state);

private:
    void showDocument();
    void selectTreeKey(const QString& key);
    void showPreview(const QModelIndex& index);
    void goToOrigin(const QModelIndex& index, bool focus);

    PlanDocument* m_document;
    GeneratedTreeModel* m_treeModel;
    DecorationProxyModel* m_treeProxy;
    QSplitter* m_splitter;
    QTreeView* m_tree;
    QLabel* m_previewTitle;
    CodeView* m_preview;
    QLabel* m_sourceTitle;
    CodeView* m_source;
    QAction* m_expandAll;
    QAction* m_collapseAll;
    QString m_selectedKey; //!< tree selection to restore after a reload
};
