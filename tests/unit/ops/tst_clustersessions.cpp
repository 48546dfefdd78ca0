// SPDX-License-Identifier: Apache-2.0
// ClusterSessions: one session per kubeconfig files and context, read on a worker, kept while it
// is usable; a failed one is read again when asked for again. No cluster: nothing is sent.
#include "clustersessions.h"
#include "kubeclient.h"
#include "testplans.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

constexpr int timeoutMs = 20000;

QByteArray kubeconfig()
{
    return "apiVersion: v1\n"
           "kind: Config\n"
           "clusters:\n"
           "- name: nowhere\n"
           "  cluster: {server: 'https://127.0.0.1:9', insecure-skip-tls-verify: true}\n"
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

ClusterTarget target(const QString& file, const QString& context)
{
    ClusterTarget t;
    t.kubeconfigFiles = {file};
    t.context = context;
    t.kubeconfigSource = u"plan"_qs;
    return t;
}

bool finished(ClusterSession* session)
{
    if (!session->isLoading())
        return true;
    QSignalSpy done(session, &ClusterSession::finished);
    return done.wait(timeoutMs) && done.count() == 1;
}

} // namespace

class TestClusterSessions final : public QObject
{
    Q_OBJECT

private slots:
    void sameTargetSameSession()
    {
        QTemporaryDir dir;
        const QString file = TestPlans::write(dir.path(), u"kubeconfig"_qs, kubeconfig());
        QVERIFY(!file.isEmpty());
        ClusterSessions sessions;
        ClusterSession* first = sessions.session(target(file, u"first"_qs));
        // Read on a worker: the answer never comes from inside session().
        QVERIFY(first->isLoading());
        QVERIFY(!first->client());
        QVERIFY(finished(first));
        QCOMPARE(first->state(), ClusterSession::State::Ready);
        QVERIFY(first->client());
        QCOMPARE(first->contextName(), u"first"_qs);
        QCOMPARE(first->server(), u"https://127.0.0.1:9"_qs);
        QVERIFY(first->error().isEmpty());

        // Where the files came from does not matter, only which files and which context.
        ClusterTarget again = target(file, u"first"_qs);
        again.kubeconfigSource = u"--kubeconfig"_qs;
        QCOMPARE(sessions.session(again), first);
        QCOMPARE(sessions.count(), 1);

        ClusterSession* second = sessions.session(target(file, u"second"_qs));
        QVERIFY(second != first);
        QVERIFY(finished(second));
        QCOMPARE(second->contextName(), u"second"_qs);
        QVERIFY(second->client() && second->client() != first->client());
        QCOMPARE(sessions.count(), 2);
    }

    void failedSessionIsReadAgain()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(u"kubeconfig"_qs);
        ClusterSessions sessions;
        ClusterSession* missing = sessions.session(target(file, u"first"_qs));
        QVERIFY(finished(missing));
        QCOMPARE(missing->state(), ClusterSession::State::Failed);
        QVERIFY(!missing->client());
        QVERIFY2(missing->error().contains(u"kubeconfig"_qs), qPrintable(missing->error()));

        // The user writes the file: asking again reads it again.
        QVERIFY(!TestPlans::write(dir.path(), u"kubeconfig"_qs, kubeconfig()).isEmpty());
        ClusterSession* fixed = sessions.session(target(file, u"first"_qs));
        QVERIFY(finished(fixed));
        QCOMPARE(fixed->state(), ClusterSession::State::Ready);
        QVERIFY(fixed->client());
        QCOMPARE(sessions.count(), 1);
    }
};

QTEST_GUILESS_MAIN(TestClusterSessions)
#include "tst_clustersessions.moc"
