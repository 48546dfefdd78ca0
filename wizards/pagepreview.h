// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "generation.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

class CodeView;
class QLabel;
class QPushButton;
class QShowEvent;
class WizardContext;

/*!
 * The right-hand side of a wizard page: what the page will produce (its part of the plan's
 * generated resources and VM files) as YAML in a CodeView, Secret data masked, and "Export…"
 * (ExportDialog) to write that part to a folder.
 *
 * It follows WizardContext::planChanged(): edits are coalesced (150 ms) and the plan is generated
 * on a worker (generateOffline reads the plug-in CA files), so the page never waits; a hidden
 * preview (another wizard page) waits until it is shown. A page sets
 * a selector that keeps its part of the generated output, and optionally a note shown above it.
 * Usable as a promoted widget in a page's .ui: construct, then setContext().
 */
class PagePreview final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PagePreview)
public:
    /*! Keeps what one page produces out of everything the plan generates. */
    using Selector = std::function<Generated(const Generated& all, const Plan& plan)>;
    /*! A note for the top of the preview (what the page does that is no YAML); may be empty. */
    using Note = std::function<QString(const WizardContext& context)>;

    explicit PagePreview(QWidget* parent = nullptr);
    ~PagePreview() override;

    /*! Starts following context; shows selector's part (all of it when selector is empty). */
    void setContext(WizardContext* context, Selector selector, Note note = {});
    /*! Regenerates soon (coalesced); planChanged() calls it too. */
    void refresh();

    /*! The text shown, once updated() was emitted. */
    QString text() const;
    /*! What the shown text was made of (what Export writes). */
    const Generated& shown() const { return m_shown; }
    /*! The generators' problems for the shown part, in words (empty = none). */
    QStringList problems() const { return m_problems; }

    /*! Resources of the given stages, and the VM bundles when withVmFiles. */
    static Generated stages(const Generated& all, const QList<Stage>& stages, bool withVmFiles = false);

signals:
    /*! A generation finished and the view shows it. */
    void updated();

protected:
    void showEvent(QShowEvent* event) override;

private:
    void regenerate();
    void showGenerated(int job, const Generated& all);
    void exportShown();

    QPointer<WizardContext> m_context;
    Selector m_selector;
    Note m_note;
    QLabel* m_title = nullptr;
    CodeView* m_view = nullptr;
    QPushButton* m_export = nullptr;
    QTimer m_debounce;
    int m_job = 0;
    bool m_stale = false; //!< an edit came while hidden: regenerate when shown
    Generated m_shown;
    QStringList m_problems;
};
