// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

/*!
 * A workload certificate for a VM of the Istio 1.5-era flow, issued here with the plan's plug-in
 * CA. In that flow the VM's /etc/certs came from the Secret `istio.default` Citadel wrote into
 * each namespace: a key, a leaf for spiffe://<trustDomain>/ns/<ns>/sa/default signed by the CA
 * in `cacerts`, and root-cert.pem. Istio no longer writes such Secrets, so meshdeck signs the
 * equivalent with the same CA (OpenSSL libcrypto; nothing of it leaves this file).
 *
 * The private keys (the CA's, given; the workload's, made) are secrets: they are held in memory
 * only, never written to a file, never logged; error messages never quote them.
 */
namespace WorkloadCert {

enum class KeyType {
    Rsa2048, //!< what Citadel issued (istio.default): RSA 2048, the key PKCS#1 "RSA PRIVATE KEY"
    EcP256,  //!< ECDSA P-256, "EC PRIVATE KEY"
};

/*! Citadel's default workload certificate lifetime (--workload-cert-ttl 2160h). */
constexpr qint64 defaultValiditySeconds = 90LL * 24 * 3600;
/*! notBefore lies this far in the past: a VM whose clock is behind (preflight allows up to 5 min) still accepts it. */
constexpr qint64 backdateSeconds = 5 * 60;

struct Request
{
    QString spiffeId;       //!< the URI SAN, spiffe://<trustDomain>/ns/<namespace>/sa/<serviceAccount>
    QByteArray caCertPem;   //!< ca-cert.pem: the signing (intermediate) CA
    QByteArray caKeyPem;    //!< ca-key.pem: its private key (unencrypted, as the cacerts Secret holds it)
    QByteArray certChainPem; //!< cert-chain.pem of cacerts: appended to the leaf, as Citadel did
    QByteArray rootCertPem; //!< root-cert.pem: the issued chain must lead to it
    KeyType keyType = KeyType::Rsa2048;
    qint64 validitySeconds = defaultValiditySeconds;
    QDateTime now; //!< invalid = the current time (tests pass one)
};

struct Issued
{
    QByteArray keyPem;       //!< key.pem: the workload's private key (secret)
    QByteArray certPem;      //!< the leaf alone
    QByteArray certChainPem; //!< cert-chain.pem: the leaf, then the CA's cert-chain.pem
    QDateTime notBefore;
    QDateTime notAfter;
    QString error; //!< non-empty: nothing was issued
    bool ok() const { return error.isEmpty(); }
};

/*! spiffe://<trustDomain>/ns/<namespace>/sa/<serviceAccount>, Istio's workload identity. */
QString spiffeId(const QString& trustDomain, const QString& namespaceName, const QString& serviceAccount);

/*!
 * A fresh key and a leaf signed by the CA: empty subject, critical URI SAN (the SPIFFE ID),
 * critical basicConstraints CA:FALSE, keyUsage digitalSignature+keyEncipherment, extKeyUsage
 * serverAuth+clientAuth, authorityKeyIdentifier, a random 159-bit serial, SHA-256 (none for
 * Ed25519/Ed448 CA keys). Refused when the CA key does not belong to ca-cert.pem, ca-cert.pem
 * is not a CA, or the issued chain does not verify up to root-cert.pem.
 */
Issued issue(const Request& request);

} // namespace WorkloadCert
