// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "restconfig.h"

#include <QDateTime>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>

/*!
 * Credentials written in the kubeconfig itself: a client certificate and key and/or a token.
 * Handed back at once (synchronously when context lives in this thread).
 */
class StaticCredentialProvider final : public CredentialProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StaticCredentialProvider)
public:
    explicit StaticCredentialProvider(Credentials credentials, QObject* parent = nullptr);
    void obtain(bool refresh, QObject* context, Callback done) override;

private:
    Credentials m_credentials;
};

/*!
 * A tokenFile user (optionally with a client certificate): the file is read on first use,
 * re-read when asked to refresh (after a 401) and, as client-go does, when the last read is
 * older than a minute, so rotated tokens (projected service-account tokens) are picked up.
 */
class TokenFileCredentialProvider final : public CredentialProvider
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TokenFileCredentialProvider)
public:
    /*! base carries the client certificate, if any; label names the user in messages. */
    TokenFileCredentialProvider(QString path, Credentials base, QString label, QObject* parent = nullptr);
    void obtain(bool refresh, QObject* context, Callback done) override;

private:
    QString m_path;
    QString m_label;
    Credentials m_credentials;
    QDateTime m_readAt;
};

/*! A failed CredentialsResult. */
CredentialsResult credentialsError(const QString& message);

/*! Calls done with result in context's thread; never after context is destroyed. */
void deliverCredentials(QObject* context, const CredentialProvider::Callback& done, const CredentialsResult& result);

/*! A token file's token (trimmed); empty and *error set when unreadable or empty. */
QByteArray readTokenFile(const QString& path, QString* error);

/*! The certificates in a PEM text; empty and *error set (a phrase) when there are none. */
QList<QSslCertificate> certificatesFromPem(const QByteArray& pem, QString* error);

/*! The private key in a PEM text (RSA or EC; PKCS#1, SEC1 or PKCS#8); null and *error set if not usable. */
QSslKey privateKeyFromPem(const QByteArray& pem, QString* error);
