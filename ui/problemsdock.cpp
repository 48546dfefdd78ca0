// SPDX-License-Identifier: Apache-2.0
#include "problemsdock.h"

#include "decorationproxymodel.h"
#include "problemsmodel.h"

#include <QHeaderView>
#include <QLabel>
#include <QStackedWidget>
#include <QStyle>
#include <QTreeView>

ProblemsDock::ProblemsDock(QWidget* parent)
    : QDockWidget(tr("Problems"), parent)
    , m_model(new ProblemsModel(this))
{
    setObjectName(u"problemsDock"_qs);
    setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetClosable);
    const QStyle* s = style();
    m_proxy = new DecorationProxyModel(
        [s](const QModelIndex& index) {
            const bool error = index.data(ProblemsModel::SeverityRole).toInt() == int(Problem::Severity::Error);
            return s->standardIcon(error ? QStyle::SP_MessageBoxCritical : QStyle::SP_MessageBoxWarning);
        },
        this);
    m_proxy->setSourceModel(m_model);

    m_stack = new QStackedWidget(this);
    auto* none = new QLabel(tr("No problems."), m_stack);
    none->setAlignment(Qt::AlignCenter);
    none->setEnabled(false); // greyed: nothing to act on
    m_stack->addWidget(none);
    m_view = new QTreeView(m_stack);
    m_view->setObjectName(u"problemsView"_qs);
    m_view->setModel(m_proxy);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAllColumnsShowFocus(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setSectionResizeMode(ProblemsModel::LocationColumn, QHeaderView::ResizeToContents);
    m_view->header()->setSectionResizeMode(ProblemsModel::PathColumn, QHeaderView::ResizeToContents);
    m_view->header()->setStretchLastSection(true);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex& index) { report(index, false); });
    connect(m_view, &QTreeView::activated, this, [this](const QModelIndex& index) { report(index, true); });
    m_stack->addWidget(m_view);
    setWidget(m_stack);
}

ProblemsDock::~ProblemsDock() = default;

void ProblemsDock::setProblems(const Problems& problems)
{
    m_model->setProblems(problems);
    setWindowTitle(problems.isEmpty() ? tr("Problems") : tr("Problems (%1)").arg(problems.size()));
    m_stack->setCurrentWidget(problems.isEmpty() ? m_stack->widget(0) : m_view);
    if (hasErrors(problems))
        show();
}

void ProblemsDock::selectFirst()
{
    if (m_proxy->rowCount() > 0)
        m_view->setCurrentIndex(m_proxy->index(0, 0));
}

int ProblemsDock::count() const
{
    return m_model->rowCount();
}

void ProblemsDock::report(const QModelIndex& index, bool focus)
{
    if (!index.isValid())
        return;
    emit goTo(index.data(ProblemsModel::FileRole).toString(), index.data(ProblemsModel::LineRole).toInt(),
              index.data(ProblemsModel::ColumnRole).toInt(), index.data(ProblemsModel::PathRole).toString(), focus);
}
