// SPDX-License-Identifier: Apache-2.0
// Security review M1 on the ssh side, without an sshd: every ssh meshdeck starts for a VM carries
// keepalives (a VM that went away ends its connection within a minute, not when TCP gives up);
// a command has a timeout even when its caller sets none; and a command whose ssh hangs (a
// stand-in `ssh` that only sleeps, as ssh does on a dead connection without keepalives) is killed
// at its timeout and reported as such.
#include "remotecommand.h"
#include "sshconnection.h"
#include "sshcontext.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include "testsupport.h"

namespace {

// Processes whose command line holds token.
int processesWith(const QByteArray& token)
{
    int count = 0;
    const QStringList pids = QDir(u"/proc"_qs).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& pid : pids) {
        QFile f(u"/proc/"_qs + pid + u"/cmdline"_qs);
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(token))
            ++count;
    }
    return count;
}

// The option -o value pair in args, before "--".
bool hasOption(const QStringList& args, const QString& value)
{
    const qsizetype at = args.indexOf(value);
    return at > 0 && args.at(at - 1) == u"-o" && at < args.indexOf(u"--"_qs);
}

struct Finished
{
    bool done = false;
    CommandResult result;
};

} // namespace

class TestSshKeepalive final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // A stand-in ssh that hangs: what ssh does on a connection whose VM went away, without
        // keepalives (until TCP gives up, about two hours).
        m_hangingSsh = m_dir.filePath(u"ssh"_qs);
        QVERIFY(TestSupport::writeFile(m_hangingSsh, "#!/bin/sh\nexec sleep 41.42135\n"));
        QVERIFY(QFile::setPermissions(m_hangingSsh, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    }

    void keepalivesInEveryArgumentList()
    {
        SshOptions options;
        options.runtimeParent = m_dir.path();
        SshContext context(options);
        QVERIFY2(context.isValid(), qPrintable(context.errorString()));
        SshEndpoint endpoint;
        endpoint.host = u"192.0.2.10"_qs;
        endpoint.user = u"debian"_qs;
        endpoint.port = 2222;
        endpoint.jumpHost = u"ops@bastion"_qs;
        SshConnection connection(&context, endpoint);
        // 15 s without an answer, four times: the master ends after a minute, and so does every
        // command over it. Given before the endpoint's options and ssh_config (first value wins).
        for (const QStringList& args : {connection.sshArguments(false), connection.sshArguments(true),
                                        connection.commandArguments(u"true"_qs)}) {
            QVERIFY2(hasOption(args, u"ServerAliveInterval=15"_qs), qPrintable(args.join(u' ')));
            QVERIFY2(hasOption(args, u"ServerAliveCountMax=4"_qs), qPrintable(args.join(u' ')));
            QVERIFY(args.indexOf(u"ServerAliveInterval=15"_qs) < args.indexOf(u"-J"_qs));
        }
        QCOMPARE(options.serverAliveIntervalSeconds * options.serverAliveCountMax, 60);

        SshOptions off = options;
        off.serverAliveIntervalSeconds = 0;
        SshContext offContext(off);
        SshConnection offConnection(&offContext, endpoint);
        QVERIFY(!offConnection.sshArguments(false).join(u' ').contains(u"ServerAlive"_qs));
    }

    void commandsHaveATimeoutByDefault()
    {
        // A RemoteCommand whose caller sets no timeout (an upload's) still ends.
        const SshOptions options;
        QVERIFY(options.commandTimeout.count() > 0);
        QVERIFY(options.commandTimeout <= std::chrono::minutes(30));
    }

    void hangingSshIsKilledAtTheTimeout_data()
    {
        QTest::addColumn<int>("commandTimeoutMs"); // the command's own; 0: the context's default
        QTest::addColumn<int>("contextTimeoutMs");
        QTest::newRow("the command's timeout") << 700 << 60000;
        QTest::newRow("the context's default") << 0 << 700;
    }

    void hangingSshIsKilledAtTheTimeout()
    {
        QFETCH(int, commandTimeoutMs);
        QFETCH(int, contextTimeoutMs);
        const int before = processesWith("41.42135"); // another test's leftover, if any
        SshOptions options;
        options.sshProgram = m_hangingSsh;
        options.runtimeParent = m_dir.path();
        options.commandTimeout = std::chrono::milliseconds(contextTimeoutMs);
        SshContext context(options);
        QVERIFY2(context.isValid(), qPrintable(context.errorString()));
        SshEndpoint endpoint;
        endpoint.host = u"192.0.2.10"_qs;
        SshConnection connection(&context, endpoint);
        RemoteCommand command(&connection, {u"sh"_qs, u"-c"_qs, u"dpkg -i x.deb"_qs});
        if (commandTimeoutMs > 0)
            command.setTimeout(std::chrono::milliseconds(commandTimeoutMs));
        Finished finished;
        connect(&command, &RemoteCommand::finished, this, [&finished](const CommandResult& r) {
            finished.result = r;
            finished.done = true;
        });
        QElapsedTimer clock;
        clock.start();
        command.start();
        QTRY_COMPARE_WITH_TIMEOUT(processesWith("41.42135"), before + 1, 5000); // it hangs
        QTRY_VERIFY_WITH_TIMEOUT(finished.done, 10000);
        QVERIFY2(clock.elapsed() >= 650 && clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
        QCOMPARE(finished.result.error.kind, SshError::Kind::Timeout);
        QCOMPARE(finished.result.error.message, u"192.0.2.10: `sh` did not finish within 0.7 s and was stopped (it hangs on the "
                                                "VM, or the VM or its network went away)"_qs);
        QVERIFY(!finished.result.ok());
        QTRY_COMPARE_WITH_TIMEOUT(processesWith("41.42135"), before, 5000); // and is gone
    }

private:
    QTemporaryDir m_dir;
    QString m_hangingSsh;
};

QTEST_GUILESS_MAIN(TestSshKeepalive)
#include "tst_sshkeepalive.moc"
