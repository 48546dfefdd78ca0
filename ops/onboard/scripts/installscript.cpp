// SPDX-License-Identifier: Apache-2.0
#include "installscript.h"

#include "shellscript.h"
#include "urltext.h"

#include <QFileInfo>
#include <QHash>
#include <QUrl>

#include <algorithm>

namespace {

using Q = ShellScript;

QString parentOf(const QString& path)
{
    const qsizetype slash = path.lastIndexOf(u'/');
    return slash <= 0 ? u"/"_qs : path.left(slash);
}

QString baseNameOf(const QString& path)
{
    return path.mid(path.lastIndexOf(u'/') + 1);
}

// The temporary name beside a target: same directory (so the rename is atomic and the file
// gets the directory's SELinux context), hidden, recognisably meshdeck's.
QString temporaryFor(const QString& target)
{
    return parentOf(target) + u"/."_qs + baseNameOf(target) + u".meshdeck-new"_qs;
}

void hostsCheck(ShellScript& s, const QString& hosts, const QString& expected)
{
    s.raw(u"if [ -e "_qs + Q::quote(hosts) + u" ]; then cur=$(sha256sum < "_qs + Q::quote(hosts)
          + u" | cut -d' ' -f1); else cur=absent; fi"_qs);
    s.raw(u"if [ \"$cur\" != "_qs + Q::quote(expected) + u" ]; then echo "_qs
          + Q::quote(u"meshdeck: /etc/hosts changed since meshdeck read it; nothing was installed, run again"_qs)
          + u" >&2; exit 4; fi"_qs);
}

void hostsInstall(ShellScript& s, const QString& hosts, const QString& source)
{
    const QString tmp = temporaryFor(hosts);
    s.run({u"install"_qs, u"-m"_qs, u"0644"_qs, source, tmp});
    // Keep the owner and mode /etc/hosts had (GNU coreutils; elsewhere root 0644 stays).
    s.raw(u"if [ -e "_qs + Q::quote(hosts) + u" ]; then chown --reference="_qs + Q::quote(hosts) + u' ' + Q::quote(tmp)
          + u" 2>/dev/null || true; chmod --reference="_qs + Q::quote(hosts) + u' ' + Q::quote(tmp)
          + u" 2>/dev/null || true; fi"_qs);
    // A bind-mounted /etc/hosts (containers) cannot be renamed over: write it in place then.
    s.raw(u"if ! mv -f -- "_qs + Q::quote(tmp) + u' ' + Q::quote(hosts) + u" 2>/dev/null; then cat -- "_qs
          + Q::quote(tmp) + u" > "_qs + Q::quote(hosts) + u"; rm -f -- "_qs + Q::quote(tmp) + u"; fi"_qs);
}

// The files of `incoming`, read from stdin one after the other (each exactly its size: dd with
// fullblock reads no byte beyond it) into a new private directory, which becomes the working
// directory so that sources named "./<name>" resolve there. "$u" must be set (empty) before,
// and removed by the script's exit trap.
void receiveIncoming(ShellScript& s, const QList<InstallScript::Incoming>& incoming)
{
    s.raw(u"umask 077"_qs);
    s.raw(u"u=$(mktemp -d \"${TMPDIR:-/tmp}/meshdeck.XXXXXXXXXX\")"_qs);
    s.raw(u"cd \"$u\""_qs);
    for (const InstallScript::Incoming& f : incoming) {
        const QString size = QString::number(f.size);
        const QString incomplete = Q::quote(u"meshdeck: "_qs + f.name + u" arrived incomplete"_qs);
        if (f.size > 0)
            s.raw(Q::command({u"dd"_qs, u"of=./"_qs + f.name, u"bs="_qs + size, u"count=1"_qs, u"iflag=fullblock"_qs})
                  + u" 2>/dev/null || { echo "_qs + incomplete + u" >&2; exit 3; }"_qs);
        else
            s.raw(u": > "_qs + Q::quote(u"./"_qs + f.name));
        s.raw(u"[ \"$(wc -c < "_qs + Q::quote(u"./"_qs + f.name) + u")\" -eq "_qs + size + u" ] || { echo "_qs + incomplete
              + u" >&2; exit 3; }"_qs);
    }
}

// The removal of the receiving directory for the exit trap (after leaving it).
QString incomingCleanup()
{
    return u"; if [ -n \"$u\" ]; then cd /; rm -rf -- \"$u\"; fi"_qs;
}

// Security review H4: istio-proxy owns some of the directories root writes into (the package
// gives it /etc/certs, /var/lib/istio/envoy and /var/lib/istio/config; istio.io's install gives
// it /var/run/secrets), so a compromised sidecar could swap a directory under its control for a
// symbolic link and have root write or delete through it. Root therefore never follows a path by
// name: enter() walks to a directory one component at a time and follows a symbolic link only
// where nobody but root (or the script's own user) could have put it; files are created under a
// fresh name that must not exist (O_EXCL: never through a link) and renamed within the directory
// entered. Exit 5 names the link and what to do.
void defineEnter(ShellScript& s)
{
    s.raw(u"me=$(id -u)"_qs);
    s.raw(u"enter() {\n"
          "  cd -P / || return 1\n"
          "  rest=${1#/}\n"
          "  while [ -n \"$rest\" ]; do\n"
          "    c=${rest%%/*}\n"
          "    if [ \"$c\" = \"$rest\" ]; then rest=; else rest=${rest#*/}; fi\n"
          "    case $c in ''|.) continue ;; ..) echo \"meshdeck: $1: '..' in a path\" >&2; return 5 ;; esac\n"
          "    if [ -L \"$c\" ]; then\n"
          "      o=$(stat -c %u .) && m=$(stat -c %a .) || return 1\n"
          "      if { [ \"$o\" != 0 ] && [ \"$o\" != \"$me\" ]; } || [ $((0$m & 022)) -ne 0 ]; then\n"
          "        echo \"meshdeck: $(pwd -P)/$c is a symbolic link in a directory that $(stat -c %U .) or others can write to; a compromised istio-proxy could have put it there to make root write elsewhere. Nothing more was written. Check the VM, remove the link (root: rm $(pwd -P)/$c), then run again.\" >&2\n"
          "        return 5\n"
          "      fi\n"
          "    elif [ ! -e \"$c\" ]; then\n"
          "      case ${2:-} in make) mkdir -m 0755 -- \"$c\" || return 1 ;; have) return 2 ;; esac\n"
          "    fi\n"
          "    cd -P -- \"$c\" || return 1\n"
          "  done\n"
          "}"_qs);
}

// `( enter <dir> && <command in it> ) || exit $?`: the command runs in the directory entered, on
// a name without '/', in a subshell so the script's own directory stays as it was.
QString inDirectory(const QString& directory, const QString& command, bool make = false)
{
    return u"( enter "_qs + Q::quote(directory) + (make ? u" make"_qs : QString()) + u" && "_qs + command
        + u" ) || exit $?"_qs;
}

// The same for removals: nothing to do when the directory is not there.
QString inExistingDirectory(const QString& directory, const QString& command)
{
    return u"( rc=0; enter "_qs + Q::quote(directory) + u" have || rc=$?; if [ $rc = 0 ]; then "_qs + command
        + u"; elif [ $rc != 2 ]; then exit $rc; fi ) || exit $?"_qs;
}

// A file mode as the umask that creates files with exactly it ("0600" -> 177).
QString umaskFor(const QString& mode)
{
    bool ok = false;
    const int m = mode.toInt(&ok, 8);
    return QString::number(ok ? (0777 & ~m) : 0177, 8).rightJustified(3, u'0');
}

} // namespace

namespace InstallScript {

Distribution istioDistribution(const VmBundle& bundle, const QString& uploadDirectory, const QStringList& uploadedPaths)
{
    Distribution d;
    d.uploadDirectory = uploadDirectory;
    d.directories = {u"/etc/certs"_qs, u"/var/run/secrets/tokens"_qs, u"/var/lib/istio/envoy"_qs,
                     u"/etc/istio/config"_qs, u"/etc/istio/proxy"_qs};
    for (qsizetype i = 0; i < bundle.files.size() && i < uploadedPaths.size(); ++i) {
        const VmFile& f = bundle.files.at(i);
        if (f.name == u"hosts") {
            d.replaceHosts = true;
            d.hosts.source = uploadedPaths.at(i);
            continue;
        }
        d.files.append(Placement{uploadedPaths.at(i), f.installPath, f.name == u"istio-token" ? u"0600"_qs : u"0644"_qs});
    }
    // istio.io: chown -R istio-proxy /var/lib/istio /etc/certs /etc/istio/proxy /etc/istio/config
    // /var/run/secrets /etc/certs/root-cert.pem. The files get their owner as they are placed;
    // of the directories, istio-proxy gets those the agent writes into (its certificates, its
    // bootstrap, its sockets), each alone, not recursively. /var/lib/istio itself stays root's
    // (the package makes it so): owned by istio-proxy, it would let the proxy swap config/ and
    // envoy/ for links (security review H4), so an earlier chown -R is undone.
    d.ownedDirectories = {u"/etc/certs"_qs, u"/etc/istio/proxy"_qs, u"/etc/istio/config"_qs, u"/var/run/secrets"_qs};
    d.rootDirectories = {u"/var/lib/istio"_qs};
    return d;
}

QString distributionScript(const Distribution& spec)
{
    const QString& r = spec.root;
    ShellScript s;
    s.raw(u"set -eu"_qs);
    defineEnter(s);
    const bool receive = !spec.incoming.isEmpty();
    if (receive)
        s.raw(u"u="_qs);
    // A source named "./<name>" is in the receiving directory: by its full name, since the
    // placement runs elsewhere.
    const auto source = [receive](const QString& path) {
        return receive && path.startsWith(u"./"_qs) ? u"\"$u\"/"_qs + Q::quote(path.mid(2)) : Q::quote(path);
    };
    QStringList removeTemporaries;
    for (const Placement& p : spec.files)
        removeTemporaries.append(u"( enter "_qs + Q::quote(r + parentOf(p.target)) + u" && rm -f -- "_qs
                                 + Q::quote(baseNameOf(temporaryFor(p.target))) + u" ) 2>/dev/null || true"_qs);
    if (spec.replaceHosts)
        removeTemporaries.append(Q::command({u"rm"_qs, u"-f"_qs, u"--"_qs, r + temporaryFor(u"/etc/hosts"_qs)}));
    s.raw(u"cleanup() { "_qs + (removeTemporaries.isEmpty() ? u":"_qs : removeTemporaries.join(u"; "_qs))
          + (spec.uploadDirectory.isEmpty() ? QString() : u"; "_qs + Q::command({u"rm"_qs, u"-rf"_qs, u"--"_qs, spec.uploadDirectory}))
          + (receive ? incomingCleanup() : QString()) + u"; }"_qs);
    s.raw(u"trap cleanup EXIT"_qs);
    s.raw(u"trap 'exit 130' HUP INT TERM"_qs);
    // stdin first, whatever follows: a check that stops the script must not leave ssh writing
    // into a pipe nobody reads.
    if (receive)
        receiveIncoming(s, spec.incoming);
    s.raw(u"umask 022"_qs);
    s.raw(u"if ! id -u "_qs + Q::quote(spec.owner) + u" >/dev/null 2>&1; then echo "_qs
          + Q::quote(u"meshdeck: user "_qs + spec.owner + u" does not exist (the istio-sidecar package creates it)"_qs)
          + u" >&2; exit 3; fi"_qs);
    if (spec.replaceHosts)
        hostsCheck(s, r + u"/etc/hosts"_qs, spec.hosts.expectedSha256);
    for (const QString& dir : spec.directories)
        s.raw(inDirectory(r + dir, u":"_qs, true));
    // Every file first under its temporary name, then all renamed: the agent never sees a
    // half-written file, and a failure half-way leaves the previous files in place. The
    // temporary is created anew (conv=excl: not through a link), with its mode from the start.
    for (const Placement& p : spec.files) {
        const QString tmp = Q::quote(baseNameOf(temporaryFor(p.target)));
        s.raw(inDirectory(r + parentOf(p.target),
                          u"rm -f -- "_qs + tmp + u" && (umask "_qs + umaskFor(p.mode) + u" && dd if="_qs + source(p.source)
                              + u" of="_qs + tmp + u" conv=excl oflag=nofollow status=none) && chown -h "_qs
                              + Q::quote(spec.owner + u':' + spec.group) + u" -- "_qs + tmp,
                          true));
    }
    for (const Placement& p : spec.files)
        s.raw(inDirectory(r + parentOf(p.target), u"mv -f -T -- "_qs + Q::quote(baseNameOf(temporaryFor(p.target))) + u' '
                                                      + Q::quote(baseNameOf(p.target))));
    for (const QString& dir : spec.ownedDirectories)
        s.raw(inDirectory(r + parentOf(dir), u"chown -h "_qs + Q::quote(spec.owner + u':' + spec.group) + u" -- "_qs
                                                 + Q::quote(baseNameOf(dir))));
    // Given back to root, where it can be (a test's scratch root run by another user cannot).
    for (const QString& dir : spec.rootDirectories)
        s.raw(u"if [ \"$me\" = 0 ]; then "_qs + inDirectory(r + parentOf(dir), u"if [ -d "_qs + Q::quote(baseNameOf(dir))
                                                                            + u" ] && [ ! -L "_qs + Q::quote(baseNameOf(dir))
                                                                            + u" ]; then chown -h 0:0 -- "_qs
                                                                            + Q::quote(baseNameOf(dir)) + u"; fi"_qs)
              + u"; fi"_qs);
    if (spec.replaceHosts)
        hostsInstall(s, r + u"/etc/hosts"_qs, spec.hosts.source); // its source in the receiving directory, still the working one
    return s.text();
}

QString removalScript(const Removal& spec)
{
    const QString& r = spec.root;
    ShellScript s;
    s.raw(u"set -eu"_qs);
    defineEnter(s);
    const bool receive = !spec.incoming.isEmpty();
    if (receive)
        s.raw(u"u="_qs);
    if (!spec.uploadDirectory.isEmpty() || spec.replaceHosts || receive) {
        s.raw(u"cleanup() { "_qs + Q::command({u"rm"_qs, u"-f"_qs, u"--"_qs, r + temporaryFor(u"/etc/hosts"_qs)})
              + (spec.uploadDirectory.isEmpty() ? QString() : u"; "_qs + Q::command({u"rm"_qs, u"-rf"_qs, u"--"_qs, spec.uploadDirectory}))
              + (receive ? incomingCleanup() : QString()) + u"; }"_qs);
        s.raw(u"trap cleanup EXIT"_qs);
    }
    if (receive) {
        receiveIncoming(s, spec.incoming);
        s.raw(u"umask 022"_qs);
    }
    if (spec.replaceHosts)
        hostsCheck(s, r + u"/etc/hosts"_qs, spec.hosts.expectedSha256);
    // Every removal by its name in its directory, entered as the distribution enters it (H4).
    for (const QString& f : spec.files)
        s.raw(inExistingDirectory(r + parentOf(f), u"rm -f -- "_qs + Q::quote(baseNameOf(f))));
    for (const QString& link : spec.symlinks)
        s.raw(inExistingDirectory(r + parentOf(link), u"if [ -L "_qs + Q::quote(baseNameOf(link)) + u" ]; then rm -f -- "_qs
                                                          + Q::quote(baseNameOf(link)) + u"; fi"_qs));
    for (const QString& tree : spec.trees)
        s.raw(inExistingDirectory(r + parentOf(tree), u"rm -rf -- "_qs + Q::quote(baseNameOf(tree))));
    for (const QString& dir : spec.emptyDirectories)
        s.raw(inExistingDirectory(r + parentOf(dir), u"rmdir -- "_qs + Q::quote(baseNameOf(dir)) + u" 2>/dev/null || true"_qs));
    if (!spec.user.isEmpty()) {
        s.raw(u"if id -u "_qs + Q::quote(spec.user) + u" >/dev/null 2>&1; then userdel "_qs + Q::quote(spec.user) + u"; fi"_qs);
        s.raw(u"if getent group "_qs + Q::quote(spec.user) + u" >/dev/null 2>&1; then groupdel "_qs + Q::quote(spec.user)
              + u"; fi"_qs);
    }
    if (spec.replaceHosts)
        hostsInstall(s, r + u"/etc/hosts"_qs, spec.hosts.source);
    return s.text();
}

QString packageInstallScript(PackageFormat format, const QString& packageFile, const QString& cleanupDirectory)
{
    ShellScript s;
    s.raw(u"set -eu"_qs);
    if (!cleanupDirectory.isEmpty())
        s.raw(u"trap "_qs + Q::quote(Q::command({u"rm"_qs, u"-rf"_qs, u"--"_qs, cleanupDirectory})) + u" EXIT"_qs);
    if (format == PackageFormat::Deb)
        // confold: a rerun never stops at dpkg's question about a changed sidecar.env.
        s.run({u"env"_qs, u"DEBIAN_FRONTEND=noninteractive"_qs, u"dpkg"_qs, u"--force-confold"_qs, u"-i"_qs, packageFile});
    else
        s.run({u"rpm"_qs, u"-U"_qs, u"--replacepkgs"_qs, packageFile});
    return s.text();
}

QString packageReceiveInstallScript(PackageFormat format, const QString& fileName, qint64 size)
{
    ShellScript s;
    s.raw(u"set -eu"_qs);
    s.raw(u"u="_qs);
    s.raw(u"trap 'if [ -n \"$u\" ]; then cd /; rm -rf -- \"$u\"; fi' EXIT"_qs);
    s.raw(u"trap 'exit 130' HUP INT TERM"_qs);
    s.raw(u"umask 077"_qs);
    s.raw(u"u=$(mktemp -d \"${TMPDIR:-/tmp}/meshdeck.XXXXXXXXXX\")"_qs);
    s.raw(u"f=\"$u\"/"_qs + Q::quote(fileName));
    s.raw(u"cat > \"$f\""_qs);
    const QString expected = QString::number(size);
    s.raw(u"n=$(wc -c < \"$f\")"_qs);
    s.raw(u"if [ \"$n\" -ne "_qs + expected + u" ]; then echo \"meshdeck: the package arrived incomplete ($n of \""_qs + expected
          + u"\" bytes)\" >&2; exit 3; fi"_qs);
    s.raw(u"umask 022"_qs);
    if (format == PackageFormat::Deb)
        // confold: a rerun never stops at dpkg's question about a changed sidecar.env.
        s.raw(Q::command({u"env"_qs, u"DEBIAN_FRONTEND=noninteractive"_qs, u"dpkg"_qs, u"--force-confold"_qs, u"-i"_qs})
              + u" \"$f\""_qs);
    else
        s.raw(Q::command({u"rpm"_qs, u"-U"_qs, u"--replacepkgs"_qs}) + u" \"$f\""_qs);
    return s.text();
}

QString packageRemovalScript(PackageFormat format, const QString& packageName)
{
    ShellScript s;
    s.raw(u"set -eu"_qs);
    // The package ships /usr/local/bin; dpkg -P removes a directory it thinks it owns once it is
    // empty, though the system had it before. Such directories come back as they were.
    const QStringList keep = {u"/usr/local/bin"_qs, u"/usr/local"_qs};
    for (qsizetype i = 0; i < keep.size(); ++i)
        s.raw(u"k"_qs + QString::number(i) + u"=$(stat -c '%a %u %g' "_qs + Q::quote(keep.at(i)) + u" 2>/dev/null || true)"_qs);
    if (format == PackageFormat::Deb)
        s.raw(u"if dpkg-query -W "_qs + Q::quote(packageName) + u" >/dev/null 2>&1; then "_qs
              + Q::command({u"env"_qs, u"DEBIAN_FRONTEND=noninteractive"_qs, u"dpkg"_qs, u"-P"_qs, packageName}) + u"; fi"_qs);
    else
        s.raw(u"if rpm -q "_qs + Q::quote(packageName) + u" >/dev/null 2>&1; then "_qs
              + Q::command({u"rpm"_qs, u"-e"_qs, packageName}) + u"; fi"_qs);
    for (qsizetype i = keep.size() - 1; i >= 0; --i) {
        const QString v = u"$k"_qs + QString::number(i);
        s.raw(u"if [ -n \""_qs + v + u"\" ] && [ ! -e "_qs + Q::quote(keep.at(i)) + u" ]; then set -- "_qs + v
              + u"; install -d -m \"$1\" -o \"$2\" -g \"$3\" "_qs + Q::quote(keep.at(i)) + u"; fi"_qs);
    }
    return s.text();
}

QString packageFetchScript(const PackageFetch& fetch)
{
    ShellScript s;
    s.raw(u"set -eu"_qs);
    s.raw(u"umask 077"_qs);
    // The URLs arrive on stdin (see PackageFetch::url): never in this script, never in an argv.
    s.raw(u"url=; sumurl="_qs);
    s.raw(u"IFS= read -r url || true"_qs);
    s.raw(u"IFS= read -r sumurl || true"_qs);
    s.raw(u"if [ -z \"$url\" ]; then echo 'meshdeck: no package URL arrived on stdin' >&2; exit 3; fi"_qs);
    s.raw(u"u=$(mktemp -d)"_qs);
    s.raw(u"f=\"$u\"/"_qs + Q::quote(fetch.fileName));
    s.raw(u"fail() { rm -rf -- \"$u\"; echo \"$1\" >&2; exit 3; }"_qs);
    // get URL SECONDS FILE. curl reads the URL from its configuration on a pipe (printf is the
    // shell's own, so the URL is in no process's argv either); the URL's characters are RFC
    // 3986's only (PackageSources::url), so it needs no escaping inside the quotes; -g: brackets
    // and braces are the URL's, not curl's globs. Redirects keep to the URL's scheme, http to
    // https allowed, https to http never.
    const QString scheme = QUrl(fetch.url).scheme().toLower();
    const QString protocols = scheme == u"http" ? u"=http,https"_qs : u'=' + scheme;
    s.raw(u"if command -v curl >/dev/null 2>&1; then"_qs);
    s.raw(u"  get() { printf 'url = \"%s\"\\n' \"$1\" | curl -fsSLg --proto "_qs + Q::quote(protocols) + u" --proto-redir "_qs
          + Q::quote(protocols) + u" --connect-timeout 20 --max-time \"$2\" -K - -o \"$3\"; }"_qs);
    s.raw(u"elif command -v wget >/dev/null 2>&1; then"_qs);
    // wget follows a redirect to any scheme: an https URL follows none. Its --timeout is per
    // read, so `timeout` bounds the whole download where coreutils has it.
    const QString redirects = scheme == u"http" ? QString() : u" --max-redirect=0"_qs;
    s.raw(u"  t=; if command -v timeout >/dev/null 2>&1; then t=timeout; fi"_qs);
    s.raw(u"  get() { printf '%s\\n' \"$1\" | ${t:+$t \"$2\"} wget -q --timeout=20"_qs + redirects + u" -O \"$3\" -i -; }"_qs);
    s.raw(u"else fail 'meshdeck: the VM has neither curl nor wget'; fi"_qs);

    const bool given = !fetch.expectedSha256.isEmpty();
    const QString shownSum = fetch.checksumUrl.isEmpty() ? QString() : UrlText::redacted(fetch.checksumUrl);
    s.raw(u"sum="_qs + Q::quote(fetch.expectedSha256));
    if (!given) {
        // The published checksum first: when it is required and missing, nothing is downloaded.
        // Its first word (sha256sum's "<hex>  <name>" as Istio publishes it), at most 200 bytes read.
        const QString quiet = fetch.requireChecksum ? QString() : u" 2>/dev/null"_qs;
        s.raw(u"if [ -n \"$sumurl\" ] && get \"$sumurl\" "_qs + QString::number(fetch.checksumMaxSeconds) + u" \"$u/sha256\""_qs
              + quiet + u"; then"_qs);
        s.raw(u"  sum=$(head -c 200 \"$u/sha256\" | tr -s ' \\t\\r' '\\n\\n\\n' | head -n 1)"_qs);
        s.raw(u"fi"_qs);
        s.raw(u"rm -f -- \"$u/sha256\""_qs);
        if (fetch.requireChecksum) {
            QString why = u"meshdeck: no SHA-256 to verify "_qs + fetch.shownUrl + u" against"_qs;
            if (!fetch.checksumUrl.isEmpty())
                why += u": "_qs + shownSum + u" could not be fetched"_qs;
            s.raw(u"if [ -z \"$sum\" ]; then fail "_qs
                  + Q::quote(why + u"; nothing was downloaded or installed. Give the package's SHA-256 (--package-sha256), "
                                   "or allow an unverified package (--allow-unverified-package)"_qs)
                  + u"; fi"_qs);
        }
    }
    s.raw(u"get \"$url\" "_qs + QString::number(fetch.maxSeconds) + u" \"$f\" || fail "_qs
          + Q::quote(u"meshdeck: cannot download "_qs + fetch.shownUrl + u" (time limit "_qs + QString::number(fetch.maxSeconds)
                     + u" s)"_qs));
    s.raw(u"printf 'dir=%s\\n' \"$u\""_qs);
    s.raw(u"if [ -n \"$sum\" ]; then"_qs);
    s.raw(u"  got=$(sha256sum < \"$f\" | cut -d' ' -f1)"_qs);
    const QString mismatch = given
        ? QString(Q::quote(u"meshdeck: the download of "_qs + fetch.shownUrl + u" has the SHA-256 "_qs) + u"\"$got\""_qs
                  + Q::quote(u", not the expected "_qs) + u"\"$sum\""_qs + Q::quote(u": nothing was installed"_qs))
        : QString(Q::quote(u"meshdeck: the download does not match "_qs + shownSum + u" (SHA-256 "_qs) + u"\"$got\""_qs
                  + Q::quote(u", published "_qs) + u"\"$sum\""_qs + Q::quote(u"): nothing was installed"_qs));
    s.raw(u"  if [ \"$got\" = \"$sum\" ]; then echo sha256=ok; else fail "_qs + mismatch + u"; fi"_qs);
    s.raw(u"else echo sha256=unverified; fi"_qs);
    return s.text();
}

QByteArray packageFetchInput(const PackageFetch& fetch)
{
    return fetch.url.toUtf8() + '\n' + (fetch.expectedSha256.isEmpty() ? fetch.checksumUrl.toUtf8() : QByteArray()) + '\n';
}

QStringList packageQueryCommand(PackageFormat format, const QString& packageFile)
{
    if (format == PackageFormat::Deb)
        return {u"dpkg-deb"_qs, u"-f"_qs, packageFile, u"Package"_qs, u"Version"_qs, u"Architecture"_qs};
    return {u"rpm"_qs, u"-qp"_qs, u"--qf"_qs, u"Package: %{NAME}\\nVersion: %{VERSION}\\nArchitecture: %{ARCH}\\n"_qs,
            packageFile};
}

QString serviceStartScript(bool restart, const QString& unit)
{
    ShellScript s;
    s.raw(u"set -eu"_qs);
    // The package does not enable the unit: without enable the VM leaves the mesh at its next boot.
    s.run({u"systemctl"_qs, u"enable"_qs, unit});
    s.raw(Q::command({u"systemctl"_qs, u"reset-failed"_qs, unit}) + u" 2>/dev/null || true"_qs);
    s.run({u"systemctl"_qs, restart ? u"restart"_qs : u"start"_qs, unit});
    return s.text();
}

QString serviceStartAndWaitScript(bool restart, int timeoutSeconds, const QString& unit, StartPhase phase, const QString& readyUrl)
{
    ShellScript s;
    // No `set -e`: every failure ends in failed(), which adds the log tails to the reason.
    s.assign(u"unit"_qs, unit);
    s.raw(u"limit="_qs + QString::number(std::max(1, timeoutSeconds)));
    s.raw(u"diagnostics() {"_qs);
    s.raw(serviceDiagnosticsScript(unit));
    s.raw(u"}"_qs);
    s.raw(u"failed() { echo meshdeck-start=failed; printf '%s\\n' \"$1\"; diagnostics; exit 1; }"_qs);
    s.raw(u"state() {"_qs);
    s.raw(u"  active= sub= pid= restarts="_qs);
    s.raw(u"  while IFS='=' read -r key value; do"_qs);
    s.raw(u"    case $key in ActiveState) active=$value ;; SubState) sub=$value ;; MainPID) pid=$value ;;"
          " NRestarts) restarts=$value ;; esac"_qs);
    s.raw(u"  done <<MESHDECK_SHOW"_qs);
    s.raw(u"$(systemctl show \"$unit\" -p ActiveState -p SubState -p MainPID -p NRestarts)"_qs);
    s.raw(u"MESHDECK_SHOW"_qs);
    s.raw(u"  if [ \"$active\" = failed ] || { [ \"$active\" = activating ] && [ \"$sub\" = auto-restart ]; }; then"
          " failed \"$unit is $active ($sub)\"; fi"_qs);
    s.raw(u"}"_qs);
    if (phase != StartPhase::Wait) {
        // The package does not enable the unit: without enable the VM leaves the mesh at its next boot.
        // enable reloads systemd afterwards, which makes PID 1 re-read every unit (about 0.1 s of
        // the VM's CPU, the most expensive part of this script). The reload is only needed when
        // systemd's copy of the unit is missing or older than the file; enabling otherwise just makes
        // the [Install] links, which matter at the next boot, when systemd reads them anyway.
        s.raw(u"loaded= stale="_qs);
        s.raw(u"while IFS='=' read -r key value; do"_qs);
        s.raw(u"  case $key in LoadState) loaded=$value ;; NeedDaemonReload) stale=$value ;; esac"_qs);
        s.raw(u"done <<MESHDECK_SHOW"_qs);
        s.raw(u"$(systemctl show \"$unit\" -p LoadState -p NeedDaemonReload 2>/dev/null)"_qs);
        s.raw(u"MESHDECK_SHOW"_qs);
        s.raw(u"if [ \"$loaded\" = loaded ] && [ \"$stale\" = no ]; then noreload=--no-reload; else noreload=; fi"_qs);
        s.raw(u"if ! out=$(systemctl enable $noreload \"$unit\" 2>&1); then failed \"systemctl enable $unit failed: $out\"; fi"_qs);
        s.raw(u"systemctl reset-failed \"$unit\" 2>/dev/null || true"_qs);
        const QString verb = restart ? u"restart"_qs : u"start"_qs;
        s.raw(u"if ! out=$(systemctl "_qs + verb + u" \"$unit\" 2>&1); then failed \"systemctl "_qs + verb
              + u" $unit failed: $out\"; fi"_qs);
    }
    if (phase == StartPhase::Launch) {
        // istio-start.sh installs the traffic capture (iptables) before it execs the agent. On a
        // VM whose kernel tracked no connections before, the capture can take over this very ssh
        // connection (its packets first seen by conntrack after the rules exist are redirected to
        // Envoy): so the caller opens a new connection for the wait. This part answers once the
        // main process is past istio-start.sh (or in 15 s), while the connection still works.
        s.raw(u"end=$(( $(date +%s) + 15 ))"_qs);
        s.raw(u"while :; do"_qs);
        s.raw(u"  state"_qs);
        s.raw(u"  if [ \"$active\" = active ] && [ -n \"$pid\" ] && [ \"$pid\" != 0 ] &&"
              " ! tr '\\0' ' ' <\"/proc/$pid/cmdline\" 2>/dev/null | grep -q istio-start; then break; fi"_qs);
        s.raw(u"  [ \"$(date +%s)\" -le \"$end\" ] || break"_qs);
        s.raw(u"  sleep 0.25 2>/dev/null || sleep 1"_qs);
        s.raw(u"done"_qs);
        s.raw(u"echo meshdeck-start=launched"_qs);
        return s.text();
    }
    // Restart=always hides a crashing agent behind "active" for a moment: only a main process
    // that stays the same, without restarts, for two seconds counts as started. The agent reads
    // its files (token, certificates, mesh config) at once when it starts, so one that cannot
    // use them is gone well within that. stable adds up the sleeps since the first sample of
    // the current process, so it never exceeds the time that really passed.
    s.raw(u"end=$(( $(date +%s) + limit ))"_qs);
    s.raw(u"prev= stable=0 code=-"_qs);
    if (!readyUrl.isEmpty()) {
        // A running agent is not yet a working one: it must get its certificate from istiod with the
        // token and Envoy its configuration. Its readiness endpoint says so; without curl on the
        // VM the check is left to the verify step.
        s.assign(u"ready_url"_qs, readyUrl);
        s.raw(u"ready() { command -v curl >/dev/null 2>&1 || return 0;"
              " code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \"$ready_url\" 2>/dev/null); [ \"$code\" = 200 ]; }"_qs);
        s.raw(u"agent_said() { echo '--- the agent (/var/log/istio/istio.log, warnings and errors)';"
              " grep -E 'warn|error|rejected|failed' /var/log/istio/istio.log 2>/dev/null | tail -n 6 || true; }"_qs);
    } else {
        s.raw(u"ready() { return 0; }"_qs);
        s.raw(u"agent_said() { :; }"_qs);
    }
    s.raw(u"while :; do"_qs);
    s.raw(u"  state"_qs);
    s.raw(u"  if [ \"$active\" = active ] && [ \"$sub\" = running ]; then cur=$pid/$restarts; else cur=; fi"_qs);
    s.raw(u"  if [ -n \"$cur\" ] && [ \"$cur\" = \"$prev\" ]; then"_qs);
    s.raw(u"    if [ \"$stable\" -ge 2000 ] && ready; then echo \"meshdeck-start=ok $pid\"; exit 0; fi"_qs);
    s.raw(u"  else prev=$cur stable=0; fi"_qs);
    s.raw(u"  if [ \"$(date +%s)\" -gt \"$end\" ]; then"_qs);
    s.raw(u"    if [ \"$stable\" -ge 2000 ]; then failed \"$unit runs, but the agent did not become ready in $limit s"
          " ($ready_url answers $code)\n$(agent_said)\"; fi"_qs);
    s.raw(u"    failed \"$unit did not settle in $limit s (now $active/$sub)\""_qs);
    s.raw(u"  fi"_qs);
    s.raw(u"  if sleep 0.25 2>/dev/null; then stable=$((stable + 250)); else sleep 1; stable=$((stable + 1000)); fi"_qs);
    s.raw(u"done"_qs);
    return s.text();
}

QString serviceStopScript(const QString& unit)
{
    ShellScript s;
    s.raw(u"set -eu"_qs);
    s.raw(u"if systemctl cat "_qs + Q::quote(unit) + u" >/dev/null 2>&1; then "_qs
          + Q::command({u"systemctl"_qs, u"disable"_qs, u"--now"_qs, unit}) + u"; fi"_qs);
    s.raw(Q::command({u"systemctl"_qs, u"reset-failed"_qs, unit}) + u" 2>/dev/null || true"_qs);
    return s.text();
}

QStringList serviceShowCommand(const QString& unit)
{
    return {u"systemctl"_qs, u"show"_qs, unit, u"-p"_qs, u"ActiveState"_qs, u"-p"_qs, u"SubState"_qs, u"-p"_qs,
            u"NRestarts"_qs, u"-p"_qs, u"MainPID"_qs, u"-p"_qs, u"UnitFileState"_qs, u"-p"_qs, u"LoadState"_qs};
}

QString serviceDiagnosticsScript(const QString& unit)
{
    ShellScript s;
    s.raw(u"echo '--- tail of /var/log/istio/istio.err.log'"_qs);
    s.raw(u"tail -n 20 /var/log/istio/istio.err.log 2>&1 || true"_qs);
    s.raw(u"echo '--- journalctl -u istio -n 20'"_qs);
    s.raw(Q::command({u"journalctl"_qs, u"-u"_qs, unit, u"-n"_qs, u"20"_qs, u"--no-pager"_qs}) + u" 2>&1 || true"_qs);
    return s.text();
}

QHash<QString, QString> parseFields(const QByteArray& output, QChar separator)
{
    QHash<QString, QString> fields;
    for (const QByteArray& line : output.split('\n')) {
        const QString text = QString::fromUtf8(line);
        const qsizetype at = text.indexOf(separator);
        if (at <= 0)
            continue;
        fields.insert(text.left(at).trimmed(), text.mid(at + 1).trimmed());
    }
    return fields;
}

} // namespace InstallScript
