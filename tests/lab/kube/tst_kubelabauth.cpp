// SPDX-License-Identifier: Apache-2.0
// The authentication matrix against the real lab apiserver, through meshdeck's own kubeconfig
// loading (a second kubeconfig merged in front of the lab's, as KUBECONFIG=a:b would):
// tokenFile, exec plugins in both API versions, credentials cached until they expire, and an
// exec plugin re-run after the server rejects its token with 401.
#include "labenv.h"

#include "execplugin.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include "testsupport.h"

namespace {

QString whoami(KubeClient& client)
{
    const KubeResult r = Lab::run(client.create(QJsonObject{{u"apiVersion"_qs, u"authentication.k8s.io/v1"_qs},
                                                            {u"kind"_qs, u"SelfSubjectReview"_qs}}));
    if (!r.ok())
        return u"error: "_qs + r.error.message;
    return r.json[u"status"_qs][u"userInfo"_qs][u"username"_qs].toString();
}

} // namespace

class TestKubeLabAuth final : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_validToken;

    QString execDir() const { return m_dir.filePath(u"exec"_qs); }
    QStringList calls() const
    {
        return QString::fromUtf8(TestSupport::readAll(execDir() + u"/calls"_qs)).split(u'\n', Qt::SkipEmptyParts);
    }

    std::unique_ptr<KubeClient> client(const QString& context, ExecPluginOptions exec = {})
    {
        ClusterTarget target;
        target.kubeconfigFiles = {m_dir.filePath(u"users.yaml"_qs), Lab::kubeconfig()};
        target.context = context;
        target.kubeconfigSource = u"KUBECONFIG"_qs;
        const KubeconfigLoadResult loaded = loadKubeconfig(target);
        if (!loaded.ok())
            qFatal("%s", qPrintable(loaded.errors.join(u'\n')));
        const RestConfigResult rest = loaded.restConfigFor(context, exec);
        if (!rest.ok())
            qFatal("%s", qPrintable(rest.error));
        return std::make_unique<KubeClient>(rest.config);
    }

private slots:
    void initTestCase()
    {
        MESHDECK_REQUIRE_LAB();
        const QString lab = qEnvironmentVariable("MESHDECK_LAB_DIR");
        m_validToken = QString::fromUtf8(TestSupport::readAll(lab + u"/exec/valid-tokens"_qs)).section(u'\n', 0, 0).trimmed();
        QVERIFY(!m_validToken.isEmpty());
        QVERIFY(TestSupport::writeFile(execDir() + u"/valid-tokens"_qs, TestSupport::readAll(lab + u"/exec/valid-tokens"_qs)));
        QVERIFY(TestSupport::writeFile(m_dir.filePath(u"token-file"_qs), TestSupport::readAll(lab + u"/token"_qs)));
        const QString plugin = QFileInfo(qEnvironmentVariable("MESHDECK_LAB_SCRIPT")).absolutePath() + u"/exec-credential"_qs;
        QVERIFY(QFile::exists(plugin));
        // Users and contexts only: the cluster "meshdeck-lab" comes from the lab's kubeconfig.
        QString users = u"apiVersion: v1\nkind: Config\ncontexts:\n"_qs;
        for (const QString& name : {u"tf"_qs, u"ex1"_qs, u"exb"_qs})
            users += u"- name: "_qs + name + u"\n  context: {cluster: meshdeck-lab, user: "_qs + name + u"}\n"_qs;
        users += u"users:\n- name: tf\n  user:\n    tokenFile: token-file\n"_qs; // relative to this file
        for (const auto& [name, api] : {std::pair{u"ex1"_qs, u"v1"_qs}, std::pair{u"exb"_qs, u"v1beta1"_qs}}) {
            users += u"- name: "_qs + name + u"\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/"_qs + api
                + u"\n      command: "_qs + plugin + u"\n      interactiveMode: Never\n      env:\n      - {name: MESHDECK_LAB_EXEC_DIR, value: "_qs
                + execDir() + u"}\n"_qs;
        }
        QVERIFY(TestSupport::writeFile(m_dir.filePath(u"users.yaml"_qs), users.toUtf8()));
    }

    void init()
    {
        QFile::remove(execDir() + u"/calls"_qs);
        QFile::remove(execDir() + u"/expires-in"_qs);
        QVERIFY(TestSupport::writeFile(execDir() + u"/token"_qs, m_validToken.toUtf8() + '\n'));
    }

    void tokenFile()
    {
        auto c = client(u"tf"_qs);
        QCOMPARE(whoami(*c), u"lab-token"_qs);
    }

    void execBothApiVersions_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("api");
        QTest::newRow("v1") << u"ex1"_qs << u"client.authentication.k8s.io/v1"_qs;
        QTest::newRow("v1beta1") << u"exb"_qs << u"client.authentication.k8s.io/v1beta1"_qs;
    }

    void execBothApiVersions()
    {
        QFETCH(QString, context);
        QFETCH(QString, api);
        auto c = client(context);
        QCOMPARE(whoami(*c), u"lab-exec"_qs);
        QCOMPARE(calls().size(), 1);
        QVERIFY2(calls().front().contains(u' ' + api + u' '), qPrintable(calls().front())); // asked in that version
    }

    void cachedUntilExpiry()
    {
        QVERIFY(TestSupport::writeFile(execDir() + u"/expires-in"_qs, "3\n"));
        QVERIFY(TestSupport::writeFile(execDir() + u"/token"_qs, (m_validToken + u'\n' + m_validToken + u'\n').toUtf8()));
        ExecPluginOptions exec;
        exec.expirySkewSeconds = 0;
        auto c = client(u"ex1"_qs, exec);
        QCOMPARE(whoami(*c), u"lab-exec"_qs);
        QCOMPARE(whoami(*c), u"lab-exec"_qs);
        QCOMPARE(calls().size(), 1); // the second request used the cached credential
        // The credential expires by the clock, not by an event: let the clock pass it.
        QTest::qSleep(3500);
        QCOMPARE(whoami(*c), u"lab-exec"_qs);
        QCOMPARE(calls().size(), 2);
    }

    void rerunAfter401()
    {
        // The plugin's first answer is a token the server rejects; after the 401 the client asks
        // the plugin again, gets the valid one, and retries the request once.
        QVERIFY(TestSupport::writeFile(execDir() + u"/token"_qs, "not-a-valid-token\n" + m_validToken.toUtf8() + '\n'));
        auto c = client(u"ex1"_qs);
        QCOMPARE(whoami(*c), u"lab-exec"_qs);
        QCOMPARE(calls().size(), 2);
        QVERIFY(calls().at(0).endsWith(u"not-a-valid-token"_qs));
    }

    void rejectedEvenAfterRerun()
    {
        QVERIFY(TestSupport::writeFile(execDir() + u"/token"_qs, "not-a-valid-token\n"));
        auto c = client(u"ex1"_qs);
        const QString answer = whoami(*c);
        QVERIFY2(answer.startsWith(u"error: "_qs), qPrintable(answer));
        QCOMPARE(calls().size(), 2); // re-run once, not forever
        QVERIFY(!answer.contains(u"not-a-valid-token"_qs)); // credentials never reach a message
    }
};

QTEST_GUILESS_MAIN(TestKubeLabAuth)
#include "tst_kubelabauth.moc"
