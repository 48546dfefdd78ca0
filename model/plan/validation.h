// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <optional>
#include <utility>

/*!
 * The Kubernetes and network name rules the plan's values must follow. Each *Problem function
 * returns an empty string when the value is fine, else a sentence saying what is wrong.
 */
namespace Validation {

QString dns1123LabelProblem(const QString& value);     //!< namespaces, VM names, port names
QString dns1123SubdomainProblem(const QString& value); //!< most object names
QString dns1035LabelProblem(const QString& value);     //!< Service names
QString labelKeyProblem(const QString& key);
QString labelValueProblem(const QString& value);
QString labelKeyHint();
QString labelValueHint();
QString portProblem(int port);
QString hostProblem(const QString& host); //!< DNS name, optionally "*."-prefixed
QString sshUserProblem(const QString& user);
/*! An IP, a host name or a ~/.ssh/config Host alias: no spaces, no leading '-', no shell characters. */
QString sshHostProblem(const QString& host);
/*! ssh -J syntax: [user@]host[:port], with IPv6 hosts in brackets when a port follows. */
QString jumpHostProblem(const QString& jump);

bool isIpAddress(const QString& text); //!< IPv4 or IPv6
bool isIpv6Address(const QString& text);
bool isIpv4Address(const QString& text);
/*! A CIDR such as 127.255.0.0/16: network address and prefix length, or nullopt. */
std::optional<std::pair<quint32, int>> parseIpv4Cidr(const QString& text);
std::optional<quint32> parseIpv4(const QString& text);
QString ipv4ToString(quint32 address);

} // namespace Validation
