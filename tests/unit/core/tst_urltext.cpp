// SPDX-License-Identifier: Apache-2.0
// URLs as they may be shown or stored (security review M5): a package URL's user information and
// query (a presigned URL's signature) never appear; the rest stays readable.
#include "urltext.h"

#include <QTest>

class TestUrlText final : public QObject
{
    Q_OBJECT

private slots:
    void redacted_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("shown");
        QTest::newRow("plain") << u"https://example.com/x/istio-sidecar.deb"_qs << u"https://example.com/x/istio-sidecar.deb"_qs;
        QTest::newRow("port") << u"http://198.18.0.1:8080/istio-sidecar.deb"_qs << u"http://198.18.0.1:8080/istio-sidecar.deb"_qs;
        QTest::newRow("user and password") << u"https://u:S3CR3T@host/x.deb"_qs << u"https://***@host/x.deb"_qs;
        QTest::newRow("user only") << u"https://token@host/x.deb"_qs << u"https://***@host/x.deb"_qs;
        QTest::newRow("an '@' in the password") << u"https://u:p@ss@host:443/x.deb"_qs << u"https://***@host:443/x.deb"_qs;
        QTest::newRow("presigned query")
            << u"https://bucket.s3.amazonaws.com/x.deb?X-Amz-Credential=AKIA%2F1&X-Amz-Signature=S3CR3T"_qs
            << u"https://bucket.s3.amazonaws.com/x.deb?***"_qs;
        QTest::newRow("both") << u"https://u:S3CR3T@host/x.deb?sig=S3CR3T#frag"_qs << u"https://***@host/x.deb?***"_qs;
        QTest::newRow("fragment") << u"https://host/x.deb#S3CR3T"_qs << u"https://host/x.deb#***"_qs;
        QTest::newRow("'@' in the path is no user") << u"https://host/a@b/x.deb"_qs << u"https://host/a@b/x.deb"_qs;
        QTest::newRow("'@' in the query") << u"https://host/x.deb?u=a@b"_qs << u"https://host/x.deb?***"_qs;
        QTest::newRow("query right after the host") << u"https://u:S3CR3T@host?x=S3CR3T"_qs << u"https://***@host?***"_qs;
        QTest::newRow("not a URL") << u"u:S3CR3T@host/x.deb?sig=S3CR3T"_qs << u"***@host/x.deb?***"_qs;
        QTest::newRow("a path") << u"/tmp/a@b/istio-sidecar.deb"_qs << u"/tmp/a@b/istio-sidecar.deb"_qs;
        QTest::newRow("empty") << QString() << QString();
    }

    void redacted()
    {
        QFETCH(QString, url);
        QFETCH(QString, shown);
        QCOMPARE(UrlText::redacted(url), shown);
        QCOMPARE(UrlText::hasHiddenParts(url), shown != url);
        QVERIFY(!UrlText::redacted(url).contains(u"S3CR3T"_qs));
    }
};

QTEST_GUILESS_MAIN(TestUrlText)
#include "tst_urltext.moc"
