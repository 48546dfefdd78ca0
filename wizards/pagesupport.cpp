// SPDX-License-Identifier: Apache-2.0
#include "pagesupport.h"

#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QTableWidget>

void PageSupport::showProblems(QLabel* label, const QStringList& problems)
{
    label->setText(problems.join(u'\n'));
    label->setVisible(!problems.isEmpty());
}

QList<QStringList> PageSupport::rows(const QTableWidget* table)
{
    QList<QStringList> out;
    for (int r = 0; r < table->rowCount(); ++r) {
        QStringList row;
        for (int c = 0; c < table->columnCount(); ++c) {
            const QTableWidgetItem* item = table->item(r, c);
            row.append(item ? item->text() : QString());
        }
        out.append(row);
    }
    return out;
}

void PageSupport::setRows(QTableWidget* table, const QList<QStringList>& rows)
{
    const QSignalBlocker blocker(table);
    table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        for (int c = 0; c < table->columnCount(); ++c)
            table->setItem(r, c, new QTableWidgetItem(c < rows[r].size() ? rows[r][c] : QString()));
    }
    table->horizontalHeader()->setStretchLastSection(true);
}

void PageSupport::addRow(QTableWidget* table)
{
    const int row = table->rowCount();
    {
        const QSignalBlocker blocker(table);
        table->insertRow(row);
        for (int c = 0; c < table->columnCount(); ++c)
            table->setItem(row, c, new QTableWidgetItem);
    }
    table->setCurrentCell(row, 0);
    table->editItem(table->item(row, 0));
}

bool PageSupport::removeCurrentRow(QTableWidget* table)
{
    const int row = table->currentRow();
    if (row < 0)
        return false;
    const QSignalBlocker blocker(table);
    table->removeRow(row);
    return true;
}

void PageSupport::chooseFile(QWidget* parent, QLineEdit* edit, const QString& caption, const QString& filter,
                             std::function<void()> done)
{
    auto* dialog = new QFileDialog(parent, caption, QFileInfo(edit->text()).absolutePath(), filter);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    QObject::connect(dialog, &QFileDialog::fileSelected, edit, [edit, done = std::move(done)](const QString& file) {
        edit->setText(file);
        if (done)
            done();
    });
    dialog->open();
}
