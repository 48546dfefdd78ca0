// SPDX-License-Identifier: Apache-2.0
// The sidecar package: Istio's release URLs, the version skew rule (never newer than istiod),
// and a real .deb built here with dpkg-deb read back for its fields (PackageFileRead).
#include "packagefileread.h"
#include "packagesource.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

/*! A local file read as the CLI reads --package: the task, waited for. */
PackageSource localFile(const QString& path)
{
    PackageFileRead read(path);
    QSignalSpy finished(&read, &Task::finished);
    read.start();
    if (!finished.wait(30000)) {
        PackageSource timedOut;
        timedOut.error = path + u": not read within 30 s"_qs;
        return timedOut;
    }
    const Error error = finished.first().first().value<Error>();
    // The task's error and the source's say the same.
    if (error.message != read.source().error) {
        PackageSource mismatch = read.source();
        mismatch.error = u"finished with \""_qs + error.message + u"\", the source says \""_qs + read.source().error
            + u'"';
        return mismatch;
    }
    return read.source();
}

} // namespace

class TestPackageSource final : public QObject
{
    Q_OBJECT

private slots:
    void officialUrls()
    {
        using F = InstallScript::PackageFormat;
        QCOMPARE(PackageSources::officialUrl(u"1.29.2"_qs, F::Deb, u"amd64"_qs),
                 u"https://storage.googleapis.com/istio-release/releases/1.29.2/deb/istio-sidecar.deb"_qs);
        QCOMPARE(PackageSources::officialUrl(u"1.29.2"_qs, F::Rpm, u"arm64"_qs),
                 u"https://storage.googleapis.com/istio-release/releases/1.29.2/rpm/istio-sidecar-arm64.rpm"_qs);
        QCOMPARE(PackageSources::officialUrl(u"1.29"_qs, F::Deb, u"amd64"_qs), QString()); // no patch: no release
    }

    void versionSkew_data()
    {
        QTest::addColumn<QString>("package");
        QTest::addColumn<QString>("istiod");
        QTest::addColumn<bool>("refused");
        QTest::addColumn<bool>("warned");
        QTest::newRow("same") << u"1.29.2"_qs << u"1.29.2"_qs << false << false;
        QTest::newRow("one minor behind") << u"1.28.4"_qs << u"1.29.2"_qs << false << false;
        QTest::newRow("a minor ahead") << u"1.30.0"_qs << u"1.29.2"_qs << true << false;
        QTest::newRow("a patch ahead") << u"1.29.3"_qs << u"1.29.2"_qs << false << true;
        QTest::newRow("debian revision and epoch") << u"1:1.30.1-1"_qs << u"1.29.9"_qs << true << false;
        QTest::newRow("dev builds") << u"1.31-dev"_qs << u"1.31-dev"_qs << false << false;
        QTest::newRow("unknown istiod") << u"1.31.0"_qs << QString() << false << false;
    }

    void versionSkew()
    {
        QFETCH(QString, package);
        QFETCH(QString, istiod);
        QFETCH(bool, refused);
        QFETCH(bool, warned);
        QString warning;
        const QString refusal = PackageSources::sidecarVersionRefusal(package, istiod, &warning);
        QCOMPARE(!refusal.isEmpty(), refused);
        QCOMPARE(!warning.isEmpty(), warned);
    }

    void upstreamVersion()
    {
        QCOMPARE(PackageSources::upstreamVersion(u"1:1.29.2-1"_qs), u"1.29.2"_qs);
        QCOMPARE(PackageSources::upstreamVersion(u"1.30.0-beta.1"_qs), u"1.30.0-beta.1"_qs);
        QCOMPARE(PackageSources::upstreamVersion(u"1.31-dev"_qs), u"1.31-dev"_qs);
    }

    void urls()
    {
        QVERIFY(PackageSources::url(u"https://example.com/x/istio-sidecar.deb"_qs).ok());
        QCOMPARE(PackageSources::url(u"https://example.com/x/istio-sidecar.rpm"_qs).format, InstallScript::PackageFormat::Rpm);
        QVERIFY(!PackageSources::url(u"ftp://example.com/istio-sidecar.deb"_qs).ok());
        QVERIFY(!PackageSources::url(u"https://example.com/istio-sidecar.tgz"_qs).ok());
        QVERIFY(!PackageSources::url(u"https://example.com/$(reboot).deb x"_qs).ok());
    }

    void checksumUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("sha256"); // given
        QTest::addColumn<QString>("checksumUrl");
        const QString hex = QString(64, u'a');
        QTest::newRow("Istio's release") << u"https://storage.googleapis.com/istio-release/releases/1.29.2/deb/istio-sidecar.deb"_qs
                                         << QString()
                                         << u"https://storage.googleapis.com/istio-release/releases/1.29.2/deb/istio-sidecar.deb.sha256"_qs;
        QTest::newRow("user and port kept") << u"https://u:p@mirror.example:8443/x/istio-sidecar.deb"_qs << QString()
                                            << u"https://u:p@mirror.example:8443/x/istio-sidecar.deb.sha256"_qs;
        QTest::newRow("fragment dropped") << u"https://mirror.example/istio-sidecar.deb#latest"_qs << QString()
                                          << u"https://mirror.example/istio-sidecar.deb.sha256"_qs;
        // security review H2: "<url>.sha256" appended to a query was "?sig=x.sha256", never a checksum.
        QTest::newRow("query: none") << u"https://b.s3.amazonaws.com/istio-sidecar.deb?X-Amz-Signature=x"_qs << QString() << QString();
        QTest::newRow("given: none") << u"https://mirror.example/istio-sidecar.deb"_qs << hex << QString();
    }

    void checksumUrl()
    {
        QFETCH(QString, url);
        QFETCH(QString, sha256);
        QFETCH(QString, checksumUrl);
        PackageSource s = PackageSources::url(url);
        QVERIFY2(s.ok(), qPrintable(s.error));
        if (!sha256.isEmpty())
            PackageSources::requireSha256(s, sha256);
        QCOMPARE(s.checksumUrl(), checksumUrl);
    }

    void unverifiablePackagesAreRefused_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("sha256Given");
        QTest::addColumn<QString>("refusal"); // empty: accepted without --allow-unverified-package
        QTest::newRow("https") << u"https://mirror.example/istio-sidecar.deb"_qs << false << QString();
        QTest::newRow("http with a SHA-256") << u"http://198.18.0.1/istio-sidecar.deb"_qs << true << QString();
        QTest::newRow("query with a SHA-256") << u"https://b.example/istio-sidecar.deb?sig=S3CR3T"_qs << true << QString();
        QTest::newRow("http") << u"http://198.18.0.1/istio-sidecar.deb"_qs << false
                              << u"http://198.18.0.1/istio-sidecar.deb is plain http: its .sha256 would come over http as well, so "
                                 "anyone on the way could replace both; give the package's SHA-256 (--package-sha256), or allow an "
                                 "unverified package (--allow-unverified-package)"_qs;
        QTest::newRow("query") << u"https://u:S3CR3T@b.example/istio-sidecar.deb?sig=S3CR3T"_qs << false
                               << u"https://***@b.example/istio-sidecar.deb?*** has a query (a presigned URL?): there is no .sha256 "
                                  "beside it to verify the download against; give the package's SHA-256 (--package-sha256), or "
                                  "allow an unverified package (--allow-unverified-package)"_qs;
    }

    void unverifiablePackagesAreRefused()
    {
        QFETCH(QString, url);
        QFETCH(bool, sha256Given);
        QFETCH(QString, refusal);
        PackageSource s = PackageSources::url(url);
        QVERIFY2(s.ok(), qPrintable(s.error));
        if (sha256Given)
            PackageSources::requireSha256(s, QString(64, u'a'));
        QCOMPARE(PackageSources::verificationRefusal(s, false), refusal);
        QCOMPARE(PackageSources::verificationRefusal(s, true), QString()); // --allow-unverified-package
        QCOMPARE(PackageSources::verificationRefusal(PackageSources::localFileWithoutFields(u"/nonexistent.deb"_qs), false),
                 QString());
    }

    void credentialsAreNeitherShownNorStored()
    {
        // security review M5: the state file's identity and every message name the URL without
        // its user information or query.
        PackageSource s = PackageSources::url(u"https://u:S3CR3T@b.example/x/istio-sidecar.deb?X-Amz-Signature=S3CR3T"_qs);
        QVERIFY(s.ok());
        QCOMPARE(s.displayLocation(), u"https://***@b.example/x/istio-sidecar.deb?***"_qs);
        QCOMPARE(s.identity(), u"url https://***@b.example/x/istio-sidecar.deb?***"_qs);
        QVERIFY(s.location.contains(u"S3CR3T"_qs)); // what the VM is given, on stdin
        for (const QString& bad : {u"https://u:S3CR3T@b.example/istio-sidecar.tgz?sig=S3CR3T"_qs,
                                   u"ftp://u:S3CR3T@b.example/istio-sidecar.deb"_qs,
                                   u"https://u:S3CR3T@b.example/istio sidecar.deb?sig=S3CR3T"_qs}) {
            const PackageSource refused = PackageSources::url(bad);
            QVERIFY(!refused.ok());
            QVERIFY2(!refused.error.contains(u"S3CR3T"_qs), qPrintable(refused.error));
        }
    }

    void urlCharacters()
    {
        // The URL goes to the VM on a line of its own and into curl's configuration in quotes:
        // RFC 3986 characters only (anything else percent-encoded by the user).
        QVERIFY(PackageSources::url(u"https://h.example/a-b_c.~d/x%20y/istio-sidecar.deb"_qs).ok());
        QVERIFY(PackageSources::url(u"https://h.example/istio-sidecar.deb?a=1&b=$(x)"_qs).ok()); // data, never run
        QVERIFY(!PackageSources::url(u"https://h.example/x\"y/istio-sidecar.deb"_qs).ok());
        QVERIFY(!PackageSources::url(u"https://h.example/x\\y/istio-sidecar.deb"_qs).ok());
        QVERIFY(!PackageSources::url(u"https://h.example/istio-sidecar.deb\n"_qs).ok());
        QVERIFY(!PackageSources::url(u"https://h.example/istio-sidecar.deb\nhttps://evil.example/x.deb"_qs).ok());
    }

    void localDebian()
    {
        if (QStandardPaths::findExecutable(u"dpkg-deb"_qs).isEmpty())
            QSKIP("dpkg-deb is not installed");
        QTemporaryDir dir;
        QVERIFY(QDir().mkpath(dir.filePath(u"tree/DEBIAN"_qs)));
        QFile control(dir.filePath(u"tree/DEBIAN/control"_qs));
        QVERIFY(control.open(QIODevice::WriteOnly));
        control.write("Package: istio-sidecar\nVersion: 1.29.2\nArchitecture: amd64\nMaintainer: t <t@t>\nDescription: t\n");
        control.close();
        QProcess build;
        build.start(u"dpkg-deb"_qs, {u"--root-owner-group"_qs, u"--build"_qs, dir.filePath(u"tree"_qs), dir.filePath(u"p.deb"_qs)});
        QVERIFY(build.waitForFinished(30000));
        QCOMPARE(build.exitCode(), 0);
        const PackageSource s = localFile(dir.filePath(u"p.deb"_qs));
        QVERIFY2(s.ok(), qPrintable(s.error));
        QCOMPARE(s.format, InstallScript::PackageFormat::Deb);
        QCOMPARE(s.name, u"istio-sidecar"_qs);
        QCOMPARE(s.version, u"1.29.2"_qs);
        QCOMPARE(s.arch, u"amd64"_qs);
        QCOMPARE(s.sha256.size(), 64);
        QVERIFY(s.identity().startsWith(u"file sha256:"_qs));
        QCOMPARE(s.remoteFileName(), u"istio-sidecar.deb"_qs);

        QFile notAPackage(dir.filePath(u"x.deb"_qs));
        QVERIFY(notAPackage.open(QIODevice::WriteOnly));
        notAPackage.write("#!/bin/sh\n");
        notAPackage.close();
        QVERIFY(!localFile(notAPackage.fileName()).ok());
        QVERIFY(!localFile(dir.filePath(u"missing.deb"_qs)).ok());

        // --package-sha256 on a local file: checked here, before anything is uploaded.
        PackageSource same = localFile(dir.filePath(u"p.deb"_qs));
        PackageSources::requireSha256(same, QString::fromLatin1(same.sha256.toUpper()));
        QVERIFY2(same.ok(), qPrintable(same.error));
        PackageSource other = localFile(dir.filePath(u"p.deb"_qs));
        PackageSources::requireSha256(other, QString(64, u'0'));
        QVERIFY(!other.ok());
        QVERIFY2(other.error.contains(QString::fromLatin1(other.sha256)) && other.error.contains(QString(64, u'0')),
                 qPrintable(other.error));
    }

    void readCanBeCanceled()
    {
        QTemporaryDir dir;
        QFile deb(dir.filePath(u"p.deb"_qs));
        QVERIFY(deb.open(QIODevice::WriteOnly));
        deb.write("!<arch>\nnot really a package");
        deb.close();
        PackageFileRead read(deb.fileName());
        QSignalSpy finished(&read, &Task::finished);
        read.start();
        read.cancel(); // while dpkg-deb runs, or before the task reports when there is none
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY(finished.first().first().value<Error>().isCanceled());
        QVERIFY(!finished.wait(100)); // nothing more arrives from the killed query
    }

    void requiredSha256OfAUrl_data()
    {
        QTest::addColumn<QString>("sha256");
        QTest::addColumn<bool>("ok");
        const QString hex = u"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"_qs;
        QTest::newRow("lower case") << hex << true;
        QTest::newRow("upper case") << hex.toUpper() << true;
        QTest::newRow("too short") << hex.left(63) << false;
        QTest::newRow("too long") << hex + u'0' << false;
        QTest::newRow("not hex") << hex.left(63) + u'g' << false;
        QTest::newRow("sha256sum line") << hex + u"  istio-sidecar.deb"_qs << false;
        QTest::newRow("shell") << u"$(reboot)"_qs << false;
        // security review L1: "$" matched before a final newline too.
        QTest::newRow("trailing newline") << hex + u'\n' << false;
        QTest::newRow("empty") << QString() << false;
    }

    void requiredSha256OfAUrl()
    {
        QFETCH(QString, sha256);
        QFETCH(bool, ok);
        PackageSource s = PackageSources::url(u"http://198.18.0.1/istio-sidecar.deb"_qs);
        const QString plainIdentity = s.identity();
        PackageSources::requireSha256(s, sha256);
        QCOMPARE(s.ok(), ok);
        if (ok) {
            QCOMPARE(s.sha256, sha256.toLower().toLatin1()); // what the VM compares sha256sum's output with
            // Another checksum is another package for the state file: not skipped as "installed".
            QCOMPARE(s.identity(), plainIdentity + u" sha256:"_qs + sha256.toLower());
        } else {
            QVERIFY2(s.error.contains(u"is not a SHA-256"_qs), qPrintable(s.error));
        }
    }
};

QTEST_GUILESS_MAIN(TestPackageSource)
#include "tst_packagesource.moc"
