// SPDX-License-Identifier: Apache-2.0
// The scripts the engine runs with sudo on a VM, run here with /bin/sh against a scratch root:
// placement with owners and modes, the chown list, the hosts block, atomic replacement (a failure
// leaves the old files and no temporary names), the upload directory removed on every exit, and
// hostile paths that arrive intact and are never executed.
#include "installscript.h"

#include "hostsblock.h"
#include "shellscript.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>
#include <unistd.h>

#include "testsupport.h"

namespace {

using Run = TestSupport::BasicRun<QByteArray>; // what the scripts wrote, byte for byte

// The script as the engine runs it: sh -c SCRIPT, $0 meshdeck.
Run sh(const QString& script)
{
    return TestSupport::run<Run>(u"/bin/sh"_qs, {u"-c"_qs, script, u"meshdeck"_qs}, TestSupport::RunOptions().withTimeout(30000));
}

bool write(const QString& path, const QByteArray& content)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(content) == content.size();
}

QByteArray read(const QString& path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing>");
}

using TestSupport::modeOf;

uid_t ownerOf(const QString& path)
{
    struct stat st{};
    return ::stat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_uid : uid_t(-1);
}

using TestSupport::sha256;

QStringList leftovers(const QString& root)
{
    QStringList found;
    QDirIterator it(root, QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (path.contains(u".meshdeck-new"_qs))
            found.append(path);
    }
    return found;
}

const QByteArray hostsBefore = "127.0.0.1\tlocalhost\n::1\tlocalhost\n";

// The package download as the engine runs it: the URLs on stdin (tst_packagefetch covers http(s)).
InstallScript::PackageFetch fetchOf(const QString& url, const QString& expectedSha256 = {}, bool requireChecksum = true)
{
    InstallScript::PackageFetch fetch;
    fetch.url = url;
    fetch.shownUrl = url;
    fetch.checksumUrl = expectedSha256.isEmpty() ? url + u".sha256"_qs : QString();
    fetch.expectedSha256 = expectedSha256;
    fetch.requireChecksum = requireChecksum;
    fetch.fileName = u"istio-sidecar.deb"_qs;
    return fetch;
}

Run fetch(const InstallScript::PackageFetch& fetch)
{
    return TestSupport::run<Run>(u"/bin/sh"_qs, {u"-c"_qs, InstallScript::packageFetchScript(fetch), u"meshdeck"_qs},
                                 TestSupport::RunOptions().withTimeout(30000).withInput(InstallScript::packageFetchInput(fetch)));
}

} // namespace

class TestInstallScript final : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_root = m_dir.filePath(u"root"_qs);
        // Root runs this suite on the lab machine: files then go to "nobody", as they would to
        // istio-proxy. Anyone else can only give files to themselves.
        m_uid = ::geteuid() == 0 ? 65534 : ::geteuid();
        m_owner = ::geteuid() == 0 ? u"nobody"_qs : qEnvironmentVariable("USER");
        m_group = ::geteuid() == 0 ? u"nogroup"_qs : QString::number(::getegid());
        QVERIFY(write(m_root + u"/etc/hosts"_qs, hostsBefore));
    }

    void cleanup()
    {
        QDir(m_dir.path()).removeRecursively();
        QDir().mkpath(m_dir.path());
    }

    void distributionPlacesEveryFile()
    {
        const QString upload = m_dir.filePath(u"upload"_qs);
        const Spec s = spec(upload);
        const Run r = sh(InstallScript::distributionScript(s.dist));
        QVERIFY2(r.exitCode == 0, r.err.constData());

        QCOMPARE(read(m_root + u"/etc/certs/root-cert.pem"_qs), QByteArray("ROOT"));
        QCOMPARE(read(m_root + u"/var/run/secrets/tokens/istio-token"_qs), QByteArray("a.b.c"));
        QCOMPARE(read(m_root + u"/var/lib/istio/envoy/cluster.env"_qs), QByteArray("ISTIO_NAMESPACE='ns'\n"));
        QCOMPARE(read(m_root + u"/etc/istio/config/mesh"_qs), QByteArray("defaultConfig: {}\n"));
        QCOMPARE(modeOf(m_root + u"/var/run/secrets/tokens/istio-token"_qs), 0600);
        QCOMPARE(modeOf(m_root + u"/etc/certs/root-cert.pem"_qs), 0644);
        QCOMPARE(modeOf(m_root + u"/var/lib/istio/envoy/cluster.env"_qs), 0644);
        QCOMPARE(modeOf(m_root + u"/etc/istio/proxy"_qs), 0755);
        // istio.io's chown -R list: the directories the agent writes into belong to it.
        for (const QString& p : {u"/etc/certs"_qs, u"/etc/certs/root-cert.pem"_qs, u"/var/run/secrets"_qs,
                                 u"/var/run/secrets/tokens/istio-token"_qs, u"/var/lib/istio/envoy/cluster.env"_qs,
                                 u"/etc/istio/config/mesh"_qs, u"/etc/istio/proxy"_qs})
            QVERIFY2(ownerOf(m_root + p) == m_uid, qPrintable(p));
        // ... each alone: /var/lib/istio, which holds config/ and envoy/, stays root's (H4).
        QCOMPARE(ownerOf(m_root + u"/var/lib/istio"_qs), ::geteuid());
        const QByteArray hosts = read(m_root + u"/etc/hosts"_qs);
        QCOMPARE(hosts, hostsBefore + "# BEGIN meshdeck\n198.18.0.2 istiod.istio-system.svc\n# END meshdeck\n");
        QVERIFY(!QFileInfo::exists(upload));
        QCOMPARE(leftovers(m_root), QStringList());
    }

    void rerunReplacesAndNeverDuplicates()
    {
        for (int i = 0; i < 3; ++i) {
            const QString upload = m_dir.filePath(u"upload%1"_qs.arg(i));
            const Spec s = spec(upload, "ROOT" + QByteArray::number(i));
            const Run r = sh(InstallScript::distributionScript(s.dist));
            QVERIFY2(r.exitCode == 0, r.err.constData());
            QCOMPARE(read(m_root + u"/etc/certs/root-cert.pem"_qs), "ROOT" + QByteArray::number(i));
        }
        QCOMPARE(read(m_root + u"/etc/hosts"_qs).count("istiod.istio-system.svc"), 1);
    }

    void failureLeavesTheOldFiles()
    {
        // An earlier onboarding's files are in place; this run's third file is missing from the
        // upload, so install fails half-way.
        QVERIFY(write(m_root + u"/etc/certs/root-cert.pem"_qs, "OLD-ROOT"));
        QVERIFY(write(m_root + u"/var/run/secrets/tokens/istio-token"_qs, "old.token"));
        QVERIFY(write(m_root + u"/var/lib/istio/envoy/cluster.env"_qs, "OLD=1\n"));
        const QString upload = m_dir.filePath(u"upload"_qs);
        const Spec s = spec(upload);
        QVERIFY(QFile::remove(upload + u"/cluster.env"_qs));
        const Run r = sh(InstallScript::distributionScript(s.dist));
        QVERIFY(r.exitCode != 0);
        // Every file is renamed into place only after all were copied: nothing changed.
        QCOMPARE(read(m_root + u"/etc/certs/root-cert.pem"_qs), QByteArray("OLD-ROOT"));
        QCOMPARE(read(m_root + u"/var/run/secrets/tokens/istio-token"_qs), QByteArray("old.token"));
        QCOMPARE(read(m_root + u"/var/lib/istio/envoy/cluster.env"_qs), QByteArray("OLD=1\n"));
        QCOMPARE(read(m_root + u"/etc/hosts"_qs), hostsBefore);
        QCOMPARE(leftovers(m_root), QStringList());
        QVERIFY(!QFileInfo::exists(upload)); // the trap removed it
    }

    void hostsChangedMeanwhileStopsBeforeAnything()
    {
        const QString upload = m_dir.filePath(u"upload"_qs);
        Spec s = spec(upload);
        QVERIFY(write(m_root + u"/etc/hosts"_qs, hostsBefore + "10.1.1.1 added-by-someone\n"));
        const Run r = sh(InstallScript::distributionScript(s.dist));
        QCOMPARE(r.exitCode, 4);
        QVERIFY(r.err.contains("/etc/hosts changed"));
        QVERIFY(!QFileInfo::exists(m_root + u"/etc/certs/root-cert.pem"_qs));
        QCOMPARE(read(m_root + u"/etc/hosts"_qs), hostsBefore + "10.1.1.1 added-by-someone\n");
        QVERIFY(!QFileInfo::exists(upload));
    }

    void missingOwnerIsNamed()
    {
        const QString upload = m_dir.filePath(u"upload"_qs);
        Spec s = spec(upload);
        s.dist.owner = u"no-such-user-meshdeck"_qs;
        const Run r = sh(InstallScript::distributionScript(s.dist));
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.err.contains("no-such-user-meshdeck does not exist"));
        QVERIFY(!QFileInfo::exists(upload));
    }

    void hostileValuesArriveIntact_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("single quote") << u"it's"_qs;
        QTest::newRow("command substitution") << u"$(touch CANARY)"_qs;
        QTest::newRow("backticks") << u"`touch CANARY`"_qs;
        QTest::newRow("semicolon") << u"a; touch CANARY"_qs;
        QTest::newRow("newline") << u"a\ntouch CANARY"_qs;
        QTest::newRow("glob") << u"*"_qs;
        QTest::newRow("unicode") << u"日本語 ünïcödé"_qs;
        QTest::newRow("dash first") << u"-rf"_qs;
    }

    void hostileValuesArriveIntact()
    {
        // The upload directory is the one value from the VM (mktemp's answer) that reaches these
        // scripts; target paths and contents travel the same way. The canary must never appear.
        QFETCH(QString, name);
        const QString upload = m_dir.filePath(u"up "_qs + name);
        const Spec s = spec(upload, "ROOT", name);
        const Run r = sh(u"cd "_qs + ShellScript::quote(m_dir.path()) + u" && "_qs + InstallScript::distributionScript(s.dist));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(read(m_root + u"/etc/certs/root-cert.pem"_qs), QByteArray("ROOT"));
        QCOMPARE(read(m_root + u"/opt/"_qs + name), QByteArray("hostile"));
        QVERIFY(!QFileInfo::exists(upload));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(u"CANARY"_qs)));
        QVERIFY(!QFileInfo::exists(u"CANARY"_qs));
    }

    // Security review H4: a VM onboarded by istio.io's `chown -R istio-proxy /var/lib/istio` (or
    // an earlier meshdeck) lets istio-proxy swap config/ for a link to a root-owned directory.
    // The next distribution must stop before writing anything, there or anywhere.
    void plantedLinkStopsTheDistribution()
    {
        if (::geteuid() != 0)
            QSKIP("giving a directory to another user (istio-proxy's stand-in) needs root");
        const QString upload = m_dir.filePath(u"upload"_qs);
        QVERIFY(sh(InstallScript::distributionScript(spec(upload).dist)).exitCode == 0);
        const QString elsewhere = m_dir.filePath(u"apt.conf.d"_qs); // root's, as /etc/apt/apt.conf.d is
        QVERIFY(QDir().mkpath(elsewhere));
        QVERIFY(::chown(QFile::encodeName(m_root + u"/var/lib/istio"_qs).constData(), m_uid, m_uid) == 0);
        QVERIFY(::chown(QFile::encodeName(m_root + u"/etc/istio"_qs).constData(), m_uid, m_uid) == 0);
        // What the proxy would do: mv config x && ln -s <root's directory> config.
        QVERIFY(QDir().rename(m_root + u"/etc/istio/config"_qs, m_root + u"/etc/istio/x"_qs));
        QVERIFY(QFile::link(elsewhere, m_root + u"/etc/istio/config"_qs));
        const QByteArray rootBefore = read(m_root + u"/etc/certs/root-cert.pem"_qs);

        const QString upload2 = m_dir.filePath(u"upload2"_qs);
        const Run r = sh(InstallScript::distributionScript(spec(upload2, "NEW-ROOT").dist));
        QCOMPARE(r.exitCode, 5);
        QVERIFY2(r.err.contains((m_root + u"/etc/istio/config is a symbolic link"_qs).toUtf8()), r.err.constData());
        QVERIFY2(r.err.contains("Nothing more was written"), r.err.constData());
        QCOMPARE(QDir(elsewhere).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
        // The check comes before any file is written: the others are as they were.
        QCOMPARE(read(m_root + u"/etc/certs/root-cert.pem"_qs), rootBefore);
        QCOMPARE(leftovers(m_root), QStringList());
        QVERIFY(!QFileInfo::exists(upload2));

        // Offboarding's removal does not delete through it either.
        QVERIFY(write(elsewhere + u"/mesh"_qs, "root's file"));
        InstallScript::Removal removal;
        removal.root = m_root;
        removal.files = {u"/etc/certs/root-cert.pem"_qs, u"/etc/istio/config/mesh"_qs};
        removal.trees = {u"/etc/istio/config/sub"_qs};
        const Run gone = sh(InstallScript::removalScript(removal));
        QCOMPARE(gone.exitCode, 5);
        QCOMPARE(read(elsewhere + u"/mesh"_qs), QByteArray("root's file"));
    }

    // The VM's own layout: /etc/istio is a link to /var/lib/istio that only root could have made
    // (in /etc, root's alone), so it is followed; /var/lib/istio, given to istio-proxy by an
    // earlier chown -R, is given back to root.
    void rootsOwnLinkIsFollowed()
    {
        if (::geteuid() != 0)
            QSKIP("giving a directory to another user (istio-proxy's stand-in) needs root");
        QVERIFY(QDir().mkpath(m_root + u"/var/lib/istio/config"_qs));
        QVERIFY(QFile::link(m_root + u"/var/lib/istio"_qs, m_root + u"/etc/istio"_qs));
        QVERIFY(::chmod(QFile::encodeName(m_root + u"/etc"_qs).constData(), 0755) == 0);
        QVERIFY(::chown(QFile::encodeName(m_root + u"/var/lib/istio"_qs).constData(), m_uid, m_uid) == 0);
        const QString upload = m_dir.filePath(u"upload"_qs);
        const Run r = sh(InstallScript::distributionScript(spec(upload).dist));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(read(m_root + u"/var/lib/istio/config/mesh"_qs), QByteArray("defaultConfig: {}\n"));
        QCOMPARE(ownerOf(m_root + u"/var/lib/istio"_qs), uid_t(0));
        QCOMPARE(ownerOf(m_root + u"/var/lib/istio/config/mesh"_qs), m_uid);
    }

    void removalRestoresTheBaseline()
    {
        const QString upload = m_dir.filePath(u"upload"_qs);
        QVERIFY(sh(InstallScript::distributionScript(spec(upload).dist)).exitCode == 0);
        QVERIFY(write(m_root + u"/etc/certs/key.pem"_qs, "agent-issued"));
        QVERIFY(write(m_root + u"/var/log/istio/istio.log"_qs, "log"));
        QVERIFY(write(m_root + u"/var/run/secrets/other/kept"_qs, "someone else's"));
        const QByteArray hosts = read(m_root + u"/etc/hosts"_qs);

        InstallScript::Removal removal;
        removal.root = m_root;
        removal.files = {u"/etc/certs/root-cert.pem"_qs, u"/etc/certs/key.pem"_qs, u"/var/run/secrets/tokens/istio-token"_qs,
                         u"/var/lib/istio/envoy/cluster.env"_qs, u"/etc/istio/config/mesh"_qs};
        // /var/run/secrets existed before the onboarding: only its tokens directory goes.
        removal.trees = {u"/var/lib/istio"_qs, u"/var/log/istio"_qs, u"/etc/certs"_qs, u"/var/run/secrets/tokens"_qs, u"/etc/istio"_qs};
        const QString upload2 = m_dir.filePath(u"upload2"_qs);
        QVERIFY(write(upload2 + u"/hosts"_qs, HostsBlock::remove(hosts).content));
        removal.uploadDirectory = upload2;
        removal.replaceHosts = true;
        removal.hosts = {upload2 + u"/hosts"_qs, sha256(hosts)};
        const Run r = sh(InstallScript::removalScript(removal));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        for (const QString& gone : {u"/var/lib/istio"_qs, u"/var/log/istio"_qs, u"/etc/certs"_qs, u"/etc/istio"_qs,
                                    u"/var/run/secrets/tokens"_qs})
            QVERIFY2(!QFileInfo::exists(m_root + gone), qPrintable(gone));
        QCOMPARE(read(m_root + u"/var/run/secrets/other/kept"_qs), QByteArray("someone else's"));
        QCOMPARE(read(m_root + u"/etc/hosts"_qs), hostsBefore);
        QVERIFY(!QFileInfo::exists(upload2));
        // Idempotent: a second run finds nothing to do and succeeds.
        InstallScript::Removal again = removal;
        again.replaceHosts = false;
        again.uploadDirectory.clear();
        QCOMPARE(sh(InstallScript::removalScript(again)).exitCode, 0);
    }

    void removalWithoutBaselineOnlyRemovesEmptyDirectories()
    {
        QVERIFY(write(m_root + u"/etc/certs/root-cert.pem"_qs, "ROOT"));
        QVERIFY(write(m_root + u"/etc/certs/site-ca.pem"_qs, "not ours"));
        QVERIFY(QDir().mkpath(m_root + u"/etc/istio/proxy"_qs));
        InstallScript::Removal removal;
        removal.root = m_root;
        removal.files = {u"/etc/certs/root-cert.pem"_qs};
        removal.emptyDirectories = {u"/etc/istio/proxy"_qs, u"/etc/certs"_qs};
        QCOMPARE(sh(InstallScript::removalScript(removal)).exitCode, 0);
        QVERIFY(!QFileInfo::exists(m_root + u"/etc/istio/proxy"_qs));
        QCOMPARE(read(m_root + u"/etc/certs/site-ca.pem"_qs), QByteArray("not ours"));
    }

    void packageScripts()
    {
        const QString install = InstallScript::packageInstallScript(InstallScript::PackageFormat::Deb,
                                                                    u"/tmp/meshdeck.x/istio-sidecar.deb"_qs, u"/tmp/meshdeck.x"_qs);
        QVERIFY(install.contains(u"env DEBIAN_FRONTEND=noninteractive dpkg --force-confold -i /tmp/meshdeck.x/istio-sidecar.deb"_qs));
        QVERIFY(install.contains(u"trap 'rm -rf -- /tmp/meshdeck.x' EXIT"_qs));
        QVERIFY(InstallScript::packageInstallScript(InstallScript::PackageFormat::Rpm, u"/t/p.rpm"_qs, {})
                    .contains(u"rpm -U --replacepkgs /t/p.rpm"_qs));
        QVERIFY(InstallScript::packageRemovalScript(InstallScript::PackageFormat::Deb)
                    .contains(u"if dpkg-query -W istio-sidecar >/dev/null 2>&1; then env DEBIAN_FRONTEND=noninteractive dpkg -P istio-sidecar; fi"_qs));
        QVERIFY(InstallScript::packageRemovalScript(InstallScript::PackageFormat::Rpm).contains(u"rpm -e istio-sidecar"_qs));
        // Runs here: a removal of a package that is not installed does nothing and succeeds.
        if (QFileInfo::exists(u"/usr/bin/dpkg-query"_qs))
            QCOMPARE(sh(InstallScript::packageRemovalScript(InstallScript::PackageFormat::Deb, u"meshdeck-no-such-package"_qs)).exitCode, 0);
    }

    void serviceScripts()
    {
        const QString start = InstallScript::serviceStartScript(false);
        QVERIFY(start.contains(u"systemctl enable istio.service\n"_qs));
        QVERIFY(start.contains(u"systemctl start istio.service\n"_qs));
        QVERIFY(InstallScript::serviceStartScript(true).contains(u"systemctl restart istio.service\n"_qs));
        QVERIFY(InstallScript::serviceStopScript().contains(u"systemctl disable --now istio.service"_qs));
        QVERIFY(InstallScript::serviceDiagnosticsScript().contains(u"tail -n 20 /var/log/istio/istio.err.log"_qs));
        QVERIFY(InstallScript::serviceDiagnosticsScript().contains(u"journalctl -u istio.service -n 20 --no-pager"_qs));
    }

    void fetchVerifiesTheChecksum()
    {
        // The VM-side download, run here against file:// URLs (curl speaks them as it speaks https).
        const QString dir = m_dir.filePath(u"srv"_qs);
        QVERIFY(write(dir + u"/istio-sidecar.deb"_qs, "package bytes"));
        QVERIFY(write(dir + u"/istio-sidecar.deb.sha256"_qs, sha256("package bytes").toLatin1() + "  istio-sidecar.deb\n"));
        Run r = fetch(fetchOf(u"file://"_qs + dir + u"/istio-sidecar.deb"_qs));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QHash<QString, QString> fields = InstallScript::parseFields(r.out, u'=');
        QCOMPARE(fields.value(u"sha256"_qs), u"ok"_qs);
        QCOMPARE(read(fields.value(u"dir"_qs) + u"/istio-sidecar.deb"_qs), QByteArray("package bytes"));
        QCOMPARE(modeOf(fields.value(u"dir"_qs)), 0700);
        QDir(fields.value(u"dir"_qs)).removeRecursively();

        QVERIFY(write(dir + u"/istio-sidecar.deb.sha256"_qs, sha256("other").toLatin1() + "  istio-sidecar.deb\n"));
        r = fetch(fetchOf(u"file://"_qs + dir + u"/istio-sidecar.deb"_qs));
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.err.contains("does not match"));

        // No published checksum: refused before the download (security review H2) unless the
        // user allows an unverified package.
        QFile::remove(dir + u"/istio-sidecar.deb.sha256"_qs);
        r = fetch(fetchOf(u"file://"_qs + dir + u"/istio-sidecar.deb"_qs));
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("meshdeck: no SHA-256 to verify file://"), r.err.constData());
        QVERIFY2(r.err.contains("nothing was downloaded or installed"), r.err.constData());
        QVERIFY(r.out.isEmpty()); // no dir= line
        r = fetch(fetchOf(u"file://"_qs + dir + u"/istio-sidecar.deb"_qs, {}, false));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(InstallScript::parseFields(r.out, u'=').value(u"sha256"_qs), u"unverified"_qs);
        QDir(InstallScript::parseFields(r.out, u'=').value(u"dir"_qs)).removeRecursively();
    }

    void fetchVerifiesAGivenChecksum()
    {
        // --package-sha256: the reference, even where the server publishes a .sha256 of its own
        // (here a wrong one, which must not be consulted).
        const QString dir = m_dir.filePath(u"srv2"_qs);
        const QString url = u"file://"_qs + dir + u"/istio-sidecar.deb"_qs;
        QVERIFY(write(dir + u"/istio-sidecar.deb"_qs, "package bytes"));
        QVERIFY(write(dir + u"/istio-sidecar.deb.sha256"_qs, sha256("other").toLatin1() + "  istio-sidecar.deb\n"));
        Run r = fetch(fetchOf(url, sha256("package bytes")));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QHash<QString, QString> fields = InstallScript::parseFields(r.out, u'=');
        QCOMPARE(fields.value(u"sha256"_qs), u"ok"_qs);
        QCOMPARE(read(fields.value(u"dir"_qs) + u"/istio-sidecar.deb"_qs), QByteArray("package bytes"));
        QDir(fields.value(u"dir"_qs)).removeRecursively();

        // A mismatch: exit 3, both hashes named, and the download gone before anything could use it.
        const QString tmp = m_dir.filePath(u"tmp2"_qs);
        QVERIFY(QDir().mkpath(tmp));
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(u"TMPDIR"_qs, tmp);
        p.setProcessEnvironment(env);
        p.start(u"/bin/sh"_qs, {u"-c"_qs, InstallScript::packageFetchScript(fetchOf(url, sha256("other")))});
        QVERIFY(p.waitForStarted());
        p.write(InstallScript::packageFetchInput(fetchOf(url, sha256("other"))));
        p.closeWriteChannel();
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 3);
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(err.contains(u"has the SHA-256 "_qs + sha256("package bytes") + u", not the expected "_qs + sha256("other")),
                 qPrintable(err));
        QVERIFY(err.contains(u"nothing was installed"_qs));
        QCOMPARE(QDir(tmp).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList());

        // Nothing to download: curl's own reason, then meshdeck's line, exit 3.
        r = fetch(fetchOf(u"file://"_qs + dir + u"/missing.deb"_qs, sha256("x")));
        QCOMPARE(r.exitCode, 3);
        QVERIFY2(r.err.contains("meshdeck: cannot download file://"), r.err.constData());
    }

private:
    struct Spec
    {
        InstallScript::Distribution dist;
    };

    // The bundle as the engine uploads it, then the distribution of istioDistribution() rooted
    // in the scratch directory (and, for the hostile cases, one more file with a hostile name).
    Spec spec(const QString& upload, const QByteArray& rootCert = "ROOT", const QString& extraName = {})
    {
        VmBundle bundle{u"vm1"_qs, {}};
        bundle.files = {VmFile{u"root-cert.pem"_qs, rootCert, u"/etc/certs/root-cert.pem"_qs},
                        VmFile{u"istio-token"_qs, "a.b.c", u"/var/run/secrets/tokens/istio-token"_qs},
                        VmFile{u"cluster.env"_qs, "ISTIO_NAMESPACE='ns'\n", u"/var/lib/istio/envoy/cluster.env"_qs},
                        VmFile{u"mesh.yaml"_qs, "defaultConfig: {}\n", u"/etc/istio/config/mesh"_qs},
                        VmFile{u"hosts"_qs, "198.18.0.2 istiod.istio-system.svc\n", u"/etc/hosts"_qs}};
        const QByteArray hosts = read(m_root + u"/etc/hosts"_qs);
        QStringList paths;
        for (const VmFile& f : std::as_const(bundle.files)) {
            const QByteArray content = f.name == u"hosts" ? HostsBlock::replace(hosts, f.content).content : f.content;
            write(upload + u'/' + f.name, content);
            paths.append(upload + u'/' + f.name);
        }
        Spec s;
        s.dist = InstallScript::istioDistribution(bundle, upload, paths);
        s.dist.root = m_root;
        s.dist.owner = m_owner;
        s.dist.group = m_group;
        s.dist.hosts.expectedSha256 = sha256(hosts);
        if (!extraName.isEmpty()) {
            write(upload + u"/extra"_qs, "hostile");
            s.dist.directories.append(u"/opt"_qs);
            s.dist.files.append(InstallScript::Placement{upload + u"/extra"_qs, u"/opt/"_qs + extraName, u"0644"_qs});
        }
        return s;
    }

    QTemporaryDir m_dir;
    QString m_root;
    uid_t m_uid = 0;
    QString m_owner;
    QString m_group;
};

QTEST_GUILESS_MAIN(TestInstallScript)
#include "tst_installscript.moc"
