// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "installscript.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

/*! What preflight learns about a VM, from one unprivileged remote command. */
struct VmProbe
{
    QString osId;        //!< /etc/os-release ID ("debian")
    QString osLike;      //!< ID_LIKE
    QString osVersion;   //!< VERSION_ID
    QString osPretty;    //!< PRETTY_NAME
    QString machine;     //!< uname -m
    bool systemd = false; //!< /run/systemd/system exists (PID 1 is systemd)
    bool hasDpkg = false;
    bool hasRpm = false;
    qint64 freeVarKb = -1;   //!< df on /var/lib
    qint64 freeUsrKb = -1;   //!< df on /usr/local
    qint64 remoteEpoch = 0;  //!< date +%s
    QString primaryIp;       //!< hostname -I's first address: the one istio-start.sh uses
    QString port15012;       //!< "open", "closed", "unknown" (no nc/bash) or "" (no gateway)
    QString port15443;
    QString installedVersion; //!< istio-sidecar's installed version, empty when not installed
    bool unitPresent = false; //!< istio.service known to systemd
    bool proxyUser = false;   //!< user istio-proxy exists
    QStringList existingPaths; //!< of the paths asked about, those that exist
};

/*! One preflight finding. */
struct ProbeCheck
{
    enum class Level { Ok, Warning, Failure };
    QString name;
    Level level = Level::Ok;
    QString message;
};

namespace VmProbing {

/*! The paths onboarding creates or changes: recorded before the first onboarding so offboarding can restore. */
QStringList touchedPaths();

/*!
 * The probe's argument vector (sh -c script, gateway address, ports, paths); no sudo. ports:
 * istiod's and the cross-network gateway port, reported as port15012 and port15443.
 */
QStringList probeCommand(const QString& gatewayAddress, const QStringList& paths,
                         const std::pair<int, int>& ports = {15012, 15443});
VmProbe parse(const QByteArray& output);

/*! deb or rpm by OS family (ID/ID_LIKE), else by the package tool present; nullopt = neither. */
std::optional<InstallScript::PackageFormat> packageFormat(const VmProbe& probe);
/*! uname -m as Istio names its package architectures: amd64, arm64; empty = unsupported. */
QString istioArch(const QString& machine);

/*!
 * Judges the probe: OS family and architecture supported, systemd, free disk, clock skew
 * (remoteEpoch against localEpoch, the local clock at the middle of the command, ± uncertainty
 * seconds), which gateway ports answer.
 */
QList<ProbeCheck> judge(const VmProbe& probe, qint64 localEpoch, qint64 uncertainty, bool gatewayKnown);
bool passed(const QList<ProbeCheck>& checks);
/*! "Debian GNU/Linux 12 (bookworm), amd64, 15012 open" style one-liner. */
QString summary(const VmProbe& probe);

} // namespace VmProbing
