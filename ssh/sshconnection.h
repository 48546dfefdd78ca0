// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sshcontext.h"
#include "sshendpoint.h"

#include <QObject>
#include <QPointer>
#include <QStringList>


/*!
 * One VM's SSH connection: an endpoint plus the shared context. It builds the ssh argument
 * lists every operation uses; the connection itself is OpenSSH's ControlMaster, started by
 * SshConnect (host key confirmed, login done, passwords asked once) and then shared by every
 * RemoteCommand and SshUpload as a short `ssh` process over the control socket: no second
 * login, no threads, cancel = kill that one process.
 *
 * ControlMaster=auto everywhere: should the master have gone (ControlPersist expired, killed),
 * the next command quietly becomes the new master with BatchMode=yes (keys and agent only).
 */
class SshConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SshConnection)
public:
    SshConnection(SshContext* context, SshEndpoint endpoint, QObject* parent = nullptr);

    SshContext* context() const { return m_context; }
    const SshEndpoint& endpoint() const { return m_endpoint; }
    QString label() const { return m_endpoint.displayName(); }

    /*! True after a successful SshConnect (the host key is trusted and login worked). */
    bool isEstablished() const { return m_established; }
    void setEstablished(bool established) { m_established = established; }

    /*! -o ControlMaster=auto -o ControlPath=<private dir>/%C -o ControlPersist=<n>. */
    QStringList controlOptions() const;
    /*!
     * Everything before the remote command: base options, control options,
     * StrictHostKeyChecking=yes, the keepalives (ServerAliveInterval, ServerAliveCountMax),
     * BatchMode (yes unless interactive), the endpoint's options, then "--" and the host, so
     * neither a host nor a command can be read as an option.
     */
    QStringList sshArguments(bool interactive) const;
    /*! sshArguments(false) followed by one remote command line. */
    QStringList commandArguments(const QString& remoteCommandLine) const;

    /*! Tells the master to exit (`ssh -O exit`), without waiting. Later commands start a new one. */
    void stopMaster();
    /*! `ssh … -O exit HOST`: what stopMaster() runs, for a caller that waits for it. */
    QStringList stopMasterArguments() const;

private:
    QPointer<SshContext> m_context;
    SshEndpoint m_endpoint;
    bool m_established = false;
};
