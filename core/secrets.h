// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QString>

/*!
 * What keeps the secrets meshdeck holds in memory (the sudo password, ssh passphrases, service
 * account tokens, the legacy flow's CA key) out of places other users or later readers see
 * (security review M6).
 */
namespace Secrets {

/*!
 * Makes this process write no core dump and be unreadable to ptrace and /proc/<pid>/mem by
 * processes of the same user: prctl(PR_SET_DUMPABLE, 0) and RLIMIT_CORE 0 (soft and hard
 * limit, so the processes meshdeck starts inherit it). With systemd-coredump or apport a crash
 * would otherwise store the whole heap where the user, or a bug report, can read it. Called
 * first thing in main(); returns "" or what could not be set (Linux only; elsewhere nothing is
 * done and "" is returned).
 */
QString disableCoreDumps();

/*!
 * Zeroes a secret where it is and empties the array. QByteArray::fill() on a buffer that other
 * QByteArrays share detaches first: it zeroes a fresh copy and leaves the shared bytes as they
 * were. Here a shared buffer is left to its other holders (the last one to wipe it zeroes it),
 * and only the last holder's wipe zeroes the bytes, in place; the array keeps its (zeroed)
 * allocation until it is destroyed or assigned.
 */
void wipe(QByteArray& secret);

} // namespace Secrets
