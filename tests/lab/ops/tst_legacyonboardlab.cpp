// SPDX-License-Identifier: Apache-2.0
// The Istio 1.5-era flow (examples/multinetwork-legacy.yaml, the first seed) onboarded on a real
// systemd VM of the VM lab (fixture labvms; no cluster needed: the legacy files need only the
// gateway address, and the workload certificate is signed with the plan's plug-in CA, which the
// test makes with scripts/make-plugin-ca). Judged on the VM: files, owners, modes, the hosts
// block, the certificate checked with the VM's own openssl, the unit enabled and active, and the
// lab's stand-in agent satisfied in its legacy mode. Then: a rerun changes nothing, offboarding
// leaves the VM as it was, the agent refuses tampered certificates (so its acceptance means
// something), and a VM the plan gives no namespace is refused before anything is touched.
#include "fleetrun.h"

#include "bundlerun.h"
#include "hostkeycheck.h"
#include "planloader.h"
#include "workloadcert.h"

#include "testsupport.h"
#include "vmlabsupport.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

using namespace VmLab;

// Every message meshdeck logs (ssh commands and scripts at debug level), to look for secrets in.
QStringList g_messages;
QtMessageHandler g_previousHandler = nullptr;

void collectMessage(QtMsgType type, const QMessageLogContext& context, const QString& message)
{
    g_messages.append(message);
    if (g_previousHandler)
        g_previousHandler(type, context, message);
}

const QString kVm = u"vm1"_qs;
const QString kIdentity = u"spiffe://cluster.local/ns/vm/sa/default"_qs;

} // namespace

class TestLegacyOnboardLab final : public QObject
{
    Q_OBJECT

    struct Result
    {
        bool ok = false;
        using Outcome = VmLab::Outcome;
        QMap<QString, Outcome> outcomes; //!< the VMs that finished, by name
        QMap<QString, QMap<int, StepState>> last; //!< vm -> step -> its last state
        int hostKeyQuestions = 0;
        QString message(const QString& vm) const
        {
            return outcomes.value(vm).message;
        }
        QList<StepState> finalStates(const QString& vm) const { return last.value(vm).values(); }
    };

private slots:
    void initTestCase()
    {
        if (sshConfig().isEmpty() || !QFileInfo::exists(sshConfig()))
            QSKIP("no VM lab: MESHDECK_LAB_SSH_CONFIG is unset or missing (lab vms-up)");
        QVERIFY(m_dir.isValid());
        QString config = QString::fromUtf8(TestSupport::readAll(sshConfig()));
        config.replace(labDir() + u"/known_hosts"_qs, m_dir.filePath(u"known_hosts"_qs));
        m_sshConfig = m_dir.filePath(u"ssh_config"_qs);
        QVERIFY(TestSupport::writeFile(m_sshConfig, config.toUtf8()));
        m_package = readPackage(qEnvironmentVariable("MESHDECK_LAB_STANDIN_DEB"));
        QVERIFY2(m_package.ok(), qPrintable(m_package.error));

        // The example as its comment says to use it: the plan beside certs/ from make-plugin-ca.
        QVERIFY(QFile::copy(TestSupport::sourceDir() + u"/examples/multinetwork-legacy.yaml"_qs, m_dir.filePath(u"legacy.yaml"_qs)));
        for (const QString& ca : {u"certs"_qs, u"other-ca"_qs}) {
            const Run made = run(TestSupport::sourceDir() + u"/scripts/make-plugin-ca"_qs, {m_dir.filePath(ca)});
            QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        }
        const PlanLoadResult loaded = loadPlanFile(m_dir.filePath(u"legacy.yaml"_qs));
        QVERIFY2(loaded.ok(), qPrintable(TestSupport::describe(loaded.problems)));
        m_plan = *loaded.plan;
        // Its vm1 is the lab's vm1 (the ssh config's Host alias, user meshdeck); the gateway is the
        // lab bridge's gateway address, 198.18.K.2, as the example's 198.18.0.2 is on network 0.
        m_gateway = u"198.18.%1.2"_qs.arg(qEnvironmentVariableIntValue("MESHDECK_LAB_VM_NET"));
        m_plan.eastWestGateway.address = m_gateway;
        m_plan.legacy.gatewayAddress = m_gateway;
        Vm& vm1 = m_plan.vms.first();
        QCOMPARE(vm1.name, u"vm1"_qs);
        vm1.address = kVm;
        // The lab's package is Istio's development version (versions.env); istiod's version the
        // package step compares with is the plan's, there being no cluster.
        m_plan.mesh.istioVersion = u"1.31.0"_qs;

        // The agent checks the certificate's namespace and service account (GROUP has no part in
        // a legacy identity).
        QVERIFY(labScript({u"vm-expect"_qs, kVm, u"vmhttp"_qs, u"vm"_qs, u"default"_qs}));
        const Run before = onVm(kVm, listing);
        QCOMPARE(before.exitCode, 0);
        m_before = before.out;
    }

    void cleanupTestCase()
    {
        if (!m_before.isEmpty())
            labScript({u"vm-expect"_qs, kVm});
    }

    void legacyExampleOnboardsEndToEnd()
    {
        g_messages.clear();
        g_previousHandler = qInstallMessageHandler(collectMessage);
        const Result r = runFleet(m_plan, OnboardOptions::Mode::Onboard, {u"vm1"_qs});
        qInstallMessageHandler(g_previousHandler);
        QVERIFY2(r.ok, qPrintable(r.message(u"vm1"_qs)));
        QCOMPARE(r.finalStates(u"vm1"_qs), QList<StepState>(5, StepState::Done));

        // The seed's files, owned by istio-proxy (its `chown -R istio-proxy /etc/certs
        // /var/lib/istio/envoy`), the key readable by istio-proxy alone. No token, no mesh file:
        // the 1.5 flow had neither (the package's empty mesh file stays as it is).
        const Run stat = onVm(kVm, u"stat -c '%n %a %U:%G' /etc/certs/root-cert.pem /etc/certs/cert-chain.pem /etc/certs/key.pem "
                                   "/var/lib/istio/envoy/cluster.env /etc/certs /var/lib/istio/envoy; stat -c '%n %s' /etc/istio/config/mesh;"
                                   " test -e /var/run/secrets/tokens/istio-token && echo token || echo no token"_qs);
        QCOMPARE(stat.exitCode, 0);
        QCOMPARE(stat.out, u"/etc/certs/root-cert.pem 644 istio-proxy:istio-proxy\n"
                           "/etc/certs/cert-chain.pem 644 istio-proxy:istio-proxy\n"
                           "/etc/certs/key.pem 600 istio-proxy:istio-proxy\n"
                           "/var/lib/istio/envoy/cluster.env 644 istio-proxy:istio-proxy\n"
                           "/etc/certs 755 istio-proxy:istio-proxy\n"
                           "/var/lib/istio/envoy 755 istio-proxy:istio-proxy\n"
                           "/etc/istio/config/mesh 0\n"
                           "no token\n"_qs);

        // cluster.env as the seed writes it; the plug-in root; the chain ends with the plug-in chain.
        const Run files = onVm(kVm, u"cat /var/lib/istio/envoy/cluster.env; sha256sum < /etc/certs/root-cert.pem"_qs);
        QCOMPARE(files.out, u"ISTIO_CP_AUTH=MUTUAL_TLS\nISTIO_SERVICE_CIDR=172.21.0.0/16\nISTIO_INBOUND_PORTS=8888\n"_qs
                                + sha256(TestSupport::readAll(m_dir.filePath(u"certs/root-cert.pem"_qs))) + u"  -\n"_qs);
        const QByteArray pluginChain = TestSupport::readAll(m_dir.filePath(u"certs/cert-chain.pem"_qs));
        const Run tail = onVm(kVm, u"tail -c "_qs + QString::number(pluginChain.size()) + u" /etc/certs/cert-chain.pem | sha256sum"_qs);
        QCOMPARE(tail.out, sha256(pluginChain) + u"  -\n"_qs);

        // The certificate judged by the VM's own openssl: chains to the root, the SPIFFE SAN of
        // namespace vm (add-to-mesh -n vm) and service account default, the key is the leaf's.
        const Run cert = onVm(kVm, u"cd /etc/certs && openssl verify -CAfile root-cert.pem -untrusted cert-chain.pem cert-chain.pem"
                                   " && openssl x509 -in cert-chain.pem -noout -ext subjectAltName | tail -n 1"
                                   " && if [ \"$(openssl pkey -in key.pem -pubout)\" = \"$(openssl x509 -in cert-chain.pem -noout -pubkey)\" ];"
                                   " then echo key matches; fi"_qs);
        QCOMPARE(cert.out, u"cert-chain.pem: OK\n    URI:"_qs + kIdentity + u"\nkey matches\n"_qs);

        // One hosts block with the seed's lines (Citadel and Pilot behind the gateway, the VIP),
        // and istiod behind the gateway for today's agent.
        const Run hosts = onVm(kVm, u"sed -n '/^# BEGIN meshdeck$/,/^# END meshdeck$/p' /etc/hosts; getent hosts istio-pilot | tr -s ' '"_qs);
        QCOMPARE(hosts.out, u"# BEGIN meshdeck\n"_qs + m_gateway + u" istio-citadel istio-pilot istio-pilot.istio-system\n"_qs
                                + m_gateway + u" istiod.istio-system.svc\n"_qs
                                + u"127.255.0.3 httpbin.bar.global\n# END meshdeck\n"_qs + m_gateway
                                + u" istio-citadel istio-pilot istio-pilot.istio-system\n"_qs);

        // The unit enabled and active, and the stand-in agent satisfied in its 1.5 mode.
        QCOMPARE(onVm(kVm, u"systemctl is-enabled istio; systemctl is-active istio"_qs).out, u"enabled\nactive\n"_qs);
        const Run agent = onVm(kVm, u"grep -c 'ready: meshdeck lab stand-in accepted the onboarding of "_qs + kIdentity
                                        + u" (Istio 1.5 layout' /var/log/istio/istio.log;"
                                          " curl -s -o /dev/null -w '%{http_code}' localhost:15021/healthz/ready"_qs);
        QCOMPARE(agent.out, u"1\n200"_qs);

        // No upload left behind; the key is nowhere in the state file.
        QCOMPARE(onVm(kVm, u"ls -a /tmp /home/meshdeck | grep -c meshdeck\\\\. || true"_qs).out, u"0\n"_qs);
        const QByteArray state = TestSupport::readAll(m_state.path());
        QVERIFY(!state.isEmpty());
        QVERIFY(!state.contains("PRIVATE KEY"));
        const QByteArray keyLine = onVm(kVm, u"sed -n 2p /etc/certs/key.pem"_qs).out.trimmed().toUtf8();
        QVERIFY(keyLine.size() > 40);
        QVERIFY(!state.contains(keyLine));
        // Nor in anything meshdeck logged (its debug output carries every command and script),
        // nor the CA's key.
        QVERIFY(!g_messages.isEmpty());
        const QByteArray caKeyLine = TestSupport::readAll(m_dir.filePath(u"certs/ca-key.pem"_qs)).split('\n').value(1);
        QVERIFY(caKeyLine.size() > 40);
        for (const QString& message : std::as_const(g_messages)) {
            QVERIFY(!message.contains(QString::fromLatin1(keyLine)));
            QVERIFY(!message.contains(QString::fromLatin1(caKeyLine)));
            QVERIFY(!message.contains(u"PRIVATE KEY"_qs));
        }
    }

    void rerunIsANoOp()
    {
        const QString probe = u"stat -c '%n %i %Y' /etc/certs/root-cert.pem /etc/certs/cert-chain.pem /etc/certs/key.pem "
                              "/var/lib/istio/envoy/cluster.env /etc/hosts; sha256sum /etc/certs/key.pem; "
                              "systemctl show istio -p MainPID -p NRestarts"_qs;
        const Run before = onVm(kVm, probe);
        const Result r = runFleet(m_plan, OnboardOptions::Mode::Onboard, {u"vm1"_qs});
        QVERIFY2(r.ok, qPrintable(r.message(u"vm1"_qs)));
        QCOMPARE(r.hostKeyQuestions, 0);
        // Preflight looks again; no new certificate, nothing placed, the agent not restarted.
        QCOMPARE(r.finalStates(u"vm1"_qs),
                 (QList<StepState>{StepState::Done, StepState::Skipped, StepState::Skipped, StepState::Skipped, StepState::Skipped}));
        QCOMPARE(onVm(kVm, probe).out, before.out);
    }

    void aCertificateTwoThirdsThroughItsLifeIsRenewed()
    {
        // Nothing on the VM renews the certificate: a rerun does, once 60 of its 90 days are gone.
        const QString keySum = u"sha256sum < /etc/certs/key.pem"_qs;
        const QString before = onVm(kVm, keySum).out;
        StepRecord& distributed = m_state.vm(u"vm1"_qs).steps[stepKey(StepKind::Distribute)];
        distributed.updated = QDateTime::currentDateTimeUtc().addDays(-61);
        const Result r = runFleet(m_plan, OnboardOptions::Mode::Onboard, {u"vm1"_qs});
        QVERIFY2(r.ok, qPrintable(r.message(u"vm1"_qs)));
        QCOMPARE(r.finalStates(u"vm1"_qs), (QList<StepState>{StepState::Done, StepState::Done, StepState::Skipped, StepState::Done, StepState::Done}));
        QVERIFY(onVm(kVm, keySum).out != before);
        QVERIFY(m_state.vmRecord(u"vm1"_qs).step(StepKind::Distribute).updated.secsTo(QDateTime::currentDateTimeUtc()) < 600);
        const Run agent = onVm(kVm, u"grep -c 'ready: meshdeck lab stand-in accepted the onboarding of "_qs + kIdentity
                                        + u"' /var/log/istio/istio.log; systemctl is-active istio"_qs);
        QCOMPARE(agent.out, u"1\nactive\n"_qs);
        // 59 days on, nothing is due.
        m_state.vm(u"vm1"_qs).steps[stepKey(StepKind::Distribute)].updated = QDateTime::currentDateTimeUtc().addDays(-59);
        const Result again = runFleet(m_plan, OnboardOptions::Mode::Onboard, {u"vm1"_qs});
        QVERIFY(again.ok);
        QCOMPARE(again.finalStates(u"vm1"_qs).value(1), StepState::Skipped);
    }

    void offboardingLeavesTheVmAsItWas()
    {
        const Result r = runFleet(m_plan, OnboardOptions::Mode::Offboard, {u"vm1"_qs});
        QVERIFY2(r.ok, qPrintable(r.message(u"vm1"_qs)));
        QCOMPARE(onVm(kVm, listing).out, m_before);
        QVERIFY(!m_state.hasVm(u"vm1"_qs));
        const Result again = runFleet(m_plan, OnboardOptions::Mode::Offboard, {u"vm1"_qs});
        QVERIFY(again.ok);
        QCOMPARE(again.finalStates(u"vm1"_qs), QList<StepState>(4, StepState::Skipped));
    }

    void theAgentRefusesWrongCertificates()
    {
        // Onboard afresh, then tamper with what meshdeck placed: the agent must refuse each.
        const Result r = runFleet(m_plan, OnboardOptions::Mode::Onboard, {u"vm1"_qs});
        QVERIFY2(r.ok, qPrintable(r.message(u"vm1"_qs)));
        const QString keep = u"mkdir -p /root/legacy-keep && cp -a /etc/certs/key.pem /etc/certs/cert-chain.pem "
                             "/var/lib/istio/envoy/cluster.env /root/legacy-keep/"_qs;
        QCOMPARE(onVm(kVm, keep).exitCode, 0);
        const QString restore = u"cp -a /root/legacy-keep/key.pem /root/legacy-keep/cert-chain.pem /etc/certs/ && "
                                "cp -a /root/legacy-keep/cluster.env /var/lib/istio/envoy/"_qs;

        // A key and chain that match each other but come from another CA than root-cert.pem's.
        WorkloadCert::Request other;
        other.spiffeId = kIdentity;
        for (const auto& [field, file] : {std::pair{&other.caCertPem, u"ca-cert.pem"_qs}, {&other.caKeyPem, u"ca-key.pem"_qs},
                                          {&other.certChainPem, u"cert-chain.pem"_qs}, {&other.rootCertPem, u"root-cert.pem"_qs}})
            *field = TestSupport::readAll(m_dir.filePath(u"other-ca/"_qs + file));
        const WorkloadCert::Issued foreign = WorkloadCert::issue(other);
        QVERIFY2(foreign.ok(), qPrintable(foreign.error));
        QCOMPARE(onVm(kVm, u"install -o istio-proxy -g istio-proxy -m 0600 /dev/stdin /etc/certs/key.pem"_qs, foreign.keyPem).exitCode, 0);
        QCOMPARE(onVm(kVm, u"install -o istio-proxy -g istio-proxy -m 0644 /dev/stdin /etc/certs/cert-chain.pem"_qs, foreign.certChainPem).exitCode, 0);
        QVERIFY2(refusal().contains(u"REFUSED: cert chain /etc/certs/cert-chain.pem does not verify against root cert /etc/certs/root-cert.pem"_qs),
                 qPrintable(m_refusal));
        QVERIFY(onVm(kVm, u"systemctl is-active istio"_qs).out.trimmed() != u"active"_qs);

        // The right chain with another key.
        QCOMPARE(onVm(kVm, restore).exitCode, 0);
        QCOMPARE(onVm(kVm, u"install -o istio-proxy -g istio-proxy -m 0600 /dev/stdin /etc/certs/key.pem"_qs, foreign.keyPem).exitCode, 0);
        QVERIFY2(refusal().contains(u"REFUSED: key /etc/certs/key.pem is not the key of the leaf in /etc/certs/cert-chain.pem"_qs),
                 qPrintable(m_refusal));

        // The key left to root: istio-proxy cannot read it.
        QCOMPARE(onVm(kVm, restore + u" && chown root:root /etc/certs/key.pem"_qs).exitCode, 0);
        QVERIFY2(refusal().contains(u"REFUSED: key /etc/certs/key.pem is not readable by istio-proxy (mode 0600, owner root:root)"_qs),
                 qPrintable(m_refusal));

        // A certificate for another namespace than the VM's.
        QCOMPARE(onVm(kVm, restore).exitCode, 0);
        QVERIFY(labScript({u"vm-expect"_qs, kVm, u"vmhttp"_qs, u"other"_qs}));
        QVERIFY2(refusal().contains(u"REFUSED: the certificate is for "_qs + kIdentity + u", but this VM belongs to namespace other"_qs),
                 qPrintable(m_refusal));
        QVERIFY(labScript({u"vm-expect"_qs, kVm, u"vmhttp"_qs, u"vm"_qs, u"default"_qs}));

        // The modern path stays as strict: one WorkloadGroup key in cluster.env and the same
        // certificates no longer suffice (no token, no mesh file).
        QCOMPARE(onVm(kVm, u"echo POD_NAMESPACE=vm >> /var/lib/istio/envoy/cluster.env"_qs).exitCode, 0);
        QVERIFY2(refusal().contains(u"REFUSED: token /var/run/secrets/tokens/istio-token is missing"_qs), qPrintable(m_refusal));
        QCOMPARE(onVm(kVm, u"install -d -o istio-proxy /var/run/secrets/tokens && echo x.y.z > /var/run/secrets/tokens/istio-token"
                           " && chown istio-proxy /var/run/secrets/tokens/istio-token"_qs).exitCode, 0);
        QVERIFY2(refusal().contains(u"REFUSED: mesh config /etc/istio/config/mesh has no defaultConfig"_qs), qPrintable(m_refusal));
        QCOMPARE(onVm(kVm, u"rm -rf /var/run/secrets/tokens"_qs).exitCode, 0);

        // Put back as placed: accepted again.
        QCOMPARE(onVm(kVm, restore + u" && rm -rf /root/legacy-keep && : > /var/log/istio/istio.log && systemctl restart istio"_qs).exitCode, 0);
        QTRY_COMPARE_WITH_TIMEOUT(onVm(kVm, u"grep -c 'ready: meshdeck lab stand-in accepted' /var/log/istio/istio.log"_qs).out,
                                  u"1\n"_qs, 15000);

        const Result off = runFleet(m_plan, OnboardOptions::Mode::Offboard, {u"vm1"_qs});
        QVERIFY2(off.ok, qPrintable(off.message(u"vm1"_qs)));
        QCOMPARE(onVm(kVm, listing).out, m_before);
    }

    void aVmWithoutANamespaceIsRefusedBeforeAnythingHappens()
    {
        Plan plan = m_plan;
        Vm caller = plan.vms.first();
        caller.name = u"caller"_qs;
        caller.address = u"vm2"_qs;
        caller.ip.clear();
        plan.vms.append(caller);
        const Run before = onVm(u"vm2"_qs, listing);
        const Result r = runFleet(plan, OnboardOptions::Mode::Onboard, {u"caller"_qs});
        QVERIFY(!r.ok);
        QVERIFY2(r.message(u"caller"_qs).contains(u"no legacy.meshExpansion entry lists it"_qs), qPrintable(r.message(u"caller"_qs)));
        QCOMPARE(r.hostKeyQuestions, 0); // never connected
        QCOMPARE(onVm(u"vm2"_qs, listing).out, before.out);
    }

private:
    static bool labScript(const QStringList& args)
    {
        const Run r = run(qEnvironmentVariable("MESHDECK_LAB_SCRIPT"), args);
        if (r.exitCode != 0)
            qWarning("lab %s: %s", qPrintable(args.join(u' ')), qPrintable(r.err));
        return r.exitCode == 0;
    }

    // Restarts the agent on a fresh error log and returns its first verdict (the REFUSED line).
    QString refusal()
    {
        onVm(kVm, u": > /var/log/istio/istio.err.log; systemctl restart istio"_qs);
        m_refusal.clear();
        for (int i = 0; i < 60 && m_refusal.isEmpty(); ++i) {
            m_refusal = onVm(kVm, u"grep -m1 REFUSED /var/log/istio/istio.err.log || true"_qs).out.trimmed();
            if (m_refusal.isEmpty())
                QTest::qWait(250);
        }
        return m_refusal;
    }

    Result runFleet(const Plan& plan, OnboardOptions::Mode mode, const QStringList& vms)
    {
        Result result;
        SshOptions sshOptions;
        sshOptions.configFile = m_sshConfig;
        SshContext ssh(sshOptions);
        m_state.setPath(m_dir.filePath(u"legacy.state.json"_qs));
        OnboardOptions options;
        options.mode = mode;
        options.vms = vms;
        options.package = m_package;
        // No cluster: the legacy files need none (meshdeck apply puts the ServiceEntries there).
        FleetRun fleet(plan, &ssh, nullptr, &m_state, options);
        connect(&fleet, &FleetRun::hostKeyQuestion, this, [&](HostKeyQuestion* q) {
            ++result.hostKeyQuestions;
            q->accept();
        });
        connect(&fleet, &FleetRun::stepChanged, this, [&](const QString& vm, StepKind step, StepState state, const QString&) {
            if (state != StepState::Running)
                result.last[vm].insert(int(step), state);
        });
        result.ok = VmLab::runFleet(fleet, plan, &m_state, &result.outcomes);
        return result;
    }

    QTemporaryDir m_dir;
    QString m_sshConfig;
    QString m_gateway;
    Plan m_plan;
    PackageSource m_package;
    OnboardState m_state;
    QString m_before;
    QString m_refusal;
};

QTEST_GUILESS_MAIN(TestLegacyOnboardLab)
#include "tst_legacyonboardlab.moc"
