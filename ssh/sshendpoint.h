// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QString>
#include <QStringList>

/*!
 * Where and how one VM is reached: only what the plan sets (vms[].address and vms[].ssh).
 * Everything left empty comes from the user's OpenSSH configuration, exactly as in a terminal;
 * that is why these fields map one to one onto ssh options and nothing else is passed.
 * The caller resolves a jump host that names another plan VM into [user@]address[:port].
 */
struct SshEndpoint
{
    QString host;         //!< IP, DNS name or a ~/.ssh/config Host alias
    QString user;         //!< -l; empty = config or local user
    int port = 0;         //!< -p; 0 = config or 22
    QString identityFile; //!< -i with IdentitiesOnly=yes; empty = agent and config
    QString jumpHost;     //!< -J [user@]host[:port][,...]; empty = none (or the config's ProxyJump)
    QString label;        //!< for messages, e.g. the VM's name; empty = host

    QString displayName() const { return label.isEmpty() ? host : label; }
    /*! The ssh options for these fields (-l, -p, -i + IdentitiesOnly, -J), without the host. */
    QStringList options() const;
    friend bool operator==(const SshEndpoint&, const SshEndpoint&) = default;
};

/*! One hop of a ProxyJump list. */
struct JumpHop
{
    QString user;
    QString host;
    int port = 0;

    /*! [user@]host[:port], IPv6 addresses in brackets, as ssh -J and ProxyJump accept it. */
    QString toString() const;
    friend bool operator==(const JumpHop&, const JumpHop&) = default;
};

/*!
 * Splits a ProxyJump value ("a@b:3,[::1]:22,c", or ssh://user@host:port forms) into hops.
 * Returns false with error set for an unparseable hop. "none" and "" give no hops.
 */
bool parseJumpHosts(const QString& value, QList<JumpHop>* hops, QString* error);

/*! The hops joined back for -J. */
QString joinJumpHosts(const QList<JumpHop>& hops);
