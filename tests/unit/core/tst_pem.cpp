// SPDX-License-Identifier: Apache-2.0
#include "pem.h"

#include "testca.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

/*
 * PEM parsing and checks. Facts: RFC 7468 (boundaries, base64 body), Istio's published
 * samples/certs (tests/data/istio-samples, fingerprints as openssl computes them), and a CA made
 * by openssl at run time for everything that must NOT be recognised as a sample.
 */
class tst_Pem final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void parseSampleRoot();
    void parseChainKeepsOrder();
    void parseCrlfAndSurroundingText();
    void parseErrors_data();
    void parseErrors();

    void fingerprintMatchesOpenssl();
    void fingerprintOfNonCertificate();

    void recognisesIstioSamples_data();
    void recognisesIstioSamples();
    void ownCaIsNotASample();

    void checkFileAcceptsOwnCa();
    void checkFileErrors();

private:
    static QByteArray sample(const QString& name);
    QString writeTemp(const QString& name, const QByteArray& content);

    QTemporaryDir m_tmp;
    TestCa m_ca;
    QString m_caError;
};

QByteArray tst_Pem::sample(const QString& name)
{
    QFile f(qEnvironmentVariable("MESHDECK_SOURCE_DIR") + u"/tests/data/istio-samples/"_qs + name);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QString tst_Pem::writeTemp(const QString& name, const QByteArray& content)
{
    const QString path = m_tmp.filePath(name);
    QFile f(path);
    if (f.open(QIODevice::WriteOnly))
        f.write(content);
    return path;
}

void tst_Pem::initTestCase()
{
    QVERIFY2(!sample(u"root-cert.pem"_qs).isEmpty(), "MESHDECK_SOURCE_DIR must point at the repository");
    QVERIFY(m_tmp.isValid());
    m_caError = m_ca.create();
}

void tst_Pem::parseSampleRoot()
{
    QString error;
    const auto blocks = Pem::parse(sample(u"root-cert.pem"_qs), &error);
    QVERIFY2(blocks, qPrintable(error));
    QCOMPARE(blocks->size(), 1);
    QCOMPARE(blocks->at(0).type, u"CERTIFICATE"_qs);
    // DER of a certificate: one SEQUENCE (0x30) with a long-form length.
    QCOMPARE(static_cast<unsigned char>(blocks->at(0).der.at(0)), 0x30);
    QVERIFY(blocks->at(0).der.size() > 1000);
}

void tst_Pem::parseChainKeepsOrder()
{
    const QByteArray chain = sample(u"ca-cert.pem"_qs) + sample(u"root-cert.pem"_qs);
    QString error;
    const auto blocks = Pem::parse(chain, &error);
    QVERIFY2(blocks, qPrintable(error));
    QCOMPARE(blocks->size(), 2);
    QCOMPARE(Pem::certificateFingerprint(chain), Pem::certificateFingerprint(sample(u"ca-cert.pem"_qs)));
}

void tst_Pem::parseCrlfAndSurroundingText()
{
    QByteArray text = "subject=O = Istio, CN = Root CA\n" + sample(u"root-cert.pem"_qs) + "trailing words\n";
    text.replace("\n", "\r\n");
    QString error;
    const auto blocks = Pem::parse(text, &error);
    QVERIFY2(blocks, qPrintable(error));
    QCOMPARE(blocks->size(), 1);
    QCOMPARE(Pem::certificateFingerprint(text), Pem::certificateFingerprint(sample(u"root-cert.pem"_qs)));
}

void tst_Pem::parseErrors_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("mentions");

    const QByteArray root = sample(u"root-cert.pem"_qs);
    QTest::newRow("empty") << QByteArray() << u"No PEM block"_qs;
    QTest::newRow("garbage") << QByteArray("this is not a certificate\n\x01\x02\x03") << u"No PEM block"_qs;
    QTest::newRow("unterminated") << root.left(root.indexOf("-----END")) << u"not closed"_qs;
    QByteArray wrongEnd = root;
    wrongEnd.replace("-----END CERTIFICATE-----", "-----END PRIVATE KEY-----");
    QTest::newRow("wrong END type") << wrongEnd << u"-----END PRIVATE KEY-----"_qs;
    QByteArray badBase64 = root;
    badBase64.insert(root.indexOf('\n') + 5, "!!*&");
    QTest::newRow("bad base64") << badBase64 << u"base64"_qs;
    QTest::newRow("empty body") << QByteArray("-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n")
                                << u"base64"_qs;
    QTest::newRow("second block unterminated") << root + "-----BEGIN CERTIFICATE-----\nMIIB\n" << u"not closed"_qs;
    QTest::newRow("BEGIN inside block") << QByteArray("-----BEGIN CERTIFICATE-----\nMIIB\n") + root
                                        << u"not closed"_qs;
}

void tst_Pem::parseErrors()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, mentions);
    QString error;
    QVERIFY(!Pem::parse(text, &error));
    QVERIFY2(error.contains(mentions), qPrintable(error));
    QVERIFY(!Pem::parse(text, nullptr)); // no crash without an error sink
    QVERIFY(Pem::certificateFingerprint(text).isEmpty());
    QVERIFY(!Pem::isIstioSampleCertificate(text));
}

void tst_Pem::fingerprintMatchesOpenssl()
{
    if (!m_caError.isEmpty())
        QSKIP(qPrintable(m_caError));
    const QString root = TestCa::opensslFingerprint(m_ca.path(u"root-cert.pem"_qs));
    QCOMPARE(root.size(), 64);
    QCOMPARE(Pem::certificateFingerprint(m_ca.read(u"root-cert.pem"_qs)), root);
    // The chain's first block is the intermediate.
    QCOMPARE(Pem::certificateFingerprint(m_ca.read(u"cert-chain.pem"_qs)),
             TestCa::opensslFingerprint(m_ca.path(u"ca-cert.pem"_qs)));

    // Istio's root as openssl sees it (value in tests/data/istio-samples/README.md).
    const QString sampleRoot = TestCa::opensslFingerprint(
        qEnvironmentVariable("MESHDECK_SOURCE_DIR") + u"/tests/data/istio-samples/root-cert.pem"_qs);
    QCOMPARE(sampleRoot, u"63727a1785cab47acec5c24cc0669c20824e8ae1ac28079a4d2f8c830592e7b0"_qs);
    QCOMPARE(Pem::certificateFingerprint(sample(u"root-cert.pem"_qs)), sampleRoot);
}

void tst_Pem::fingerprintOfNonCertificate()
{
    if (!m_caError.isEmpty())
        QSKIP(qPrintable(m_caError));
    QVERIFY(Pem::certificateFingerprint(m_ca.read(u"ca-key.pem"_qs)).isEmpty());
    QVERIFY(Pem::certificateFingerprint(m_ca.read(u"ca.csr"_qs)).isEmpty());
}

void tst_Pem::recognisesIstioSamples_data()
{
    QTest::addColumn<QByteArray>("pem");
    QTest::newRow("root-cert.pem") << sample(u"root-cert.pem"_qs);
    QTest::newRow("ca-cert.pem") << sample(u"ca-cert.pem"_qs);
    // samples/certs/cert-chain.pem is byte-identical to ca-cert.pem.
    QTest::newRow("cert-chain.pem") << sample(u"ca-cert.pem"_qs);
    if (m_caError.isEmpty()) {
        // A sample hidden behind the user's own certificate in a chain is still found.
        QTest::newRow("own cert + sample root") << m_ca.read(u"ca-cert.pem"_qs) + sample(u"root-cert.pem"_qs);
    }
}

void tst_Pem::recognisesIstioSamples()
{
    QFETCH(QByteArray, pem);
    QVERIFY(!pem.isEmpty());
    QVERIFY(Pem::isIstioSampleCertificate(pem));
}

void tst_Pem::ownCaIsNotASample()
{
    if (!m_caError.isEmpty())
        QSKIP(qPrintable(m_caError));
    for (const QString& name : {u"root-cert.pem"_qs, u"ca-cert.pem"_qs, u"cert-chain.pem"_qs, u"ca-key.pem"_qs})
        QVERIFY2(!Pem::isIstioSampleCertificate(m_ca.read(name)), qPrintable(name));
}

void tst_Pem::checkFileAcceptsOwnCa()
{
    if (!m_caError.isEmpty())
        QSKIP(qPrintable(m_caError));
    QCOMPARE(Pem::checkFile(m_ca.path(u"root-cert.pem"_qs), Pem::Expect::Certificate), QString());
    QCOMPARE(Pem::checkFile(m_ca.path(u"cert-chain.pem"_qs), Pem::Expect::Certificate), QString());
    QCOMPARE(Pem::checkFile(m_ca.path(u"ca-key.pem"_qs), Pem::Expect::PrivateKey), QString());
}

void tst_Pem::checkFileErrors()
{
    if (!m_caError.isEmpty())
        QSKIP(qPrintable(m_caError));
    const QString missing = m_tmp.filePath(u"nope.pem"_qs);
    QVERIFY(Pem::checkFile(missing, Pem::Expect::Certificate).contains(u"does not exist"_qs));
    QVERIFY(Pem::checkFile(m_tmp.path(), Pem::Expect::Certificate).contains(u"not a file"_qs));

    // The key where the certificate belongs (swapped caCert/caKey), and the other way round.
    const QString keyAsCert = Pem::checkFile(m_ca.path(u"ca-key.pem"_qs), Pem::Expect::Certificate);
    QVERIFY2(keyAsCert.contains(u"private key"_qs), qPrintable(keyAsCert));
    const QString certAsKey = Pem::checkFile(m_ca.path(u"ca-cert.pem"_qs), Pem::Expect::PrivateKey);
    QVERIFY2(certAsKey.contains(u"no private key"_qs), qPrintable(certAsKey));

    // A certificate file must not carry the key along.
    const QString bundle = writeTemp(u"bundle.pem"_qs, m_ca.read(u"ca-cert.pem"_qs) + m_ca.read(u"ca-key.pem"_qs));
    QVERIFY(Pem::checkFile(bundle, Pem::Expect::Certificate).contains(u"private key"_qs));

    // A CSR is PEM but not a certificate.
    const QString csr = Pem::checkFile(m_ca.path(u"ca.csr"_qs), Pem::Expect::Certificate);
    QVERIFY2(csr.contains(u"CERTIFICATE REQUEST"_qs), qPrintable(csr));

    const QString garbage = writeTemp(u"garbage.pem"_qs, "hello\n");
    QVERIFY(Pem::checkFile(garbage, Pem::Expect::Certificate).contains(u"No PEM block"_qs));

    // Valid base64 that is not a whole DER structure (a cut-down certificate body).
    const QString truncated = writeTemp(
        u"truncated.pem"_qs, "-----BEGIN CERTIFICATE-----\nMIIDnzCCAoegAwIBAgIJAON1ifrBZ2/BMA0GCSqGSIb3DQEBCwUA\n"
                             "-----END CERTIFICATE-----\n");
    const QString damaged = Pem::checkFile(truncated, Pem::Expect::Certificate);
    QVERIFY2(damaged.contains(u"damaged"_qs), qPrintable(damaged));

    const QString encrypted = writeTemp(
        u"encrypted.pem"_qs, QByteArray("-----BEGIN ENCRYPTED ") + "PRIVATE KEY-----\nMAMCAQA=\n-----END ENCRYPTED PRIVATE KEY-----\n");
    QVERIFY(Pem::checkFile(encrypted, Pem::Expect::PrivateKey).contains(u"encrypted"_qs));

    // Messages name the file so the user knows which of the four is wrong.
    QVERIFY(Pem::checkFile(garbage, Pem::Expect::Certificate).contains(garbage));
}

QTEST_APPLESS_MAIN(tst_Pem)
#include "tst_pem.moc"
