// SPDX-License-Identifier: Apache-2.0
#pragma once

// A cluster with Istio installed the way examples/book-chapter10.yaml expects it, answered by a
// FakeApiServer: the objects preflight and the bundle read (istiod, the mesh and injector
// ConfigMaps, the east-west gateway Service, the group's root certificate and WorkloadGroup),
// TokenRequests and access reviews. A test changes or takes away one object and sees what the
// runs make of it; every request stays in the server's requests.

#include "fakeapiserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

class ScriptedIstio
{
public:
    // Paths of the objects by what they are, for tests that change them.
    static QString meshConfigPath() { return u"/api/v1/namespaces/istio-system/configmaps/istio"_qs; }
    static QString injectorPath() { return u"/api/v1/namespaces/istio-system/configmaps/istio-sidecar-injector"_qs; }
    static QString gatewayPath(const QString& ns = u"istio-system"_qs, const QString& name = u"istio-eastwestgateway"_qs)
    {
        return u"/api/v1/namespaces/"_qs + ns + u"/services/"_qs + name;
    }
    static QString workloadGroupPath()
    {
        return u"/apis/networking.istio.io/v1/namespaces/chapter10vm/workloadgroups/envoydummy"_qs;
    }
    static QString tokenPath() { return u"/api/v1/namespaces/chapter10vm/serviceaccounts/chapter10-sa/token"_qs; }

    ScriptedIstio()
    {
        m_objects.insert(u"/apis/apps/v1/namespaces/istio-system/deployments/istiod"_qs,
                         object(u"apps/v1"_qs, u"Deployment"_qs, u"istio-system"_qs, u"istiod"_qs,
                                {{u"spec"_qs, QJsonObject{{u"template"_qs, QJsonObject{{u"spec"_qs, QJsonObject{{u"containers"_qs, QJsonArray{QJsonObject{
                                    {u"name"_qs, u"discovery"_qs}, {u"image"_qs, u"docker.io/istio/pilot:1.29.2-distroless"_qs},
                                    {u"env"_qs, QJsonArray{QJsonObject{{u"name"_qs, u"PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION"_qs},
                                                                       {u"value"_qs, u"true"_qs}}}}}}}}}}}}}}));
        setMeshConfig(u"defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\n  meshId: mesh1\n"
                      "trustDomain: cluster.local\n"_qs);
        setInjectorValues(u"mesh1"_qs, u"cluster1"_qs, u"network1"_qs);
        setGateway(u"istio-system"_qs, u"istio-eastwestgateway"_qs, u"198.18.0.2"_qs);
        m_objects.insert(u"/api/v1/namespaces/chapter10vm/configmaps/istio-ca-root-cert"_qs,
                         object(u"v1"_qs, u"ConfigMap"_qs, u"chapter10vm"_qs, u"istio-ca-root-cert"_qs,
                                {{u"data"_qs, QJsonObject{{u"root-cert.pem"_qs, rootCert()}}}}));
        m_objects.insert(workloadGroupPath(),
                         object(u"networking.istio.io/v1"_qs, u"WorkloadGroup"_qs, u"chapter10vm"_qs, u"envoydummy"_qs,
                                {{u"spec"_qs, QJsonObject{{u"metadata"_qs, QJsonObject{{u"labels"_qs, QJsonObject{{u"app"_qs, u"envoydummy"_qs}}}}},
                                                          {u"template"_qs, QJsonObject{{u"serviceAccount"_qs, u"chapter10-sa"_qs}}}}}}));
    }

    static QString rootCert() { return u"-----BEGIN CERTIFICATE-----\nTUVTSERFQ0sgVEVTVA==\n-----END CERTIFICATE-----\n"_qs; }

    void setMeshConfig(const QString& meshYaml)
    {
        m_objects.insert(meshConfigPath(), object(u"v1"_qs, u"ConfigMap"_qs, u"istio-system"_qs, u"istio"_qs,
                                                  {{u"data"_qs, QJsonObject{{u"mesh"_qs, meshYaml}}}}));
    }
    void setInjectorValues(const QString& meshId, const QString& clusterName, const QString& network)
    {
        const QJsonObject values{{u"global"_qs, QJsonObject{{u"meshID"_qs, meshId},
                                                            {u"multiCluster"_qs, QJsonObject{{u"clusterName"_qs, clusterName}}},
                                                            {u"network"_qs, network}}}};
        m_objects.insert(injectorPath(),
                         object(u"v1"_qs, u"ConfigMap"_qs, u"istio-system"_qs, u"istio-sidecar-injector"_qs,
                                {{u"data"_qs, QJsonObject{{u"values"_qs, QString::fromUtf8(QJsonDocument(values).toJson(QJsonDocument::Compact))}}}}));
    }
    /*! A LoadBalancer Service in ns/name whose load balancer gave ip. */
    void setGateway(const QString& ns, const QString& name, const QString& ip)
    {
        m_objects.insert(gatewayPath(ns, name),
                         object(u"v1"_qs, u"Service"_qs, ns, name,
                                {{u"spec"_qs, QJsonObject{{u"type"_qs, u"LoadBalancer"_qs}}},
                                 {u"status"_qs, QJsonObject{{u"loadBalancer"_qs, QJsonObject{{u"ingress"_qs, QJsonArray{QJsonObject{{u"ip"_qs, ip}}}}}}}}}));
    }
    void remove(const QString& path) { m_objects.remove(path); }

    /*! Answers server's requests from now on. */
    void serve(FakeApiServer& server)
    {
        server.setHandler([this](const FakeRequest& r, FakeExchange& x) {
            if (fakeDiscovery(r, x))
                return;
            if (r.path == u"/version") {
                x.respondJson(200, QJsonObject{{u"gitVersion"_qs, u"v1.33.5"_qs}});
            } else if (r.method == "POST" && r.path.endsWith(u"/token")) {
                x.respondJson(201, QJsonObject{{u"kind"_qs, u"TokenRequest"_qs},
                                               {u"status"_qs, QJsonObject{{u"token"_qs, u"scripted-token"_qs},
                                                                          {u"expirationTimestamp"_qs, u"2030-01-01T00:00:00Z"_qs}}}});
            } else if (r.method == "POST" && r.path.endsWith(u"/selfsubjectaccessreviews")) {
                x.respondJson(201, QJsonObject{{u"status"_qs, QJsonObject{{u"allowed"_qs, true}}}});
            } else if (r.method == "GET" && m_objects.contains(r.path)) {
                x.respondJson(200, m_objects.value(r.path));
            } else {
                x.respondJson(404, fakeStatus(404, u"NotFound"_qs, r.path + u" not found"_qs));
            }
        });
    }

private:
    static QJsonObject object(const QString& apiVersion, const QString& kind, const QString& ns, const QString& name,
                              const QJsonObject& rest)
    {
        QJsonObject o = rest;
        o.insert(u"apiVersion"_qs, apiVersion);
        o.insert(u"kind"_qs, kind);
        o.insert(u"metadata"_qs, QJsonObject{{u"name"_qs, name}, {u"namespace"_qs, ns}});
        return o;
    }

    QMap<QString, QJsonObject> m_objects; //!< GET path → the object
};
