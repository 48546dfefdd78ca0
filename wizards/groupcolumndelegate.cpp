// SPDX-License-Identifier: Apache-2.0
#include "groupcolumndelegate.h"

#include "wizardcontext.h"

#include <QComboBox>

GroupColumnDelegate::GroupColumnDelegate(WizardContext* context, QObject* parent)
    : QStyledItemDelegate(parent)
    , m_context(context)
{
}

GroupColumnDelegate::~GroupColumnDelegate() = default;

QWidget* GroupColumnDelegate::createEditor(QWidget* parent, const QStyleOptionViewItem&, const QModelIndex&) const
{
    auto* combo = new QComboBox(parent);
    combo->setEditable(true); // a group the next page has not got yet may be typed; the row check says so
    if (m_context) {
        for (const VmGroup& group : m_context->plan().vmGroups)
            combo->addItem(group.name);
    }
    return combo;
}

void GroupColumnDelegate::setEditorData(QWidget* editor, const QModelIndex& index) const
{
    auto* combo = static_cast<QComboBox*>(editor);
    combo->setCurrentText(index.data(Qt::EditRole).toString());
}

void GroupColumnDelegate::setModelData(QWidget* editor, QAbstractItemModel* model, const QModelIndex& index) const
{
    model->setData(index, static_cast<QComboBox*>(editor)->currentText().trimmed(), Qt::EditRole);
}
