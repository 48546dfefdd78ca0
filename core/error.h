// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QMetaType>
#include <QString>
#include <QStringList>

/*!
 * Why an operation failed, kept typed all the way up to the page or command that shows it.
 *
 * The transports have richer types of their own (KubeError in kube/, SshError in ssh/); the
 * operations layer converts them to this one without losing what a page needs to decide: the
 * kind (a changed host key shows both fingerprints and stops, a wrong password asks again, a
 * Kubernetes Status names its reason and HTTP code), one sentence for the user, and the
 * technical detail (the program's or the server's own words) for a bug report.
 *
 * Kind None is success: `Error{}` is "no error". A default-constructed Error is what a task that
 * finished well reports.
 */
struct Error
{
    enum class Kind {
        None,
        Canceled,            //!< the user (or the caller) canceled; never shown as a failure
        Timeout,             //!< an operation ran out of its time bound
        InvalidInput,        //!< a plan, a file, an option or a value that cannot be used as given
        LocalFailure,        //!< a local program missing or failing, a local file unreadable or unwritable
        // Kubernetes
        KubernetesStatus,    //!< the API server answered with a Status (httpStatus, reason)
        KubernetesUnreachable, //!< no answer: connection refused, TLS, DNS, proxy
        KubernetesCredentials, //!< the kubeconfig's credentials could not be obtained (exec plugin, token file)
        // Prometheus
        PrometheusFailed,    //!< Prometheus unreachable or answering with an error
        // SSH (SshError's kinds, one for one)
        SshConnectionFailed,
        SshAuthenticationFailed,
        SshHostKeyUnknown,
        SshHostKeyRejected,
        SshHostKeyChanged,   //!< a hard stop: show host, knownFingerprints, offeredFingerprint
        SudoPasswordRequired,
        SudoWrongPassword,
        SudoRefused,
        TransferFailed,
        RemoteCommandFailed, //!< a command on a VM ran and exited with a failure (exitCode)
        // Several VMs or objects failed; each has its own error (FleetModel, ApplyRun's results).
        PartialFailure,
    };

    Kind kind = Kind::None;
    QString message; //!< one sentence for the user, with the fix where there is one
    QString detail;  //!< technical: the program's, the server's or the VM's own words

    // KubernetesStatus
    int httpStatus = 0;
    QString reason; //!< Status.reason: NotFound, Conflict, Forbidden, Invalid, ...
    // RemoteCommandFailed
    int exitCode = -1;
    // Ssh*HostKey*
    QString host;                  //!< the known_hosts name: host or [host]:port
    QStringList knownFingerprints; //!< SHA256:... known_hosts holds
    QString offeredFingerprint;    //!< SHA256:... the host offered
    QString knownHostsLocation;    //!< file:line of the entry

    bool isError() const { return kind != Kind::None; }
    bool isCanceled() const { return kind == Kind::Canceled; }
    explicit operator bool() const { return isError(); }

    static Error canceled(const QString& message = {});
    static Error timeout(const QString& message, const QString& detail = {});
    static Error make(Kind kind, const QString& message, const QString& detail = {});

    /*! The name of a kind, for logs, JSON output and tests ("SshHostKeyChanged"). */
    static QString kindName(Kind kind);
    /*! message, then detail in parentheses when there is one: for a single line of text. */
    QString text() const;
};

Q_DECLARE_METATYPE(Error)
