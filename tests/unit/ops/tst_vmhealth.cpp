// SPDX-License-Identifier: Apache-2.0
// The VM health probe: its output parsed from recorded runs (a healthy agent, a rebooted VM
// without token, an agent down, the agent's certificate list), and the script's own token
// decoding run through /bin/sh on a file: only the exp claim comes out, never the token.

#include "vmhealth.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

class TestVmHealth final : public QObject
{
    Q_OBJECT
private slots:
    void parsesHealthyAgent();
    void parsesRebootedVm();
    void parsesAgentDown();
    void agentCertificatesTakeTheSoonest();
    void scriptPrintsOnlyTheExpClaim();
};

void TestVmHealth::parsesHealthyAgent()
{
    const VmHealth h = parseVmHealth("unit=active\nready=200\ntoken=present\ntoken_exp=1796650000\n"
                                     "cert=/etc/certs/cert-chain.pem\ncert_end=notAfter=Dec  8 13:00:00 2026 GMT\n");
    QCOMPARE(h.unitState, u"active");
    QCOMPARE(h.ready, std::optional<bool>(true));
    QCOMPARE(h.token, VmHealth::Token::Present);
    QCOMPARE(h.tokenExpiry, QDateTime::fromSecsSinceEpoch(1796650000, Qt::UTC));
    QCOMPARE(h.certificateExpiry, QDateTime(QDate(2026, 12, 8), QTime(13, 0), Qt::UTC));
    QCOMPARE(h.certificateSource, u"/etc/certs/cert-chain.pem");
}

void TestVmHealth::parsesRebootedVm()
{
    const VmHealth h = parseVmHealth("unit=active\nready=503\ntoken=missing\n");
    QCOMPARE(h.ready, std::optional<bool>(false));
    QCOMPARE(h.token, VmHealth::Token::Missing);
    QVERIFY(!h.tokenExpiry.isValid());
}

void TestVmHealth::parsesAgentDown()
{
    // curl could not connect: %{http_code} is 000.
    const VmHealth h = parseVmHealth("unit=inactive\nready=000\ntoken=unreadable\n");
    QCOMPARE(h.unitState, u"inactive");
    QCOMPARE(h.ready, std::nullopt);
    QCOMPARE(h.token, VmHealth::Token::Unreadable);
}

void TestVmHealth::agentCertificatesTakeTheSoonest()
{
    const VmHealth h = parseVmHealth("unit=active\nready=200\nagent_cert_exp=2036-12-01T00:00:00Z\n"
                                     "agent_cert_exp=2026-12-08T09:30:00Z\n");
    QCOMPARE(h.certificateExpiry, QDateTime(QDate(2026, 12, 8), QTime(9, 30), Qt::UTC));
    QCOMPARE(h.certificateSource, u"agent");
}

void TestVmHealth::scriptPrintsOnlyTheExpClaim()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    // A JWT whose payload is {"aud":["istio-ca"],"exp":1796650000,"sub":"x"} (base64url, unpadded).
    const QByteArray payload = QByteArray(R"({"aud":["istio-ca"],"exp":1796650000,"sub":"x"})")
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QByteArray token = "eyJhbGciOiJSUzI1NiJ9." + payload + ".c2lnbmF0dXJl";
    const QString path = dir.filePath(u"istio-token"_qs);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(token);
    file.close();
    QString script = vmHealthScript();
    script.replace(QString::fromUtf16(istioTokenPath), path);
    QProcess sh;
    sh.start(u"/bin/sh"_qs, {u"-c"_qs, script});
    QVERIFY(sh.waitForFinished(20000));
    const QByteArray out = sh.readAllStandardOutput();
    QVERIFY2(out.contains("token=present\n"), out.constData());
    QVERIFY2(out.contains("token_exp=1796650000\n"), out.constData());
    QVERIFY(!out.contains(payload));
    QVERIFY(!out.contains("c2lnbmF0dXJl"));
    QCOMPARE(parseVmHealth(out).tokenExpiry, QDateTime::fromSecsSinceEpoch(1796650000, Qt::UTC));
}

QTEST_GUILESS_MAIN(TestVmHealth)
#include "tst_vmhealth.moc"
