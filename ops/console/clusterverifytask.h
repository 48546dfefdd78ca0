// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "consoletask.h"
#include "onboardingservice.h"
#include "plan.h"

/*!
 * OnboardingService::verify(): each VM group's WorkloadEntries with their Healthy condition
 * (StatusRun's listing) and the Endpoints of each group's Service (ready and not ready addresses).
 * Read-only; unhealthy entries and missing Services are results.
 */
class ClusterVerifyTask final : public ConsoleTask<VerifyTask>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ClusterVerifyTask)
public:
    ClusterVerifyTask(Plan plan, ClientSource clients, QObject* parent = nullptr);

    QList<EntryHealth> entries() const override { return m_entries; }
    QList<ServiceEndpointsInfo> services() const override { return m_services; }
    QStringList groupsWithoutEntries() const override { return m_groupsWithoutEntries; }

private:
    void run() override;
    void readEndpoints(KubeClient* client, qsizetype index);
    void partDone();

    QList<EntryHealth> m_entries;
    QList<ServiceEndpointsInfo> m_services;
    QStringList m_groupsWithoutEntries;
    int m_pending = 0;
    Error m_error;
};
