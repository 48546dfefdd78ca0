// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "weightsrun.h"

/*!
 * What applying weights to a route would change, against a fresh read of its VirtualService
 * (not the one listed when the page filled: someone may have changed it since): one line per
 * destination whose weight changes, a note when the VirtualService would be created, and the
 * YAML the apply would send. Reads only; cancel() stops the read.
 */
class WeightsDiffRun final : public WeightsRun<WeightsDiffTask>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WeightsDiffRun)
public:
    /*! client is borrowed; nullptr = offline (only the plan's YAML, no comparison). */
    WeightsDiffRun(KubeClient* client, Plan plan, WeightedRoute route, QList<int> weights, QObject* parent = nullptr);

    QStringList lines() const override { return m_lines; }
    QString yaml() const override { return m_yaml; }

private:
    void run() override;
    void compare(const QJsonObject& live);

    QStringList m_lines;
    QString m_yaml;
};
