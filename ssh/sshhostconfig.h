// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

/*!
 * What ssh will actually use for a host, from `ssh -G` (the user's config applied to the
 * plan's options): meshdeck reads it instead of parsing ~/.ssh/config itself, so Host blocks,
 * Match, Include, aliases and defaults resolve exactly as OpenSSH resolves them.
 */
struct SshHostConfig
{
    QString hostname;     //!< after HostName substitution
    int port = 22;
    QString user;
    QString hostKeyAlias; //!< HostKeyAlias: the name known_hosts uses instead of hostname
    QStringList userKnownHostsFiles;   //!< tilde-expanded by ssh; "none" dropped
    QStringList globalKnownHostsFiles;
    bool hashKnownHosts = false;
    QString proxyJump;    //!< ssh's normalised ProxyJump ("root@[10.0.0.1]:2222,b"); empty = none
    bool proxyCommand = false;

    /*! The name ssh looks up and writes: host, or [host]:port for a port other than 22. */
    QString knownHostsName() const;
    /*! The file a new key is written to: the first UserKnownHostsFile; empty when none. */
    QString knownHostsFileToWrite() const;

    static SshHostConfig parse(const QByteArray& output);
};

/*! One line of `ssh-keygen -l`: "256 SHA256:abc... comment (ED25519)". */
struct KeyFingerprint
{
    int bits = 0;
    QString fingerprint; //!< "SHA256:..."
    QString type;        //!< "ED25519", "ECDSA", "RSA"
};

QList<KeyFingerprint> parseFingerprints(const QByteArray& keygenOutput);
