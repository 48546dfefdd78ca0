// SPDX-License-Identifier: Apache-2.0
#include "packagepage.h"
#include "ui_packagepage.h"

#include "packagechoice.h"
#include "pagepreview.h"
#include "pagesupport.h"
#include "urltext.h"
#include "wizardcontext.h"

#include <QCheckBox>
#include <QLineEdit>
#include <QRadioButton>
#include <QToolButton>

namespace {
QString sourceNote(const WizardContext& context)
{
    const PackageChoice& choice = context.package();
    switch (choice.kind) {
    case PackageChoice::Kind::File:
        return PackagePage::tr("meshdeck uploads %1 to each VM and installs it.").arg(choice.file);
    case PackageChoice::Kind::Url:
        // The URL may carry a credential (user, presigned query): shown without it.
        if (choice.sha256.trimmed().isEmpty())
            return PackagePage::tr("Each VM downloads %1 and installs it even if it cannot be verified.")
                .arg(UrlText::redacted(choice.url));
        return PackagePage::tr("Each VM downloads %1 and installs it only if its SHA-256 is %2.")
            .arg(UrlText::redacted(choice.url), choice.sha256.trimmed().toLower());
    case PackageChoice::Kind::Release:
        break;
    }
    const QString url = PackageChoice::releaseUrl(context.plan().mesh.istioVersion);
    const QString where = url.isEmpty() ? PackagePage::tr("Each VM downloads Istio's release package for its architecture.")
                                        : PackagePage::tr("Each VM downloads %1 (or the -arm64 package on arm64).").arg(url);
    return where + u' '
        + (choice.allowUnverified ? PackagePage::tr("Without the .sha256 published beside it, it is installed unverified.")
                                  : PackagePage::tr("It is installed only if it matches the .sha256 published beside it."));
}
} // namespace

PackagePage::PackagePage(WizardContext* context, QWidget* parent)
    : QWizardPage(parent)
    , ui(std::make_unique<Ui::PackagePage>())
    , m_context(context)
{
    ui->setupUi(this);
    setTitle(tr("The sidecar package"));
    setSubTitle(tr("Where the VMs get istio-sidecar. It must not be newer than istiod."));
    for (QRadioButton* radio : {ui->releaseChoice, ui->fileChoice, ui->urlChoice})
        connect(radio, &QRadioButton::toggled, this, &PackagePage::store);
    for (QLineEdit* edit : {ui->packageFile, ui->packageUrl, ui->packageSha256})
        connect(edit, &QLineEdit::textEdited, this, &PackagePage::store);
    connect(ui->allowUnverified, &QCheckBox::toggled, this, &PackagePage::store);
    connect(ui->packageFileBrowse, &QToolButton::clicked, this, [this] {
        PageSupport::chooseFile(this, ui->packageFile, tr("Choose the istio-sidecar package"),
                                tr("Packages (*.deb *.rpm);;All files (*)"), [this] {
                                    ui->fileChoice->setChecked(true);
                                    store();
                                });
    });
    ui->preview->setContext(m_context, [](const Generated& all, const Plan&) {
        Generated out;
        out.vmBundles = all.vmBundles;
        return out;
    }, sourceNote);
    load();
}

PackagePage::~PackagePage() = default;

void PackagePage::initializePage()
{
    load();
}

bool PackagePage::isComplete() const
{
    return m_problems.isEmpty();
}

bool PackagePage::validatePage()
{
    const QStringList problems = m_context->package().problemsWithFile();
    if (!problems.isEmpty())
        revalidate(problems);
    return problems.isEmpty();
}

void PackagePage::load()
{
    m_loading = true;
    const PackageChoice& choice = m_context->package();
    ui->releaseChoice->setChecked(choice.kind == PackageChoice::Kind::Release);
    ui->fileChoice->setChecked(choice.kind == PackageChoice::Kind::File);
    ui->urlChoice->setChecked(choice.kind == PackageChoice::Kind::Url);
    ui->packageFile->setText(choice.file);
    ui->packageUrl->setText(choice.url);
    ui->packageSha256->setText(choice.sha256);
    ui->allowUnverified->setChecked(choice.allowUnverified);
    m_loading = false;
    revalidate();
}

void PackagePage::store()
{
    if (m_loading)
        return;
    PackageChoice choice;
    choice.kind = ui->fileChoice->isChecked() ? PackageChoice::Kind::File
                  : ui->urlChoice->isChecked() ? PackageChoice::Kind::Url
                                               : PackageChoice::Kind::Release;
    choice.file = ui->packageFile->text().trimmed();
    choice.url = ui->packageUrl->text().trimmed();
    choice.sha256 = ui->packageSha256->text().trimmed();
    choice.allowUnverified = ui->allowUnverified->isChecked();
    m_context->setPackage(choice);
    ui->preview->refresh();
    revalidate();
}

void PackagePage::revalidate(const QStringList& extra)
{
    const PackageChoice& choice = m_context->package();
    const QString url = PackageChoice::releaseUrl(m_context->plan().mesh.istioVersion);
    ui->releaseUrl->setText(url.isEmpty() ? tr("The mesh's version %1 has no patch number: give a file or a URL, or "
                                               "an x.y.z version on the mesh page.").arg(m_context->plan().mesh.istioVersion)
                                          : url);
    ui->packageFile->setEnabled(choice.kind == PackageChoice::Kind::File);
    ui->packageFileBrowse->setEnabled(choice.kind == PackageChoice::Kind::File);
    ui->packageUrl->setEnabled(choice.kind == PackageChoice::Kind::Url);
    ui->packageSha256->setEnabled(choice.kind == PackageChoice::Kind::Url);
    ui->allowUnverified->setEnabled(choice.kind != PackageChoice::Kind::File); // a local file is hashed here
    m_problems = choice.problems();
    if (choice.kind == PackageChoice::Kind::Release && url.isEmpty())
        m_problems.append(tr("Istio's release needs an x.y.z version (the mesh page)."));
    PageSupport::showProblems(ui->problemLabel, m_problems + extra);
    emit completeChanged();
}
