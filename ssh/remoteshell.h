// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>
#include <QStringList>

/*!
 * The one place where remote commands are quoted. ssh hands the remote side a single string that
 * the user's login shell parses, so every argument of an argument vector is quoted for a POSIX
 * shell here and nowhere else. tests/ssh/tst_remoteshell runs hostile values through /bin/sh to
 * prove they arrive intact and are never executed.
 */
namespace RemoteShell {

/*! One argument, quoted for a POSIX shell: bare when only safe characters, else '...'. */
QString quote(const QString& argument);

/*! An argument vector as one command line for `ssh host <line>`. */
QString commandLine(const QStringList& argv);

/*! Whether a value can be passed at all: a NUL byte cannot travel through a command line. */
bool isTransportable(const QString& argument);

} // namespace RemoteShell
