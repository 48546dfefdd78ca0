// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sshendpoint.h"

#include <QString>
#include <QStringList>

/*!
 * The ssh command a user types to reach a VM as meshdeck does: `ssh [-J jump] [-p port]
 * [-i file -o IdentitiesOnly=yes] [user@]host`. Only what the plan sets is on it, so the user's
 * ~/.ssh/config fills the rest exactly as for meshdeck. No ControlMaster, no BatchMode: it is an
 * interactive session.
 */
QStringList sshCommandArguments(const SshEndpoint& endpoint);

/*! The same, quoted for a POSIX shell (RemoteShell::quote), for the clipboard. */
QString sshCommandText(const SshEndpoint& endpoint);
