// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "objectref.h"

#include <QList>
#include <QNetworkReply>
#include <QSslError>
#include <QString>
#include <QStringList>

#include <optional>

struct StatusCause
{
    QString reason;  //!< FieldValueInvalid, FieldManagerConflict, ...
    QString message;
    QString field;   //!< "spec.probe.httpGet.port", ".spec.template.serviceAccount"
};

/*! A Kubernetes meta/v1 Status, the body of every API error (and of some successes, e.g. delete). */
struct KubeStatus
{
    int code = 0;
    QString status;  //!< "Failure" / "Success"
    QString reason;  //!< NotFound, AlreadyExists, Conflict, Invalid, Forbidden, Expired, Gone, ...
    QString message;
    QString detailsName;
    QString detailsGroup;
    QString detailsKind; //!< a kind for Invalid, a resource plural for NotFound
    QList<StatusCause> causes;
    int retryAfterSeconds = 0;

    /*! nullopt unless object.kind == "Status". */
    static std::optional<KubeStatus> fromJson(const QJsonObject& object);
};

/*!
 * Why a request failed, worded for the user (message) and for a bug report (detail).
 * kind None means success.
 */
struct KubeError
{
    enum class Kind {
        None,
        Canceled,
        Network,       //!< no HTTP response: refused, DNS, reset, proxy
        Tls,           //!< certificate rejected or handshake failed
        Timeout,       //!< no bytes within the transfer timeout
        Credentials,   //!< the CredentialProvider failed (exec plugin, token file)
        NotServed,     //!< the server has no resource type for this apiVersion/kind
        BadResponse,   //!< an answer that is not the expected JSON
        Unauthorized,  //!< 401
        Forbidden,     //!< 403
        NotFound,      //!< 404
        AlreadyExists, //!< 409 AlreadyExists
        Conflict,      //!< 409 Conflict: apply field-manager conflict or stale resourceVersion
        Invalid,       //!< 422
        Expired,       //!< 410: too old resource version / expired continue token
        TooManyRequests, //!< 429
        ServerError,   //!< 5xx
        BadRequest,    //!< 400 and other 4xx
    };

    Kind kind = Kind::None;
    QString message;  //!< one sentence for the user
    QString detail;   //!< technical: method, URL, HTTP status, the server's own message
    int httpStatus = 0;
    std::optional<KubeStatus> status;
    QStringList conflictManagers; //!< for apply conflicts: the other field managers, e.g. "kubectl-edit"

    bool isError() const { return kind != Kind::None; }
};

/*!
 * Turns an HTTP error response into a KubeError. target names what the request was about (for
 * "the WorkloadGroup chapter10vm/envoydummy is invalid: ..."); verb is the API verb (get, list,
 * create, apply, delete, watch, ...).
 */
KubeError errorFromResponse(int httpStatus, const QByteArray& body, const QString& verb,
                            const ObjectRef& target);

/*! Turns a transport failure (no HTTP status) into a KubeError naming the server and the cause. */
KubeError errorFromNetwork(QNetworkReply::NetworkError code, const QString& errorString,
                           const QList<QSslError>& sslErrors, const QUrl& url);

/*! The field managers named in an apply conflict's causes ("conflict with \"kubectl-edit\" using v1"). */
QStringList conflictManagersOf(const KubeStatus& status);

/*! "forbidden: user X cannot create workloadgroups in namespace Y", from the apiserver's message. */
QString describeForbidden(const QString& serverMessage);
