// SPDX-License-Identifier: Apache-2.0
#include "kubestatus.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QUrl>

std::optional<KubeStatus> KubeStatus::fromJson(const QJsonObject& object)
{
    if (object.value(u"kind").toString() != u"Status")
        return std::nullopt;
    KubeStatus status;
    status.code = object.value(u"code").toInt();
    status.status = object.value(u"status").toString();
    status.reason = object.value(u"reason").toString();
    status.message = object.value(u"message").toString();
    const QJsonObject details = object.value(u"details").toObject();
    status.detailsName = details.value(u"name").toString();
    status.detailsGroup = details.value(u"group").toString();
    status.detailsKind = details.value(u"kind").toString();
    status.retryAfterSeconds = details.value(u"retryAfterSeconds").toInt();
    for (const QJsonValue& cause : details.value(u"causes").toArray()) {
        const QJsonObject c = cause.toObject();
        status.causes.append({c.value(u"reason").toString(), c.value(u"message").toString(),
                              c.value(u"field").toString()});
    }
    return status;
}

// Go's %q quoting, as the apiserver writes names into messages.
static const QString quoted = uR"re("((?:[^"\\]|\\.)*)")re"_qs;

static QString unquote(QString text)
{
    text.replace(u"\\\""_qs, u"\""_qs);
    text.replace(u"\\\\"_qs, u"\\"_qs);
    return text;
}

QStringList conflictManagersOf(const KubeStatus& status)
{
    static const QRegularExpression manager(u"conflicts? with "_qs + quoted);
    QStringList managers;
    for (const StatusCause& cause : status.causes) {
        if (cause.reason != u"FieldManagerConflict")
            continue;
        const QRegularExpressionMatch match = manager.match(cause.message);
        if (match.hasMatch() && !managers.contains(unquote(match.captured(1))))
            managers.append(unquote(match.captured(1)));
    }
    return managers;
}

QString describeForbidden(const QString& serverMessage)
{
    // apiserver endpoints/handlers/responsewriters/errors.go forbiddenMessage(), plus ": reason".
    static const QRegularExpression rbac(
        u"User "_qs + quoted + u" cannot (\\S+) (resource|path) "_qs + quoted
            + u"(?: in API group "_qs + quoted + u")?(?: in the namespace "_qs + quoted
            + u"| (at the cluster scope))?(?:: (.*))?$"_qs,
        QRegularExpression::DotMatchesEverythingOption);
    const QRegularExpressionMatch m = rbac.match(serverMessage);
    if (!m.hasMatch())
        return serverMessage.startsWith(u"forbidden") ? serverMessage
                                                      : u"forbidden: "_qs + serverMessage;
    QString sentence = u"forbidden: user "_qs + unquote(m.captured(1)) + u" cannot "_qs + m.captured(2)
        + u' ' + unquote(m.captured(4));
    if (!m.captured(6).isEmpty())
        sentence += u" in namespace "_qs + unquote(m.captured(6));
    else if (!m.captured(7).isEmpty())
        sentence += u" at the cluster scope"_qs;
    if (!m.captured(5).isEmpty())
        sentence += u" (API group "_qs + unquote(m.captured(5)) + u')';
    if (!m.captured(8).isEmpty())
        sentence += u": "_qs + m.captured(8);
    return sentence;
}

static QString subject(const ObjectRef& target, const KubeStatus& status)
{
    ObjectRef ref = target;
    if (ref.kind.isEmpty())
        ref.kind = status.detailsKind;
    if (ref.name.isEmpty())
        ref.name = status.detailsName;
    if (ref.kind.isEmpty())
        return ref.name.isEmpty() ? QString() : u"the object "_qs + ref.name;
    return u"the "_qs + ref.displayName();
}

/*! "apply the WorkloadGroup a/b", or only the verb when the request was not about an object. */
static QString action(const QString& verb, const ObjectRef& target, const KubeStatus& status)
{
    const QString what = subject(target, status);
    return what.isEmpty() ? verb : verb + u' ' + what;
}

static QString describeCauses(const KubeStatus& status)
{
    QStringList parts;
    for (const StatusCause& cause : status.causes) {
        QString field = cause.field.startsWith(u'.') ? cause.field.mid(1) : cause.field;
        if (field == u"<nil>")
            field.clear(); // CEL's "rules not checked" cause has no field
        if (field.isEmpty() || cause.message.startsWith(field)) {
            parts.append(cause.message);
            continue;
        }
        // CRD schema errors repeat the field inside the text ("Invalid value: 0: spec.x in body
        // should be ..."); say it once, in front, as built-in validation does.
        QString message = cause.message;
        message.replace(field + u" in body "_qs, QString());
        parts.append(field + u": "_qs + message);
    }
    return parts.join(u"; "_qs);
}

static QString describeConflict(const ObjectRef& target, const KubeStatus& status)
{
    QStringList fields;
    for (const StatusCause& cause : status.causes) {
        if (cause.reason != u"FieldManagerConflict")
            continue;
        static const QRegularExpression manager(u"conflicts? with "_qs + quoted);
        const QString owner = unquote(manager.match(cause.message).captured(1));
        fields.append(cause.field + u" (managed by \""_qs + owner + u"\")"_qs);
    }
    if (fields.isEmpty())
        return subject(target, status)
            + u" was changed by someone else in the meantime; read it again and retry: "_qs
            + status.message;
    return subject(target, status) + u" has fields owned by another field manager: "_qs
        + fields.join(u", "_qs) + u"; apply with force to take them over"_qs;
}

/*!
 * Server-side apply checks the patch against the schema before anything else and answers an
 * unknown field with a bare 500 (whatever fieldValidation says): "failed to create typed patch
 * object (ns/name; group/version, Kind=K): .spec.x: field not declared in schema".
 */
static bool isTypedPatchError(int httpStatus, const QString& message)
{
    return httpStatus == 500 && message.startsWith(u"failed to create typed patch object"_qs);
}

static KubeError::Kind kindFor(int httpStatus, const QString& reason, const QString& message)
{
    using K = KubeError::Kind;
    if (reason == u"AlreadyExists")
        return K::AlreadyExists;
    if (isTypedPatchError(httpStatus, message))
        return K::Invalid;
    switch (httpStatus) {
    case 401: return K::Unauthorized;
    case 403: return K::Forbidden;
    case 404: return K::NotFound;
    case 409: return K::Conflict;
    case 410: return K::Expired;
    case 422: return K::Invalid;
    case 429: return K::TooManyRequests;
    default: break;
    }
    return httpStatus >= 500 ? K::ServerError : K::BadRequest;
}

static QString describe(KubeError::Kind kind, int httpStatus, const KubeStatus& s, const QString& verb,
                        const ObjectRef& target)
{
    using K = KubeError::Kind;
    const QString message = s.message.isEmpty() ? u"HTTP "_qs + QString::number(httpStatus) : s.message;
    switch (kind) {
    case K::Invalid:
        if (isTypedPatchError(httpStatus, message))
            return subject(target, s) + u" does not match the cluster's schema: "_qs
                + message.section(u"): "_qs, -1);
        return subject(target, s) + u" is invalid: "_qs
            + (s.causes.isEmpty() ? message : describeCauses(s));
    case K::Forbidden:
        return describeForbidden(message);
    case K::NotFound:
        // Writing into a namespace that does not exist: the Status names the namespace.
        if (s.detailsKind == u"namespaces" && target.kind != u"Namespace" && !s.detailsName.isEmpty())
            return u"the namespace "_qs + s.detailsName + u" does not exist"_qs
                + (target.kind.isEmpty() ? QString() : u" (it should hold the "_qs + target.displayName() + u')');
        if (!target.kind.isEmpty() && target.name.isEmpty())
            return u"the server does not serve "_qs + target.kind + u" in "_qs + target.apiVersion
                + u" (is its CustomResourceDefinition installed?)"_qs;
        return target.name.isEmpty() ? u"not found: "_qs + message
                                     : subject(target, s) + u" was not found"_qs;
    case K::AlreadyExists:
        return subject(target, s) + u" already exists"_qs;
    case K::Conflict:
        return describeConflict(target, s);
    case K::Unauthorized:
        return u"the server did not accept the credentials (401 Unauthorized): "_qs + message;
    case K::Expired:
        return u"the list or watch position expired (410 "_qs + s.reason + u"): "_qs + message;
    case K::TooManyRequests:
        return u"the server is overloaded and asked to retry later (429): "_qs + message;
    case K::ServerError:
        return u"the server failed to "_qs + action(verb, target, s) + u" (HTTP "_qs
            + QString::number(httpStatus) + (s.reason.isEmpty() ? QString() : u' ' + s.reason)
            + u"): "_qs + message;
    default:
        break;
    }
    if (httpStatus == 415 && verb == u"apply")
        return u"the server does not support server-side apply (Kubernetes 1.18 or newer is needed): "_qs
            + message;
    return u"the server rejected the request to "_qs + action(verb, target, s) + u" (HTTP "_qs + QString::number(httpStatus) + u"): "_qs + message;
}

KubeError errorFromResponse(int httpStatus, const QByteArray& body, const QString& verb,
                            const ObjectRef& target)
{
    KubeError error;
    error.httpStatus = httpStatus;
    const QJsonObject json = QJsonDocument::fromJson(body).object();
    error.status = KubeStatus::fromJson(json);
    KubeStatus s = error.status.value_or(KubeStatus{});
    if (!error.status) {
        // A proxy or load balancer answered, or an old server: keep a readable excerpt.
        s.code = httpStatus;
        s.message = QString::fromUtf8(body.left(300)).simplified();
    }
    error.kind = kindFor(httpStatus, s.reason, s.message);
    error.message = describe(error.kind, httpStatus, s, verb, target);
    error.conflictManagers = conflictManagersOf(s);
    error.detail = verb + u' ' + (target.kind.isEmpty() ? QString() : target.displayName() + u' ')
        + u"HTTP "_qs + QString::number(httpStatus) + (s.reason.isEmpty() ? QString() : u' ' + s.reason)
        + u": "_qs + s.message;
    return error;
}

static QString hostPort(const QUrl& url)
{
    const int port = url.port(url.scheme() == u"http" ? 80 : 443);
    return url.host() + u':' + QString::number(port);
}

static QString describeCertificate(const QSslCertificate& certificate)
{
    if (certificate.isNull())
        return {};
    return u" (certificate subject "_qs + certificate.subjectDisplayName() + u", issued by "_qs
        + certificate.issuerDisplayName() + u", valid until "_qs
        + certificate.expiryDate().toString(Qt::ISODate) + u')';
}

static QString hintFor(QSslError::SslError error)
{
    switch (error) {
    case QSslError::HostNameMismatch:
        return u"if the certificate was issued for another name, set tls-server-name in the kubeconfig"_qs;
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        return u"check certificate-authority(-data) of the cluster in the kubeconfig"_qs;
    case QSslError::CertificateExpired:
    case QSslError::CertificateNotYetValid:
        return u"check the clock of this machine, or renew the server certificate"_qs;
    default:
        return {};
    }
}

/*! "<problem>; <problem> (certificate subject ..., issued by ..., valid until ...); <hint>; <hint>" */
static QString describeSslErrors(const QList<QSslError>& errors)
{
    QStringList problems;
    QStringList hints;
    QSslCertificate certificate;
    for (const QSslError& e : errors) {
        if (!problems.contains(e.errorString()))
            problems.append(e.errorString());
        const QString hint = hintFor(e.error());
        if (!hint.isEmpty() && !hints.contains(hint))
            hints.append(hint);
        if (certificate.isNull())
            certificate = e.certificate();
    }
    return problems.join(u"; "_qs) + describeCertificate(certificate)
        + (hints.isEmpty() ? QString() : u"; "_qs + hints.join(u"; "_qs));
}

KubeError errorFromNetwork(QNetworkReply::NetworkError code, const QString& errorString,
                           const QList<QSslError>& sslErrors, const QUrl& url)
{
    KubeError error;
    error.detail = errorString + u" (QNetworkReply error "_qs + QString::number(int(code)) + u", "_qs
        + url.toString(QUrl::RemoveQuery | QUrl::RemoveUserInfo) + u')';
    if (code == QNetworkReply::OperationCanceledError) {
        error.kind = KubeError::Kind::Canceled;
        error.message = u"the request was canceled"_qs;
        return error;
    }
    if (code == QNetworkReply::TimeoutError) {
        error.kind = KubeError::Kind::Timeout;
        error.message = u"the server "_qs + hostPort(url) + u" did not answer in time: "_qs + errorString;
        return error;
    }
    if (!sslErrors.isEmpty()) {
        error.kind = KubeError::Kind::Tls;
        error.message = u"the TLS certificate of the server "_qs + hostPort(url) + u" was rejected: "_qs
            + describeSslErrors(sslErrors);
        return error;
    }
    if (code == QNetworkReply::SslHandshakeFailedError) {
        error.kind = KubeError::Kind::Tls;
        error.message = u"the TLS handshake with the server "_qs + hostPort(url) + u" failed: "_qs + errorString;
        return error;
    }
    error.kind = KubeError::Kind::Network;
    error.message = u"the server "_qs + hostPort(url) + u" could not be reached: "_qs + errorString;
    return error;
}
