// SPDX-License-Identifier: Apache-2.0
#include "contextpicker.h"

#include "graphtheme.h"

#include "connectionservice.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QSignalBlocker>
#include <QToolButton>

ContextPicker::ContextPicker(ConnectionService* service, QWidget* parent)
    : QWidget(parent)
    , m_service(service)
    , m_contexts(new QComboBox(this))
    , m_state(new QLabel(this))
    , m_summary(new QLabel(this))
    , m_details(new QToolButton(this))
    , m_reconnect(new QToolButton(this))
{
    setObjectName(u"contextPicker"_qs);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(4, 0, 4, 0);
    auto* caption = new QLabel(tr("Context:"), this);
    caption->setBuddy(m_contexts);
    m_contexts->setObjectName(u"contexts"_qs);
    m_contexts->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_contexts->setToolTip(tr("The kubeconfig context to connect to; the plan's cluster section chooses the first one."));
    m_state->setObjectName(u"connectionState"_qs);
    m_summary->setObjectName(u"connectionSummary"_qs);
    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_details->setText(tr("Details"));
    m_details->setObjectName(u"connectionDetails"_qs);
    m_reconnect->setText(tr("Reconnect"));
    m_reconnect->setObjectName(u"reconnect"_qs);
    m_reconnect->setToolTip(tr("Read the kubeconfig again and ask the cluster again"));
    layout->addWidget(caption);
    layout->addWidget(m_contexts);
    layout->addWidget(m_state);
    layout->addWidget(m_summary, 1);
    layout->addWidget(m_details);
    layout->addWidget(m_reconnect);

    connect(m_contexts, &QComboBox::activated, this, &ContextPicker::onActivated);
    connect(m_details, &QToolButton::clicked, this, &ContextPicker::showDetails);
    if (service) {
        connect(m_reconnect, &QToolButton::clicked, service, &ConnectionService::reconnect);
        connect(service, &ConnectionService::contextsChanged, this, &ContextPicker::updateContexts);
        connect(service, &ConnectionService::infoChanged, this, &ContextPicker::updateInfo);
    }
    updateContexts();
    updateInfo();
}

ContextPicker::~ContextPicker() = default;

QString ContextPicker::stateText() const
{
    return m_stateText;
}

QString ContextPicker::summaryText() const
{
    return m_summary->text();
}

QString ContextPicker::detailsText() const
{
    return m_detailsText;
}

void ContextPicker::updateContexts()
{
    // Filling the box is not the user choosing: activated() is not emitted by these calls.
    const QSignalBlocker blocker(m_contexts);
    m_contexts->clear();
    if (!m_service)
        return;
    for (const KubeContextInfo& c : m_service->contexts()) {
        m_contexts->addItem(c.name, c.name);
        const QString tip = tr("cluster %1 (%2)\nuser %3\nnamespace %4\nfrom %5")
                                .arg(c.cluster, c.server.isEmpty() ? tr("no server") : c.server, c.user,
                                     c.nameSpace.isEmpty() ? u"default"_qs : c.nameSpace, c.file);
        m_contexts->setItemData(m_contexts->count() - 1, tip, Qt::ToolTipRole);
    }
    const QString current = m_service->info().context;
    const int index = m_contexts->findData(current);
    if (index >= 0) {
        m_contexts->setCurrentIndex(index);
    } else if (!current.isEmpty()) {
        // A context the files do not define (the error says so): show it rather than another.
        m_contexts->addItem(current, current);
        m_contexts->setCurrentIndex(m_contexts->count() - 1);
    }
}

void ContextPicker::updateInfo()
{
    if (!m_service)
        return;
    const ConnectionInfo info = m_service->info();
    // The dot in the theme's health colours, kept at 3:1 on the toolbar in any palette.
    GraphHealth health = GraphHealth::NotAvailable;
    switch (info.state) {
    case ConnectionInfo::State::Disconnected:
        m_stateText = tr("Not connected");
        break;
    case ConnectionInfo::State::Connecting:
        m_stateText = tr("Connecting…");
        health = GraphHealth::Degraded;
        break;
    case ConnectionInfo::State::Connected:
        m_stateText = info.warnings.isEmpty() ? tr("Connected") : tr("Connected, with warnings");
        health = info.warnings.isEmpty() ? GraphHealth::Healthy : GraphHealth::Degraded;
        break;
    case ConnectionInfo::State::Failed:
        m_stateText = tr("Failed");
        health = GraphHealth::Failure;
        break;
    }
    const QColor colour = withContrast(GraphTheme::forPalette(palette()).healthColor(health),
                                       palette().color(QPalette::Window), 3.0);
    m_state->setText(u"<span style=\"color:%1\">&#9679;</span> %2"_qs.arg(colour.name(), m_stateText.toHtmlEscaped()));

    QStringList parts;
    if (!info.server.isEmpty())
        parts.append(info.server);
    if (!info.kubernetesVersion.isEmpty())
        parts.append(tr("Kubernetes %1").arg(info.kubernetesVersion));
    if (!info.istioVersion.isEmpty())
        parts.append(info.istioRevision.isEmpty() ? tr("Istio %1").arg(info.istioVersion)
                                                  : tr("Istio %1 (rev %2)").arg(info.istioVersion, info.istioRevision));
    if (!info.user.isEmpty())
        parts.append(info.user);
    if (!info.defaultNamespace.isEmpty())
        parts.append(info.defaultNamespace);
    QString summary = parts.join(u" · "_qs);
    if (info.state == ConnectionInfo::State::Failed && !info.error.isEmpty())
        summary = info.error.section(u'\n', 0, 0);
    m_summary->setText(summary);

    QStringList details;
    if (!info.error.isEmpty())
        details.append(info.error);
    if (!info.fix.isEmpty())
        details.append(info.fix);
    for (const QString& warning : info.warnings)
        details.append(tr("Warning: %1").arg(warning));
    m_detailsText = details.join(u"\n\n"_qs);
    m_details->setEnabled(!m_detailsText.isEmpty());
    m_summary->setToolTip(m_detailsText);

    const QSignalBlocker blocker(m_contexts);
    const int index = m_contexts->findData(info.context);
    if (index >= 0)
        m_contexts->setCurrentIndex(index);
}

void ContextPicker::onActivated(int index)
{
    if (m_service && index >= 0)
        m_service->useContext(m_contexts->itemData(index).toString());
}

void ContextPicker::showDetails()
{
    // Non-modal: the connection goes on (and may change what it says) while this is open.
    auto* box = new QMessageBox(m_service && m_service->info().state == ConnectionInfo::State::Failed
                                    ? QMessageBox::Warning
                                    : QMessageBox::Information,
                                tr("Cluster connection"), m_detailsText, QMessageBox::Close, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse);
    box->open();
}

void ContextPicker::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        updateInfo(); // the state's colour for the new palette
}
