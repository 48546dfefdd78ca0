// SPDX-License-Identifier: Apache-2.0
// The package page's choice: validation (file, URL http/https, SHA-256 of 64 hex digits) and what
// it hands the fleet run.
#include "packagechoice.h"

#include "onboardingservice.h"

#include <QTemporaryDir>
#include <QTest>

Q_DECLARE_METATYPE(PackageChoice::Kind)

namespace {
const QString hash = u"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"_qs;
}

class TestPackageChoice final : public QObject
{
    Q_OBJECT

private slots:
    void problems_data()
    {
        QTest::addColumn<PackageChoice::Kind>("kind");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("sha256");
        QTest::addColumn<int>("count");
        using K = PackageChoice::Kind;
        QTest::newRow("release") << K::Release << QString() << QString() << QString() << 0;
        QTest::newRow("file") << K::File << u"/tmp/istio-sidecar.deb"_qs << QString() << QString() << 0;
        QTest::newRow("rpm") << K::File << u"/tmp/istio-sidecar.RPM"_qs << QString() << QString() << 0;
        QTest::newRow("no file") << K::File << u" "_qs << QString() << QString() << 1;
        QTest::newRow("not a package") << K::File << u"/tmp/istio.tar.gz"_qs << QString() << QString() << 1;
        QTest::newRow("url") << K::Url << QString() << u"https://example.com/istio-sidecar.deb"_qs << hash << 0;
        QTest::newRow("http url, upper-case hash") << K::Url << QString() << u"http://10.0.0.1:8080/p.deb"_qs << hash.toUpper() << 0;
        QTest::newRow("hash with blanks") << K::Url << QString() << u"https://example.com/p.deb"_qs << u"  "_qs + hash + u"\n"_qs << 0;
        QTest::newRow("ftp") << K::Url << QString() << u"ftp://example.com/p.deb"_qs << hash << 1;
        QTest::newRow("no host") << K::Url << QString() << u"https:///p.deb"_qs << hash << 1;
        QTest::newRow("not a url") << K::Url << QString() << u"istio-sidecar.deb"_qs << hash << 1;
        QTest::newRow("short hash") << K::Url << QString() << u"https://example.com/p.deb"_qs << hash.left(63) << 1;
        QTest::newRow("long hash") << K::Url << QString() << u"https://example.com/p.deb"_qs << hash + u'0' << 1;
        QTest::newRow("not hex") << K::Url << QString() << u"https://example.com/p.deb"_qs << QString(hash).replace(0, 1, u'g') << 1;
        QTest::newRow("nothing") << K::Url << QString() << QString() << QString() << 2;
    }

    void problems()
    {
        QFETCH(PackageChoice::Kind, kind);
        QFETCH(QString, file);
        QFETCH(QString, url);
        QFETCH(QString, sha256);
        QFETCH(int, count);
        const PackageChoice choice{kind, file, url, sha256};
        QVERIFY2(choice.problems().size() == count, qPrintable(choice.problems().join(u'\n')));
    }

    void unverifiedOnlyWhenAllowed()
    {
        // Security review H2: a URL without a SHA-256 is refused unless the user allows an
        // unverified package in so many words; then it is handed on as such.
        PackageChoice choice{PackageChoice::Kind::Url, {}, u"https://example.com/istio-sidecar.deb"_qs, {}};
        QCOMPARE(choice.problems(), QStringList{u"Give the package's SHA-256, or allow an unverified package."_qs});
        choice.allowUnverified = true;
        QCOMPARE(choice.problems(), QStringList());
        choice.sha256 = hash.left(10); // a SHA-256 given must still be one
        QCOMPARE(choice.problems().size(), 1);
        FleetRequest request;
        PackageChoice{PackageChoice::Kind::Url, {}, u"https://example.com/p.deb"_qs, {}, true}.applyTo(request);
        QVERIFY(request.allowUnverifiedPackage);
        QCOMPARE(request.packageSha256, QString());
        PackageChoice{PackageChoice::Kind::Release, {}, {}, {}, true}.applyTo(request);
        QVERIFY(request.allowUnverifiedPackage); // Istio's release without a published .sha256
        PackageChoice{PackageChoice::Kind::Release, {}, {}, {}, false}.applyTo(request);
        QVERIFY(!request.allowUnverifiedPackage);
        PackageChoice{PackageChoice::Kind::File, u"/x.deb"_qs, {}, {}, true}.applyTo(request);
        QVERIFY(!request.allowUnverifiedPackage); // a local file is hashed here
    }

    void missingFileAtNext()
    {
        QTemporaryDir dir;
        const PackageChoice missing{PackageChoice::Kind::File, dir.filePath(u"istio-sidecar.deb"_qs), {}, {}};
        QCOMPARE(missing.problems().size(), 0);
        QCOMPARE(missing.problemsWithFile().size(), 1);
    }

    void applyTo()
    {
        FleetRequest request;
        request.packageFile = u"stale"_qs;
        PackageChoice{PackageChoice::Kind::Url, u"/x.deb"_qs, u" https://e.com/p.deb "_qs, hash.toUpper()}.applyTo(request);
        QCOMPARE(request.packageFile, QString());
        QCOMPARE(request.packageUrl, u"https://e.com/p.deb"_qs);
        QCOMPARE(request.packageSha256, hash);
        PackageChoice{PackageChoice::Kind::File, u"/x.deb"_qs, u"https://e.com/p.deb"_qs, hash}.applyTo(request);
        QCOMPARE(request.packageFile, u"/x.deb"_qs);
        QCOMPARE(request.packageUrl, QString());
        QCOMPARE(request.packageSha256, QString());
        PackageChoice{}.applyTo(request);
        QVERIFY(request.packageFile.isEmpty() && request.packageUrl.isEmpty());
    }

    void releaseUrl_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<QString>("arch");
        QTest::addColumn<QString>("url");
        QTest::newRow("amd64") << u"1.29.2"_qs << u"amd64"_qs
                               << u"https://storage.googleapis.com/istio-release/releases/1.29.2/deb/istio-sidecar.deb"_qs;
        QTest::newRow("arm64") << u"1.29.2"_qs << u"arm64"_qs
                               << u"https://storage.googleapis.com/istio-release/releases/1.29.2/deb/istio-sidecar-arm64.deb"_qs;
        QTest::newRow("no patch") << u"1.29"_qs << u"amd64"_qs << QString();
        QTest::newRow("garbage") << u"x"_qs << u"amd64"_qs << QString();
    }

    void releaseUrl()
    {
        QFETCH(QString, version);
        QFETCH(QString, arch);
        QFETCH(QString, url);
        QCOMPARE(PackageChoice::releaseUrl(version, arch), url);
    }
};

QTEST_GUILESS_MAIN(TestPackageChoice)
#include "tst_packagechoice.moc"
