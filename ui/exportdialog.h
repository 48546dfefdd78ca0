// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "exporter.h"
#include "generation.h"

#include <QDialog>
#include <QFuture>

#include <memory>

class QPushButton;

namespace Ui {
class ExportDialog;
}

/*!
 * Export of everything a plan generates to a directory. Lists the files it will write, runs
 * exportGenerated() on a worker, and stays open with the error if it fails.
 */
class ExportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportDialog)

public:
    ExportDialog(const Generated& generated, const QString& directory, QWidget* parent = nullptr);
    ~ExportDialog() override;

    QString directory() const;
    void setDirectory(const QString& directory);
    bool isExporting() const { return m_exporting.isRunning(); }

    /*! The relative paths exportGenerated() writes for generated, in its order. */
    static QStringList plannedFiles(const Generated& generated);

    /*! Starts the export to directory(); exported() or an error shown in the dialog follows. */
    void startExport();

signals:
    void exported(const QString& directory, const QStringList& written);

public slots:
    void reject() override;

private:
    void chooseDirectory();
    void finishExport(const QString& directory, const ExportResult& result);
    void setBusy(bool busy);
    void showError(const QString& message);
    void updateExportButton();

    std::unique_ptr<Ui::ExportDialog> m_ui;
    QPushButton* m_exportButton = nullptr;
    Generated m_generated;
    QFuture<ExportResult> m_exporting;
};
