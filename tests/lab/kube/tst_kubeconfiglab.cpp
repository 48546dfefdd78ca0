// SPDX-License-Identifier: Apache-2.0
// The kubeconfig the lab writes (tests/lab/lab: CA and client certificate as -data, a token user,
// an exec user running tests/lab/exec-credential), loaded by meshdeck and used against the lab's
// real kube-apiserver with a bare QNetworkAccessManager: the server's SelfSubjectReview says which
// user it authenticated, and TLS only succeeds with the kubeconfig's CA (or when told to skip it).
// The full client (kube/kubeclient.h) has its own lab tests; this one checks the RestConfig alone.
#include "clustertarget.h"
#include "kubeconfig.h"
#include "kubetestdata.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Answer
{
    int status = 0;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QJsonObject body;
};

} // namespace

class TestKubeconfigLab final : public QObject
{
    Q_OBJECT

private:
    QString m_kubeconfig;

    Credentials credentialsOf(const RestConfig& config)
    {
        if (!config.credentials)
            return Credentials();
        bool done = false;
        CredentialsResult got;
        config.credentials->obtain(false, this, [&](const CredentialsResult& result) {
            got = result;
            done = true;
        });
        [&] { QTRY_VERIFY_WITH_TIMEOUT(done, 20000); }();
        [&] { QVERIFY2(got.error.isEmpty(), qPrintable(got.error)); }();
        return got.credentials;
    }

    /*! One request as the RestConfig says: its CA and verification mode, its credentials. */
    Answer send(const RestConfig& config, const QString& path, const QByteArray& body = {})
    {
        const Credentials credentials = credentialsOf(config);
        QUrl url = config.server;
        url.setPath(path);
        QNetworkRequest request(url);
        QSslConfiguration ssl = config.ssl;
        if (!credentials.clientCertificate.isNull()) {
            ssl.setLocalCertificate(credentials.clientCertificate);
            ssl.setPrivateKey(credentials.clientKey);
        }
        request.setSslConfiguration(ssl);
        if (!credentials.bearerToken.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + credentials.bearerToken);
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
        request.setTransferTimeout(20000);
        // A manager per request: QNetworkAccessManager reuses a TLS connection to the same
        // host:port whatever the request's QSslConfiguration (client certificate, CA) says, so a
        // shared one would answer every user as the first one, over the first one's verification.
        QNetworkAccessManager network;
        QNetworkReply* reply = body.isEmpty() ? network.get(request) : network.post(request, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        [&] { QVERIFY(finished.wait(30000)); }();
        Answer answer;
        answer.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        answer.error = reply->error();
        answer.body = QJsonDocument::fromJson(reply->readAll()).object();
        reply->deleteLater();
        return answer;
    }

    /*! The lab's cluster entry under other TLS settings, in a kubeconfig of its own. */
    RestConfigResult labClusterWith(const QTemporaryDir& dir, const QByteArray& tls)
    {
        const KubeconfigLoadResult lab = loadKubeconfig(ClusterTarget{{m_kubeconfig}, {}, u"--kubeconfig"_qs});
        const QString server = lab.cluster(u"meshdeck-lab"_qs)->server;
        const QString file = KubeTestData::writeFile(
            dir.path(), u"config"_qs,
            "clusters:\n- name: lab\n  cluster:\n    server: " + server.toUtf8() + "\n" + tls
                + "contexts:\n- name: anonymous\n  context: {cluster: lab}\ncurrent-context: anonymous\n");
        return loadKubeconfig(ClusterTarget{{file}, {}, u"--kubeconfig"_qs}).restConfigFor();
    }

private slots:
    void initTestCase()
    {
        m_kubeconfig = qEnvironmentVariable("MESHDECK_LAB_KUBECONFIG");
        if (m_kubeconfig.isEmpty() || !QFileInfo::exists(m_kubeconfig))
            QSKIP("the lab is not up (tests/lab/lab up was skipped or MESHDECK_LAB_KUBECONFIG is not set)");
    }

    void serverNamesTheUser_data()
    {
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("username");
        // tests/lab/lab: admin certificate CN=lab-admin, tokens.csv users lab-token and lab-exec.
        QTest::newRow("client certificate") << u"admin"_qs << u"lab-admin"_qs;
        QTest::newRow("token") << u"token"_qs << u"lab-token"_qs;
        QTest::newRow("exec v1 plugin") << u"exec"_qs << u"lab-exec"_qs;
    }
    void serverNamesTheUser()
    {
        QFETCH(QString, context);
        QFETCH(QString, username);
        const KubeconfigLoadResult load = loadKubeconfig(ClusterTarget{{m_kubeconfig}, context, u"--kubeconfig"_qs});
        QVERIFY2(load.ok(), qPrintable(load.errors.join(u'\n')));
        const RestConfigResult rest = load.restConfigFor();
        QVERIFY2(rest.ok(), qPrintable(rest.error));
        QVERIFY(rest.config.warnings.isEmpty());
        const Answer answer = send(rest.config, u"/apis/authentication.k8s.io/v1/selfsubjectreviews"_qs,
                                   R"({"apiVersion":"authentication.k8s.io/v1","kind":"SelfSubjectReview"})");
        QCOMPARE(answer.status, 201);
        QCOMPARE(answer.body.value(u"status"_qs).toObject().value(u"userInfo"_qs).toObject().value(u"username"_qs).toString(),
                 username);
    }

    void onlyTheKubeconfigCaIsTrusted()
    {
        const QTemporaryDir dir;
        // No certificate-authority: the system's roots, which do not know the lab's CA.
        const RestConfigResult system = labClusterWith(dir, {});
        QVERIFY2(system.ok(), qPrintable(system.error));
        QCOMPARE(send(system.config, u"/version"_qs).error, QNetworkReply::SslHandshakeFailedError);

        // Another CA (the test CA of kubetestdata.h) fails the same way.
        const RestConfigResult other = labClusterWith(
            dir, "    certificate-authority-data: " + KubeTestData::caPem().toBase64() + "\n");
        QVERIFY2(other.ok(), qPrintable(other.error));
        QCOMPARE(send(other.config, u"/version"_qs).error, QNetworkReply::SslHandshakeFailedError);

        // insecure-skip-tls-verify connects (anonymous may read /version), with the warning.
        const RestConfigResult insecure = labClusterWith(dir, "    insecure-skip-tls-verify: true\n");
        QVERIFY2(insecure.ok(), qPrintable(insecure.error));
        QCOMPARE(insecure.config.warnings.size(), 1);
        const Answer version = send(insecure.config, u"/version"_qs);
        QCOMPARE(version.status, 200);
        QVERIFY(version.body.value(u"gitVersion"_qs).toString().startsWith(u'v'));
    }
};

QTEST_GUILESS_MAIN(TestKubeconfigLab)
#include "tst_kubeconfiglab.moc"
