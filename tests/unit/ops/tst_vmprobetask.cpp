// SPDX-License-Identifier: Apache-2.0
// The wizard's "Test connection" (VmProbeTask) over a scripted VmRemote: what the page shows
// (OS, architecture, systemd, disk, clock skew, gateway ports), the sudo note, and failures.
#include "vmprobetask.h"

#include "fakevmremote.h"
#include "plan.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

namespace {

const QByteArray probeOutput = R"X(osr.PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
osr.ID=debian
osr.VERSION_ID="12"
machine=x86_64
systemd=yes
dpkg=yes
free_var_kb=10485760
free_usr_kb=2097152
epoch=1763700010
ip=198.18.0.11
port15012=open
port15443=closed
)X";

} // namespace

class TestVmProbeTask final : public QObject
{
    Q_OBJECT

private slots:
    void reportsWhatThePageShows()
    {
        auto* remote = new FakeVmRemote;
        remote->answer(u"^sh -c"_qs, 0, probeOutput);
        remote->answer(u"^sudo -n true"_qs, 1);
        VmProbeTask task(remote, u"198.18.0.2"_qs);
        task.setClock([] { return qint64(1763700000); });
        QSignalSpy finished(&task, &Task::finished);
        task.start();
        QVERIFY(finished.wait(2000));
        QVERIFY2(!task.error().isError(), qPrintable(task.error().text()));
        const VmProbeInfo info = task.info();
        QCOMPARE(info.os, u"Debian GNU/Linux 12 (bookworm)"_qs);
        QCOMPARE(info.architecture, u"amd64"_qs);
        QVERIFY(info.systemd);
        QCOMPARE(info.freeDiskBytes, qint64(2097152) * 1024);
        QCOMPARE(info.clockSkewSeconds, 10.0);
        QVERIFY(info.gatewayDiscoveryReachable);
        QVERIFY(!info.gatewayMtlsReachable);
        QVERIFY(info.notes.join(u'\n').contains(u"sudo asks for a password"_qs));
        QCOMPARE(remote->opens, 1);
        QVERIFY(remote->ran.first().contains(u"198.18.0.2"_qs));
        QVERIFY(!remote->ran.first().startsWith(u"sudo "_qs)); // the probe itself is unprivileged
    }

    void loginFails()
    {
        auto* remote = new FakeVmRemote;
        remote->openError.kind = SshError::Kind::AuthenticationFailed;
        remote->openError.message = u"Permission denied (publickey)"_qs;
        VmProbeTask task(remote, {});
        QSignalSpy finished(&task, &Task::finished);
        task.start();
        QVERIFY(finished.wait(2000));
        QCOMPARE(task.error().kind, Error::Kind::SshAuthenticationFailed);
        QVERIFY(remote->ran.isEmpty());
    }

    void probeFails()
    {
        auto* remote = new FakeVmRemote;
        remote->answer(u"^sh -c"_qs, 2);
        VmProbeTask task(remote, {});
        QSignalSpy finished(&task, &Task::finished);
        task.start();
        QVERIFY(finished.wait(2000));
        QCOMPARE(task.error().kind, Error::Kind::RemoteCommandFailed);
        QCOMPARE(task.error().exitCode, 2);
    }

    void cancelStopsTheRemote()
    {
        auto* remote = new FakeVmRemote;
        VmProbeTask task(remote, {});
        QSignalSpy finished(&task, &Task::finished);
        task.start();
        task.cancel();
        QCOMPARE(finished.size(), 1);
        QVERIFY(task.error().isCanceled());
        QCOMPARE(remote->cancels, 1);
    }

    void unknownVmFails()
    {
        Plan plan;
        std::unique_ptr<VmProbeTask> task(VmProbeTask::forPlan(nullptr, plan, u"nope"_qs, {}, nullptr));
        QSignalSpy finished(task.get(), &Task::finished);
        task->start();
        QVERIFY(finished.wait(2000) || finished.size() == 1);
        QCOMPARE(task->error().kind, Error::Kind::InvalidInput);
    }

    void infoWithoutGatewayOrClock()
    {
        VmProbe probe;
        probe.osId = u"rhel"_qs;
        probe.osVersion = u"9.4"_qs;
        probe.machine = u"aarch64"_qs;
        const VmProbeInfo info = VmProbeTask::infoOf(probe, {{u"gateway"_qs, ProbeCheck::Level::Warning, u"no gateway"_qs}}, 100);
        QCOMPARE(info.os, u"rhel 9.4"_qs);
        QCOMPARE(info.architecture, u"arm64"_qs);
        QCOMPARE(info.freeDiskBytes, qint64(-1));
        QCOMPARE(info.clockSkewSeconds, 0.0);
        QCOMPARE(info.notes, QStringList{u"no gateway"_qs});
    }
};

QTEST_GUILESS_MAIN(TestVmProbeTask)
#include "tst_vmprobetask.moc"
