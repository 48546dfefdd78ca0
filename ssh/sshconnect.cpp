// SPDX-License-Identifier: Apache-2.0
#include "sshconnect.h"

#include "askpass.h"
#include "hostkeycheck.h"
#include "localprocess.h"
#include "sshconnection.h"
#include "sshcontext.h"
#include "sshhostconfig.h"

#include <QFile>

SshConnect::SshConnect(SshConnection* connection, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
{
}

SshConnect::~SshConnect()
{
    if (m_ticket && m_connection && m_connection->context()->askpass())
        m_connection->context()->askpass()->revokeTicket(m_ticket);
}

void SshConnect::start()
{
    if (m_running)
        return;
    m_running = true;
    SshContext* context = m_connection->context();
    QProcessEnvironment environment = context->environment();
    if (AskpassServer* askpass = context->askpass()) {
        // Jump hosts log in during the host key capture already, so the ticket covers both.
        m_ticket = askpass->issueTicket(m_connection->label(), 6);
        askpass->addToEnvironment(&environment, m_ticket);
        connect(askpass, &AskpassServer::passwordRequested, this, [this](PasswordQuestion* question) {
            if (question->ticket() != m_ticket)
                return;
            // The login timeout is for the hosts, not for a person typing (security review L12):
            // the clocks stop until the question is gone (answered, refused or withdrawn).
            if (m_openPasswordQuestions++ == 0)
                setTimeoutsPaused(true);
            connect(question, &QObject::destroyed, this, [this] {
                if (--m_openPasswordQuestions == 0)
                    setTimeoutsPaused(false);
            });
            emit passwordQuestion(question);
        });
    }
    m_check = new HostKeyCheck(m_connection, this);
    m_check->setEnvironment(environment);
    connect(m_check, &HostKeyCheck::hostKeyQuestion, this, &SshConnect::hostKeyQuestion);
    connect(m_check, &HostKeyCheck::finished, this, &SshConnect::onHostKeysChecked);
    emit progress(0, 3);
    m_check->start();
}

void SshConnect::setTimeoutsPaused(bool paused)
{
    if (!m_running)
        return;
    if (m_check)
        m_check->setTimeoutPaused(paused);
    if (m_process)
        m_process->setTimeoutPaused(paused);
}

void SshConnect::cancel()
{
    if (!m_running)
        return;
    SshError error;
    error.kind = SshError::Kind::Canceled;
    error.message = m_connection->label() + u": canceled"_qs;
    finish(error);
}

void SshConnect::onHostKeysChecked(const SshError& error)
{
    if (!m_running)
        return;
    if (error.kind == SshError::Kind::HostKeyChanged) {
        // A jump host whose key changed (HostKeyCheck connects to each hop strictly).
        lookUpKnownFingerprints(error);
        return;
    }
    if (error.isError()) {
        finish(error);
        return;
    }
    emit progress(1, 3);
    startMaster();
}

void SshConnect::startMaster()
{
    SshContext* context = m_connection->context();
    QProcessEnvironment environment = context->environment();
    const bool interactive = m_ticket != 0;
    if (interactive)
        context->askpass()->addToEnvironment(&environment, m_ticket);
    m_process = new LocalProcess(context->processSetup(), this);
    connect(m_process, &LocalProcess::finished, this, &SshConnect::onMasterStarted);
    // -N: no remote command; with ControlPersist ssh backgrounds the master after login and
    // the foreground process exits 0, which is the signal that the connection is up.
    QStringList args = m_connection->sshArguments(interactive);
    args.insert(args.indexOf(u"--"_qs), u"-N"_qs);
    m_process->start(context->options().sshProgram, args, environment, {}, context->options().connectTimeout);
    if (m_openPasswordQuestions > 0)
        m_process->setTimeoutPaused(true);
}

void SshConnect::onMasterStarted(const ProcessOutcome& outcome)
{
    if (!m_running || outcome.canceled)
        return;
    SshError error;
    if (outcome.timedOut) {
        error.kind = SshError::Kind::Timeout;
        error.message = m_connection->label() + u": login did not complete in time"_qs;
    } else if (!outcome.started) {
        error.kind = SshError::Kind::LocalFailure;
        error.message = u"cannot run "_qs + outcome.startError;
    } else if (outcome.exitCode != 0 || outcome.crashed) {
        error = sshFailureFromStderr(outcome.standardError, m_connection->label());
        if (!error.isError()) {
            error.kind = SshError::Kind::ConnectionFailed;
            error.message = m_connection->label() + u": ssh failed: "_qs + sshStderrExcerpt(outcome.standardError, 1);
            error.detail = sshStderrExcerpt(outcome.standardError, 6);
        }
    }
    if (error.kind == SshError::Kind::HostKeyChanged) {
        lookUpKnownFingerprints(error);
        return;
    }
    if (!error.isError()) {
        m_connection->setEstablished(true);
        emit progress(3, 3);
    }
    finish(error);
}

void SshConnect::lookUpKnownFingerprints(SshError error)
{
    // ssh names the host in its own words ("Host key for [10.0.0.5]:2222 has changed"); when
    // that is not the VM it is a jump host on the way, and the message says so.
    const bool jumpHost = m_check && !error.host.isEmpty() && error.host != m_check->hostConfig().knownHostsName();
    if (jumpHost) {
        error.message = m_connection->label() + u": the host key of jump host "_qs + error.host + u" has CHANGED (it now offers "_qs
            + (error.offeredFingerprint.isEmpty() ? u"another key"_qs : error.offeredFingerprint)
            + u"). meshdeck will not connect through it; confirm the new key with the jump host's administrator, then remove the old entry (ssh-keygen -R)."_qs;
    }
    // ssh names the offending line ("Offending ED25519 key in FILE:LINE"); ssh-keygen -l reads
    // that line (hashed or not) from stdin and gives the old fingerprint for the message.
    const qsizetype colon = error.knownHostsLocation.lastIndexOf(u':');
    QByteArray line;
    if (colon > 0) {
        QFile file(error.knownHostsLocation.left(colon));
        const int number = error.knownHostsLocation.mid(colon + 1).toInt();
        if (number > 0 && file.open(QIODevice::ReadOnly)) {
            const QList<QByteArray> lines = file.readAll().split('\n');
            if (number <= lines.size())
                line = lines.at(number - 1) + '\n';
        }
    }
    if (line.trimmed().isEmpty()) {
        finish(error);
        return;
    }
    if (m_process)
        m_process->deleteLater();
    m_process = new LocalProcess(m_connection->context()->processSetup(), this);
    connect(m_process, &LocalProcess::finished, this, [this, error, jumpHost](const ProcessOutcome& outcome) mutable {
        for (const KeyFingerprint& known : parseFingerprints(outcome.standardOutput))
            error.knownFingerprints.append(known.fingerprint);
        if (!error.knownFingerprints.isEmpty()) {
            error.message = m_connection->label() + u": the host key of "_qs + (jumpHost ? u"jump host "_qs : QString())
                + error.host + u" has CHANGED: known_hosts has "_qs
                + error.knownFingerprints.join(u", "_qs) + u" (" + error.knownHostsLocation + u"), the host now offers "_qs
                + (error.offeredFingerprint.isEmpty() ? u"another key"_qs : error.offeredFingerprint)
                + u". meshdeck will not connect; confirm the new key with the host's administrator, then remove the old entry (ssh-keygen -R)."_qs;
        }
        finish(error);
    });
    m_process->start(m_connection->context()->options().keygenProgram, {u"-l"_qs, u"-f"_qs, u"-"_qs},
                     m_connection->context()->environment(), line, std::chrono::milliseconds{30'000});
}

void SshConnect::finish(const SshError& error)
{
    if (!m_running)
        return;
    m_running = false;
    if (m_check)
        m_check->cancel();
    if (m_process)
        m_process->cancel();
    if (m_ticket && m_connection && m_connection->context()->askpass())
        m_connection->context()->askpass()->revokeTicket(std::exchange(m_ticket, 0));
    emit finished(error);
}
