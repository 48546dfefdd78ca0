// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "inflight.h"
#include "plan.h"
#include "remotetask.h"
#include "task.h"

#include <QByteArray>
#include <QDateTime>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

class KubeClient;
class VmRemote;
struct CommandResult;
struct KubeResult;

/*!
 * FleetRequest::Mode::RefreshToken for one VM: a TokenRequest for its group's service account
 * (audience istio-ca, the group's tokenDurationSeconds: what BundleRun asks for), then one sudo
 * run that writes it where the onboarding puts it, /var/run/secrets/tokens/istio-token, owned by
 * istio-proxy, mode 0600 from its first byte, through a temporary name and a rename, as the
 * distribution places files (InstallScript::distributionScript). The token
 * travels only on that command's stdin; it is never on a command line, in a log or in an error.
 *
 * No restart: the agent reads the token file each time it authenticates with it (the first
 * connection, and a certificate renewal after the certificate lapsed: reference
 * istio-vm-onboarding.md §4 "Cert lifecycle"), so the next renewal takes the new one. The
 * /var/run directory is recreated when a reboot emptied the tmpfs.
 *
 * A legacy VM (no group) has no token: the run fails with InvalidInput and says to re-onboard.
 */
class TokenRefreshRun final : public RemoteTask<Task>
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenRefreshRun)
public:
    /*! Asks for the sudo password (wrongBefore: the last one was refused); nullopt = the user declined. */
    using SudoPrompt = std::function<void(bool wrongBefore, QObject* context, std::function<void(std::optional<QByteArray>)> done)>;

    /*! remote is used, not owned (the caller opens nothing: the run opens it). */
    TokenRefreshRun(KubeClient* client, Plan plan, QString vmName, VmRemote* remote, QObject* parent = nullptr);
    ~TokenRefreshRun() override;

    void setSudoPrompt(SudoPrompt prompt) { m_sudoPrompt = std::move(prompt); }
    QString vmName() const { return m_vmName; }
    /*! After success: the new token's expirationTimestamp. */
    QDateTime tokenExpiry() const { return m_expiry; }

    /*! The sudo script that installs the token of size bytes arriving on stdin (no secret in it). */
    static QString installScript(qint64 size);

private:
    void run() override;
    void abort() override;
    void onToken(const KubeResult& result);
    void deliver();
    void onDelivered(const CommandResult& result);

    QPointer<KubeClient> m_client;
    Plan m_plan;
    QString m_vmName;
    QPointer<VmRemote> m_remote;
    SudoPrompt m_sudoPrompt;
    QByteArray m_token; //!< only between the TokenRequest and the delivery; cleared after
    QByteArray m_sudoPassword;
    QDateTime m_expiry;
    int m_sudoAttempts = 0;
    InFlight m_inFlight;
};
