// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

class QLabel;
class QLineEdit;
class QTableWidget;
class QWidget;

/*!
 * \file
 * Small helpers the plan-editing wizard pages share (mesh, gateway, group, VMs, package): the
 * problem label under a form, table editors read and written as rows of cell texts, and a file
 * chooser that does not block (QFileDialog::open).
 */
namespace PageSupport {

/*! Shows problems one per line in label (hidden when there are none). */
void showProblems(QLabel* label, const QStringList& problems);

/*! A table's cells as rows of texts, in column order. */
QList<QStringList> rows(const QTableWidget* table);
/*! Replaces a table's rows without emitting its change signals. */
void setRows(QTableWidget* table, const QList<QStringList>& rows);
/*! Appends an empty row and starts editing its first cell. */
void addRow(QTableWidget* table);
/*! Removes the current row, if any; returns whether one was removed. */
bool removeCurrentRow(QTableWidget* table);

/*! Opens a file dialog (not modal to the app, never exec()) and puts the chosen file into edit, then calls done. */
void chooseFile(QWidget* parent, QLineEdit* edit, const QString& caption, const QString& filter, std::function<void()> done);

} // namespace PageSupport
