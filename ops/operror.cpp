// SPDX-License-Identifier: Apache-2.0
#include "operror.h"

#include "kubestatus.h"
#include "kubeclient.h"
#include "prometheusclient.h"
#include "ssherror.h"

namespace {

Error::Kind kindOf(SshError::Kind kind)
{
    switch (kind) {
    case SshError::Kind::None: return Error::Kind::None;
    case SshError::Kind::Canceled: return Error::Kind::Canceled;
    case SshError::Kind::Timeout: return Error::Kind::Timeout;
    case SshError::Kind::BadInput: return Error::Kind::InvalidInput;
    case SshError::Kind::LocalFailure: return Error::Kind::LocalFailure;
    case SshError::Kind::ConnectionFailed: return Error::Kind::SshConnectionFailed;
    case SshError::Kind::AuthenticationFailed: return Error::Kind::SshAuthenticationFailed;
    case SshError::Kind::HostKeyUnknown: return Error::Kind::SshHostKeyUnknown;
    case SshError::Kind::HostKeyRejected: return Error::Kind::SshHostKeyRejected;
    case SshError::Kind::HostKeyChanged: return Error::Kind::SshHostKeyChanged;
    case SshError::Kind::SudoPasswordRequired: return Error::Kind::SudoPasswordRequired;
    case SshError::Kind::SudoWrongPassword: return Error::Kind::SudoWrongPassword;
    case SshError::Kind::SudoFailed: return Error::Kind::SudoRefused;
    case SshError::Kind::TransferFailed: return Error::Kind::TransferFailed;
    case SshError::Kind::OutputTooLarge: return Error::Kind::RemoteCommandFailed;
    }
    return Error::Kind::LocalFailure;
}

Error::Kind kindOf(KubeError::Kind kind)
{
    switch (kind) {
    case KubeError::Kind::None: return Error::Kind::None;
    case KubeError::Kind::Canceled: return Error::Kind::Canceled;
    case KubeError::Kind::Timeout: return Error::Kind::Timeout;
    case KubeError::Kind::Network:
    case KubeError::Kind::Tls: return Error::Kind::KubernetesUnreachable;
    case KubeError::Kind::Credentials: return Error::Kind::KubernetesCredentials;
    default: return Error::Kind::KubernetesStatus;
    }
}

Error::Kind kindOf(PrometheusError::Kind kind)
{
    switch (kind) {
    case PrometheusError::Kind::None: return Error::Kind::None;
    case PrometheusError::Kind::Canceled: return Error::Kind::Canceled;
    case PrometheusError::Kind::Timeout: return Error::Kind::Timeout;
    default: return Error::Kind::PrometheusFailed;
    }
}

QString kubeReason(const KubeError& error)
{
    if (error.status && !error.status->reason.isEmpty())
        return error.status->reason;
    switch (error.kind) {
    case KubeError::Kind::NotServed: return QStringLiteral("NotServed");
    case KubeError::Kind::BadResponse: return QStringLiteral("BadResponse");
    case KubeError::Kind::Unauthorized: return QStringLiteral("Unauthorized");
    case KubeError::Kind::Forbidden: return QStringLiteral("Forbidden");
    case KubeError::Kind::NotFound: return QStringLiteral("NotFound");
    case KubeError::Kind::AlreadyExists: return QStringLiteral("AlreadyExists");
    case KubeError::Kind::Conflict: return QStringLiteral("Conflict");
    case KubeError::Kind::Invalid: return QStringLiteral("Invalid");
    case KubeError::Kind::Expired: return QStringLiteral("Expired");
    case KubeError::Kind::TooManyRequests: return QStringLiteral("TooManyRequests");
    case KubeError::Kind::ServerError: return QStringLiteral("InternalError");
    case KubeError::Kind::BadRequest: return QStringLiteral("BadRequest");
    default: return {};
    }
}

} // namespace

Error toError(const SshError& error)
{
    Error result = Error::make(kindOf(error.kind), error.message, error.detail);
    result.host = error.host;
    result.knownFingerprints = error.knownFingerprints;
    result.offeredFingerprint = error.offeredFingerprint;
    result.knownHostsLocation = error.knownHostsLocation;
    return result;
}

Error toError(const KubeError& error)
{
    Error result = Error::make(kindOf(error.kind), error.message, error.detail);
    result.httpStatus = error.httpStatus;
    if (result.kind == Error::Kind::KubernetesStatus)
        result.reason = kubeReason(error);
    return result;
}

Error toError(const PrometheusError& error)
{
    Error result = Error::make(kindOf(error.kind), error.message, error.detail);
    result.httpStatus = error.httpStatus;
    result.reason = error.errorType;
    return result;
}
