// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QIcon>
#include <QIdentityProxyModel>

#include <functional>

/*!
 * Adds icons to a model from model/, which links Qt Core only and so cannot return a QIcon:
 * the decorator maps a source index (column 0) to its icon.
 */
class DecorationProxyModel final : public QIdentityProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DecorationProxyModel)

public:
    using Decorator = std::function<QIcon(const QModelIndex& sourceIndex)>;

    explicit DecorationProxyModel(Decorator decorator, QObject* parent = nullptr);
    ~DecorationProxyModel() override;

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    Decorator m_decorator;
};
