// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "weightsrun.h"

class ApplyRun;

/*!
 * Applies new weights to one route: reads its VirtualService afresh, changes only the route's
 * weights in it (WeightedRoutes::proposedVirtualService; the plan's VirtualService for a split
 * not yet in the cluster), and server-side applies that one object through ApplyRun (field
 * manager "meshdeck", with its differences). Conflicts are forced: the user confirmed this exact
 * change after seeing its diff, and weights last set with kubectl or Kiali belong to another
 * field manager, which would otherwise refuse every change from the window.
 */
class WeightsApplyRun final : public WeightsRun<WeightsApplyTask>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WeightsApplyRun)
public:
    /*! client is borrowed. */
    WeightsApplyRun(KubeClient* client, Plan plan, WeightedRoute route, QList<int> weights, QObject* parent = nullptr);

    QStringList changes() const override { return m_changes; }

private:
    void run() override;
    void applyOver(const QJsonObject& live);

    QStringList m_changes;
};
