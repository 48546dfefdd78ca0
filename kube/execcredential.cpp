// SPDX-License-Identifier: Apache-2.0
#include "execcredential.h"

#include "credentialproviders.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace {

constexpr int kMaxExcerptLineLength = 200;

QDateTime parseTimestamp(const QString& text)
{
    // RFC 3339: "2026-07-01T12:00:00Z", with optional fractions and a numeric offset.
    QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        time = QDateTime::fromString(text, Qt::ISODate);
    return time;
}

} // namespace

QByteArray execInfoJson(const ExecPluginConfig& config, bool interactive)
{
    QJsonObject spec{{u"interactive"_qs, interactive}};
    if (config.provideClusterInfo) {
        const ExecClusterInfo& info = config.cluster;
        QJsonObject cluster{{u"server"_qs, info.server}};
        if (!info.tlsServerName.isEmpty())
            cluster.insert(u"tls-server-name"_qs, info.tlsServerName);
        if (info.insecureSkipTlsVerify)
            cluster.insert(u"insecure-skip-tls-verify"_qs, true);
        if (!info.certificateAuthorityPem.isEmpty())
            cluster.insert(u"certificate-authority-data"_qs, QString::fromLatin1(info.certificateAuthorityPem.toBase64()));
        if (!info.proxyUrl.isEmpty())
            cluster.insert(u"proxy-url"_qs, info.proxyUrl);
        if (!info.config.isUndefined() && !info.config.isNull())
            cluster.insert(u"config"_qs, info.config);
        spec.insert(u"cluster"_qs, cluster);
    }
    const QJsonObject root{
        {u"apiVersion"_qs, config.apiVersion},
        {u"kind"_qs, u"ExecCredential"_qs},
        {u"spec"_qs, spec},
    };
    return QJsonDocument(root).toJson(QJsonDocument::Compact);
}

ParsedExecCredential parseExecCredential(const QByteArray& output, const QString& apiVersion)
{
    ParsedExecCredential parsed;
    QJsonParseError jsonError;
    const QJsonDocument document = QJsonDocument::fromJson(output, &jsonError);
    if (jsonError.error != QJsonParseError::NoError || !document.isObject()) {
        parsed.error = output.trimmed().isEmpty()
            ? u"printed nothing on stdout (an ExecCredential JSON object was expected)"_qs
            : u"did not print an ExecCredential JSON object on stdout (%1 at offset %2)"_qs.arg(jsonError.errorString())
                  .arg(jsonError.offset);
        return parsed;
    }
    const QJsonObject root = document.object();
    const QString printedVersion = root.value(u"apiVersion"_qs).toString();
    if (printedVersion != apiVersion) {
        parsed.error = u"printed apiVersion \"%1\" but the kubeconfig asks for \"%2\""_qs.arg(printedVersion, apiVersion);
        return parsed;
    }
    if (root.value(u"kind"_qs).toString() != u"ExecCredential") {
        parsed.error = u"printed kind \"%1\" instead of ExecCredential"_qs.arg(root.value(u"kind"_qs).toString());
        return parsed;
    }
    const QJsonObject status = root.value(u"status"_qs).toObject();
    if (status.isEmpty()) {
        parsed.error = u"printed an ExecCredential without status"_qs;
        return parsed;
    }

    Credentials& credentials = parsed.credentials;
    credentials.bearerToken = status.value(u"token"_qs).toString().toUtf8();
    const QByteArray certificatePem = status.value(u"clientCertificateData"_qs).toString().toUtf8();
    const QByteArray keyPem = status.value(u"clientKeyData"_qs).toString().toUtf8();
    if (certificatePem.isEmpty() != keyPem.isEmpty()) {
        parsed.error = certificatePem.isEmpty() ? u"returned clientKeyData without clientCertificateData"_qs
                                                : u"returned clientCertificateData without clientKeyData"_qs;
        return parsed;
    }
    if (credentials.bearerToken.isEmpty() && certificatePem.isEmpty()) {
        parsed.error = u"returned neither status.token nor status.clientCertificateData and clientKeyData"_qs;
        return parsed;
    }
    if (!certificatePem.isEmpty()) {
        QString problem;
        const QList<QSslCertificate> chain = certificatesFromPem(certificatePem, &problem);
        if (chain.isEmpty()) {
            parsed.error = u"status.clientCertificateData: "_qs + problem;
            return parsed;
        }
        credentials.clientCertificate = chain.first();
        credentials.clientKey = privateKeyFromPem(keyPem, &problem);
        if (credentials.clientKey.isNull()) {
            parsed.error = u"status.clientKeyData: "_qs + problem;
            return parsed;
        }
    }
    const QString expiration = status.value(u"expirationTimestamp"_qs).toString();
    if (!expiration.isEmpty()) {
        credentials.expiry = parseTimestamp(expiration);
        if (!credentials.expiry.isValid()) {
            parsed.error = u"status.expirationTimestamp \"%1\" is not an RFC 3339 time"_qs.arg(expiration);
            return parsed;
        }
    }
    return parsed;
}

QString stderrExcerpt(const QByteArray& stderrText, int maxLines)
{
    QStringList lines;
    const QStringList all = QString::fromUtf8(stderrText).split(u'\n');
    for (const QString& raw : all) {
        const QString line = raw.trimmed();
        if (line.isEmpty())
            continue;
        if (lines.size() == maxLines) {
            lines.append(u"…"_qs);
            break;
        }
        lines.append(line.size() > kMaxExcerptLineLength ? line.left(kMaxExcerptLineLength) + u"…"_qs : line);
    }
    return lines.join(u" / "_qs);
}
