// SPDX-License-Identifier: Apache-2.0
// The running binary's own protections (security review): it is not dumpable and has no core
// size while it waits for a secret (M6: `meshdeck --askpass` waiting for the answer over its
// socket, the moment it holds one); `meshdeck onboard`/`offboard` on a plan another run holds are
// refused before anything is contacted, naming the lock and the process holding it (M8).
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "testplans.h"
#include "testsupport.h"

#include <sys/stat.h>
#include <unistd.h>

namespace {

using TestSupport::Run;

Run meshdeck(const QStringList& args)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"DISPLAY"_qs);
    env.remove(u"WAYLAND_DISPLAY"_qs);
    env.remove(u"QT_QPA_PLATFORM"_qs);
    env.insert(u"KUBECONFIG"_qs, u"/nonexistent/kubeconfig"_qs); // nothing to reach, should it get that far
    return TestSupport::run(qEnvironmentVariable("MESHDECK_BINARY"), args,
                            TestSupport::RunOptions().withAbortOnTimeout().withEnvironment(env));
}

/*! The "Uid:" line's real user id in /proc/<pid>/status; -1 when unreadable. */
long realUid(const QString& proc)
{
    QFile status(proc + u"/status"_qs);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("Uid:"))
            return line.mid(4).simplified().split(' ').value(0).toLong();
    }
    return -1;
}

/*! "soft hard" of /proc/<pid>/limits' "Max core file size" line. */
QByteArray coreLimit(const QString& proc)
{
    QFile limits(proc + u"/limits"_qs);
    if (!limits.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray& line : limits.readAll().split('\n')) {
        if (line.startsWith("Max core file size")) {
            const QList<QByteArray> fields = line.mid(18).simplified().split(' ');
            return fields.value(0) + ' ' + fields.value(1);
        }
    }
    return {};
}

} // namespace

class TestCliSafety final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("MESHDECK_BINARY")), "MESHDECK_BINARY is not set by ctest");
    }

    void waitingForASecretTheProcessIsNotDumpable()
    {
        // A process that is not dumpable has its /proc/<pid> files owned by root whatever its
        // own user. Run as root, this test runs meshdeck as nobody to tell the two apart.
        QTemporaryDir dir;
        QVERIFY(QFile::setPermissions(dir.path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner
                                                      | QFile::ReadOther | QFile::ExeOther | QFile::ReadGroup | QFile::ExeGroup));
        QLocalServer server;
        server.setSocketOptions(QLocalServer::WorldAccessOption);
        QVERIFY2(server.listen(dir.filePath(u"askpass"_qs)), qPrintable(server.errorString()));
        QProcess process;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"MESHDECK_ASKPASS_SOCKET"_qs, server.fullServerName());
        env.insert(u"MESHDECK_ASKPASS_COOKIE"_qs, u"0123456789abcdef"_qs);
        process.setProcessEnvironment(env);
        if (::geteuid() == 0) {
            process.setChildProcessModifier([] {
                if (::setgid(65534) != 0 || ::setuid(65534) != 0)
                    ::_exit(97);
            });
        }
        process.start(qEnvironmentVariable("MESHDECK_BINARY"), {u"--askpass"_qs, u"Password: "_qs});
        QVERIFY2(process.waitForStarted(10000), qPrintable(process.errorString()));
        // Connected: past main()'s first lines, waiting for the answer.
        const bool connected = server.waitForNewConnection(15000);
        if (!connected) {
            process.kill();
            process.waitForFinished();
            QFAIL(qPrintable(u"meshdeck --askpass did not connect (exit "_qs + QString::number(process.exitCode())
                             + u"): "_qs + QString::fromLocal8Bit(process.readAllStandardError())));
        }
        QLocalSocket* askpass = server.nextPendingConnection();
        const QString proc = u"/proc/"_qs + QString::number(process.processId());
        const long uid = realUid(proc);
        struct stat st{};
        const bool statted = ::stat(QFile::encodeName(proc + u"/status"_qs).constData(), &st) == 0;
        const QByteArray core = coreLimit(proc);
        askpass->write("0"); // no answer: it exits
        askpass->flush();
        askpass->abort();
        QVERIFY(process.waitForFinished(10000));

        QVERIFY(statted);
        QVERIFY2(uid > 0, "meshdeck must run as a user other than root here");
        QCOMPARE(long(st.st_uid), 0L); // not dumpable: /proc/<pid> is root's
        QCOMPARE(core, QByteArray("0 0"));
    }

    void secondRunOnAPlanIsRefused_data()
    {
        QTest::addColumn<QString>("command");
        QTest::newRow("onboard") << u"onboard"_qs;
        QTest::newRow("offboard") << u"offboard"_qs;
    }

    void secondRunOnAPlanIsRefused()
    {
        QFETCH(QString, command);
        QTemporaryDir dir;
        const QString plan = TestPlans::write(dir.path(), u"plan.yaml"_qs, TestPlans::demo());
        const QString lockPath = plan + u".state.json.lock"_qs;
        // The first run, as meshdeck holds it (OnboardStateLock is a QLockFile).
        QLockFile first(lockPath);
        first.setStaleLockTime(0);
        QVERIFY(first.tryLock(0));
        const Run r = meshdeck({command, u"--plan"_qs, plan});
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains(lockPath), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"PID "_qs + QString::number(QCoreApplication::applicationPid())), qPrintable(r.err));
        QVERIFY2(!r.err.contains(u"kubeconfig"_qs), qPrintable(r.err)); // refused before the cluster
        QVERIFY(!QFileInfo::exists(plan + u".state.json"_qs));
        QVERIFY(QFileInfo::exists(lockPath)); // the holder's lock stays
        first.unlock();
        if (command != u"onboard")
            return; // offboarding goes on without a cluster, to the VMs
        // Without the other run it gets past the lock, on to the cluster (which is not there).
        const Run free = meshdeck({command, u"--plan"_qs, plan});
        QCOMPARE(free.exitCode, 4);
        QVERIFY2(!free.err.contains(lockPath), qPrintable(free.err));
        QVERIFY(!QFileInfo::exists(lockPath)); // released at exit
    }
};

QTEST_GUILESS_MAIN(TestCliSafety)
#include "tst_clisafety.moc"
