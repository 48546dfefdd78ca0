// SPDX-License-Identifier: Apache-2.0
#include "decorationproxymodel.h"

DecorationProxyModel::DecorationProxyModel(Decorator decorator, QObject* parent)
    : QIdentityProxyModel(parent)
    , m_decorator(std::move(decorator))
{
}

DecorationProxyModel::~DecorationProxyModel() = default;

QVariant DecorationProxyModel::data(const QModelIndex& index, int role) const
{
    if (role == Qt::DecorationRole && index.column() == 0 && m_decorator) {
        const QIcon icon = m_decorator(mapToSource(index));
        if (!icon.isNull())
            return icon;
    }
    return QIdentityProxyModel::data(index, role);
}
