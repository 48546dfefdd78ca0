// SPDX-License-Identifier: Apache-2.0
#include "preflightrun.h"

#include "apidiscovery.h"
#include "gatewayaddress.h"
#include "generation.h"
#include "k8sjson.h"
#include "kubeclient.h"
#include "operror.h"

#include <QJsonArray>

PreflightRun::PreflightRun(KubeClient* client, Plan plan, QObject* parent)
    : Task(parent)
    , m_client(client)
    , m_plan(std::move(plan))
{
    m_observed.server = client->config().server.toString();
}

void PreflightRun::abort()
{
    m_inFlight.cancelAll();
}

void PreflightRun::run()
{
    // Reachability first: if the API server does not answer, every other check would only
    // repeat that.
    KubeOperation* op = m_client->version();
    connect(op, &KubeOperation::finished, this, [this](const KubeResult& result) {
        if (!isRunning())
            return;
        if (!result.ok()) {
            m_observed.unreachable = result.error.message;
            m_checks = evaluatePreflight(m_plan, m_observed);
            finish(toError(result.error));
            return;
        }
        m_observed.kubernetesVersion = result.json.value(u"gitVersion"_qs).toString();
        gather();
    });
    m_inFlight.start(op);
}

void PreflightRun::gather()
{
    ++m_pending; // held until every request below is sent, in case one finishes at once
    ++m_pending;
    ApiDiscovery* discovery = m_client->discover();
    connect(discovery, &ApiDiscovery::finished, this, [this](const DiscoveryResult& result) {
        if (!isRunning())
            return;
        m_observed.networkingVersions = result.mapper.servedVersions(u"networking.istio.io"_qs);
        checkAccess(); // needs the mapper for plural names
        pendingDone();
    });
    m_inFlight.start(discovery);

    const QString istioNs = m_plan.mesh.istioNamespace;
    const QString revision = m_plan.mesh.revision;
    getObject(u"apps/v1"_qs, u"Deployment"_qs, istioNs, m_plan.mesh.revisioned(u"istiod"_qs), [this](const QJsonObject& d) {
        m_observed.istiodFound = true;
        const QJsonArray containers = d[u"spec"_qs][u"template"_qs][u"spec"_qs][u"containers"_qs].toArray();
        for (const QJsonValue& c : containers) {
            if (c[u"name"_qs].toString() != u"discovery" && containers.size() > 1)
                continue;
            m_observed.istiodImage = c[u"image"_qs].toString();
            for (const QJsonValue& e : c[u"env"_qs].toArray())
                m_observed.istiodEnv.insert(e[u"name"_qs].toString(), e[u"value"_qs].toString());
        }
    });
    getObject(u"v1"_qs, u"ConfigMap"_qs, istioNs, m_plan.mesh.revisioned(u"istio-sidecar-injector"_qs), [this](const QJsonObject& cm) {
        m_observed.injectorValuesJson = cm[u"data"_qs][u"values"_qs].toString();
    });
    getObject(u"v1"_qs, u"ConfigMap"_qs, istioNs, m_plan.mesh.revisioned(u"istio"_qs), [this](const QJsonObject& cm) {
        m_observed.meshConfigYaml = cm[u"data"_qs][u"mesh"_qs].toString();
    });
    // The Service the plan names, generated or not (istioctl's --ingressService).
    getObject(u"v1"_qs, u"Service"_qs, m_plan.gatewayNamespace(), m_plan.eastWestGateway.service, [this](const QJsonObject& svc) {
        m_observed.gatewayFound = true;
        m_observed.gatewayType = svc[u"spec"_qs][u"type"_qs].toString();
        const GatewayAddress address = GatewayAddress::of(svc);
        m_observed.gatewayAddress = address.ip;
        m_observed.gatewayHostname = address.hostname;
    });
    for (const QString& ns : vmNamespaces(m_plan)) {
        m_observed.rootCertByNamespace.insert(ns, false);
        getObject(u"v1"_qs, u"ConfigMap"_qs, ns, u"istio-ca-root-cert"_qs, [this, ns](const QJsonObject& cm) {
            m_observed.rootCertByNamespace.insert(ns, !cm[u"data"_qs][u"root-cert.pem"_qs].toString().isEmpty());
        });
    }
    const QString networking = K8sJson::istioVersion(m_plan).networkingApiVersion();
    for (const VmGroup& g : m_plan.vmGroups) {
        const QString key = g.namespaceName + u'/' + g.name;
        if (m_observed.workloadGroupByKey.contains(key))
            continue;
        m_observed.workloadGroupByKey.insert(key, false);
        getObject(networking, u"WorkloadGroup"_qs, g.namespaceName, g.name,
                  [this, key](const QJsonObject&) { m_observed.workloadGroupByKey.insert(key, true); });
    }
    for (const VmGroup& g : m_plan.vmGroups) {
        const QString account = g.namespaceName + u'/' + g.serviceAccount;
        if (m_observed.tokenRequestByAccount.contains(account))
            continue;
        m_observed.tokenRequestByAccount.insert(account, TokenRequestOutcome{});
        ++m_pending;
        KubeOperation* op = m_client->requestToken(g.namespaceName, g.serviceAccount, {u"istio-ca"_qs},
                                                   std::max(600, g.tokenDurationSeconds));
        connect(op, &KubeOperation::finished, this, [this, account](const KubeResult& result) {
            if (!isRunning())
                return;
            // The token itself is a credential: it is neither kept nor shown.
            m_observed.tokenRequestByAccount.insert(
                account, TokenRequestOutcome{result.ok() ? QString() : result.error.message,
                                             result.error.kind == KubeError::Kind::NotFound});
            pendingDone();
        });
        m_inFlight.start(op);
    }
    pendingDone();
}

void PreflightRun::getObject(const QString& apiVersion, const QString& kind, const QString& ns, const QString& name,
                             std::function<void(const QJsonObject&)> found)
{
    ++m_pending;
    KubeOperation* op = m_client->get(ObjectRef{apiVersion, kind, ns, name});
    connect(op, &KubeOperation::finished, this, [this, found = std::move(found)](const KubeResult& result) {
        if (!isRunning())
            return;
        if (result.ok())
            found(result.json);
        pendingDone();
    });
    m_inFlight.start(op);
}

void PreflightRun::checkAccess()
{
    const QList<AccessRequirement> required = requiredAccess(m_plan, generateOffline(m_plan).resources);
    for (const AccessRequirement& r : required) {
        AccessCheck question{r.verb, {}, {}, r.namespaceName, {}, {}};
        if (r.kind == u"ServiceAccountToken") {
            question.resource = u"serviceaccounts"_qs;
            question.subresource = u"token"_qs;
        } else {
            const std::optional<ApiResource> resource = m_client->restMapper().find(r.apiVersion, r.kind);
            if (!resource) {
                m_observed.access.append(AccessResult{r, false, u"the cluster does not serve "_qs + r.apiVersion + u' ' + r.kind});
                continue;
            }
            question.group = resource->group;
            question.resource = resource->plural;
        }
        ++m_pending;
        KubeOperation* op = m_client->accessReview(question);
        connect(op, &KubeOperation::finished, this, [this, r](const KubeResult& result) {
            if (!isRunning())
                return;
            const QString reason = result.ok() ? result.json[u"status"_qs][u"reason"_qs].toString() : result.error.message;
            m_observed.access.append(AccessResult{r, result.ok() && accessAllowed(result), reason});
            pendingDone();
        });
        m_inFlight.start(op);
    }
}

void PreflightRun::pendingDone()
{
    if (--m_pending == 0) {
        m_checks = evaluatePreflight(m_plan, m_observed);
        finish();
    }
}
