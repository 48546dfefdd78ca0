// SPDX-License-Identifier: Apache-2.0
#include "error.h"

#include <QMetaEnum>

Error Error::canceled(const QString& message)
{
    return make(Kind::Canceled, message.isEmpty() ? QStringLiteral("Canceled.") : message);
}

Error Error::timeout(const QString& message, const QString& detail)
{
    return make(Kind::Timeout, message, detail);
}

Error Error::make(Kind kind, const QString& message, const QString& detail)
{
    Error error;
    error.kind = kind;
    error.message = message;
    error.detail = detail;
    return error;
}

QString Error::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None: return QStringLiteral("None");
    case Kind::Canceled: return QStringLiteral("Canceled");
    case Kind::Timeout: return QStringLiteral("Timeout");
    case Kind::InvalidInput: return QStringLiteral("InvalidInput");
    case Kind::LocalFailure: return QStringLiteral("LocalFailure");
    case Kind::KubernetesStatus: return QStringLiteral("KubernetesStatus");
    case Kind::KubernetesUnreachable: return QStringLiteral("KubernetesUnreachable");
    case Kind::KubernetesCredentials: return QStringLiteral("KubernetesCredentials");
    case Kind::PrometheusFailed: return QStringLiteral("PrometheusFailed");
    case Kind::SshConnectionFailed: return QStringLiteral("SshConnectionFailed");
    case Kind::SshAuthenticationFailed: return QStringLiteral("SshAuthenticationFailed");
    case Kind::SshHostKeyUnknown: return QStringLiteral("SshHostKeyUnknown");
    case Kind::SshHostKeyRejected: return QStringLiteral("SshHostKeyRejected");
    case Kind::SshHostKeyChanged: return QStringLiteral("SshHostKeyChanged");
    case Kind::SudoPasswordRequired: return QStringLiteral("SudoPasswordRequired");
    case Kind::SudoWrongPassword: return QStringLiteral("SudoWrongPassword");
    case Kind::SudoRefused: return QStringLiteral("SudoRefused");
    case Kind::TransferFailed: return QStringLiteral("TransferFailed");
    case Kind::RemoteCommandFailed: return QStringLiteral("RemoteCommandFailed");
    case Kind::PartialFailure: return QStringLiteral("PartialFailure");
    }
    return QStringLiteral("Unknown");
}

QString Error::text() const
{
    if (detail.isEmpty() || detail == message)
        return message;
    return message + QStringLiteral(" (") + detail + u')';
}
