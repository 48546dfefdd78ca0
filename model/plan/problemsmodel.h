// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "problem.h"

#include <QAbstractTableModel>

/*!
 * Problems as a table: where ("plan.yaml:12:5"), which field, and what is wrong with what to do
 * about it. The roles carry the raw location so a view can jump to it without parsing text.
 */
class ProblemsModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProblemsModel)

public:
    enum Columns { LocationColumn, PathColumn, MessageColumn, ColumnCount };

    enum Roles {
        SeverityRole = Qt::UserRole, //!< int(Problem::Severity)
        FileRole,    //!< the file as the problem names it
        LineRole,    //!< 1-based; 0 when unknown
        ColumnRole,  //!< 1-based; 0 when unknown
        PathRole,    //!< the field path, e.g. "vmGroups[0].probe"
        MessageRole, //!< the message alone, without the hint
        HintRole,    //!< what to do about it
    };

    explicit ProblemsModel(QObject* parent = nullptr);
    ~ProblemsModel() override;

    void setProblems(const Problems& problems);
    const Problems& problems() const { return m_problems; }
    int errorCount() const;
    int warningCount() const;

    /*! "plan.yaml:12:5" (the file's name only; the tooltip has the full path). */
    static QString location(const Problem& problem);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    QVariant display(const Problem& problem, int column) const;

    Problems m_problems;
};
