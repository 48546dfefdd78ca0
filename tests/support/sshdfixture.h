// SPDX-License-Identifier: Apache-2.0
#pragma once

// A real OpenSSH server on 127.0.0.1 for the ssh/ tests, started by the test itself: its own
// generated host key, AuthorizedKeysFile pointing at a generated test key, the current user
// (root here: PermitRootLogin prohibit-password, for this sshd only), and a temporary HOME with
// its own ssh config and known_hosts, passed with -F, so the developer's files are never read or
// touched (ssh takes ~ from the passwd entry, not $HOME, which is why -F is needed).
// `sudo` on the remote side is a stand-in script at an absolute path (SshOptions::sudoProgram,
// as /usr/bin/sudo is on a VM): it speaks sudo -S -p's protocol and wording, and never puts the
// password anywhere but its stdin. fakebin/, first in PATH (sshd SetEnv), is where a test plants
// a hostile program of the same name.

#include "sshcontext.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QLoggingCategory>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <memory>

#include <csignal>

#include <sys/prctl.h>
#include <unistd.h>

namespace SshdFixture {

inline const QString sshdProgram = u"/usr/sbin/sshd"_qs;

inline bool available(QString* why)
{
    if (!QFileInfo(sshdProgram).isExecutable()) {
        *why = u"no /usr/sbin/sshd: install openssh-server (scripts/install-deps --test)"_qs;
        return false;
    }
    return true;
}

inline bool run(const QString& program, const QStringList& args, QByteArray* out = nullptr, const QByteArray& input = {})
{
    QProcess p;
    p.start(program, args);
    if (!p.waitForStarted(10000))
        return false;
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(30000))
        return false;
    if (out)
        *out = p.readAllStandardOutput();
    if (p.exitCode() != 0)
        qWarning("%s failed: %s", qPrintable(program), p.readAllStandardError().constData());
    return p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

inline bool writeFile(const QString& path, const QByteArray& content, QFile::Permissions permissions = {})
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate) || f.write(content) != content.size())
        return false;
    f.close();
    return permissions == QFile::Permissions{} || QFile::setPermissions(path, permissions);
}

inline QByteArray readFile(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/*! SHA256 fingerprint of an OpenSSH public key line, computed here from the key blob (RFC 4253
 *  wire format, base64 in the .pub file): SHA256 over the blob, base64 without padding. */
inline QString fingerprintOf(const QByteArray& publicKeyLine)
{
    const QByteArray blob = QByteArray::fromBase64(publicKeyLine.split(' ').value(1));
    QByteArray digest = QCryptographicHash::hash(blob, QCryptographicHash::Sha256).toBase64();
    while (digest.endsWith('='))
        digest.chop(1);
    return u"SHA256:"_qs + QString::fromLatin1(digest);
}

inline const char fakeSudo[] = R"(#!/bin/sh
# Stand-in for sudo: the -S -p protocol and messages of sudo 1.9; runs the command as is.
prompt="Password: "; stdin=0; nonint=0
while [ $# -gt 0 ]; do
  case "$1" in
    -S) stdin=1; shift;;
    -n) nonint=1; shift;;
    -p) prompt="$2"; shift 2;;
    -u) shift 2;;
    --) shift; break;;
    -*) echo "sudo: unknown option $1" >&2; exit 1;;
    *) break;;
  esac
done
if [ -f "@DIR@/sudo-password" ]; then
  if [ $nonint = 1 ]; then echo "sudo: a password is required" >&2; exit 1; fi
  if [ $stdin = 0 ]; then echo "sudo: a terminal is required to read the password" >&2; exit 1; fi
  expected=$(cat "@DIR@/sudo-password")
  tries=0
  while :; do
    printf '%s' "$prompt" >&2
    if ! IFS= read -r answer; then echo >&2; echo "sudo: no password was provided" >&2; exit 1; fi
    [ "$answer" = "$expected" ] && break
    tries=$((tries+1))
    echo "Sorry, try again." >&2
    if [ $tries -ge 3 ]; then echo "sudo: 3 incorrect password attempts" >&2; exit 1; fi
  done
  echo "sudo: ok" >> "@DIR@/sudo-log"
fi
exec "$@"
)";

/*! One sshd on 127.0.0.1 with its own host key. */
class Server
{
public:
    Server(const QString& dir, const QString& authorizedKeys, const QString& name)
        : m_dir(dir + u'/' + name), m_authorizedKeys(authorizedKeys)
    {
        QDir().mkpath(m_dir);
    }
    ~Server() { stop(); }

    int port() const { return m_port; }
    /*! sshd's ForceCommand (before start()): runs instead of the client's command, which it
     *  finds in $SSH_ORIGINAL_COMMAND, as a ~/.bashrc sees it in $BASH_EXECUTION_STRING. */
    void setForceCommand(const QString& command) { m_forceCommand = command; }
    QString hostKeyPath() const { return m_dir + u"/hostkey"_qs; }
    QByteArray hostPublicKey() const { return readFile(hostKeyPath() + u".pub"_qs).trimmed(); }
    QString fingerprint() const { return fingerprintOf(hostPublicKey()); }
    QByteArray log() const { return readFile(m_dir + u"/sshd.log"_qs); }
    int acceptedLogins() const { return int(log().count("Accepted publickey")); }

    bool newHostKey()
    {
        QFile::remove(hostKeyPath());
        QFile::remove(hostKeyPath() + u".pub"_qs);
        return run(u"ssh-keygen"_qs, {u"-q"_qs, u"-t"_qs, u"ed25519"_qs, u"-N"_qs, QString(), u"-C"_qs, u"test-host"_qs,
                                      u"-f"_qs, hostKeyPath()});
    }

    bool start(int port = 0)
    {
        if (!QFileInfo::exists(hostKeyPath()) && !newHostKey())
            return false;
        // sshd run as root insists on its privilege separation directory (the Debian unit makes it).
        if (::geteuid() == 0 && !QFileInfo::exists(u"/run/sshd"_qs))
            QDir().mkpath(u"/run/sshd"_qs);
        for (int attempt = 0; attempt < 20; ++attempt) {
            m_port = port > 0 ? port : int(QRandomGenerator::global()->bounded(20000, 60000));
            if (launch())
                return true;
            if (port > 0)
                QTest::qWait(200); // the same port again (a restart): wait for it to be free
        }
        return false;
    }

    void stop()
    {
        if (!m_process)
            return;
        m_process->kill();
        m_process->waitForFinished(5000);
        m_process.reset();
    }

private:
    bool launch()
    {
        const QByteArray config = "ListenAddress 127.0.0.1\nPort " + QByteArray::number(m_port) + "\nHostKey "
            + hostKeyPath().toUtf8() + "\nAuthorizedKeysFile " + m_authorizedKeys.toUtf8()
            + "\nPermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
              "StrictModes no\nPidFile none\nUsePAM no\nLogLevel VERBOSE\nMaxStartups 100\n"
              "SetEnv PATH=" + QFileInfo(m_dir).absolutePath().toUtf8() + "/fakebin:/usr/bin:/bin\n"
            + (m_forceCommand.isEmpty() ? QByteArray() : "ForceCommand " + m_forceCommand.toUtf8() + '\n');
        writeFile(m_dir + u"/sshd_config"_qs, config);
        m_process = std::make_unique<QProcess>();
        m_process->setStandardOutputFile(QProcess::nullDevice());
        m_process->setStandardErrorFile(m_dir + u"/sshd.log"_qs, QIODevice::Append);
        // a crashed test must not leave its sshd behind
        m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
        m_process->start(sshdProgram, {u"-D"_qs, u"-e"_qs, u"-f"_qs, m_dir + u"/sshd_config"_qs});
        if (!m_process->waitForStarted(5000))
            return false;
        for (int i = 0; i < 100; ++i) {
            if (m_process->state() != QProcess::Running)
                break;
            if (log().contains(QByteArray("Server listening on 127.0.0.1 port " + QByteArray::number(m_port))))
                return true;
            QTest::qWait(50);
        }
        stop();
        return false;
    }

    QString m_dir;
    QString m_authorizedKeys;
    QString m_forceCommand;
    int m_port = 0;
    std::unique_ptr<QProcess> m_process;
};

/*! The test's world: keys, a temporary HOME with ~/.ssh/config and known_hosts, the fake sudo. */
class World
{
public:
    bool setUp(bool hashKnownHosts = true)
    {
        if (!m_dir.isValid())
            return false;
        const QString ssh = home() + u"/.ssh"_qs;
        QDir().mkpath(ssh);
        QFile::setPermissions(ssh, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        if (!run(u"ssh-keygen"_qs, {u"-q"_qs, u"-t"_qs, u"ed25519"_qs, u"-N"_qs, QString(), u"-C"_qs, u"meshdeck-test"_qs,
                                    u"-f"_qs, userKey()}))
            return false;
        if (!writeFile(path(u"authorized_keys"_qs), readFile(userKey() + u".pub"_qs)))
            return false;
        QDir().mkpath(path(u"fakebin"_qs));
        if (!writeFile(sudoProgram(), QByteArray(fakeSudo).replace("@DIR@", m_dir.path().toUtf8()),
                       QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup | QFile::ExeGroup
                           | QFile::ReadOther | QFile::ExeOther))
            return false;
        return setHashKnownHosts(hashKnownHosts);
    }

    bool setHashKnownHosts(bool hash)
    {
        // Keys come from the plan (-i) or this IdentityFile (for jump hops, which -J gives no -i).
        const QByteArray config = "Host *\n  UserKnownHostsFile " + knownHosts().toUtf8() + "\n  GlobalKnownHostsFile "
            + path(u"global_known_hosts"_qs).toUtf8() + "\n  HashKnownHosts " + (hash ? "yes" : "no")
            + "\n  IdentityFile " + userKey().toUtf8() + "\n  IdentitiesOnly yes\n";
        return writeFile(configFile(), config);
    }

    QString path(const QString& name) const { return m_dir.filePath(name); }
    QString home() const { return m_dir.filePath(u"home"_qs); }
    QString configFile() const { return home() + u"/.ssh/config"_qs; }
    QString knownHosts() const { return home() + u"/.ssh/known_hosts"_qs; }
    QString userKey() const { return home() + u"/.ssh/id_test"_qs; }
    QString authorizedKeys() const { return m_dir.filePath(u"authorized_keys"_qs); }
    /*! The stand-in sudo, by its full path as /usr/bin/sudo is on a VM. */
    QString sudoProgram() const { return m_dir.filePath(u"sbin/sudo"_qs); }

    SshOptions options() const
    {
        SshOptions options;
        options.configFile = configFile();
        options.sudoProgram = sudoProgram();
        options.runtimeParent = QDir::tempPath();
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"HOME"_qs, home());
        environment.remove(u"SSH_AUTH_SOCK"_qs); // the developer's agent stays out of it
        options.environment = environment;
        options.connectTimeout = std::chrono::milliseconds{20'000};
        options.controlPersistSeconds = 60; // masters of a crashed test do not linger long
        return options;
    }

    std::unique_ptr<Server> server(const QString& name) const
    {
        return std::make_unique<Server>(m_dir.path(), authorizedKeys(), name);
    }

private:
    QTemporaryDir m_dir;
};

} // namespace SshdFixture

namespace SshdFixture {

/*!
 * Watches every process's command line and environment (/proc/<pid>/cmdline, environ) while
 * a test runs, for a secret that must never be there. Polls every 2 ms from the event loop.
 */
class ProcessScanner final : public QObject
{
public:
    explicit ProcessScanner(QByteArray secret)
        : m_secret(std::move(secret))
    {
        m_timer.setInterval(2);
        QObject::connect(&m_timer, &QTimer::timeout, this, [this] { scan(); });
        m_timer.start();
    }

    void scan()
    {
        ++m_scans;
        const QStringList pids = QDir(u"/proc"_qs).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
        for (const QString& pid : pids) {
            if (!pid.front().isDigit())
                continue;
            for (const char* file : {"/cmdline", "/environ"}) {
                const QByteArray content = readFile(u"/proc/"_qs + pid + QString::fromLatin1(file));
                if (!content.isEmpty())
                    ++m_read;
                if (content.contains(m_secret))
                    m_hits.append(pid + QString::fromLatin1(file) + u": "_qs
                                  + QString::fromUtf8(content).replace(QChar(0), u' ').left(200));
            }
        }
    }

    QStringList hits() const { return m_hits; }
    int scans() const { return m_scans; }
    int filesRead() const { return m_read; }

private:
    QByteArray m_secret;
    QTimer m_timer;
    QStringList m_hits;
    int m_scans = 0;
    int m_read = 0;
};

/*! Every log message of the process while alive (the ssh categories' debug output switched on). */
class LogCapture
{
public:
    LogCapture()
    {
        s_lines.clear();
        QLoggingCategory::setFilterRules(u"meshdeck.ssh.*.debug=true"_qs);
        m_previous = qInstallMessageHandler(&LogCapture::handler);
    }
    ~LogCapture() { qInstallMessageHandler(m_previous); }
    static QStringList lines() { return s_lines; }

private:
    static void handler(QtMsgType, const QMessageLogContext& context, const QString& message)
    {
        s_lines.append(QString::fromLatin1(context.category ? context.category : "") + u": "_qs + message);
    }
    static inline QStringList s_lines;
    QtMessageHandler m_previous = nullptr;
};

} // namespace SshdFixture
