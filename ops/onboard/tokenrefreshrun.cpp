// SPDX-License-Identifier: Apache-2.0
#include "tokenrefreshrun.h"

#include "installscript.h"
#include "kubeclient.h"
#include "kubeoperation.h"
#include "operror.h"
#include "secrets.h"
#include "vmremote.h"

TokenRefreshRun::TokenRefreshRun(KubeClient* client, Plan plan, QString vmName, VmRemote* remote, QObject* parent)
    : RemoteTask(parent)
    , m_client(client)
    , m_plan(std::move(plan))
    , m_vmName(std::move(vmName))
    , m_remote(remote)
{
}

TokenRefreshRun::~TokenRefreshRun()
{
    Secrets::wipe(m_token);
    Secrets::wipe(m_sudoPassword);
}

QString TokenRefreshRun::installScript(qint64 size)
{
    // The onboarding's own placement (InstallScript): the token arrives on stdin into a private
    // directory, is created 0600 under a new name beside its target and renamed over it (atomic
    // for an agent reading at that moment), owned by istio-proxy. /var/run/secrets belongs to
    // istio-proxy, and a reboot empties it: the directories are made again, each entered without
    // following a link istio-proxy could have put there (security review H4; before, a link in
    // place of tokens/ had root chown its target to istio-proxy).
    InstallScript::Distribution spec;
    spec.incoming = {InstallScript::Incoming{u"istio-token"_qs, size}};
    spec.directories = {u"/var/run/secrets/tokens"_qs};
    spec.files = {InstallScript::Placement{u"./istio-token"_qs, u"/var/run/secrets/tokens/istio-token"_qs, u"0600"_qs}};
    spec.ownedDirectories = {u"/var/run/secrets"_qs};
    return InstallScript::distributionScript(spec) + u"\necho meshdeck-token=ok\n"_qs;
}

void TokenRefreshRun::run()
{
    const Vm* vm = m_plan.vm(m_vmName);
    if (!vm) {
        finish(Error::make(Error::Kind::InvalidInput, tr("The plan has no VM %1.").arg(m_vmName)));
        return;
    }
    const VmGroup* group = m_plan.group(vm->group);
    if (!group) {
        finish(Error::make(Error::Kind::InvalidInput,
                           tr("%1 is a legacy VM: it has a workload certificate, not a token. Re-onboard it to "
                              "renew the certificate.")
                               .arg(m_vmName)));
        return;
    }
    if (!m_client) {
        finish(Error::make(Error::Kind::KubernetesUnreachable, tr("Not connected to a cluster.")));
        return;
    }
    if (!m_remote) {
        finish(Error::make(Error::Kind::InvalidInput, tr("No way to reach %1 over ssh.").arg(m_vmName)));
        return;
    }
    setProgress(0, 2, tr("requesting a token for %1/%2").arg(group->namespaceName, group->serviceAccount));
    KubeOperation* op = m_client->requestToken(group->namespaceName, group->serviceAccount, {u"istio-ca"_qs},
                                               group->tokenDurationSeconds);
    connect(op, &KubeOperation::finished, this, &TokenRefreshRun::onToken);
    m_inFlight.start(op);
}

void TokenRefreshRun::abort()
{
    m_inFlight.cancelAll();
    if (m_remote)
        m_remote->cancel();
    Secrets::wipe(m_token);
    m_token.clear();
}

void TokenRefreshRun::onToken(const KubeResult& result)
{
    if (!isRunning())
        return;
    const QString token = result.json[u"status"_qs][u"token"_qs].toString();
    if (!result.ok() || token.isEmpty()) {
        const VmGroup* group = m_plan.group(m_plan.vm(m_vmName)->group);
        Error error = result.ok() ? Error::make(Error::Kind::KubernetesStatus, {}) : toError(result.error);
        error.detail = error.message;
        error.message = tr("TokenRequest for ServiceAccount %1/%2 failed: %3")
                            .arg(group->namespaceName, group->serviceAccount,
                                 result.ok() ? tr("the answer holds no token") : result.error.message);
        finish(error);
        return;
    }
    m_token = token.toUtf8();
    m_expiry = QDateTime::fromString(result.json[u"status"_qs][u"expirationTimestamp"_qs].toString(), Qt::ISODate);
    setProgress(1, 2, tr("delivering the token to %1").arg(m_vmName));
    openRemote(m_remote, [this] { deliver(); });
}

void TokenRefreshRun::deliver()
{
    RemoteRequest request;
    request.argv = {u"sh"_qs, u"-c"_qs, installScript(m_token.size())};
    request.sudo = true;
    request.sudoPassword = m_sudoPassword;
    request.input = m_token;
    request.timeout = std::chrono::seconds(60);
    m_remote->run(request, [this](const CommandResult& result) { onDelivered(result); });
}

void TokenRefreshRun::onDelivered(const CommandResult& result)
{
    if (!isRunning())
        return;
    using K = SshError::Kind;
    const bool needsPassword = result.error.kind == K::SudoPasswordRequired || result.error.kind == K::SudoWrongPassword;
    if (needsPassword && m_sudoPrompt && m_sudoAttempts < 3) {
        ++m_sudoAttempts;
        m_sudoPrompt(result.error.kind == K::SudoWrongPassword, this, [this](std::optional<QByteArray> password) {
            if (!isRunning())
                return;
            if (!password) {
                finish(Error::make(Error::Kind::Canceled, tr("No sudo password given.")));
                return;
            }
            Secrets::wipe(m_sudoPassword);
            m_sudoPassword = *password;
            deliver();
        });
        return;
    }
    Secrets::wipe(m_token);
    m_token.clear();
    if (result.error.isError()) {
        finish(toError(result.error));
        return;
    }
    if (result.exitCode != 0) {
        Error error = Error::make(Error::Kind::RemoteCommandFailed,
                                  tr("Writing the token on %1 failed.").arg(m_vmName),
                                  QString::fromUtf8(result.standardError).trimmed());
        error.exitCode = result.exitCode;
        finish(error);
        return;
    }
    setProgress(2, 2, tr("token delivered"));
    finish();
}
