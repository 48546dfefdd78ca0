// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "preflightgate.h"

#include <QPointer>
#include <QWizardPage>

#include <memory>

class PreflightTask;
class WizardContext;
namespace Ui {
class ClusterPage;
}

/*!
 * The onboarding wizard's first page: the cluster the window is connected to (read-only; the
 * switcher is the main window's) and the preflight table, pass/warn/fail with the fix for each,
 * run on entering and again on "Run again" or a connection change. Next once nothing fails
 * (warnings only with "continue anyway": PreflightGate).
 */
class ClusterPage final : public QWizardPage
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterPage)
public:
    explicit ClusterPage(WizardContext* context, QWidget* parent = nullptr);
    ~ClusterPage() override;

    void initializePage() override;
    void cleanupPage() override;
    bool isComplete() const override;
    const PreflightGate& gate() const { return m_gate; }
    /*! Runs preflight (again); the table follows when it finishes. */
    void runPreflight();
    bool isRunning() const { return !m_task.isNull(); }

private:
    void showChecks(const QList<PreflightCheck>& checks);

    std::unique_ptr<Ui::ClusterPage> ui;
    WizardContext* m_context;
    QPointer<PreflightTask> m_task;
    PreflightGate m_gate;
};
