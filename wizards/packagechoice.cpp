// SPDX-License-Identifier: Apache-2.0
#include "packagechoice.h"

#include "istioversion.h"
#include "onboardingservice.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QRegularExpression>
#include <QUrl>

namespace {
QString tr(const char* text)
{
    return QCoreApplication::translate("PackageChoice", text);
}
} // namespace

bool PackageChoice::isSha256(const QString& text)
{
    static const QRegularExpression hex(u"^[0-9a-fA-F]{64}\\z"_qs);
    return hex.match(text.trimmed()).hasMatch();
}

QStringList PackageChoice::problems() const
{
    QStringList out;
    switch (kind) {
    case Kind::Release:
        break;
    case Kind::File:
        if (file.trimmed().isEmpty())
            out.append(tr("Choose the istio-sidecar package file (.deb or .rpm)."));
        else if (!file.endsWith(u".deb", Qt::CaseInsensitive) && !file.endsWith(u".rpm", Qt::CaseInsensitive))
            out.append(tr("The package file must be a .deb or an .rpm."));
        break;
    case Kind::Url: {
        const QUrl parsed(url.trimmed(), QUrl::StrictMode);
        const QString scheme = parsed.scheme().toLower();
        if (url.trimmed().isEmpty())
            out.append(tr("Give the package's URL."));
        else if (!parsed.isValid() || (scheme != u"http" && scheme != u"https") || parsed.host().isEmpty())
            out.append(tr("The URL must be an http:// or https:// address."));
        if (sha256.trimmed().isEmpty() && !allowUnverified)
            out.append(tr("Give the package's SHA-256, or allow an unverified package."));
        else if (!sha256.trimmed().isEmpty() && !isSha256(sha256))
            out.append(tr("The SHA-256 must be 64 hexadecimal digits (sha256sum prints it)."));
        break;
    }
    }
    return out;
}

QStringList PackageChoice::problemsWithFile() const
{
    QStringList out = problems();
    if (kind == Kind::File && out.isEmpty() && !QFileInfo(file).isFile())
        out.append(tr("%1 does not exist or is not a file.").arg(file));
    return out;
}

void PackageChoice::applyTo(FleetRequest& request) const
{
    request.packageFile.clear();
    request.packageUrl.clear();
    request.packageSha256.clear();
    request.allowUnverifiedPackage = kind != Kind::File && allowUnverified;
    if (kind == Kind::File) {
        request.packageFile = file;
    } else if (kind == Kind::Url) {
        request.packageUrl = url.trimmed();
        request.packageSha256 = sha256.trimmed().toLower();
    }
}

QString PackageChoice::releaseUrl(const QString& istioVersion, const QString& arch)
{
    // Same rule as ops' PackageSources::officialUrl (which the wizard cannot include).
    const std::optional<IstioVersion> version = IstioVersion::parse(istioVersion);
    if (!version || istioVersion.count(u'.') < 2)
        return {};
    const QString file = arch == u"arm64" ? u"istio-sidecar-arm64.deb"_qs : u"istio-sidecar.deb"_qs;
    return u"https://storage.googleapis.com/istio-release/releases/"_qs + istioVersion + u"/deb/"_qs + file;
}
