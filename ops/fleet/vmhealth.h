// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>

/*!
 * What the slow ssh probe of an onboarded VM found: the sidecar unit, the agent's readiness, the
 * istio-token's expiry and the workload certificate's. The token never leaves the VM: the probe
 * script decodes only its payload's exp claim there and prints that number.
 */
struct VmHealth
{
    enum class Token {
        Unknown,    //!< not probed, or the probe could not tell
        Present,    //!< tokenExpiry holds its exp (invalid when it has none)
        Missing,    //!< no file: a reboot emptied /var/run (tmpfs), or never delivered
        Unreadable, //!< there, but the probe ran without sudo
    };

    QDateTime probedAt;
    QString unitState;          //!< `systemctl is-active istio`: active, inactive, failed, activating, ...
    std::optional<bool> ready;  //!< the agent's /healthz/ready answered 200; nullopt: no answer at all
    Token token = Token::Unknown;
    QDateTime tokenExpiry;
    QDateTime certificateExpiry;
    QString certificateSource;  //!< the file read, or "agent" (its /certs admin endpoint)
    QString error;              //!< the probe itself failed (ssh, sudo): nothing above is known
    friend bool operator==(const VmHealth&, const VmHealth&) = default;
};

/*! Where the onboarding puts the token (istio.io's placement; ops/onboard/scripts/installscript.cpp). */
inline constexpr char16_t istioTokenPath[] = u"/var/run/secrets/tokens/istio-token";

/*!
 * The probe as one POSIX sh script (run with sudo when it needs no password, so the 0600 token can
 * be read; without it otherwise). It prints "key=value" lines: unit=, ready=<http code>,
 * token=missing|unreadable|present, token_exp=<seconds>, cert=<path>, cert_end=<openssl's
 * notAfter=...>, agent_cert_exp=<RFC 3339> (one per certificate the agent's admin endpoint lists).
 */
QString vmHealthScript();

/*! Reads vmHealthScript()'s output; the workload certificate is the soonest to expire. */
VmHealth parseVmHealth(const QByteArray& output);
