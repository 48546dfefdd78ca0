// SPDX-License-Identifier: Apache-2.0
#include "applyrun.h"

#include "drift.h"
#include "gatewayaddress.h"
#include "kubeclient.h"
#include "operror.h"

#include <QJsonArray>

namespace {

QString resourceVersion(const QJsonObject& object)
{
    return object.value(u"metadata"_qs).toObject().value(u"resourceVersion"_qs).toString();
}

bool isGatewayService(const Resource& r)
{
    return r.kind() == u"Service" && r.name() == u"istio-eastwestgateway"
        && r.object[u"spec"_qs][u"type"_qs].toString(u"LoadBalancer"_qs) == u"LoadBalancer";
}

// The load balancer has given the Service an IP or a host name (GatewayAddress's rule); whether a
// host name alone is enough for the VMs is preflight's and the bundle's to say.
bool hasAddress(const QJsonObject& service)
{
    return GatewayAddress::of(service).provisioned();
}

} // namespace

ApplyRun::ApplyRun(KubeClient* client, QList<Resource> resources, Options options, QObject* parent)
    : Task(parent)
    , m_client(client)
    , m_resources(std::move(resources))
    , m_options(options)
{
    m_retry.setSingleShot(true);
    m_retry.setInterval(1000);
}

void ApplyRun::run()
{
    next();
}

void ApplyRun::abort()
{
    m_retry.stop();
    m_inFlight.cancelAll();
}

void ApplyRun::next()
{
    if (!isRunning())
        return;
    if (++m_index >= m_resources.size()) {
        setProgress(int(m_resources.size()), int(m_resources.size()), {});
        finish();
        return;
    }
    const Resource& r = m_resources.at(m_index);
    setProgress(int(m_index), int(m_resources.size()), ObjectRef::of(r.object).displayName());
    m_waiting.start();
    whenServed(m_resources.at(m_index));
}

void ApplyRun::whenServed(const Resource& r)
{
    // A kind from a CRD applied moments ago is served once the CRD is Established; until then
    // discovery does not list it.
    m_client->resolve(ObjectRef::of(r.object), m_client->mapperGeneration(), this,
                      [this, r](const ApiResource* resource, const KubeError& error) {
                          if (!isRunning())
                              return;
                          if (resource) {
                              fetchLive(r);
                          } else if (error.kind == KubeError::Kind::NotServed && m_waiting.elapsed() < m_options.waitSeconds * 1000) {
                              m_client->invalidateRestMapper();
                              m_retry.disconnect(this);
                              connect(&m_retry, &QTimer::timeout, this, [this, r] { whenServed(r); });
                              m_retry.start();
                          } else {
                              fail(r, error.kind == KubeError::Kind::NotServed
                                          ? error.message + u" (waited "_qs + QString::number(m_options.waitSeconds)
                                              + u" s; are Istio's CRDs installed?)"_qs
                                          : error.message,
                                   toError(error));
                          }
                      });
}

void ApplyRun::fetchLive(const Resource& r)
{
    KubeOperation* op = m_client->get(ObjectRef::of(r.object));
    connect(op, &KubeOperation::finished, this, [this, r](const KubeResult& result) {
        if (!isRunning())
            return;
        if (result.ok())
            apply(r, result.json, true);
        else if (result.error.kind == KubeError::Kind::NotFound)
            apply(r, {}, false);
        else
            fail(r, result.error.message, toError(result.error));
    });
    m_inFlight.start(op);
}

void ApplyRun::apply(const Resource& r, const QJsonObject& live, bool existed)
{
    ApplyOptions options;
    options.force = m_options.force;
    options.dryRun = m_options.dryRun;
    const QStringList changes = existed ? Drift::differences(r.object, live) : QStringList{u"(new object)"_qs};
    KubeOperation* op = m_client->apply(r.object, options);
    connect(op, &KubeOperation::finished, this, [this, r, live, existed, changes](const KubeResult& result) {
        if (!isRunning())
            return;
        if (!result.ok() && m_options.dryRun && result.error.kind == KubeError::Kind::NotFound
            && m_dryRunNamespaces.contains(r.namespaceName())) {
            // The server cannot check an object whose namespace this very run would create.
            afterApply(r, Step{ObjectRef::of(r.object).displayName(), Outcome::Created, {},
                               u"not checked by the server: its namespace is created earlier in this plan"_qs});
            return;
        }
        if (!result.ok()) {
            QString message = result.error.message;
            if (!result.error.conflictManagers.isEmpty() && !message.contains(result.error.conflictManagers.first()))
                message += u" (fields owned by "_qs + result.error.conflictManagers.join(u", "_qs) + u')';
            if (result.error.kind == KubeError::Kind::Conflict)
                message += u"; rerun with --force-conflicts to take them over"_qs;
            fail(r, message, toError(result.error));
            return;
        }
        Step step;
        step.object = ObjectRef::of(r.object).displayName();
        if (!existed)
            step.outcome = Outcome::Created;
        else if (m_options.dryRun)
            step.outcome = changes.isEmpty() ? Outcome::Unchanged : Outcome::Configured;
        else
            step.outcome = resourceVersion(result.json) == resourceVersion(live) ? Outcome::Unchanged : Outcome::Configured;
        if (m_options.diff && step.outcome != Outcome::Unchanged)
            step.changes = changes;
        for (const QString& w : result.warnings)
            step.message += (step.message.isEmpty() ? QString() : u"; "_qs) + w;
        afterApply(r, step);
    });
    m_inFlight.start(op);
}

void ApplyRun::afterApply(const Resource& r, const Step& step)
{
    m_steps.append(step);
    emit stepFinished(step);
    if (m_options.dryRun && r.kind() == u"Namespace" && step.outcome == Outcome::Created)
        m_dryRunNamespaces.append(r.name());
    if (m_options.dryRun) {
        next();
    } else if (r.kind() == u"Namespace") {
        waitFor(r, u"namespace Active"_qs, [](const QJsonObject& ns) { return ns[u"status"_qs][u"phase"_qs].toString() == u"Active"; });
    } else if (isGatewayService(r)) {
        waitFor(r, u"an address for the east-west gateway"_qs, hasAddress);
    } else {
        next();
    }
}

void ApplyRun::waitFor(const Resource& r, const QString& what, std::function<bool(const QJsonObject&)> ready)
{
    m_waiting.start();
    const auto poll = [this, r, what, ready]() {
        KubeOperation* op = m_client->get(ObjectRef::of(r.object));
        connect(op, &KubeOperation::finished, this, [this, r, what, ready](const KubeResult& result) {
            if (!isRunning())
                return;
            if (result.ok() && ready(result.json)) {
                next();
            } else if (m_waiting.elapsed() >= m_options.waitSeconds * 1000) {
                if (isGatewayService(r)) {
                    // The VMs need the address only for their hosts file: go on, and say so.
                    Step note{ObjectRef::of(r.object).displayName(), Outcome::Unchanged, {},
                              u"no load-balancer address after "_qs + QString::number(m_options.waitSeconds)
                                  + u" s; set eastWestGateway.address or check the load balancer"_qs};
                    emit stepFinished(note);
                    next();
                } else {
                    const QString message = u"waited "_qs + QString::number(m_options.waitSeconds) + u" s for "_qs + what;
                    fail(r, message, Error::timeout(message));
                }
            } else {
                m_retry.start();
            }
        });
        m_inFlight.start(op);
    };
    m_retry.disconnect(this);
    connect(&m_retry, &QTimer::timeout, this, poll);
    poll();
}

void ApplyRun::fail(const Resource& r, const QString& message, Error error)
{
    const QString object = ObjectRef::of(r.object).displayName();
    Step step{object, Outcome::Failed, {}, message};
    m_steps.append(step);
    emit stepFinished(step);
    error.detail = error.message == message ? error.detail : error.text();
    error.message = object + u": "_qs + message;
    finish(error);
}
