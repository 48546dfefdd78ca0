// SPDX-License-Identifier: Apache-2.0
// The VM-side package download (InstallScript::packageFetchScript) run here with /bin/sh against
// an http and an https server in this process (security review H2 and M5): the published
// checksum comes from the URL's path and is required over https (refused before the download
// when missing), an https URL never follows a redirect to http (curl, and wget, which follows
// none), the download has an overall time limit, and a URL's credentials (user information, a
// presigned query) reach the server but no process's command line, no output and no message.
// The curl and wget the script runs are stand-ins first in PATH that log their argv and run the
// real program.
#include "installscript.h"
#include "packagesource.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QSslSocket>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include "testsupport.h"

namespace {

const QByteArray package = "the istio-sidecar package's bytes";
const QByteArray secret = "S3CR3T";

QString sha256Of(const QByteArray& data)
{
    return QString::fromLatin1(QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

/*!
 * An http or https server on 127.0.0.1 with fixed answers per path: 200 with a body, a 302 to a
 * location, a body that stalls after its first bytes; anything else 404. Keeps each request's
 * first line and Authorization header.
 */
class Server final : public QObject
{
public:
    struct Answer
    {
        int status = 200;
        QByteArray body;
        QByteArray location; //!< 302
        bool stall = false;  //!< announce the body's length, send a few bytes, then nothing
        bool challenge = false; //!< without an Authorization header: 401 asking for Basic (wget waits for it)
    };

    explicit Server(const QSslConfiguration* tls = nullptr)
    {
        if (tls) {
            auto* server = new QSslServer(this);
            server->setSslConfiguration(*tls);
            m_server = server;
        } else {
            m_server = new QTcpServer(this);
        }
        m_server->listen(QHostAddress::LocalHost, 0);
        connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
            while (QTcpSocket* socket = m_server->nextPendingConnection())
                accept(socket);
        });
        m_scheme = tls ? u"https"_qs : u"http"_qs;
    }

    QString url(const QString& path, const QString& userInfo = {}) const
    {
        return m_scheme + u"://"_qs + (userInfo.isEmpty() ? QString() : userInfo + u'@') + u"127.0.0.1:"_qs
            + QString::number(m_server->serverPort()) + path;
    }

    QMap<QByteArray, Answer> answers; //!< by request target (path and query)
    QList<QByteArray> requests;       //!< "GET /path?query"
    QList<QByteArray> authorizations; //!< each request's Authorization header (empty when none)

private:
    void accept(QTcpSocket* socket)
    {
        socket->setParent(this);
        auto buffer = std::make_shared<QByteArray>();
        connect(socket, &QTcpSocket::readyRead, this, [this, socket, buffer] {
            buffer->append(socket->readAll());
            const qsizetype end = buffer->indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = buffer->left(end).split('\n');
            const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
            const QByteArray target = first.value(1);
            requests.append(first.value(0) + ' ' + target);
            QByteArray authorization;
            for (const QByteArray& line : lines)
                if (line.toLower().startsWith("authorization:"))
                    authorization = line.mid(14).trimmed();
            authorizations.append(authorization);
            buffer->clear();
            const QByteArray path = target.left(target.indexOf('?') < 0 ? target.size() : target.indexOf('?'));
            Answer answer = answers.value(target, answers.value(path, Answer{404, "not found\n", {}, false, false}));
            if (answer.challenge && authorization.isEmpty())
                answer = Answer{401, "who are you?\n", {}, false, false};
            QByteArray head = "HTTP/1.1 " + QByteArray::number(answer.status) + (answer.status == 200 ? " OK" : " Other") + "\r\n";
            if (!answer.location.isEmpty())
                head += "Location: " + answer.location + "\r\n";
            if (answer.status == 401)
                head += "WWW-Authenticate: Basic realm=\"packages\"\r\n";
            if (answer.stall) {
                socket->write(head + "Content-Length: 100000000\r\n\r\n" + answer.body);
                return; // and nothing more
            }
            socket->write(head + "Content-Length: " + QByteArray::number(answer.body.size()) + "\r\nConnection: close\r\n\r\n"
                          + answer.body);
            socket->disconnectFromHost();
        });
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    }

    QTcpServer* m_server;
    QString m_scheme;
};

struct Result
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;
};

} // namespace

class TestPackageFetch final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        for (const QString& tool : {u"curl"_qs, u"wget"_qs, u"openssl"_qs, u"timeout"_qs, u"sha256sum"_qs})
            if (QStandardPaths::findExecutable(tool).isEmpty())
                QSKIP(qPrintable(tool + u" is not installed"_qs));
        if (!QSslSocket::supportsSsl())
            QSKIP("no TLS backend");
        // A certificate for 127.0.0.1, trusted by the curl and wget below only.
        const QString cert = m_dir.filePath(u"server.pem"_qs);
        const QString key = m_dir.filePath(u"server.key"_qs);
        const TestSupport::Run made = TestSupport::run(
            u"openssl"_qs, {u"req"_qs, u"-x509"_qs, u"-newkey"_qs, u"ec"_qs, u"-pkeyopt"_qs, u"ec_paramgen_curve:prime256v1"_qs,
                            u"-nodes"_qs, u"-keyout"_qs, key, u"-out"_qs, cert, u"-days"_qs, u"2"_qs, u"-subj"_qs,
                            u"/CN=127.0.0.1"_qs, u"-addext"_qs, u"subjectAltName=IP:127.0.0.1"_qs});
        QVERIFY2(made.exitCode == 0, qPrintable(made.err));
        m_tls.setLocalCertificate(QSslCertificate(TestSupport::readAll(cert)));
        m_tls.setPrivateKey(QSslKey(TestSupport::readAll(key), QSsl::Ec));
        m_tls.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_cert = cert;
        QVERIFY(TestSupport::writeFile(m_dir.filePath(u"wgetrc"_qs), "ca_certificate = " + cert.toUtf8() + "\n"));

        // The stand-ins: curl and wget log their arguments, one a line, then run the real one.
        // "nocurl" holds what the script needs but curl, so the script takes its wget branch.
        m_log = m_dir.filePath(u"argv.log"_qs);
        const QString shims = m_dir.filePath(u"bin"_qs);
        const QString nocurl = m_dir.filePath(u"nocurl"_qs);
        QVERIFY(QDir().mkpath(shims) && QDir().mkpath(nocurl));
        for (const QString& tool : {u"curl"_qs, u"wget"_qs}) {
            const QByteArray shim = "#!/bin/sh\nprintf '%s\\n' \"$0\" \"$@\" >> '" + m_log.toUtf8() + "'\nexec "
                + QStandardPaths::findExecutable(tool).toUtf8() + " \"$@\"\n";
            QVERIFY(TestSupport::writeFile(shims + u'/' + tool, shim));
            QVERIFY(QFile::setPermissions(shims + u'/' + tool, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
        }
        QVERIFY(QFile::copy(shims + u"/wget"_qs, nocurl + u"/wget"_qs));
        for (const QString& tool : {u"mktemp"_qs, u"rm"_qs, u"head"_qs, u"tr"_qs, u"sha256sum"_qs, u"cut"_qs, u"timeout"_qs,
                                    u"cat"_qs, u"sh"_qs})
            QVERIFY(QFile::link(QStandardPaths::findExecutable(tool), nocurl + u'/' + tool));
        m_curlPath = shims + u':' + qEnvironmentVariable("PATH");
        m_wgetPath = nocurl;

        m_https = std::make_unique<Server>(&m_tls);
        m_http = std::make_unique<Server>();
        for (Server* s : {m_https.get(), m_http.get()}) {
            s->answers.insert("/pkg/istio-sidecar.deb", {200, package, {}, false});
            s->answers.insert("/pkg/istio-sidecar.deb.sha256", {200, sha256Of(package).toLatin1() + "  istio-sidecar.deb\n", {}, false});
            s->answers.insert("/plain/istio-sidecar.deb", {200, package, {}, false});
            s->answers.insert("/private/istio-sidecar.deb", {200, package, {}, false, true});
            s->answers.insert("/slow/istio-sidecar.deb", {200, "the first bytes", {}, true});
            s->answers.insert("/slow/istio-sidecar.deb.sha256", {200, sha256Of(package).toLatin1() + "\n", {}, false});
        }
        m_https->answers.insert("/redirect/istio-sidecar.deb",
                                {302, {}, m_http->url(u"/pkg/istio-sidecar.deb"_qs).toLatin1(), false});
        m_https->answers.insert("/redirect/istio-sidecar.deb.sha256",
                                {302, {}, m_http->url(u"/pkg/istio-sidecar.deb.sha256"_qs).toLatin1(), false});
        m_http->answers.insert("/to-tls/istio-sidecar.deb", {302, {}, m_https->url(u"/pkg/istio-sidecar.deb"_qs).toLatin1(), false});
        m_https->answers.insert("/tls-redirect/istio-sidecar.deb",
                                {302, {}, m_https->url(u"/pkg/istio-sidecar.deb"_qs).toLatin1(), false});
    }

    void init()
    {
        QFile::remove(m_log);
        for (Server* s : {m_https.get(), m_http.get()}) {
            s->requests.clear();
            s->authorizations.clear();
        }
    }

    void publishedChecksumFromThePath_data()
    {
        QTest::addColumn<bool>("wget");
        QTest::newRow("curl") << false;
        QTest::newRow("wget") << true;
    }

    void publishedChecksumFromThePath()
    {
        QFETCH(bool, wget);
        const PackageSource source = PackageSources::url(m_https->url(u"/pkg/istio-sidecar.deb"_qs));
        QVERIFY(source.ok());
        QCOMPARE(PackageSources::verificationRefusal(source, false), QString());
        const Result r = fetch(fetchOf(source, true), wget);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("sha256=ok\n"));
        QCOMPARE(m_https->requests, (QList<QByteArray>{"GET /pkg/istio-sidecar.deb.sha256", "GET /pkg/istio-sidecar.deb"}));
        QCOMPARE(downloaded(r), package);
    }

    void missingChecksumIsRefusedBeforeTheDownload_data()
    {
        publishedChecksumFromThePath_data();
    }

    void missingChecksumIsRefusedBeforeTheDownload()
    {
        // Security review H2: a 404 for the .sha256 (what a network attacker answers) no longer
        // means "install unverified": nothing is downloaded, nothing left behind.
        QFETCH(bool, wget);
        const QString tmp = m_dir.filePath(wget ? u"tmp-refused-wget"_qs : u"tmp-refused-curl"_qs);
        QVERIFY(QDir().mkpath(tmp));
        const PackageSource source = PackageSources::url(m_https->url(u"/plain/istio-sidecar.deb"_qs));
        Result r = fetch(fetchOf(source, true), wget, tmp);
        QCOMPARE(r.exitCode, 3);
        const QByteArray why = "meshdeck: no SHA-256 to verify " + m_https->url(u"/plain/istio-sidecar.deb"_qs).toUtf8()
            + " against: " + m_https->url(u"/plain/istio-sidecar.deb.sha256"_qs).toUtf8()
            + " could not be fetched; nothing was downloaded or installed. Give the package's SHA-256 "
              "(--package-sha256), or allow an unverified package (--allow-unverified-package)";
        QVERIFY2(r.err.contains(why), r.err.constData());
        QVERIFY(!r.out.contains("dir="));
        QCOMPARE(m_https->requests, QList<QByteArray>{"GET /plain/istio-sidecar.deb.sha256"});
        QCOMPARE(QDir(tmp).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());

        // Allowed by the user: downloaded and said to be unverified.
        r = fetch(fetchOf(source, false), wget);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("sha256=unverified\n"));
        QCOMPARE(downloaded(r), package);
    }

    void httpsNeverFollowsARedirectToHttp_data()
    {
        publishedChecksumFromThePath_data();
    }

    void httpsNeverFollowsARedirectToHttp()
    {
        // Security review H2: curl --proto-redir =https; wget cannot be held to https on a
        // redirect, so for an https URL it follows none.
        QFETCH(bool, wget);
        PackageSource source = PackageSources::url(m_https->url(u"/redirect/istio-sidecar.deb"_qs));
        PackageSources::requireSha256(source, sha256Of(package));
        QVERIFY(source.ok());
        const Result r = fetch(fetchOf(source, true), wget);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(QByteArray("meshdeck: cannot download " + m_https->url(u"/redirect/istio-sidecar.deb"_qs).toUtf8())),
                 r.err.constData());
        QCOMPARE(m_https->requests, QList<QByteArray>{"GET /redirect/istio-sidecar.deb"});
        QCOMPARE(m_http->requests, QList<QByteArray>()); // never asked over http

        // Without a given checksum the published one is on the same terms.
        const Result published = fetch(fetchOf(PackageSources::url(m_https->url(u"/redirect/istio-sidecar.deb"_qs)), true), wget);
        QCOMPARE(published.exitCode, 3);
        QCOMPARE(m_http->requests, QList<QByteArray>());
    }

    void httpsFollowsARedirectToHttps()
    {
        // curl follows redirects that stay on https (a mirror, a CDN).
        PackageSource source = PackageSources::url(m_https->url(u"/tls-redirect/istio-sidecar.deb"_qs));
        PackageSources::requireSha256(source, sha256Of(package));
        const Result r = fetch(fetchOf(source, true), false);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(downloaded(r), package);
    }

    void httpMayRedirectToHttps()
    {
        // A plain http URL (with the SHA-256 given: anything else is refused before the VM is
        // asked, PackageSources::verificationRefusal) may be sent on to https.
        PackageSource source = PackageSources::url(m_http->url(u"/to-tls/istio-sidecar.deb"_qs));
        QVERIFY(!PackageSources::verificationRefusal(source, false).isEmpty());
        PackageSources::requireSha256(source, sha256Of(package));
        QCOMPARE(PackageSources::verificationRefusal(source, false), QString());
        const Result r = fetch(fetchOf(source, true), false);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("sha256=ok\n"));
        QCOMPARE(downloaded(r), package);
        QCOMPARE(m_http->requests, QList<QByteArray>{"GET /to-tls/istio-sidecar.deb"}); // a given SHA-256: no .sha256 asked for
        QCOMPARE(m_https->requests, QList<QByteArray>{"GET /pkg/istio-sidecar.deb"});
    }

    void credentialsOnlyReachTheServer_data()
    {
        publishedChecksumFromThePath_data();
    }

    void credentialsOnlyReachTheServer()
    {
        // Security review M5: user information and a presigned query go to the server, and to no
        // command line (the script's, curl's, wget's), no output and no message.
        QFETCH(bool, wget);
        const QString url = m_https->url(u"/private/istio-sidecar.deb?X-Amz-Signature="_qs + QString::fromLatin1(secret),
                                         u"u:"_qs + QString::fromLatin1(secret));
        PackageSource source = PackageSources::url(url);
        QVERIFY2(source.ok(), qPrintable(source.error));
        QVERIFY(!PackageSources::verificationRefusal(source, false).isEmpty()); // a query: nothing beside it to check
        PackageSources::requireSha256(source, sha256Of(package));
        const InstallScript::PackageFetch f = fetchOf(source, true);
        QVERIFY(!InstallScript::packageFetchScript(f).contains(QString::fromLatin1(secret)));
        QVERIFY(InstallScript::packageFetchInput(f).contains(secret));
        Result r = fetch(f, wget);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(downloaded(r), package);
        // curl sends the user at once, wget after the server asked (401): the last request has it.
        QVERIFY(!m_https->requests.isEmpty());
        for (const QByteArray& request : std::as_const(m_https->requests))
            QCOMPARE(request, QByteArray("GET /private/istio-sidecar.deb?X-Amz-Signature=" + secret));
        QCOMPARE(m_https->authorizations.last(), QByteArray("Basic " + QByteArray("u:" + secret).toBase64()));
        const QByteArray argv = TestSupport::readAll(m_log);
        QVERIFY2(argv.contains(wget ? "wget" : "curl"), argv.constData()); // the stand-in ran
        QVERIFY2(!argv.contains(secret), argv.constData());
        QVERIFY(!r.out.contains(secret) && !r.err.contains(secret));

        // A failure names the URL without them.
        PackageSource missing = PackageSources::url(m_https->url(u"/nosuch/istio-sidecar.deb?sig="_qs + QString::fromLatin1(secret),
                                                                 u"u:"_qs + QString::fromLatin1(secret)));
        PackageSources::requireSha256(missing, sha256Of(package));
        r = fetch(fetchOf(missing, true), wget);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("meshdeck: cannot download https://***@127.0.0.1:"), r.err.constData());
        QVERIFY2(!r.err.contains(secret) && !r.out.contains(secret), r.err.constData());
        QVERIFY(!TestSupport::readAll(m_log).contains(secret));
    }

    void downloadHasATimeLimit_data()
    {
        publishedChecksumFromThePath_data();
    }

    void downloadHasATimeLimit()
    {
        // A server that stops sending: curl --max-time, wget under timeout (its --timeout is per
        // read). The engine's limit is maxSeconds' default, 600 s; here 2 s.
        QFETCH(bool, wget);
        InstallScript::PackageFetch f = fetchOf(PackageSources::url(m_https->url(u"/slow/istio-sidecar.deb"_qs)), true);
        f.maxSeconds = 2;
        QVERIFY(InstallScript::packageFetchScript(fetchOf(PackageSources::url(m_https->url(u"/x.deb"_qs)), true))
                    .contains(u"get \"$url\" 600 "_qs));
        const Result r = fetch(f, wget);
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(" (time limit 2 s)"), r.err.constData());
        QVERIFY2(r.elapsedMs >= 1900 && r.elapsedMs < 15000, qPrintable(QString::number(r.elapsedMs)));
    }

private:
    InstallScript::PackageFetch fetchOf(const PackageSource& source, bool requireChecksum) const
    {
        InstallScript::PackageFetch f;
        f.url = source.location;
        f.shownUrl = source.displayLocation();
        f.checksumUrl = source.checksumUrl();
        f.expectedSha256 = QString::fromLatin1(source.sha256);
        f.requireChecksum = requireChecksum;
        f.fileName = source.remoteFileName();
        return f;
    }

    // The script as the engine runs it (sh -c SCRIPT meshdeck, the URLs on stdin), asynchronously:
    // the servers answer from this thread's event loop.
    Result fetch(const InstallScript::PackageFetch& f, bool wget, const QString& tmp = {})
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"PATH"_qs, wget ? m_wgetPath : m_curlPath);
        env.insert(u"CURL_CA_BUNDLE"_qs, m_cert);
        env.insert(u"WGETRC"_qs, m_dir.filePath(u"wgetrc"_qs));
        env.remove(u"http_proxy"_qs);
        env.remove(u"https_proxy"_qs);
        env.remove(u"HTTP_PROXY"_qs);
        env.remove(u"HTTPS_PROXY"_qs);
        if (!tmp.isEmpty())
            env.insert(u"TMPDIR"_qs, tmp);
        p.setProcessEnvironment(env);
        QElapsedTimer clock;
        clock.start();
        p.start(u"/bin/sh"_qs, {u"-c"_qs, InstallScript::packageFetchScript(f), u"meshdeck"_qs});
        Result r;
        if (!p.waitForStarted())
            return r;
        p.write(InstallScript::packageFetchInput(f));
        p.closeWriteChannel();
        if (!QTest::qWaitFor([&] { return p.state() == QProcess::NotRunning; }, 30000)) {
            p.kill();
            p.waitForFinished();
            return r;
        }
        r.elapsedMs = clock.elapsed();
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
        r.out = p.readAllStandardOutput();
        r.err = p.readAllStandardError();
        return r;
    }

    // The downloaded file (then its directory removed).
    static QByteArray downloaded(const Result& r)
    {
        const QString dir = InstallScript::parseFields(r.out, u'=').value(u"dir"_qs);
        if (!dir.startsWith(u'/'))
            return "<no dir>";
        const QByteArray bytes = TestSupport::readAll(dir + u"/istio-sidecar.deb"_qs);
        const QStringList left = QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden);
        QDir(dir).removeRecursively();
        return left == QStringList{u"istio-sidecar.deb"_qs} ? bytes : "<more in the directory: " + left.join(u' ').toUtf8() + '>';
    }

    QTemporaryDir m_dir;
    QSslConfiguration m_tls;
    QString m_cert;
    QString m_log;
    QString m_curlPath;
    QString m_wgetPath;
    std::unique_ptr<Server> m_https;
    std::unique_ptr<Server> m_http;
};

QTEST_GUILESS_MAIN(TestPackageFetch)
#include "tst_packagefetch.moc"
