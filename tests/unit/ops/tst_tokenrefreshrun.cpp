// SPDX-License-Identifier: Apache-2.0
// RefreshToken's pipeline for one VM: a TokenRequest for the group's service account, then one
// sudo run that installs it from stdin (never on a command line), a sudo password asked and
// retried, a legacy VM refused with why, a failed TokenRequest reaching no VM.

#include "fakeapiserver.h"
#include "fakevmremote.h"
#include "kubeclient.h"
#include "tokenrefreshrun.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

namespace {

const QByteArray secretToken = "eyJhbGciOiJSUzI1NiJ9.eyJleHAiOjE3OTY2NTAwMDB9.c2ln";

Plan plan()
{
    Plan p;
    VmGroup g;
    g.name = u"web"_qs;
    g.namespaceName = u"vm-ns"_qs;
    g.serviceAccount = u"web-sa"_qs;
    g.tokenDurationSeconds = 7200;
    p.vmGroups = {g};
    Vm vm;
    vm.name = u"vm-1"_qs;
    vm.group = u"web"_qs;
    vm.address = u"10.0.0.1"_qs;
    Vm legacy;
    legacy.name = u"old"_qs;
    legacy.address = u"10.0.0.9"_qs;
    p.vms = {vm, legacy};
    return p;
}

} // namespace

class TestTokenRefreshRun final : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void mintsAndDeliversOnStdin();
    void asksForSudoPassword();
    void legacyVmRefused();
    void failedTokenRequestTouchesNoVm();

private:
    std::unique_ptr<FakeApiServer> m_server;
    std::unique_ptr<KubeClient> m_client;
    int m_status = 201;
};

void TestTokenRefreshRun::init()
{
    m_status = 201;
    m_server = std::make_unique<FakeApiServer>();
    m_server->setHandler([this](const FakeRequest& r, FakeExchange& x) {
        if (r.path == u"/api/v1/namespaces/vm-ns/serviceaccounts/web-sa/token" && m_status == 201) {
            x.respondJson(201, {{u"kind"_qs, u"TokenRequest"_qs},
                                {u"status"_qs, QJsonObject{{u"token"_qs, QString::fromLatin1(secretToken)},
                                                           {u"expirationTimestamp"_qs, u"2026-12-07T16:00:00Z"_qs}}}});
            return;
        }
        x.respondJson(403, fakeStatus(403, u"Forbidden"_qs, u"cannot create serviceaccounts/token"_qs));
    });
    RestConfig config;
    config.server = m_server->url();
    config.proxy = QNetworkProxy(QNetworkProxy::NoProxy);
    KubeClientOptions options;
    options.qps = 0;
    options.maxRetries = 0;
    m_client = std::make_unique<KubeClient>(config, options);
}

void TestTokenRefreshRun::cleanup()
{
    m_client.reset();
    m_server.reset();
}

void TestTokenRefreshRun::mintsAndDeliversOnStdin()
{
    FakeVmRemote remote;
    remote.answer(u"^sudo sh -c"_qs, 0, "meshdeck-token=ok\n");
    TokenRefreshRun run(m_client.get(), plan(), u"vm-1"_qs, &remote);
    QSignalSpy finished(&run, &Task::finished);
    run.start();
    QVERIFY(finished.wait());
    QVERIFY2(!run.error().isError(), qPrintable(run.error().text()));
    QCOMPARE(run.tokenExpiry(), QDateTime(QDate(2026, 12, 7), QTime(16, 0), Qt::UTC));
    QCOMPARE(remote.opens, 1);
    QCOMPARE(remote.ran.size(), 1);
    QVERIFY(remote.ran.first().contains(u"/var/run/secrets/tokens"_qs));
    QVERIFY(!remote.ran.first().contains(QString::fromLatin1(secretToken)));
    QCOMPARE(remote.inputs.first(), secretToken);
    const FakeRequest& request = m_server->requests.last();
    QCOMPARE(request.method, "POST");
    const QJsonObject body = QJsonDocument::fromJson(request.body).object();
    QCOMPARE(body[u"spec"_qs][u"expirationSeconds"_qs].toInt(), 7200);
    QCOMPARE(body[u"spec"_qs][u"audiences"_qs].toArray().first().toString(), u"istio-ca");
}

void TestTokenRefreshRun::asksForSudoPassword()
{
    FakeVmRemote remote;
    remote.sudoPassword = "s3cret";
    TokenRefreshRun run(m_client.get(), plan(), u"vm-1"_qs, &remote);
    QList<bool> asked;
    run.setSudoPrompt([&asked](bool wrongBefore, QObject*, std::function<void(std::optional<QByteArray>)> done) {
        asked << wrongBefore;
        done(asked.size() == 1 ? QByteArray("wrong") : QByteArray("s3cret"));
    });
    QSignalSpy finished(&run, &Task::finished);
    run.start();
    QVERIFY(finished.wait());
    QVERIFY2(!run.error().isError(), qPrintable(run.error().text()));
    QCOMPARE(asked, (QList<bool>{false, true}));
    QCOMPARE(remote.ran.size(), 1);
}

void TestTokenRefreshRun::legacyVmRefused()
{
    FakeVmRemote remote;
    TokenRefreshRun run(m_client.get(), plan(), u"old"_qs, &remote);
    QSignalSpy finished(&run, &Task::finished);
    run.start();
    QVERIFY(finished.wait());
    QCOMPARE(run.error().kind, Error::Kind::InvalidInput);
    QVERIFY(run.error().message.contains(u"legacy"_qs));
    QCOMPARE(remote.opens, 0);
    QVERIFY(m_server->requests.isEmpty());
}

void TestTokenRefreshRun::failedTokenRequestTouchesNoVm()
{
    m_status = 403;
    FakeVmRemote remote;
    TokenRefreshRun run(m_client.get(), plan(), u"vm-1"_qs, &remote);
    QSignalSpy finished(&run, &Task::finished);
    run.start();
    QVERIFY(finished.wait());
    QCOMPARE(run.error().kind, Error::Kind::KubernetesStatus);
    QVERIFY(run.error().message.contains(u"vm-ns/web-sa"_qs));
    QCOMPARE(remote.opens, 0);
    QVERIFY(remote.attempts.isEmpty());
}

QTEST_GUILESS_MAIN(TestTokenRefreshRun)
#include "tst_tokenrefreshrun.moc"
