// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

struct FleetRequest;

/*!
 * Where the VMs' istio-sidecar package comes from, as the package page chooses it: Istio's
 * release for the mesh's version (the default), a local .deb or .rpm that meshdeck uploads, or a
 * URL the VMs download with the SHA-256 it must have. The plan format has no place for it, so
 * the wizard keeps it (WizardContext::package()) and hands it to the fleet run (FleetRequest).
 */
struct PackageChoice
{
    enum class Kind { Release, File, Url };
    Kind kind = Kind::Release;
    QString file;   //!< Kind::File: a local path
    QString url;    //!< Kind::Url: http or https
    QString sha256; //!< Kind::Url: 64 hex digits (may be empty only with allowUnverified)
    /*!
     * Install a downloaded package that cannot be verified (FleetRequest::allowUnverifiedPackage):
     * a URL without a SHA-256, or Istio's release when no .sha256 is published beside it. Off by
     * default; the user ticks it in so many words.
     */
    bool allowUnverified = false;

    /*! Why the choice cannot be used, in words; empty = fine. Does not touch the file system. */
    QStringList problems() const;
    /*! problems(), plus whether the file exists and is a regular file (I/O). */
    QStringList problemsWithFile() const;
    /*! Sets the package fields of a fleet run (file, or url and sha256; Release: all empty; allowUnverified). */
    void applyTo(FleetRequest& request) const;

    /*! Istio's release URL of the .deb for an x.y.z version (arch "amd64" or "arm64"); empty without a patch. */
    static QString releaseUrl(const QString& istioVersion, const QString& arch = u"amd64"_qs);
    /*! 64 hex digits, any case, surrounding blanks ignored. */
    static bool isSha256(const QString& text);

    friend bool operator==(const PackageChoice&, const PackageChoice&) = default;
};
