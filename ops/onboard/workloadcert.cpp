// SPDX-License-Identifier: Apache-2.0
#include "workloadcert.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include <QStringList>

#include <ctime>
#include <memory>
#include <vector>

namespace {

// One deleter for every OpenSSL type used here.
struct Free
{
    void operator()(BIO* p) const { BIO_free_all(p); }
    void operator()(BIGNUM* p) const { BN_free(p); }
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); } // RSA/EC private parts are cleared on free
    void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
    void operator()(X509* p) const { X509_free(p); }
    void operator()(X509_EXTENSION* p) const { X509_EXTENSION_free(p); }
    void operator()(X509_STORE* p) const { X509_STORE_free(p); }
    void operator()(X509_STORE_CTX* p) const { X509_STORE_CTX_free(p); }
    void operator()(GENERAL_NAMES* p) const { GENERAL_NAMES_free(p); }
    void operator()(STACK_OF(X509)* p) const { sk_X509_pop_free(p, X509_free); }
};
template <typename T>
using Owned = std::unique_ptr<T, Free>;

// OpenSSL's default would prompt on the terminal for an encrypted key: never.
int noPassphrase(char*, int, int, void*)
{
    return -1;
}

// The OpenSSL error queue in words (library reasons only: never key material), emptied.
QString opensslErrors()
{
    QStringList reasons;
    while (const unsigned long code = ERR_get_error()) {
        const char* reason = ERR_reason_error_string(code);
        const QString text = reason ? QString::fromUtf8(reason) : u"error "_qs + QString::number(code, 16);
        if (!reasons.contains(text))
            reasons.append(text);
    }
    return reasons.join(u", "_qs);
}

QString withReason(const QString& message)
{
    const QString reasons = opensslErrors();
    return reasons.isEmpty() ? message : message + u" ("_qs + reasons + u')';
}

Owned<BIO> readOnly(const QByteArray& data)
{
    // A view of the bytes, not a copy: the CA key is not duplicated into OpenSSL's heap.
    return Owned<BIO>(BIO_new_mem_buf(data.constData(), int(data.size())));
}

// Every certificate of a PEM bundle, in order.
std::vector<Owned<X509>> readCertificates(const QByteArray& pem)
{
    std::vector<Owned<X509>> certs;
    const Owned<BIO> bio = readOnly(pem);
    while (bio) {
        X509* cert = PEM_read_bio_X509(bio.get(), nullptr, noPassphrase, nullptr);
        if (!cert)
            break;
        certs.emplace_back(cert);
    }
    ERR_clear_error(); // the end of the input is reported as an error
    return certs;
}

Owned<EVP_PKEY> generateKey(WorkloadCert::KeyType type)
{
    const bool rsa = type == WorkloadCert::KeyType::Rsa2048;
    const Owned<EVP_PKEY_CTX> ctx(EVP_PKEY_CTX_new_from_name(nullptr, rsa ? "RSA" : "EC", nullptr));
    if (!ctx || EVP_PKEY_keygen_init(ctx.get()) <= 0)
        return nullptr;
    if (rsa ? EVP_PKEY_CTX_set_rsa_keygen_bits(ctx.get(), 2048) <= 0 : EVP_PKEY_CTX_set_group_name(ctx.get(), "P-256") <= 0)
        return nullptr;
    EVP_PKEY* key = nullptr;
    if (EVP_PKEY_generate(ctx.get(), &key) <= 0)
        return nullptr;
    return Owned<EVP_PKEY>(key);
}

QByteArray toPem(X509* cert)
{
    const Owned<BIO> bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_X509(bio.get(), cert) != 1)
        return {};
    char* data = nullptr;
    const long size = BIO_ctrl(bio.get(), BIO_CTRL_INFO, 0, &data);
    return QByteArray(data, qsizetype(size));
}

QByteArray keyToPem(EVP_PKEY* key)
{
    // Secure-heap memory BIO: OpenSSL clears it when freed. "Traditional" = PKCS#1 / SEC 1, the
    // form Citadel wrote into istio.default.
    const Owned<BIO> bio(BIO_new(BIO_s_secmem()));
    if (!bio || PEM_write_bio_PrivateKey_traditional(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr) != 1)
        return {};
    char* data = nullptr;
    const long size = BIO_ctrl(bio.get(), BIO_CTRL_INFO, 0, &data);
    return QByteArray(data, qsizetype(size));
}

QDateTime toDateTime(const ASN1_TIME* time)
{
    struct tm t = {};
    if (!time || ASN1_TIME_to_tm(time, &t) != 1)
        return {};
    return QDateTime(QDate(t.tm_year + 1900, t.tm_mon + 1, t.tm_mday), QTime(t.tm_hour, t.tm_min, t.tm_sec), Qt::UTC);
}

bool addExtension(X509* leaf, X509V3_CTX* ctx, int nid, const char* value)
{
    const Owned<X509_EXTENSION> ext(X509V3_EXT_conf_nid(nullptr, ctx, nid, value));
    return ext && X509_add_ext(leaf, ext.get(), -1) == 1;
}

bool addSpiffeSan(X509* leaf, const QString& spiffeId)
{
    const QByteArray uri = spiffeId.toUtf8();
    const Owned<GENERAL_NAMES> names(GENERAL_NAMES_new());
    GENERAL_NAME* name = GENERAL_NAME_new();
    ASN1_IA5STRING* text = ASN1_IA5STRING_new();
    if (!names || !name || !text || ASN1_STRING_set(text, uri.constData(), int(uri.size())) != 1) {
        GENERAL_NAME_free(name);
        ASN1_IA5STRING_free(text);
        return false;
    }
    GENERAL_NAME_set0_value(name, GEN_URI, text);
    if (sk_GENERAL_NAME_push(names.get(), name) <= 0) {
        GENERAL_NAME_free(name);
        return false;
    }
    // Critical: the subject is empty, so the SAN is the certificate's only name (RFC 5280 4.2.1.6).
    return X509_add1_ext_i2d(leaf, NID_subject_alt_name, names.get(), 1, X509V3_ADD_DEFAULT) == 1;
}

bool setRandomSerial(X509* leaf)
{
    unsigned char bytes[20];
    if (RAND_bytes(bytes, sizeof bytes) != 1)
        return false;
    // Positive and at most 20 octets (RFC 5280 4.1.2.2), never zero.
    bytes[0] = static_cast<unsigned char>((bytes[0] & 0x7f) | 0x40);
    const Owned<BIGNUM> serial(BN_bin2bn(bytes, sizeof bytes, nullptr));
    return serial && BN_to_ASN1_INTEGER(serial.get(), X509_get_serialNumber(leaf)) != nullptr;
}

// The leaf with its validity, names and extensions, not yet signed.
QString buildLeaf(X509* leaf, X509* ca, EVP_PKEY* key, const WorkloadCert::Request& request, qint64 now)
{
    if (X509_set_version(leaf, X509_VERSION_3) != 1 || !setRandomSerial(leaf))
        return withReason(u"cannot set the certificate's version and serial"_qs);
    if (X509_set_issuer_name(leaf, X509_get_subject_name(ca)) != 1 || X509_set_pubkey(leaf, key) != 1)
        return withReason(u"cannot set the certificate's issuer and key"_qs);
    if (!ASN1_TIME_set(X509_getm_notBefore(leaf), time_t(now - WorkloadCert::backdateSeconds))
        || !ASN1_TIME_set(X509_getm_notAfter(leaf), time_t(now + request.validitySeconds)))
        return withReason(u"cannot set the certificate's validity"_qs);
    // Never beyond the CA: a leaf outliving its issuer cannot be verified by then anyway.
    if (ASN1_TIME_compare(X509_get0_notAfter(leaf), X509_get0_notAfter(ca)) > 0 && X509_set1_notAfter(leaf, X509_get0_notAfter(ca)) != 1)
        return withReason(u"cannot set the certificate's validity"_qs);

    X509V3_CTX ctx;
    X509V3_set_ctx(&ctx, ca, leaf, nullptr, nullptr, 0);
    bool ok = addExtension(leaf, &ctx, NID_basic_constraints, "critical,CA:FALSE")
        && addExtension(leaf, &ctx, NID_key_usage, "critical,digitalSignature,keyEncipherment")
        && addExtension(leaf, &ctx, NID_ext_key_usage, "serverAuth,clientAuth") && addSpiffeSan(leaf, request.spiffeId);
    if (ok && X509_get0_subject_key_id(ca))
        ok = addExtension(leaf, &ctx, NID_authority_key_identifier, "keyid");
    return ok ? QString() : withReason(u"cannot add the certificate's extensions"_qs);
}

// The leaf followed by cert-chain.pem must lead to a certificate of root-cert.pem: what a peer
// of the VM checks.
QString verifyChain(X509* leaf, const std::vector<Owned<X509>>& chain, const std::vector<Owned<X509>>& roots, qint64 now)
{
    const Owned<X509_STORE> store(X509_STORE_new());
    const Owned<STACK_OF(X509)> untrusted(sk_X509_new_null());
    const Owned<X509_STORE_CTX> ctx(X509_STORE_CTX_new());
    if (!store || !untrusted || !ctx)
        return withReason(u"out of memory"_qs);
    for (const Owned<X509>& root : roots) {
        if (X509_STORE_add_cert(store.get(), root.get()) != 1)
            return withReason(u"cannot use root-cert.pem"_qs);
    }
    for (const Owned<X509>& cert : chain) {
        if (X509_up_ref(cert.get()) != 1 || sk_X509_push(untrusted.get(), cert.get()) <= 0)
            return withReason(u"out of memory"_qs);
    }
    if (X509_STORE_CTX_init(ctx.get(), store.get(), leaf, untrusted.get()) != 1)
        return withReason(u"cannot verify the certificate"_qs);
    X509_STORE_CTX_set_time(ctx.get(), 0, time_t(now));
    if (X509_verify_cert(ctx.get()) != 1) {
        ERR_clear_error();
        return u"the issued certificate does not verify against pluginCa.rootCert through pluginCa.certChain: "_qs
            + QString::fromUtf8(X509_verify_cert_error_string(X509_STORE_CTX_get_error(ctx.get())))
            + u" (cert-chain.pem must hold ca-cert.pem and its issuers up to root-cert.pem)"_qs;
    }
    return {};
}

WorkloadCert::Issued failure(const QString& error)
{
    WorkloadCert::Issued issued;
    issued.error = error;
    return issued;
}

} // namespace

namespace WorkloadCert {

QString spiffeId(const QString& trustDomain, const QString& namespaceName, const QString& serviceAccount)
{
    return u"spiffe://"_qs + trustDomain + u"/ns/"_qs + namespaceName + u"/sa/"_qs + serviceAccount;
}

Issued issue(const Request& request)
{
    ERR_clear_error();
    if (!request.spiffeId.startsWith(u"spiffe://"_qs))
        return failure(u"\""_qs + request.spiffeId + u"\" is not a SPIFFE ID"_qs);
    const std::vector<Owned<X509>> caCerts = readCertificates(request.caCertPem);
    if (caCerts.empty())
        return failure(u"pluginCa.caCert holds no PEM certificate"_qs);
    X509* ca = caCerts.front().get();
    if (X509_check_ca(ca) < 1)
        return failure(u"pluginCa.caCert is not a CA certificate (no basicConstraints CA:TRUE)"_qs);
    const std::vector<Owned<X509>> chain = readCertificates(request.certChainPem);
    if (chain.empty())
        return failure(u"pluginCa.certChain holds no PEM certificate"_qs);
    const std::vector<Owned<X509>> roots = readCertificates(request.rootCertPem);
    if (roots.empty())
        return failure(u"pluginCa.rootCert holds no PEM certificate"_qs);

    Owned<EVP_PKEY> caKey;
    {
        const Owned<BIO> bio = readOnly(request.caKeyPem);
        caKey.reset(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, noPassphrase, nullptr) : nullptr);
    }
    if (!caKey) {
        const bool encrypted = request.caKeyPem.contains("ENCRYPTED");
        ERR_clear_error();
        return failure(encrypted ? u"pluginCa.caKey is encrypted: meshdeck needs it unencrypted, as the cacerts Secret holds it"_qs
                                 : u"pluginCa.caKey is not a PEM private key"_qs);
    }
    if (X509_check_private_key(ca, caKey.get()) != 1) {
        ERR_clear_error();
        return failure(u"pluginCa.caKey does not belong to pluginCa.caCert"_qs);
    }

    const Owned<EVP_PKEY> key = generateKey(request.keyType);
    if (!key)
        return failure(withReason(u"cannot generate the workload key"_qs));
    const qint64 now = (request.now.isValid() ? request.now : QDateTime::currentDateTimeUtc()).toSecsSinceEpoch();
    const Owned<X509> leaf(X509_new());
    if (!leaf)
        return failure(withReason(u"out of memory"_qs));
    if (const QString error = buildLeaf(leaf.get(), ca, key.get(), request, now); !error.isEmpty())
        return failure(error);
    const int caKeyId = EVP_PKEY_get_id(caKey.get());
    const EVP_MD* digest = caKeyId == EVP_PKEY_ED25519 || caKeyId == EVP_PKEY_ED448 ? nullptr : EVP_sha256();
    if (X509_sign(leaf.get(), caKey.get(), digest) <= 0)
        return failure(withReason(u"cannot sign with pluginCa.caKey"_qs));
    if (const QString error = verifyChain(leaf.get(), chain, roots, now); !error.isEmpty())
        return failure(error);

    Issued issued;
    issued.certPem = toPem(leaf.get());
    issued.keyPem = keyToPem(key.get());
    if (issued.certPem.isEmpty() || issued.keyPem.isEmpty())
        return failure(withReason(u"cannot encode the certificate or key as PEM"_qs));
    QByteArray chainPem = request.certChainPem;
    if (!chainPem.endsWith('\n'))
        chainPem += '\n';
    issued.certChainPem = issued.certPem + chainPem;
    issued.notBefore = toDateTime(X509_get0_notBefore(leaf.get()));
    issued.notAfter = toDateTime(X509_get0_notAfter(leaf.get()));
    return issued;
}

} // namespace WorkloadCert
