// SPDX-License-Identifier: Apache-2.0
// The client's identity-related calls against the real lab apiserver: TokenRequest (a JWT for
// audience istio-ca, as istioctl x workload entry configure asks), SelfSubjectAccessReview
// allowed and denied, the Forbidden sentence for a service account without RBAC, pagination with
// a small limit, the service proxy path to a real endpoint, bearer/exec contexts, and TLS
// failures named precisely (wrong CA, wrong tls-server-name). Skips without the lab.

#include "labenv.h"

#include "fakeapiserver.h"

#include <QJsonArray>
#include <QNetworkInterface>

class TestKubeLabAccess final : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanupTestCase();
    void tokenRequestIsJwtForAudience();
    void tokenRequestTooShortIsExplained();
    void accessReviewAndForbidden();
    void paginationWithSmallLimit();
    void serviceProxyReachesEndpoint();
    void tokenAndExecContexts();
    void tlsProblemsAreNamed();

private:
    QJsonObject serviceAccount(const QString& name) const;

    std::unique_ptr<KubeClient> m_client;
    RestConfig m_config;
    QString m_namespace;
};

void TestKubeLabAccess::initTestCase()
{
    MESHDECK_REQUIRE_LAB();
    const RestConfigResult config = Lab::config();
    QVERIFY2(config.ok(), qPrintable(config.error));
    m_config = config.config;
    m_client = std::make_unique<KubeClient>(m_config);
    m_namespace = Lab::uniqueName(u"access"_qs);
    QVERIFY(Lab::run(m_client->apply(Lab::namespaceObject(m_namespace))).ok());
}

void TestKubeLabAccess::cleanupTestCase()
{
    if (m_client && !m_namespace.isEmpty())
        Lab::run(m_client->remove({u"v1"_qs, u"Namespace"_qs, {}, m_namespace}));
}

QJsonObject TestKubeLabAccess::serviceAccount(const QString& name) const
{
    return {{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"ServiceAccount"_qs},
            {u"metadata"_qs, QJsonObject{{u"name"_qs, name}, {u"namespace"_qs, m_namespace}}}};
}

static QJsonObject jwtPayload(const QString& token)
{
    const QStringList parts = token.split(u'.');
    if (parts.size() != 3)
        return {};
    return QJsonDocument::fromJson(QByteArray::fromBase64(parts[1].toLatin1(), QByteArray::Base64UrlEncoding)).object();
}

void TestKubeLabAccess::tokenRequestIsJwtForAudience()
{
    QVERIFY(Lab::run(m_client->apply(serviceAccount(u"envoydummy"_qs))).ok());
    const KubeResult result = Lab::run(m_client->requestToken(m_namespace, u"envoydummy"_qs, {u"istio-ca"_qs}, 3600));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    const QJsonObject status = result.json.value(u"status").toObject();
    const QString token = status.value(u"token").toString();
    const QJsonObject claims = jwtPayload(token);
    QCOMPARE(claims.value(u"aud").toArray(), QJsonArray{u"istio-ca"_qs});
    QCOMPARE(claims.value(u"sub").toString(), u"system:serviceaccount:"_qs + m_namespace + u":envoydummy"_qs);
    const qint64 lifetime = claims.value(u"exp").toInteger() - claims.value(u"iat").toInteger();
    QVERIFY2(lifetime > 0 && lifetime <= 3600, qPrintable(QString::number(lifetime)));
    QVERIFY(QDateTime::fromString(status.value(u"expirationTimestamp").toString(), Qt::ISODate).isValid());
    // Missing service account: said plainly.
    const KubeResult missing = Lab::run(m_client->requestToken(m_namespace, u"nobody"_qs, {u"istio-ca"_qs}));
    QCOMPARE(missing.error.kind, KubeError::Kind::NotFound);
    QCOMPARE(missing.error.message, u"the ServiceAccount "_qs + m_namespace + u"/nobody was not found"_qs);
}

void TestKubeLabAccess::tokenRequestTooShortIsExplained()
{
    QVERIFY(Lab::run(m_client->apply(serviceAccount(u"short"_qs))).ok());
    const KubeResult result = Lab::run(m_client->requestToken(m_namespace, u"short"_qs, {u"istio-ca"_qs}, 60));
    QVERIFY(!result.ok());
    QVERIFY2(result.error.message.contains(u"may not specify a duration less than 10 minutes"_qs),
             qPrintable(result.error.message));
}

void TestKubeLabAccess::accessReviewAndForbidden()
{
    const AccessCheck createGroups{u"create"_qs, u"networking.istio.io"_qs, u"workloadgroups"_qs, m_namespace, {}, {}};
    QVERIFY(accessAllowed(Lab::run(m_client->accessReview(createGroups)))); // admin: system:masters

    // A service account without any RBAC, authenticating with its own token.
    QVERIFY(Lab::run(m_client->apply(serviceAccount(u"nobody-allowed"_qs))).ok());
    const KubeResult token = Lab::run(m_client->requestToken(m_namespace, u"nobody-allowed"_qs, {}, 3600));
    QVERIFY2(token.ok(), qPrintable(token.error.message));
    RestConfig config = m_config;
    config.credentials = std::make_shared<KubeTest::ScriptedCredentials>(
        QList<QByteArray>{token.json.value(u"status").toObject().value(u"token").toString().toLatin1()});
    KubeClient restricted(config);
    const KubeResult review = Lab::run(restricted.accessReview(createGroups));
    QVERIFY2(review.ok(), qPrintable(review.error.message));
    QVERIFY(!accessAllowed(review));
    // The real Forbidden answer, as a sentence. (Discovery itself is allowed to everyone.)
    const QJsonObject group{{u"apiVersion"_qs, u"networking.istio.io/v1"_qs}, {u"kind"_qs, u"WorkloadGroup"_qs},
                            {u"metadata"_qs, QJsonObject{{u"name"_qs, u"g"_qs}, {u"namespace"_qs, m_namespace}}},
                            {u"spec"_qs, QJsonObject{{u"template"_qs, QJsonObject{{u"serviceAccount"_qs, u"x"_qs}}}}}};
    const KubeResult denied = Lab::run(restricted.apply(group));
    QCOMPARE(denied.error.kind, KubeError::Kind::Forbidden);
    QCOMPARE(denied.error.message, u"forbidden: user system:serviceaccount:"_qs + m_namespace
                                       + u":nobody-allowed cannot patch workloadgroups in namespace "_qs + m_namespace
                                       + u" (API group networking.istio.io)"_qs);
}

void TestKubeLabAccess::paginationWithSmallLimit()
{
    QList<KubeOperation*> creates;
    for (int i = 0; i < 23; ++i)
        creates.append(m_client->apply(Lab::configMap(m_namespace, u"page-"_qs + QString::number(i))));
    for (KubeOperation* create : creates)
        QVERIFY(Lab::run(create).ok());
    ListOptions options;
    options.limit = 5;
    options.labelSelector = u"meshdeck-test=true"_qs; // not kube-root-ca.crt
    KubeListOperation* list = m_client->list({u"v1"_qs, u"ConfigMap"_qs, m_namespace, {}}, options);
    QSignalSpy progress(list, &KubeListOperation::progress);
    const KubeListResult result = Lab::run(list);
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.items.size(), 23);
    QCOMPARE(result.pages, 5);
    QCOMPARE(result.restarts, 0);
    QVERIFY(!result.resourceVersion.isEmpty());
    QSet<QString> names;
    for (const QJsonObject& item : result.items) {
        names.insert(item.value(u"metadata").toObject().value(u"name").toString());
        QCOMPARE(item.value(u"kind").toString(), u"ConfigMap");
    }
    QCOMPARE(names.size(), 23);
    QCOMPARE(progress.first().at(0).toLongLong(), 5);
    QCOMPARE(progress.first().at(1).toLongLong(), -1); // no remainingItemCount with a selector

    // Without a selector the first page says how many follow: progress has a total.
    options.labelSelector.clear();
    KubeListOperation* all = m_client->list({u"v1"_qs, u"ConfigMap"_qs, m_namespace, {}}, options);
    QSignalSpy allProgress(all, &KubeListOperation::progress);
    const KubeListResult everything = Lab::run(all);
    QVERIFY(everything.ok());
    QVERIFY(everything.items.size() >= 23);
    QCOMPARE(allProgress.first().at(1).toLongLong(), everything.items.size());
    QCOMPARE(allProgress.last().at(0).toLongLong(), everything.items.size());
}

void TestKubeLabAccess::serviceProxyReachesEndpoint()
{
    // The apiserver refuses to proxy to loopback: a local endpoint on another interface is needed.
    QHostAddress address;
    for (const QHostAddress& candidate : QNetworkInterface::allAddresses()) {
        if (candidate.protocol() == QAbstractSocket::IPv4Protocol && !candidate.isLoopback()) {
            address = candidate;
            break;
        }
    }
    if (address.isNull())
        QSKIP("no non-loopback IPv4 address for a proxy endpoint");
    FakeApiServer prometheus(address);
    prometheus.setHandler([](const FakeRequest& r, FakeExchange& x) {
        x.respondJson(200, {{u"status"_qs, u"success"_qs}, {u"query"_qs, r.param(u"query"_qs)}, {u"path"_qs, r.path}});
    });
    const QJsonObject service{{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"Service"_qs},
                              {u"metadata"_qs, QJsonObject{{u"name"_qs, u"prometheus"_qs}, {u"namespace"_qs, m_namespace}}},
                              {u"spec"_qs, QJsonObject{{u"ports"_qs, QJsonArray{QJsonObject{
                                  {u"name"_qs, u"http"_qs}, {u"port"_qs, 9090}, {u"targetPort"_qs, int(prometheus.port())}}}}}}};
    // The apiserver proxies only to endpoint addresses that are the IP of the Pod they name
    // (isValidAddress in the service registry); with no kubelet, the test sets the Pod's IP.
    const QJsonObject pod{{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"Pod"_qs},
                          {u"metadata"_qs, QJsonObject{{u"name"_qs, u"prometheus-0"_qs}, {u"namespace"_qs, m_namespace}}},
                          {u"spec"_qs, QJsonObject{{u"automountServiceAccountToken"_qs, false},
                                                   {u"containers"_qs, QJsonArray{QJsonObject{{u"name"_qs, u"prometheus"_qs},
                                                                                             {u"image"_qs, u"prometheus"_qs}}}}}}};
    const KubeResult podMade = Lab::run(m_client->apply(pod));
    QVERIFY2(podMade.ok(), qPrintable(podMade.error.message));
    const QJsonObject podIp{{u"status"_qs, QJsonObject{{u"podIP"_qs, address.toString()},
                                                       {u"podIPs"_qs, QJsonArray{QJsonObject{{u"ip"_qs, address.toString()}}}}}}};
    const KubeResult ipSet = Lab::run(m_client->patchStatus(ObjectRef::of(pod), podIp));
    QVERIFY2(ipSet.ok(), qPrintable(ipSet.error.message));
    const QJsonObject endpoints{{u"apiVersion"_qs, u"v1"_qs}, {u"kind"_qs, u"Endpoints"_qs},
                                {u"metadata"_qs, QJsonObject{{u"name"_qs, u"prometheus"_qs}, {u"namespace"_qs, m_namespace}}},
                                {u"subsets"_qs, QJsonArray{QJsonObject{
                                    {u"addresses"_qs, QJsonArray{QJsonObject{
                                        {u"ip"_qs, address.toString()},
                                        {u"targetRef"_qs, QJsonObject{{u"kind"_qs, u"Pod"_qs}, {u"namespace"_qs, m_namespace},
                                                                     {u"name"_qs, u"prometheus-0"_qs}}}}}},
                                    {u"ports"_qs, QJsonArray{QJsonObject{{u"name"_qs, u"http"_qs}, {u"port"_qs, int(prometheus.port())}}}}}}}};
    QVERIFY(Lab::run(m_client->apply(service)).ok());
    const KubeResult made = Lab::run(m_client->apply(endpoints));
    QVERIFY2(made.ok(), qPrintable(made.error.message));
    const KubeResult result = Lab::run(m_client->serviceProxy(m_namespace, u"prometheus"_qs, u"http"_qs, u"api/v1/query"_qs,
                                                              {{u"query"_qs, u"sum(rate(istio_requests_total[1m]))"_qs}}));
    QVERIFY2(result.ok(), qPrintable(result.error.message));
    QCOMPARE(result.json.value(u"path").toString(), u"/api/v1/query");
    QCOMPARE(result.json.value(u"query").toString(), u"sum(rate(istio_requests_total[1m]))");
}

void TestKubeLabAccess::tokenAndExecContexts()
{
    for (const QString& context : {u"token"_qs, u"exec"_qs}) {
        const RestConfigResult config = Lab::config(context);
        QVERIFY2(config.ok(), qPrintable(config.error));
        KubeClient client(config.config);
        const KubeResult review = Lab::run(client.accessReview({u"list"_qs, {}, u"pods"_qs, m_namespace, {}, {}}));
        QVERIFY2(review.ok(), qPrintable(context + u": "_qs + review.error.message));
        QVERIFY(accessAllowed(review));
    }
    RestConfig wrong = m_config;
    wrong.contextName = u"bogus-token"_qs;
    wrong.credentials = std::make_shared<KubeTest::ScriptedCredentials>(QList<QByteArray>{"not-a-token"});
    KubeClient client(wrong);
    const KubeResult rejected = Lab::run(client.version());
    QCOMPARE(rejected.error.kind, KubeError::Kind::Unauthorized);
    QCOMPARE(rejected.attempts, 2); // re-asked the provider once
    QCOMPARE(rejected.error.message,
             u"the server did not accept the credentials (401 Unauthorized): Unauthorized (context bogus-token)"_qs);
}

void TestKubeLabAccess::tlsProblemsAreNamed()
{
    RestConfig untrusted = m_config;
    untrusted.ssl.setCaCertificates({}); // not the lab's CA
    KubeClient client(untrusted);
    const KubeResult result = Lab::run(client.version());
    QCOMPARE(result.error.kind, KubeError::Kind::Tls);
    QVERIFY2(result.error.message.startsWith(u"the TLS certificate of the server 127.0.0.1:"_qs), qPrintable(result.error.message));
    QVERIFY2(result.error.message.contains(u"check certificate-authority(-data)"_qs), qPrintable(result.error.message));

    // tls-server-name: a name in the certificate works, another is refused and named.
    RestConfig named = m_config;
    named.tlsServerName = u"kubernetes.default.svc"_qs;
    KubeClient good(named);
    QVERIFY(Lab::run(good.version()).ok());
    named.tlsServerName = u"wrong.example"_qs;
    KubeClient bad(named);
    const KubeResult mismatch = Lab::run(bad.version());
    QCOMPARE(mismatch.error.kind, KubeError::Kind::Tls);
    QVERIFY2(mismatch.error.message.contains(u"set tls-server-name"_qs), qPrintable(mismatch.error.message));
}

QTEST_GUILESS_MAIN(TestKubeLabAccess)
#include "tst_kubelabaccess.moc"
