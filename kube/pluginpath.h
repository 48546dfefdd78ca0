// SPDX-License-Identifier: Apache-2.0
#pragma once

// Where exec credential plugins are looked for. An app started from the desktop (a .desktop
// file, the dock) gets the session's PATH, not the one the user's shell profile builds, so
// gke-gcloud-auth-plugin, aws or kubelogin "are not found" although kubectl finds them in a
// terminal (lensapp/lens#6563, kubenav#562). The choice, documented in docs/ by the lead:
//   1. the process's PATH, first, so whatever the user set wins;
//   2. the usual install places (wellKnownPluginDirs), always appended;
//   3. only when the plugin is still not found, the login shell's PATH ($SHELL -l -c, once per
//      process, 3 s timeout, output between markers so profile noise is ignored), appended too.
// The plugin runs with that same PATH, so the tools it calls itself are found as well.
// Only absolute directories are searched: a relative PATH entry (".", "bin", an empty one, which
// means ".") names wherever meshdeck was started, a cloned repository say, and Go's exec.LookPath
// refuses a plugin found through one (ErrDot) for kubectl too (security review L11).

#include <QString>
#include <QStringList>

#include <functional>

class QObject;

/*! The places installers put credential plugins: ~/.local/bin, ~/bin, /usr/local/bin, gcloud's SDK, snap, krew, Homebrew, ... */
QStringList wellKnownPluginDirs(const QString& homeDir);

/*! $PATH of this process, split (relative entries included; mergePaths drops them). */
QStringList processPath();

/*! The lists concatenated in order, empty, relative and repeated entries dropped. */
QStringList mergePaths(const QList<QStringList>& lists);

/*!
 * The executable for command: a path (contains '/') must exist and be executable; a bare name is
 * searched in the absolute ones of dirs only.
 */
QString findPlugin(const QString& command, const QStringList& dirs);

/*!
 * For a bare command findPlugin did not find: the file a relative entry of pathValue (a PATH
 * value, ':'-separated, empty entries meaning ".") would have given, such as "./kubelogin", so
 * that the error can say why it is not run; empty when there is none.
 */
QString pluginInRelativePathEntry(const QString& command, const QString& pathValue);

/*!
 * Calls done(path) with the PATH the user's login shell builds, asking the shell at most once
 * per shell per process (concurrent callers share the run; failures and timeouts give an empty
 * list, remembered too). Asynchronous (QProcess); done runs in context's thread, not after
 * context is gone. Use from the main thread.
 */
void resolveLoginShellPath(const QString& shell, QObject* context, std::function<void(const QStringList&)> done,
                           int timeoutMs = 3000);
