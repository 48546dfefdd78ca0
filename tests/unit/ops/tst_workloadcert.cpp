// SPDX-License-Identifier: Apache-2.0
// WorkloadCert: the legacy flow's workload certificate, judged by tools other than the code that
// made it: the openssl command line (chain verification, extensions, key match) and Qt's own
// certificate parser (dates, issuer). The CA is the one scripts/make-plugin-ca makes for users.
#include "workloadcert.h"

#include "testsupport.h"

#include <QProcess>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

namespace {

using TestSupport::Run;
using TestSupport::run;

Run openssl(const QStringList& args, const QByteArray& input = {})
{
    return run(u"openssl"_qs, args, TestSupport::RunOptions().withInput(input));
}

} // namespace

Q_DECLARE_METATYPE(WorkloadCert::KeyType)

class TestWorkloadCert final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const QString& name : {u"ca"_qs, u"other"_qs}) {
            const Run made = run(TestSupport::sourceDir() + u"/scripts/make-plugin-ca"_qs, {m_dir.filePath(name)});
            QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        }
        QProcessEnvironment days = QProcessEnvironment::systemEnvironment();
        days.insert(u"MESHDECK_CA_DAYS"_qs, u"30"_qs);
        const Run shortLived = run(TestSupport::sourceDir() + u"/scripts/make-plugin-ca"_qs, {m_dir.filePath(u"short"_qs)},
                                   TestSupport::RunOptions().withEnvironment(days));
        QVERIFY2(shortLived.exitCode == 0, qPrintable(shortLived.err));
    }

    void issuesALeafThatVerifiesAgainstThePluginRoot()
    {
        const WorkloadCert::Issued issued = WorkloadCert::issue(request(u"ca"_qs));
        QVERIFY2(issued.ok(), qPrintable(issued.error));
        // openssl builds the chain itself: leaf -> ca-cert (from cert-chain.pem) -> root-cert.pem.
        const QString leaf = write(u"leaf.pem"_qs, issued.certPem);
        const QString chain = write(u"chain.pem"_qs, issued.certChainPem);
        Run verified = openssl({u"verify"_qs, u"-CAfile"_qs, ca(u"ca"_qs, u"root-cert.pem"_qs), u"-untrusted"_qs,
                                ca(u"ca"_qs, u"cert-chain.pem"_qs), leaf});
        QCOMPARE(verified.out.trimmed(), leaf + u": OK"_qs);
        // What a peer gets from the VM: cert-chain.pem alone (leaf first) up to the root.
        verified = openssl({u"verify"_qs, u"-CAfile"_qs, ca(u"ca"_qs, u"root-cert.pem"_qs), u"-untrusted"_qs, chain, chain});
        QCOMPARE(verified.out.trimmed(), chain + u": OK"_qs);
        // As a client and as a server certificate (extKeyUsage), the purposes Envoy uses it for.
        for (const QString& purpose : {u"sslclient"_qs, u"sslserver"_qs}) {
            verified = openssl({u"verify"_qs, u"-purpose"_qs, purpose, u"-CAfile"_qs, ca(u"ca"_qs, u"root-cert.pem"_qs),
                                u"-untrusted"_qs, chain, leaf});
            QVERIFY2(verified.exitCode == 0, qPrintable(purpose + u": "_qs + verified.out + verified.err));
        }
        // Not against another CA's root.
        verified = openssl({u"verify"_qs, u"-CAfile"_qs, ca(u"other"_qs, u"root-cert.pem"_qs), u"-untrusted"_qs, chain, leaf});
        QVERIFY(verified.exitCode != 0);
    }

    void chainIsTheLeafThenThePluginChain()
    {
        const WorkloadCert::Issued issued = WorkloadCert::issue(request(u"ca"_qs));
        QVERIFY2(issued.ok(), qPrintable(issued.error));
        // As Citadel wrote istio.default: the leaf, then cacerts' cert-chain.pem byte for byte.
        QCOMPARE(issued.certChainPem, issued.certPem + TestSupport::readAll(ca(u"ca"_qs, u"cert-chain.pem"_qs)));
        const QList<QSslCertificate> certs = QSslCertificate::fromData(issued.certChainPem, QSsl::Pem);
        QCOMPARE(certs.size(), 3);
        const QList<QSslCertificate> pluginCa = QSslCertificate::fromPath(ca(u"ca"_qs, u"ca-cert.pem"_qs));
        QCOMPARE(certs.at(0).issuerDisplayName(), pluginCa.first().subjectDisplayName());
        QCOMPARE(certs.at(0).issuerInfo(QSslCertificate::CommonName), QStringList{u"Intermediate CA"_qs});
        QVERIFY(certs.at(0).subjectInfo(QSslCertificate::CommonName).isEmpty()); // the SAN is its name
        QCOMPARE(certs.at(1), pluginCa.first());
    }

    void sanIsTheSpiffeIdAndTheLeafIsNoCa()
    {
        const QString id = WorkloadCert::spiffeId(u"cluster.local"_qs, u"vm"_qs, u"default"_qs);
        QCOMPARE(id, u"spiffe://cluster.local/ns/vm/sa/default"_qs);
        const WorkloadCert::Issued issued = WorkloadCert::issue(request(u"ca"_qs));
        QVERIFY2(issued.ok(), qPrintable(issued.error));
        const Run ext = openssl({u"x509"_qs, u"-noout"_qs, u"-ext"_qs, u"subjectAltName,basicConstraints,keyUsage,extendedKeyUsage"_qs},
                                issued.certPem);
        QVERIFY2(ext.exitCode == 0, qPrintable(ext.err));
        const QString text = ext.out;
        QVERIFY2(text.contains(u"X509v3 Subject Alternative Name: critical\n    URI:spiffe://cluster.local/ns/vm/sa/default\n"_qs),
                 qPrintable(text));
        QVERIFY2(text.contains(u"X509v3 Basic Constraints: critical\n    CA:FALSE"_qs), qPrintable(text));
        QVERIFY2(text.contains(u"Digital Signature, Key Encipherment"_qs), qPrintable(text));
        QVERIFY2(text.contains(u"TLS Web Server Authentication, TLS Web Client Authentication"_qs), qPrintable(text));
    }

    void keyMatchesTheLeaf_data()
    {
        QTest::addColumn<WorkloadCert::KeyType>("type");
        QTest::addColumn<QString>("pemType");
        QTest::addColumn<QString>("algorithm");
        QTest::newRow("rsa 2048 (Citadel's)") << WorkloadCert::KeyType::Rsa2048 << u"RSA PRIVATE KEY"_qs << u"Private-Key: (2048 bit, 2 primes)"_qs;
        QTest::newRow("ec p-256") << WorkloadCert::KeyType::EcP256 << u"EC PRIVATE KEY"_qs << u"NIST CURVE: P-256"_qs;
    }

    void keyMatchesTheLeaf()
    {
        QFETCH(WorkloadCert::KeyType, type);
        QFETCH(QString, pemType);
        QFETCH(QString, algorithm);
        WorkloadCert::Request r = request(u"ca"_qs);
        r.keyType = type;
        const WorkloadCert::Issued issued = WorkloadCert::issue(r);
        QVERIFY2(issued.ok(), qPrintable(issued.error));
        QVERIFY(issued.keyPem.startsWith(QByteArray("-----BEGIN " + pemType.toLatin1() + "-----\n")));
        // The key goes to openssl on stdin, never into a file.
        const Run keyText = openssl({u"pkey"_qs, u"-noout"_qs, u"-text"_qs}, issued.keyPem);
        QVERIFY2(keyText.out.contains(algorithm), qPrintable(keyText.out.left(200)));
        const Run fromKey = openssl({u"pkey"_qs, u"-pubout"_qs}, issued.keyPem);
        const Run fromCert = openssl({u"x509"_qs, u"-noout"_qs, u"-pubkey"_qs}, issued.certPem);
        QVERIFY(fromKey.out.startsWith(u"-----BEGIN PUBLIC KEY-----"_qs));
        QCOMPARE(fromKey.out, fromCert.out);
        // A second issue: another key, another serial.
        const WorkloadCert::Issued again = WorkloadCert::issue(r);
        QVERIFY(again.ok());
        QVERIFY(again.keyPem != issued.keyPem);
        const auto serial = [](const QByteArray& pem) { return openssl({u"x509"_qs, u"-noout"_qs, u"-serial"_qs}, pem).out; };
        QVERIFY(serial(again.certPem) != serial(issued.certPem));
        QVERIFY(serial(issued.certPem).size() > 30); // random, not 1, 2, 3
    }

    void validityIsNinetyDaysFromNowBackdatedFiveMinutes()
    {
        WorkloadCert::Request r = request(u"ca"_qs);
        const QDateTime now = QDateTime::currentDateTimeUtc(); // the CA was made just now: not earlier
        r.now = QDateTime::fromSecsSinceEpoch(now.toSecsSinceEpoch(), Qt::UTC);
        const WorkloadCert::Issued issued = WorkloadCert::issue(r);
        QVERIFY2(issued.ok(), qPrintable(issued.error));
        const QSslCertificate cert(issued.certPem, QSsl::Pem);
        QCOMPARE(cert.effectiveDate().toUTC(), r.now.addSecs(-300));
        QCOMPARE(cert.expiryDate().toUTC(), r.now.addDays(90));
        QCOMPARE(issued.notBefore, cert.effectiveDate().toUTC());
        QCOMPARE(issued.notAfter, cert.expiryDate().toUTC());
        QCOMPARE(openssl({u"x509"_qs, u"-noout"_qs, u"-checkend"_qs, QString::number(89 * 86400)}, issued.certPem).exitCode, 0);
        QVERIFY(openssl({u"x509"_qs, u"-noout"_qs, u"-checkend"_qs, QString::number(90 * 86400)}, issued.certPem).exitCode != 0);
    }

    void neverOutlivesTheCa()
    {
        const WorkloadCert::Issued issued = WorkloadCert::issue(request(u"short"_qs));
        QVERIFY2(issued.ok(), qPrintable(issued.error));
        const QSslCertificate leaf(issued.certPem, QSsl::Pem);
        const QSslCertificate caCert = QSslCertificate::fromPath(ca(u"short"_qs, u"ca-cert.pem"_qs)).first();
        QCOMPARE(leaf.expiryDate(), caCert.expiryDate());
    }

    void refusesABadCa_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");
        QTest::newRow("garbage key") << u"garbage-key"_qs << u"pluginCa.caKey is not a PEM private key"_qs;
        QTest::newRow("another CA's key") << u"other-key"_qs << u"pluginCa.caKey does not belong to pluginCa.caCert"_qs;
        QTest::newRow("encrypted key") << u"encrypted-key"_qs << u"pluginCa.caKey is encrypted"_qs;
        QTest::newRow("leaf as CA") << u"leaf-ca"_qs << u"pluginCa.caCert is not a CA certificate"_qs;
        QTest::newRow("another CA's chain") << u"other-chain"_qs << u"does not verify against pluginCa.rootCert"_qs;
        QTest::newRow("another root") << u"other-root"_qs << u"does not verify against pluginCa.rootCert"_qs;
        QTest::newRow("empty chain") << u"empty-chain"_qs << u"pluginCa.certChain holds no PEM certificate"_qs;
        QTest::newRow("no SPIFFE ID") << u"no-spiffe"_qs << u"is not a SPIFFE ID"_qs;
    }

    void refusesABadCa()
    {
        QFETCH(QString, field);
        QFETCH(QString, expected);
        WorkloadCert::Request r = request(u"ca"_qs);
        if (field == u"garbage-key") {
            // Not a key ("not a key" in base64); the marker is split so no scanner takes it for one.
            r.caKeyPem = QByteArray("-----BEGIN PRIVATE") + " KEY-----\nbm90IGEga2V5\n-----END PRIVATE" + " KEY-----\n";
        } else if (field == u"other-key") {
            r.caKeyPem = TestSupport::readAll(ca(u"other"_qs, u"ca-key.pem"_qs));
        } else if (field == u"encrypted-key") {
            // Must fail at once, never wait for a passphrase on a terminal.
            const Run encrypted = openssl({u"pkey"_qs, u"-aes256"_qs, u"-passout"_qs, u"pass:secret"_qs}, r.caKeyPem);
            QVERIFY(encrypted.out.contains(u"ENCRYPTED PRIVATE KEY"_qs));
            r.caKeyPem = encrypted.out.toUtf8();
        } else if (field == u"leaf-ca") {
            const WorkloadCert::Issued leaf = WorkloadCert::issue(request(u"ca"_qs));
            r.caCertPem = leaf.certPem;
            r.caKeyPem = leaf.keyPem;
        } else if (field == u"other-chain") {
            r.certChainPem = TestSupport::readAll(ca(u"other"_qs, u"cert-chain.pem"_qs));
        } else if (field == u"other-root") {
            r.rootCertPem = TestSupport::readAll(ca(u"other"_qs, u"root-cert.pem"_qs));
        } else if (field == u"empty-chain") {
            r.certChainPem.clear();
        } else {
            r.spiffeId = u"vm/default"_qs;
        }
        const QByteArray caKey = r.caKeyPem;
        const WorkloadCert::Issued issued = WorkloadCert::issue(r);
        QVERIFY(!issued.ok());
        QVERIFY2(issued.error.contains(expected), qPrintable(issued.error));
        QVERIFY(issued.keyPem.isEmpty() && issued.certPem.isEmpty() && issued.certChainPem.isEmpty());
        // The message never quotes the key.
        QVERIFY(!issued.error.contains(u"PRIVATE KEY"_qs));
        const QByteArray keyBody = caKey.split('\n').value(1);
        QVERIFY(keyBody.size() < 8 || !issued.error.toUtf8().contains(keyBody.left(16)));
    }

private:
    QString ca(const QString& name, const QString& file) const { return m_dir.filePath(name + u'/' + file); }

    WorkloadCert::Request request(const QString& name) const
    {
        WorkloadCert::Request r;
        r.spiffeId = WorkloadCert::spiffeId(u"cluster.local"_qs, u"vm"_qs, u"default"_qs);
        r.caCertPem = TestSupport::readAll(ca(name, u"ca-cert.pem"_qs));
        r.caKeyPem = TestSupport::readAll(ca(name, u"ca-key.pem"_qs));
        r.certChainPem = TestSupport::readAll(ca(name, u"cert-chain.pem"_qs));
        r.rootCertPem = TestSupport::readAll(ca(name, u"root-cert.pem"_qs));
        return r;
    }

    QString write(const QString& name, const QByteArray& content)
    {
        const QString path = m_dir.filePath(name);
        TestSupport::writeFile(path, content);
        return path;
    }

    QTemporaryDir m_dir;
};

QTEST_GUILESS_MAIN(TestWorkloadCert)
#include "tst_workloadcert.moc"
