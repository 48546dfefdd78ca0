// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "installscript.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

/*!
 * Where the istio-sidecar package comes from: a local file meshdeck uploads (with progress), or
 * a URL the VM downloads itself (Istio's release bucket by default).
 */
struct PackageSource
{
    enum class Kind { None, LocalFile, Url };
    Kind kind = Kind::None;
    QString location; //!< absolute local path, or the URL (may hold a credential: show displayLocation())
    InstallScript::PackageFormat format = InstallScript::PackageFormat::Deb;
    QString name;    //!< Package field ("istio-sidecar"); empty = not read yet
    QString version; //!< Version field; empty = learnt on the VM after the transfer
    QString arch;    //!< Architecture field ("amd64", "all")
    /*!
     * Hex SHA-256: of a local file (computed), or what a URL's download must hash to (given by
     * the user; empty = checked against checksumUrl(), which an https server must publish). The
     * VM checks a download before dpkg/rpm ever sees it.
     */
    QByteArray sha256;
    QString error;

    bool ok() const { return error.isEmpty(); }
    bool isSet() const { return kind != Kind::None; }
    /*!
     * What identifies the package for the state file (its hash or URL, never its bytes). A URL is
     * kept as displayLocation() shows it: its user information and query never reach the file.
     */
    QString identity() const;
    /*! location as it may be shown, logged or stored: a URL's credentials hidden (UrlText::redacted). */
    QString displayLocation() const;
    /*!
     * A URL without a given SHA-256: where its published checksum is, <path>.sha256 with the same
     * scheme, user information, host and port, without query or fragment (Istio publishes one
     * beside each package). Empty for a local file, a given SHA-256, and a URL with a query (a
     * presigned URL signs its own path only, so nothing can be fetched beside it).
     */
    QString checksumUrl() const;
    /*! The name the file gets on the VM: istio-sidecar.deb / .rpm. */
    QString remoteFileName() const;
};

namespace PackageSources {

/*!
 * A local .deb or .rpm as far as the file tells without a program: format from its magic bytes
 * and SHA-256. PackageFileRead (onboard/packagefileread.h) adds the Package, Version and
 * Architecture fields, which dpkg-deb or rpm read asynchronously.
 */
PackageSource localFileWithoutFields(const QString& path);
/*!
 * The command that prints a local file's fields: packageQueryCommand for its format; empty when
 * this machine has no such program (not an error: the VM has one and they are read there).
 */
QStringList fieldsQueryCommand(const PackageSource& source);
/*!
 * Sets the Package, Version and Architecture fields from what fieldsQueryCommand printed, and
 * source.error when they name another package than istio-sidecar (path: as the user gave it).
 */
void setFields(PackageSource& source, const QString& path, const QByteArray& queryOutput);
/*! A URL (http or https) the VM fetches; the format from its name (.deb / .rpm). */
PackageSource url(const QString& url);

/*!
 * Why the package cannot be verified before it is installed as root, in words; empty when it can
 * be (a local file, hashed here; a URL with a given SHA-256; an https URL without a query, whose
 * published <path>.sha256 the VM then must find) or when allowUnverified says install it anyway.
 * Refused: an http URL without a given SHA-256 (its .sha256 would come over http too, so anyone
 * on the path could answer both), and a URL with a query (nothing to fetch beside it).
 */
QString verificationRefusal(const PackageSource& source, bool allowUnverified);

/*!
 * The package must have this SHA-256 (64 hex digits, any case): a URL's download is checked on
 * the VM against it, a local file here. Sets source.error when the text is no SHA-256 or a local
 * file does not match.
 */
void requireSha256(PackageSource& source, const QString& sha256);
/*!
 * Istio's release bucket for an x.y.z version: .../releases/<v>/deb/istio-sidecar.deb, with
 * "-arm64" before the extension on arm64 (reference §4). Empty when version has no patch.
 */
QString officialUrl(const QString& istioVersion, InstallScript::PackageFormat format, const QString& arch);

/*! Epoch and Debian/RPM revision stripped: "1:1.29.2-1" → "1.29.2". */
QString upstreamVersion(const QString& packageVersion);

/*!
 * The data plane may be up to one minor behind istiod, never ahead (reference §0): a sidecar of a
 * newer minor than istiod is refused (the returned text is the refusal); a newer patch of the same
 * minor gives a warning (warning set, empty return). Unknown versions pass.
 */
QString sidecarVersionRefusal(const QString& packageVersion, const QString& istiodVersion, QString* warning);

} // namespace PackageSources
