// SPDX-License-Identifier: Apache-2.0
#include "secrets.h"

#include <QStringList>

#include <cstring>

#ifdef Q_OS_LINUX
#include <cerrno>
#include <sys/prctl.h>
#include <sys/resource.h>
#endif

namespace Secrets {

QString disableCoreDumps()
{
#ifdef Q_OS_LINUX
    // Both. A core_pattern pipe (systemd-coredump, apport) is handed the core whatever
    // RLIMIT_CORE says; a process that is not dumpable dumps none (with fs.suid_dumpable=2 one
    // that only root may read), and its memory is closed to ptrace and /proc/<pid>/mem of the
    // user's other processes too. The limit covers the rest, and the processes meshdeck starts
    // (ssh, exec credential plugins) inherit it; the dumpable flag they get back at execve.
    QStringList failed;
    if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        failed.append(u"prctl(PR_SET_DUMPABLE, 0): "_qs + QString::fromLocal8Bit(std::strerror(errno)));
    const rlimit none{0, 0};
    if (::setrlimit(RLIMIT_CORE, &none) != 0)
        failed.append(u"setrlimit(RLIMIT_CORE, 0): "_qs + QString::fromLocal8Bit(std::strerror(errno)));
    return failed.join(u"; "_qs);
#else
    return {};
#endif
}

void wipe(QByteArray& secret)
{
    if (secret.isEmpty())
        return;
    if (secret.isDetached()) {
        // data() does not detach here; a volatile store the compiler may not drop as dead.
        volatile char* bytes = secret.data();
        for (qsizetype i = 0; i < secret.size(); ++i)
            bytes[i] = '\0';
        secret.truncate(0); // keeps the buffer: nothing copies the bytes before they are zeroed
        return;
    }
    secret = QByteArray(); // shared: let go; the others still use the bytes
}

} // namespace Secrets
