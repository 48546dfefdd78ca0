// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "kubestatus.h"
#include "restmapper.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

class KubeClient;
class KubeOperation;
struct KubeResult;

struct DiscoveryResult
{
    RestMapper mapper;
    bool aggregated = false; //!< the server answered with aggregated discovery (2 requests in all)
    QStringList warnings;    //!< group versions that could not be read (an aggregated API server down)
    KubeError error;
    bool ok() const { return !error.isError(); }
};

/*!
 * Discovers what the server serves: /api and /apis with aggregated discovery
 * (apidiscovery.k8s.io v2, v2beta1) where the server has it, else the legacy group lists and
 * one APIResourceList per group version. A failing group version is a warning, as in kubectl.
 */
class ApiDiscovery final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiDiscovery)
public:
    explicit ApiDiscovery(KubeClient* client);

    void start();
    void cancel();

signals:
    void progress(qint64 done, qint64 total); //!< requests
    void finished(const DiscoveryResult& result);

private:
    void fetch(const QString& path, bool aggregated);
    void onAnswer(const QString& path, const KubeResult& result);
    void abortPending();
    void finish();

    KubeClient* m_client;
    DiscoveryResult m_result;
    QList<QPointer<KubeOperation>> m_operations;
    int m_done = 0;
    int m_total = 0;
    bool m_running = false;
};
