// SPDX-License-Identifier: Apache-2.0
#include "onboardingwizard.h"

#include "clusterpage.h"
#include "donepage.h"
#include "gatewaypage.h"
#include "grouppage.h"
#include "meshpage.h"
#include "packagepage.h"
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
    setPage(RunPageId, new RunPage(m_context));
    setPage(VerifyPageId, new VerifyPage(m_context));
    setPage(SplitPageId, new SplitPage(m_context));
    setPage(DonePageId, new DonePage(m_context));
}

OnboardingWizard::~OnboardingWizard() = default;
