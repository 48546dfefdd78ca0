// SPDX-License-Identifier: Apache-2.0
#include "tokenrefreshrun.h"

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

QString TokenRefreshRun::installScript()
{
    // umask first: the temporary file is 0600 before a byte of the token is in it. The owner is
    // the agent's user (istio.io's chown -R istio-proxy /var/run/secrets), and the rename makes
    // the swap atomic for an agent reading at that moment.
    return uR"sh(set -eu
umask 077
d=/var/run/secrets/tokens
mkdir -p "$d"
tmp=$(mktemp "$d/.istio-token.XXXXXX")
trap 'rm -f "$tmp"' EXIT
cat > "$tmp"
[ -s "$tmp" ] || { echo "no token arrived" >&2; exit 3; }
if id istio-proxy >/dev/null 2>&1; then chown istio-proxy "$d" "$tmp"; fi
chmod 0600 "$tmp"
mv -f "$tmp" "$d/istio-token"
trap - EXIT
echo meshdeck-token=ok
)sh"_qs;
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
    request.argv = {u"sh"_qs, u"-c"_qs, installScript()};
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
