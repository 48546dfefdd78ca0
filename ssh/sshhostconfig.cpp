// SPDX-License-Identifier: Apache-2.0
#include "sshhostconfig.h"

#include <QRegularExpression>

QString SshHostConfig::knownHostsName() const
{
    const QString name = hostKeyAlias.isEmpty() ? hostname : hostKeyAlias;
    // sshconnect.c put_host_port(): the port goes into the name only when it is not 22.
    return port == 22 ? name : u'[' + name + u"]:"_qs + QString::number(port);
}

QString SshHostConfig::knownHostsFileToWrite() const
{
    return userKnownHostsFiles.isEmpty() ? QString() : userKnownHostsFiles.first();
}

SshHostConfig SshHostConfig::parse(const QByteArray& output)
{
    SshHostConfig config;
    for (const QByteArray& rawLine : output.split('\n')) {
        const QString line = QString::fromUtf8(rawLine).trimmed();
        const qsizetype space = line.indexOf(u' ');
        if (space <= 0)
            continue;
        const QString key = line.left(space).toLower();
        const QString value = line.mid(space + 1).trimmed();
        if (key == u"hostname") {
            config.hostname = value;
        } else if (key == u"port") {
            config.port = value.toInt();
        } else if (key == u"user") {
            config.user = value;
        } else if (key == u"hostkeyalias") {
            config.hostKeyAlias = value;
        } else if (key == u"userknownhostsfile" || key == u"globalknownhostsfile") {
            QStringList files = value.split(u' ', Qt::SkipEmptyParts);
            files.removeAll(u"none"_qs);
            (key == u"userknownhostsfile" ? config.userKnownHostsFiles : config.globalKnownHostsFiles) = files;
        } else if (key == u"hashknownhosts") {
            config.hashKnownHosts = value == u"yes" || value == u"true";
        } else if (key == u"proxyjump") {
            config.proxyJump = value.compare(u"none", Qt::CaseInsensitive) == 0 ? QString() : value;
        } else if (key == u"proxycommand") {
            config.proxyCommand = value.compare(u"none", Qt::CaseInsensitive) != 0;
        }
    }
    if (config.port <= 0)
        config.port = 22;
    return config;
}

QList<KeyFingerprint> parseFingerprints(const QByteArray& keygenOutput)
{
    static const QRegularExpression line(uR"(^(\d+)\s+(\S+:\S+)\s.*\((\S+)\)\s*$)"_qs);
    QList<KeyFingerprint> result;
    for (const QByteArray& raw : keygenOutput.split('\n')) {
        const auto match = line.match(QString::fromUtf8(raw).trimmed());
        if (match.hasMatch())
            result.append({match.captured(1).toInt(), match.captured(2), match.captured(3)});
    }
    return result;
}
