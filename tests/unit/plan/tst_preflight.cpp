// SPDX-License-Identifier: Apache-2.0
// Preflight's judgement on observed cluster facts, and drift between desired and live objects.
#include "drift.h"
#include "generation.h"
#include "planloader.h"
#include "preflight.h"

#include <QJsonArray>
#include <QTest>

#include "testsupport.h"

namespace {

Plan bookPlan()
{
    const PlanLoadResult r = loadPlanFile(TestSupport::sourceDir() + u"/examples/book-chapter10.yaml"_qs);
    Q_ASSERT(r.ok());
    return *r.plan;
}

// What a healthy cluster for the book's plan looks like.
ClusterObservations healthy(const Plan& plan)
{
    ClusterObservations o;
    o.server = u"https://127.0.0.1:16443"_qs;
    o.kubernetesVersion = u"v1.33.5"_qs;
    o.istiodFound = true;
    o.istiodImage = u"docker.io/istio/pilot:1.29.2-distroless"_qs;
    o.istiodEnv = {{u"PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION"_qs, u"true"_qs}};
    o.injectorValuesJson = uR"({"global":{"meshID":"mesh1","multiCluster":{"clusterName":"cluster1"},"network":"network1"}})"_qs;
    o.networkingVersions = {u"v1"_qs, u"v1beta1"_qs, u"v1alpha3"_qs};
    o.gatewayFound = true;
    o.gatewayType = u"LoadBalancer"_qs;
    o.gatewayAddress = u"198.18.0.2"_qs;
    for (const AccessRequirement& r : requiredAccess(plan, generateOffline(plan).resources))
        o.access.append(AccessResult{r, true, {}});
    o.rootCertByNamespace = {{u"chapter10vm"_qs, true}};
    o.tokenRequestByAccount = {{u"chapter10vm/chapter10-sa"_qs, TokenRequestOutcome{}}};
    o.workloadGroupByKey = {{u"chapter10vm/envoydummy"_qs, true}};
    return o;
}

const PreflightCheck* byTitle(const QList<PreflightCheck>& checks, const QString& title)
{
    for (const PreflightCheck& c : checks) {
        if (c.title == title)
            return &c;
    }
    return nullptr;
}

} // namespace

class TestPreflight final : public QObject
{
    Q_OBJECT

private slots:
    void healthyClusterPasses()
    {
        const Plan plan = bookPlan();
        const QList<PreflightCheck> checks = evaluatePreflight(plan, healthy(plan));
        QVERIFY2(preflightPassed(checks), qPrintable(preflightTable(checks)));
        for (const PreflightCheck& c : checks)
            QVERIFY2(c.status == PreflightCheck::Status::Pass, qPrintable(preflightTable(checks)));
        QVERIFY(byTitle(checks, u"Istio control plane"_qs)->detail.contains(u"1.29.2"_qs));
    }

    void requiredAccessCoversThePlan()
    {
        const Plan plan = bookPlan();
        const QList<AccessRequirement> access = requiredAccess(plan, generateOffline(plan).resources);
        const auto has = [&access](const QString& verb, const QString& kind, const QString& ns) {
            return std::any_of(access.cbegin(), access.cend(), [&](const AccessRequirement& r) {
                return r.verb == verb && r.kind == kind && r.namespaceName == ns;
            });
        };
        QVERIFY(has(u"patch"_qs, u"WorkloadGroup"_qs, u"chapter10vm"_qs));
        QVERIFY(has(u"patch"_qs, u"Namespace"_qs, QString()));
        QVERIFY(has(u"patch"_qs, u"VirtualService"_qs, u"chapter10"_qs));
        QVERIFY(has(u"create"_qs, u"ServiceAccountToken"_qs, u"chapter10vm"_qs));
        QVERIFY(!has(u"patch"_qs, u"IstioOperator"_qs, u"istio-system"_qs)); // istioctl's, not kubectl's
    }

    void failures_data()
    {
        QTest::addColumn<QString>("title");
        QTest::addColumn<int>("status");
        QTest::addColumn<QString>("detail");
        QTest::newRow("unreachable") << u"Kubernetes API"_qs << int(PreflightCheck::Status::Fail) << u"connection refused"_qs;
        QTest::newRow("no istiod") << u"Istio control plane"_qs << int(PreflightCheck::Status::Fail) << u"no Deployment istiod"_qs;
        QTest::newRow("version skew") << u"Istio control plane"_qs << int(PreflightCheck::Status::Warn) << u"runs 1.28.1"_qs;
        QTest::newRow("autoregistration off") << u"istiod settings"_qs << int(PreflightCheck::Status::Fail) << u"AUTOREGISTRATION=false"_qs;
        QTest::newRow("wrong cluster name") << u"Mesh identity"_qs << int(PreflightCheck::Status::Fail) << u"\"cluster1\" but the cluster has \"Kubernetes\""_qs;
        QTest::newRow("wrong trust domain") << u"Mesh identity"_qs << int(PreflightCheck::Status::Fail)
                                            << u"mesh.trustDomain is \"cluster.local\" but the cluster has \"example.org\""_qs;
        // A mesh config without trustDomain is Istio's default, cluster.local.
        QTest::newRow("trust domain left at Istio's default") << u"Mesh identity"_qs << int(PreflightCheck::Status::Fail)
                                                              << u"mesh.trustDomain is \"example.org\" but the cluster has \"cluster.local\""_qs;
        QTest::newRow("old CRDs") << u"Istio APIs"_qs << int(PreflightCheck::Status::Fail) << u"the plan needs v1"_qs;
        QTest::newRow("gateway pending") << u"East-west gateway"_qs << int(PreflightCheck::Status::Warn) << u"without an address"_qs;
        // The plan's address wins, as istioctl's --ingressIP over --ingressService's; the difference is said.
        QTest::newRow("gateway moved") << u"East-west gateway"_qs << int(PreflightCheck::Status::Warn)
                                       << u"istio-eastwestgateway has 203.0.113.9; the VMs use the plan's 198.18.0.2"_qs;
        // enabled: false: the gateway the user runs, where eastWestGateway.service/namespace say.
        QTest::newRow("own gateway not found") << u"East-west gateway"_qs << int(PreflightCheck::Status::Warn)
                                               << u"Service gateways/vm-gateway not found and eastWestGateway.address is empty"_qs;
        QTest::newRow("forbidden") << u"Permissions"_qs << int(PreflightCheck::Status::Fail) << u"patch WorkloadGroup in chapter10vm (RBAC: denied)"_qs;
        QTest::newRow("no root cert") << u"istio-ca-root-cert"_qs << int(PreflightCheck::Status::Warn) << u"not (yet) in chapter10vm"_qs;
        // istio#31624: an AWS-style load balancer with a host name only.
        QTest::newRow("gateway host name only") << u"East-west gateway"_qs << int(PreflightCheck::Status::Warn)
                                                << u"only the host name a1b2.elb.amazonaws.com; the VMs use the plan's"_qs;
        QTest::newRow("gateway host name only, none in the plan") << u"East-west gateway"_qs << int(PreflightCheck::Status::Fail)
                                                                  << u"would get no line for istiod"_qs;
        // The bundle refuses it (istioctl's --name); before the first apply it is expected.
        QTest::newRow("workload group missing") << u"WorkloadGroup"_qs << int(PreflightCheck::Status::Warn)
                                                << u"not in the cluster: chapter10vm/envoydummy"_qs;
        QTest::newRow("sa missing") << u"TokenRequest"_qs << int(PreflightCheck::Status::Warn) << u"not found"_qs;
        QTest::newRow("token refused") << u"TokenRequest"_qs << int(PreflightCheck::Status::Fail) << u"the server could not find the requested resource"_qs;
    }

    void failures()
    {
        QFETCH(QString, title);
        QFETCH(int, status);
        QFETCH(QString, detail);
        Plan plan = bookPlan();
        ClusterObservations o = healthy(plan);
        const QString row = QString::fromUtf8(QTest::currentDataTag());
        if (row.startsWith(u"gateway host name only")) {
            o.gatewayAddress.clear();
            o.gatewayHostname = u"a1b2.elb.amazonaws.com"_qs;
            if (row.endsWith(u"none in the plan"))
                plan.eastWestGateway.address.clear();
        }
        if (row == u"unreachable")
            o.unreachable = u"connection refused"_qs;
        else if (row == u"no istiod")
            o.istiodFound = false;
        else if (row == u"version skew")
            o.istiodImage = u"docker.io/istio/pilot:1.28.1"_qs;
        else if (row == u"autoregistration off")
            o.istiodEnv.insert(u"PILOT_ENABLE_WORKLOAD_ENTRY_AUTOREGISTRATION"_qs, u"false"_qs);
        else if (row == u"wrong cluster name")
            o.injectorValuesJson = uR"({"global":{"meshID":"mesh1","multiCluster":{"clusterName":"Kubernetes"},"network":"network1"}})"_qs;
        else if (row == u"wrong trust domain")
            o.meshConfigYaml = u"defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\ntrustDomain: example.org\n"_qs;
        else if (row == u"trust domain left at Istio's default") {
            plan.mesh.trustDomain = u"example.org"_qs;
            o.meshConfigYaml = u"defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\n"_qs;
        } else if (row == u"old CRDs")
            o.networkingVersions = {u"v1beta1"_qs, u"v1alpha3"_qs};
        else if (row == u"gateway pending")
            o.gatewayAddress.clear();
        else if (row == u"gateway moved")
            o.gatewayAddress = u"203.0.113.9"_qs;
        else if (row == u"own gateway not found") {
            plan.eastWestGateway = EastWestGateway{};
            plan.eastWestGateway.enabled = false;
            plan.eastWestGateway.service = u"vm-gateway"_qs;
            plan.eastWestGateway.namespaceName = u"gateways"_qs;
            o.gatewayFound = false;
        }
        else if (row == u"forbidden") {
            for (AccessResult& a : o.access) {
                if (a.requirement.kind == u"WorkloadGroup") {
                    a.allowed = false;
                    a.reason = u"RBAC: denied"_qs;
                }
            }
        } else if (row == u"no root cert")
            o.rootCertByNamespace.insert(u"chapter10vm"_qs, false);
        else if (row == u"workload group missing")
            o.workloadGroupByKey.insert(u"chapter10vm/envoydummy"_qs, false);
        else if (row == u"sa missing")
            o.tokenRequestByAccount.insert(u"chapter10vm/chapter10-sa"_qs, TokenRequestOutcome{u"serviceaccounts \"chapter10-sa\" not found"_qs, true});
        else if (row == u"token refused")
            o.tokenRequestByAccount.insert(u"chapter10vm/chapter10-sa"_qs, TokenRequestOutcome{u"the server could not find the requested resource"_qs, false});

        const QList<PreflightCheck> checks = evaluatePreflight(plan, o);
        const auto it = std::find_if(checks.cbegin(), checks.cend(), [&](const PreflightCheck& c) {
            return c.title == title && c.status != PreflightCheck::Status::Pass;
        });
        QVERIFY2(it != checks.cend(), qPrintable(preflightTable(checks)));
        QCOMPARE(int(it->status), status);
        QVERIFY2(it->detail.contains(detail), qPrintable(it->detail));
        QVERIFY(!it->fix.isEmpty());
        QCOMPARE(preflightPassed(checks), status != int(PreflightCheck::Status::Fail));
        QVERIFY(preflightTable(checks).contains(u"→ "_qs + it->fix));
    }

    // Each identity field's fix speaks of what that field breaks: a meshID is not the cluster ID.
    void identityFixesNameTheirField_data()
    {
        QTest::addColumn<QString>("valuesJson");
        QTest::addColumn<QString>("meshYaml");
        QTest::addColumn<QStringList>("wanted");
        QTest::addColumn<QStringList>("unwanted");
        QTest::newRow("meshID") << uR"({"global":{"meshID":"mesh2","multiCluster":{"clusterName":"cluster1"},"network":"network1"}})"_qs
                                << QString() << QStringList{u"mesh.meshID"_qs, u"ISTIO_META_MESH_ID"_qs}
                                << QStringList{u"cluster ID"_qs, u"clusterName"_qs};
        QTest::newRow("clusterName") << uR"({"global":{"meshID":"mesh1","multiCluster":{"clusterName":"other"},"network":"network1"}})"_qs
                                     << QString() << QStringList{u"mesh.clusterName"_qs, u"cluster ID"_qs, u"authentication"_qs}
                                     << QStringList{u"mesh.meshID"_qs};
        QTest::newRow("network") << uR"({"global":{"meshID":"mesh1","multiCluster":{"clusterName":"cluster1"},"network":"net9"}})"_qs
                                 << QString() << QStringList{u"mesh.network"_qs} << QStringList{u"cluster ID"_qs};
        QTest::newRow("trustDomain") << uR"({"global":{"meshID":"mesh1","multiCluster":{"clusterName":"cluster1"},"network":"network1"}})"_qs
                                     << u"trustDomain: example.org\n"_qs << QStringList{u"mesh.trustDomain"_qs, u"TRUST_DOMAIN"_qs}
                                     << QStringList{u"cluster ID"_qs};
    }

    void identityFixesNameTheirField()
    {
        QFETCH(QString, valuesJson);
        QFETCH(QString, meshYaml);
        QFETCH(QStringList, wanted);
        QFETCH(QStringList, unwanted);
        const Plan plan = bookPlan();
        ClusterObservations o = healthy(plan);
        o.injectorValuesJson = valuesJson;
        o.meshConfigYaml = meshYaml;
        const QList<PreflightCheck> checks = evaluatePreflight(plan, o);
        const PreflightCheck* identity = byTitle(checks, u"Mesh identity"_qs);
        QVERIFY(identity);
        QCOMPARE(int(identity->status), int(PreflightCheck::Status::Fail));
        for (const QString& w : wanted)
            QVERIFY2(identity->fix.contains(w), qPrintable(w + u" not in: "_qs + identity->fix));
        for (const QString& u : unwanted)
            QVERIFY2(!identity->fix.contains(u), qPrintable(u + u" in: "_qs + identity->fix));
    }

    // The gateway the user runs (enabled: false) is checked where the plan names it; without an
    // address of its own the plan's is used, and said.
    void ownGateway()
    {
        Plan plan = bookPlan();
        plan.eastWestGateway.enabled = false;
        plan.eastWestGateway.service = u"vm-gateway"_qs;
        plan.eastWestGateway.namespaceName = u"gateways"_qs;
        ClusterObservations o = healthy(plan);
        QList<PreflightCheck> checks = evaluatePreflight(plan, o);
        const PreflightCheck* gateway = byTitle(checks, u"East-west gateway"_qs);
        QVERIFY(gateway);
        QCOMPARE(int(gateway->status), int(PreflightCheck::Status::Pass));
        QCOMPARE(gateway->detail, u"Service gateways/vm-gateway (LoadBalancer) at 198.18.0.2"_qs);

        o.gatewayFound = false;
        checks = evaluatePreflight(plan, o);
        gateway = byTitle(checks, u"East-west gateway"_qs);
        QVERIFY(gateway);
        QCOMPARE(int(gateway->status), int(PreflightCheck::Status::Pass));
        QVERIFY2(gateway->detail.contains(u"the VMs use the plan's eastWestGateway.address 198.18.0.2"_qs), qPrintable(gateway->detail));
    }

    void drift()
    {
        const QJsonObject desired{{u"spec"_qs, QJsonObject{{u"probe"_qs, QJsonObject{{u"periodSeconds"_qs, 5}}},
                                                          {u"ports"_qs, QJsonArray{QJsonObject{{u"port"_qs, 80}}}}}}};
        QJsonObject live = desired;
        // Fields the server adds do not count.
        QJsonObject spec = live.value(u"spec"_qs).toObject();
        spec.insert(u"clusterIP"_qs, u"10.0.0.12"_qs);
        spec.insert(u"ports"_qs, QJsonArray{QJsonObject{{u"port"_qs, 80}, {u"protocol"_qs, u"TCP"_qs}}});
        live.insert(u"spec"_qs, spec);
        live.insert(u"status"_qs, QJsonObject{{u"x"_qs, 1}});
        QVERIFY(Drift::differences(desired, live).isEmpty());
        // A changed field does.
        QJsonObject probe{{u"periodSeconds"_qs, 10}};
        spec.insert(u"probe"_qs, probe);
        live.insert(u"spec"_qs, spec);
        QCOMPARE(Drift::differences(desired, live), QStringList{u"spec.probe.periodSeconds: 5 → 10 in the cluster"_qs});
        // So does a missing one, and a shorter list.
        spec.remove(u"probe"_qs);
        spec.insert(u"ports"_qs, QJsonArray{});
        live.insert(u"spec"_qs, spec);
        QCOMPARE(Drift::differences(desired, live).size(), 2);
    }

    // Security review H1: `status` and `apply --diff` print differences; a Secret's values (the
    // cacerts Secret holds the plug-in CA's private key) are masked as kubectl diff masks them.
    void secretValuesNeverShow()
    {
        const QString planKey = u"LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tcGxhbg=="_qs;
        const QString liveKey = u"LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0tbGl2ZQ=="_qs;
        const QJsonObject desired{{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"Secret"_qs}, {u"type"_qs, u"Opaque"_qs},
                                  {u"data"_qs, QJsonObject{{u"ca-key.pem"_qs, planKey}, {u"root-cert.pem"_qs, u"Y2VydA=="_qs}}}};
        QJsonObject live = desired;
        live.insert(u"type"_qs, u"kubernetes.io/tls"_qs);
        live.insert(u"data"_qs, QJsonObject{{u"ca-key.pem"_qs, liveKey}, {u"root-cert.pem"_qs, u"Y2VydA=="_qs}});
        const QStringList changed = Drift::differences(desired, live);
        QCOMPARE(changed, QStringList({u"data.ca-key.pem: (secret value) → (another secret value) in the cluster"_qs,
                                       u"type: \"Opaque\" → \"kubernetes.io/tls\" in the cluster"_qs}));
        live.remove(u"data"_qs);
        const QStringList missing = Drift::differences(desired, live);
        QVERIFY(missing.contains(u"data.ca-key.pem: (secret value) → (absent) in the cluster"_qs));
        QVERIFY(missing.contains(u"data.root-cert.pem: (secret value) → (absent) in the cluster"_qs));
        for (const QString& line : changed + missing) {
            QVERIFY2(!line.contains(planKey) && !line.contains(liveKey) && !line.contains(u"Y2VydA=="_qs), qPrintable(line));
        }
        // Other kinds keep their values: a ConfigMap's data is what the user needs to see.
        QJsonObject configMap = desired;
        configMap.insert(u"kind"_qs, u"ConfigMap"_qs);
        QJsonObject liveMap = configMap;
        liveMap.insert(u"data"_qs, QJsonObject{{u"ca-key.pem"_qs, u"other"_qs}, {u"root-cert.pem"_qs, u"Y2VydA=="_qs}});
        QVERIFY(Drift::differences(configMap, liveMap).join(u'\n').contains(u"\"other\""_qs));
    }
};

QTEST_APPLESS_MAIN(TestPreflight)
#include "tst_preflight.moc"
