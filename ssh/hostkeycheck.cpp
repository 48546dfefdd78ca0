// SPDX-License-Identifier: Apache-2.0
#include "hostkeycheck.h"

#include "localprocess.h"
#include "sshconnection.h"
#include "sshcontext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRandomGenerator>
#include <QTimer>

namespace {

constexpr std::chrono::milliseconds localTimeout{30'000};

QStringList noCredentialsOptions()
{
    // Capture only: the host is not trusted yet, so nothing is offered to it, not even a
    // public key (which would tell it who we are).
    QStringList args;
    for (const char* option : {"PubkeyAuthentication=no", "PasswordAuthentication=no", "KbdInteractiveAuthentication=no",
                               "GSSAPIAuthentication=no", "HostbasedAuthentication=no"})
        args << u"-o"_qs << QString::fromLatin1(option);
    return args;
}

bool appendTo(const QString& path, const QByteArray& lines, QString* error)
{
    const QFileInfo info(path);
    if (!info.dir().exists()) {
        if (!QDir().mkpath(info.absolutePath())) {
            *error = u"cannot create "_qs + info.absolutePath();
            return false;
        }
        // ~/.ssh must not be readable by others, as ssh itself creates it.
        QFile::setPermissions(info.absolutePath(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }
    QFile file(path);
    const bool existed = file.exists();
    if (!file.open(QIODevice::ReadWrite | QIODevice::Append)) {
        *error = u"cannot write "_qs + path + u": "_qs + file.errorString();
        return false;
    }
    if (!existed)
        file.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    QByteArray data = lines;
    if (file.size() > 0 && file.seek(file.size() - 1) && file.read(1) != "\n")
        data.prepend('\n');
    if (!data.endsWith('\n'))
        data.append('\n');
    if (file.write(data) != data.size() || !file.flush()) {
        *error = u"cannot write "_qs + path + u": "_qs + file.errorString();
        return false;
    }
    return true;
}

} // namespace

HostKeyQuestion::HostKeyQuestion(QString label, QString host, KeyFingerprint fingerprint, QString knownHostsFile,
                                 bool jumpHost, QObject* parent)
    : Question(parent)
    , m_label(std::move(label))
    , m_host(std::move(host))
    , m_fingerprint(std::move(fingerprint))
    , m_knownHostsFile(std::move(knownHostsFile))
    , m_jumpHost(jumpHost)
{
}

void HostKeyQuestion::accept()
{
    if (!std::exchange(m_answered, true))
        emit answered(true);
}

void HostKeyQuestion::reject()
{
    if (!std::exchange(m_answered, true))
        emit answered(false);
}

HostKeyCheck::HostKeyCheck(SshConnection* connection, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_environment(connection->context()->environment())
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this] {
        fail(SshError::Kind::Timeout, m_connection->label() + u": no answer from the host while checking its key"_qs);
    });
}

HostKeyCheck::~HostKeyCheck()
{
    if (!m_captureFile.isEmpty()) {
        QFile::remove(m_captureFile);
        QFile::remove(m_captureFile + u".old"_qs);
    }
}

void HostKeyCheck::start()
{
    if (m_running)
        return;
    m_running = true;
    m_timer->start(m_connection->context()->options().connectTimeout);
    const SshEndpoint& endpoint = m_connection->endpoint();
    QStringList args = m_connection->context()->baseArguments();
    args << u"-G"_qs << endpoint.options() << u"--"_qs << endpoint.host;
    run(m_connection->context()->options().sshProgram, args, {}, &HostKeyCheck::onTargetConfig);
}

void HostKeyCheck::cancel()
{
    if (m_running)
        fail(SshError::Kind::Canceled, m_connection->label() + u": canceled"_qs);
}

void HostKeyCheck::setTimeoutPaused(bool paused)
{
    if (!m_running)
        return;
    if (paused)
        m_timer->stop();
    else if (!m_asking)
        m_timer->start(m_connection->context()->options().connectTimeout);
    if (m_process)
        m_process->setTimeoutPaused(paused);
}

void HostKeyCheck::run(const QString& program, const QStringList& arguments, const QByteArray& input,
                       void (HostKeyCheck::*next)(const ProcessOutcome&))
{
    if (m_process)
        m_process->deleteLater();
    m_process = new LocalProcess(m_connection->context()->processSetup(), this);
    connect(m_process, &LocalProcess::finished, this, [this, next](const ProcessOutcome& outcome) {
        if (!m_running || outcome.canceled)
            return;
        if (!outcome.started)
            fail(SshError::Kind::LocalFailure, u"cannot run "_qs + outcome.startError);
        else if (outcome.timedOut || outcome.crashed)
            fail(SshError::Kind::Timeout, m_connection->label() + u": a host key check step did not finish"_qs);
        else
            (this->*next)(outcome);
    });
    m_process->start(program, arguments, m_environment, input, localTimeout);
}

QStringList HostKeyCheck::hopOptions(const Hop& hop) const
{
    if (hop.isTarget)
        return m_connection->endpoint().options();
    SshEndpoint endpoint;
    endpoint.user = hop.user;
    endpoint.port = hop.port;
    endpoint.jumpHost = hop.jump;
    return endpoint.options();
}

void HostKeyCheck::onTargetConfig(const ProcessOutcome& outcome)
{
    if (outcome.exitCode != 0) {
        fail(SshError::Kind::LocalFailure, m_connection->label() + u": ssh cannot read its configuration"_qs,
             sshStderrExcerpt(outcome.standardError));
        return;
    }
    m_targetConfig = SshHostConfig::parse(outcome.standardOutput);
    QList<JumpHop> jumps;
    QString error;
    if (!parseJumpHosts(m_targetConfig.proxyJump, &jumps, &error)) {
        fail(SshError::Kind::BadInput, m_connection->label() + u": "_qs + error, m_targetConfig.proxyJump);
        return;
    }
    m_hops.clear();
    for (qsizetype i = 0; i < jumps.size(); ++i)
        m_hops.append(Hop{jumps[i].user, jumps[i].host, jumps[i].port, joinJumpHosts(jumps.mid(0, i)), false, {}});
    m_hops.append(Hop{{}, m_connection->endpoint().host, 0, {}, true, m_targetConfig});
    m_current = 0;
    emit progress(0, int(m_hops.size()));
    checkHop();
}

void HostKeyCheck::checkHop()
{
    const Hop& hop = m_hops.at(m_current);
    if (hop.isTarget) {
        lookUpNextFile();
        return;
    }
    QStringList args = m_connection->context()->baseArguments();
    args << u"-G"_qs << hopOptions(hop) << u"--"_qs << hop.host;
    run(m_connection->context()->options().sshProgram, args, {}, &HostKeyCheck::onHopConfig);
}

void HostKeyCheck::onHopConfig(const ProcessOutcome& outcome)
{
    if (outcome.exitCode != 0) {
        fail(SshError::Kind::LocalFailure, m_connection->label() + u": ssh cannot read the configuration for jump host "_qs
                 + m_hops.at(m_current).host, sshStderrExcerpt(outcome.standardError));
        return;
    }
    m_hops[m_current].config = SshHostConfig::parse(outcome.standardOutput);
    m_filesToSearch.clear();
    lookUpNextFile();
}

void HostKeyCheck::lookUpNextFile()
{
    const SshHostConfig& config = m_hops.at(m_current).config;
    if (m_filesToSearch.isEmpty()) {
        // First call for this hop: every file ssh consults, user files first.
        for (const QString& file : config.userKnownHostsFiles + config.globalKnownHostsFiles) {
            if (QFileInfo(file).isFile())
                m_filesToSearch.append(file);
        }
        m_filesToSearch.append(QString()); // end marker: nothing found
    }
    const QString file = m_filesToSearch.takeFirst();
    if (file.isEmpty()) {
        capture();
        return;
    }
    run(m_connection->context()->options().keygenProgram, {u"-F"_qs, config.knownHostsName(), u"-f"_qs, file}, {},
        &HostKeyCheck::onLookUp);
}

void HostKeyCheck::onLookUp(const ProcessOutcome& outcome)
{
    // ssh-keygen -F: exit 0 and the matching lines when found (hashed entries included), else 1.
    if (outcome.exitCode == 0 && !outcome.standardOutput.trimmed().isEmpty()) {
        m_filesToSearch.clear();
        if (m_hops.at(m_current).isTarget)
            nextHop(); // ssh itself checks the VM's key, strictly, and SshConnect reads what it says
        else
            verifyHop();
        return;
    }
    lookUpNextFile();
}

void HostKeyCheck::verifyHop()
{
    // Known by name; whether the hop still offers that key only a connection tells. Strict, with
    // no credentials: ssh stops at a changed key, and otherwise at "Permission denied" right
    // after the key matched. No master, no ControlPersist (which would silence ssh's stderr).
    const Hop& hop = m_hops.at(m_current);
    QStringList args = m_connection->context()->baseArguments();
    args << u"-o"_qs << u"StrictHostKeyChecking=yes"_qs << u"-o"_qs << u"UpdateHostKeys=no"_qs << u"-o"_qs << u"BatchMode=yes"_qs
         << u"-o"_qs << u"ControlMaster=no"_qs << u"-o"_qs << u"ControlPath=none"_qs << u"-o"_qs << u"ControlPersist=no"_qs
         << noCredentialsOptions() << hopOptions(hop) << u"--"_qs << hop.host << u"exit"_qs;
    run(m_connection->context()->options().sshProgram, args, {}, &HostKeyCheck::onHopVerified);
}

void HostKeyCheck::onHopVerified(const ProcessOutcome& outcome)
{
    const Hop& hop = m_hops.at(m_current);
    SshError error = sshFailureFromStderr(outcome.standardError, m_connection->label());
    // Refused for want of credentials (none were offered), or let in without any: either way
    // after ssh had checked the key against known_hosts.
    if (outcome.exitCode == 0 || error.kind == SshError::Kind::AuthenticationFailed) {
        nextHop();
        return;
    }
    if (error.kind == SshError::Kind::HostKeyChanged || error.kind == SshError::Kind::HostKeyUnknown) {
        if (error.host.isEmpty())
            error.host = hop.config.knownHostsName();
        error.message = m_connection->label() + u": the host key of jump host "_qs + error.host
            + u" is not the one known_hosts holds for it. meshdeck will not connect through it; confirm the key with the jump host's administrator."_qs;
        finish(error);
        return;
    }
    fail(SshError::Kind::ConnectionFailed,
         m_connection->label() + u": could not reach jump host "_qs + hop.host + u" to check its host key: "_qs
             + sshStderrExcerpt(outcome.standardError, 1),
         sshStderrExcerpt(outcome.standardError, 6));
}

void HostKeyCheck::capture()
{
    m_filesToSearch.clear();
    const Hop& hop = m_hops.at(m_current);
    if (!m_captureFile.isEmpty())
        QFile::remove(m_captureFile);
    m_captureFile = m_connection->context()->runtimeDirectory() + u"/hostkey-"_qs
        + QString::number(QRandomGenerator::system()->generate64(), 16);
    QStringList args = m_connection->context()->baseArguments();
    args << u"-o"_qs << u"UserKnownHostsFile="_qs + m_captureFile << u"-o"_qs << u"GlobalKnownHostsFile=/dev/null"_qs
         << u"-o"_qs << u"StrictHostKeyChecking=accept-new"_qs << u"-o"_qs << u"HashKnownHosts=no"_qs
         << u"-o"_qs << u"UpdateHostKeys=no"_qs << u"-o"_qs << u"CheckHostIP=no"_qs << u"-o"_qs << u"BatchMode=yes"_qs
         << u"-o"_qs << u"ControlMaster=no"_qs << u"-o"_qs << u"ControlPath=none"_qs << noCredentialsOptions()
         << hopOptions(hop) << u"--"_qs << hop.host << u"exit"_qs;
    run(m_connection->context()->options().sshProgram, args, {}, &HostKeyCheck::onCaptured);
}

void HostKeyCheck::onCaptured(const ProcessOutcome& outcome)
{
    if (!QFileInfo(m_captureFile).isFile() || QFileInfo(m_captureFile).size() == 0) {
        const SshError sshError = sshFailureFromStderr(outcome.standardError, m_connection->label());
        if (sshError.isError()) {
            finish(sshError);
            return;
        }
        fail(SshError::Kind::ConnectionFailed,
             m_connection->label() + u": could not obtain the host key of "_qs + m_hops.at(m_current).host,
             sshStderrExcerpt(outcome.standardError));
        return;
    }
    run(m_connection->context()->options().keygenProgram, {u"-l"_qs, u"-f"_qs, m_captureFile}, {},
        &HostKeyCheck::onFingerprint);
}

void HostKeyCheck::onFingerprint(const ProcessOutcome& outcome)
{
    const QList<KeyFingerprint> fingerprints = parseFingerprints(outcome.standardOutput);
    if (outcome.exitCode != 0 || fingerprints.isEmpty()) {
        fail(SshError::Kind::LocalFailure, m_connection->label() + u": ssh-keygen cannot read the captured host key"_qs,
             sshStderrExcerpt(outcome.standardError));
        return;
    }
    const Hop& hop = m_hops.at(m_current);
    const QString file = hop.config.knownHostsFileToWrite();
    if (file.isEmpty()) {
        fail(SshError::Kind::LocalFailure,
             m_connection->label() + u": UserKnownHostsFile is none, so a confirmed key could not be kept"_qs);
        return;
    }
    m_captured = fingerprints.first();
    if (m_connection->context()->isHostKeyConfirmed(confirmationKey())) {
        // The same key of the same host was confirmed meanwhile (another VM behind this bastion).
        QFile::remove(m_captureFile);
        m_accepted.append(hop.config.knownHostsName());
        nextHop();
        return;
    }
    m_timer->stop(); // a person may take their time
    m_asking = true;
    auto* question = new HostKeyQuestion(m_connection->label(), hop.config.knownHostsName(), m_captured, file,
                                         !hop.isTarget, this);
    connect(question, &HostKeyQuestion::answered, this, &HostKeyCheck::onAnswered);
    emit hostKeyQuestion(question);
}

void HostKeyCheck::onAnswered(bool accepted)
{
    if (!m_running)
        return;
    m_asking = false;
    const Hop& hop = m_hops.at(m_current);
    if (!accepted) {
        SshError error;
        error.kind = SshError::Kind::HostKeyRejected;
        error.host = hop.config.knownHostsName();
        error.offeredFingerprint = m_captured.fingerprint;
        error.message = m_connection->label() + u": host key "_qs + m_captured.fingerprint + u" of "_qs + error.host
            + u" not accepted; nothing was written"_qs;
        finish(error);
        return;
    }
    m_timer->start(m_connection->context()->options().connectTimeout);
    if (hop.config.hashKnownHosts)
        run(m_connection->context()->options().keygenProgram, {u"-H"_qs, u"-f"_qs, m_captureFile}, {},
            &HostKeyCheck::onHashed);
    else
        appendCaptured();
}

void HostKeyCheck::onHashed(const ProcessOutcome& outcome)
{
    QFile::remove(m_captureFile + u".old"_qs); // ssh-keygen -H keeps the plain original there
    if (outcome.exitCode != 0) {
        fail(SshError::Kind::LocalFailure, m_connection->label() + u": ssh-keygen -H failed"_qs,
             sshStderrExcerpt(outcome.standardError));
        return;
    }
    appendCaptured();
}

void HostKeyCheck::appendCaptured()
{
    const Hop& hop = m_hops.at(m_current);
    QFile captured(m_captureFile);
    if (!captured.open(QIODevice::ReadOnly)) {
        fail(SshError::Kind::LocalFailure, u"cannot read "_qs + m_captureFile);
        return;
    }
    const QByteArray lines = captured.readAll().trimmed();
    captured.close();
    QFile::remove(m_captureFile);
    QString error;
    // Two questions open at once for the same key (VMs behind one bastion) write it once.
    const bool written = m_connection->context()->isHostKeyConfirmed(confirmationKey());
    if (!written && !appendTo(hop.config.knownHostsFileToWrite(), lines, &error)) {
        fail(SshError::Kind::LocalFailure, m_connection->label() + u": "_qs + error);
        return;
    }
    m_connection->context()->confirmHostKey(confirmationKey());
    m_accepted.append(hop.config.knownHostsName());
    nextHop();
}

QString HostKeyCheck::confirmationKey() const
{
    const SshHostConfig& config = m_hops.at(m_current).config;
    return config.knownHostsFileToWrite() + u'\n' + config.knownHostsName() + u'\n' + m_captured.fingerprint;
}

void HostKeyCheck::nextHop()
{
    ++m_current;
    emit progress(int(m_current), int(m_hops.size()));
    if (m_current >= m_hops.size())
        finish({});
    else
        checkHop();
}

void HostKeyCheck::fail(SshError::Kind kind, const QString& message, const QString& detail)
{
    SshError error;
    error.kind = kind;
    error.message = message;
    error.detail = detail;
    finish(error);
}

void HostKeyCheck::finish(const SshError& error)
{
    if (!m_running)
        return;
    m_running = false;
    m_timer->stop();
    if (m_process)
        m_process->cancel();
    emit finished(error);
}
