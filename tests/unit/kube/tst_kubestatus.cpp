// SPDX-License-Identifier: Apache-2.0
// Kubernetes Status errors and transport failures turned into sentences. The bodies in
// tests/data/kube/status/ were recorded from the lab's kube-apiserver v1.33 with Istio's CRDs
// (invalid-*, apply-unknown-field, conflict-one, notfound, namespace-notfound, alreadyexists,
// unauthorized, forbidden-cluster); the others are written in the exact shapes of apimachinery errors.go,
// managedfields conflict.go and responsewriters forbiddenMessage().

#include "kubestatus.h"
#include "kubetestutil.h"

#include <QJsonDocument>
#include <QSslCertificate>
#include <QTest>

class TestKubeStatus final : public QObject
{
    Q_OBJECT
private slots:
    void sentences_data();
    void sentences();
    void statusFields();
    void conflictManagers();
    void forbiddenForms_data();
    void forbiddenForms();
    void bodyWithoutStatus();
    void networkErrors();
    void tlsErrorNamesCertificateProblem();
};

using K = KubeError::Kind;
Q_DECLARE_METATYPE(ObjectRef)
Q_DECLARE_METATYPE(KubeError::Kind)

void TestKubeStatus::sentences_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("http");
    QTest::addColumn<QString>("verb");
    QTest::addColumn<ObjectRef>("target");
    QTest::addColumn<K>("kind");
    QTest::addColumn<QString>("message");

    const ObjectRef group{u"networking.istio.io/v1"_qs, u"WorkloadGroup"_qs, u"chapter10vm"_qs, u"envoydummy"_qs};
    QTest::newRow("invalid") << u"invalid-workloadgroup.json"_qs << 422 << u"apply"_qs << group << K::Invalid
        << u"the WorkloadGroup chapter10vm/envoydummy is invalid: spec.probe.httpGet.port: Invalid value: "
           "\"integer\": port must be between 1-65535"_qs;
    QTest::newRow("invalid, two causes") << u"invalid-required.json"_qs << 422 << u"create"_qs
        << ObjectRef{u"networking.istio.io/v1"_qs, u"WorkloadGroup"_qs, u"chapter10vm"_qs, u"x"_qs} << K::Invalid
        << u"the WorkloadGroup chapter10vm/x is invalid: spec: Required value; Invalid value: \"null\": some "
           "validation rules were not checked because the object was invalid; correct the existing errors to "
           "complete validation"_qs;
    QTest::newRow("unknown field (apply)") << u"apply-unknown-field.json"_qs << 500 << u"apply"_qs << group
        << K::Invalid
        << u"the WorkloadGroup chapter10vm/envoydummy does not match the cluster's schema: "
           ".spec.template.bogus: field not declared in schema"_qs;
    QTest::newRow("forbidden") << u"forbidden-namespaced.json"_qs << 403 << u"apply"_qs << group << K::Forbidden
        << u"forbidden: user token-user cannot create workloadgroups in namespace chapter10vm "
           "(API group networking.istio.io)"_qs;
    QTest::newRow("not found") << u"notfound.json"_qs << 404 << u"get"_qs << group << K::NotFound
        << u"the WorkloadGroup chapter10vm/envoydummy was not found"_qs;
    const ObjectRef entry{u"networking.istio.io/v1"_qs, u"ServiceEntry"_qs, u"bar"_qs, u"httpbin.bar.forvms"_qs};
    QTest::newRow("namespace missing") << u"namespace-notfound.json"_qs << 404 << u"apply"_qs << entry << K::NotFound
        << u"the namespace bar does not exist (it should hold the ServiceEntry bar/httpbin.bar.forvms)"_qs;
    const ObjectRef collection{u"networking.istio.io/v1"_qs, u"WorkloadGroup"_qs, {}, {}};
    QTest::newRow("no such type") << u"notfound.json"_qs << 404 << u"list"_qs << collection << K::NotFound
        << u"the server does not serve WorkloadGroup in networking.istio.io/v1 "
           "(is its CustomResourceDefinition installed?)"_qs;
    const ObjectRef ns{u"v1"_qs, u"Namespace"_qs, {}, u"chapter10vm"_qs};
    QTest::newRow("exists") << u"alreadyexists.json"_qs << 409 << u"create"_qs << ns << K::AlreadyExists
        << u"the Namespace chapter10vm already exists"_qs;
    QTest::newRow("apply conflict") << u"conflict-one.json"_qs << 409 << u"apply"_qs << group << K::Conflict
        << u"the WorkloadGroup chapter10vm/envoydummy has fields owned by another field manager: "
           ".spec.template.serviceAccount (managed by \"kubectl-edit\"); apply with force to take them over"_qs;
    const ObjectRef configMap{u"v1"_qs, u"ConfigMap"_qs, u"istio-system"_qs, u"istio"_qs};
    QTest::newRow("stale update") << u"conflict-stale.json"_qs << 409 << u"update"_qs << configMap << K::Conflict
        << u"the ConfigMap istio-system/istio was changed by someone else in the meantime; read it again and "
           "retry: Operation cannot be fulfilled on configmaps \"istio\": the object has been modified; please "
           "apply your changes to the latest version and try again"_qs;
    QTest::newRow("unauthorized") << u"unauthorized.json"_qs << 401 << u"get"_qs << group << K::Unauthorized
        << u"the server did not accept the credentials (401 Unauthorized): Unauthorized"_qs;
    QTest::newRow("webhook down") << u"internal-webhook.json"_qs << 500 << u"apply"_qs << group << K::ServerError
        << u"the server failed to apply the WorkloadGroup chapter10vm/envoydummy (HTTP 500 InternalError): "
           "Internal error occurred: failed calling webhook \"validation.istio.io\": failed to call webhook: "
           "Post \"https://istiod.istio-system.svc:443/validate?timeout=10s\": dial tcp 10.0.0.12:443: connect: "
           "connection refused"_qs;
}

void TestKubeStatus::sentences()
{
    QFETCH(QString, file);
    QFETCH(int, http);
    QFETCH(QString, verb);
    QFETCH(ObjectRef, target);
    QFETCH(K, kind);
    QFETCH(QString, message);
    const QByteArray body = KubeTest::fixture(u"status/"_qs + file);
    QVERIFY2(!body.isEmpty(), qPrintable(file));
    const KubeError error = errorFromResponse(http, body, verb, target);
    QCOMPARE(error.kind, kind);
    QCOMPARE(error.message, message);
    QCOMPARE(error.httpStatus, http);
    QVERIFY(error.status.has_value());
    QVERIFY2(error.detail.contains(QString::number(http)), qPrintable(error.detail));
}

void TestKubeStatus::statusFields()
{
    const auto status = KubeStatus::fromJson(QJsonDocument::fromJson(KubeTest::fixture(u"status/toomanyrequests.json"_qs)).object());
    QVERIFY(status);
    QCOMPARE(status->code, 429);
    QCOMPARE(status->reason, u"TooManyRequests");
    QCOMPARE(status->retryAfterSeconds, 1);
    QCOMPARE(status->causes.size(), 1);
    const auto invalid = KubeStatus::fromJson(QJsonDocument::fromJson(KubeTest::fixture(u"status/invalid-workloadgroup.json"_qs)).object());
    QVERIFY(invalid);
    QCOMPARE(invalid->detailsKind, u"WorkloadGroup");
    QCOMPARE(invalid->detailsGroup, u"networking.istio.io");
    QCOMPARE(invalid->causes.value(0).field, u"spec.probe.httpGet.port");
    QCOMPARE(invalid->causes.value(0).reason, u"FieldValueInvalid");
    QVERIFY(!KubeStatus::fromJson(QJsonObject{{u"kind"_qs, u"Pod"_qs}}));
}

void TestKubeStatus::conflictManagers()
{
    const KubeError one = errorFromResponse(409, KubeTest::fixture(u"status/conflict-one.json"_qs), u"apply"_qs, {});
    QCOMPARE(one.conflictManagers, QStringList{u"kubectl-edit"_qs});
    const KubeError two = errorFromResponse(409, KubeTest::fixture(u"status/conflict-two-managers.json"_qs), u"apply"_qs, {});
    QCOMPARE(two.conflictManagers, (QStringList{u"helm"_qs, u"other-tool"_qs}));
    QVERIFY2(two.message.contains(u".metadata.labels.app (managed by \"other-tool\")"_qs), qPrintable(two.message));
    const KubeError stale = errorFromResponse(409, KubeTest::fixture(u"status/conflict-stale.json"_qs), u"update"_qs, {});
    QVERIFY(stale.conflictManagers.isEmpty());
}

void TestKubeStatus::forbiddenForms_data()
{
    QTest::addColumn<QString>("server");
    QTest::addColumn<QString>("sentence");
    QTest::newRow("cluster scope")
        << u"namespaces is forbidden: User \"system:anonymous\" cannot list resource \"namespaces\" in API group \"\" at the cluster scope"_qs
        << u"forbidden: user system:anonymous cannot list namespaces at the cluster scope"_qs;
    QTest::newRow("path") << u"forbidden: User \"bob\" cannot get path \"/apis\""_qs
                          << u"forbidden: user bob cannot get /apis"_qs;
    QTest::newRow("subresource with reason")
        << u"serviceaccounts \"vm\" is forbidden: User \"bob\" cannot create resource \"serviceaccounts/token\" in API group \"\" in the namespace \"ns1\": RBAC: role.rbac.authorization.k8s.io \"x\" not found"_qs
        << u"forbidden: user bob cannot create serviceaccounts/token in namespace ns1: RBAC: role.rbac.authorization.k8s.io \"x\" not found"_qs;
    QTest::newRow("admission") << u"pods \"p\" is forbidden: exceeded quota: compute"_qs
                               << u"forbidden: pods \"p\" is forbidden: exceeded quota: compute"_qs;
}

void TestKubeStatus::forbiddenForms()
{
    QFETCH(QString, server);
    QFETCH(QString, sentence);
    QCOMPARE(describeForbidden(server), sentence);
    const KubeError error = errorFromResponse(403, KubeTest::fixture(u"status/forbidden-cluster.json"_qs), u"list"_qs, {});
    QCOMPARE(error.message, u"forbidden: user system:anonymous cannot list namespaces at the cluster scope"_qs);
}

void TestKubeStatus::bodyWithoutStatus()
{
    // A load balancer's HTML page instead of a Status.
    const KubeError error = errorFromResponse(502, "<html><body><h1>502 Bad Gateway</h1>\n</body></html>", u"get"_qs,
                                              {u"v1"_qs, u"Namespace"_qs, {}, u"istio-system"_qs});
    QCOMPARE(error.kind, K::ServerError);
    QVERIFY(!error.status);
    QVERIFY2(error.message.startsWith(u"the server failed to get the Namespace istio-system (HTTP 502): "_qs),
             qPrintable(error.message));
    QVERIFY(error.message.contains(u"502 Bad Gateway"_qs));
}

void TestKubeStatus::networkErrors()
{
    const QUrl server(u"https://127.0.0.1:16443/api"_qs);
    const KubeError refused = errorFromNetwork(QNetworkReply::ConnectionRefusedError, u"Connection refused"_qs, {}, server);
    QCOMPARE(refused.kind, K::Network);
    QCOMPARE(refused.message, u"the server 127.0.0.1:16443 could not be reached: Connection refused"_qs);
    const KubeError dns = errorFromNetwork(QNetworkReply::HostNotFoundError, u"Host api.example not found"_qs, {},
                                           QUrl(u"https://api.example/version"_qs));
    QCOMPARE(dns.message, u"the server api.example:443 could not be reached: Host api.example not found"_qs);
    QCOMPARE(errorFromNetwork(QNetworkReply::OperationCanceledError, {}, {}, server).kind, K::Canceled);
}

void TestKubeStatus::tlsErrorNamesCertificateProblem()
{
    const QByteArray pem = KubeTest::fixture(u"tls/selfsigned.crt"_qs);
    const QList<QSslCertificate> certificates = QSslCertificate::fromData(pem);
    QCOMPARE(certificates.size(), 1);
    const QList<QSslError> errors{QSslError(QSslError::SelfSignedCertificate, certificates.first()),
                                  QSslError(QSslError::HostNameMismatch, certificates.first())};
    const KubeError error = errorFromNetwork(QNetworkReply::SslHandshakeFailedError, u"SSL handshake failed"_qs,
                                             errors, QUrl(u"https://10.0.0.1:6443"_qs));
    QCOMPARE(error.kind, K::Tls);
    QVERIFY2(error.message.startsWith(u"the TLS certificate of the server 10.0.0.1:6443 was rejected: The certificate is self-signed, and untrusted; The host name did not match any of the valid hosts for this certificate (certificate subject wrong-name, issued by wrong-name, valid until 2126-"_qs),
             qPrintable(error.message));
    QVERIFY(error.message.contains(u"check certificate-authority(-data)"_qs));
    QVERIFY(error.message.contains(u"set tls-server-name"_qs));
}

QTEST_GUILESS_MAIN(TestKubeStatus)
#include "tst_kubestatus.moc"
