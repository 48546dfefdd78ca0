// SPDX-License-Identifier: Apache-2.0
#include "credentialproviders.h"

#include "pem.h"

#include <QFile>
#include <QFileInfo>
#include <QMetaObject>
#include <QThread>

#include <optional>

namespace {

/*! client-go re-reads a token file about once a minute (transport/token_source.go). */
constexpr qint64 kTokenFileMaxAgeMs = 60'000;

/*! Token files are a few kB at most; anything bigger is the wrong file. */
constexpr qint64 kMaxTokenFileSize = 1024 * 1024;

/*! Pem::parse writes sentences; messages here are "field: phrase". */
QString asPhrase(QString sentence)
{
    if (sentence.endsWith(u'.'))
        sentence.chop(1);
    if (!sentence.isEmpty())
        sentence[0] = sentence.at(0).toLower();
    return sentence;
}

QByteArray pemBlock(const Pem::Block& block)
{
    const QByteArray type = block.type.toLatin1();
    QByteArray text = "-----BEGIN " + type + "-----\n";
    const QByteArray body = block.der.toBase64();
    for (qsizetype i = 0; i < body.size(); i += 64)
        text += body.mid(i, 64) + '\n';
    return text + "-----END " + type + "-----\n";
}

} // namespace

StaticCredentialProvider::StaticCredentialProvider(Credentials credentials, QObject* parent)
    : CredentialProvider(parent)
    , m_credentials(std::move(credentials))
{
}

void StaticCredentialProvider::obtain(bool refresh, QObject* context, Callback done)
{
    Q_UNUSED(refresh) // nothing to renew: the kubeconfig is read again only when it is reloaded
    deliverCredentials(context, done, CredentialsResult{m_credentials, QString()});
}

TokenFileCredentialProvider::TokenFileCredentialProvider(QString path, Credentials base, QString label, QObject* parent)
    : CredentialProvider(parent)
    , m_path(std::move(path))
    , m_label(std::move(label))
    , m_credentials(std::move(base))
{
}

void TokenFileCredentialProvider::obtain(bool refresh, QObject* context, Callback done)
{
    const bool stale = !m_readAt.isValid() || m_readAt.msecsTo(QDateTime::currentDateTimeUtc()) > kTokenFileMaxAgeMs;
    if (refresh || stale) {
        QString error;
        const QByteArray token = readTokenFile(m_path, &error);
        if (token.isEmpty()) {
            m_readAt = {};
            deliverCredentials(context, done, credentialsError(m_label + u": tokenFile: "_qs + error));
            return;
        }
        m_credentials.bearerToken = token;
        m_readAt = QDateTime::currentDateTimeUtc();
    }
    deliverCredentials(context, done, CredentialsResult{m_credentials, QString()});
}

CredentialsResult credentialsError(const QString& message)
{
    CredentialsResult result;
    result.error = message;
    return result;
}

void deliverCredentials(QObject* context, const CredentialProvider::Callback& done, const CredentialsResult& result)
{
    if (!done)
        return;
    if (!context) {
        done(result);
        return;
    }
    if (context->thread() == QThread::currentThread()) {
        done(result);
        return;
    }
    // Posted to context: dropped by Qt if context is destroyed before it is delivered.
    QMetaObject::invokeMethod(context, [done, result] { done(result); }, Qt::QueuedConnection);
}

QByteArray readTokenFile(const QString& path, QString* error)
{
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = path + u" does not exist"_qs;
        return {};
    }
    if (!info.isFile() || info.size() > kMaxTokenFileSize) {
        *error = path + u" is not a token file"_qs;
        return {};
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path + u" cannot be read: "_qs + file.errorString();
        return {};
    }
    const QByteArray token = file.readAll().trimmed();
    if (token.isEmpty())
        *error = path + u" is empty"_qs;
    return token;
}

QList<QSslCertificate> certificatesFromPem(const QByteArray& pem, QString* error)
{
    QString parseError;
    const std::optional<QList<Pem::Block>> blocks = Pem::parse(pem, &parseError);
    if (!blocks) {
        *error = asPhrase(parseError);
        return {};
    }
    QList<QSslCertificate> certificates;
    for (const Pem::Block& block : *blocks) {
        if (block.type != u"CERTIFICATE")
            continue;
        const QSslCertificate certificate(block.der, QSsl::Der);
        if (certificate.isNull()) {
            *error = u"a CERTIFICATE block is not a valid X.509 certificate"_qs;
            return {};
        }
        certificates.append(certificate);
    }
    if (certificates.isEmpty())
        *error = u"holds no CERTIFICATE block"_qs;
    return certificates;
}

QSslKey privateKeyFromPem(const QByteArray& pem, QString* error)
{
    QString parseError;
    const std::optional<QList<Pem::Block>> blocks = Pem::parse(pem, &parseError);
    if (!blocks) {
        *error = asPhrase(parseError);
        return {};
    }
    for (const Pem::Block& block : *blocks) {
        // PKCS#8 "ENCRYPTED PRIVATE KEY", or OpenSSL's legacy RFC 1421 header on an RSA/EC key.
        if (block.type == u"ENCRYPTED PRIVATE KEY" || pem.contains("Proc-Type: 4,ENCRYPTED")) {
            *error = u"the private key is encrypted; Kubernetes clients need it unencrypted"_qs;
            return {};
        }
        if (!block.type.endsWith(u"PRIVATE KEY"))
            continue;
        QList<QSsl::KeyAlgorithm> algorithms{QSsl::Rsa, QSsl::Ec};
        if (block.type == u"EC PRIVATE KEY")
            algorithms = {QSsl::Ec};
        else if (block.type == u"RSA PRIVATE KEY")
            algorithms = {QSsl::Rsa};
        for (const QSsl::KeyAlgorithm algorithm : algorithms) {
            const QSslKey key(pemBlock(block), algorithm, QSsl::Pem, QSsl::PrivateKey);
            if (!key.isNull())
                return key;
        }
        *error = u"the \"%1\" block is not an RSA or EC private key meshdeck can use"_qs.arg(block.type);
        return {};
    }
    *error = u"holds no PRIVATE KEY block"_qs;
    return {};
}
