// SPDX-License-Identifier: Apache-2.0
#include "sshcommandline.h"

#include "remoteshell.h"

QStringList sshCommandArguments(const SshEndpoint& endpoint)
{
    QStringList argv{u"ssh"_qs};
    if (!endpoint.jumpHost.isEmpty())
        argv << u"-J"_qs << endpoint.jumpHost;
    if (endpoint.port > 0)
        argv << u"-p"_qs << QString::number(endpoint.port);
    if (!endpoint.identityFile.isEmpty())
        argv << u"-i"_qs << endpoint.identityFile << u"-o"_qs << u"IdentitiesOnly=yes"_qs;
    // user@host rather than -l: what people type, and what they recognise when they paste it.
    argv << (endpoint.user.isEmpty() ? endpoint.host : endpoint.user + u'@' + endpoint.host);
    return argv;
}

QString sshCommandText(const SshEndpoint& endpoint)
{
    return RemoteShell::commandLine(sshCommandArguments(endpoint));
}
