// SPDX-License-Identifier: Apache-2.0
#include "newfile.h"

#include <QFile>

namespace NewFile {

QString write(const QString& path, const QByteArray& content, bool secret)
{
    const QFileDevice::Permissions perms = secret
        ? QFileDevice::ReadOwner | QFileDevice::WriteOwner
        : QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup | QFileDevice::ReadOther;
    QFile out(path);
    if (!out.open(QIODevice::WriteOnly | QIODevice::NewOnly, perms))
        return out.errorString();
    if (out.write(content) != content.size() || !out.flush()) {
        const QString error = out.errorString();
        out.close();
        QFile::remove(path);
        return error;
    }
    return {};
}

} // namespace NewFile
