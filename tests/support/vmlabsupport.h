// SPDX-License-Identifier: Apache-2.0
#pragma once
// For the tests that onboard onto the VM lab (meshdeck_labvm_test): running a program (the shared
// TestSupport::run), the VM seen as root through the lab's own ssh config, and the listing of
// everything onboarding touches.

#include "packagefileread.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QFileInfo>
#include <QSignalSpy>
#include <QString>
#include <QStringList>

namespace VmLab {

using TestSupport::Run;
using TestSupport::run;

inline QString sshConfig()
{
    return qEnvironmentVariable("MESHDECK_LAB_SSH_CONFIG");
}

inline QString labDir()
{
    return QFileInfo(sshConfig()).absolutePath();
}

/*! As root on a VM, through the lab's own config (true host keys, batch mode): the judge's view. */
inline Run onVm(const QString& vm, const QString& script, const QByteArray& input = {})
{
    return run(u"ssh"_qs, {u"-F"_qs, labDir() + u"/vms/lab_ssh_config"_qs, vm, script}, TestSupport::RunOptions().withInput(input));
}

/*!
 * Everything onboarding touches, as a stable text: paths, modes, owners, sizes; the hosts file;
 * the package; the user; the unit; meshdeck's temporaries.
 */
inline const QString listing = uR"(for p in /etc/certs /etc/istio /var/lib/istio /var/log/istio /var/run/secrets /usr/local/bin /lib/systemd/system/istio.service; do
  if [ -e "$p" ] || [ -L "$p" ]; then find "$p" -printf '%p %M %u:%g %s\n' 2>/dev/null | sort; else echo "$p absent"; fi
done
echo '--- hosts'; cat /etc/hosts
echo '--- package'; dpkg-query -W -f='${db:Status-Abbrev} ${Version}\n' istio-sidecar 2>&1
echo '--- user'; getent passwd istio-proxy; getent group istio-proxy
echo '--- unit'; systemctl is-enabled istio.service 2>&1; ls /etc/systemd/system/multi-user.target.wants/
echo '--- tmp'; ls -a /tmp | grep meshdeck || true
)"_qs;

using TestSupport::sha256;

/*! The lab's sidecar package, read as the CLI reads --package (PackageFileRead). */
inline PackageSource readPackage(const QString& path)
{
    PackageFileRead read(path);
    QSignalSpy finished(&read, &Task::finished);
    read.start();
    if (!finished.wait(30000)) {
        PackageSource timedOut;
        timedOut.error = path + u": not read within 30 s"_qs;
        return timedOut;
    }
    return read.source();
}

} // namespace VmLab
