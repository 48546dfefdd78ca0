// SPDX-License-Identifier: Apache-2.0
#pragma once

// The ExecCredential protocol (client.authentication.k8s.io v1/v1beta1) as pure functions.

#include "execplugin.h"

#include <QByteArray>
#include <QString>

/*!
 * KUBERNETES_EXEC_INFO for the plugin: {"apiVersion", "kind": "ExecCredential", "spec":
 * {"interactive", "cluster": {...}}}, spec.cluster only with provideClusterInfo.
 */
QByteArray execInfoJson(const ExecPluginConfig& config, bool interactive);

struct ParsedExecCredential
{
    Credentials credentials;
    QString error; //!< empty = success; else a phrase: what the plugin printed wrong
};

/*!
 * Reads the plugin's stdout: an ExecCredential of the configured apiVersion whose status has a
 * token or both clientCertificateData and clientKeyData, and optionally an RFC 3339
 * expirationTimestamp. Messages never quote the credentials.
 */
ParsedExecCredential parseExecCredential(const QByteArray& output, const QString& apiVersion);

/*! The first lines of a failing plugin's stderr, for the error message (at most maxLines, each cut). */
QString stderrExcerpt(const QByteArray& stderrText, int maxLines = 4);
