// SPDX-License-Identifier: Apache-2.0
// The window's live graph across plan reloads: LiveGraphs (app/, the composition root's part) with
// the window, the document and ClusterSessions. The kubeconfig points at a loopback port nothing
// listens on: a session is made from the kubeconfig alone, and the graph tab's requests simply fail.
#include "clusterconnectionservice.h"
#include "clustersessions.h"
#include "graphpage.h"
#include "kubeclient.h"
#include "livegraphs.h"
#include "mainwindow.h"
#include "plandocument.h"
#include "testplans.h"

#include <QLineEdit>
#include <QPointer>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int timeoutMs = 20000;

// A port on 127.0.0.1 that was free a moment ago: nothing answers there.
quint16 unusedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost))
        qFatal("cannot listen on loopback");
    return server.serverPort();
}

QByteArray kubeconfig(quint16 port)
{
    return "apiVersion: v1\n"
           "kind: Config\n"
           "clusters:\n"
           "- name: nowhere\n"
           "  cluster:\n"
           "    server: https://127.0.0.1:"
        + QByteArray::number(port)
        + "\n"
          "    insecure-skip-tls-verify: true\n"
          "contexts:\n"
          "- name: first\n"
          "  context: {cluster: nowhere, user: someone}\n"
          "- name: second\n"
          "  context: {cluster: nowhere, user: someone}\n"
          "users:\n"
          "- name: someone\n"
          "  user: {token: not-a-secret}\n"
          "current-context: first\n";
}

// The demo plan with a cluster section; comment changes what an editor's save changes: nothing.
QByteArray planFor(const QByteArray& context, const QByteArray& comment = {})
{
    return TestPlans::demo() + "cluster:\n  kubeconfig: kubeconfig.yaml\n  context: " + context + "\n" + comment;
}

} // namespace

class TestLiveGraphs final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_settings;

    // Writes the plan and waits for the document to load it (a new file, or a reload on change).
    static bool write(PlanDocument* document, const QString& dir, const QByteArray& text, bool open)
    {
        QSignalSpy loaded(document, &PlanDocument::loaded);
        const QString path = TestPlans::write(dir, u"plan.yaml"_qs, text);
        if (path.isEmpty())
            return false;
        if (open)
            document->load(path);
        else
            document->reload();
        return !loaded.isEmpty() || loaded.wait(timeoutMs);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
        QStandardPaths::setTestModeEnabled(true); // node positions go to ~/.qttest
    }

    void reloadKeepsTheSessionAndTheFilterAnotherContextDoesNot()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(!TestPlans::write(dir.path(), u"kubeconfig.yaml"_qs, kubeconfig(unusedPort())).isEmpty());

        ClusterSessions sessions;
        MainWindow window(new PlanDocument);
        auto* live = new LiveGraphs(window.document(), &sessions, &window);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        QVERIFY(write(window.document(), dir.path(), planFor("first"), true));
        QTRY_VERIFY_WITH_TIMEOUT(window.graphSource() != nullptr, timeoutMs);
        ClusterSession* session = live->session();
        QVERIFY(session);
        QCOMPARE(session->contextName(), u"first"_qs);
        const QPointer<KubeClient> client = session->client();
        QVERIFY(client);
        const QPointer<GraphSource> source = window.graphSource();

        // The user opens the graph and narrows the namespaces.
        window.findChild<QTabWidget*>(u"mainTabs"_qs)->setCurrentWidget(window.graphPage());
        QCOMPARE(window.graphPage()->source(), source.data());
        auto* namespaces = window.findChild<QLineEdit*>(u"namespacesEdit"_qs);
        QVERIFY(namespaces);
        QCOMPARE(namespaces->text(), u"chapter10vm"_qs);
        namespaces->setText(u"chapter10vm, other"_qs);

        // An editor saves the plan with the same cluster settings: the same session, client and
        // source, and the page keeps what the user typed.
        QVERIFY(write(window.document(), dir.path(), planFor("first", "# saved again\n"), false));
        QVERIFY(window.document()->snapshot().text.endsWith("# saved again\n"));
        QCOMPARE(live->session(), session);
        QCOMPARE(session->client(), client.data());
        QCOMPARE(window.graphSource(), source.data());
        QCOMPARE(window.graphPage()->source(), source.data());
        QCOMPARE(namespaces->text(), u"chapter10vm, other"_qs);
        QCOMPARE(sessions.count(), 1);

        // Another context: another session with its own client, and a new source for the tab.
        QVERIFY(write(window.document(), dir.path(), planFor("second"), false));
        QTRY_VERIFY_WITH_TIMEOUT(live->session() != session, timeoutMs);
        QVERIFY(live->session());
        QCOMPARE(live->session()->contextName(), u"second"_qs);
        QVERIFY(live->session()->client());
        QVERIFY(live->session()->client() != client.data());
        QCOMPARE(sessions.count(), 2);
        QVERIFY(window.graphSource() && window.graphSource() != source.data());
        QCOMPARE(window.graphPage()->source(), window.graphSource());
        QTRY_VERIFY_WITH_TIMEOUT(source.isNull(), timeoutMs); // the old source is gone
        QVERIFY(client); // its client stays with its session, for a plan that goes back to it
    }

    // The graph follows the context chosen in the window's picker; the plan stays.
    void followsTheChosenContext()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(!TestPlans::write(dir.path(), u"kubeconfig.yaml"_qs, kubeconfig(unusedPort())).isEmpty());

        ClusterSessions sessions;
        MainWindow window(new PlanDocument);
        auto* connection = new ClusterConnectionService(&sessions, nullptr, &window);
        connect(window.document(), &PlanDocument::loaded, connection, [&window, connection] {
            connection->setPlan(*window.document()->snapshot().load.plan);
        });
        auto* live = new LiveGraphs(window.document(), &sessions, &window);
        live->followConnection(connection);
        window.setConnectionService(connection);
        QVERIFY(window.contextPicker());

        QVERIFY(write(window.document(), dir.path(), planFor("first"), true));
        QTRY_VERIFY_WITH_TIMEOUT(live->session() && live->session()->contextName() == u"first", timeoutMs);
        connection->useContext(u"second"_qs);
        QTRY_VERIFY_WITH_TIMEOUT(live->session() && live->session()->contextName() == u"second", timeoutMs);
        QVERIFY(window.graphSource());
        QCOMPARE(connection->currentSession(), live->session());
        QCOMPARE(window.document()->snapshot().load.plan->cluster.context, u"first"_qs); // the plan is unchanged
    }
};

QTEST_MAIN(TestLiveGraphs)
#include "tst_livegraphs.moc"
