// SPDX-License-Identifier: Apache-2.0
// Host keys against a real sshd on 127.0.0.1 (HostKeyCheck through SshConnect): an unknown key
// becomes a question with the fingerprint computed here from the server's public key file;
// accepting writes known_hosts (hashed when the config says so) and the login works; rejecting
// writes nothing and logs in nowhere; a changed key is a hard stop naming both fingerprints;
// a ProxyJump hop is asked about before the VM behind it; a jump host whose key changed is a hard
// stop too, even when the user's ssh_config says StrictHostKeyChecking no for it (security
// review M3).
#include "hostkeycheck.h"
#include "remotecommand.h"
#include "sshconnect.h"
#include "sshconnection.h"
#include "sshdfixture.h"

#include <QTest>

using namespace SshdFixture;

namespace {

struct Asked
{
    QString host;
    QString fingerprint;
    QString type;
    QString file;
    bool jump = false;
};

struct ConnectOutcome
{
    bool done = false;
    SshError error;
    QList<Asked> asked;
};

// Runs SshConnect, answering every host key question with `accept` (later, as a dialog would).
ConnectOutcome connectTo(SshConnection* connection, bool accept)
{
    ConnectOutcome outcome;
    SshConnect op(connection);
    QObject::connect(&op, &SshConnect::hostKeyQuestion, &op, [&outcome, accept](HostKeyQuestion* question) {
        outcome.asked.append({question->host(), question->fingerprint(), question->keyType(),
                              question->knownHostsFile(), question->isJumpHost()});
        QTimer::singleShot(10, question, [question, accept] { accept ? question->accept() : question->reject(); });
    });
    QObject::connect(&op, &SshConnect::finished, &op, [&outcome](const SshError& error) {
        outcome.error = error;
        outcome.done = true;
    });
    op.start();
    if (!QTest::qWaitFor([&] { return outcome.done; }, 40000))
        qWarning("SshConnect did not finish");
    return outcome;
}

CommandResult runCommand(SshConnection* connection, const QStringList& argv)
{
    CommandResult result;
    bool done = false;
    RemoteCommand command(connection, argv);
    QObject::connect(&command, &RemoteCommand::finished, &command, [&](const CommandResult& r) {
        result = r;
        done = true;
    });
    command.start();
    if (!QTest::qWaitFor([&] { return done; }, 40000))
        qWarning("RemoteCommand did not finish");
    return result;
}

SshEndpoint endpointFor(const Server& server, const QString& identity)
{
    SshEndpoint endpoint;
    endpoint.host = u"127.0.0.1"_qs;
    endpoint.port = server.port();
    endpoint.user = QString::fromLocal8Bit(qgetenv("USER").isEmpty() ? "root" : qgetenv("USER"));
    endpoint.identityFile = identity;
    endpoint.label = u"vm-under-test"_qs;
    return endpoint;
}

bool sockets(const QString& dir)
{
    const QFileInfoList entries = QDir(dir).entryInfoList(QDir::System | QDir::Files);
    return std::any_of(entries.cbegin(), entries.cend(), [](const QFileInfo& i) {
        return QRegularExpression(u"^[0-9a-f]{40}$"_qs).match(i.fileName()).hasMatch();
    });
}

} // namespace

class TestHostKeyCheck final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString why;
        if (!available(&why))
            QSKIP(qPrintable(why));
    }

    void init()
    {
        m_world = std::make_unique<World>();
        QVERIFY(m_world->setUp(true));
        m_server = m_world->server(u"vm"_qs);
        QVERIFY(m_server->start());
    }

    void cleanup()
    {
        m_server.reset();
        m_world.reset();
    }

    void unknownKeyAcceptedIsWrittenHashed()
    {
        SshContext context(m_world->options());
        QVERIFY2(context.isValid(), qPrintable(context.errorString()));
        SshConnection connection(&context, endpointFor(*m_server, m_world->userKey()));
        const ConnectOutcome outcome = connectTo(&connection, true);
        QVERIFY(outcome.done);
        QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.message + u" / "_qs + outcome.error.detail));
        QCOMPARE(outcome.asked.size(), 1);
        const QString name = u"[127.0.0.1]:%1"_qs.arg(m_server->port());
        QCOMPARE(outcome.asked[0].host, name);
        QCOMPARE(outcome.asked[0].fingerprint, m_server->fingerprint());
        QCOMPARE(outcome.asked[0].type, u"ED25519"_qs);
        QCOMPARE(outcome.asked[0].file, m_world->knownHosts());
        QVERIFY(!outcome.asked[0].jump);

        // one hashed line holding the server's key, and no trace of the address in clear
        const QByteArray known = readFile(m_world->knownHosts());
        QCOMPARE(known.count('\n'), 1);
        QVERIFY2(known.startsWith("|1|"), known.constData());
        QVERIFY(!known.contains("127.0.0.1"));
        QVERIFY(known.contains(m_server->hostPublicKey().split(' ').value(1)));
        QByteArray found;
        QVERIFY(run(u"ssh-keygen"_qs, {u"-F"_qs, name, u"-f"_qs, m_world->knownHosts()}, &found));
        QVERIFY(!QFileInfo::exists(m_world->knownHosts() + u".old"_qs));

        QVERIFY(connection.isEstablished());
        QVERIFY(sockets(context.runtimeDirectory()));
        const CommandResult hello = runCommand(&connection, {u"echo"_qs, u"hello"_qs});
        QVERIFY2(hello.ok(), qPrintable(hello.error.message + QString::fromUtf8(hello.standardError)));
        QCOMPARE(hello.standardOutput, QByteArray("hello\n"));

        // known now: a new context asks nothing
        SshContext second(m_world->options());
        SshConnection again(&second, endpointFor(*m_server, m_world->userKey()));
        const ConnectOutcome repeat = connectTo(&again, false);
        QVERIFY2(!repeat.error.isError(), qPrintable(repeat.error.message));
        QCOMPARE(repeat.asked.size(), 0);
    }

    void unknownKeyAcceptedPlainWithoutHashing()
    {
        QVERIFY(m_world->setHashKnownHosts(false));
        SshContext context(m_world->options());
        SshConnection connection(&context, endpointFor(*m_server, {}));
        const ConnectOutcome outcome = connectTo(&connection, true);
        QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.message + u" / "_qs + outcome.error.detail));
        const QByteArray expected = "[127.0.0.1]:" + QByteArray::number(m_server->port()) + ' '
            + m_server->hostPublicKey().split(' ').mid(0, 2).join(' ') + '\n';
        QCOMPARE(readFile(m_world->knownHosts()), expected);
    }

    void existingHashedEntryIsKnown()
    {
        // an entry hashed by ssh-keygen itself, as users' Debian known_hosts files are
        const QByteArray line = "[127.0.0.1]:" + QByteArray::number(m_server->port()) + ' '
            + m_server->hostPublicKey().split(' ').mid(0, 2).join(' ') + '\n';
        QVERIFY(writeFile(m_world->knownHosts(), "other.example ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFQQWjjEvYVaM+cBrBSmyAtIENDy9yjBggDHawf7A+sR\n" + line));
        QVERIFY(run(u"ssh-keygen"_qs, {u"-H"_qs, u"-f"_qs, m_world->knownHosts()}));
        QVERIFY(!readFile(m_world->knownHosts()).contains("127.0.0.1"));
        const QByteArray before = readFile(m_world->knownHosts());
        SshContext context(m_world->options());
        SshConnection connection(&context, endpointFor(*m_server, m_world->userKey()));
        const ConnectOutcome outcome = connectTo(&connection, false);
        QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.message + u" / "_qs + outcome.error.detail));
        QCOMPARE(outcome.asked.size(), 0);
        QCOMPARE(readFile(m_world->knownHosts()), before);
    }

    void rejectedKeyWritesNothing()
    {
        SshContext context(m_world->options());
        SshConnection connection(&context, endpointFor(*m_server, m_world->userKey()));
        const ConnectOutcome outcome = connectTo(&connection, false);
        QVERIFY(outcome.done);
        QCOMPARE(outcome.asked.size(), 1);
        QCOMPARE(outcome.error.kind, SshError::Kind::HostKeyRejected);
        QCOMPARE(outcome.error.offeredFingerprint, m_server->fingerprint());
        QVERIFY(outcome.error.message.contains(m_server->fingerprint()));
        QVERIFY(!QFileInfo::exists(m_world->knownHosts()));
        QVERIFY(!connection.isEstablished());
        QVERIFY(!sockets(context.runtimeDirectory()));
        // the capture offered no credentials at all, so nobody logged in
        QCOMPARE(m_server->acceptedLogins(), 0);
        QVERIFY(!m_server->log().contains("Failed publickey"));
        // and a command (strict checking) refuses the unknown host on its own
        const CommandResult refused = runCommand(&connection, {u"true"_qs});
        QCOMPARE(refused.error.kind, SshError::Kind::HostKeyUnknown);
        QVERIFY(!QFileInfo::exists(m_world->knownHosts()));
    }

    void changedKeyIsAHardStop()
    {
        const QString oldFingerprint = m_server->fingerprint();
        {
            SshContext context(m_world->options());
            SshConnection connection(&context, endpointFor(*m_server, m_world->userKey()));
            QVERIFY(!connectTo(&connection, true).error.isError());
        }
        const QByteArray before = readFile(m_world->knownHosts());
        const int port = m_server->port();
        m_server->stop();
        QVERIFY(m_server->newHostKey());
        QVERIFY(m_server->start(port));
        const QString newFingerprint = m_server->fingerprint();
        QVERIFY(oldFingerprint != newFingerprint);

        SshContext context(m_world->options());
        SshConnection connection(&context, endpointFor(*m_server, m_world->userKey()));
        const int loginsBefore = m_server->acceptedLogins();
        const ConnectOutcome outcome = connectTo(&connection, true);
        QVERIFY(outcome.done);
        QCOMPARE(outcome.asked.size(), 0); // never a question, whatever the caller would answer
        QCOMPARE(outcome.error.kind, SshError::Kind::HostKeyChanged);
        QCOMPARE(outcome.error.knownFingerprints, QStringList{oldFingerprint});
        QCOMPARE(outcome.error.offeredFingerprint, newFingerprint);
        QCOMPARE(outcome.error.host, u"[127.0.0.1]:%1"_qs.arg(port));
        QVERIFY2(outcome.error.message.contains(oldFingerprint) && outcome.error.message.contains(newFingerprint),
                 qPrintable(outcome.error.message));
        QVERIFY(outcome.error.knownHostsLocation.startsWith(m_world->knownHosts() + u':'));
        QCOMPARE(readFile(m_world->knownHosts()), before);
        QCOMPARE(m_server->acceptedLogins(), loginsBefore);
        QVERIFY(!connection.isEstablished());
    }

    void jumpHostIsAskedAboutFirst()
    {
        auto bastion = m_world->server(u"bastion"_qs);
        QVERIFY(bastion->start());
        SshEndpoint endpoint = endpointFor(*m_server, m_world->userKey());
        endpoint.jumpHost = endpoint.user + u"@127.0.0.1:"_qs + QString::number(bastion->port());
        SshContext context(m_world->options());
        SshConnection connection(&context, endpoint);
        const ConnectOutcome outcome = connectTo(&connection, true);
        QVERIFY2(!outcome.error.isError(), qPrintable(outcome.error.message + u" / "_qs + outcome.error.detail));
        QCOMPARE(outcome.asked.size(), 2);
        QVERIFY(outcome.asked[0].jump);
        QCOMPARE(outcome.asked[0].host, u"[127.0.0.1]:%1"_qs.arg(bastion->port()));
        QCOMPARE(outcome.asked[0].fingerprint, bastion->fingerprint());
        QVERIFY(!outcome.asked[1].jump);
        QCOMPARE(outcome.asked[1].fingerprint, m_server->fingerprint());
        QCOMPARE(readFile(m_world->knownHosts()).count('\n'), 2);

        const CommandResult where = runCommand(&connection, {u"sh"_qs, u"-c"_qs, u"echo $SSH_CONNECTION"_qs});
        QVERIFY2(where.ok(), qPrintable(where.error.message));
        // the VM saw the connection arrive through the bastion's forward, to its own port
        QVERIFY2(where.standardOutput.trimmed().endsWith(QByteArray(' ' + QByteArray::number(m_server->port()))),
                 where.standardOutput.constData());
        QVERIFY(bastion->acceptedLogins() >= 1);
        QVERIFY(bastion->log().contains("127.0.0.1"));
    }

    void vmsBehindOneBastionWriteItsKeyOnce()
    {
        auto bastion = m_world->server(u"bastion"_qs);
        QVERIFY(bastion->start());
        auto second = m_world->server(u"vm2"_qs);
        QVERIFY(second->start());
        SshContext context(m_world->options());
        std::vector<std::unique_ptr<SshConnection>> connections;
        for (const Server* server : {m_server.get(), second.get()}) {
            SshEndpoint endpoint = endpointFor(*server, m_world->userKey());
            endpoint.jumpHost = u"127.0.0.1:"_qs + QString::number(bastion->port());
            connections.push_back(std::make_unique<SshConnection>(&context, endpoint));
        }
        // both at once, as the onboarding engine runs VMs in parallel
        QList<Asked> asked;
        int finished = 0;
        QList<SshError> errors;
        QObject scope;
        for (const auto& connection : connections) {
            auto* op = new SshConnect(connection.get(), &scope);
            connect(op, &SshConnect::hostKeyQuestion, &scope, [&asked](HostKeyQuestion* q) {
                asked.append({q->host(), q->fingerprint(), q->keyType(), q->knownHostsFile(), q->isJumpHost()});
                QTimer::singleShot(10, q, [q] { q->accept(); });
            });
            connect(op, &SshConnect::finished, &scope, [&](const SshError& e) {
                errors.append(e);
                ++finished;
            });
            op->start();
        }
        QTRY_COMPARE_WITH_TIMEOUT(finished, 2, 40000);
        for (const SshError& e : std::as_const(errors))
            QVERIFY2(!e.isError(), qPrintable(e.message + u" / "_qs + e.detail));
        // the bastion may have been asked about twice (both asked before either answer), but
        // its key is in known_hosts once, next to the two VMs'
        const QByteArray known = readFile(m_world->knownHosts());
        QCOMPARE(known.count('\n'), 3);
        QCOMPARE(known.count(bastion->hostPublicKey().split(' ').value(1)), 1);
        const qsizetype bastionQuestions = std::count_if(asked.cbegin(), asked.cend(), [](const Asked& a) { return a.jump; });
        qInfo("bastion questions: %d", int(bastionQuestions));
        QVERIFY(bastionQuestions >= 1 && bastionQuestions <= 2);
        QCOMPARE(asked.size() - bastionQuestions, 2);
    }

    void rejectedJumpHostStopsBeforeTheVm()
    {
        auto bastion = m_world->server(u"bastion"_qs);
        QVERIFY(bastion->start());
        SshEndpoint endpoint = endpointFor(*m_server, m_world->userKey());
        endpoint.jumpHost = u"127.0.0.1:"_qs + QString::number(bastion->port());
        SshContext context(m_world->options());
        SshConnection connection(&context, endpoint);
        const ConnectOutcome outcome = connectTo(&connection, false);
        QCOMPARE(outcome.error.kind, SshError::Kind::HostKeyRejected);
        QCOMPARE(outcome.asked.size(), 1);
        QVERIFY(outcome.asked[0].jump);
        QVERIFY(!QFileInfo::exists(m_world->knownHosts()));
        QCOMPARE(m_server->log().count("Connection from"), 0);
    }

    void changedJumpHostKeyIsAHardStop()
    {
        // The user's ssh_config trusts the bastion blindly; the VM is reached with -J jump.
        auto bastion = m_world->server(u"bastion"_qs);
        QVERIFY(bastion->start());
        const QString user = endpointFor(*m_server, {}).user;
        QVERIFY(prependToConfig("Host jump\n  HostName 127.0.0.1\n  Port " + QByteArray::number(bastion->port())
                                + "\n  StrictHostKeyChecking no\n"));
        SshEndpoint endpoint = endpointFor(*m_server, m_world->userKey());
        endpoint.jumpHost = user + u"@jump"_qs;
        const QString bastionName = u"[127.0.0.1]:%1"_qs.arg(bastion->port());
        const QString oldFingerprint = bastion->fingerprint();
        {
            SshContext context(m_world->options());
            SshConnection connection(&context, endpoint);
            const ConnectOutcome first = connectTo(&connection, true);
            QVERIFY2(!first.error.isError(), qPrintable(first.error.message + u" / "_qs + first.error.detail));
            QCOMPARE(first.asked.size(), 2); // the bastion, then the VM
        }
        QVERIFY(changeHostKey(bastion.get()));
        const QString newFingerprint = bastion->fingerprint();

        const QByteArray before = readFile(m_world->knownHosts());
        const qsizetype vmConnections = m_server->log().count("Connection from");
        const int bastionLogins = bastion->acceptedLogins();
        SshContext context(m_world->options());
        SshConnection connection(&context, endpoint);
        const ConnectOutcome outcome = connectTo(&connection, true);
        QVERIFY(outcome.done);
        QCOMPARE(outcome.asked.size(), 0);
        QVERIFY2(outcome.error.kind == SshError::Kind::HostKeyChanged,
                 qPrintable(outcome.error.message + u" / "_qs + outcome.error.detail));
        QCOMPARE(outcome.error.host, bastionName);
        QCOMPARE(outcome.error.offeredFingerprint, newFingerprint);
        QCOMPARE(outcome.error.knownFingerprints, QStringList{oldFingerprint});
        QVERIFY2(outcome.error.message.contains(u"jump host "_qs + bastionName)
                     && outcome.error.message.contains(newFingerprint),
                 qPrintable(outcome.error.message));
        QVERIFY(!connection.isEstablished());
        QCOMPARE(readFile(m_world->knownHosts()), before);
        // nobody logged in to the substituted bastion, and nothing reached the VM behind it
        QCOMPARE(bastion->acceptedLogins(), bastionLogins);
        QCOMPARE(m_server->log().count("Connection from"), vmConnections);
        // and a later command does not get through either
        const CommandResult refused = runCommand(&connection, {u"true"_qs});
        QVERIFY(refused.error.isError());
        QCOMPARE(m_server->log().count("Connection from"), vmConnections);
    }

    void everySshIsStrictWhateverTheConfigSays()
    {
        // The ssh OpenSSH starts for a ProxyJump hop gets -F but no -o: meshdeck's ssh_config
        // (what -F names) makes it strict over the user's `StrictHostKeyChecking no`, and the
        // user's settings still apply.
        QVERIFY(prependToConfig("Host jump\n  HostName 127.0.0.1\n  Port 2222\n  StrictHostKeyChecking no\n"));
        SshContext context(m_world->options());
        QVERIFY2(context.isValid(), qPrintable(context.errorString()));
        QCOMPARE(context.baseArguments().mid(0, 2), (QStringList{u"-F"_qs, context.configFile()}));
        QVERIFY(context.configFile().startsWith(context.runtimeDirectory() + u'/'));
        QCOMPARE(QFileInfo(context.configFile()).permissions() & (QFile::ReadGroup | QFile::ReadOther), QFile::Permissions{});
        QByteArray resolved;
        QVERIFY(run(u"ssh"_qs, {u"-F"_qs, context.configFile(), u"-G"_qs, u"jump"_qs}, &resolved));
        QVERIFY2(resolved.contains("\nstricthostkeychecking true\n"), resolved.constData());
        QVERIFY(resolved.contains("\nhostname 127.0.0.1\n") && resolved.contains("\nport 2222\n"));
        QVERIFY(resolved.contains(QByteArray("\nuserknownhostsfile " + m_world->knownHosts().toUtf8())));
        // a configuration file that is not there is an error, as ssh -F made it
        SshOptions missing = m_world->options();
        missing.configFile = m_world->path(u"no-such-config"_qs);
        SshContext broken(missing);
        QVERIFY(!broken.isValid());
        QVERIFY2(broken.errorString().contains(missing.configFile), qPrintable(broken.errorString()));
    }

private:
    bool prependToConfig(const QByteArray& lines) const
    {
        return writeFile(m_world->configFile(), lines + readFile(m_world->configFile()));
    }

    static bool changeHostKey(Server* server)
    {
        const QString before = server->fingerprint();
        const int port = server->port();
        server->stop();
        return server->newHostKey() && server->start(port) && server->fingerprint() != before;
    }

    std::unique_ptr<World> m_world;
    std::unique_ptr<Server> m_server;
};

QTEST_MAIN(TestHostKeyCheck)
#include "tst_hostkeycheck.moc"
