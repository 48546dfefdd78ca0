// SPDX-License-Identifier: Apache-2.0
#include "onboardingwizard.h"

#include "clusterpage.h"
#include "donepage.h"
#include "gatewaypage.h"
#include "grouppage.h"
#include "meshpage.h"
#include "packagepage.h"
#include "resumepoint.h"
#include "reviewpage.h"
#include "runpage.h"
#include "splitpage.h"
#include "verifypage.h"
#include "vmlistpage.h"
#include "wizardcontext.h"

OnboardingWizard::OnboardingWizard(Plan plan, const QString& path, OnboardingService* service, QWidget* parent)
    : QWizard(parent)
    , m_context(new WizardContext(std::move(plan), path, service, this))
{
    setWindowTitle(tr("Onboard VMs"));
    setWizardStyle(QWizard::ModernStyle);
    setOption(QWizard::HaveHelpButton, false);
    setPage(ClusterPageId, new ClusterPage(m_context));
    setPage(MeshPageId, new MeshPage(m_context));
    setPage(GatewayPageId, new GatewayPage(m_context));
    setPage(GroupPageId, new GroupPage(m_context));
    setPage(VmsPageId, new VmListPage(m_context));
    setPage(PackagePageId, new PackagePage(m_context));
    setPage(ReviewPageId, new ReviewPage(m_context));
    m_runPage = new RunPage(m_context);
    setPage(RunPageId, m_runPage);
    setPage(VerifyPageId, new VerifyPage(m_context));
    setPage(SplitPageId, new SplitPage(m_context));
    auto* done = new DonePage(m_context);
    setPage(DonePageId, done);
    connect(done, &DonePage::openTrafficGraph, this, &OnboardingWizard::openTrafficGraph);
    connect(this, &QWizard::currentIdChanged, this, [this](int id) {
        saveAfterEditing(m_lastPage);
        m_lastPage = id;
    });
    resumeFromStatus();
}

void OnboardingWizard::reject()
{
    // Stop what the pages run before the wizard goes: the run first, then a reading task (only
    // the current page can have one: the others stop theirs when left).
    m_runPage->cancelRun();
    const int id = currentId();
    if (id == ClusterPageId || id == ReviewPageId || id == VerifyPageId)
        currentPage()->cleanupPage();
    QWizard::reject();
}

// Leaving an editing page with changes saves the plan (the run page saves before it runs too).
void OnboardingWizard::saveAfterEditing(int leftPage)
{
    if (leftPage >= ClusterPageId && leftPage <= PackagePageId && m_context->isDirty())
        m_context->save(); // saved() tells the outcome
}

// Reopened on a saved plan: where it stands (state file + cluster) decides the first page.
void OnboardingWizard::resumeFromStatus()
{
    OnboardingService* service = m_context->service();
    if (!service || m_context->path().isEmpty())
        return;
    StatusTask* task = service->onboardingStatus(m_context->plan(), this);
    if (!task)
        return;
    connect(task, &Task::finished, this, [this, task](const Error& error) {
        task->deleteLater();
        const int page = error.isError() ? int(ClusterPageId) : ResumePoint::pageFor(m_context->plan(), task->status());
        // Only while the user has not moved on: never pull the wizard away from a page in use.
        if (page == ClusterPageId || currentId() != ClusterPageId || visitedIds().size() > 1)
            return;
        // Walked there page by page rather than restarted at it: the pages before stay in the
        // history, so Back reaches them; a page that refuses to be left (validatePage) is where
        // the walk stops, which is where the user has something to fix.
        while (currentId() < page) {
            const int before = currentId();
            next();
            if (currentId() == before)
                break;
        }
        emit resumed(currentId());
    });
    task->start();
}

OnboardingWizard::~OnboardingWizard() = default;
