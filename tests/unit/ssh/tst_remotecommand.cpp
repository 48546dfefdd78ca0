// SPDX-License-Identifier: Apache-2.0
// RemoteCommand over a real sshd on 127.0.0.1: one login for many commands (ControlMaster),
// hostile argument values arriving intact through the remote login shell, stdin, exit codes,
// cancel and timeout killing ssh, and sudo -S against a stand-in `sudo` (see sshdfixture.h)
// with the password never in a process's command line or environment, nor in a log.
#include "hostkeycheck.h"
#include "remotecommand.h"
#include "sshconnect.h"
#include "sshconnection.h"
#include "sshdfixture.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QTest>

using namespace SshdFixture;

namespace {

// A RemoteCommand's result once it finished: the command ran over ssh, not as a local process
// (for those, TestSupport::run).
struct Run
{
    bool done = false;
    CommandResult result;
};

// Starts a command; the caller waits on run->done.
RemoteCommand* launch(SshConnection* connection, const QStringList& argv, Run* run, QObject* parent)
{
    auto* command = new RemoteCommand(connection, argv, parent);
    QObject::connect(command, &RemoteCommand::finished, parent, [run](const CommandResult& r) {
        run->result = r;
        run->done = true;
    });
    return command;
}

QByteArray nulSeparated(const QStringList& values)
{
    QByteArray out;
    for (const QString& v : values)
        out += v.toUtf8() + '\0';
    return out;
}

// Local ssh client processes whose command line holds token.
int sshClientsWith(const QByteArray& token)
{
    int count = 0;
    const QStringList pids = QDir(u"/proc"_qs).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& pid : pids) {
        const QByteArray cmdline = readFile(u"/proc/"_qs + pid + u"/cmdline"_qs);
        const QByteArray program = cmdline.left(cmdline.indexOf('\0'));
        if ((program == "ssh" || program.endsWith("/ssh")) && cmdline.contains(token))
            ++count;
    }
    return count;
}

} // namespace

class TestRemoteCommand final : public QObject
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
        QVERIFY2(m_context->isValid(), qPrintable(m_context->errorString()));
        SshEndpoint endpoint;
        endpoint.host = u"127.0.0.1"_qs;
        endpoint.port = m_server->port();
        endpoint.identityFile = m_world->userKey();
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
        QVERIFY2(!error.isError(), qPrintable(error.message + u" / "_qs + error.detail));
    }

    void cleanupTestCase()
    {
        m_connection.reset();
        m_context.reset();
        m_server.reset();
    }

    void masterIsSharedNotReauthenticated()
    {
        QObject scope; // the commands die with the test function, whatever happens
        const int loginsBefore = m_server->acceptedLogins();
        QCOMPARE(loginsBefore, 1); // SshConnect's master
        const QStringList sockets = QDir(m_context->runtimeDirectory()).entryList(QDir::System);
        QCOMPARE(sockets.filter(QRegularExpression(u"^[0-9a-f]{40}$"_qs)).size(), 1);
        QElapsedTimer clock;
        clock.start();
        for (int i = 0; i < 10; ++i) {
            Run run;
            RemoteCommand* command = launch(m_connection.get(), {u"echo"_qs, QString::number(i)}, &run, &scope);
            QEventLoop loop; // not QTRY_*: its 50 ms polling steps would be most of what is measured
            QObject::connect(command, &RemoteCommand::finished, &loop, &QEventLoop::quit, Qt::QueuedConnection);
            command->start();
            loop.exec();
            QVERIFY(run.done);
            QVERIFY2(run.result.ok(), qPrintable(run.result.error.message));
            QCOMPARE(run.result.standardOutput, QString::number(i).toUtf8() + '\n');
        }
        QCOMPARE(m_server->acceptedLogins(), loginsBefore);
        qInfo("10 commands one after the other over the master: %lld ms", clock.elapsed());
        // ten in parallel share it too
        QList<Run> runs(10);
        for (Run& run : runs)
            launch(m_connection.get(), {u"true"_qs}, &run, &scope)->start();
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(runs.cbegin(), runs.cend(), [](const Run& r) { return r.done; }), 20000);
        for (const Run& run : std::as_const(runs))
            QVERIFY(run.result.ok());
        QCOMPARE(m_server->acceptedLogins(), loginsBefore);
    }

    void hostileArgumentsArriveIntact_data()
    {
        QTest::addColumn<QString>("value");
        const QStringList values = {
            u"'"_qs, u"a'b"_qs, u"'\\''"_qs, u"\""_qs, u"$(touch @F@)"_qs, u"`touch @F@`"_qs, u"; touch @F@"_qs,
            u"&& touch @F@"_qs, u"| touch @F@"_qs, u"> @F@"_qs, u"\ntouch @F@"_qs, u"$HOME"_qs, u"${IFS}"_qs, u"~"_qs,
            u"*"_qs, u"[a]*"_qs, u"!!"_qs, u"# comment"_qs, u" "_qs, u"a\tb"_qs, u"\r\n"_qs, u"-n"_qs, u"--"_qs, u""_qs,
            u"\\"_qs, u"%s"_qs, u"日本語"_qs, u"😀"_qs, u"\x01\x1b[31m"_qs, u"\u202eevil"_qs, u"x'; touch @F@; echo '"_qs,
            u"{touch,@F@}"_qs, u"$((1+1))"_qs, QString(3000, u'\''),
        };
        for (qsizetype i = 0; i < values.size(); ++i)
            QTest::addRow("%d", int(i)) << values.at(i);
    }

    void hostileArgumentsArriveIntact()
    {
        QObject scope; // the commands die with the test function, whatever happens
        QFETCH(QString, value);
        const QString canary = m_world->path(u"pwned"_qs);
        value.replace(u"@F@"_qs, canary);
        const QStringList argv{value, u"second "_qs + value, value + value};
        Run run;
        launch(m_connection.get(), QStringList{u"printf"_qs, u"%s\\0"_qs} + argv, &run, &scope)->start();
        QTRY_VERIFY_WITH_TIMEOUT(run.done, 20000);
        QVERIFY2(run.result.ok(), qPrintable(run.result.error.message + QString::fromUtf8(run.result.standardError)));
        QCOMPARE(run.result.standardOutput, nulSeparated(argv));
        QVERIFY(!QFileInfo::exists(canary));
    }

    void nulCannotTravel()
    {
        QObject scope; // the commands die with the test function, whatever happens
        Run run;
        launch(m_connection.get(), {u"echo"_qs, u"a"_qs + QChar(0) + u"b"_qs}, &run, &scope)->start();
        QTRY_VERIFY(run.done);
        QCOMPARE(run.result.error.kind, SshError::Kind::BadInput);
    }

    void standardInputArrives()
    {
        QObject scope; // the commands die with the test function, whatever happens
        QByteArray data(1024 * 1024 + 7, '\0');
        for (qsizetype i = 0; i < data.size(); ++i)
            data[i] = char((i * 7919) % 256); // every byte value, NULs included
        Run run;
        RemoteCommand* command = launch(m_connection.get(), {u"cat"_qs}, &run, &scope);
        command->setStandardInput(data);
        command->start();
        QTRY_VERIFY_WITH_TIMEOUT(run.done, 20000);
        QVERIFY(run.result.ok());
        QCOMPARE(run.result.standardOutput.size(), data.size());
        QVERIFY(run.result.standardOutput == data);
    }

    void exitCodeAndStreams()
    {
        QObject scope; // the commands die with the test function, whatever happens
        Run run;
        launch(m_connection.get(), {u"sh"_qs, u"-c"_qs, u"echo out; echo err >&2; exit 7"_qs}, &run, &scope)->start();
        QTRY_VERIFY_WITH_TIMEOUT(run.done, 20000);
        QVERIFY(!run.result.error.isError());
        QCOMPARE(run.result.exitCode, 7);
        QCOMPARE(run.result.standardOutput, QByteArray("out\n"));
        QCOMPARE(run.result.standardError, QByteArray("err\n"));
        // 255 from the command itself is the command's, not an ssh failure
        Run quiet;
        launch(m_connection.get(), {u"sh"_qs, u"-c"_qs, u"exit 255"_qs}, &quiet, &scope)->start();
        QTRY_VERIFY_WITH_TIMEOUT(quiet.done, 20000);
        QVERIFY(!quiet.result.error.isError());
        QCOMPARE(quiet.result.exitCode, 255);
    }

    void cancelKillsSsh()
    {
        QObject scope; // the commands die with the test function, whatever happens
        const QByteArray token = "31.4159";
        Run run;
        RemoteCommand* command = launch(m_connection.get(), {u"sleep"_qs, QString::fromLatin1(token)}, &run, &scope);
        command->start();
        QTRY_COMPARE_WITH_TIMEOUT(sshClientsWith(token), 1, 10000);
        QElapsedTimer clock;
        clock.start();
        command->cancel();
        QVERIFY(run.done); // reported at once
        QCOMPARE(run.result.error.kind, SshError::Kind::Canceled);
        QTRY_COMPARE_WITH_TIMEOUT(sshClientsWith(token), 0, 5000);
        QVERIFY(clock.elapsed() < 5000);
        // the master is unharmed
        Run after;
        launch(m_connection.get(), {u"true"_qs}, &after, &scope)->start();
        QTRY_VERIFY_WITH_TIMEOUT(after.done, 20000);
        QVERIFY(after.result.ok());
    }

    void timeoutKillsSsh()
    {
        QObject scope; // the commands die with the test function, whatever happens
        const QByteArray token = "27.1828";
        Run run;
        RemoteCommand* command = launch(m_connection.get(), {u"sleep"_qs, QString::fromLatin1(token)}, &run, &scope);
        command->setTimeout(std::chrono::milliseconds{700});
        QElapsedTimer clock;
        clock.start();
        command->start();
        QTRY_VERIFY_WITH_TIMEOUT(run.done, 10000);
        QCOMPARE(run.result.error.kind, SshError::Kind::Timeout);
        QVERIFY(clock.elapsed() >= 650 && clock.elapsed() < 5000);
        QTRY_COMPARE_WITH_TIMEOUT(sshClientsWith(token), 0, 5000);
    }

    void sudoWithPassword_data()
    {
        QTest::addColumn<QByteArray>("required");  // the stand-in's password; empty = NOPASSWD
        QTest::addColumn<QByteArray>("given");
        QTest::addColumn<int>("kind");
        const QByteArray secret = "c0rrect h0rse 'battery' $(staple)";
        QTest::newRow("right password") << secret << secret << int(SshError::Kind::None);
        QTest::newRow("wrong password") << secret << QByteArray("Tr0ub4dor&3") << int(SshError::Kind::SudoWrongPassword);
        QTest::newRow("password needed, none given") << secret << QByteArray() << int(SshError::Kind::SudoPasswordRequired);
        QTest::newRow("NOPASSWD") << QByteArray() << QByteArray() << int(SshError::Kind::None);
        QTest::newRow("NOPASSWD, password given") << QByteArray() << secret << int(SshError::Kind::None);
    }

    void sudoWithPassword()
    {
        QObject scope; // the commands die with the test function, whatever happens
        QFETCH(QByteArray, required);
        QFETCH(QByteArray, given);
        QFETCH(int, kind);
        const QString passwordFile = m_world->path(u"sudo-password"_qs);
        QFile::remove(passwordFile);
        QFile::remove(m_world->path(u"sudo-log"_qs));
        if (!required.isEmpty())
            QVERIFY(writeFile(passwordFile, required + '\n'));
        LogCapture logs;
        // both the right password and the one given (they differ when it is wrong)
        const QByteArray secret = required.isEmpty() ? (given.isEmpty() ? QByteArray("no-secret-here") : given) : required;
        const QByteArray typed = given.isEmpty() ? secret : given;
        ProcessScanner scanner(secret);
        ProcessScanner typedScanner(typed);
        Run run;
        // stdin for the command itself must follow the password, untouched
        RemoteCommand* command = launch(m_connection.get(), {u"sh"_qs, u"-c"_qs, u"cat; echo \" as $(id -u)\""_qs}, &run, &scope);
        command->setSudo(given);
        command->setStandardInput("payload line\nsecond");
        command->start();
        QTRY_VERIFY_WITH_TIMEOUT(run.done, 20000);
        QCOMPARE(int(run.result.error.kind), kind);
        if (kind == int(SshError::Kind::None)) {
            QVERIFY2(run.result.ok(), qPrintable(run.result.error.message + QString::fromUtf8(run.result.standardError)));
            QCOMPARE(run.result.standardOutput, QByteArray("payload line\nsecond as " + QByteArray::number(::geteuid()) + '\n'));
            QCOMPARE(readFile(m_world->path(u"sudo-log"_qs)), required.isEmpty() ? QByteArray() : QByteArray("sudo: ok\n"));
        } else {
            QVERIFY(!run.result.error.message.isEmpty());
            QVERIFY(run.result.standardOutput.isEmpty()); // the command never ran
            QVERIFY(!QFileInfo::exists(m_world->path(u"sudo-log"_qs)));
        }
        QVERIFY(!run.result.standardError.contains("[meshdeck sudo"));
        scanner.scan();
        QVERIFY(scanner.scans() > 2);
        QVERIFY2(scanner.hits().isEmpty(), qPrintable(scanner.hits().join(u'\n')));
        QVERIFY2(typedScanner.hits().isEmpty(), qPrintable(typedScanner.hits().join(u'\n')));
        QVERIFY(!LogCapture::lines().isEmpty());
        for (const QByteArray& s : {secret, typed}) {
            QVERIFY(!LogCapture::lines().join(u'\n').contains(QString::fromUtf8(s)));
            QVERIFY(!m_server->log().contains(s));
        }
    }

    // Security review H3: the password reaches sudo (by its full path; here the stand-in) and
    // nothing else. Not a `sudo` first in the user's PATH; not a login environment that prints
    // the prompt it reads off the command line (as ~/.bashrc can from $BASH_EXECUTION_STRING;
    // here sshd's ForceCommand from $SSH_ORIGINAL_COMMAND) and then reads what comes. Before,
    // both got it: the prompt was on the command line and `sudo` was looked up in PATH.
    void sudoPasswordReachesOnlySudo()
    {
        QObject scope;
        const QByteArray secret = "h3-never-anywhere-else";
        const QString passwordFile = m_world->path(u"sudo-password"_qs);
        QVERIFY(writeFile(passwordFile, secret + '\n'));
        const QString stolen = m_world->path(u"stolen"_qs);
        QFile::remove(stolen);
        const QFile::Permissions executable = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;

        // 1. A hostile sudo first in PATH: asks with the prompt it was given, keeps the answer.
        const QString hostileSudo = m_world->path(u"fakebin/sudo"_qs);
        QVERIFY(writeFile(hostileSudo,
                          "#!/bin/sh\np=\nwhile [ $# -gt 0 ]; do case $1 in -p) p=$2; shift 2;; --) shift; break;; *) shift;; esac; done\n"
                          "printf '%s' \"$p\" >&2\nIFS= read -r line; printf '%s\\n' \"$line\" >> '" + stolen.toUtf8() + "'\nexec \"$@\"\n",
                          executable));
        {
            Run run;
            RemoteCommand* command = launch(m_connection.get(), {u"id"_qs, u"-u"_qs}, &run, &scope);
            command->setSudo(secret);
            command->start();
            QTRY_VERIFY_WITH_TIMEOUT(run.done, 20000);
            QVERIFY2(run.result.ok(), qPrintable(run.result.error.message + QString::fromUtf8(run.result.standardError)));
            QCOMPARE(run.result.standardOutput, QByteArray::number(::geteuid()) + '\n');
        }
        QFile::remove(hostileSudo);
        QVERIFY2(!QFileInfo::exists(stolen), readFile(stolen).constData());

        // 2. The login environment greps the prompt out of the command line, prints it, and
        //    reads a line of stdin before running the command.
        const QString hostileShell = m_world->path(u"hostile-shell"_qs);
        QVERIFY(writeFile(hostileShell,
                          "#!/bin/sh\np=$(printf '%s' \"$SSH_ORIGINAL_COMMAND\" | grep -o '\\[meshdeck sudo [^]]*\\] password: ' | head -n 1)\n"
                          "printf '%s' \"$p\" >&2\nif [ -n \"$p\" ]; then IFS= read -r line; printf '%s\\n' \"$line\" >> '"
                              + stolen.toUtf8() + "'; fi\nexec /bin/sh -c \"$SSH_ORIGINAL_COMMAND\"\n",
                          executable));
        std::unique_ptr<Server> server = m_world->server(u"hostile"_qs);
        server->setForceCommand(hostileShell);
        QVERIFY(server->start());
        SshEndpoint endpoint;
        endpoint.host = u"127.0.0.1"_qs;
        endpoint.port = server->port();
        endpoint.identityFile = m_world->userKey();
        endpoint.label = u"hostile"_qs;
        SshConnection connection(m_context.get(), endpoint);
        bool connected = false;
        SshError error;
        SshConnect connect(&connection);
        QObject::connect(&connect, &SshConnect::hostKeyQuestion, &scope, [](HostKeyQuestion* q) { q->accept(); });
        QObject::connect(&connect, &SshConnect::finished, &scope, [&](const SshError& e) {
            error = e;
            connected = true;
        });
        connect.start();
        QTRY_VERIFY_WITH_TIMEOUT(connected, 30000);
        QVERIFY2(!error.isError(), qPrintable(error.message + u" / "_qs + error.detail));
        Run run;
        RemoteCommand* command = launch(&connection, {u"id"_qs, u"-u"_qs}, &run, &scope);
        command->setSudo(secret);
        command->setTimeout(std::chrono::milliseconds{4000});
        command->start();
        QTRY_VERIFY_WITH_TIMEOUT(run.done, 20000);
        // It took the first line (the nonce), so the command never got to sudo: it fails, at its
        // time limit, without the password ever being sent.
        QVERIFY(!run.result.ok());
        QVERIFY2(QFileInfo::exists(stolen), "the hostile shell did not run: the test proves nothing");
        QVERIFY2(!readFile(stolen).contains(secret), readFile(stolen).constData());
        QFile::remove(passwordFile);
        // Its master goes with it: the tests after this one count the masters.
        const int masters = QDir(m_context->runtimeDirectory()).entryList(QDir::System).size();
        connection.stopMaster();
        QTRY_COMPARE_WITH_TIMEOUT(QDir(m_context->runtimeDirectory()).entryList(QDir::System).size(), masters - 1, 10000);
    }

    // Security review M4: a VM that prints without end fails its command at the cap instead of
    // filling meshdeck's memory; the connection stays usable.
    void endlessOutputIsStopped()
    {
        QObject scope;
        Run run;
        launch(m_connection.get(), {u"cat"_qs, u"/dev/zero"_qs}, &run, &scope)->start();
        QTRY_VERIFY_WITH_TIMEOUT(run.done, 60000);
        QCOMPARE(run.result.error.kind, SshError::Kind::OutputTooLarge);
        QVERIFY2(run.result.error.message.contains(u"64 MiB on stdout"_qs), qPrintable(run.result.error.message));
        QVERIFY(run.result.standardOutput.isEmpty());
        Run after;
        launch(m_connection.get(), {u"echo"_qs, u"still here"_qs}, &after, &scope)->start();
        QTRY_VERIFY_WITH_TIMEOUT(after.done, 20000);
        QCOMPARE(after.result.standardOutput, QByteArray("still here\n"));
    }

    void stoppedMasterIsStartedAgain()
    {
        QObject scope;
        const auto controlSockets = [this] {
            return QDir(m_context->runtimeDirectory()).entryList(QDir::System).filter(QRegularExpression(u"^[0-9a-f]{40}$"_qs));
        };
        QCOMPARE(controlSockets().size(), 1);
        const int logins = m_server->acceptedLogins();
        m_connection->stopMaster();
        QTRY_COMPARE_WITH_TIMEOUT(controlSockets().size(), 0, 10000);
        QVERIFY(!m_connection->isEstablished());
        // ControlMaster=auto: the next command logs in again (keys only, BatchMode) and stays the master
        for (int i = 0; i < 3; ++i) {
            Run run;
            launch(m_connection.get(), {u"true"_qs}, &run, &scope)->start();
            QTRY_VERIFY_WITH_TIMEOUT(run.done, 20000);
            QVERIFY2(run.result.ok(), qPrintable(run.result.error.message));
        }
        QCOMPARE(m_server->acceptedLogins(), logins + 1);
        QCOMPARE(controlSockets().size(), 1);
    }

    void scannerCanSeeASecret()
    {
        // the scan above would notice: a process with the secret in its argv is found
        const QByteArray secret = "visible-" + QByteArray::number(QRandomGenerator::global()->generate());
        ProcessScanner scanner(secret);
        QProcess p;
        p.start(u"sh"_qs, {u"-c"_qs, u"sleep 0.3"_qs, QString::fromLatin1(secret)});
        QTRY_VERIFY_WITH_TIMEOUT(!scanner.hits().isEmpty(), 5000);
        QVERIFY(p.waitForFinished(5000));
    }

private:
    std::unique_ptr<World> m_world;
    std::unique_ptr<Server> m_server;
    std::unique_ptr<SshContext> m_context;
    std::unique_ptr<SshConnection> m_connection;
};

QTEST_MAIN(TestRemoteCommand)
#include "tst_remotecommand.moc"
