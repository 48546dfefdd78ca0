// SPDX-License-Identifier: Apache-2.0
#include "pagepreview.h"

#include "codeview.h"
#include "exportdialog.h"
#include "previewtext.h"
#include "wizardcontext.h"

#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

PagePreview::PagePreview(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel(tr("What this page produces:"), this))
    , m_view(new CodeView(this))
    , m_export(new QPushButton(tr("Export…"), this))
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_export);
    layout->addLayout(header);
    layout->addWidget(m_view, 1);
    m_view->setReadOnly(true);
    m_view->setHighlightCurrentLine(false);
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_export->setEnabled(false);
    m_export->setObjectName(u"exportButton"_qs);
    m_view->setObjectName(u"previewText"_qs);
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(150);
    connect(&m_debounce, &QTimer::timeout, this, &PagePreview::regenerate);
    connect(m_export, &QPushButton::clicked, this, &PagePreview::exportShown);
}

PagePreview::~PagePreview() = default;

void PagePreview::setContext(WizardContext* context, Selector selector, Note note)
{
    if (m_context)
        disconnect(m_context, nullptr, this, nullptr);
    m_context = context;
    m_selector = std::move(selector);
    m_note = std::move(note);
    if (m_context)
        connect(m_context, &WizardContext::planChanged, this, &PagePreview::refresh);
    refresh();
}

void PagePreview::refresh()
{
    m_debounce.start();
}

QString PagePreview::text() const
{
    return m_view->toPlainText();
}

Generated PagePreview::stages(const Generated& all, const QList<Stage>& stages, bool withVmFiles)
{
    Generated out;
    for (const Resource& resource : all.resources) {
        if (stages.contains(resource.stage))
            out.resources.append(resource);
    }
    if (withVmFiles)
        out.vmBundles = all.vmBundles;
    out.problems = all.problems;
    return out;
}

void PagePreview::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_stale)
        refresh();
}

void PagePreview::regenerate()
{
    if (!m_context)
        return;
    if (!isVisible()) {
        m_stale = true;
        return;
    }
    m_stale = false;
    const int job = ++m_job;
    // A copy: the worker must not see later edits. The watcher is a child, so a page that goes
    // away drops the result; the worker itself only computes.
    auto* watcher = new QFutureWatcher<Generated>(this);
    connect(watcher, &QFutureWatcher<Generated>::finished, this, [this, watcher, job] {
        showGenerated(job, watcher->result());
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run([plan = m_context->plan()] { return generateOffline(plan); }));
}

void PagePreview::showGenerated(int job, const Generated& all)
{
    if (job != m_job || !m_context)
        return; // a newer edit is being generated
    m_shown = m_selector ? m_selector(all, m_context->plan()) : all;
    m_problems.clear();
    for (const Problem& problem : m_shown.problems)
        m_problems.append(problem.message);
    const QString note = m_note ? m_note(*m_context) : QString();
    const int line = m_view->cursorLine();
    m_view->setPlainText(PreviewText::render(m_shown, note));
    m_view->goTo(line, 0);
    m_export->setEnabled(!m_shown.resources.isEmpty() || !m_shown.vmBundles.isEmpty());
    emit updated();
}

void PagePreview::exportShown()
{
    QString directory = QDir::homePath() + u"/meshdeck-export"_qs;
    if (m_context && !m_context->path().isEmpty()) {
        const QFileInfo plan(m_context->path());
        directory = plan.absolutePath() + u'/' + plan.completeBaseName() + u"-export"_qs;
    }
    auto* dialog = new ExportDialog(m_shown, directory, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}
