// SPDX-License-Identifier: Apache-2.0
#include "apidiscovery.h"

#include "kubeclient.h"

static const QByteArray aggregatedAccept =
    "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
    "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,"
    "application/json";

ApiDiscovery::ApiDiscovery(KubeClient* client)
    : QObject(client)
    , m_client(client)
{
}

void ApiDiscovery::start()
{
    if (m_running)
        return;
    m_running = true;
    fetch(u"/api"_qs, true);
    fetch(u"/apis"_qs, true);
}

void ApiDiscovery::cancel()
{
    if (!m_running)
        return;
    abortPending();
    m_result.error.kind = KubeError::Kind::Canceled;
    m_result.error.message = u"discovery was canceled"_qs;
    finish();
}

void ApiDiscovery::abortPending()
{
    for (const QPointer<KubeOperation>& operation : std::exchange(m_operations, {})) {
        if (operation) {
            operation->disconnect(this);
            operation->cancel();
        }
    }
}

void ApiDiscovery::fetch(const QString& path, bool aggregated)
{
    KubeRequest request;
    request.path = path;
    request.accept = aggregated ? aggregatedAccept : QByteArray("application/json");
    // kubectl raises its limits for discovery; a legacy server needs one request per group version.
    request.rateLimited = false;
    KubeOperation* operation = m_client->request(request);
    connect(operation, &KubeOperation::finished, this,
            [this, path](const KubeResult& result) { onAnswer(path, result); });
    m_operations.append(operation);
    ++m_total;
    operation->start();
}

void ApiDiscovery::onAnswer(const QString& path, const KubeResult& result)
{
    if (!m_running)
        return;
    ++m_done;
    emit progress(m_done, m_total);
    const bool root = path == u"/api" || path == u"/apis";
    if (!result.ok()) {
        if (root) {
            m_result.error = result.error;
            abortPending();
            finish();
            return;
        }
        m_result.warnings.append(u"could not discover "_qs + path.section(u'/', 2) + u": "_qs
                                 + result.error.message);
    } else if (root && m_result.mapper.addAggregated(result.json)) {
        m_result.aggregated = true;
    } else if (root) {
        for (const auto& [group, versions] : RestMapper::legacyGroups(result.json)) {
            m_result.mapper.addGroup(group, versions);
            for (const QString& version : versions)
                fetch(group.isEmpty() ? QString(u"/api/"_qs + version)
                                      : QString(u"/apis/"_qs + group + u'/' + version),
                      false);
        }
    } else {
        m_result.mapper.addResourceList(result.json);
    }
    if (m_done == m_total)
        finish();
}

void ApiDiscovery::finish()
{
    if (!m_running)
        return;
    m_running = false;
    emit finished(m_result);
    deleteLater();
}
