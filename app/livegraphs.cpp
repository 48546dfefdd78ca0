// SPDX-License-Identifier: Apache-2.0
#include "livegraphs.h"

#include "clustersession.h"
#include "execplugin.h"
#include "graphpage.h"
#include "livegraphsource.h"
#include "mainwindow.h"
#include "plan.h"

LiveGraphs::LiveGraphs(MainWindow* window)
    : QObject(window)
    , m_window(window)
{
    connect(window, &MainWindow::planLoaded, this, &LiveGraphs::attach);
    connect(window, &MainWindow::planUnusable, this, [this](const QString& reason) {
        detach();
        m_window->graphPage()->setPlaceholderText(tr("No traffic graph: %1.").arg(reason));
    });
}

// The window's children go in creation order, so its tabs may be gone already: the page and the
// window hold the source in QPointers and simply see it vanish.
LiveGraphs::~LiveGraphs() = default;

void LiveGraphs::attach(const Plan& plan)
{
    auto* scope = new QObject(this);
    // The GUI has no terminal: exec credential plugins run without one (ExecPluginOptions' default).
    const ClusterConnection connection = connectCluster(plan, ClusterChoice{}, ExecPluginOptions{}, scope);
    if (!connection.client) {
        detach();
        delete scope;
        m_window->graphPage()->setPlaceholderText(tr("No traffic graph for this plan: %1").arg(connection.error));
        return;
    }
    auto* source = new LiveGraphSource(connection.client, plan, {}, scope);
    QObject* previous = m_scope;
    m_scope = scope;
    m_window->setGraphSource(source);
    delete previous; // the window has let go of the old source
}

void LiveGraphs::detach()
{
    if (!m_scope)
        return;
    m_window->setGraphSource(nullptr);
    delete m_scope.data();
}
