// SPDX-License-Identifier: Apache-2.0
#include "clusterverifytask.h"

#include "kubeclient.h"
#include "kubeoperation.h"
#include "objectref.h"
#include "operror.h"
#include "statusrun.h"

#include <QJsonArray>

ClusterVerifyTask::ClusterVerifyTask(Plan plan, ClientSource clients, QObject* parent)
    : ConsoleTask(std::move(plan), std::move(clients), parent)
{
}

void ClusterVerifyTask::run()
{
    withClient([this](KubeClient* client) {
        m_pending = 1;
        ++m_pending;
        auto* status = new StatusRun(client, m_plan, {}, this); // no objects: only the WorkloadEntries
        connect(status, &Task::finished, this, [this, status](const Error& error) {
            if (!isRunning())
                return;
            for (const StatusRun::Entry& e : status->report().entries)
                m_entries.append(EntryHealth{e.group, e.name, e.address, e.healthy, e.message, e.connectedAt});
            m_groupsWithoutEntries = status->report().groupsWithoutEntries;
            if (error.isError() && !m_error.isError())
                m_error = error;
            partDone();
        });
        m_inFlight.start(status);
        for (const VmGroup& g : std::as_const(m_plan.vmGroups)) {
            if (!g.service.enabled)
                continue;
            m_services.append(ServiceEndpointsInfo{g.namespaceName, g.serviceName(), {}, {}});
            readEndpoints(client, m_services.size() - 1);
        }
        partDone();
    });
}

void ClusterVerifyTask::readEndpoints(KubeClient* client, qsizetype index)
{
    ++m_pending;
    const ServiceEndpointsInfo& s = m_services.at(index);
    KubeOperation* op = client->get(ObjectRef{u"v1"_qs, u"Endpoints"_qs, s.nameSpace, s.name});
    connect(op, &KubeOperation::finished, this, [this, index](const KubeResult& result) {
        if (!isRunning())
            return;
        ServiceEndpointsInfo& s = m_services[index];
        if (result.ok()) {
            for (const QJsonValue& subset : result.json[u"subsets"_qs].toArray()) {
                for (const QJsonValue& a : subset[u"addresses"_qs].toArray())
                    s.ready.append(a[u"ip"_qs].toString());
                for (const QJsonValue& a : subset[u"notReadyAddresses"_qs].toArray())
                    s.notReady.append(a[u"ip"_qs].toString());
            }
        } else if (result.error.kind != KubeError::Kind::NotFound && !m_error.isError()) {
            m_error = toError(result.error);
        }
        partDone();
    });
    m_inFlight.start(op);
}

void ClusterVerifyTask::partDone()
{
    if (--m_pending == 0)
        finish(m_error);
}
