// SPDX-License-Identifier: Apache-2.0
// meshdeck's askpass channel against a real sshd on 127.0.0.1: the key passphrase of an
// encrypted identity is asked through AskpassServer (this test binary plays `meshdeck
// --askpass`, exactly as app/ will), reaches ssh and logs in, and never shows up in a process's
// command line or environment or in a log; wrong or refused answers fail the login; a canceled
// login withdraws the question; a wrong or revoked cookie gets nothing; the time a person takes to
// answer is not counted against the login timeout (security review L12).
#include "askpass.h"
#include "hostkeycheck.h"
#include "remotecommand.h"
#include "sshconnect.h"
#include "sshconnection.h"
#include "sshdfixture.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTest>

using namespace SshdFixture;

namespace {

const QByteArray passphrase = "p@ss phrase 'quoted' $(touch /tmp/never) \xc3\xa9";

struct Login
{
    bool done = false;
    SshError error;
    QStringList prompts;
    QStringList labels;
};

} // namespace

class TestAskpass final : public QObject
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
        m_key = m_world->path(u"encrypted_key"_qs);
        QVERIFY(run(u"ssh-keygen"_qs, {u"-q"_qs, u"-t"_qs, u"ed25519"_qs, u"-N"_qs, QString::fromUtf8(passphrase),
                                       u"-C"_qs, u"encrypted"_qs, u"-f"_qs, m_key}));
        // only the encrypted key may log in, so nothing else can stand in for the passphrase
        QVERIFY(writeFile(m_world->authorizedKeys(), readFile(m_key + u".pub"_qs)));
        m_server = m_world->server(u"vm"_qs);
        QVERIFY(m_server->start());
    }

    void passphraseTravelsOnlyThroughTheChannel()
    {
        LogCapture logs;
        ProcessScanner scanner(passphrase);
        SshContext context(options());
        QVERIFY2(context.isValid(), qPrintable(context.errorString()));
        QVERIFY(!readFile(context.runtimeDirectory() + u"/askpass"_qs).contains(passphrase));
        SshConnection connection(&context, endpoint());
        const Login login = connectAnswering(&connection, {passphrase});
        QVERIFY2(!login.error.isError(), qPrintable(login.error.message + u" / "_qs + login.error.detail));
        QCOMPARE(login.prompts.size(), 1);
        QVERIFY2(login.prompts[0].contains(u"passphrase"_qs) && login.prompts[0].contains(m_key), qPrintable(login.prompts[0]));
        QCOMPARE(login.labels, QStringList{u"vm1"_qs});
        QCOMPARE(m_server->acceptedLogins(), 1);

        // commands over the master need no second answer
        bool done = false;
        CommandResult result;
        RemoteCommand command(&connection, {u"echo"_qs, u"in"_qs});
        connect(&command, &RemoteCommand::finished, this, [&](const CommandResult& r) {
            result = r;
            done = true;
        });
        command.start();
        QTRY_VERIFY_WITH_TIMEOUT(done, 20000);
        QVERIFY(result.ok());
        QCOMPARE(m_server->acceptedLogins(), 1);

        scanner.scan();
        QVERIFY(scanner.scans() > 5 && scanner.filesRead() > 0);
        QVERIFY2(scanner.hits().isEmpty(), qPrintable(scanner.hits().join(u'\n')));
        QVERIFY(!LogCapture::lines().isEmpty());
        QVERIFY(!LogCapture::lines().join(u'\n').contains(QString::fromUtf8(passphrase)));
        QVERIFY(!m_server->log().contains(passphrase));
        QVERIFY(!QFileInfo::exists(u"/tmp/never"_qs));
    }

    void wrongPassphraseFailsTheLogin()
    {
        SshContext context(options());
        SshConnection connection(&context, endpoint());
        const Login login = connectAnswering(&connection, {"wrong", "still wrong", "no", "no", "no", "no"});
        QCOMPARE(login.error.kind, SshError::Kind::AuthenticationFailed);
        QVERIFY(login.prompts.size() >= 1 && login.prompts.size() <= 6);
        QVERIFY(!connection.isEstablished());
    }

    void refusedQuestionFailsTheLogin()
    {
        SshContext context(options());
        SshConnection connection(&context, endpoint());
        const Login login = connectAnswering(&connection, {});
        QCOMPARE(login.error.kind, SshError::Kind::AuthenticationFailed);
        QVERIFY(login.prompts.size() >= 1);
    }

    void cancelWithdrawsTheQuestion()
    {
        SshContext context(options());
        SshConnection connection(&context, endpoint());
        SshConnect connect(&connection);
        QPointer<PasswordQuestion> open;
        bool withdrawn = false;
        bool finished = false;
        QObject::connect(&connect, &SshConnect::hostKeyQuestion, this, [](HostKeyQuestion* q) { q->accept(); });
        QObject::connect(&connect, &SshConnect::passwordQuestion, this, [&](PasswordQuestion* q) {
            open = q;
            QObject::connect(q, &PasswordQuestion::withdrawn, this, [&withdrawn] { withdrawn = true; });
        });
        QObject::connect(&connect, &SshConnect::finished, this, [&](const SshError& e) {
            finished = true;
            QCOMPARE(e.kind, SshError::Kind::Canceled);
        });
        connect.start();
        QTRY_VERIFY_WITH_TIMEOUT(open, 20000);
        connect.cancel();
        QVERIFY(finished);
        QVERIFY(withdrawn);
        // the askpass process (this binary with --askpass) does not hang on
        QTRY_COMPARE_WITH_TIMEOUT(askpassProcesses(), 0, 5000);
    }

    void slowAnswerDoesNotCountAgainstTheLoginTimeout()
    {
        // A person types the passphrase after more than twice the connect timeout.
        SshOptions slow = options();
        slow.connectTimeout = std::chrono::milliseconds{3000};
        SshContext context(slow);
        SshConnection connection(&context, endpoint());
        QElapsedTimer clock;
        clock.start();
        const Login login = connectAnswering(&connection, {passphrase}, 7000);
        QVERIFY2(!login.error.isError(), qPrintable(login.error.message + u" / "_qs + login.error.detail));
        QVERIFY(clock.elapsed() >= 7000);
        QCOMPARE(login.prompts.size(), 1);
        QVERIFY(connection.isEstablished());
    }

    void wrongOrRevokedCookieGetsNothing()
    {
        SshContext context(options());
        AskpassServer* server = context.askpass();
        QVERIFY(server);
        int questions = 0;
        connect(server, &AskpassServer::passwordRequested, this, [&questions](PasswordQuestion* q) {
            ++questions;
            q->answer(passphrase);
        });
        const int ticket = server->issueTicket(u"vm1"_qs, 1);
        QProcessEnvironment environment = context.environment();
        server->addToEnvironment(&environment, ticket);
        QVERIFY(environment.value(u"SSH_ASKPASS"_qs).startsWith(context.runtimeDirectory()));
        QCOMPARE(environment.value(u"SSH_ASKPASS_REQUIRE"_qs), u"force"_qs);
        QVERIFY(!environment.value(u"DISPLAY"_qs).isEmpty());

        QByteArray out;
        int code = askpass(environment, &out);
        QCOMPARE(code, 0); // the right cookie, once
        QCOMPARE(out, passphrase + '\n');
        QCOMPARE(askpass(environment, &out), 1); // used up (maxPrompts 1)
        QVERIFY(out.isEmpty());

        QProcessEnvironment forged = environment;
        forged.insert(u"MESHDECK_ASKPASS_COOKIE"_qs, QString(64, u'a'));
        QCOMPARE(askpass(forged, &out), 1);
        QVERIFY(out.isEmpty());

        const int second = server->issueTicket(u"vm2"_qs);
        QProcessEnvironment revoked = context.environment();
        server->addToEnvironment(&revoked, second);
        server->revokeTicket(second);
        QCOMPARE(askpass(revoked, &out), 1);
        QCOMPARE(askpass(context.environment(), &out), 1); // no channel at all
        QCOMPARE(questions, 1);
    }

private:
    SshOptions options() const
    {
        SshOptions options = m_world->options();
        options.askpassProgram = QCoreApplication::applicationFilePath();
        return options;
    }

    SshEndpoint endpoint() const
    {
        SshEndpoint endpoint;
        endpoint.host = u"127.0.0.1"_qs;
        endpoint.port = m_server->port();
        endpoint.identityFile = m_key;
        endpoint.label = u"vm1"_qs;
        return endpoint;
    }

    // Connects, accepting host keys and answering password questions from `answers` in turn
    // (refusing once they run out), later, as a dialog would.
    Login connectAnswering(SshConnection* connection, QList<QByteArray> answers, int answerAfterMs = 20)
    {
        Login login;
        SshConnect connect(connection);
        QObject::connect(&connect, &SshConnect::hostKeyQuestion, this, [](HostKeyQuestion* q) { q->accept(); });
        QObject::connect(&connect, &SshConnect::passwordQuestion, this, [&login, &answers, answerAfterMs](PasswordQuestion* q) {
            login.prompts.append(q->prompt());
            login.labels.append(q->label());
            const QByteArray answer = answers.isEmpty() ? QByteArray() : answers.takeFirst();
            QPointer<PasswordQuestion> question(q);
            QTimer::singleShot(answerAfterMs, q, [question, answer] {
                if (!question)
                    return;
                answer.isEmpty() ? question->reject() : question->answer(answer);
            });
        });
        QObject::connect(&connect, &SshConnect::finished, this, [&login](const SshError& e) {
            login.error = e;
            login.done = true;
        });
        connect.start();
        if (!QTest::qWaitFor([&login] { return login.done; }, 40000))
            qWarning("login did not finish");
        return login;
    }

    static int askpass(const QProcessEnvironment& environment, QByteArray* out)
    {
        QProcess p;
        p.setProcessEnvironment(environment);
        p.start(QCoreApplication::applicationFilePath(), {u"--askpass"_qs, u"Password: "_qs});
        // The server lives in this thread: keep the event loop turning while the helper asks.
        if (!QTest::qWaitFor([&p] { return p.state() == QProcess::NotRunning; }, 20000))
            return -1;
        *out = p.readAllStandardOutput();
        return p.exitCode();
    }

    static int askpassProcesses()
    {
        int count = 0;
        const QStringList pids = QDir(u"/proc"_qs).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString& pid : pids) {
            const QByteArray cmdline = readFile(u"/proc/"_qs + pid + u"/cmdline"_qs);
            if (cmdline.contains("tst_askpass") && cmdline.contains("--askpass"))
                ++count;
        }
        return count;
    }

    std::unique_ptr<World> m_world;
    std::unique_ptr<Server> m_server;
    QString m_key;
};

// This binary is also the askpass helper, as the meshdeck binary will be: ssh runs it (through
// the runtime dir's wrapper) as `<binary> --askpass <prompt>`.
int main(int argc, char* argv[])
{
    if (argc >= 2 && qstrcmp(argv[1], "--askpass") == 0) {
        QCoreApplication app(argc, argv);
        return runAskpassClient(argc >= 3 ? QString::fromLocal8Bit(argv[2]) : QString());
    }
    QCoreApplication app(argc, argv);
    TestAskpass test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_askpass.moc"
