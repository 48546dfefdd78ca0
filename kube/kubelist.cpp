// SPDX-License-Identifier: Apache-2.0
#include "kubelist.h"

#include "kubeclient.h"

#include <QJsonArray>

KubeListOperation::KubeListOperation(KubeClient* client, ObjectRef collection, ListOptions options)
    : QObject(client)
    , m_client(client)
    , m_collection(std::move(collection))
    , m_options(std::move(options))
{
    m_collection.name.clear();
}

void KubeListOperation::start()
{
    if (m_running)
        return;
    m_running = true;
    requestPage();
}

void KubeListOperation::cancel()
{
    if (!m_running)
        return;
    if (m_page) {
        m_page->disconnect(this);
        m_page->cancel();
    }
    m_result.error.kind = KubeError::Kind::Canceled;
    m_result.error.message = u"the list was canceled"_qs;
    finish();
}

void KubeListOperation::requestPage()
{
    KubeRequest request;
    request.verb = u"list"_qs;
    request.target = m_collection;
    if (m_options.limit > 0)
        request.query.append({u"limit"_qs, QString::number(m_options.limit)});
    if (!m_continue.isEmpty())
        request.query.append({u"continue"_qs, m_continue});
    else if (!m_options.resourceVersion.isEmpty())
        request.query.append({u"resourceVersion"_qs, m_options.resourceVersion});
    if (!m_options.labelSelector.isEmpty())
        request.query.append({u"labelSelector"_qs, m_options.labelSelector});
    if (!m_options.fieldSelector.isEmpty())
        request.query.append({u"fieldSelector"_qs, m_options.fieldSelector});
    m_page = m_client->request(request);
    connect(m_page, &KubeOperation::finished, this, &KubeListOperation::onPage);
    m_page->start();
}

void KubeListOperation::onPage(const KubeResult& page)
{
    m_page = nullptr;
    m_result.warnings += page.warnings;
    if (!page.ok()) {
        if (page.error.kind == KubeError::Kind::Expired && !m_continue.isEmpty()) {
            // The snapshot the token pointed into is compacted away: start over.
            m_result.items.clear();
            m_continue.clear();
            if (++m_result.restarts >= 2)
                m_options.limit = 0;
            requestPage();
            return;
        }
        m_result.error = page.error;
        finish();
        return;
    }
    ++m_result.pages;
    const QJsonObject metadata = page.json.value(u"metadata").toObject();
    if (m_continue.isEmpty())
        m_result.resourceVersion = metadata.value(u"resourceVersion").toString();
    // Items of built-in lists carry no apiVersion/kind; the list's own say what they are.
    const QString apiVersion = page.json.value(u"apiVersion").toString();
    QString kind = page.json.value(u"kind").toString();
    if (kind.endsWith(u"List"))
        kind.chop(4);
    const QJsonArray items = page.json.value(u"items").toArray();
    m_result.items.reserve(m_result.items.size() + items.size());
    for (const QJsonValue& value : items) {
        QJsonObject item = value.toObject();
        if (!item.contains(u"apiVersion"))
            item.insert(u"apiVersion", apiVersion);
        if (!item.contains(u"kind"))
            item.insert(u"kind", kind);
        m_result.items.append(item);
    }
    m_continue = metadata.value(u"continue").toString();
    const qint64 remaining = metadata.value(u"remainingItemCount").toInteger(-1);
    emit progress(m_result.items.size(), remaining < 0 ? -1 : m_result.items.size() + remaining);
    if (m_continue.isEmpty())
        finish();
    else
        requestPage();
}

void KubeListOperation::finish()
{
    if (!m_running)
        return;
    m_running = false;
    emit finished(m_result);
    deleteLater();
}
