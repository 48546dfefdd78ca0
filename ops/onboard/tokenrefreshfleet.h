// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "onboardingservice.h"
#include "plan.h"

#include <QByteArray>
#include <QHash>
#include <QPointer>
#include <QStringList>

#include <functional>
#include <optional>

class KubeClient;
class TokenRefreshRun;
class VmRemote;

/*!
 * FleetRequest::Mode::RefreshToken as the FleetTask OnboardingService::runFleet returns: a
 * TokenRefreshRun per VM (every group VM of the plan when vms is empty), at most parallel at a
 * time; one failing VM never stops the others. Host keys, ssh passwords and the sudo password
 * come out as question(); the sudo password is asked once and reused (again only where refused),
 * held in memory for the run only.
 *
 * finished(Error{}) when every VM got its token; one VM: its own error; several with failures:
 * PartialFailure naming them (failedVms()).
 */
class TokenRefreshFleet final : public FleetTask
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenRefreshFleet)
public:
    using RemoteFactory = std::function<VmRemote*(const QString& vm, QObject* parent)>;

    TokenRefreshFleet(KubeClient* client, Plan plan, QStringList vms, RemoteFactory remotes, int parallel = 4,
                      QObject* parent = nullptr);
    ~TokenRefreshFleet() override;

    QStringList failedVms() const override { return m_failed; }
    /*! A password known up front (--sudo-password-file), for every VM; never stored beyond this run. */
    void setSudoPassword(const QByteArray& password) { m_sudoPassword = password; }

private:
    void run() override;
    void abort() override;
    void next();
    void askSudo(bool wrongBefore, QObject* context, std::function<void(std::optional<QByteArray>)> done);
    void complete();

    QPointer<KubeClient> m_client;
    Plan m_plan;
    QStringList m_queue;
    int m_total = 0;
    int m_done = 0;
    int m_parallel;
    RemoteFactory m_remotes;
    QList<QPointer<TokenRefreshRun>> m_running;
    QStringList m_failed;
    QStringList m_messages;
    Error m_firstError;
    std::optional<QByteArray> m_sudoPassword;
    QHash<QString, QByteArray> m_vmSudoPasswords; //!< each VM's own answer
};
