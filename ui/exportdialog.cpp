// SPDX-License-Identifier: Apache-2.0
#include "exportdialog.h"

#include "graphtheme.h"

#include "ui_exportdialog.h"

#include <QDir>
#include <QFileDialog>
#include <QPushButton>
#include <QtConcurrent/QtConcurrentRun>

ExportDialog::ExportDialog(const Generated& generated, const QString& directory, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ExportDialog>())
    , m_generated(generated)
{
    m_ui->setupUi(this);
    setObjectName(u"exportDialog"_qs);
    m_exportButton = m_ui->buttonBox->addButton(tr("&Export"), QDialogButtonBox::AcceptRole);
    m_exportButton->setDefault(true);
    m_ui->fileList->addItems(plannedFiles(m_generated));
    m_ui->filesLabel->setText(tr("Files to be written (%1):").arg(m_ui->fileList->count()));
    setDirectory(directory);

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &ExportDialog::startExport);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    connect(m_ui->browseButton, &QPushButton::clicked, this, &ExportDialog::chooseDirectory);
    connect(m_ui->directoryEdit, &QLineEdit::textChanged, this, &ExportDialog::updateExportButton);
}

ExportDialog::~ExportDialog()
{
    // The worker owns copies of everything; waiting only keeps the export whole at shutdown.
    m_exporting.waitForFinished();
}

QString ExportDialog::directory() const
{
    return m_ui->directoryEdit->text().trimmed();
}

void ExportDialog::setDirectory(const QString& directory)
{
    m_ui->directoryEdit->setText(QDir::toNativeSeparators(directory));
}

QStringList ExportDialog::plannedFiles(const Generated& generated)
{
    QStringList files;
    for (const ExportEntry& entry : exportEntries(generated))
        files.append(entry.path);
    return files;
}

void ExportDialog::chooseDirectory()
{
    auto* dialog = new QFileDialog(this, tr("Export to"), directory());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::Directory);
    dialog->setOption(QFileDialog::ShowDirsOnly);
    connect(dialog, &QFileDialog::fileSelected, this, &ExportDialog::setDirectory);
    dialog->open();
}

void ExportDialog::startExport()
{
    const QString target = QDir::fromNativeSeparators(directory());
    if (target.isEmpty() || isExporting())
        return;
    setBusy(true);
    m_ui->statusLabel->setText(tr("Exporting…"));
    m_exporting = QtConcurrent::run(exportGenerated, m_generated, target);
    m_exporting.then(this, [this, target](const ExportResult& result) { finishExport(target, result); });
}

void ExportDialog::finishExport(const QString& directory, const ExportResult& result)
{
    setBusy(false);
    if (!result.error.isEmpty()) {
        showError(result.error);
        return;
    }
    m_ui->statusLabel->setText(tr("Wrote %1 files.").arg(result.written.size()));
    emit exported(directory, result.written);
    accept();
}

void ExportDialog::reject()
{
    // The export moves a finished tree into place; stopping half-way is not on offer.
    if (!isExporting())
        QDialog::reject();
}

void ExportDialog::setBusy(bool busy)
{
    m_ui->directoryEdit->setEnabled(!busy);
    m_ui->browseButton->setEnabled(!busy);
    m_ui->buttonBox->setEnabled(!busy);
    if (!busy)
        updateExportButton();
}

void ExportDialog::showError(const QString& message)
{
    m_ui->statusLabel->setText(u"<span style=\"color:%1\">"_qs.arg(GraphTheme::forPalette(palette()).errorText.name())
                               + message.toHtmlEscaped() + u"</span>"_qs);
}

void ExportDialog::updateExportButton()
{
    m_exportButton->setEnabled(!directory().isEmpty() && !isExporting());
}
