// SPDX-License-Identifier: Apache-2.0
#include "pem.h"

#include "plantext.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QSet>

namespace {

const QByteArray kBegin = QByteArrayLiteral("-----BEGIN ");
const QByteArray kEnd = QByteArrayLiteral("-----END ");
const QByteArray kDashes = QByteArrayLiteral("-----");
const QString kCertificate = u"CERTIFICATE"_qs;

/*! Plug-in CA files are a few kB; anything far larger is the wrong file, not a PEM. */
constexpr qint64 kMaxFileSize = 1024 * 1024;

/*!
 * SHA-256 (DER) of the CA certificates Istio publishes in samples/certs, with their private
 * keys: anyone can sign identities under them. Computed with `openssl x509 -outform DER | sha256sum`
 * from every version of those files in istio/istio's history. root-cert.pem, ca-cert.pem and
 * cert-chain.pem have not changed since 2018 (all of 1.22–1.31 ship the same bytes); the "-alt"
 * variants (multi-root and multi-cluster tests) were regenerated a few times and are all listed.
 */
const QSet<QString>& sampleFingerprints()
{
    static const QSet<QString> fingerprints{
        // Current (1.22–1.31): root-cert.pem, ca-cert.pem (= cert-chain.pem's first block),
        // root-cert-alt.pem, ca-cert-alt.pem, ca-cert-alt-2.pem.
        u"63727a1785cab47acec5c24cc0669c20824e8ae1ac28079a4d2f8c830592e7b0"_qs,
        u"f867174e4a31f1792f8c0354a23f8f049bd4019729cd2ee579d67033065b2dc2"_qs,
        u"11c9202c6be8ea5fcfb46d8591a8cf83b20eb97ade97234840851af8763ae428"_qs,
        u"40ff5d9dcaa80833bb7291ef1f89acd9f4da11d6c6006b78897d3f9e2cff86b5"_qs,
        u"677fbf661531ab421e73bfe7b2ebdb7ec5509174e3dfcd39d24b852e2d46d46c"_qs,
        // Earlier generations of the same files (pre-2018 root/intermediate, older -alt sets).
        u"2ddfe1a94b5b076497b77392d9a7d15f6576b72f05aa611aa3b4f028d14d8b87"_qs,
        u"b48cd4cdf4684045907d999751645deb1eef4099e46ebb12c0441d07af50ed54"_qs,
        u"995e1400335aaaf3b70dadf16e734fcc6fe743831597c4f5a2d8032c467ceedc"_qs,
        u"d9979935e6bcfbc9aaa1d792397ed4131bec87b25750f05f7a77c51f670e0f2f"_qs,
        u"ed8bbc524b24959b20dc46de8cc3b6e4c1bfcc0bc12efd24a5387eab902a81a3"_qs,
        u"659402714a1b80be4df48ab816cae7f2565a6f9fb75cf03b1686b72f3fad3692"_qs,
        u"575469bcadde6d85a56c9e7f158b6e5f4a201f8f59651c418ae7fecc79eb94ed"_qs,
        u"d80949945b9f0f81a263bf8562523e7d5c03b3b336a270b4fc557e50a942c401"_qs,
        u"a188a5251ab4ee9939d3b30e3395aa56288aa80010de65fa79eaba4c68932ea4"_qs,
        u"18d14d265feaf426c557e8e41d2bcfbd94577c7bc606f970e7b2e1462b40fa18"_qs,
        u"1313a3551fa1e93c912355c74152bb0c2c406f4f8bd437f343a144f468837a47"_qs,
        u"6c848fbf145a7862286a4deca23b31ba4e5edf5b076132d2ccd45ac1dfe9d760"_qs,
        u"e5cc551e468fd647ece496722755bf7a729adb6205b114cbd06b918ce2b4bb57"_qs,
        u"6a1247642e6e17b88135d82b2d490b991db1cc3fffb11575f6dba03b361b6eef"_qs,
    };
    return fingerprints;
}

/*! "-----BEGIN X-----" → "X"; empty when the line is not such a boundary. */
QByteArray boundaryType(const QByteArray& line, const QByteArray& prefix)
{
    if (!line.startsWith(prefix) || !line.endsWith(kDashes) || line.size() < prefix.size() + kDashes.size())
        return {};
    return line.mid(prefix.size(), line.size() - prefix.size() - kDashes.size());
}

/*!
 * True if der is one complete DER SEQUENCE (what certificates and keys are). Base64 that decodes
 * cleanly but was cut or mangled fails here instead of much later in istiod.
 */
bool isDerSequence(const QByteArray& der)
{
    if (der.size() < 2 || static_cast<unsigned char>(der.at(0)) != 0x30)
        return false;
    const auto first = static_cast<unsigned char>(der.at(1));
    qsizetype header = 2;
    qsizetype length = first;
    if (first & 0x80) {
        const int count = first & 0x7f;
        if (count == 0 || count > 4 || der.size() < 2 + count)
            return false;
        length = 0;
        for (int i = 0; i < count; ++i)
            length = (length << 8) | static_cast<unsigned char>(der.at(2 + i));
        header += count;
    }
    return header + length == der.size();
}

QString fingerprintOf(const QByteArray& der)
{
    return QString::fromLatin1(QCryptographicHash::hash(der, QCryptographicHash::Sha256).toHex());
}

bool isPrivateKey(const QString& type)
{
    return type.endsWith(u"PRIVATE KEY");
}

} // namespace

namespace Pem {

std::optional<QList<Block>> parse(const QByteArray& text, QString* error)
{
    auto fail = [error](const QString& message) -> std::optional<QList<Block>> {
        if (error)
            *error = message;
        return std::nullopt;
    };

    QList<Block> blocks;
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray type = boundaryType(lines.at(i).trimmed(), kBegin);
        if (type.isEmpty())
            continue; // text around blocks is allowed (openssl writes "Bag Attributes", subjects...)
        const QString name = QString::fromLatin1(type);
        QByteArray body;
        bool closed = false;
        bool inHeaders = true;
        for (++i; i < lines.size(); ++i) {
            const QByteArray line = lines.at(i).trimmed();
            if (line.startsWith(kBegin))
                break;
            if (line.startsWith(kEnd)) {
                const QByteArray endType = boundaryType(line, kEnd);
                if (endType != type) {
                    return fail(PlanText::tr("The PEM block \"%1\" ends with \"%2\" instead of \"-----END %1-----\".")
                                    .arg(name, QString::fromLatin1(line)));
                }
                closed = true;
                break;
            }
            // RFC 1421 headers (Proc-Type, DEK-Info) come before a blank line, ahead of the body.
            if (inHeaders && line.contains(':'))
                continue;
            inHeaders = false;
            body += line;
        }
        if (!closed)
            return fail(PlanText::tr("The PEM block \"%1\" is not closed: \"-----END %1-----\" is missing.").arg(name));
        const QByteArray::FromBase64Result decoded =
            QByteArray::fromBase64Encoding(body, QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded || decoded.decoded.isEmpty())
            return fail(PlanText::tr("The body of the PEM block \"%1\" is not valid base64.").arg(name));
        blocks.append(Block{name, decoded.decoded});
    }
    if (blocks.isEmpty())
        return fail(PlanText::tr("No PEM block found (a \"-----BEGIN ...-----\" line is missing)."));
    return blocks;
}

QString checkFile(const QString& path, Expect expect)
{
    const QFileInfo info(path);
    if (!info.exists())
        return PlanText::tr("%1 does not exist.").arg(path);
    if (!info.isFile())
        return PlanText::tr("%1 is not a file.").arg(path);
    if (info.size() > kMaxFileSize)
        return PlanText::tr("%1 is %2 bytes, too large for a PEM certificate or key.").arg(path, QString::number(info.size()));
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return PlanText::tr("%1 cannot be read: %2.").arg(path, file.errorString());

    QString error;
    const std::optional<QList<Block>> blocks = parse(file.readAll(), &error);
    if (!blocks)
        return path + u": "_qs + error;

    bool found = false;
    for (const Block& block : *blocks) {
        if (expect == Expect::Certificate) {
            if (isPrivateKey(block.type)) {
                return PlanText::tr("%1 holds a private key (%2) where a certificate is expected; check that the "
                                    "certificate and key paths are not swapped.")
                    .arg(path, block.type);
            }
            if (block.type != kCertificate)
                return PlanText::tr("%1 holds a \"%2\" block; only certificates are expected.").arg(path, block.type);
        } else {
            if (block.type == u"ENCRYPTED PRIVATE KEY")
                return PlanText::tr("%1 holds an encrypted private key; istiod needs it unencrypted.").arg(path);
            if (!isPrivateKey(block.type))
                continue;
        }
        if (!isDerSequence(block.der))
            return PlanText::tr("%1: the \"%2\" block is damaged (its content is not one DER structure).").arg(path, block.type);
        found = true;
    }
    if (!found) {
        return expect == Expect::Certificate ? PlanText::tr("%1 holds no certificate.").arg(path)
                                             : PlanText::tr("%1 holds no private key.").arg(path);
    }
    return {};
}

QString certificateFingerprint(const QByteArray& pem)
{
    const std::optional<QList<Block>> blocks = parse(pem, nullptr);
    if (!blocks)
        return {};
    for (const Block& block : *blocks) {
        if (block.type == kCertificate)
            return fingerprintOf(block.der);
    }
    return {};
}

bool isIstioSampleCertificate(const QByteArray& pem)
{
    // Every certificate counts, not only the first: a chain file may put the sample root last.
    const std::optional<QList<Block>> blocks = parse(pem, nullptr);
    if (!blocks)
        return false;
    for (const Block& block : *blocks) {
        if (block.type == kCertificate && sampleFingerprints().contains(fingerprintOf(block.der)))
            return true;
    }
    return false;
}

} // namespace Pem
