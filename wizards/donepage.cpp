// SPDX-License-Identifier: Apache-2.0
#include "donepage.h"

#include "exportdialog.h"
#include "generation.h"
#include "ui_donepage.h"
#include "wizardcontext.h"

#include <QFileInfo>

DonePage::DonePage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , ui(std::make_unique<Ui::DonePage>())
    , m_context(context)
{
    ui->setupUi(this);
    setTitle(tr("Done"));
    connect(ui->openGraphButton, &QPushButton::clicked, this, &DonePage::openTrafficGraph);
    connect(ui->exportButton, &QPushButton::clicked, this, &DonePage::exportEverything);
}

DonePage::~DonePage() = default;

void DonePage::initializePage()
{
    const int vms = int(m_context->plan().vms.size());
    ui->summaryLabel->setText(tr("The plan's %n VM(s) are in the mesh. Watch their traffic in the graph, or export "
                                 "every resource and file the plan generates.", nullptr, vms));
}

void DonePage::exportEverything()
{
    QString suggested;
    if (!m_context->path().isEmpty()) {
        const QFileInfo plan(m_context->path());
        suggested = plan.absolutePath() + u'/' + plan.completeBaseName() + u"-export"_qs;
    }
    auto* dialog = new ExportDialog(generateOffline(m_context->plan()), suggested, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}
