// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "resource.h"

#include <QList>
#include <QString>
#include <QStringList>

/*!
 * The shell scripts the onboarding engine runs on a VM, built from argument vectors
 * (ShellScript). Each is one `sh -c` run, with sudo where it changes the system, so one step is
 * one remote command and one sudo conversation. Pure: tests run them against a scratch root
 * directory (the root field) to prove placement, modes, atomicity and quoting.
 */
namespace InstallScript {

enum class PackageFormat { Deb, Rpm };

/*! One file of the bundle going into place. */
struct Placement
{
    QString source; //!< absolute path of the uploaded copy (in the private upload directory)
    QString target; //!< absolute path on the VM (before root is prefixed)
    QString mode = u"0644"_qs;
};

/*!
 * A file the script receives on its standard input instead of from an upload: the files come
 * one after the other, each exactly size bytes, in the order listed, into a new private
 * directory (mktemp -d, 0700) that the script removes on every exit. A Placement's or a
 * HostsReplacement's source then names the file (its plain name, no directory).
 */
struct Incoming
{
    QString name; //!< a plain file name: no '/', not "." or ".."
    qint64 size = 0;
};

/*! Replacing /etc/hosts with a version edited by HostsBlock. */
struct HostsReplacement
{
    QString source;         //!< uploaded new content
    QString expectedSha256; //!< hex SHA-256 of /etc/hosts as it was read; "absent" = it did not exist
};

struct Distribution
{
    QString root;            //!< prefix of every VM path; empty on a VM (tests use a scratch dir)
    QString uploadDirectory; //!< removed at the end, also on failure
    QList<Incoming> incoming;   //!< non-empty: the files arrive on stdin (one ssh round trip), see Incoming
    QString owner = u"istio-proxy"_qs;
    QString group = u"istio-proxy"_qs;
    QStringList directories;    //!< made first (0755), each component entered as enter() does
    QList<Placement> files;
    QStringList ownedDirectories; //!< given to owner:group, each alone (not recursively)
    QStringList rootDirectories;  //!< given back to root when the script runs as root
    bool replaceHosts = false;
    HostsReplacement hosts;
};

/*!
 * Where Istio's agent expects each bundle file (reference §4 "Official placement"), with the
 * directories and the chown list of istio.io's VM install. istio-token is 0600 (the agent runs
 * as istio-proxy and is its only reader); the others 0644.
 */
Distribution istioDistribution(const VmBundle& bundle, const QString& uploadDirectory,
                               const QStringList& uploadedPaths);

/*!
 * The distribution script: checks /etc/hosts is still as read, copies each file to a temporary
 * name beside its target with owner and mode set, renames them all into place, chowns, and
 * replaces /etc/hosts. A trap removes the temporaries and the upload directory on every exit,
 * so a failure never leaves a half-written file under a final name.
 *
 * Root never writes through a symbolic link someone else could have planted (security review
 * H4): each directory is entered one component at a time, a link followed only in a directory
 * that root alone can write to, and each file is created under a name that must be new, then
 * renamed within the directory entered. A planted link stops the script (exit 5) before any
 * file is written, naming the link.
 */
QString distributionScript(const Distribution& spec);

/*! What offboarding removes. */
struct Removal
{
    QString root;
    QString uploadDirectory; //!< when hosts are replaced; removed at the end
    QList<Incoming> incoming; //!< non-empty: the new /etc/hosts arrives on stdin, see Incoming
    QStringList files;       //!< rm -f
    QStringList trees;       //!< rm -rf: directories meshdeck's onboarding created
    QStringList emptyDirectories; //!< rmdir when empty (deepest first)
    QStringList symlinks;    //!< removed when they are symlinks
    QString user;            //!< userdel (and groupdel of the same name) when set
    bool replaceHosts = false;
    HostsReplacement hosts;
};

QString removalScript(const Removal& spec);

/*! dpkg -i / rpm -U of a package file, then removal of its private directory. */
QString packageInstallScript(PackageFormat format, const QString& packageFile, const QString& cleanupDirectory);
/*!
 * The package file arrives on stdin (size bytes) into a new private directory, is checked for
 * its size, installed as packageInstallScript() does, and removed with its directory on every
 * exit: upload and install in one sudo round trip.
 */
QString packageReceiveInstallScript(PackageFormat format, const QString& fileName, qint64 size);
/*! dpkg -P / rpm -e istio-sidecar when it is installed. */
QString packageRemovalScript(PackageFormat format, const QString& packageName = u"istio-sidecar"_qs);
/*! What the VM downloads, and what it checks the download against. */
struct PackageFetch
{
    /*!
     * The package's URL. It may carry a credential (user information, a presigned query), so it
     * never appears in the script, which is the remote command line any user of the VM can read
     * in /proc: it arrives on the script's stdin (packageFetchInput()) and reaches curl or wget
     * through a pipe, never as an argument.
     */
    QString url;
    QString shownUrl;        //!< url as messages name it (credentials hidden; UrlText::redacted)
    QString checksumUrl;     //!< the published SHA-256 (<path>.sha256); empty = none consulted (stdin too)
    QString expectedSha256;  //!< hex, given by the user: the reference; checksumUrl is then not consulted
    bool requireChecksum = true; //!< without expectedSha256: no published checksum fails (exit 3) before the download
    QString fileName;        //!< the name in the private directory (istio-sidecar.deb)
    int maxSeconds = 600;    //!< the whole package download (curl --max-time; wget under timeout)
    int checksumMaxSeconds = 60;
};

/*!
 * Unprivileged download on the VM into a new private directory (mktemp -d, umask 077): prints
 * "dir=<path>" and "sha256=ok|unverified". The published checksum is fetched first: when it is
 * required and missing, nothing is downloaded (exit 3, the reason and what to give instead).
 * The file is checked against expectedSha256 when given, else the published one; a mismatch
 * removes the directory and exits 3 naming both hashes. curl keeps to the URL's scheme on
 * redirects (--proto/--proto-redir: an https URL never follows a redirect to http) and stops after
 * maxSeconds (--max-time); wget, which cannot be held to https on a redirect, follows none for an
 * https URL and runs under `timeout`. Exit 3 on every failure it reports itself.
 */
QString packageFetchScript(const PackageFetch& fetch);
/*! The script's stdin: the URL, then the checksum's URL (or an empty line), one a line. */
QByteArray packageFetchInput(const PackageFetch& fetch);
/*! Prints "Package: …", "Version: …", "Architecture: …" of a package file (dpkg-deb -f / rpm -qp). */
QStringList packageQueryCommand(PackageFormat format, const QString& packageFile);

/*! systemctl enable + start (or restart when the files changed under a running agent). */
QString serviceStartScript(bool restart, const QString& unit = u"istio.service"_qs);
/*!
 * The whole start step in one run on the VM (sudo): serviceStartScript(), then the wait
 * pollService used to do over ssh every 250 ms, done by the VM itself: `systemctl show` every
 * 250 ms until the unit is active/running with the same MainPID and NRestarts for at least
 * 2 s, or failed, or timeoutSeconds have passed. Prints "meshdeck-start=ok <MainPID>" and exits
 * 0; otherwise prints "meshdeck-start=failed", the reason, then serviceDiagnosticsScript()'s
 * tails, and exits 1 (any other exit: the script itself could not run).
 */
enum class StartPhase {
    Both,   //!< start, then wait, in one run
    Launch, //!< enable + start, then answer "meshdeck-start=launched" once the capture is set up
    Wait,   //!< only the wait (on a new connection after Launch)
};
/*! readyUrl: also wait until it answers 200 (the agent's /healthz/ready); empty = only the unit. */
QString serviceStartAndWaitScript(bool restart, int timeoutSeconds, const QString& unit = u"istio.service"_qs,
                                  StartPhase phase = StartPhase::Both, const QString& readyUrl = {});
/*! systemctl disable --now when the unit exists; nothing otherwise. */
QString serviceStopScript(const QString& unit = u"istio.service"_qs);
/*! The unit's state for polling (no sudo): ActiveState, SubState, NRestarts, MainPID, UnitFileState. */
QStringList serviceShowCommand(const QString& unit = u"istio.service"_qs);
/*! The tail of the agent's error log and of the unit's journal, for a failed start (sudo). */
QString serviceDiagnosticsScript(const QString& unit = u"istio.service"_qs);

/*! Parses `key=value` / `Key: value` lines. */
QHash<QString, QString> parseFields(const QByteArray& output, QChar separator);

} // namespace InstallScript
