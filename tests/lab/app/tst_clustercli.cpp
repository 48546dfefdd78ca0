// SPDX-License-Identifier: Apache-2.0
// meshdeck preflight / apply / status, the real binary against the real lab apiserver.
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include "testsupport.h"

namespace {

using TestSupport::Run;

// The binary and kubectl: three minutes each, and one that hangs ends the suite.
const TestSupport::RunOptions patient = TestSupport::RunOptions().withTimeout(180000).withAbortOnTimeout();

// The namespaces are this test's own, so it can run against a lab other tests use too.
const char* const planText = R"(apiVersion: meshdeck.io/v1alpha1
kind: OnboardingPlan
metadata:
  name: clitest
mesh:
  istioVersion: "1.31.0"
  meshID: mesh1
  clusterName: cluster1
  network: network1
eastWestGateway:
  enabled: false
istiodExposure:
  enabled: false
vmGroups:
- name: app
  namespace: clitest-vm
  serviceAccount: app-sa
  labels: {app: clitest}
  probe:
    periodSeconds: 5
    httpGet: {port: 8080, path: /healthz}
  service:
    ports:
    - {name: http, port: 80, targetPort: 8080}
vms:
- name: vm1
  group: app
  address: 198.18.0.10
trafficSplits:
- name: clitest
  namespace: clitest-vm
  hosts: [app.clitest-vm.svc.cluster.local]
  destinations:
  - {host: app.clitest-vm.svc.cluster.local, weight: 100}
)";

} // namespace

class TestClusterCli final : public QObject
{
    Q_OBJECT

private:
    QString m_kubeconfig;
    QString m_kubectl;
    QTemporaryDir m_dir;
    QString m_plan;

    Run meshdeck(QStringList args)
    {
        args << u"--plan"_qs << m_plan << u"--kubeconfig"_qs << m_kubeconfig;
        return TestSupport::run(qEnvironmentVariable("MESHDECK_BINARY"), args, patient);
    }
    Run kubectl(const QStringList& args)
    {
        return TestSupport::run(m_kubectl, QStringList{u"--kubeconfig"_qs, m_kubeconfig} + args, patient);
    }

private slots:
    void initTestCase()
    {
        m_kubeconfig = qEnvironmentVariable("MESHDECK_LAB_KUBECONFIG");
        if (m_kubeconfig.isEmpty() || !QFile::exists(m_kubeconfig))
            QSKIP("the lab is not up (tests/lab/lab up could not build or start it)");
        m_kubectl = qEnvironmentVariable("MESHDECK_LAB_DIR") + u"/bin/kubectl"_qs;
        QVERIFY(QFile::exists(m_kubectl));
        m_plan = m_dir.filePath(u"plan.yaml"_qs);
        QVERIFY(TestSupport::writeFile(m_plan, planText));
        kubectl({u"delete"_qs, u"namespace"_qs, u"clitest-vm"_qs, u"--ignore-not-found"_qs, u"--wait=true"_qs});
    }

    void cleanupTestCase()
    {
        if (!m_kubectl.isEmpty())
            kubectl({u"delete"_qs, u"namespace"_qs, u"clitest-vm"_qs, u"--ignore-not-found"_qs, u"--wait=false"_qs});
    }

    void preflightBeforeApply()
    {
        const Run r = meshdeck({u"preflight"_qs});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY2(r.out.contains(u"pass    Kubernetes API"_qs), qPrintable(r.out));
        QVERIFY(r.out.contains(u"pass    Mesh identity"_qs));
        QVERIFY(r.out.contains(u"pass    Permissions"_qs));
        // The service account does not exist yet: a warning with the fix, not a failure.
        QVERIFY2(r.out.contains(u"warn    TokenRequest"_qs), qPrintable(r.out));
        QVERIFY(r.out.contains(u"created by `meshdeck apply`"_qs));
    }

    void wrongContextFails()
    {
        const Run r = meshdeck({u"preflight"_qs, u"--context"_qs, u"nope"_qs});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains(u"nope"_qs), qPrintable(r.err));
    }

    void dryRunStoresNothing()
    {
        const Run r = meshdeck({u"apply"_qs, u"--dry-run=server"_qs, u"--diff"_qs});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY(r.out.contains(u"would create Namespace clitest-vm"_qs));
        QVERIFY(r.out.contains(u"would create WorkloadGroup clitest-vm/app"_qs));
        QCOMPARE(kubectl({u"get"_qs, u"namespace"_qs, u"clitest-vm"_qs}).exitCode, 1);
    }

    void applyThenApplyAgain()
    {
        const Run first = meshdeck({u"apply"_qs});
        QVERIFY2(first.exitCode == 0, qPrintable(first.out + first.err));
        for (const QString& object : {u"Namespace clitest-vm"_qs, u"ServiceAccount clitest-vm/app-sa"_qs,
                                      u"WorkloadGroup clitest-vm/app"_qs, u"Service clitest-vm/app"_qs,
                                      u"VirtualService clitest-vm/clitest"_qs})
            QVERIFY2(first.out.contains(u"created      "_qs + object), qPrintable(first.out));
        // Owned by meshdeck's field manager.
        const Run owners = kubectl({u"get"_qs, u"workloadgroup"_qs, u"-n"_qs, u"clitest-vm"_qs, u"app"_qs,
                                    u"--show-managed-fields"_qs, u"-o"_qs, u"jsonpath={.metadata.managedFields[*].manager}"_qs});
        QVERIFY2(owners.out.contains(u"meshdeck"_qs), qPrintable(owners.out + owners.err));

        const Run second = meshdeck({u"apply"_qs});
        QVERIFY2(second.exitCode == 0, qPrintable(second.out + second.err));
        const QStringList lines = second.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), first.out.split(u'\n', Qt::SkipEmptyParts).size());
        for (const QString& line : lines)
            QVERIFY2(line.startsWith(u"unchanged"_qs), qPrintable(second.out));
    }

    void statusAndHealth()
    {
        Run r = meshdeck({u"status"_qs});
        QCOMPARE(r.exitCode, 1); // in sync, but no VM has registered
        QVERIFY2(r.out.contains(u"in sync  WorkloadGroup clitest-vm/app"_qs), qPrintable(r.out));
        QVERIFY(r.out.contains(u"clitest-vm/app: no WorkloadEntry"_qs));

        // Stand-in for istiod's auto-registration (istiod does not run in the lab): the entry it
        // would create, and the Healthy condition it would write after the first probe.
        const QString entry = m_dir.filePath(u"we.yaml"_qs);
        QVERIFY(TestSupport::writeFile(entry, R"(apiVersion: networking.istio.io/v1
kind: WorkloadEntry
metadata:
  name: app-198.18.0.10-network1
  namespace: clitest-vm
  annotations:
    istio.io/autoRegistrationGroup: app
spec:
  address: 198.18.0.10
  network: network1
  labels: {app: clitest}
)"));
        QCOMPARE(kubectl({u"apply"_qs, u"-f"_qs, entry}).exitCode, 0);
        r = meshdeck({u"status"_qs});
        QVERIFY2(r.out.contains(u"no health yet"_qs), qPrintable(r.out));
        const Run patched = kubectl({u"patch"_qs, u"workloadentry"_qs, u"-n"_qs, u"clitest-vm"_qs, u"app-198.18.0.10-network1"_qs,
                                     u"--subresource=status"_qs, u"--type=merge"_qs, u"-p"_qs,
                                     uR"({"status":{"conditions":[{"type":"Healthy","status":"True","lastProbeTime":"2026-01-01T00:00:00Z","lastTransitionTime":"2026-01-01T00:00:00Z"}]}})"_qs});
        QVERIFY2(patched.exitCode == 0, qPrintable(patched.err));
        r = meshdeck({u"status"_qs});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out));
        QVERIFY2(r.out.contains(QRegularExpression(u"\\n  healthy +clitest-vm/app app-198\\.18\\.0\\.10-network1 198\\.18\\.0\\.10\\n"_qs)),
                 qPrintable(r.out));
    }

    void driftAndConflicts()
    {
        // Someone changes a field meshdeck owns, with another field manager.
        const Run edit = kubectl({u"patch"_qs, u"workloadgroup"_qs, u"-n"_qs, u"clitest-vm"_qs, u"app"_qs, u"--type=merge"_qs,
                                  u"-p"_qs, uR"({"spec":{"probe":{"periodSeconds":30}}})"_qs});
        QVERIFY2(edit.exitCode == 0, qPrintable(edit.err));
        Run r = meshdeck({u"status"_qs});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.out.contains(u"differs  WorkloadGroup clitest-vm/app"_qs), qPrintable(r.out));
        QVERIFY(r.out.contains(u"spec.probe.periodSeconds: 5 → 30 in the cluster"_qs));

        r = meshdeck({u"apply"_qs});
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.out.contains(u"FAILED       WorkloadGroup clitest-vm/app"_qs), qPrintable(r.out));
        QVERIFY2(r.out.contains(u"kubectl-patch"_qs), qPrintable(r.out)); // the other manager, by name
        QVERIFY(r.out.contains(u"--force-conflicts"_qs));

        r = meshdeck({u"apply"_qs, u"--force-conflicts"_qs, u"--diff"_qs});
        QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
        QVERIFY(r.out.contains(u"configured   WorkloadGroup clitest-vm/app"_qs));
        QVERIFY(r.out.contains(u"spec.probe.periodSeconds: 5 → 30 in the cluster"_qs));
        QCOMPARE(meshdeck({u"status"_qs}).exitCode, 0);
    }

    void otherUsers()
    {
        // The same commands through the bearer-token and exec-plugin users of the kubeconfig.
        for (const QString& context : {u"token"_qs, u"exec"_qs}) {
            const Run r = meshdeck({u"status"_qs, u"--context"_qs, context});
            QVERIFY2(r.exitCode == 0, qPrintable(context + u": "_qs + r.out + r.err));
        }
    }
};

QTEST_GUILESS_MAIN(TestClusterCli)
#include "tst_clustercli.moc"
