// SPDX-License-Identifier: Apache-2.0
#include "packagesource.h"

#include "installscript.h"
#include "istioversion.h"
#include "urltext.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QUrl>

namespace {

using InstallScript::PackageFormat;

QString formatSuffix(PackageFormat format)
{
    return format == PackageFormat::Deb ? u"deb"_qs : u"rpm"_qs;
}

} // namespace

QString PackageSource::identity() const
{
    switch (kind) {
    case Kind::None: return {};
    case Kind::LocalFile: return u"file sha256:"_qs + QString::fromLatin1(sha256);
    case Kind::Url: return u"url "_qs + displayLocation() + (sha256.isEmpty() ? QString() : u" sha256:"_qs + QString::fromLatin1(sha256));
    }
    return {};
}

QString PackageSource::displayLocation() const
{
    return kind == Kind::Url ? UrlText::redacted(location) : location;
}

QString PackageSource::checksumUrl() const
{
    if (kind != Kind::Url || !sha256.isEmpty())
        return {};
    QUrl u(location, QUrl::StrictMode);
    if (!u.isValid() || u.hasQuery())
        return {};
    u.setFragment({});
    u.setPath(u.path(QUrl::FullyEncoded) + u".sha256"_qs, QUrl::StrictMode);
    return u.toString(QUrl::FullyEncoded);
}

QString PackageSource::remoteFileName() const
{
    return u"istio-sidecar."_qs + formatSuffix(format);
}

namespace PackageSources {

PackageSource localFileWithoutFields(const QString& path)
{
    PackageSource source;
    source.kind = PackageSource::Kind::LocalFile;
    source.location = QFileInfo(path).absoluteFilePath();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        source.error = u"cannot read the package "_qs + path + u": "_qs + file.errorString();
        return source;
    }
    const QByteArray head = file.peek(8);
    if (head.startsWith("!<arch>\n")) {
        source.format = PackageFormat::Deb;
    } else if (head.startsWith(QByteArray::fromHex("edabeedb"))) {
        source.format = PackageFormat::Rpm;
    } else {
        source.error = path + u" is neither a .deb nor an .rpm package"_qs;
        return source;
    }
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(&file);
    source.sha256 = hash.result().toHex();
    return source;
}

QStringList fieldsQueryCommand(const PackageSource& source)
{
    // dpkg-deb / rpm on this machine, when present; a missing tool is not an error (the VM has one).
    // rpm's --qf takes its own escapes: the "\n" in the format must reach rpm as backslash-n.
    const QStringList argv = InstallScript::packageQueryCommand(source.format, source.location);
    if (QStandardPaths::findExecutable(argv.first()).isEmpty())
        return {};
    return argv;
}

void setFields(PackageSource& source, const QString& path, const QByteArray& queryOutput)
{
    const QHash<QString, QString> f = InstallScript::parseFields(queryOutput, u':');
    source.name = f.value(u"Package"_qs);
    source.version = f.value(u"Version"_qs);
    source.arch = f.value(u"Architecture"_qs);
    if (!source.name.isEmpty() && source.name != u"istio-sidecar")
        source.error = path + u" is the package \""_qs + source.name + u"\", not istio-sidecar"_qs;
}

PackageSource url(const QString& text)
{
    PackageSource source;
    source.kind = PackageSource::Kind::Url;
    source.location = text;
    const QUrl u(text, QUrl::StrictMode);
    // The URL travels to the VM on a line of its own and into curl's configuration as a quoted
    // string: only the characters RFC 3986 allows, percent-encoding for the rest (no blank, quote,
    // backslash or control character).
    static const QRegularExpression uriCharacters(uR"(^[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+\z)"_qs);
    if (!u.isValid() || (u.scheme() != u"https" && u.scheme() != u"http") || u.host().isEmpty()
        || !uriCharacters.match(text).hasMatch()) {
        source.error = UrlText::redacted(text) + u" is not an http(s) URL"_qs;
        return source;
    }
    if (u.path().endsWith(u".rpm"))
        source.format = PackageFormat::Rpm;
    else if (u.path().endsWith(u".deb"))
        source.format = PackageFormat::Deb;
    else
        source.error = UrlText::redacted(text) + u" does not end in .deb or .rpm"_qs;
    return source;
}

QString verificationRefusal(const PackageSource& source, bool allowUnverified)
{
    if (allowUnverified || source.kind != PackageSource::Kind::Url || !source.sha256.isEmpty())
        return {};
    const QString how = u"; give the package's SHA-256 (--package-sha256), or allow an unverified package "
                        "(--allow-unverified-package)"_qs;
    const QUrl u(source.location, QUrl::StrictMode);
    if (u.hasQuery())
        return source.displayLocation() + u" has a query (a presigned URL?): there is no .sha256 beside it to verify "
                                          "the download against"_qs + how;
    if (u.scheme() != u"https")
        return source.displayLocation() + u" is plain http: its .sha256 would come over http as well, so anyone on "
                                          "the way could replace both"_qs + how;
    return {};
}

void requireSha256(PackageSource& source, const QString& sha256)
{
    static const QRegularExpression hex(uR"(^[0-9a-fA-F]{64}\z)"_qs);
    if (!source.ok())
        return;
    if (!hex.match(sha256).hasMatch()) {
        source.error = u"\""_qs + sha256 + u"\" is not a SHA-256 (64 hexadecimal digits, as sha256sum prints it)"_qs;
        return;
    }
    const QByteArray expected = sha256.toLower().toLatin1();
    if (source.kind == PackageSource::Kind::LocalFile) {
        if (source.sha256 != expected)
            source.error = source.location + u" has the SHA-256 "_qs + QString::fromLatin1(source.sha256) + u", not "_qs
                + QString::fromLatin1(expected);
        return;
    }
    source.sha256 = expected;
}

QString officialUrl(const QString& istioVersion, PackageFormat format, const QString& arch)
{
    const std::optional<IstioVersion> v = IstioVersion::parse(istioVersion);
    if (!v || istioVersion.count(u'.') < 2)
        return {};
    const QString suffix = formatSuffix(format);
    const QString file = arch == u"amd64" || arch.isEmpty() ? QString(u"istio-sidecar."_qs + suffix)
                                                            : QString(u"istio-sidecar-"_qs + arch + u'.' + suffix);
    return u"https://storage.googleapis.com/istio-release/releases/"_qs + istioVersion + u'/' + suffix + u'/' + file;
}

QString upstreamVersion(const QString& packageVersion)
{
    QString v = packageVersion.trimmed();
    if (const qsizetype colon = v.indexOf(u':'); colon >= 0)
        v = v.mid(colon + 1);
    // Istio's versions have no '-' of their own except pre-releases ("1.30.0-beta.1"): only a
    // purely numeric Debian/RPM revision is dropped.
    if (const qsizetype dash = v.lastIndexOf(u'-'); dash > 0) {
        bool numeric = false;
        v.mid(dash + 1).toInt(&numeric);
        if (numeric)
            v = v.left(dash);
    }
    return v;
}

QString sidecarVersionRefusal(const QString& packageVersion, const QString& istiodVersion, QString* warning)
{
    const std::optional<IstioVersion> sidecar = IstioVersion::parse(upstreamVersion(packageVersion));
    const std::optional<IstioVersion> istiod = IstioVersion::parse(istiodVersion);
    if (!sidecar || !istiod)
        return {};
    if (std::pair(sidecar->major, sidecar->minor) > std::pair(istiod->major, istiod->minor)) {
        return u"istio-sidecar "_qs + packageVersion + u" is newer than istiod "_qs + istiodVersion
            + u": the data plane must not be ahead of the control plane; use the package of istiod's version"_qs;
    }
    if (*sidecar > *istiod && warning)
        *warning = u"istio-sidecar "_qs + packageVersion + u" is a newer patch than istiod "_qs + istiodVersion;
    return {};
}

} // namespace PackageSources
