// SPDX-License-Identifier: Apache-2.0
#include "splitpage.h"
#include "ui_splitpage.h"

#include "generators.h"
#include "exporter.h"
#include "weightedroutes.h"
#include "wizardcontext.h"
#include "yamlhighlighter.h"

#include <QFile>
#include <QFileDialog>
#include <QMessageBox>
#include <QSaveFile>

SplitPage::SplitPage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , m_context(context)
    , m_ui(std::make_unique<Ui::SplitPage>())
{
    m_ui->setupUi(this);
    setTitle(tr("Traffic split"));
    setSubTitle(tr("How requests are shared between the pods and the VMs. The weights always add up to 100%."));
    new YamlHighlighter(m_ui->yamlView->document());
    m_ui->editor->setObjectName(u"splitEditor"_qs);
    connect(m_ui->splitCombo, &QComboBox::currentIndexChanged, this, &SplitPage::showSplit);
    connect(m_ui->editor, &WeightsEditor::weightsChanged, this, &SplitPage::onWeightsChanged);
    connect(m_ui->exportButton, &QPushButton::clicked, this, &SplitPage::chooseExportPath);
    connect(m_context, &WizardContext::planChanged, this, [this] {
        if (!m_editing)
            showSplits(); // another page changed the plan (a group renamed, a split added)
    });
    showSplits();
}

SplitPage::~SplitPage() = default;

void SplitPage::initializePage()
{
    showSplits();
}

int SplitPage::currentSplit() const
{
    return m_context->plan().trafficSplits.isEmpty() ? -1 : m_ui->splitCombo->currentIndex();
}

void SplitPage::setCurrentSplit(int index)
{
    m_ui->splitCombo->setCurrentIndex(index);
}

QByteArray SplitPage::yaml() const
{
    const int index = currentSplit();
    const Plan& plan = m_context->plan();
    if (index < 0 || index >= plan.trafficSplits.size())
        return {};
    return multiDocument(Generators::trafficSplit(plan, plan.trafficSplits.at(index)));
}

QString SplitPage::exportTo(const QString& path) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(yaml()) < 0 || !file.commit())
        return file.errorString();
    return {};
}

void SplitPage::showSplits()
{
    const Plan& plan = m_context->plan();
    const int keep = std::max(m_ui->splitCombo->currentIndex(), 0);
    {
        const QSignalBlocker blocker(m_ui->splitCombo);
        m_ui->splitCombo->clear();
        for (const TrafficSplit& split : plan.trafficSplits)
            m_ui->splitCombo->addItem(split.namespaceName + u'/' + split.name);
        if (!plan.trafficSplits.isEmpty())
            m_ui->splitCombo->setCurrentIndex(std::min(keep, int(plan.trafficSplits.size()) - 1));
    }
    const bool none = plan.trafficSplits.isEmpty();
    m_ui->emptyLabel->setVisible(none);
    m_ui->splitCombo->setEnabled(plan.trafficSplits.size() > 1);
    m_ui->editor->setVisible(!none);
    m_ui->exportButton->setEnabled(!none);
    showSplit();
}

void SplitPage::showSplit()
{
    const int index = currentSplit();
    const QList<WeightedRoute> routes = WeightedRoutes::fromPlan(m_context->plan());
    m_ui->editor->setRoute(index >= 0 && index < routes.size() ? routes.at(index) : WeightedRoute{});
    showYaml();
}

void SplitPage::onWeightsChanged(const QList<int>& weights)
{
    const int index = currentSplit();
    if (index < 0)
        return;
    m_editing = true;
    m_context->plan() = WeightedRoutes::withWeights(m_context->plan(), m_ui->editor->route(), weights);
    m_context->planEdited();
    m_editing = false;
    showYaml();
}

void SplitPage::showYaml()
{
    m_ui->yamlView->setPlainText(QString::fromUtf8(yaml()));
}

void SplitPage::chooseExportPath()
{
    // Opened, not exec()'d: the wizard keeps running while the user picks a file.
    auto* dialog = new QFileDialog(this, tr("Export the traffic split"));
    dialog->setObjectName(u"splitExportDialog"_qs);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setNameFilter(tr("YAML (*.yaml *.yml)"));
    dialog->setDefaultSuffix(u"yaml"_qs);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const int index = currentSplit();
    if (index >= 0)
        dialog->selectFile(m_context->plan().trafficSplits.at(index).name + u"-split.yaml"_qs);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString& path) {
        const QString error = exportTo(path);
        if (!error.isEmpty()) {
            auto* box = new QMessageBox(QMessageBox::Warning, tr("Export"), tr("Could not write %1: %2").arg(path, error),
                                        QMessageBox::Ok, this);
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->open();
        }
    });
    dialog->open();
}
