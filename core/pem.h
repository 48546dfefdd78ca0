// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

struct PluginCa;
struct PluginCaMaterial;
struct Plan;

/*! PEM files as the plan references them (plug-in CA) and as the cluster hands them out. */
namespace Pem {

struct Block
{
    QString type;   //!< "CERTIFICATE", "RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", ...
    QByteArray der; //!< the decoded body
};

/*!
 * The blocks of a PEM text. Returns nullopt and sets *error (a sentence for the user) when the
 * text has no block, a block is not closed, its END type differs, or its body is not base64.
 */
std::optional<QList<Block>> parse(const QByteArray& text, QString* error);

/*! What a file must hold. */
enum class Expect { Certificate, PrivateKey };

/*!
 * Checks a file: exists, is readable, is PEM, and holds at least one block of the expected kind
 * (certificates only for Certificate; "... PRIVATE KEY" for PrivateKey). Empty string = fine,
 * else what is wrong, for Problem::message.
 */
QString checkFile(const QString& path, Expect expect);

/*! SHA-256 of the DER of the first CERTIFICATE block, lower-case hex; empty if none. */
QString certificateFingerprint(const QByteArray& pem);

/*!
 * True if the text holds one of the certificates Istio publishes in samples/certs (root-cert.pem,
 * ca-cert.pem of the releases meshdeck supports), recognised by fingerprint.
 */
bool isIstioSampleCertificate(const QByteArray& pem);

} // namespace Pem
