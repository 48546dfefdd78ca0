// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "plan.h"
#include "preflight.h"

#include <QObject>
#include <QPointer>

class KubeClient;

/*!
 * Gathers what preflight needs from the cluster, in parallel where it can (version, discovery,
 * istiod, the mesh ConfigMaps, the east-west gateway, access reviews, root certificates,
 * TokenRequests), then judges it with evaluatePreflight(). Nothing is changed in the cluster:
 * the TokenRequest's token is dropped unread.
 */
class PreflightRun final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreflightRun)
public:
    PreflightRun(KubeClient* client, Plan plan, QObject* parent = nullptr);

    void start();
    const ClusterObservations& observations() const { return m_observed; }

Q_SIGNALS:
    void finished(const QList<PreflightCheck>& checks);

private:
    void gather();
    void getObject(const QString& apiVersion, const QString& kind, const QString& ns, const QString& name,
                   std::function<void(const QJsonObject&)> found);
    void checkAccess();
    void pendingDone();

    QPointer<KubeClient> m_client;
    Plan m_plan;
    ClusterObservations m_observed;
    int m_pending = 0;
};
