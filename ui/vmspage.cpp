// SPDX-License-Identifier: Apache-2.0
#include "vmspage.h"

#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace {

// The fleet model speaks the state file's words (its keys, which the CLI prints as they are);
// the window shows them in the user's language.
class StateWords final : public QIdentityProxyModel
{
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant data(const QModelIndex& index, int role) const override
    {
        const QVariant value = QIdentityProxyModel::data(index, role);
        if (role != Qt::DisplayRole || value.typeId() != QMetaType::QString)
            return value;
        const QString word = value.toString();
        if (word == u"waiting")
            return VmsPage::tr("waiting");
        if (word == u"running")
            return VmsPage::tr("running");
        if (word == u"ok")
            return VmsPage::tr("ok");
        if (word == u"failed")
            return VmsPage::tr("failed");
        if (word == u"pending")
            return VmsPage::tr("pending");
        if (word == u"done")
            return VmsPage::tr("done");
        if (word == u"skipped")
            return VmsPage::tr("skipped");
        return value;
    }
};

} // namespace

VmsPage::VmsPage(QWidget* parent)
    : QWidget(parent)
    , m_filter(new QLineEdit(this))
    , m_view(new QTableView(this))
    , m_placeholder(new QLabel(this))
    , m_sorted(new QSortFilterProxyModel(this))
    , m_words(new StateWords(this))
{
    m_filter->setObjectName(u"vmFilter"_qs);
    m_filter->setPlaceholderText(tr("Filter VMs by name, address, group, step or message"));
    m_filter->setClearButtonEnabled(true);
    m_view->setObjectName(u"vmTable"_qs);
    m_view->setSortingEnabled(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setAlternatingRowColors(true);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_sorted->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_sorted->setSortCaseSensitivity(Qt::CaseInsensitive);
    m_sorted->setFilterKeyColumn(-1);
    m_sorted->setSourceModel(m_words);
    m_view->setModel(m_sorted);
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setText(tr("Open a plan with VMs to see where each one stands."));

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_filter);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_placeholder, 1);
    connect(m_filter, &QLineEdit::textChanged, m_sorted, &QSortFilterProxyModel::setFilterFixedString);
    updatePlaceholder();
}

void VmsPage::setModel(QAbstractItemModel* model)
{
    if (auto* identity = static_cast<QIdentityProxyModel*>(m_words); identity->sourceModel())
        disconnect(identity->sourceModel(), nullptr, this, nullptr);
    static_cast<QIdentityProxyModel*>(m_words)->setSourceModel(model);
    if (model) {
        connect(model, &QAbstractItemModel::modelReset, this, &VmsPage::updatePlaceholder);
        connect(model, &QAbstractItemModel::rowsInserted, this, &VmsPage::updatePlaceholder);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &VmsPage::updatePlaceholder);
    }
    m_view->sortByColumn(0, Qt::AscendingOrder);
    updatePlaceholder();
}

void VmsPage::updatePlaceholder()
{
    const QAbstractItemModel* model = static_cast<QIdentityProxyModel*>(m_words)->sourceModel();
    const bool empty = !model || model->rowCount() == 0;
    m_view->setVisible(!empty);
    m_filter->setVisible(!empty);
    m_placeholder->setVisible(empty);
}
