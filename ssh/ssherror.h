// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

/*!
 * Why an SSH operation failed, worded for the user (message) and for a bug report (detail).
 * kind None means success. A remote command that ran and exited non-zero is not an error here:
 * its exit code is in the command's result.
 */
struct SshError
{
    enum class Kind {
        None,
        Canceled,
        Timeout,
        BadInput,             //!< an argument that cannot travel (NUL byte), a bad file name
        LocalFailure,         //!< a local program missing, a local file unreadable or unwritable
        ConnectionFailed,     //!< refused, unresolvable, unreachable, closed during the handshake
        AuthenticationFailed, //!< "Permission denied", wrong or missing key or password
        HostKeyUnknown,       //!< strict checking refused a host with no known_hosts entry
        HostKeyRejected,      //!< the caller declined a new host key
        HostKeyChanged,       //!< the host offered another key than known_hosts holds: a hard stop
        SudoPasswordRequired, //!< sudo asked for a password and none was given
        SudoWrongPassword,    //!< sudo asked again after the password was sent
        SudoFailed,           //!< sudo refused for another reason (not in sudoers, ...)
        TransferFailed,       //!< an upload arrived short or could not be stored remotely
        OutputTooLarge,       //!< the remote side sent more output than any of meshdeck's commands makes
    };

    Kind kind = Kind::None;
    QString message; //!< one sentence for the user
    QString detail;  //!< technical: the program's own words

    // HostKeyChanged (and HostKeyUnknown/Rejected where known)
    QString host;                    //!< the known_hosts name: host or [host]:port
    QStringList knownFingerprints;   //!< SHA256:... of the entries known_hosts holds
    QString offeredFingerprint;      //!< SHA256:... of the key the host offered
    QString knownHostsLocation;      //!< file:line of the offending entry

    bool isError() const { return kind != Kind::None; }
};

/*! The last non-empty lines of a program's stderr, for messages (at most maxLines, 400 chars). */
QString sshStderrExcerpt(const QByteArray& standardError, int maxLines = 3);

/*!
 * Recognises the OpenSSH client's own failures in its stderr after exit code 255 (which is also
 * a remote command's legitimate exit code 255). Returns kind None when nothing matches, so the
 * caller can treat 255 as the remote command's. Host-key failures come back with host,
 * offeredFingerprint and knownHostsLocation filled from ssh's warning text; knownFingerprints
 * needs a look into known_hosts (see HostKeyCheck / SshConnect).
 */
SshError sshFailureFromStderr(const QByteArray& standardError, const QString& label);
