// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QPointer>
#include <QStyledItemDelegate>

class WizardContext;

/*! The VM table's Group column: an editable combo box offering the plan's groups. */
class GroupColumnDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GroupColumnDelegate)
public:
    GroupColumnDelegate(WizardContext* context, QObject* parent = nullptr);
    ~GroupColumnDelegate() override;

    QWidget* createEditor(QWidget* parent, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    void setEditorData(QWidget* editor, const QModelIndex& index) const override;
    void setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const override;

private:
    QPointer<WizardContext> m_context;
};
