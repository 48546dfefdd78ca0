// SPDX-License-Identifier: Apache-2.0
#include "sshconnection.h"

#include "sshcontext.h"

#include <QProcess>

#include <algorithm>

SshConnection::SshConnection(SshContext* context, SshEndpoint endpoint, QObject* parent)
    : QObject(parent)
    , m_context(context)
    , m_endpoint(std::move(endpoint))
{
}

QStringList SshConnection::controlOptions() const
{
    return {u"-o"_qs, u"ControlMaster=auto"_qs,
            u"-o"_qs, u"ControlPath="_qs + m_context->controlPathPattern(),
            u"-o"_qs, u"ControlPersist="_qs + QString::number(m_context->options().controlPersistSeconds)};
}

QStringList SshConnection::sshArguments(bool interactive) const
{
    QStringList args = m_context->baseArguments();
    args << controlOptions();
    // meshdeck decides about unknown keys itself (HostKeyCheck), so ssh never adds one silently.
    args << u"-o"_qs << u"StrictHostKeyChecking=yes"_qs;
    // A VM that went away ends its connection within a minute (the master's keepalives), not
    // when TCP gives up. Before the endpoint's options and ssh_config: the first value wins.
    const SshOptions& options = m_context->options();
    if (options.serverAliveIntervalSeconds > 0) {
        args << u"-o"_qs << u"ServerAliveInterval="_qs + QString::number(options.serverAliveIntervalSeconds);
        args << u"-o"_qs << u"ServerAliveCountMax="_qs + QString::number(std::max(1, options.serverAliveCountMax));
    }
    args << u"-o"_qs << (interactive ? u"BatchMode=no"_qs : u"BatchMode=yes"_qs);
    args << m_endpoint.options();
    args << u"--"_qs << m_endpoint.host;
    return args;
}

QStringList SshConnection::commandArguments(const QString& remoteCommandLine) const
{
    return sshArguments(false) << remoteCommandLine;
}

QStringList SshConnection::stopMasterArguments() const
{
    QStringList args = m_context->baseArguments();
    args << controlOptions() << m_endpoint.options() << u"-O"_qs << u"exit"_qs << u"--"_qs << m_endpoint.host;
    return args;
}

void SshConnection::stopMaster()
{
    m_established = false;
    const QStringList args = stopMasterArguments();
    QProcess process;
    process.setProgram(m_context->options().sshProgram);
    process.setArguments(args);
    process.setProcessEnvironment(m_context->environment());
    process.setStandardInputFile(QProcess::nullDevice());
    process.setStandardOutputFile(QProcess::nullDevice());
    process.setStandardErrorFile(QProcess::nullDevice());
    process.startDetached();
}
