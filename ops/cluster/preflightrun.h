// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "plan.h"
#include "preflight.h"
#include "inflight.h"
#include "task.h"

#include <QObject>
#include <QPointer>

class KubeClient;

/*!
 * Gathers what preflight needs from the cluster, in parallel where it can (version, discovery,
 * istiod, the mesh ConfigMaps, the east-west gateway, access reviews, root certificates,
 * TokenRequests, the groups' WorkloadGroups), then judges it with evaluatePreflight(). Nothing is changed in the cluster:
 * the TokenRequest's token is dropped unread.
 *
 * finished() carries Error{} once the checks are judged (failed checks are results, read from
 * checks()); an API server that does not answer is also a check (the first one), and the error
 * then says so too, typed (KubernetesUnreachable, KubernetesCredentials, KubernetesStatus).
 */
class PreflightRun final : public Task
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreflightRun)
public:
    PreflightRun(KubeClient* client, Plan plan, QObject* parent = nullptr);

    /*! The judged checks, after finished(). */
    const QList<PreflightCheck>& checks() const { return m_checks; }
    const ClusterObservations& observations() const { return m_observed; }

private:
    void run() override;
    void abort() override;
    void gather();
    void getObject(const QString& apiVersion, const QString& kind, const QString& ns, const QString& name,
                   std::function<void(const QJsonObject&)> found);
    void checkAccess();
    void pendingDone();

    QPointer<KubeClient> m_client;
    Plan m_plan;
    ClusterObservations m_observed;
    int m_pending = 0;
    QList<PreflightCheck> m_checks;
    InFlight m_inFlight;
};
