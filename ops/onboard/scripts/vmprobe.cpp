// SPDX-License-Identifier: Apache-2.0
#include "vmprobe.h"

#include "shellscript.h"

#include <QHash>

namespace {

// $1: gateway address (may be empty), $2 and $3: istiod's and the cross-network port there
// (15012, 15443); then the paths to look for. Output: key=value lines; the
// values are single words or single lines, os-release lines come prefixed "osr.".
// The two port tests run at once, each writing to a file in a private directory from mktemp -d
// (removed by the trap however the script ends): names under /tmp that another user can guess
// could be planted beforehand, as symlinks or with an answer of theirs (security review L4).
// Without mktemp they run one after the other, with no file at all.
const char probeScript[] = R"SH(g=$1; p1=$2; p2=$3; shift 3
sed 's/^/osr./' /etc/os-release 2>/dev/null || true
echo "machine=$(uname -m)"
if [ -d /run/systemd/system ]; then echo systemd=yes; else echo systemd=no; fi
command -v dpkg >/dev/null 2>&1 && echo dpkg=yes
command -v rpm >/dev/null 2>&1 && echo rpm=yes
echo "free_var_kb=$(df -Pk /var/lib 2>/dev/null | awk 'NR==2 {print $4}')"
echo "free_usr_kb=$(df -Pk /usr/local 2>/dev/null | awk 'NR==2 {print $4}')"
echo "epoch=$(date +%s)"
ip=$(hostname -I 2>/dev/null || true)
echo "ip=${ip%% *}"
port() {
  if command -v nc >/dev/null 2>&1; then
    if nc -z -w 3 "$1" "$2" >/dev/null 2>&1; then echo open; else echo closed; fi
  elif command -v bash >/dev/null 2>&1 && command -v timeout >/dev/null 2>&1; then
    if timeout 3 bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" >/dev/null 2>&1; then echo open; else echo closed; fi
  else echo unknown; fi
}
if [ -n "$g" ]; then
  if d=$(mktemp -d "${TMPDIR:-/tmp}/meshdeck-probe.XXXXXXXXXX" 2>/dev/null) && [ -d "$d" ]; then
    trap 'rm -rf -- "$d"' EXIT
    trap 'exit 130' HUP INT TERM
    port "$g" "$p1" > "$d/1" &
    port "$g" "$p2" > "$d/2" &
    wait
    echo "port15012=$(cat "$d/1")"
    echo "port15443=$(cat "$d/2")"
    rm -rf -- "$d"
    trap - EXIT HUP INT TERM
  else
    echo "port15012=$(port "$g" "$p1")"
    echo "port15443=$(port "$g" "$p2")"
  fi
fi
if command -v dpkg-query >/dev/null 2>&1; then
  v=$(dpkg-query -W -f='${db:Status-Abbrev}|${Version}' istio-sidecar 2>/dev/null || true)
  case "$v" in ii*) echo "installed=${v#*|}";; esac
elif command -v rpm >/dev/null 2>&1; then
  v=$(rpm -q --qf '%{VERSION}-%{RELEASE}' istio-sidecar 2>/dev/null || true)
  case "$v" in *"not installed"*|"") ;; *) echo "installed=$v";; esac
fi
systemctl cat istio.service >/dev/null 2>&1 && echo unit=yes
id -u istio-proxy >/dev/null 2>&1 && echo user=yes
for p in "$@"; do if [ -e "$p" ] || [ -L "$p" ]; then echo "exists=$p"; fi; done
exit 0
)SH";

// os-release values are shell-quoted: "Debian GNU/Linux 12 (bookworm)".
QString unquote(QString value)
{
    if (value.size() >= 2 && (value.startsWith(u'"') || value.startsWith(u'\'')) && value.endsWith(value.at(0)))
        value = value.mid(1, value.size() - 2);
    value.replace(u"\\\""_qs, u"\""_qs);
    return value;
}

bool hasWord(const QString& text, const QString& word)
{
    return text.split(u' ', Qt::SkipEmptyParts).contains(word);
}

} // namespace

namespace VmProbing {

QStringList touchedPaths()
{
    return {u"/etc/certs"_qs,        u"/etc/istio"_qs,   u"/var/lib/istio"_qs,
            u"/var/log/istio"_qs,    u"/var/run/secrets"_qs, u"/var/run/secrets/tokens"_qs};
}

QStringList probeCommand(const QString& gatewayAddress, const QStringList& paths, const std::pair<int, int>& ports)
{
    return QStringList{u"sh"_qs, u"-c"_qs, QString::fromUtf8(probeScript), u"meshdeck-probe"_qs, gatewayAddress,
                       QString::number(ports.first), QString::number(ports.second)}
        + paths;
}

VmProbe parse(const QByteArray& output)
{
    VmProbe p;
    for (const QByteArray& raw : output.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        const qsizetype eq = line.indexOf(u'=');
        if (eq <= 0)
            continue;
        const QString key = line.left(eq);
        const QString value = line.mid(eq + 1);
        if (key == u"osr.ID")
            p.osId = unquote(value);
        else if (key == u"osr.ID_LIKE")
            p.osLike = unquote(value);
        else if (key == u"osr.VERSION_ID")
            p.osVersion = unquote(value);
        else if (key == u"osr.PRETTY_NAME")
            p.osPretty = unquote(value);
        else if (key == u"machine")
            p.machine = value.trimmed();
        else if (key == u"systemd")
            p.systemd = value == u"yes";
        else if (key == u"dpkg")
            p.hasDpkg = true;
        else if (key == u"rpm")
            p.hasRpm = true;
        else if (key == u"free_var_kb")
            p.freeVarKb = value.isEmpty() ? -1 : value.toLongLong();
        else if (key == u"free_usr_kb")
            p.freeUsrKb = value.isEmpty() ? -1 : value.toLongLong();
        else if (key == u"epoch")
            p.remoteEpoch = value.toLongLong();
        else if (key == u"ip")
            p.primaryIp = value.trimmed();
        else if (key == u"port15012")
            p.port15012 = value.trimmed();
        else if (key == u"port15443")
            p.port15443 = value.trimmed();
        else if (key == u"installed")
            p.installedVersion = value.trimmed();
        else if (key == u"unit")
            p.unitPresent = true;
        else if (key == u"user")
            p.proxyUser = true;
        else if (key == u"exists")
            p.existingPaths.append(value);
    }
    return p;
}

std::optional<InstallScript::PackageFormat> packageFormat(const VmProbe& probe)
{
    const QString family = probe.osId + u' ' + probe.osLike;
    for (const QString& id : {u"debian"_qs, u"ubuntu"_qs})
        if (hasWord(family, id))
            return InstallScript::PackageFormat::Deb;
    for (const QString& id : {u"rhel"_qs, u"fedora"_qs, u"centos"_qs, u"rocky"_qs, u"almalinux"_qs, u"ol"_qs, u"amzn"_qs})
        if (hasWord(family, id))
            return InstallScript::PackageFormat::Rpm;
    if (probe.hasDpkg)
        return InstallScript::PackageFormat::Deb;
    if (probe.hasRpm)
        return InstallScript::PackageFormat::Rpm;
    return std::nullopt;
}

QString istioArch(const QString& machine)
{
    if (machine == u"x86_64" || machine == u"amd64")
        return u"amd64"_qs;
    if (machine == u"aarch64" || machine == u"arm64")
        return u"arm64"_qs;
    return {};
}

QList<ProbeCheck> judge(const VmProbe& probe, qint64 localEpoch, qint64 uncertainty, bool gatewayKnown)
{
    using L = ProbeCheck::Level;
    QList<ProbeCheck> checks;
    const QString os = probe.osPretty.isEmpty() ? probe.osId : probe.osPretty;
    if (!packageFormat(probe))
        checks.append({u"os"_qs, L::Failure, (os.isEmpty() ? u"unknown OS"_qs : os)
                                                 + u": neither Debian nor RHEL family, no dpkg or rpm (Istio ships .deb and .rpm)"_qs});
    else
        checks.append({u"os"_qs, L::Ok, os});
    if (istioArch(probe.machine).isEmpty())
        checks.append({u"architecture"_qs, L::Failure, probe.machine + u": Istio's sidecar packages exist for amd64 and arm64 only"_qs});
    else
        checks.append({u"architecture"_qs, L::Ok, istioArch(probe.machine)});
    checks.append(probe.systemd ? ProbeCheck{u"init"_qs, L::Ok, u"systemd"_qs}
                                : ProbeCheck{u"init"_qs, L::Failure, u"not systemd: istio.service needs it"_qs});

    // The real package is ~100 MB unpacked (envoy), and logs grow under /var/log.
    const qint64 freeKb = std::min(probe.freeVarKb < 0 ? LLONG_MAX : probe.freeVarKb, probe.freeUsrKb < 0 ? LLONG_MAX : probe.freeUsrKb);
    if (freeKb == LLONG_MAX)
        checks.append({u"disk"_qs, L::Warning, u"free space unknown (df failed)"_qs});
    else if (freeKb < 200 * 1024)
        checks.append({u"disk"_qs, L::Failure, QString::number(freeKb / 1024) + u" MB free under /var/lib or /usr/local; the sidecar needs about 200 MB"_qs});
    else if (freeKb < 512 * 1024)
        checks.append({u"disk"_qs, L::Warning, QString::number(freeKb / 1024) + u" MB free: little room for logs"_qs});
    else
        checks.append({u"disk"_qs, L::Ok, QString::number(freeKb / 1024) + u" MB free"_qs});

    // Certificates are checked against the VM's clock: a skew of minutes makes a fresh workload
    // certificate "not yet valid" and the token "used before issued".
    const qint64 skew = probe.remoteEpoch - localEpoch;
    const qint64 certain = std::max<qint64>(0, std::abs(skew) - uncertainty);
    const QString skewText = (skew >= 0 ? u"+"_qs : QString()) + QString::number(skew) + u" s against this machine"_qs;
    if (probe.remoteEpoch <= 0)
        checks.append({u"clock"_qs, L::Warning, u"the VM's clock could not be read"_qs});
    else if (certain > 300)
        checks.append({u"clock"_qs, L::Failure, skewText + u": fix NTP on the VM (certificates would not validate)"_qs});
    else if (certain > 30)
        checks.append({u"clock"_qs, L::Warning, skewText});
    else
        checks.append({u"clock"_qs, L::Ok, skewText});

    if (!gatewayKnown) {
        checks.append({u"gateway"_qs, L::Warning, u"no gateway address to test"_qs});
    } else {
        const QString text = u"15012 "_qs + probe.port15012 + u", 15443 "_qs + probe.port15443;
        // istiod (15012) is what the agent needs first; 15443 carries cross-network traffic.
        const bool reachable = probe.port15012 == u"open";
        checks.append({u"gateway"_qs, reachable ? L::Ok : L::Warning,
                       reachable ? text : text + u": the agent cannot reach istiod through the gateway from here"_qs});
    }
    return checks;
}

bool passed(const QList<ProbeCheck>& checks)
{
    return std::none_of(checks.cbegin(), checks.cend(), [](const ProbeCheck& c) { return c.level == ProbeCheck::Level::Failure; });
}

QString summary(const VmProbe& probe)
{
    QStringList parts;
    parts.append(probe.osPretty.isEmpty() ? probe.osId : probe.osPretty);
    parts.append(istioArch(probe.machine).isEmpty() ? probe.machine : istioArch(probe.machine));
    if (!probe.primaryIp.isEmpty())
        parts.append(probe.primaryIp);
    if (!probe.installedVersion.isEmpty())
        parts.append(u"istio-sidecar "_qs + probe.installedVersion);
    return parts.join(u", "_qs);
}

} // namespace VmProbing
