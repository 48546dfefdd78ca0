// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "clusterconnection.h"
#include "clustersessions.h"
#include "execpluginapprovals.h"
#include "onboardingserviceimpl.h"

#include <QString>

#include <memory>

class ClusterConnectionService;
class GraphSource;
class MainWindow;
class OnboardingWizard;
class PlanDocument;
struct Plan;

/*!
 * The window and everything behind it, composed once (the composition root): the plan document,
 * the cluster sessions and the connection the context picker drives, the onboarding service the
 * wizard and the VMs tab run on, the VMs tab's monitor, the live traffic graph and the weights.
 * The window (gui.cpp) and the README's screenshots (meshdeck-screenshot) are built by this one
 * class, so a screenshot shows the window users get.
 *
 * Order of destruction matters and is the members' order reversed: the window (and the children
 * that borrow clients) goes first, then the onboarding service, then the sessions and their
 * clients, then the exec-plugin approvals.
 */
class Console final
{
    Q_DISABLE_COPY_MOVE(Console)
public:
    struct Options
    {
        GraphSource* graphSource = nullptr; //!< a recording to show instead of the live graph (borrowed)
        ClusterChoice choice;                //!< --kubeconfig/--context over the plan's cluster section
    };

    explicit Console(const Options& options);
    ~Console();

    MainWindow& window() { return *m_window; }
    PlanDocument* document() const { return m_document; }
    ClusterConnectionService* connection() const { return m_connection; }
    OnboardingServiceImpl& onboarding() { return m_onboarding; }

    /*! The onboarding wizard on plan (saved to path), non-modal, deleted when closed. */
    OnboardingWizard* openWizard(const Plan& plan, const QString& path);

private:
    ExecPluginApprovals m_approvals;
    ClusterSessions m_sessions;
    OnboardingServiceImpl m_onboarding;
    std::unique_ptr<MainWindow> m_window;
    PlanDocument* m_document = nullptr;                //!< the window's
    ClusterConnectionService* m_connection = nullptr; //!< a child of the window
};
