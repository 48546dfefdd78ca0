// SPDX-License-Identifier: Apache-2.0
// ClusterConnectionService against scripted API servers (fakeapiserver.h): the contexts under
// client-go's merge rules, the plan's context first and another on request (the plan stays),
// the Kubernetes and Istio versions read, an unreachable or silent server Failed with its fix
// in bounded time, and security review M2: an exec plugin of the plan's kubeconfig runs only
// after a yes, remembered per command; the user's own kubeconfig never asks.
#include "clusterconnectionservice.h"
#include "clustersessions.h"
#include "execpluginapprovals.h"
#include "fakeapiserver.h"
#include "plan.h"
#include "question.h"
#include "testplans.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace {

constexpr int timeoutMs = 15000;

QJsonObject istiod(const QString& name, const QString& revision, const QString& image)
{
    QJsonObject labels{{u"app"_qs, u"istiod"_qs}};
    if (!revision.isEmpty())
        labels.insert(u"istio.io/rev"_qs, revision);
    return {{u"apiVersion"_qs, u"apps/v1"_qs},
            {u"kind"_qs, u"Deployment"_qs},
            {u"metadata"_qs, QJsonObject{{u"name"_qs, name}, {u"namespace"_qs, u"istio-system"_qs}, {u"labels"_qs, labels}}},
            {u"spec"_qs, QJsonObject{{u"template"_qs, QJsonObject{{u"spec"_qs, QJsonObject{{u"containers"_qs, QJsonArray{
                QJsonObject{{u"name"_qs, u"discovery"_qs}, {u"image"_qs, image}}}}}}}}}}};
}

/*! Discovery, /version and the istiod Deployments: a cluster with Istio 1.29.2 (and a canary). */
void answerCluster(FakeApiServer& server, const QString& gitVersion = u"v1.30.2"_qs)
{
    server.setHandler([gitVersion](const FakeRequest& r, FakeExchange& x) {
        if (fakeDiscovery(r, x))
            return;
        if (r.path == u"/version") {
            x.respondJson(200, {{u"gitVersion"_qs, gitVersion}});
        } else if (r.path == u"/apis/apps/v1/namespaces/istio-system/deployments") {
            const bool selected = r.param(u"labelSelector"_qs) == u"app=istiod";
            const QJsonArray items = selected ? QJsonArray{istiod(u"istiod"_qs, {}, u"docker.io/istio/pilot:1.29.2"_qs),
                                                           istiod(u"istiod-canary"_qs, u"canary"_qs,
                                                                  u"docker.io/istio/pilot:1.30.0-distroless"_qs)}
                                              : QJsonArray{};
            x.respondJson(200, {{u"kind"_qs, u"DeploymentList"_qs}, {u"apiVersion"_qs, u"apps/v1"_qs},
                                {u"metadata"_qs, QJsonObject{{u"resourceVersion"_qs, u"5"_qs}}}, {u"items"_qs, items}});
        } else {
            x.respondJson(404, fakeStatus(404, u"NotFound"_qs, u"not found"_qs));
        }
    });
}

QByteArray contextEntry(const QString& name, const QString& cluster, const QString& user, const QString& ns = {})
{
    QByteArray entry = "- name: " + name.toUtf8() + "\n  context: {cluster: " + cluster.toUtf8() + ", user: " + user.toUtf8();
    if (!ns.isEmpty())
        entry += ", namespace: " + ns.toUtf8();
    return entry + "}\n";
}

QByteArray clusterEntry(const QString& name, const QUrl& server)
{
    return "- name: " + name.toUtf8() + "\n  cluster: {server: '" + server.toString().toUtf8() + "'}\n";
}

QByteArray tokenUser(const QString& name)
{
    return "- name: " + name.toUtf8() + "\n  user: {token: not-a-secret}\n";
}

QByteArray execUser(const QString& name, const QByteArray& args = {})
{
    QByteArray user = "- name: " + name.toUtf8() + "\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
        "      command: ./plugin.sh\n      interactiveMode: Never\n";
    if (!args.isEmpty())
        user += "      args: [" + args + "]\n";
    return user;
}

/*! A plugin next to the kubeconfig that counts its runs and hands out a token. */
QString writePlugin(const QString& dir)
{
    const QByteArray script = "#!/bin/sh\necho run >> '" + dir.toUtf8() + "/runs'\n"
        "printf '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
        "\"status\":{\"token\":\"plugin-token\"}}\\n'\n";
    const QString path = TestPlans::write(dir, u"plugin.sh"_qs, script);
    QFile::setPermissions(path, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    return path;
}

int runs(const QString& dir)
{
    QFile file(dir + u"/runs"_qs);
    return file.open(QIODevice::ReadOnly) ? int(file.readAll().count('\n')) : 0;
}

Plan planFor(const QString& kubeconfig, const QString& context = {})
{
    Plan plan;
    plan.cluster.kubeconfig = kubeconfig;
    plan.cluster.context = context;
    return plan;
}

bool waitForState(const ClusterConnectionService& service, ConnectionInfo::State state, int ms = timeoutMs)
{
    QElapsedTimer timer;
    timer.start();
    QSignalSpy changed(&service, &ConnectionService::infoChanged);
    while (service.info().state != state && timer.elapsed() < ms)
        changed.wait(100);
    return service.info().state == state;
}

/*! One GUI's worth: approvals, sessions with the approval hook, the service. */
struct Rig
{
    explicit Rig(const QString& settingsFile)
        : approvals(settingsFile)
    {
        approvals.setHomeDir(u"/nonexistent-home"_qs);
        ExecPluginOptions exec;
        exec.approve = approvals.hook();
        exec.useLoginShellPath = false;
        sessions = std::make_unique<ClusterSessions>(exec);
        service = std::make_unique<ClusterConnectionService>(sessions.get(), &approvals);
    }
    ~Rig()
    {
        service.reset();
        sessions.reset();
    }
    ExecPluginApprovals approvals;
    std::unique_ptr<ClusterSessions> sessions;
    std::unique_ptr<ClusterConnectionService> service;
};

} // namespace

class TestConnectionService final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        qRegisterMetaType<Question*>(); // the signal's header only declares the class
    }
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_settings = m_dir->filePath(u"settings.ini"_qs);
        qunsetenv("KUBECONFIG");
    }
    void cleanup()
    {
        qunsetenv("KUBECONFIG");
        m_dir.reset();
    }

    void contextsMergedFromKubeconfigList()
    {
        FakeApiServer first;
        answerCluster(first);
        const QString a = TestPlans::write(m_dir->path(), u"a"_qs,
            "apiVersion: v1\nkind: Config\nclusters:\n" + clusterEntry(u"c1"_qs, first.url())
            + "contexts:\n" + contextEntry(u"one"_qs, u"c1"_qs, u"alice"_qs, u"apps"_qs)
            + contextEntry(u"shared"_qs, u"c1"_qs, u"alice"_qs) + "users:\n" + tokenUser(u"alice"_qs)
            + "current-context: one\n");
        const QString b = TestPlans::write(m_dir->path(), u"b"_qs,
            "apiVersion: v1\nkind: Config\nclusters:\n" + clusterEntry(u"c2"_qs, QUrl(u"https://10.9.9.9"_qs))
            + "contexts:\n" + contextEntry(u"shared"_qs, u"c2"_qs, u"bob"_qs) + contextEntry(u"two"_qs, u"c2"_qs, u"bob"_qs)
            + "users:\n" + tokenUser(u"bob"_qs) + "current-context: two\n");
        qputenv("KUBECONFIG", (a + u':' + b).toUtf8());

        Rig rig(m_settings);
        QSignalSpy contexts(rig.service.get(), &ConnectionService::contextsChanged);
        rig.service->setPlan(Plan{}); // no cluster section: $KUBECONFIG
        QVERIFY(contexts.wait(timeoutMs));
        const QList<KubeContextInfo> list = rig.service->contexts();
        QCOMPARE(list.size(), 3);
        QCOMPARE(list[0].name, u"one"_qs);
        QVERIFY(list[0].current); // the first file's current-context wins
        QCOMPARE(list[0].nameSpace, u"apps"_qs);
        QCOMPARE(list[1].name, u"shared"_qs);
        QCOMPARE(list[1].cluster, u"c1"_qs); // the first file that names it wins, whole entry
        QCOMPARE(list[1].user, u"alice"_qs);
        QCOMPARE(list[2].name, u"two"_qs);
        QCOMPARE(list[2].file, b);
        QCOMPARE(list[2].server, u"https://10.9.9.9"_qs);

        QVERIFY(waitForState(*rig.service, ConnectionInfo::State::Connected));
        const ConnectionInfo info = rig.service->info();
        QCOMPARE(info.context, u"one"_qs);
        QCOMPARE(info.user, u"alice"_qs);
        QCOMPARE(info.defaultNamespace, u"apps"_qs);
        QCOMPARE(info.kubeconfigSource, u"KUBECONFIG"_qs);
    }

    void versionsAndRevisionRead()
    {
        FakeApiServer server;
        answerCluster(server);
        const QString file = TestPlans::write(m_dir->path(), u"kubeconfig"_qs,
            "clusters:\n" + clusterEntry(u"c"_qs, server.url()) + "contexts:\n" + contextEntry(u"ctx"_qs, u"c"_qs, u"u"_qs)
            + "users:\n" + tokenUser(u"u"_qs) + "current-context: ctx\n");
        Rig rig(m_settings);
        QSignalSpy sessionChanged(rig.service.get(), &ClusterConnectionService::sessionChanged);
        rig.service->setPlan(planFor(file));
        QCOMPARE(rig.service->info().state, ConnectionInfo::State::Connecting); // never blocks: asynchronous
        QVERIFY(waitForState(*rig.service, ConnectionInfo::State::Connected));
        ConnectionInfo info = rig.service->info();
        QCOMPARE(info.kubernetesVersion, u"v1.30.2"_qs);
        QCOMPARE(info.istioVersion, u"1.29.2"_qs);
        QCOMPARE(info.istioRevision, u"default"_qs);
        QCOMPARE(info.server, server.url().toString());
        QCOMPARE(info.defaultNamespace, u"default"_qs);
        QCOMPARE(info.kubeconfigSource, u"plan"_qs);
        QVERIFY2(info.warnings.join(u'\n').contains(u"istiod-canary"_qs), qPrintable(info.warnings.join(u'\n')));
        QVERIFY(rig.service->currentSession());
        QVERIFY(sessionChanged.count() >= 1);

        // The plan's revision chooses among several control planes.
        Plan canary = planFor(file);
        canary.mesh.revision = u"canary"_qs;
        rig.service->setPlan(canary);
        QVERIFY(waitForState(*rig.service, ConnectionInfo::State::Connected));
        QTRY_COMPARE_WITH_TIMEOUT(rig.service->info().istioRevision, u"canary"_qs, timeoutMs);
        QCOMPARE(rig.service->info().istioVersion, u"1.30.0"_qs);
    }

    void switchingContextKeepsThePlan()
    {
        FakeApiServer a;
        answerCluster(a, u"v1.29.0"_qs);
        FakeApiServer b;
        answerCluster(b, u"v1.31.1"_qs);
        const QString file = TestPlans::write(m_dir->path(), u"kubeconfig"_qs,
            "clusters:\n" + clusterEntry(u"ca"_qs, a.url()) + clusterEntry(u"cb"_qs, b.url()) + "contexts:\n"
            + contextEntry(u"a"_qs, u"ca"_qs, u"u"_qs) + contextEntry(u"b"_qs, u"cb"_qs, u"u"_qs, u"shop"_qs)
            + "users:\n" + tokenUser(u"u"_qs) + "current-context: b\n");
        Rig rig(m_settings);
        const Plan plan = planFor(file, u"a"_qs); // the plan's context is the default, not current-context
        rig.service->setPlan(plan);
        QVERIFY(waitForState(*rig.service, ConnectionInfo::State::Connected));
        QCOMPARE(rig.service->info().context, u"a"_qs);
        QCOMPARE(rig.service->info().kubernetesVersion, u"v1.29.0"_qs);
        ClusterSession* first = rig.service->currentSession();

        QSignalSpy sessionChanged(rig.service.get(), &ClusterConnectionService::sessionChanged);
        rig.service->useContext(u"b"_qs);
        QVERIFY(waitForState(*rig.service, ConnectionInfo::State::Connected));
        QCOMPARE(rig.service->info().context, u"b"_qs);
        QCOMPARE(rig.service->info().kubernetesVersion, u"v1.31.1"_qs);
        QCOMPARE(rig.service->info().defaultNamespace, u"shop"_qs);
        QCOMPARE(rig.service->target().kubeconfigFiles, QStringList{file}); // the plan's files still
        QVERIFY(sessionChanged.count() >= 1);
        QVERIFY(rig.service->currentSession() != first);

        // Loading the same plan again (a save, a reload) keeps the chosen context and asks nothing.
        const qsizetype requests = a.requests.size() + b.requests.size();
        rig.service->setPlan(plan);
        QCOMPARE(rig.service->info().context, u"b"_qs);
        QCOMPARE(rig.service->info().state, ConnectionInfo::State::Connected);
        QCOMPARE(a.requests.size() + b.requests.size(), requests);

        rig.service->reconnect(); // asks again, same context
        QVERIFY(waitForState(*rig.service, ConnectionInfo::State::Connected));
        QCOMPARE(rig.service->info().context, u"b"_qs);
    }

    void unreachableFailsWithTheFix()
    {
        quint16 port = 0;
        {
            QTcpServer probe; // a port nothing listens on once it is closed
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            port = probe.serverPort();
        }
        const QString file = TestPlans::write(m_dir->path(), u"kubeconfig"_qs,
            "clusters:\n" + clusterEntry(u"c"_qs, QUrl(u"http://127.0.0.1:%1"_qs.arg(port))) + "contexts:\n"
            + contextEntry(u"ctx"_qs, u"c"_qs, u"u"_qs) + "users:\n" + tokenUser(u"u"_qs) + "current-context: ctx\n");
        Rig rig(m_settings);
        rig.service->setTimeout(std::chrono::seconds(5));
        QElapsedTimer timer;
        timer.start();
        rig.service->setPlan(planFor(file));
        QVERIFY(waitForState(*rig.service, ConnectionInfo::State::Failed));
        QVERIFY(timer.elapsed() < 8000);
        const ConnectionInfo info = rig.service->info();
        QVERIFY(!info.error.isEmpty());
        QVERIFY2(info.fix.contains(u"reachable"_qs), qPrintable(info.fix));
    }

    void silentServerTimesOut()
    {
        FakeApiServer server; // accepts, reads, never answers
        server.setHandler([](const FakeRequest& r, FakeExchange& x) { fakeDiscovery(r, x); });
        const QString file = TestPlans::write(m_dir->path(), u"kubeconfig"_qs,
            "clusters:\n" + clusterEntry(u"c"_qs, server.url()) + "contexts:\n" + contextEntry(u"ctx"_qs, u"c"_qs, u"u"_qs)
            + "users:\n" + tokenUser(u"u"_qs) + "current-context: ctx\n");
        Rig rig(m_settings);
        rig.service->setTimeout(std::chrono::milliseconds(1500));
        QElapsedTimer timer;
        timer.start();
        rig.service->setPlan(planFor(file));
        QVERIFY(waitForState(*rig.service, ConnectionInfo::State::Failed, 5000));
        QVERIFY(timer.elapsed() < 5000);
        QVERIFY2(rig.service->info().error.contains(u"did not answer within 1.5 s"_qs), qPrintable(rig.service->info().error));
        QVERIFY(rig.service->info().fix.contains(u"Reconnect"_qs));
    }

    void missingContextFails()
    {
        FakeApiServer server;
        answerCluster(server);
        const QString file = TestPlans::write(m_dir->path(), u"kubeconfig"_qs,
            "clusters:\n" + clusterEntry(u"c"_qs, server.url()) + "contexts:\n" + contextEntry(u"ctx"_qs, u"c"_qs, u"u"_qs)
            + "users:\n" + tokenUser(u"u"_qs) + "current-context: ctx\n");
        Rig rig(m_settings);
        rig.service->setPlan(planFor(file, u"gone"_qs));
        QVERIFY(waitForState(*rig.service, ConnectionInfo::State::Failed));
        QVERIFY2(rig.service->info().error.contains(u"gone"_qs), qPrintable(rig.service->info().error));
        QVERIFY2(rig.service->info().fix.contains(u"cluster.context"_qs), qPrintable(rig.service->info().fix));
        QVERIFY(!rig.service->currentSession());
        // Choosing a context that exists connects; the plan stays.
        rig.service->useContext(u"ctx"_qs);
        QVERIFY(waitForState(*rig.service, ConnectionInfo::State::Connected));
    }

    void planExecPluginAsksOnceAndRemembers()
    {
        FakeApiServer server;
        answerCluster(server);
        const QString dir = m_dir->path();
        writePlugin(dir);
        auto kubeconfig = [&](const QByteArray& args) {
            return TestPlans::write(dir, u"kubeconfig"_qs,
                "clusters:\n" + clusterEntry(u"c"_qs, server.url()) + "contexts:\n" + contextEntry(u"ctx"_qs, u"c"_qs, u"u"_qs)
                + "users:\n" + execUser(u"u"_qs, args) + "current-context: ctx\n");
        };
        const QString file = kubeconfig({});
        {
            Rig rig(m_settings);
            QSignalSpy questions(rig.service.get(), &ConnectionService::question);
            rig.service->setPlan(planFor(file));
            QVERIFY2(questions.count() == 1 || questions.wait(timeoutMs),
                     qPrintable(rig.service->info().error + u" state "_qs + QString::number(int(rig.service->info().state))));
            auto* question = questions.first().first().value<Question*>();
            QCOMPARE(question->kind(), Question::Kind::ExecPlugin);
            QCOMPARE(question->property("kubeconfigFile").toString(), file);
            QVERIFY(question->property("command").toString().endsWith(u"plugin.sh"_qs));
            QCOMPARE(runs(dir), 0); // nothing ran before the answer
            question->accept();
            QVERIFY(waitForState(*rig.service, ConnectionInfo::State::Connected));
            QCOMPARE(runs(dir), 1);
            QCOMPARE(server.requests.last().headers.value("authorization"), QByteArray("Bearer plugin-token"));
        }
        {
            // A new window (new sessions, new providers): remembered, not asked.
            Rig rig(m_settings);
            QSignalSpy questions(rig.service.get(), &ConnectionService::question);
            rig.service->setPlan(planFor(file));
            QVERIFY(waitForState(*rig.service, ConnectionInfo::State::Connected));
            QCOMPARE(questions.count(), 0);
            QCOMPARE(runs(dir), 2);
        }
        kubeconfig("--another-argument"); // the command changed: asked again
        {
            Rig rig(m_settings);
            QSignalSpy questions(rig.service.get(), &ConnectionService::question);
            rig.service->setPlan(planFor(file));
            QVERIFY2(questions.count() == 1 || questions.wait(timeoutMs),
                     qPrintable(rig.service->info().error + u" state "_qs + QString::number(int(rig.service->info().state))
                                + u" runs "_qs + QString::number(runs(dir))));
            questions.first().first().value<Question*>()->reject();
            QVERIFY(waitForState(*rig.service, ConnectionInfo::State::Failed));
            QCOMPARE(runs(dir), 2); // refused: not run
            QVERIFY2(rig.service->info().error.contains(u"declined"_qs), qPrintable(rig.service->info().error));
            QVERIFY2(rig.service->info().fix.contains(u"allow the exec plugin"_qs), qPrintable(rig.service->info().fix));
        }
    }

    void twoConnectionsShareOneQuestion()
    {
        FakeApiServer server;
        answerCluster(server);
        const QString dir = m_dir->path();
        writePlugin(dir);
        const QString file = TestPlans::write(dir, u"kubeconfig"_qs,
            "clusters:\n" + clusterEntry(u"c"_qs, server.url()) + "contexts:\n" + contextEntry(u"ctx"_qs, u"c"_qs, u"u"_qs)
            + "users:\n" + execUser(u"u"_qs) + "current-context: ctx\n");
        Rig rig(m_settings);
        ExecPluginOptions exec; // another set of sessions (another client, another provider), same approvals
        exec.approve = rig.approvals.hook();
        exec.useLoginShellPath = false;
        ClusterSessions otherSessions(exec);
        ClusterConnectionService other(&otherSessions, nullptr);
        QSignalSpy questions(&rig.approvals, &ExecPluginApprovals::question);
        rig.service->setPlan(planFor(file));
        other.setPlan(planFor(file));
        QTRY_COMPARE_WITH_TIMEOUT(questions.count(), 1, timeoutMs);
        QTest::qWait(200); // the second provider's ask arrives too: no second question
        QCOMPARE(questions.count(), 1);
        questions.first().first().value<Question*>()->accept();
        QVERIFY(waitForState(*rig.service, ConnectionInfo::State::Connected));
        QVERIFY(waitForState(other, ConnectionInfo::State::Connected));
        QCOMPARE(runs(dir), 2);
    }

    void usersOwnKubeconfigNeverAsks()
    {
        FakeApiServer server;
        answerCluster(server);
        const QString dir = m_dir->path();
        writePlugin(dir);
        const QString file = TestPlans::write(dir, u"kubeconfig"_qs,
            "clusters:\n" + clusterEntry(u"c"_qs, server.url()) + "contexts:\n" + contextEntry(u"ctx"_qs, u"c"_qs, u"u"_qs)
            + "users:\n" + execUser(u"u"_qs) + "current-context: ctx\n");
        qputenv("KUBECONFIG", file.toUtf8());
        Rig rig(m_settings);
        QSignalSpy questions(rig.service.get(), &ConnectionService::question);
        rig.service->setPlan(Plan{});
        QVERIFY(waitForState(*rig.service, ConnectionInfo::State::Connected));
        QCOMPARE(questions.count(), 0);
        QCOMPARE(runs(dir), 1);

        // The plan naming the user's own file (KUBECONFIG's) is no stranger either.
        Rig again(m_settings);
        again.approvals.setKubeconfigEnv(file);
        QSignalSpy asked(again.service.get(), &ConnectionService::question);
        again.service->setPlan(planFor(file));
        QVERIFY(waitForState(*again.service, ConnectionInfo::State::Connected));
        QCOMPARE(asked.count(), 0);
    }

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_settings;
};

QTEST_GUILESS_MAIN(TestConnectionService)
#include "tst_connectionservice.moc"
