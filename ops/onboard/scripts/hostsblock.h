// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

/*!
 * meshdeck's lines in a VM's /etc/hosts live between two marker lines, so a rerun replaces them
 * and offboarding removes them, instead of appending istioctl's hosts file once more each time
 * (istio.io's `cat hosts >> /etc/hosts`). Pure text editing; the onboarding engine reads the
 * file, edits it here, and installs the result with a rename.
 */
namespace HostsBlock {

inline constexpr char beginMarker[] = "# BEGIN meshdeck";
inline constexpr char endMarker[] = "# END meshdeck";

struct Edit
{
    QByteArray content;
    bool changed = false;
    QString error; //!< non-empty: the file was left alone (an unterminated block)
    bool ok() const { return error.isEmpty(); }
};

/*!
 * hosts with every marked block removed and, when lines is not empty, one block holding lines
 * where the first block was (else at the end). Lines outside the markers are never touched.
 */
Edit replace(const QByteArray& hosts, const QByteArray& lines);

/*! hosts without the marked block(s). */
Edit remove(const QByteArray& hosts);

/*! The lines inside the first marked block (empty when there is none). */
QByteArray current(const QByteArray& hosts);

} // namespace HostsBlock
