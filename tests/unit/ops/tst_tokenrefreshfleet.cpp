// SPDX-License-Identifier: Apache-2.0
// RefreshToken over several VMs: each VM gets its own TokenRequest and delivery, the sudo
// password is asked once and reused, one VM failing leaves the others delivered and the task
// ends with PartialFailure naming it.

#include "fakeapiserver.h"
#include "fakevmremote.h"
#include "fleetrun.h"
#include "kubeclient.h"
#include "tokenrefreshfleet.h"

#include <QSignalSpy>
#include <QTest>

namespace {

Plan plan()
{
    Plan p;
    VmGroup g;
    g.name = u"web"_qs;
    g.namespaceName = u"vm-ns"_qs;
    p.vmGroups = {g};
    for (const QString& name : {u"vm-1"_qs, u"vm-2"_qs, u"vm-3"_qs}) {
        Vm vm;
        vm.name = name;
        vm.group = u"web"_qs;
        vm.address = name;
        p.vms << vm;
    }
    Vm legacy;
    legacy.name = u"old"_qs;
    legacy.address = u"old"_qs;
    p.vms << legacy;
    return p;
}

} // namespace

class TestTokenRefreshFleet final : public QObject
{
    Q_OBJECT
private slots:
    void deliversToEveryGroupVmAndReportsTheFailed();
};

void TestTokenRefreshFleet::deliversToEveryGroupVmAndReportsTheFailed()
{
    FakeApiServer server;
    server.setHandler([](const FakeRequest&, FakeExchange& x) {
        x.respondJson(201, {{u"status"_qs, QJsonObject{{u"token"_qs, u"tok"_qs},
                                                       {u"expirationTimestamp"_qs, u"2026-12-07T16:00:00Z"_qs}}}});
    });
    RestConfig config;
    config.server = server.url();
    config.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
    KubeClientOptions options;
    options.qps = 0;
    KubeClient client(config, options);

    QStringList delivered;
    TokenRefreshFleet fleet(&client, plan(), {}, [&delivered](const QString& vm, QObject* parent) -> VmRemote* {
        auto* remote = new FakeVmRemote(parent);
        remote->sudoPassword = "pw";
        remote->answer(u"^sudo sh -c"_qs, vm == u"vm-2" ? 1 : 0);
        remote->onCommand = [&delivered, vm, remote](const QString& line, const RemoteRequest& request) {
            if (line.startsWith(u"sudo "_qs) && request.sudoPassword == remote->sudoPassword && vm != u"vm-2")
                delivered << vm;
        };
        return remote;
    }, 2);
    int asked = 0;
    connect(&fleet, &FleetTask::question, this, [&asked](Question* q) {
        ++asked;
        QCOMPARE(q->kind(), Question::Kind::SudoPassword);
        q->answer("pw");
    });
    QSignalSpy finished(&fleet, &Task::finished);
    fleet.start();
    QVERIFY(finished.wait());
    QCOMPARE(fleet.error().kind, Error::Kind::PartialFailure);
    QCOMPARE(fleet.failedVms(), QStringList{u"vm-2"_qs});
    delivered.sort();
    QCOMPARE(delivered, (QStringList{u"vm-1"_qs, u"vm-3"_qs}));
    // Security review H3: each VM's sudo password is asked for; none is given another VM's.
    QCOMPARE(asked, 3);
    QCOMPARE(server.requests.size(), 3); // no TokenRequest for the legacy VM
}

QTEST_GUILESS_MAIN(TestTokenRefreshFleet)
#include "tst_tokenrefreshfleet.moc"
