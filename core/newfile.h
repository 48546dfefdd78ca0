// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

namespace NewFile {

/*!
 * Creates path (it must not exist) and writes content: 0600 from the first byte when it holds
 * key material or a token (secret), else 0644; flushed, and removed again when anything fails.
 * Returns "" or the reason (QFile's words). The one writer of files meshdeck hands to users
 * (the export tree, a VM bundle directory).
 */
QString write(const QString& path, const QByteArray& content, bool secret);

} // namespace NewFile
