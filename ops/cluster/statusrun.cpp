// SPDX-License-Identifier: Apache-2.0
#include "statusrun.h"

#include "drift.h"
#include "k8sjson.h"
#include "kubeclient.h"
#include "operror.h"
#include "kubelist.h"

#include <QJsonArray>

namespace {

// Auto-registered entries carry the group in an annotation and as their owner; manual ones
// (1.19+ health checks) are recognised by the group's labels.
bool belongsTo(const QJsonObject& entry, const VmGroup& group)
{
    const QJsonObject meta = entry[u"metadata"_qs].toObject();
    if (meta[u"annotations"_qs][u"istio.io/autoRegistrationGroup"_qs].toString() == group.name)
        return true;
    for (const QJsonValue& owner : meta[u"ownerReferences"_qs].toArray()) {
        if (owner[u"kind"_qs].toString() == u"WorkloadGroup" && owner[u"name"_qs].toString() == group.name)
            return true;
    }
    if (group.labels.isEmpty())
        return false;
    const QJsonObject labels = entry[u"spec"_qs][u"labels"_qs].toObject();
    for (auto it = group.labels.cbegin(); it != group.labels.cend(); ++it) {
        if (labels.value(it.key()).toString() != it.value())
            return false;
    }
    return true;
}

} // namespace

bool StatusRun::Report::inSync() const
{
    return error.isEmpty() && groupsWithoutEntries.isEmpty()
        && std::all_of(objects.cbegin(), objects.cend(), [](const ObjectState& o) { return o.state == ObjectState::State::InSync; })
        && std::all_of(entries.cbegin(), entries.cend(), [](const Entry& e) { return e.healthy == u"True"; });
}

StatusRun::StatusRun(KubeClient* client, Plan plan, QList<Resource> resources, QObject* parent)
    : Task(parent)
    , m_client(client)
    , m_plan(std::move(plan))
    , m_resources(std::move(resources))
{
}

void StatusRun::abort()
{
    m_inFlight.cancelAll();
}

void StatusRun::run()
{
    ++m_pending; // held until everything is sent
    m_report.objects.resize(m_resources.size());
    for (qsizetype i = 0; i < m_resources.size(); ++i) {
        const Resource r = m_resources.at(i);
        m_report.objects[i].object = ObjectRef::of(r.object).displayName();
        ++m_pending;
        KubeOperation* op = m_client->get(ObjectRef::of(r.object));
        connect(op, &KubeOperation::finished, this, [this, i, r](const KubeResult& result) {
            if (!isRunning())
                return;
            ObjectState& state = m_report.objects[i];
            if (result.ok()) {
                state.differences = Drift::differences(r.object, result.json);
                state.state = state.differences.isEmpty() ? ObjectState::State::InSync : ObjectState::State::Differs;
            } else if (result.error.kind == KubeError::Kind::NotFound || result.error.kind == KubeError::Kind::NotServed) {
                state.state = ObjectState::State::Missing;
            } else {
                state.state = ObjectState::State::Error;
                state.error = result.error.message;
            }
            pendingDone();
        });
        m_inFlight.start(op);
    }
    for (const VmGroup& group : std::as_const(m_plan.vmGroups))
        listEntries(group);
    pendingDone();
}

void StatusRun::listEntries(const VmGroup& group)
{
    ++m_pending;
    const ObjectRef collection{K8sJson::istioVersion(m_plan).networkingApiVersion(), u"WorkloadEntry"_qs, group.namespaceName, {}};
    KubeListOperation* op = m_client->list(collection);
    connect(op, &KubeListOperation::finished, this, [this, group](const KubeListResult& result) {
        if (!isRunning())
            return;
        if (!result.ok()) {
            if (result.error.kind != KubeError::Kind::NotServed) {
                m_report.error = result.error.message;
                m_error = toError(result.error);
            }
            m_report.groupsWithoutEntries.append(group.namespaceName + u'/' + group.name);
            pendingDone();
            return;
        }
        int found = 0;
        for (const QJsonObject& we : result.items) {
            if (!belongsTo(we, group))
                continue;
            ++found;
            Entry e;
            e.group = group.namespaceName + u'/' + group.name;
            e.name = we[u"metadata"_qs][u"name"_qs].toString();
            e.address = we[u"spec"_qs][u"address"_qs].toString();
            e.connectedAt = we[u"metadata"_qs][u"annotations"_qs][u"istio.io/connectedAt"_qs].toString();
            for (const QJsonValue& c : we[u"status"_qs][u"conditions"_qs].toArray()) {
                if (c[u"type"_qs].toString() == u"Healthy") {
                    e.healthy = c[u"status"_qs].toString();
                    e.message = c[u"message"_qs].toString();
                }
            }
            m_report.entries.append(e);
        }
        if (found == 0)
            m_report.groupsWithoutEntries.append(group.namespaceName + u'/' + group.name);
        pendingDone();
    });
    m_inFlight.start(op);
}

void StatusRun::pendingDone()
{
    if (--m_pending == 0)
        finish(m_error);
}

QString statusText(const StatusRun::Report& report)
{
    using State = StatusRun::ObjectState::State;
    QString out;
    if (!report.error.isEmpty())
        out += u"error: "_qs + report.error + u'\n';
    out += u"Objects of the plan:\n"_qs;
    for (const StatusRun::ObjectState& o : report.objects) {
        const QString state = o.state == State::InSync ? u"in sync"_qs
            : o.state == State::Differs                ? u"differs"_qs
            : o.state == State::Missing                ? u"missing"_qs
                                                       : u"error"_qs;
        out += u"  "_qs + state.leftJustified(9) + o.object + u'\n';
        for (const QString& d : o.differences)
            out += u"             "_qs + d + u'\n';
        if (!o.error.isEmpty())
            out += u"             "_qs + o.error + u'\n';
    }
    out += u"\nWorkloadEntries:\n"_qs;
    for (const StatusRun::Entry& e : report.entries) {
        const QString health = e.healthy.isEmpty() ? u"no health yet"_qs : e.healthy == u"True" ? u"healthy"_qs : u"UNHEALTHY"_qs;
        out += u"  "_qs + health.leftJustified(14) + e.group + u' ' + e.name + u' ' + e.address
            + (e.message.isEmpty() ? QString() : QString(u" — "_qs + e.message)) + u'\n';
    }
    for (const QString& g : report.groupsWithoutEntries)
        out += u"  none          "_qs + g + u": no WorkloadEntry (no VM has registered yet)\n"_qs;
    return out;
}
