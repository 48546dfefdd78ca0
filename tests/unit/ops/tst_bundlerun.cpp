// SPDX-License-Identifier: Apache-2.0
// A VM's bundle and the cluster checks before it, against a scripted cluster (scriptedistio.h):
// where meshdeck follows `istioctl x workload entry configure` — the plan's gateway address
// wins over the gateway Service's (--ingressIP), the plan names the gateway Service
// (--ingressService), a group whose WorkloadGroup is not in the cluster is refused (--name) —
// and what it says where the plan and the cluster disagree.

#include "bundlerun.h"
#include "fakeclient.h"
#include "planloader.h"
#include "preflightrun.h"
#include "scriptedistio.h"
#include "testsupport.h"

#include <QSignalSpy>
#include <QTest>

namespace {

const QString kVm = u"chapter10-instance"_qs;

QString bookPath()
{
    return TestSupport::sourceDir() + u"/examples/book-chapter10.yaml"_qs;
}

/*! The book's plan, its eastWestGateway.address line replaced by gateway (YAML lines of that section). */
Plan bookPlan(const QByteArray& gateway = {})
{
    QByteArray text = TestSupport::readAll(bookPath());
    if (!gateway.isNull()) {
        const QByteArray line = "  address: 198.18.0.2          # the gateway's load-balancer IP, for the VM's hosts file\n";
        Q_ASSERT_X(text.contains(line), "bookPlan", "the book's plan changed shape");
        text.replace(line, gateway);
    }
    const PlanLoadResult loaded = loadPlanText(text, bookPath());
    [&] { QVERIFY2(loaded.ok(), qPrintable(TestSupport::describe(loaded.problems))); }();
    return loaded.plan ? *loaded.plan : Plan{};
}

QByteArray fileOf(const BundleResult& result, const QString& name)
{
    for (const VmFile& f : result.bundle.files)
        if (f.name == name)
            return f.content;
    return {};
}

bool requested(const FakeApiServer& server, const QString& path)
{
    return std::any_of(server.requests.cbegin(), server.requests.cend(), [&](const FakeRequest& r) { return r.path == path; });
}

} // namespace

class TestBundleRun final : public QObject
{
    Q_OBJECT

private:
    /*! Runs a BundleRun of the book's VM against cluster; false when it did not finish. */
    bool bundle(ScriptedIstio& cluster, const Plan& plan, BundleResult* result, Error* error = nullptr,
                FakeApiServer* seen = nullptr)
    {
        FakeApiServer own;
        FakeApiServer& server = seen ? *seen : own;
        cluster.serve(server);
        KubeClient client(configFor(server.url()), fastOptions());
        BundleRun run(&client, plan, kVm);
        QSignalSpy finished(&run, &Task::finished);
        run.start();
        if (!finished.wait(20000))
            return false;
        *result = run.result();
        if (error)
            *error = finished.first().first().value<Error>();
        return true;
    }

    QList<PreflightCheck> preflight(ScriptedIstio& cluster, const Plan& plan, FakeApiServer* seen = nullptr)
    {
        FakeApiServer own;
        FakeApiServer& server = seen ? *seen : own;
        cluster.serve(server);
        KubeClient client(configFor(server.url()), fastOptions());
        PreflightRun run(&client, plan);
        QSignalSpy finished(&run, &Task::finished);
        run.start();
        if (!finished.wait(30000))
            return {};
        return run.checks();
    }

    static const PreflightCheck* byTitle(const QList<PreflightCheck>& checks, const QString& title)
    {
        const auto it = std::find_if(checks.cbegin(), checks.cend(), [&](const PreflightCheck& c) { return c.title == title; });
        return it == checks.cend() ? nullptr : &*it;
    }

private slots:
    void agreeingClusterBundlesQuietly()
    {
        ScriptedIstio cluster;
        BundleResult result;
        QVERIFY(bundle(cluster, bookPlan(), &result));
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY2(result.warnings.isEmpty(), qPrintable(result.warnings.join(u'\n')));
        QCOMPARE(fileOf(result, u"hosts"_qs), QByteArray("198.18.0.2 istiod.istio-system.svc\n"));
        QCOMPARE(fileOf(result, u"istio-token"_qs), QByteArray("scripted-token"));
    }

    // istioctl's --ingressIP wins over the address of --ingressService; the difference is said.
    void planAddressWinsOverTheService()
    {
        ScriptedIstio cluster;
        cluster.setGateway(u"istio-system"_qs, u"istio-eastwestgateway"_qs, u"203.0.113.9"_qs);
        BundleResult result;
        QVERIFY(bundle(cluster, bookPlan(), &result));
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(fileOf(result, u"hosts"_qs), QByteArray("198.18.0.2 istiod.istio-system.svc\n"));
        const QString warnings = result.warnings.join(u'\n');
        QVERIFY2(warnings.contains(u"203.0.113.9"_qs) && warnings.contains(u"eastWestGateway.address 198.18.0.2"_qs),
                 qPrintable(warnings));

        const QList<PreflightCheck> checks = preflight(cluster, bookPlan());
        const PreflightCheck* gateway = byTitle(checks, u"East-west gateway"_qs);
        QVERIFY2(gateway, qPrintable(preflightTable(checks)));
        QCOMPARE(int(gateway->status), int(PreflightCheck::Status::Warn));
        QVERIFY2(gateway->detail.contains(u"the VMs use the plan's 198.18.0.2"_qs), qPrintable(gateway->detail));
    }

    // istioctl's --ingressService: a gateway the user runs, named by the plan, is the one read.
    void planNamesTheGatewayService()
    {
        const Plan plan = bookPlan("  enabled: false\n  service: vm-gateway\n  namespace: gateways\n");
        QCOMPARE(plan.eastWestGateway.enabled, false);
        ScriptedIstio cluster;
        cluster.setGateway(u"gateways"_qs, u"vm-gateway"_qs, u"203.0.113.20"_qs);
        FakeApiServer server;
        BundleResult result;
        QVERIFY(bundle(cluster, plan, &result, nullptr, &server));
        QVERIFY2(result.ok(), qPrintable(result.error));
        QCOMPARE(fileOf(result, u"hosts"_qs), QByteArray("203.0.113.20 istiod.istio-system.svc\n"));
        QVERIFY(requested(server, ScriptedIstio::gatewayPath(u"gateways"_qs, u"vm-gateway"_qs)));
        QVERIFY(!requested(server, ScriptedIstio::gatewayPath()));

        FakeApiServer checked;
        const QList<PreflightCheck> checks = preflight(cluster, plan, &checked);
        QVERIFY(!requested(checked, ScriptedIstio::gatewayPath()));
        const PreflightCheck* gateway = byTitle(checks, u"East-west gateway"_qs);
        QVERIFY2(gateway, qPrintable(preflightTable(checks)));
        QCOMPARE(int(gateway->status), int(PreflightCheck::Status::Pass));
        QVERIFY2(gateway->detail.contains(u"gateways/vm-gateway"_qs) && gateway->detail.contains(u"203.0.113.20"_qs),
                 qPrintable(gateway->detail));
    }

    // istioctl x workload entry configure --name refuses a group the cluster does not have: a VM
    // of it would never register.
    void groupMissingFromTheClusterIsRefused()
    {
        ScriptedIstio cluster;
        cluster.remove(ScriptedIstio::workloadGroupPath());
        FakeApiServer server;
        BundleResult result;
        Error error;
        QVERIFY(bundle(cluster, bookPlan(), &result, &error, &server));
        QVERIFY(!result.ok());
        QVERIFY(result.bundle.files.isEmpty());
        QVERIFY2(result.error.contains(u"WorkloadGroup envoydummy is not in namespace chapter10vm"_qs), qPrintable(result.error));
        QVERIFY2(result.error.contains(u"meshdeck apply"_qs), qPrintable(result.error));
        QCOMPARE(error.message, result.error);
        QVERIFY(!requested(server, ScriptedIstio::tokenPath())); // no credential minted for it

        const QList<PreflightCheck> checks = preflight(cluster, bookPlan());
        const PreflightCheck* group = byTitle(checks, u"WorkloadGroup"_qs);
        QVERIFY2(group, qPrintable(preflightTable(checks)));
        QCOMPARE(int(group->status), int(PreflightCheck::Status::Warn));
        QVERIFY2(group->detail.contains(u"chapter10vm/envoydummy"_qs), qPrintable(group->detail));
        QVERIFY2(group->fix.contains(u"meshdeck apply"_qs), qPrintable(group->fix));
    }

    // Preflight fails a cluster whose clusterName is not the plan's; the bundle says so too.
    void clusterNameMismatchIsSaid()
    {
        ScriptedIstio cluster;
        cluster.setInjectorValues(u"mesh1"_qs, u"Kubernetes"_qs, u"network1"_qs);
        BundleResult result;
        QVERIFY(bundle(cluster, bookPlan(), &result));
        QVERIFY2(result.ok(), qPrintable(result.error));
        const QString warnings = result.warnings.join(u'\n');
        QVERIFY2(warnings.contains(u"mesh.clusterName is \"cluster1\" but the cluster has \"Kubernetes\""_qs), qPrintable(warnings));

        const QList<PreflightCheck> checks = preflight(cluster, bookPlan());
        const PreflightCheck* identity = byTitle(checks, u"Mesh identity"_qs);
        QVERIFY2(identity, qPrintable(preflightTable(checks)));
        QCOMPARE(int(identity->status), int(PreflightCheck::Status::Fail));
        QVERIFY2(warnings.contains(identity->detail), qPrintable(identity->detail)); // one check, one sentence
    }

    // The mesh's trustDomain against the plan's: preflight reads it from the mesh ConfigMap.
    void trustDomainMismatchIsChecked()
    {
        ScriptedIstio cluster;
        cluster.setMeshConfig(u"defaultConfig:\n  discoveryAddress: istiod.istio-system.svc:15012\ntrustDomain: example.org\n"_qs);
        const QList<PreflightCheck> checks = preflight(cluster, bookPlan());
        const PreflightCheck* identity = byTitle(checks, u"Mesh identity"_qs);
        QVERIFY2(identity, qPrintable(preflightTable(checks)));
        QCOMPARE(int(identity->status), int(PreflightCheck::Status::Fail));
        QVERIFY2(identity->detail.contains(u"mesh.trustDomain is \"cluster.local\" but the cluster has \"example.org\""_qs),
                 qPrintable(identity->detail));

        BundleResult result;
        QVERIFY(bundle(cluster, bookPlan(), &result));
        QVERIFY2(result.ok(), qPrintable(result.error));
        QVERIFY2(result.warnings.join(u'\n').contains(u"mesh.trustDomain"_qs), qPrintable(result.warnings.join(u'\n')));
    }
};

QTEST_GUILESS_MAIN(TestBundleRun)
#include "tst_bundlerun.moc"
