// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "problem.h"

#include <QDockWidget>

class DecorationProxyModel;
class ProblemsModel;
class QModelIndex;
class QStackedWidget;
class QTreeView;

/*!
 * The Problems dock: the plan's problems (loader's and generators') with their place, or a note
 * that there are none. Selecting a problem asks for its place to be shown, activating it
 * (Enter, double click) for the keyboard to go there too; the window passes both on to the page
 * that shows the plan's text.
 */
class ProblemsDock final : public QDockWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProblemsDock)

public:
    explicit ProblemsDock(QWidget* parent = nullptr);
    ~ProblemsDock() override;

    /*! Lists problems, counted in the title; with errors the dock is shown. */
    void setProblems(const Problems& problems);
    /*! Selects the first problem, which goes to its place. */
    void selectFirst();
    int count() const;

signals:
    /*! A problem was selected (focus false) or activated (focus true): where it is. */
    void goTo(const QString& file, int line, int column, const QString& fieldPath, bool focus);

private:
    void report(const QModelIndex& index, bool focus);

    ProblemsModel* m_model;
    DecorationProxyModel* m_proxy;
    QStackedWidget* m_stack;
    QTreeView* m_view;
};
