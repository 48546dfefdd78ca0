// SPDX-License-Identifier: Apache-2.0
#include "problemsmodel.h"

#include <QFileInfo>

#include <algorithm>

ProblemsModel::ProblemsModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

ProblemsModel::~ProblemsModel() = default;

void ProblemsModel::setProblems(const Problems& problems)
{
    beginResetModel();
    m_problems = problems;
    endResetModel();
}

int ProblemsModel::errorCount() const
{
    return int(std::count_if(m_problems.cbegin(), m_problems.cend(), [](const Problem& p) { return p.isError(); }));
}

int ProblemsModel::warningCount() const
{
    return int(m_problems.size()) - errorCount();
}

QString ProblemsModel::location(const Problem& problem)
{
    QString out = QFileInfo(problem.file).fileName();
    if (problem.line > 0) {
        out += u':' + QString::number(problem.line);
        if (problem.column > 0)
            out += u':' + QString::number(problem.column);
    }
    return out;
}

int ProblemsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_problems.size());
}

int ProblemsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ProblemsModel::display(const Problem& problem, int column) const
{
    switch (column) {
    case LocationColumn:
        return location(problem);
    case PathColumn:
        return problem.path;
    case MessageColumn:
        return problem.hint.isEmpty() ? problem.message : problem.message + u" — "_qs + problem.hint;
    default:
        return {};
    }
}

QVariant ProblemsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Problem& problem = m_problems.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(problem, index.column());
    case Qt::ToolTipRole:
        return problem.toString();
    case SeverityRole:
        return int(problem.severity);
    case FileRole:
        return problem.file;
    case LineRole:
        return problem.line;
    case ColumnRole:
        return problem.column;
    case PathRole:
        return problem.path;
    case MessageRole:
        return problem.message;
    case HintRole:
        return problem.hint;
    default:
        return {};
    }
}

QVariant ProblemsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case LocationColumn:
        return tr("Location");
    case PathColumn:
        return tr("Field");
    case MessageColumn:
        return tr("Problem");
    default:
        return {};
    }
}
