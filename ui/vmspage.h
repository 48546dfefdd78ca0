// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QWidget>

class QAbstractItemModel;
class QLabel;
class QLineEdit;
class QSortFilterProxyModel;
class QTableView;

/*!
 * The "VMs" tab: every VM of the plan with where its onboarding stands (step, state, progress,
 * the last message), as the fleet model has it (ops/onboard/fleetmodel.h: seeded from the plan
 * and its state file, fed by a running onboarding). The page sees only a QAbstractItemModel; the
 * composition root (app/) hands it the model. Sortable by any column, filtered by a text.
 */
class VmsPage final : public QWidget
{
    Q_OBJECT
public:
    explicit VmsPage(QWidget* parent = nullptr);

    void setModel(QAbstractItemModel* model);
    QTableView* view() const { return m_view; }
    QLineEdit* filter() const { return m_filter; }

private:
    void updatePlaceholder();

    QLineEdit* m_filter;
    QTableView* m_view;
    QLabel* m_placeholder;
    QSortFilterProxyModel* m_sorted;
    QAbstractItemModel* m_words; //!< the fleet's state words in the user's language
};
