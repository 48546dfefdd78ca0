// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QObject>
#include <QPointer>

class MainWindow;
struct Plan;

/*!
 * The composition root's part of the traffic graph: whenever the window loads a plan without
 * errors, a LiveGraphSource for that plan's cluster (kubeconfig, context) and Prometheus replaces
 * the previous one. Reading the kubeconfig sends nothing; the window hands the source to the
 * graph tab only when the user opens it. A kubeconfig that cannot be used leaves the tab with the
 * reason instead of a graph.
 */
class LiveGraphs final : public QObject
{
    Q_OBJECT

public:
    explicit LiveGraphs(MainWindow* window);
    ~LiveGraphs() override;

private:
    void attach(const Plan& plan);
    void detach();

    MainWindow* m_window;
    QPointer<QObject> m_scope; //!< a child: owns the cluster client and the source of the current plan
};
