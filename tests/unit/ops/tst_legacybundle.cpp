// SPDX-License-Identifier: Apache-2.0
// The files of the first seed's (Istio 1.5) multi-network VM guide for examples/multinetwork-legacy.yaml's
// vm1, as makeLegacyBundle() makes them: the guide's cluster.env lines and hosts line, the
// plug-in root, and a workload certificate for the namespace the add-to-mesh entry names (checked
// with the openssl command line, not with the code that made it). Also what decides a rerun (the
// input hash) and the refusals that name what the plan lacks.
#include "bundlerun.h"

#include "planloader.h"
#include "testsupport.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

QString runText(const QString& program, const QStringList& args, const QByteArray& input = {}, int* exitCode = nullptr)
{
    QProcess p;
    p.start(program, args);
    p.write(input);
    p.closeWriteChannel();
    p.waitForFinished(60000);
    if (exitCode)
        *exitCode = p.exitCode();
    return QString::fromUtf8(p.readAllStandardOutput() + p.readAllStandardError());
}

QStringList names(const VmBundle& bundle)
{
    QStringList out;
    for (const VmFile& f : bundle.files)
        out.append(f.name + u" -> "_qs + f.installPath);
    return out;
}

} // namespace

class TestLegacyBundle final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The example as a user has it: the plan, and the CA made with the script its comment names.
        QVERIFY(QFile::copy(TestSupport::sourceDir() + u"/examples/multinetwork-legacy.yaml"_qs, m_dir.filePath(u"legacy.yaml"_qs)));
        int code = -1;
        const QString made = runText(TestSupport::sourceDir() + u"/scripts/make-plugin-ca"_qs, {m_dir.filePath(u"certs"_qs)}, {}, &code);
        QVERIFY2(code == 0, qPrintable(made));
        const PlanLoadResult loaded = loadPlanFile(m_dir.filePath(u"legacy.yaml"_qs));
        QVERIFY2(loaded.ok(), qPrintable(TestSupport::describe(loaded.problems)));
        m_plan = *loaded.plan;
    }

    void theGuidesFiles()
    {
        const BundleResult r = makeLegacyBundle(m_plan, u"vm1"_qs, SharedClusterFacts{}, true);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.legacy);
        QCOMPARE(names(r.bundle), (QStringList{u"root-cert.pem -> /etc/certs/root-cert.pem"_qs,
                                               u"cert-chain.pem -> /etc/certs/cert-chain.pem"_qs,
                                               u"key.pem -> /etc/certs/key.pem"_qs,
                                               u"cluster.env -> /var/lib/istio/envoy/cluster.env"_qs,
                                               u"hosts -> /etc/hosts"_qs}));
        // The seed: echo -e "ISTIO_CP_AUTH=MUTUAL_TLS\nISTIO_SERVICE_CIDR=$ISTIO_SERVICE_CIDR\n" > cluster.env;
        // echo "ISTIO_INBOUND_PORTS=8888" >> cluster.env (the add-to-mesh service's port).
        QCOMPARE(r.bundle.file(u"cluster.env"_qs)->content,
                 QByteArray("ISTIO_CP_AUTH=MUTUAL_TLS\nISTIO_SERVICE_CIDR=172.21.0.0/16\nISTIO_INBOUND_PORTS=8888\n"));
        // The seed's two /etc/hosts lines (the gateway for Citadel and Pilot, httpbin.bar.global),
        // with istiod behind the gateway between them, as export writes it, for today's agent.
        QCOMPARE(r.bundle.file(u"hosts"_qs)->content,
                 QByteArray("198.18.0.2 istio-citadel istio-pilot istio-pilot.istio-system\n198.18.0.2 istiod.istio-system.svc\n"
                            "127.255.0.3 httpbin.bar.global\n"));
        QCOMPARE(r.bundle.file(u"root-cert.pem"_qs)->content, TestSupport::readAll(m_dir.filePath(u"certs/root-cert.pem"_qs)));
        // istio.default of namespace vm (add-to-mesh -n vm), service account default.
        QCOMPARE(r.workloadIdentity, u"spiffe://cluster.local/ns/vm/sa/default"_qs);
        const QByteArray chain = r.bundle.file(u"cert-chain.pem"_qs)->content;
        QVERIFY(chain.endsWith(TestSupport::readAll(m_dir.filePath(u"certs/cert-chain.pem"_qs))));
        const QString san = runText(u"openssl"_qs, {u"x509"_qs, u"-noout"_qs, u"-ext"_qs, u"subjectAltName"_qs}, chain);
        QVERIFY2(san.contains(u"URI:spiffe://cluster.local/ns/vm/sa/default"_qs), qPrintable(san));
        const QString chainFile = m_dir.filePath(u"chain.pem"_qs);
        QVERIFY(TestSupport::writeFile(chainFile, chain));
        int code = -1;
        const QString verified = runText(u"openssl"_qs, {u"verify"_qs, u"-CAfile"_qs, m_dir.filePath(u"certs/root-cert.pem"_qs),
                                                         u"-untrusted"_qs, chainFile, chainFile}, {}, &code);
        QVERIFY2(code == 0, qPrintable(verified));
        QCOMPARE(runText(u"openssl"_qs, {u"pkey"_qs, u"-pubout"_qs}, r.bundle.file(u"key.pem"_qs)->content),
                 runText(u"openssl"_qs, {u"x509"_qs, u"-noout"_qs, u"-pubkey"_qs}, chain));
        QVERIFY(r.certificateExpiry > QDateTime::currentDateTimeUtc().addDays(89));
    }

    // eastWestGateway.address, else the cluster's gateway Service, else legacy.gatewayAddress: the
    // plan's address wins over the Service's, as istioctl's --ingressIP over --ingressService.
    void thePlansGatewayWins()
    {
        SharedClusterFacts facts;
        facts.gatewayAddress = u"203.0.113.7"_qs;
        const BundleResult r = makeLegacyBundle(m_plan, u"vm1"_qs, facts, false);
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.bundle.file(u"hosts"_qs)->content.startsWith("198.18.0.2 istio-citadel istio-pilot istio-pilot.istio-system\n"));
        Plan serviceOnly = m_plan;
        serviceOnly.eastWestGateway.address.clear();
        const BundleResult fromService = makeLegacyBundle(serviceOnly, u"vm1"_qs, facts, false);
        QVERIFY2(fromService.ok(), qPrintable(fromService.error));
        QVERIFY(fromService.bundle.file(u"hosts"_qs)->content.startsWith("203.0.113.7 istio-citadel"));
        // An unreadable cluster is no reason to stop: the plan has the gateway.
        SharedClusterFacts broken;
        broken.error = u"no cluster connection"_qs;
        const BundleResult offline = makeLegacyBundle(m_plan, u"vm1"_qs, broken, false);
        QVERIFY2(offline.ok(), qPrintable(offline.error));
        QVERIFY(offline.bundle.file(u"hosts"_qs)->content.startsWith("198.18.0.2 istio-citadel"));
        QVERIFY(offline.warnings.join(u' ').contains(u"no cluster connection"_qs));
    }

    void rerunsHashTheSameAndNewIdentitiesDiffer()
    {
        const BundleResult first = makeLegacyBundle(m_plan, u"vm1"_qs, {}, true);
        const BundleResult second = makeLegacyBundle(m_plan, u"vm1"_qs, {}, true);
        const BundleResult offline = makeBundle(m_plan, u"vm1"_qs, {}, {}); // what the bundle step hashes
        QVERIFY(first.ok() && second.ok() && offline.ok());
        QVERIFY(!offline.bundle.file(u"key.pem"_qs) && !offline.bundle.file(u"cert-chain.pem"_qs)); // no key made
        QVERIFY(first.bundle.file(u"key.pem"_qs)->content != second.bundle.file(u"key.pem"_qs)->content);
        const QByteArray hash = bundleInputHash(offline.bundle, offline.credentialInputs);
        QCOMPARE(bundleInputHash(first.bundle, first.credentialInputs), hash);
        QCOMPARE(bundleInputHash(second.bundle, second.credentialInputs), hash);
        // Another namespace is another identity: the VM must get a new certificate.
        Plan moved = m_plan;
        moved.legacy.meshExpansion[0].namespaceName = u"vm2"_qs;
        const BundleResult elsewhere = makeBundle(moved, u"vm1"_qs, {}, {});
        QVERIFY(elsewhere.ok());
        QCOMPARE(elsewhere.workloadIdentity, u"spiffe://cluster.local/ns/vm2/sa/default"_qs);
        QVERIFY(bundleInputHash(elsewhere.bundle, elsewhere.credentialInputs) != hash);
        // So is another service account (the add-to-mesh Service's).
        moved = m_plan;
        moved.legacy.meshExpansion[0].serviceAccount = u"vmhttp"_qs;
        const BundleResult account = makeBundle(moved, u"vm1"_qs, {}, {});
        QCOMPARE(account.workloadIdentity, u"spiffe://cluster.local/ns/vm/sa/vmhttp"_qs);
        QVERIFY(bundleInputHash(account.bundle, account.credentialInputs) != hash);
    }

    void refusalsNameWhatThePlanLacks()
    {
        Plan plan = m_plan;
        Vm caller = plan.vms.first();
        caller.name = u"caller"_qs;
        caller.address = u"198.18.0.21"_qs;
        caller.ip.clear();
        plan.vms.append(caller); // only calls into the mesh: in no add-to-mesh entry
        BundleResult r = makeBundle(plan, u"caller"_qs, {}, {});
        QVERIFY(!r.ok());
        QVERIFY2(r.error.startsWith(u"caller belongs to no VM group and no legacy.meshExpansion entry lists it"_qs), qPrintable(r.error));
        QVERIFY2(r.error.contains(u"add \"caller\" to the vms of a legacy.meshExpansion entry"_qs), qPrintable(r.error));

        plan = m_plan;
        MeshExpansionService second = plan.legacy.meshExpansion.first();
        second.name = u"vmtcp"_qs;
        second.namespaceName = u"other"_qs;
        plan.legacy.meshExpansion.append(second);
        r = makeBundle(plan, u"vm1"_qs, {}, {});
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(u"legacy.meshExpansion[0] (vm/default) and legacy.meshExpansion[1] (other/default)"_qs), qPrintable(r.error));

        plan = m_plan;
        plan.pluginCa.reset();
        r = makeBundle(plan, u"vm1"_qs, {}, {});
        QVERIFY(!r.ok());
        QVERIFY2(r.error.contains(u"vm1 belongs to no VM group, and the plan has no pluginCa"_qs), qPrintable(r.error));
    }

    void bundleRunIssuesWithoutACluster()
    {
        // What `meshdeck bundle --vm vm1` runs: the cluster cannot be read, the files come anyway.
        BundleRun run(nullptr, m_plan, u"vm1"_qs);
        QSignalSpy finished(&run, &BundleRun::finished);
        run.start();
        QVERIFY(finished.wait(30000));
        const BundleResult r = run.result();
        QVERIFY2(r.ok(), qPrintable(r.error));
        QVERIFY(r.bundle.file(u"key.pem"_qs) && r.bundle.file(u"cert-chain.pem"_qs));
        QCOMPARE(r.workloadIdentity, u"spiffe://cluster.local/ns/vm/sa/default"_qs);
        QVERIFY(r.warnings.join(u' ').contains(u"no cluster connection"_qs));
    }

    void bundleDirectoryKeepsTheKeyPrivate()
    {
        const BundleResult r = makeLegacyBundle(m_plan, u"vm1"_qs, {}, true);
        QVERIFY(r.ok());
        const QString out = m_dir.filePath(u"out"_qs);
        QCOMPARE(writeBundleDirectory(r.bundle, out), QString());
        QCOMPARE(QFile::permissions(out + u"/key.pem"_qs), QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
        for (const QString& f : {u"root-cert.pem"_qs, u"cert-chain.pem"_qs, u"cluster.env"_qs, u"hosts"_qs})
            QVERIFY2(QFile::permissions(out + u'/' + f) & QFileDevice::ReadOther, qPrintable(f));
        QCOMPARE(TestSupport::readAll(out + u"/key.pem"_qs), r.bundle.file(u"key.pem"_qs)->content);
        QVERIFY(isSecretBundleFile(u"key.pem"_qs) && isSecretBundleFile(u"istio-token"_qs) && !isSecretBundleFile(u"cert-chain.pem"_qs));
    }

private:
    QTemporaryDir m_dir;
    Plan m_plan;
};

QTEST_GUILESS_MAIN(TestLegacyBundle)
#include "tst_legacybundle.moc"
