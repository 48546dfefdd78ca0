// SPDX-License-Identifier: Apache-2.0
// kubeconfig loading as client-go does it (tools/clientcmd loader.go, merge.go, validation.go):
// first file wins per named entry, first non-empty current-context, missing $KUBECONFIG entries
// skipped, paths relative to the defining file, -data over file fields; and the errors meshdeck
// gives for what it cannot use, each naming the file, context and field.
#include "clustertarget.h"
#include "kubeconfig.h"
#include "kubetestdata.h"

#include <QSslSocket>
#include <QTemporaryDir>
#include <QTest>

#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

using KubeTestData::writeFile;

namespace {

// Drops CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH from this thread's effective capabilities for
// its lifetime (nothing to drop for a user who has none), so that a mode-000 file cannot be read
// by root either.
class WithoutDacOverride
{
public:
    WithoutDacOverride()
    {
        if (::syscall(SYS_capget, &m_header, m_saved) != 0)
            return;
        __user_cap_data_struct reduced[2] = {m_saved[0], m_saved[1]};
        reduced[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH));
        m_ok = ::syscall(SYS_capset, &m_header, reduced) == 0;
    }
    ~WithoutDacOverride()
    {
        if (m_ok)
            ::syscall(SYS_capset, &m_header, m_saved);
    }
    WithoutDacOverride(const WithoutDacOverride&) = delete;
    WithoutDacOverride& operator=(const WithoutDacOverride&) = delete;
    bool ok() const { return m_ok; }

private:
    __user_cap_header_struct m_header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct m_saved[2] = {};
    bool m_ok = false;
};

} // namespace


class TestKubeconfig final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    QString write(const QString& relative, const QByteArray& text) { return writeFile(m_dir->path(), relative, text); }
    static QString shown(const QString& file) { return kubeconfigDisplayPath(file); }
    static ClusterTarget fromEnv(const QStringList& files) { return ClusterTarget{files, {}, u"KUBECONFIG"_qs}; }
    static ClusterTarget explicitFile(const QString& file, const QString& context = {})
    {
        return ClusterTarget{{file}, context, u"--kubeconfig"_qs};
    }
    /*! One file with cluster c (server s), user u (token), context ctx; extra YAML appended to user u. */
    QString simple(const QString& name, const QByteArray& clusterExtra = {}, const QByteArray& userExtra = {})
    {
        return write(name, "clusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:6443\n" + clusterExtra
                               + "users:\n- name: u\n  user:\n" + (userExtra.isEmpty() ? "    token: t0ken\n" : userExtra)
                               + "contexts:\n- name: ctx\n  context: {cluster: c, user: u}\ncurrent-context: ctx\n");
    }
    RestConfigResult configOf(const QString& file) { return loadKubeconfig(explicitFile(file)).restConfigFor(); }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void firstFileWinsWholeEntry()
    {
        const QString a = write(u"a/config"_qs, "clusters:\n- name: shared\n  cluster: {server: https://a.example:6443}\n"
                                                "contexts:\n- name: one\n  context: {cluster: shared}\n");
        const QString b = write(u"b/config"_qs, "clusters:\n- name: shared\n  cluster: {server: https://b.example:6443,"
                                                " tls-server-name: b-only}\n- name: other\n  cluster: {server: https://o:1}\n"
                                                "contexts:\n- name: one\n  context: {cluster: other}\n"
                                                "- name: two\n  context: {cluster: other, namespace: ns2}\n"
                                                "current-context: two\n");
        const KubeconfigLoadResult load = loadKubeconfig(fromEnv({a, b}));
        QVERIFY2(load.ok(), qPrintable(load.errors.join(u'\n')));
        QCOMPARE(load.files, (QStringList{a, b}));
        QCOMPARE(load.clusters.size(), 2);
        // The whole entry comes from a: b's tls-server-name for "shared" is not merged in.
        QCOMPARE(load.cluster(u"shared"_qs)->server, u"https://a.example:6443"_qs);
        QVERIFY(load.cluster(u"shared"_qs)->tlsServerName.isEmpty());
        QCOMPARE(load.cluster(u"shared"_qs)->file, a);
        QCOMPARE(load.context(u"one"_qs)->cluster, u"shared"_qs);
        QCOMPARE(load.context(u"two"_qs)->file, b);
        // a sets no current-context: b's is used.
        QCOMPARE(load.currentContext, u"two"_qs);
        QCOMPARE(load.currentContextFile, b);
        const RestConfigResult rest = load.restConfigFor();
        QVERIFY2(rest.ok(), qPrintable(rest.error));
        QCOMPARE(rest.config.contextName, u"two"_qs);
        QCOMPARE(rest.config.server, QUrl(u"https://o:1"_qs));
        QCOMPARE(rest.config.defaultNamespace, u"ns2"_qs);
        QVERIFY(!rest.config.credentials); // no user: anonymous
    }

    void currentContextPrecedence_data()
    {
        QTest::addColumn<QByteArray>("first");
        QTest::addColumn<QByteArray>("second");
        QTest::addColumn<QString>("requested");
        QTest::addColumn<QString>("selected");
        QTest::newRow("first file's") << QByteArray("current-context: a\n") << QByteArray("current-context: b\n")
                                      << QString() << u"a"_qs;
        QTest::newRow("empty is not a value") << QByteArray("current-context: \"\"\n") << QByteArray("current-context: b\n")
                                              << QString() << u"b"_qs;
        QTest::newRow("--context wins") << QByteArray("current-context: a\n") << QByteArray("current-context: b\n")
                                        << u"b"_qs << u"b"_qs;
    }
    void currentContextPrecedence()
    {
        QFETCH(QByteArray, first);
        QFETCH(QByteArray, second);
        QFETCH(QString, requested);
        QFETCH(QString, selected);
        const QString a = write(u"a"_qs, first);
        const QString b = write(u"b"_qs, second);
        const KubeconfigLoadResult load = loadKubeconfig(ClusterTarget{{a, b}, requested, u"KUBECONFIG"_qs});
        QVERIFY(load.ok());
        QCOMPARE(load.selectedContext(), selected);
    }

    void missingKubeconfigEntriesAreSkipped()
    {
        const QString missing = m_dir->filePath(u"nope/config"_qs);
        const QString a = simple(u"a"_qs);
        const KubeconfigLoadResult load = loadKubeconfig(fromEnv({missing, a}));
        QVERIFY2(load.ok(), qPrintable(load.errors.join(u'\n')));
        QCOMPARE(load.files, QStringList{a});
        QCOMPARE(load.missingFiles, QStringList{missing});
        QVERIFY(load.warnings.isEmpty());
        QVERIFY(load.restConfigFor().ok());

        const KubeconfigLoadResult none = loadKubeconfig(fromEnv({missing}));
        QVERIFY(none.ok());
        QCOMPARE(none.warnings.size(), 1);
        QVERIFY(none.warnings.first().contains(shown(missing)));
        const RestConfigResult rest = none.restConfigFor();
        QVERIFY(rest.error.startsWith(u"no kubeconfig file found"_qs));
        QVERIFY(rest.error.contains(shown(missing)));
    }

    void explicitFileMustExist_data()
    {
        QTest::addColumn<QString>("source");
        QTest::addColumn<QString>("origin");
        QTest::newRow("--kubeconfig") << u"--kubeconfig"_qs << u"(given with --kubeconfig)"_qs;
        QTest::newRow("plan") << u"plan"_qs << u"(named by the plan's cluster.kubeconfig)"_qs;
    }
    void explicitFileMustExist()
    {
        QFETCH(QString, source);
        QFETCH(QString, origin);
        const QString missing = m_dir->filePath(u"absent.yaml"_qs);
        const KubeconfigLoadResult load = loadKubeconfig(ClusterTarget{{missing}, {}, source});
        QCOMPARE(load.errors, QStringList{shown(missing) + u": kubeconfig file does not exist "_qs + origin});
        QCOMPARE(load.restConfigFor().error, load.errors.first());
    }

    void relativePathsResolveAgainstTheDefiningFile()
    {
        write(u"one/pki/ca.crt"_qs, KubeTestData::caPem());
        write(u"two/creds/alice.crt"_qs, KubeTestData::clientCertificatePem());
        write(u"two/creds/alice.key"_qs, KubeTestData::clientKeyPem());
        const QString one = write(u"one/config"_qs, "clusters:\n- name: c\n  cluster:\n    server: https://h:6443\n"
                                                    "    certificate-authority: pki/ca.crt\n"
                                                    "contexts:\n- name: ctx\n  context: {cluster: c, user: alice}\n");
        const QString two = write(u"two/config"_qs, "users:\n- name: alice\n  user:\n"
                                                    "    client-certificate: creds/alice.crt\n"
                                                    "    client-key: ./creds/../creds/alice.key\n"
                                                    "- name: plugin\n  user:\n    tokenFile: tok\n    exec:\n"
                                                    "      apiVersion: client.authentication.k8s.io/v1beta1\n"
                                                    "      command: bin/plugin\n- name: bare\n  user:\n    exec:\n"
                                                    "      apiVersion: client.authentication.k8s.io/v1beta1\n"
                                                    "      command: gke-gcloud-auth-plugin\n");
        const KubeconfigLoadResult load = loadKubeconfig(fromEnv({one, two}));
        QVERIFY(load.ok());
        QCOMPARE(load.cluster(u"c"_qs)->certificateAuthority, m_dir->filePath(u"one/pki/ca.crt"_qs));
        QCOMPARE(load.user(u"alice"_qs)->clientCertificate, m_dir->filePath(u"two/creds/alice.crt"_qs));
        QCOMPARE(load.user(u"alice"_qs)->clientKey, m_dir->filePath(u"two/creds/alice.key"_qs));
        QCOMPARE(load.user(u"plugin"_qs)->tokenFile, m_dir->filePath(u"two/tok"_qs));
        QCOMPARE(load.user(u"plugin"_qs)->exec->command, m_dir->filePath(u"two/bin/plugin"_qs));
        QCOMPARE(load.user(u"bare"_qs)->exec->command, u"gke-gcloud-auth-plugin"_qs); // looked up on PATH

        const RestConfigResult rest = load.restConfigFor(u"ctx"_qs);
        QVERIFY2(rest.ok(), qPrintable(rest.error));
        QCOMPARE(rest.config.ssl.caCertificates(), QSslCertificate::fromData(KubeTestData::caPem()));
        QCOMPARE(rest.config.ssl.peerVerifyMode(), QSslSocket::VerifyPeer);
        QCOMPARE(rest.config.kubeconfigFile, one);
        QVERIFY(rest.config.credentials);
    }

    void dataFieldsOverrideFiles()
    {
        const QByteArray caData = KubeTestData::caPem().toBase64();
        const QString file = simple(u"config"_qs,
                                    "    certificate-authority: does-not-matter.crt\n"
                                    "    certificate-authority-data: " + caData + "\n",
                                    "    client-certificate-data: " + KubeTestData::clientCertificatePem().toBase64() + "\n"
                                    "    client-key-data: " + KubeTestData::clientKeyPem().toBase64() + "\n");
        const RestConfigResult rest = configOf(file);
        QVERIFY2(rest.ok(), qPrintable(rest.error));
        QCOMPARE(rest.config.ssl.caCertificates(), QSslCertificate::fromData(KubeTestData::caPem()));
        QCOMPARE(rest.config.warnings,
                 QStringList{shown(file) + u": context \"ctx\": cluster \"c\": both certificate-authority and "
                                    "certificate-authority-data are set; certificate-authority-data is used"_qs});
    }

    void insecureSkipTlsVerify()
    {
        const RestConfigResult secure = configOf(simple(u"secure"_qs, "    insecure-skip-tls-verify: false\n"));
        QVERIFY(secure.ok());
        QCOMPARE(secure.config.ssl.peerVerifyMode(), QSslSocket::VerifyPeer);
        QVERIFY(secure.config.warnings.isEmpty());

        const RestConfigResult insecure = configOf(simple(u"insecure"_qs, "    insecure-skip-tls-verify: true\n"));
        QVERIFY(insecure.ok());
        QCOMPARE(insecure.config.ssl.peerVerifyMode(), QSslSocket::VerifyNone);
        QCOMPARE(insecure.config.warnings.size(), 1);
        QVERIFY(insecure.config.warnings.first().contains(u"cluster \"c\": insecure-skip-tls-verify is set"_qs));

        // client-go's transport refuses a CA together with the insecure flag.
        const RestConfigResult both = configOf(simple(u"both"_qs, "    insecure-skip-tls-verify: true\n"
                                                                  "    certificate-authority-data: " + KubeTestData::caPem().toBase64() + "\n"));
        QVERIFY(both.error.contains(u"insecure-skip-tls-verify: cannot be combined with a certificate-authority"_qs));
    }

    void serverNamesAndNamespace()
    {
        const QString file = write(u"config"_qs, "clusters:\n- name: c\n  cluster:\n    server: 10.0.0.1:6443\n"
                                                 "    tls-server-name: kubernetes.default.svc\n"
                                                 "contexts:\n- name: plain\n  context: {cluster: c}\n"
                                                 "- name: ns\n  context: {cluster: c, namespace: istio-system}\n"
                                                 "- name: bad\n  context: {cluster: c, namespace: Bad_NS}\n");
        const KubeconfigLoadResult load = loadKubeconfig(explicitFile(file));
        const RestConfigResult plain = load.restConfigFor(u"plain"_qs);
        QVERIFY2(plain.ok(), qPrintable(plain.error));
        QCOMPARE(plain.config.server, QUrl(u"https://10.0.0.1:6443"_qs)); // no scheme: https (client-go)
        QCOMPARE(plain.config.tlsServerName, u"kubernetes.default.svc"_qs);
        QCOMPARE(plain.config.defaultNamespace, u"default"_qs);
        QCOMPARE(load.restConfigFor(u"ns"_qs).config.defaultNamespace, u"istio-system"_qs);
        QCOMPARE(load.restConfigFor(u"bad"_qs).error,
                 shown(file) + u": context \"bad\": namespace: \"Bad_NS\" is not a valid namespace name (lower-case letters, "
                        "digits and '-', at most 63)"_qs);
    }

    void proxyUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<int>("type");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<QString>("error");
        QTest::newRow("unset") << QString() << int(QNetworkProxy::DefaultProxy) << QString() << -1 << QString();
        QTest::newRow("http") << u"http://proxy.corp:3128"_qs << int(QNetworkProxy::HttpProxy) << u"proxy.corp"_qs << 3128 << QString();
        QTest::newRow("http default port") << u"http://proxy.corp"_qs << int(QNetworkProxy::HttpProxy) << u"proxy.corp"_qs << 80 << QString();
        QTest::newRow("socks5") << u"socks5://127.0.0.1"_qs << int(QNetworkProxy::Socks5Proxy) << u"127.0.0.1"_qs << 1080 << QString();
        QTest::newRow("https") << u"https://proxy.corp:443"_qs << 0 << QString() << 0
                               << u"proxies reached over TLS (https://) are not supported"_qs;
        QTest::newRow("ftp") << u"ftp://proxy.corp"_qs << 0 << QString() << 0 << u"the scheme must be http, https or socks5"_qs;
    }
    void proxyUrl()
    {
        QFETCH(QString, url);
        QFETCH(int, type);
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(QString, error);
        const QByteArray extra = url.isEmpty() ? QByteArray() : "    proxy-url: " + url.toUtf8() + "\n";
        const RestConfigResult rest = configOf(simple(u"config"_qs, extra));
        if (!error.isEmpty()) {
            QVERIFY2(rest.error.contains(u"cluster \"c\": proxy-url: \""_qs + url + u"\": "_qs + error), qPrintable(rest.error));
            return;
        }
        QVERIFY2(rest.ok(), qPrintable(rest.error));
        QCOMPARE(int(rest.config.proxy.type()), type);
        QCOMPARE(rest.config.proxy.hostName(), host);
        if (port >= 0)
            QCOMPARE(int(rest.config.proxy.port()), port);
    }

    void defaultFileMissing()
    {
        const QString home = QDir::homePath() + u"/.kube/meshdeck-test-absent-config"_qs;
        QCOMPARE(kubeconfigDisplayPath(home), u"~/.kube/meshdeck-test-absent-config"_qs);
        const KubeconfigLoadResult load = loadKubeconfig(ClusterTarget{{home}, {}, u"default"_qs});
        QVERIFY(load.ok()); // no ~/.kube/config is not an error until a cluster is needed
        QCOMPARE(load.restConfigFor().error, u"no kubeconfig file found (~/.kube/meshdeck-test-absent-config does not "
                                             "exist); set KUBECONFIG or pass --kubeconfig"_qs);
    }

    void credentialsNeverInMessages()
    {
        static QStringList logged;
        logged.clear();
        const QtMessageHandler previous = qInstallMessageHandler(
            [](QtMsgType, const QMessageLogContext&, const QString& message) { logged.append(message); });
        const QString file = simple(u"config"_qs, "    insecure-skip-tls-verify: true\n    certificate-authority-data: x\n",
                                    "    token: s3cr3t-t0ken\n    client-key-data: czNjcjN0LXQwa2Vu\n");
        const RestConfigResult rest = configOf(file);
        qInstallMessageHandler(previous);
        QVERIFY(!rest.ok());
        const QString everything = rest.error + rest.config.warnings.join(u' ') + logged.join(u' ');
        QVERIFY2(everything.contains(u"client-key-data: no PEM block found"_qs), qPrintable(everything)); // decoded ...
        QVERIFY(!everything.contains(u"s3cr3t-t0ken"_qs));                     // ... but is never shown
        QVERIFY(!everything.contains(u"czNjcjN0LXQwa2Vu"_qs));
    }

    void unreadableFile()
    {
        const QString dir = m_dir->filePath(u"adir"_qs);
        QVERIFY(QDir().mkpath(dir));
        QCOMPARE(loadKubeconfig(fromEnv({dir})).errors, QStringList{shown(dir) + u": is a directory, not a kubeconfig file"_qs});
        const QString locked = simple(u"locked"_qs);
        QVERIFY(QFile::setPermissions(locked, QFileDevice::Permissions()));
        // As root (CI, the lab), file permissions stop reading only once this thread has given
        // up the capabilities that override them.
        const WithoutDacOverride unprivileged;
        QVERIFY2(unprivileged.ok(), "capset failed");
        const KubeconfigLoadResult load = loadKubeconfig(fromEnv({locked}));
        QCOMPARE(load.errors.size(), 1);
        QVERIFY(load.errors.first().startsWith(shown(locked) + u": cannot be read: "_qs));
    }

    void malformedYamlHasLineAndColumn_data()
    {
        QTest::addColumn<QByteArray>("text");
        QTest::addColumn<QString>("where");
        QTest::addColumn<QString>("message");
        // The same texts make kubectl say "yaml: line 4: did not find expected key" / "... end of stream".
        QTest::newRow("bad indentation") << QByteArray("clusters:\n- name: a\n  cluster:\n    server: https://x\n   bad: 1\n")
                                         << u":5:4: "_qs << u"malformed YAML: "_qs;
        // Found only at the end of the text, as by kubectl ("line 4: found unexpected end of stream").
        QTest::newRow("unclosed quote") << QByteArray("clusters:\n- name: a\n  cluster: {server: \"https://x}\n")
                                        << u":4:1: "_qs << u"malformed YAML: "_qs;
        QTest::newRow("section not a list") << QByteArray("apiVersion: v1\nusers:\n  alice: {}\n")
                                            << u":3:3: "_qs << u"users: expected a list, found a mapping"_qs;
        QTest::newRow("not a mapping") << QByteArray("- a\n- b\n") << u":1:1: "_qs
                                       << u"expected a kubeconfig (a mapping with clusters, users and contexts), found a list"_qs;
        QTest::newRow("duplicate name") << QByteArray("users:\n- name: u\n  user: {}\n- name: u\n  user: {}\n") << u":4:3: "_qs
                                        << u"users: \"u\" is defined twice in this file (also at line 2)"_qs;
    }
    void malformedYamlHasLineAndColumn()
    {
        QFETCH(QByteArray, text);
        QFETCH(QString, where);
        QFETCH(QString, message);
        const QString file = write(u"config"_qs, text);
        const KubeconfigLoadResult load = loadKubeconfig(fromEnv({file}));
        QCOMPARE(load.errors.size(), 1);
        QVERIFY2(load.errors.first().startsWith(shown(file) + where + message), qPrintable(load.errors.first()));
        QCOMPARE(load.restConfigFor().error, load.errors.first()); // a broken file blocks the merge
    }

    void preciseEntryErrors_data()
    {
        QTest::addColumn<QByteArray>("clusterExtra");
        QTest::addColumn<QByteArray>("user");
        QTest::addColumn<QString>("error"); // after "<file>: context "ctx": "
        QTest::newRow("missing key file")
            << QByteArray() << QByteArray("    client-certificate-data: " + KubeTestData::clientCertificatePem().toBase64()
                                          + "\n    client-key: /x/y.key\n")
            << u"user \"u\": client-key: /x/y.key does not exist"_qs;
        QTest::newRow("~ is not expanded")
            << QByteArray() << QByteArray("    tokenFile: ~/token\n") << u"user \"u\": tokenFile: %1/~/token does not exist"_qs;
        QTest::newRow("bad base64")
            << QByteArray("    certificate-authority-data: not*base64!\n") << QByteArray()
            << u"cluster \"c\": certificate-authority-data: is not valid base64 (it should hold a base64-encoded PEM)"_qs;
        QTest::newRow("base64 of no PEM")
            << QByteArray("    certificate-authority-data: " + QByteArray("hello").toBase64() + "\n") << QByteArray()
            << u"cluster \"c\": certificate-authority-data: no PEM block found (a \"-----BEGIN ...-----\" line is missing)"_qs;
        QTest::newRow("certificate without key")
            << QByteArray() << QByteArray("    client-certificate-data: " + KubeTestData::clientCertificatePem().toBase64() + "\n")
            << u"user \"u\": client-certificate is set without client-key (or client-key-data)"_qs;
        QTest::newRow("wrong type")
            << QByteArray("    tls-server-name: [a, b]\n") << QByteArray()
            << u"cluster \"c\": tls-server-name: expected a string, found a list (line 5)"_qs;
        QTest::newRow("gcp auth-provider")
            << QByteArray() << QByteArray("    auth-provider: {name: gcp, config: {cmd-path: gcloud}}\n")
            << u"user \"u\": auth-provider: the gcp auth-provider was removed from Kubernetes clients in 1.26 and is "
               "not supported; use the exec plugin gke-gcloud-auth-plugin"_qs;
        QTest::newRow("azure auth-provider")
            << QByteArray() << QByteArray("    auth-provider: {name: azure}\n")
            << u"user \"u\": auth-provider: the azure auth-provider was removed from Kubernetes clients in 1.26 and is "
               "not supported; use the exec plugin kubelogin from github.com/Azure/kubelogin"_qs;
        QTest::newRow("oidc auth-provider")
            << QByteArray() << QByteArray("    auth-provider:\n      name: oidc\n      config: {id-token: secret-id-token}\n")
            << u"user \"u\": auth-provider: the oidc auth-provider is not supported by meshdeck; use the exec plugin "
               "kubelogin from github.com/int128/kubelogin"_qs;
        QTest::newRow("basic auth")
            << QByteArray() << QByteArray("    username: admin\n    password: secret-password\n")
            << u"user \"u\": username: basic authentication is not supported (Kubernetes removed it in 1.19)"_qs;
        QTest::newRow("exec v1 without interactiveMode")
            << QByteArray() << QByteArray("    exec: {apiVersion: client.authentication.k8s.io/v1, command: x}\n")
            << u"user \"u\": exec.interactiveMode: is required with client.authentication.k8s.io/v1 (Never, IfAvailable "
               "or Always) (line 8)"_qs;
        QTest::newRow("exec v1alpha1")
            << QByteArray() << QByteArray("    exec: {apiVersion: client.authentication.k8s.io/v1alpha1, command: x}\n")
            << u"user \"u\": exec.apiVersion: \"client.authentication.k8s.io/v1alpha1\" is not supported"_qs;
    }
    void preciseEntryErrors()
    {
        QFETCH(QByteArray, clusterExtra);
        QFETCH(QByteArray, user);
        QFETCH(QString, error);
        const QString file = simple(u"config"_qs, clusterExtra, user);
        const RestConfigResult rest = configOf(file);
        const QString expected = shown(file) + u": context \"ctx\": "_qs + error.replace(u"%1"_qs, m_dir->path());
        QVERIFY2(rest.error.startsWith(expected), qPrintable(rest.error + u"\nexpected: "_qs + expected));
        QVERIFY(!rest.config.credentials);
        // Credentials never appear in messages.
        QVERIFY(!rest.error.contains(u"secret"_qs));
    }

    void unknownContextAndMissingEntries()
    {
        const QString file = write(u"config"_qs, "clusters:\n- name: c\n  cluster: {server: https://h}\n"
                                                 "contexts:\n- name: no-user\n  context: {cluster: c, user: bob}\n"
                                                 "- name: no-cluster\n  context: {cluster: gone}\n"
                                                 "current-context: deleted\n");
        const KubeconfigLoadResult load = loadKubeconfig(explicitFile(file));
        QCOMPARE(load.restConfigFor(u"prod"_qs).error,
                 u"context \"prod\" is not defined in %1 (contexts: no-user, no-cluster)"_qs.arg(shown(file)));
        QCOMPARE(load.restConfigFor().error,
                 u"context \"deleted\" is not defined in %1 (contexts: no-user, no-cluster); it is the current-context "
                 "of %1"_qs.arg(shown(file)));
        QCOMPARE(load.restConfigFor(u"no-user"_qs).error,
                 shown(file) + u": context \"no-user\": user \"bob\" is not defined in any kubeconfig file"_qs);
        QCOMPARE(load.restConfigFor(u"no-cluster"_qs).error,
                 shown(file) + u": context \"no-cluster\": cluster \"gone\" is not defined in any kubeconfig file"_qs);
    }

    void staticCredentials()
    {
        write(u"alice.crt"_qs, KubeTestData::clientCertificatePem());
        write(u"alice.key"_qs, KubeTestData::clientKeyPem());
        const RestConfigResult rest = configOf(simple(u"config"_qs, {}, "    client-certificate: alice.crt\n"
                                                                        "    client-key: alice.key\n    token: t0k3n\n"));
        QVERIFY2(rest.ok(), qPrintable(rest.error));
        QVERIFY(rest.config.credentials);
        CredentialsResult got;
        rest.config.credentials->obtain(false, this, [&got](const CredentialsResult& result) { got = result; });
        QVERIFY(got.error.isEmpty());
        QCOMPARE(got.credentials.bearerToken, QByteArray("t0k3n"));
        QCOMPARE(got.credentials.clientCertificate.subjectInfo(QSslCertificate::CommonName), QStringList{u"alice"_qs});
        QCOMPARE(got.credentials.clientKey.algorithm(), QSsl::Ec);
        QVERIFY(!got.credentials.expiry.isValid());
    }

    void tokenFileIsReadAgainOnRefresh()
    {
        const QString token = write(u"token"_qs, "first\n");
        const RestConfigResult rest = configOf(simple(u"config"_qs, {}, "    tokenFile: token\n    token: ignored\n"));
        QVERIFY2(rest.ok(), qPrintable(rest.error));
        QByteArray got;
        const auto take = [&got](const CredentialsResult& result) { got = result.error.isEmpty() ? result.credentials.bearerToken : "error"; };
        rest.config.credentials->obtain(false, this, take);
        QCOMPARE(got, QByteArray("first")); // trimmed; tokenFile wins over token
        write(u"token"_qs, "second");
        rest.config.credentials->obtain(false, this, take);
        QCOMPARE(got, QByteArray("first")); // cached (client-go re-reads about once a minute)
        rest.config.credentials->obtain(true, this, take);
        QCOMPARE(got, QByteArray("second"));
        QVERIFY(QFile::remove(token));
        CredentialsResult failed;
        rest.config.credentials->obtain(true, this, [&failed](const CredentialsResult& result) { failed = result; });
        QVERIFY(failed.error.endsWith(u"user \"u\": tokenFile: "_qs + token + u" does not exist"_qs));
    }
};

QTEST_GUILESS_MAIN(TestKubeconfig)
#include "tst_kubeconfig.moc"
