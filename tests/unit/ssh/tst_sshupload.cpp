// SPDX-License-Identifier: Apache-2.0
// SshUpload over a real sshd on 127.0.0.1 (the "remote" side is this machine, so the results
// are checked directly on disk): files land byte-identical in a fresh mktemp -d directory of
// mode 0700, progress climbs to the total, no .part file stays, bad names are refused, and a
// canceled or failed upload leaves no directory and no file under a final name.
#include "hostkeycheck.h"
#include "sshconnect.h"
#include "sshconnection.h"
#include "sshdfixture.h"
#include "sshupload.h"

#include <QTest>

#include <sys/stat.h>

using namespace SshdFixture;

namespace {

struct Upload
{
    bool done = false;
    UploadResult result;
    QList<std::pair<qint64, qint64>> progress;
};

QByteArray randomBytes(qsizetype size)
{
    QByteArray data(size, '\0');
    QRandomGenerator::global()->generate(reinterpret_cast<quint32*>(data.data()),
                                         reinterpret_cast<quint32*>(data.data()) + size / 4);
    return data;
}

} // namespace

class TestSshUpload final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString why;
        if (!available(&why))
            QSKIP(qPrintable(why));
        m_world = std::make_unique<World>();
        QVERIFY(m_world->setUp(true));
        m_server = m_world->server(u"vm"_qs);
        QVERIFY(m_server->start());
        m_context = std::make_unique<SshContext>(m_world->options());
        SshEndpoint endpoint;
        endpoint.host = u"127.0.0.1"_qs;
        endpoint.port = m_server->port();
        endpoint.label = u"vm1"_qs;
        m_connection = std::make_unique<SshConnection>(m_context.get(), endpoint);
        bool done = false;
        SshError error;
        SshConnect connect(m_connection.get());
        QObject::connect(&connect, &SshConnect::hostKeyQuestion, this, [](HostKeyQuestion* q) { q->accept(); });
        QObject::connect(&connect, &SshConnect::finished, this, [&](const SshError& e) {
            error = e;
            done = true;
        });
        connect.start();
        QTRY_VERIFY_WITH_TIMEOUT(done, 30000);
        QVERIFY2(!error.isError(), qPrintable(error.message));
    }

    void cleanupTestCase()
    {
        m_connection.reset();
        m_context.reset();
        m_server.reset();
    }

    void filesLandIdenticalInAPrivateDirectory()
    {
        const QByteArray big = randomBytes(3 * 1024 * 1024 + 5);
        const QString local = m_world->path(u"istio-sidecar.deb"_qs);
        QVERIFY(writeFile(local, big));
        const QByteArray token = "eyJhbGciOiJSUzI1NiJ9.e30.sig\n";
        const QByteArray env = "ISTIO_SERVICE_CIDR='*'\nX=\"$(id)\"\n";
        const Upload upload = run({{local, {}, u"istio-sidecar.deb"_qs},
                                   {{}, token, u"istio-token"_qs},
                                   {{}, env, u"cluster.env"_qs},
                                   {{}, {}, u"empty file"_qs}});
        QVERIFY2(upload.result.ok(), qPrintable(upload.result.error.message + u" / "_qs + upload.result.error.detail));

        const QString dir = upload.result.remoteDirectory;
        QVERIFY2(dir.startsWith(QDir::tempPath() + u"/meshdeck."_qs) || dir.startsWith(u"/tmp/meshdeck."_qs), qPrintable(dir));
        struct stat info{};
        QCOMPARE(::stat(QFile::encodeName(dir).constData(), &info), 0);
        QVERIFY(S_ISDIR(info.st_mode));
        QCOMPARE(info.st_mode & 07777, mode_t(0700));
        QCOMPARE(info.st_uid, ::geteuid());

        QCOMPARE(upload.result.remotePaths,
                 (QStringList{dir + u"/istio-sidecar.deb"_qs, dir + u"/istio-token"_qs, dir + u"/cluster.env"_qs,
                              dir + u"/empty file"_qs}));
        QVERIFY(readFile(dir + u"/istio-sidecar.deb"_qs) == big);
        QCOMPARE(readFile(dir + u"/istio-token"_qs), token);
        QCOMPARE(readFile(dir + u"/cluster.env"_qs), env);
        QVERIFY(QFileInfo(dir + u"/empty file"_qs).isFile());
        QCOMPARE(QFileInfo(dir + u"/empty file"_qs).size(), 0);
        // umask 077 on the way: the token is nobody else's business even inside the directory
        QCOMPARE(QFileInfo(dir + u"/istio-token"_qs).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions{});
        QCOMPARE(QDir(dir).entryList(QDir::Files | QDir::Hidden).filter(u".part"_qs), QStringList{});

        const qint64 total = big.size() + token.size() + env.size();
        QVERIFY(upload.progress.size() >= 3);
        qint64 last = -1;
        for (const auto& [done, all] : upload.progress) {
            QCOMPARE(all, total);
            QVERIFY(done >= last && done <= total);
            last = done;
        }
        QCOMPARE(upload.progress.last().first, total);
        QDir(dir).removeRecursively();
    }

    void existingDirectoryIsUsed()
    {
        const QString dir = m_world->path(u"given-dir"_qs);
        QVERIFY(QDir().mkpath(dir));
        const Upload upload = run({{{}, "x", u"a"_qs}}, dir);
        QVERIFY(upload.result.ok());
        QCOMPARE(upload.result.remoteDirectory, dir);
        QCOMPARE(readFile(dir + u"/a"_qs), QByteArray("x"));
    }

    void badNamesAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        for (const QString& name : {u""_qs, u"."_qs, u".."_qs, u"../etc/passwd"_qs, u"a/b"_qs, u"a\nb"_qs})
            QTest::newRow(qPrintable(name.isEmpty() ? u"(empty)"_qs : QString(name).replace(u'\n', u'_'))) << name;
    }

    void badNamesAreRefused()
    {
        QFETCH(QString, name);
        const int logins = m_server->log().count("Starting session:");
        const Upload upload = run({{{}, "x", name}});
        QCOMPARE(upload.result.error.kind, SshError::Kind::BadInput);
        QCOMPARE(upload.result.remoteDirectory, QString());
        QCOMPARE(int(m_server->log().count("Starting session:")), logins); // nothing was even tried
    }

    void failureLeavesNoFinalFile()
    {
        // a directory that cannot take the file: the store fails, nothing under the final name
        const QString dir = m_world->path(u"not-a-dir"_qs);
        QVERIFY(writeFile(dir, "a file, not a directory"));
        const Upload upload = run({{{}, "x", u"a"_qs}}, dir);
        QCOMPARE(upload.result.error.kind, SshError::Kind::TransferFailed);
        QVERIFY(upload.result.remotePaths.isEmpty());
        QCOMPARE(readFile(dir), QByteArray("a file, not a directory"));
    }

    void cancelRemovesTheDirectory()
    {
        const QString local = m_world->path(u"large.bin"_qs);
        QVERIFY(writeFile(local, randomBytes(64 * 1024 * 1024)));
        const QStringList before = meshdeckDirs();
        Upload upload;
        SshUpload op(m_connection.get(), {{local, {}, u"large.bin"_qs}});
        connect(&op, &SshUpload::progress, this, [&upload, &op](qint64 done, qint64 total) {
            upload.progress.append({done, total});
            if (done > 0 && done < total)
                op.cancel();
        });
        connect(&op, &SshUpload::finished, this, [&upload](const UploadResult& r) {
            upload.result = r;
            upload.done = true;
        });
        op.start();
        QTRY_VERIFY_WITH_TIMEOUT(upload.done, 30000);
        QCOMPARE(upload.result.error.kind, SshError::Kind::Canceled);
        QVERIFY(!upload.result.remoteDirectory.isEmpty());
        QVERIFY(upload.progress.last().first < upload.progress.last().second);
        QTRY_VERIFY_WITH_TIMEOUT(!QFileInfo::exists(upload.result.remoteDirectory), 10000);
        QCOMPARE(meshdeckDirs(), before);
    }

private:
    Upload run(const QList<UploadFile>& files, const QString& directory = {})
    {
        Upload upload;
        SshUpload op(m_connection.get(), files);
        if (!directory.isEmpty())
            op.setRemoteDirectory(directory);
        connect(&op, &SshUpload::progress, this, [&upload](qint64 done, qint64 total) { upload.progress.append({done, total}); });
        connect(&op, &SshUpload::finished, this, [&upload](const UploadResult& r) {
            upload.result = r;
            upload.done = true;
        });
        op.start();
        if (!QTest::qWaitFor([&upload] { return upload.done; }, 60000))
            qWarning("upload did not finish");
        return upload;
    }

    static QStringList meshdeckDirs()
    {
        return QDir(qEnvironmentVariable("TMPDIR", u"/tmp"_qs)).entryList({u"meshdeck.*"_qs}, QDir::Dirs);
    }

    std::unique_ptr<World> m_world;
    std::unique_ptr<Server> m_server;
    std::unique_ptr<SshContext> m_context;
    std::unique_ptr<SshConnection> m_connection;
};

QTEST_MAIN(TestSshUpload)
#include "tst_sshupload.moc"
