// SPDX-License-Identifier: Apache-2.0
#include "sshcontext.h"

#include "askpass.h"
#include "remoteshell.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <unistd.h>

namespace {

// A Unix socket path holds at most 107 bytes; ssh adds ".XXXXXXXXXXXXXXXX" to the 40-character
// %C while it creates the socket, so the directory must stay short.
constexpr qsizetype maxRuntimeDirLength = 48;

QString runtimeParent(const SshOptions& options)
{
    if (!options.runtimeParent.isEmpty())
        return options.runtimeParent;
    const QString xdg = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!xdg.isEmpty() && QFileInfo(xdg).isDir() && xdg.size() + 20 <= maxRuntimeDirLength)
        return xdg;
    return QDir::tempPath();
}

} // namespace

SshContext::SshContext(SshOptions options, QObject* parent)
    : QObject(parent)
    , m_options(std::move(options))
{
    // QTemporaryDir creates the directory with mode 0700.
    m_runtime = std::make_unique<QTemporaryDir>(runtimeParent(m_options) + u"/meshdeck-ssh-XXXXXX"_qs);
    if (!m_runtime->isValid()) {
        m_errorString = u"cannot create a private runtime directory: "_qs + m_runtime->errorString();
        return;
    }
    // Removed by the detached cleanup in the destructor, after the masters are gone.
    m_runtime->setAutoRemove(false);
    if (m_runtime->path().size() > maxRuntimeDirLength)
        m_errorString = u"runtime directory path too long for control sockets: "_qs + m_runtime->path();
    else if (!m_options.askpassProgram.isEmpty())
        setUpAskpass();
}

SshContext::~SshContext()
{
    if (!m_runtime || !m_runtime->isValid())
        return;
    // Masters outlive us by ControlPersist unless told to exit. A detached shell does it so
    // that quitting never waits on ssh; it then removes the directory.
    const QString script = u"for s in \"$1\"/*; do [ -S \"$s\" ] && \"$2\" -F /dev/null -S \"$s\" -O exit meshdeck"
                           " >/dev/null 2>&1; done; rm -rf -- \"$1\""_qs;
    if (!QProcess::startDetached(u"/bin/sh"_qs, {u"-c"_qs, script, u"sh"_qs, m_runtime->path(), m_options.sshProgram}))
        m_runtime->remove();
}

QString SshContext::runtimeDirectory() const
{
    return m_runtime ? m_runtime->path() : QString();
}

QString SshContext::controlPathPattern() const
{
    return runtimeDirectory() + u"/%C"_qs;
}

QStringList SshContext::baseArguments() const
{
    QStringList args;
    if (!m_options.configFile.isEmpty())
        args << u"-F"_qs << m_options.configFile;
    args << u"-T"_qs;
    return args;
}

QProcessEnvironment SshContext::environment() const
{
    QProcessEnvironment env = m_options.environment;
    // A user's own SSH_ASKPASS (a GUI dialog) must not pop up in the middle of a batch run.
    env.remove(u"SSH_ASKPASS"_qs);
    env.insert(u"SSH_ASKPASS_REQUIRE"_qs, u"never"_qs);
    return env;
}

void SshContext::prepare(QProcess* process, const QProcessEnvironment& environment) const
{
    process->setProcessEnvironment(environment);
    process->setChildProcessModifier([] { ::setsid(); });
}

bool SshContext::setUpAskpass()
{
    const QString wrapper = m_runtime->filePath(u"askpass"_qs);
    QFile file(wrapper);
    const QByteArray body = "#!/bin/sh\n# ssh passes only the prompt; meshdeck's askpass mode wants --askpass first.\nexec "
        + RemoteShell::quote(m_options.askpassProgram).toUtf8() + " --askpass \"$@\"\n";
    if (!file.open(QIODevice::WriteOnly) || file.write(body) != body.size()
        || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner)) {
        m_errorString = u"cannot write the askpass helper "_qs + wrapper + u": "_qs + file.errorString();
        return false;
    }
    m_askpass = new AskpassServer(m_runtime->filePath(u"askpass.sock"_qs), wrapper, this);
    QString error;
    if (!m_askpass->listen(&error)) {
        m_errorString = error;
        return false;
    }
    return true;
}
