// SPDX-License-Identifier: Apache-2.0
#include "weightspage.h"

#include "codeview.h"
#include "plandocument.h"
#include "weightedroutes.h"
#include "weightseditor.h"
#include "weightsservice.h"
#include "yamlhighlighter.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace {

enum Column { RouteColumn, SourceColumn };
constexpr int KeyRole = Qt::UserRole;

QString sourceText(const WeightedRoute& route)
{
    switch (route.source) {
    case WeightedRoute::Source::Plan: return WeightsPage::tr("plan only");
    case WeightedRoute::Source::Cluster: return WeightsPage::tr("cluster only");
    case WeightedRoute::Source::Both:
        return route.differs ? WeightsPage::tr("plan and cluster differ") : WeightsPage::tr("plan and cluster");
    }
    return {};
}

} // namespace

WeightsPage::WeightsPage(QWidget* parent)
    : QWidget(parent)
{
    setObjectName(u"weightsPage"_qs);
    auto* layout = new QVBoxLayout(this);
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    m_list = new QTreeWidget(splitter);
    m_list->setObjectName(u"weightsRoutes"_qs);
    m_list->setRootIsDecorated(false);
    m_list->setHeaderLabels({tr("Route"), tr("Where")});
    // Route names are what the user picks by: they get their whole width, the source the rest.
    m_list->header()->setStretchLastSection(true);
    m_list->header()->setSectionResizeMode(RouteColumn, QHeaderView::ResizeToContents);
    m_list->setSelectionMode(QAbstractItemView::SingleSelection);
    connect(m_list, &QTreeWidget::itemSelectionChanged, this, &WeightsPage::onSelectionChanged);
    m_editor = new WeightsEditor(splitter);
    connect(m_editor, &WeightsEditor::weightsChanged, this, &WeightsPage::updateButtons);
    splitter->addWidget(m_list);
    splitter->addWidget(m_editor);
    splitter->setStretchFactor(1, 2);
    splitter->setSizes({380, 720});
    layout->addWidget(splitter, 1);

    auto* buttons = new QHBoxLayout;
    m_status = new QLabel(this);
    m_status->setObjectName(u"weightsStatus"_qs);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    buttons->addWidget(m_status, 1);
    m_refresh = new QPushButton(tr("Refresh"), this);
    m_refresh->setObjectName(u"weightsRefresh"_qs);
    connect(m_refresh, &QPushButton::clicked, this, [this] {
        if (m_service)
            m_service->refresh();
    });
    buttons->addWidget(m_refresh);
    m_save = new QPushButton(tr("Save to plan"), this);
    m_save->setObjectName(u"weightsSave"_qs);
    connect(m_save, &QPushButton::clicked, this, &WeightsPage::saveToPlan);
    buttons->addWidget(m_save);
    m_apply = new QPushButton(tr("Apply…"), this);
    m_apply->setObjectName(u"weightsApply"_qs);
    m_apply->setToolTip(tr("Show what changes in the cluster, then apply it server-side"));
    connect(m_apply, &QPushButton::clicked, this, &WeightsPage::startApply);
    buttons->addWidget(m_apply);
    layout->addLayout(buttons);
    updateButtons();
}

WeightsPage::~WeightsPage() = default;

void WeightsPage::setService(WeightsService* service)
{
    if (service == m_service)
        return;
    if (m_service)
        disconnect(m_service, nullptr, this, nullptr);
    m_service = service;
    m_refreshed = false;
    if (service) {
        connect(service, &WeightsService::routesChanged, this, &WeightsPage::showRoutes);
        m_editor->setDriftTolerance(service->driftTolerance());
        if (isVisible()) {
            m_refreshed = true;
            service->refresh();
        }
    }
    showRoutes();
}

void WeightsPage::setDocument(PlanDocument* document)
{
    if (m_document)
        disconnect(m_document, nullptr, this, nullptr);
    m_document = document;
    if (document) {
        connect(document, &PlanDocument::loaded, this, &WeightsPage::updateButtons);
        connect(document, &PlanDocument::saved, this, [this](const QString& path) {
            setStatus(tr("Saved the weights to %1.").arg(path));
        });
        connect(document, &PlanDocument::saveFailed, this, [this](const QString& path, const QString& message) {
            setStatus(tr("Could not save %1: %2").arg(path, message), true);
        });
    }
    updateButtons();
}

void WeightsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    // The cluster is read when the user looks, as the graph tab does: opening a plan sends nothing.
    if (m_service && !m_refreshed) {
        m_refreshed = true;
        m_service->refresh();
    }
}

bool WeightsPage::selectRoute(const QString& key)
{
    for (int i = 0; i < m_list->topLevelItemCount(); ++i) {
        QTreeWidgetItem* item = m_list->topLevelItem(i);
        if (item->data(RouteColumn, KeyRole).toString() == key) {
            m_list->setCurrentItem(item);
            return true;
        }
    }
    return false;
}

QString WeightsPage::statusText() const
{
    return m_status->text();
}

void WeightsPage::showRoutes()
{
    const QList<WeightedRoute> routes = m_service ? m_service->routes() : QList<WeightedRoute>{};
    const QString keep = m_selectedKey;
    {
        const QSignalBlocker blocker(m_list);
        m_list->clear();
        for (const WeightedRoute& route : routes) {
            auto* item = new QTreeWidgetItem(m_list);
            QString text = route.namespaceName + u'/' + route.virtualService;
            if (route.protocol != u"http" || route.routeIndex > 0 || !route.routeName.isEmpty())
                text += u' ' + route.protocol + u'[' + QString::number(route.routeIndex) + u']';
            if (!route.routeName.isEmpty())
                text += u" (" + route.routeName + u')';
            item->setText(RouteColumn, text);
            item->setText(SourceColumn, sourceText(route));
            item->setData(RouteColumn, KeyRole, route.key());
            if (route.differs)
                item->setToolTip(SourceColumn, tr("The plan's weights or destinations are not the cluster's."));
        }
    }
    if (m_service && !m_service->problem().isEmpty())
        setStatus(m_service->problem(), true);
    if (!keep.isEmpty() && selectRoute(keep)) {
        for (const WeightedRoute& route : routes) {
            if (route.key() == keep)
                m_editor->updateRoute(route);
        }
    } else if (m_list->topLevelItemCount() > 0) {
        m_list->setCurrentItem(m_list->topLevelItem(0));
    } else {
        m_selectedKey.clear();
        m_editor->setRoute({});
    }
    onSelectionChanged();
}

void WeightsPage::onSelectionChanged()
{
    QTreeWidgetItem* item = m_list->currentItem();
    const QString key = item ? item->data(RouteColumn, KeyRole).toString() : QString();
    if (key != m_selectedKey) {
        m_selectedKey = key;
        WeightedRoute selected;
        if (m_service) {
            for (const WeightedRoute& route : m_service->routes()) {
                if (route.key() == key)
                    selected = route;
            }
        }
        m_editor->setRoute(selected);
    }
    updateButtons();
}

void WeightsPage::startApply()
{
    if (!m_service || m_busy || m_selectedKey.isEmpty())
        return;
    m_busy = true;
    updateButtons();
    setStatus(tr("Comparing with the cluster…"));
    const WeightedRoute route = m_editor->route();
    const QList<int> weights = m_editor->weights();
    WeightsDiffTask* task = m_service->diff(route, weights, this);
    connect(task, &Task::finished, this, [this, task](const Error& error) {
        task->deleteLater();
        m_busy = false;
        updateButtons();
        if (error.isError()) {
            setStatus(error.message, true);
            return;
        }
        setStatus({});
        confirm(task->lines(), task->yaml());
    });
    task->start();
}

void WeightsPage::confirm(const QStringList& lines, const QString& yaml)
{
    // Window-modal and opened, not exec()'d: no nested event loop while the user reads.
    auto* dialog = new QDialog(this);
    dialog->setObjectName(u"weightsDiffDialog"_qs);
    dialog->setWindowTitle(tr("Apply weights"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    auto* layout = new QVBoxLayout(dialog);
    auto* intro = new QLabel(lines.isEmpty() ? tr("The cluster already has these weights. Apply anyway?")
                                             : tr("Applying changes VirtualService %1/%2 in the cluster:")
                                                   .arg(m_editor->route().namespaceName, m_editor->route().virtualService),
                             dialog);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* changes = new QPlainTextEdit(lines.join(u'\n'), dialog);
    changes->setObjectName(u"weightsDiffLines"_qs);
    changes->setReadOnly(true);
    changes->setMaximumHeight(changes->fontMetrics().lineSpacing() * 8);
    layout->addWidget(changes);
    auto* code = new CodeView(dialog);
    code->setObjectName(u"weightsDiffYaml"_qs);
    code->setReadOnly(true);
    new YamlHighlighter(code->document());
    code->setPlainText(yaml);
    layout->addWidget(code, 1);
    auto* box = new QDialogButtonBox(QDialogButtonBox::Cancel, dialog);
    QPushButton* apply = box->addButton(tr("Apply"), QDialogButtonBox::AcceptRole);
    apply->setObjectName(u"weightsConfirmApply"_qs);
    connect(box, &QDialogButtonBox::accepted, dialog, &QDialog::accept);
    connect(box, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(dialog, &QDialog::accepted, this, &WeightsPage::applyConfirmed);
    layout->addWidget(box);
    dialog->resize(640, 480);
    dialog->open();
}

void WeightsPage::applyConfirmed()
{
    if (!m_service || m_busy)
        return;
    m_busy = true;
    updateButtons();
    setStatus(tr("Applying…"));
    WeightsApplyTask* task = m_service->apply(m_editor->route(), m_editor->weights(), this);
    connect(task, &Task::finished, this, [this, task](const Error& error) {
        task->deleteLater();
        m_busy = false;
        updateButtons();
        if (error.isError())
            setStatus(error.message, true);
        else
            setStatus(tr("Applied: %1").arg(task->changes().join(u"; "_qs)));
    });
    task->start();
}

void WeightsPage::saveToPlan()
{
    if (!m_document || !m_document->hasPlan() || m_selectedKey.isEmpty())
        return;
    const WeightedRoute& route = m_editor->route();
    QString why;
    if (!WeightedRoutes::canSaveToPlan(route, &why)) {
        setStatus(why, true);
        return;
    }
    setStatus(tr("Saving…"));
    m_document->savePlan(WeightedRoutes::withWeights(*m_document->snapshot().load.plan, route, m_editor->weights()));
}

void WeightsPage::updateButtons()
{
    const bool selected = !m_selectedKey.isEmpty() && !m_editor->route().destinations.isEmpty();
    const bool connected = m_service && m_service->isConnected();
    m_refresh->setEnabled(!m_service.isNull());
    m_apply->setEnabled(selected && connected && !m_busy);
    m_apply->setToolTip(connected ? tr("Show what changes in the cluster, then apply it server-side")
                                  : tr("Not connected to a cluster"));
    QString why;
    const bool canSave = selected && WeightedRoutes::canSaveToPlan(m_editor->route(), &why);
    const bool hasFile = m_document && m_document->hasPlan() && !m_document->path().isEmpty();
    m_save->setEnabled(canSave && hasFile && !m_busy);
    m_save->setToolTip(!selected ? tr("Select a route") : !canSave ? why
                           : !hasFile                    ? tr("No plan file to save to")
                                                         : tr("Write these weights into the plan's traffic split and save the plan"));
}

void WeightsPage::setStatus(const QString& text, bool error)
{
    m_status->setText(text);
    m_status->setProperty("error", error);
}
