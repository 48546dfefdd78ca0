// SPDX-License-Identifier: Apache-2.0
// The onboarding engine on real systemd VMs (the VM lab: tests/lab, fixture labvms) and the
// control-plane lab (fixture lab). Onboarding is judged by the VM: files, owners and modes read
// there as root, the unit enabled and active, and the lab's istio-sidecar stand-in satisfied (it
// refuses to start on a missing or wrong file). Then: a rerun changes nothing, offboarding leaves
// the VM as it was, host keys (unknown refused, changed a hard stop), the sudo-password VM,
// ProxyJump through the bastion, and hostile values that arrive intact and are never executed.
#include "fleetrun.h"

#include "bundlerun.h"
#include "generation.h"
#include "hostkeycheck.h"
#include "planloader.h"

#include "labenv.h"
#include "testsupport.h"
#include "vmlabsupport.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonObject>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace VmLab;

class TestOnboardLab final : public QObject
{
    Q_OBJECT

    struct Event
    {
        QString vm;
        StepKind step;
        StepState state;
        QString message;
    };

    struct Result
    {
        bool ok = false;
        using Outcome = VmLab::Outcome;
        QMap<QString, Outcome> outcomes; //!< the VMs that finished, by name
        QList<Event> events;
        int hostKeyQuestions = 0;
        int sudoQuestions = 0;
        QString message(const QString& vm) const
        {
            return outcomes.value(vm).message;
        }
        bool vmOk(const QString& vm) const
        {
            return outcomes.value(vm).ok;
        }
        QList<StepState> finalStates(const QString& vm) const
        {
            QMap<int, StepState> last;
            for (const Event& e : events)
                if (e.vm == vm && e.state != StepState::Running)
                    last.insert(int(e.step), e.state);
            return last.values();
        }
    };

    struct Options
    {
        OnboardOptions fleet;
        bool acceptHostKeys = true;
        QByteArray sudoPassword;          //!< known up front (the CLI's --sudo-password-file)
        QList<QByteArray> sudoAnswers;    //!< given when asked, in order (a terminal)
        //! Called (directly, before the step does anything) as each step changes state.
        std::function<void(const QString& vm, StepKind step, StepState state)> onStep;
    };

private slots:
    void initTestCase()
    {
        MESHDECK_REQUIRE_LAB();
        if (sshConfig().isEmpty() || !QFileInfo::exists(sshConfig()))
            QSKIP("no VM lab: MESHDECK_LAB_SSH_CONFIG is unset or missing (lab vms-up)");
        QVERIFY(m_dir.isValid());
        // The lab's ssh config with a known_hosts of this test's own: it starts empty, and what
        // this test accepts is gone with it (other tests of the run see the lab as it was).
        m_sshConfig = privateSshConfig(m_dir, &m_knownHosts);
        QVERIFY(!m_sshConfig.isEmpty());
        const RestConfigResult rc = Lab::config(u"admin"_qs);
        QVERIFY2(rc.ok(), qPrintable(rc.error));
        m_client = new KubeClient(rc.config, KubeClientOptions{}, this);
        m_package = readPackage(qEnvironmentVariable("MESHDECK_LAB_STANDIN_DEB"));
        QVERIFY2(m_package.ok(), qPrintable(m_package.error));
        m_sudoPassword = TestSupport::readAll(qEnvironmentVariable("MESHDECK_LAB_SUDO_PASSWORD_FILE")).trimmed();
        QVERIFY(!m_sudoPassword.isEmpty());

        // The book's plan (examples/book-chapter10.yaml) with its VM on the lab's vm1, reached
        // through the lab's ssh config (its Host aliases, user meshdeck).
        const PlanLoadResult loaded = loadPlanFile(TestSupport::sourceDir() + u"/examples/book-chapter10.yaml"_qs);
        QVERIFY2(loaded.ok(), qPrintable(TestSupport::describe(loaded.problems)));
        m_plan = *loaded.plan;
        m_plan.sourceFile = m_dir.filePath(u"book.yaml"_qs);
        m_plan.trafficSplits.clear(); // its chapter10 namespace of pods is not the lab's business
        m_plan.eastWestGateway.address = labAddress(2); // the book's 198.18.0.2 is VM network 0's
        m_vm1 = labAddress(11);
        Vm& book = m_plan.vms.first();
        book.address = u"vm1"_qs;
        book.ssh.user.clear();
        Vm sudoVm = book;
        sudoVm.name = u"sudo-vm"_qs;
        sudoVm.address = u"vm2"_qs;
        sudoVm.ssh.user = u"sudopw"_qs;
        Vm inner = book;
        inner.name = u"inner"_qs;
        inner.address = u"inner"_qs; // ProxyJump bastion, from the lab's ssh config
        Vm jumped = book;
        jumped.name = u"vm3-jumped"_qs;
        jumped.address = labAddress(13); // vm3
        jumped.ssh.jumpHost = u"bastion"_qs; // ssh -J from the plan
        m_plan.vms = {book, sudoVm, inner, jumped};

        // The cluster side as `meshdeck apply` leaves it, and istiod's root certificate.
        for (const Resource& r : generateOffline(m_plan).kubectlResources()) {
            if (r.stage != Stage::VmGroup)
                continue;
            const KubeResult applied = Lab::run(m_client->apply(r.object));
            QVERIFY2(applied.ok(), qPrintable(r.key() + u": "_qs + applied.error.message));
        }
        QVERIFY(Lab::labScript({u"publish-root-cert"_qs, u"chapter10vm"_qs}));
        const QString expected = expectBookGroup({u"vm1"_qs, u"vm2"_qs, u"vm3"_qs, u"inner"_qs}, u"chapter10vm"_qs, &m_before);
        QVERIFY2(expected.isEmpty(), qPrintable(expected));
    }

    void cleanupTestCase()
    {
        if (!m_client)
            return;
        for (const QString& vm : {u"vm1"_qs, u"vm2"_qs, u"vm3"_qs, u"inner"_qs})
            Lab::labScript({u"vm-expect"_qs, vm});
        // Gone, not just terminating: the next test may create the book's namespace again.
        for (const QString& ns : {u"chapter10vm"_qs, u"hostile-vm"_qs}) {
            Lab::run(m_client->remove(ObjectRef{u"v1"_qs, u"Namespace"_qs, {}, ns}));
            QVERIFY(Lab::waitUntilGone(*m_client, ObjectRef{u"v1"_qs, u"Namespace"_qs, {}, ns}));
        }
    }

    void unknownHostKeyIsRefused()
    {
        Options o = options({u"chapter10-instance"_qs});
        o.acceptHostKeys = false;
        const Result r = runFleet(m_plan, o);
        QVERIFY(!r.ok);
        QCOMPARE(r.hostKeyQuestions, 1);
        QVERIFY2(r.message(u"chapter10-instance"_qs).contains(u"not accepted"_qs), qPrintable(r.message(u"chapter10-instance"_qs)));
        QVERIFY(run(u"ssh-keygen"_qs, {u"-F"_qs, m_vm1, u"-f"_qs, m_knownHosts}).out.isEmpty());
        QCOMPARE(onVm(u"vm1"_qs, listing).out, m_before.value(u"vm1"_qs)); // nothing happened there
    }

    void bookExampleOnboardsEndToEnd()
    {
        const Result r = runFleet(m_plan, options({u"chapter10-instance"_qs}));
        QVERIFY2(r.ok, qPrintable(r.message(u"chapter10-instance"_qs)));
        QCOMPARE(r.hostKeyQuestions, 1);
        QCOMPARE(r.finalStates(u"chapter10-instance"_qs), QList<StepState>(5, StepState::Done));

        // Placement, owners and modes as istio.io's VM install leaves them (token 0600).
        const Run stat = onVm(u"vm1"_qs, u"stat -c '%n %a %U:%G' /etc/certs/root-cert.pem /var/run/secrets/tokens/istio-token "
                                          "/var/lib/istio/envoy/cluster.env /etc/istio/config/mesh /etc/istio/proxy /etc/certs"_qs);
        QCOMPARE(stat.exitCode, 0);
        QCOMPARE(stat.out, u"/etc/certs/root-cert.pem 644 istio-proxy:istio-proxy\n"
                           "/var/run/secrets/tokens/istio-token 600 istio-proxy:istio-proxy\n"
                           "/var/lib/istio/envoy/cluster.env 644 istio-proxy:istio-proxy\n"
                           "/etc/istio/config/mesh 644 istio-proxy:istio-proxy\n"
                           "/etc/istio/proxy 755 istio-proxy:istio-proxy\n"
                           "/etc/certs 755 istio-proxy:istio-proxy\n"_qs);
        // The same bytes as the bundle meshdeck generates for this VM (the token aside).
        const BundleResult bundle = makeBundle(m_plan, u"chapter10-instance"_qs, facts(), {});
        QVERIFY2(bundle.ok(), qPrintable(bundle.error));
        const Run sums = onVm(u"vm1"_qs, u"cat /var/lib/istio/envoy/cluster.env | sha256sum; cat /etc/istio/config/mesh | sha256sum;"
                                          " cat /etc/certs/root-cert.pem | sha256sum"_qs);
        QCOMPARE(sums.out.split(u'\n').value(0).section(u' ', 0, 0), sha256(bundle.bundle.file(u"cluster.env"_qs)->content));
        QCOMPARE(sums.out.split(u'\n').value(1).section(u' ', 0, 0), sha256(bundle.bundle.file(u"mesh.yaml"_qs)->content));
        QCOMPARE(sums.out.split(u'\n').value(2).section(u' ', 0, 0), sha256(bundle.bundle.file(u"root-cert.pem"_qs)->content));
        // The unit enabled and active, and the VM's own judge, the stand-in agent, satisfied.
        QCOMPARE(onVm(u"vm1"_qs, u"systemctl is-enabled istio; systemctl is-active istio"_qs).out, u"enabled\nactive\n"_qs);
        const Run agent = onVm(u"vm1"_qs, u"grep -c 'ready: meshdeck lab stand-in accepted' /var/log/istio/istio.log;"
                                           " curl -s -o /dev/null -w '%{http_code}' localhost:15021/healthz/ready"_qs);
        QCOMPARE(agent.out, u"1\n200"_qs);
        // One hosts block, no upload left behind.
        const Run hosts = onVm(u"vm1"_qs, u"grep -c '^# BEGIN meshdeck$' /etc/hosts; grep -c 'istiod.istio-system.svc' /etc/hosts;"
                                           " ls -a /tmp /home/meshdeck | grep -c meshdeck\\\\. || true"_qs);
        QCOMPARE(hosts.out, u"1\n1\n0\n"_qs);
        QVERIFY(m_state.vmRecord(u"chapter10-instance"_qs).baseline.recorded);
    }

    void rerunIsANoOp()
    {
        const QString probe = u"stat -c '%n %i %Y' /etc/certs/root-cert.pem /var/run/secrets/tokens/istio-token "
                              "/var/lib/istio/envoy/cluster.env /etc/istio/config/mesh /etc/hosts; "
                              "systemctl show istio -p MainPID -p NRestarts"_qs;
        const Run before = onVm(u"vm1"_qs, probe);
        const Result r = runFleet(m_plan, options({u"chapter10-instance"_qs}));
        QVERIFY2(r.ok, qPrintable(r.message(u"chapter10-instance"_qs)));
        QCOMPARE(r.hostKeyQuestions, 0); // known since the first run
        // Preflight looks again (read-only); every step that changes something is skipped.
        QCOMPARE(r.finalStates(u"chapter10-instance"_qs),
                 (QList<StepState>{StepState::Done, StepState::Skipped, StepState::Skipped, StepState::Skipped, StepState::Skipped}));
        QCOMPARE(onVm(u"vm1"_qs, probe).out, before.out); // same inodes, times, agent process
    }

    // Security review H4 on a real VM: istio-proxy cannot swap /var/lib/istio/config (root's, as
    // the package makes it). On a VM that istio.io's `chown -R istio-proxy /var/lib/istio` (or an
    // older meshdeck) left open, a link swapped in is a hard stop: nothing is written through it,
    // the step says what to remove; once it is gone, the rerun finishes and gives /var/lib/istio
    // back to root.
    void plantedLinkIsAHardStop()
    {
        const QString vm = u"chapter10-instance"_qs;
        QCOMPARE(onVm(u"vm1"_qs, u"stat -c %U /var/lib/istio"_qs).out, u"root\n"_qs);
        const QString swap = u"runuser -u istio-proxy -- sh -c 'mv /var/lib/istio/config /var/lib/istio/config.x && "
                             "ln -s /opt/h4-target /var/lib/istio/config'"_qs;
        QVERIFY(onVm(u"vm1"_qs, u"install -d -m 0755 /opt/h4-target"_qs).exitCode == 0);
        QVERIFY(onVm(u"vm1"_qs, swap).exitCode != 0); // Permission denied: the path is closed
        QVERIFY(onVm(u"vm1"_qs, u"chown istio-proxy:istio-proxy /var/lib/istio && "_qs + swap).exitCode == 0);
        // A rerun that distributes again (the files as the state file says were never placed).
        StepRecord distributed = m_state.vm(vm).step(StepKind::Distribute);
        distributed.inputs = u"changed"_qs;
        m_state.vm(vm).steps.insert(stepKey(StepKind::Distribute), distributed);
        const Result r = runFleet(m_plan, options({vm}));
        QVERIFY(!r.ok);
        QVERIFY2(r.message(vm).contains(u"/var/lib/istio/config is a symbolic link"_qs), qPrintable(r.message(vm)));
        QCOMPARE(onVm(u"vm1"_qs, u"ls -A /opt/h4-target | wc -l"_qs).out, u"0\n"_qs);
        // Removed as the message says: the rerun finishes the job.
        QVERIFY(onVm(u"vm1"_qs, u"rm /var/lib/istio/config && mv /var/lib/istio/config.x /var/lib/istio/config && rmdir /opt/h4-target"_qs)
                    .exitCode == 0);
        const Result again = runFleet(m_plan, options({vm}));
        QVERIFY2(again.ok, qPrintable(again.message(vm)));
        QCOMPARE(onVm(u"vm1"_qs, u"stat -c %U /var/lib/istio; systemctl is-active istio"_qs).out, u"root\nactive\n"_qs);
    }

    void offboardingLeavesTheVmAsItWas()
    {
        // istiod does not run in the lab, so the VM's auto-registered WorkloadEntry is made here
        // the way istiod names and marks it, beside one of another VM that must stay.
        auto entry = [](const QString& name, const QString& address) {
            return QJsonObject{{u"apiVersion"_qs, u"networking.istio.io/v1"_qs}, {u"kind"_qs, u"WorkloadEntry"_qs},
                               {u"metadata"_qs, QJsonObject{{u"name"_qs, name}, {u"namespace"_qs, u"chapter10vm"_qs},
                                                            {u"annotations"_qs, QJsonObject{{u"istio.io/autoRegistrationGroup"_qs, u"envoydummy"_qs}}}}},
                               {u"spec"_qs, QJsonObject{{u"address"_qs, address}, {u"serviceAccount"_qs, u"chapter10-sa"_qs}}}};
        };
        const QString ourName = u"envoydummy-"_qs + m_vm1 + u"-network1"_qs;
        const QString theirName = u"envoydummy-"_qs + labAddress(99) + u"-network1"_qs;
        QVERIFY(Lab::run(m_client->apply(entry(ourName, m_vm1))).ok());
        QVERIFY(Lab::run(m_client->apply(entry(theirName, labAddress(99)))).ok());

        Options o = options({u"chapter10-instance"_qs});
        o.fleet.mode = OnboardOptions::Mode::Offboard;
        o.fleet.removeClusterResources = true; // refused for the group: its other VMs stay
        const Result r = runFleet(m_plan, o);
        QVERIFY2(r.ok, qPrintable(r.message(u"chapter10-instance"_qs)));
        const ObjectRef ours{u"networking.istio.io/v1"_qs, u"WorkloadEntry"_qs, u"chapter10vm"_qs, ourName};
        const ObjectRef theirs{u"networking.istio.io/v1"_qs, u"WorkloadEntry"_qs, u"chapter10vm"_qs, theirName};
        QCOMPARE(Lab::run(m_client->get(ours)).error.kind, KubeError::Kind::NotFound);
        QVERIFY(Lab::run(m_client->get(theirs)).ok());
        QVERIFY(Lab::run(m_client->get(ObjectRef{u"networking.istio.io/v1"_qs, u"WorkloadGroup"_qs, u"chapter10vm"_qs, u"envoydummy"_qs})).ok());
        Lab::run(m_client->remove(theirs));
        QCOMPARE(onVm(u"vm1"_qs, listing).out, m_before.value(u"vm1"_qs));
        QVERIFY(!m_state.hasVm(u"chapter10-instance"_qs)); // the next onboarding starts afresh
        // Again: nothing left to undo, nothing fails.
        const Result again = runFleet(m_plan, o);
        QVERIFY(again.ok);
        QCOMPARE(again.finalStates(u"chapter10-instance"_qs), QList<StepState>(4, StepState::Skipped));
    }

    void changedHostKeyIsAHardStop()
    {
        // known_hosts holds another key for vm1 than the one it offers: what a reinstalled VM or
        // a man in the middle looks like from here. (Made in known_hosts rather than with `lab
        // vm-rekey`, which leaves the VM and the lab's own known_hosts out of step.)
        const QString knownHosts = m_knownHosts;
        const QString fake = m_dir.filePath(u"fake_host_key"_qs);
        QCOMPARE(run(u"ssh-keygen"_qs, {u"-q"_qs, u"-t"_qs, u"ed25519"_qs, u"-N"_qs, QString(), u"-f"_qs, fake}).exitCode, 0);
        const QString fakeFingerprint = run(u"ssh-keygen"_qs, {u"-l"_qs, u"-f"_qs, fake + u".pub"_qs}).out.section(u' ', 1, 1);
        QVERIFY(fakeFingerprint.startsWith(u"SHA256:"_qs));
        run(u"ssh-keygen"_qs, {u"-R"_qs, m_vm1, u"-f"_qs, knownHosts});
        const QByteArray line = m_vm1.toLatin1() + ' ' + TestSupport::readAll(fake + u".pub"_qs).split(' ').mid(0, 2).join(' ') + '\n';
        QFile file(knownHosts);
        QVERIFY(file.open(QIODevice::Append));
        file.write(line);
        file.close();
        const auto restore = qScopeGuard([&] { run(u"ssh-keygen"_qs, {u"-R"_qs, m_vm1, u"-f"_qs, knownHosts}); });

        const Result r = runFleet(m_plan, options({u"chapter10-instance"_qs}));
        QVERIFY(!r.ok);
        const QString message = r.message(u"chapter10-instance"_qs);
        const QString offered = run(u"ssh-keygen"_qs, {u"-l"_qs, u"-F"_qs, m_vm1, u"-f"_qs,
                                                       labDir() + u"/vms/known_hosts.lab"_qs}).out;
        QVERIFY2(message.contains(u"CHANGED"_qs) && message.contains(fakeFingerprint), qPrintable(message));
        QVERIFY2(offered.contains(message.section(u"now offers "_qs, 1).section(u'.', 0, 0)), qPrintable(message));
        QCOMPARE(r.hostKeyQuestions, 0); // never offered for acceptance
        QCOMPARE(onVm(u"vm1"_qs, listing).out, m_before.value(u"vm1"_qs));
    }

    void sudoPasswordVm()
    {
        // Without a password: preflight stops at sudo, before anything changes, and the VM
        // beside it onboards all the same (one failing VM never stops the others).
        Result r = runFleet(m_plan, options({u"sudo-vm"_qs, u"chapter10-instance"_qs}));
        QVERIFY(!r.ok);
        QVERIFY2(r.message(u"sudo-vm"_qs).contains(u"password"_qs), qPrintable(r.message(u"sudo-vm"_qs)));
        QVERIFY2(r.vmOk(u"chapter10-instance"_qs), qPrintable(r.message(u"chapter10-instance"_qs)));
        QCOMPARE(onVm(u"vm2"_qs, listing).out, m_before.value(u"vm2"_qs));
        Options off = options({u"chapter10-instance"_qs});
        off.fleet.mode = OnboardOptions::Mode::Offboard;
        QVERIFY(runFleet(m_plan, off).ok);
        // Asked on "the terminal": a wrong answer is refused by sudo and asked again.
        Options o = options({u"sudo-vm"_qs});
        o.sudoAnswers = {"wrong-password", m_sudoPassword};
        r = runFleet(m_plan, o);
        QVERIFY2(r.ok, qPrintable(r.message(u"sudo-vm"_qs)));
        QCOMPARE(r.sudoQuestions, 2);
        QCOMPARE(onVm(u"vm2"_qs, u"systemctl is-active istio; stat -c %U /var/run/secrets/tokens/istio-token"_qs).out,
                 u"active\nistio-proxy\n"_qs);
        // From a file (CI), offboarding.
        o = options({u"sudo-vm"_qs});
        o.fleet.mode = OnboardOptions::Mode::Offboard;
        o.sudoPassword = m_sudoPassword;
        r = runFleet(m_plan, o);
        QVERIFY2(r.ok, qPrintable(r.message(u"sudo-vm"_qs)));
        QCOMPARE(r.sudoQuestions, 0);
        QCOMPARE(onVm(u"vm2"_qs, listing).out, m_before.value(u"vm2"_qs));
        // The password is nowhere in the state file.
        QVERIFY(!TestSupport::readAll(m_state.path()).contains(m_sudoPassword));
    }

    void proxyJumpThroughTheBastion()
    {
        // inner: only the bastion reaches it (ProxyJump in the ssh config); vm3 through the
        // bastion by the plan's jumpHost. Both in parallel.
        Result r = runFleet(m_plan, options({u"inner"_qs, u"vm3-jumped"_qs}));
        QVERIFY2(r.ok, qPrintable(r.message(u"inner"_qs) + u" / "_qs + r.message(u"vm3-jumped"_qs)));
        QCOMPARE(r.hostKeyQuestions, 3); // bastion once (shared), inner, vm3
        QCOMPARE(onVm(u"inner"_qs, u"systemctl is-active istio"_qs).out, u"active\n"_qs);
        QCOMPARE(onVm(u"vm3"_qs, u"systemctl is-active istio"_qs).out, u"active\n"_qs);
        Options o = options({u"inner"_qs, u"vm3-jumped"_qs});
        o.fleet.mode = OnboardOptions::Mode::Offboard;
        r = runFleet(m_plan, o);
        QVERIFY(r.ok);
        QCOMPARE(onVm(u"inner"_qs, listing).out, m_before.value(u"inner"_qs));
        QCOMPARE(onVm(u"vm3"_qs, listing).out, m_before.value(u"vm3"_qs));
    }

    void networkCutFailsThatVmOnly()
    {
        // Security review M1: vm1's network goes away before its start step (the host side of its
        // veth down, cut as the distribution ends, before the start step's first command). ssh's keepalives
        // (ServerAliveInterval 15 s, ServerAliveCountMax 4) end its connection within about a
        // minute, or the command's own timeout does; vm1 fails with a message, sudo-vm onboards
        // as if nothing happened, and the run ends in minutes, not when TCP gives up (hours).
        const QString cut = hostInterface(u"vm1"_qs);
        QCOMPARE(run(u"ip"_qs, {u"link"_qs, u"show"_qs, cut}).exitCode, 0);
        bool isCut = false;
        const auto restore = qScopeGuard([&] {
            if (isCut)
                run(u"ip"_qs, {u"link"_qs, u"set"_qs, cut, u"up"_qs});
        });
        Options o = options({u"chapter10-instance"_qs, u"sudo-vm"_qs});
        o.sudoPassword = m_sudoPassword;
        QElapsedTimer sinceCut;
        o.onStep = [&](const QString& vm, StepKind step, StepState state) {
            // Distribute ended (done or skipped): the start step's first command comes next.
            if (isCut || vm != u"chapter10-instance" || step != StepKind::Distribute
                || (state != StepState::Done && state != StepState::Skipped))
                return;
            isCut = run(u"ip"_qs, {u"link"_qs, u"set"_qs, cut, u"down"_qs}).exitCode == 0;
            sinceCut.start();
        };
        const Result r = runFleet(m_plan, o);
        QVERIFY2(isCut, "vm1's distribution never ended");
        const qint64 took = sinceCut.elapsed();
        QVERIFY(!r.ok);
        QVERIFY2(r.vmOk(u"sudo-vm"_qs), qPrintable(r.message(u"sudo-vm"_qs)));
        QVERIFY(r.outcomes.contains(u"chapter10-instance"_qs));
        QVERIFY(!r.vmOk(u"chapter10-instance"_qs));
        const QString message = r.message(u"chapter10-instance"_qs);
        QVERIFY2(message.startsWith(u"start: "_qs), qPrintable(message));
        // The keepalives (about 60 s) or the command's timeout (60 s for systemctl show, 100 s to
        // start), whichever comes first; never the hours of TCP.
        QVERIFY2(took < 150000, qPrintable(QString::number(took) + u" ms: "_qs + message));
        qInfo("vm1 failed %lld ms after its network went away: %s", took, qPrintable(message));

        // The network back: the next run finishes vm1's onboarding where it stopped.
        QCOMPARE(run(u"ip"_qs, {u"link"_qs, u"set"_qs, cut, u"up"_qs}).exitCode, 0);
        isCut = false;
        const Result again = runFleet(m_plan, options({u"chapter10-instance"_qs}));
        QVERIFY2(again.ok, qPrintable(again.message(u"chapter10-instance"_qs)));

        // Both offboarded again for the suites after this one.
        Options off = options({u"chapter10-instance"_qs, u"sudo-vm"_qs});
        off.sudoPassword = m_sudoPassword;
        off.fleet.mode = OnboardOptions::Mode::Offboard;
        const Result gone = runFleet(m_plan, off);
        QVERIFY2(gone.ok, qPrintable(gone.message(u"chapter10-instance"_qs) + u" / "_qs + gone.message(u"sudo-vm"_qs)));
        QCOMPARE(onVm(u"vm1"_qs, listing).out, m_before.value(u"vm1"_qs));
        QCOMPARE(onVm(u"vm2"_qs, listing).out, m_before.value(u"vm2"_qs));
    }

    void hostileValuesArriveIntactAndNeverRun()
    {
        // Names are validated by the plan loader; what else reaches the VM is file content: the
        // annotations' proxyMetadata in cluster.env (which istio-start.sh sources as root!) and
        // mesh.yaml. The lab agent must start, the files must be the bundle's bytes, and the
        // canary must never appear.
        const QString planText = uR"X(apiVersion: meshdeck.io/v1alpha1
kind: OnboardingPlan
metadata: {name: hostile}
mesh: {istioVersion: "1.31.0", meshID: mesh1, clusterName: cluster1, network: network1}
eastWestGateway: {address: @GATEWAY@}
vmGroups:
- name: hostile
  namespace: hostile-vm
  labels: {app: hostile}
  annotations:
    note: "a'b\"c $(touch /tmp/canary) `touch /tmp/canary`; rm -rf /tmp/x * \n second line ünïcödé"
    proxy.istio.io/config: |
      proxyMetadata:
        HOSTILE_1: "$(touch /tmp/canary)"
        HOSTILE_2: "'; touch /tmp/canary; echo '"
        HOSTILE_3: "`touch /tmp/canary`"
        HOSTILE_4: "a;b|c&d>e<f && touch /tmp/canary"
        HOSTILE_5: "* /tmp/*"
        HOSTILE_6: "日本語 ünïcödé \\ \" $HOME"
vms:
- name: hostile-vm1
  group: hostile
  address: vm1
)X"_qs;
        QVERIFY(TestSupport::writeFile(m_dir.filePath(u"hostile.yaml"_qs), QString(planText).replace(u"@GATEWAY@"_qs, labAddress(2)).toUtf8()));
        const PlanLoadResult loaded = loadPlanFile(m_dir.filePath(u"hostile.yaml"_qs));
        QVERIFY2(loaded.ok(), qPrintable(TestSupport::describe(loaded.problems)));
        Plan plan = *loaded.plan;
        for (const Resource& r : generateOffline(plan).kubectlResources())
            QVERIFY(Lab::run(m_client->apply(r.object)).ok());
        QVERIFY(Lab::labScript({u"publish-root-cert"_qs, u"hostile-vm"_qs}));
        QVERIFY(Lab::labScript({u"vm-expect"_qs, u"vm1"_qs, u"hostile"_qs, u"hostile-vm"_qs, u"default"_qs}));
        const auto noCanary = [] {
            return onVm(u"vm1"_qs, u"test -e /tmp/canary && echo CANARY || echo clean"_qs).out == u"clean\n"_qs
                && !QFileInfo::exists(u"/tmp/canary"_qs);
        };
        QVERIFY(noCanary());

        Result r = runFleet(plan, options({u"hostile-vm1"_qs}));
        QVERIFY2(r.ok, qPrintable(r.message(u"hostile-vm1"_qs)));
        const BundleResult bundle = makeBundle(plan, u"hostile-vm1"_qs, facts(), {});
        QVERIFY(bundle.bundle.file(u"cluster.env"_qs)->content.contains("HOSTILE_1='$(touch /tmp/canary)'"));
        const Run sums = onVm(u"vm1"_qs, u"sha256sum < /var/lib/istio/envoy/cluster.env; sha256sum < /etc/istio/config/mesh"_qs);
        QCOMPARE(sums.out.split(u'\n').value(0).section(u' ', 0, 0), sha256(bundle.bundle.file(u"cluster.env"_qs)->content));
        QCOMPARE(sums.out.split(u'\n').value(1).section(u' ', 0, 0), sha256(bundle.bundle.file(u"mesh.yaml"_qs)->content));
        QCOMPARE(onVm(u"vm1"_qs, u"systemctl is-active istio"_qs).out, u"active\n"_qs);
        QVERIFY(noCanary());

        // A newline in a value: the plan changes, so the files are distributed again and the agent
        // restarted. The bytes still arrive intact and nothing runs; the lab's stand-in reads
        // cluster.env line by line and refuses the continuation line (the real agent sources it
        // with sh, which takes it), so start fails here, with the agent's own words.
        plan.vmGroups[0].annotations[u"proxy.istio.io/config"_qs] =
            u"proxyMetadata:\n  HOSTILE_7: \"line1\\n$(touch /tmp/canary)\\nline3\"\n"_qs;
        r = runFleet(plan, options({u"hostile-vm1"_qs}));
        QVERIFY(!r.ok);
        QVERIFY2(r.message(u"hostile-vm1"_qs).contains(u"REFUSED"_qs), qPrintable(r.message(u"hostile-vm1"_qs)));
        const BundleResult changed = makeBundle(plan, u"hostile-vm1"_qs, facts(), {});
        QCOMPARE(onVm(u"vm1"_qs, u"sha256sum < /var/lib/istio/envoy/cluster.env"_qs).out.section(u' ', 0, 0),
                 sha256(changed.bundle.file(u"cluster.env"_qs)->content));
        QVERIFY(noCanary());

        // Offboarding with the group's cluster resources: its only VM goes, so the group goes too.
        Options o = options({u"hostile-vm1"_qs});
        o.fleet.mode = OnboardOptions::Mode::Offboard;
        o.fleet.removeClusterResources = true;
        r = runFleet(plan, o);
        QVERIFY2(r.ok, qPrintable(r.message(u"hostile-vm1"_qs)));
        QCOMPARE(onVm(u"vm1"_qs, listing).out, m_before.value(u"vm1"_qs));
        QVERIFY(noCanary());
        QCOMPARE(Lab::run(m_client->get(ObjectRef{u"networking.istio.io/v1"_qs, u"WorkloadGroup"_qs, u"hostile-vm"_qs, u"hostile"_qs}))
                     .error.kind,
                 KubeError::Kind::NotFound);
        QVERIFY(Lab::waitUntilGone(*m_client, ObjectRef{u"v1"_qs, u"Namespace"_qs, {}, u"hostile-vm"_qs}));
    }

private:
    // The host side of a lab VM's veth (tests/lab/vms.sh, vm_hostif): down, the VM's packets go
    // nowhere and nothing answers, as when it is powered off or a firewall drops them.
    static QString hostInterface(const QString& vm)
    {
        const int k = qEnvironmentVariableIntValue("MESHDECK_LAB_VM_NET");
        const QString n = vm.mid(2); // "vm1" -> "1"
        return k == 0 ? QString(u"mdvh"_qs + n) : QString(u"mdvh"_qs + QString::number(k) + u'-' + n);
    }

    Options options(const QStringList& vms) const
    {
        Options o;
        o.fleet.vms = vms;
        o.fleet.package = m_package;
        return o;
    }

    SharedClusterFacts facts()
    {
        ClusterFactsRun run(m_client, m_plan, {u"chapter10vm"_qs, u"hostile-vm"_qs});
        QSignalSpy done(&run, &ClusterFactsRun::finished);
        run.start();
        if (!done.wait(30000))
            return {};
        return run.facts();
    }

    Result runFleet(const Plan& plan, const Options& o)
    {
        Result result;
        SshOptions sshOptions;
        sshOptions.configFile = m_sshConfig;
        SshContext ssh(sshOptions);
        m_state.setPath(m_dir.filePath(plan.name + u".state.json"_qs));
        FleetRun fleet(plan, &ssh, m_client, &m_state, o.fleet);
        if (!o.sudoPassword.isEmpty())
            fleet.setSudoPassword(o.sudoPassword);
        fleet.setInteractive(!o.sudoAnswers.isEmpty());
        QList<QByteArray> answers = o.sudoAnswers;
        connect(&fleet, &FleetRun::hostKeyQuestion, this, [&](HostKeyQuestion* q) {
            ++result.hostKeyQuestions;
            if (o.acceptHostKeys)
                q->accept();
            else
                q->reject();
        });
        connect(&fleet, &FleetRun::sudoPasswordQuestion, this, [&](SudoPasswordQuestion* request) {
            ++result.sudoQuestions;
            if (answers.isEmpty())
                request->reject();
            else
                request->answer(answers.takeFirst());
        });
        connect(&fleet, &FleetRun::stepChanged, this, [&](const QString& vm, StepKind step, StepState state, const QString& message) {
            result.events.append(Event{vm, step, state, message});
            if (o.onStep)
                o.onStep(vm, step, state);
        });
        result.ok = VmLab::runFleet(fleet, plan, &m_state, &result.outcomes);
        return result;
    }

    QTemporaryDir m_dir;
    QString m_sshConfig;
    QString m_knownHosts;
    QString m_vm1; //!< vm1's address: the name its key has in known_hosts, its WorkloadEntry's address
    KubeClient* m_client = nullptr;
    Plan m_plan;
    PackageSource m_package;
    QByteArray m_sudoPassword;
    OnboardState m_state;
    QHash<QString, QString> m_before;
};

QTEST_GUILESS_MAIN(TestOnboardLab)
#include "tst_onboardlab.moc"
