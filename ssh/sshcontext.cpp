// SPDX-License-Identifier: Apache-2.0
#include "sshcontext.h"

#include "askpass.h"
#include "remoteshell.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>

#include <algorithm>

#include <unistd.h>

namespace {

// A Unix socket path holds at most 107 bytes; ssh adds ".XXXXXXXXXXXXXXXX" to the 40-character
// %C while it creates the socket, so the directory must stay short.
constexpr qsizetype maxRuntimeDirLength = 48;

// OpenSSH puts "-F <file>" unquoted into the shell command of a ProxyJump hop's ssh, so the
// runtime dir (which holds that file) must be a path the shell reads as one word.
bool shellSafe(const QString& path)
{
    return std::all_of(path.cbegin(), path.cend(), [](QChar c) {
        return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'/' || c == u'.'
            || c == u'_' || c == u'-' || c == u'+';
    });
}

QString runtimeParent(const SshOptions& options)
{
    if (!options.runtimeParent.isEmpty())
        return options.runtimeParent;
    const QString xdg = qEnvironmentVariable("XDG_RUNTIME_DIR");
    if (!xdg.isEmpty() && QFileInfo(xdg).isDir() && xdg.size() + 20 <= maxRuntimeDirLength && shellSafe(xdg))
        return xdg;
    return shellSafe(QDir::tempPath()) ? QDir::tempPath() : u"/tmp"_qs;
}

// A value for an ssh_config line: double quotes, a quote inside escaped as ssh's parser reads it
// (a backslash would then be read again by Include's glob; names with one are refused).
QString configQuoted(QString value)
{
    value.replace(u'"', u"\\\""_qs);
    return u'"' + value + u'"';
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
    else if (!shellSafe(m_runtime->path()))
        m_errorString = u"the runtime directory "_qs + m_runtime->path()
            + u" has characters ssh cannot pass to a jump host's ssh; choose a plain temporary directory (TMPDIR)"_qs;
    else if (writeConfig() && !m_options.askpassProgram.isEmpty())
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

QString SshContext::configFile() const
{
    return m_runtime ? m_runtime->filePath(u"ssh_config"_qs) : QString();
}

QStringList SshContext::baseArguments() const
{
    return {u"-F"_qs, configFile(), u"-T"_qs};
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

bool SshContext::writeConfig()
{
    // ssh keeps the first value it obtains for an option, so these lines win over every Host
    // and Match block of the user's files, and a -o on the command line wins over them (the host
    // key capture's StrictHostKeyChecking=accept-new). A ProxyJump hop's ssh reads this file too.
    QByteArray body = "# meshdeck's settings for every ssh it runs, jump hosts' included (security review M3),\n"
                      "# then the user's configuration.\n"
                      "StrictHostKeyChecking yes\n";
    const QString userConfig = m_options.configFile;
    if (userConfig.isEmpty()) {
        // What ssh reads without -F; ~ is the passwd entry's home, as for ssh itself.
        body += "Include ~/.ssh/config\nInclude /etc/ssh/ssh_config\n";
    } else if (userConfig.compare(u"none", Qt::CaseInsensitive) != 0) {
        const QString absolute = QFileInfo(userConfig).absoluteFilePath();
        // -F reported a missing file; Include would skip it without a word.
        if (!QFileInfo(absolute).isFile()) {
            m_errorString = u"the ssh configuration file "_qs + absolute + u" does not exist; check --ssh-config"_qs;
            return false;
        }
        // Include expands patterns: a name with one would read other files or none.
        if (std::any_of(absolute.cbegin(), absolute.cend(), [](QChar c) { return QStringView(u"*?[\\\n").contains(c); })) {
            m_errorString = u"the ssh configuration file "_qs + absolute
                + u" has a character (*, ?, [, \\ or a line break) that ssh's Include would read as a pattern; rename or copy it"_qs;
            return false;
        }
        body += "Include " + configQuoted(absolute).toUtf8() + '\n';
    }
    QFile file(configFile());
    if (!file.open(QIODevice::WriteOnly) || file.write(body) != body.size()
        || !file.setPermissions(QFile::ReadOwner | QFile::WriteOwner)) {
        m_errorString = u"cannot write meshdeck's ssh configuration "_qs + configFile() + u": "_qs + file.errorString();
        return false;
    }
    return true;
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
