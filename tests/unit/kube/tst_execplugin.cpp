// SPDX-License-Identifier: Apache-2.0
// Exec credential plugins as client-go runs them (plugin/pkg/client/auth/exec/exec.go): the
// ExecCredential of the configured apiVersion on stdout, env and args, KUBERNETES_EXEC_INFO,
// caching until expirationTimestamp, re-runs on refresh, one run for concurrent callers, and
// the failure messages; relative PATH entries never searched (security review L11). The plugins
// are shell scripts written into a temporary directory.
#include "clustertarget.h"
#include "execcredential.h"
#include "execplugin.h"
#include "kubeconfig.h"
#include "kubetestdata.h"
#include "pluginpath.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopeGuard>
#include <QTemporaryDir>
#include <QTest>

using KubeTestData::writeFile;

namespace {

const QString kV1 = u"client.authentication.k8s.io/v1"_qs;
const QString kV1beta1 = u"client.authentication.k8s.io/v1beta1"_qs;

struct Obtained
{
    bool done = false;
    CredentialsResult result;
};

} // namespace

class TestExecPlugin final : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<QTemporaryDir> m_dir;

    QString path(const QString& name) const { return m_dir->filePath(name); }
    QByteArray read(const QString& name) const
    {
        QFile file(path(name));
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }
    int runs() const { return int(read(u"runs"_qs).count('\n')); }

    /*!
     * A plugin that records each run, its KUBERNETES_EXEC_INFO, args and env, then prints an
     * ExecCredential of apiVersion with token "tok-<run>" (expiring at $EXPIRY when set).
     */
    QString tokenPlugin(const QString& apiVersion, const QByteArray& before = {})
    {
        const QByteArray script = "#!/bin/sh\n" + before + "dir='" + m_dir->path().toUtf8() + "'\n"
            "echo run >> \"$dir/runs\"\n"
            "n=$(wc -l < \"$dir/runs\" | tr -d ' ')\n"
            "printf '%s' \"$KUBERNETES_EXEC_INFO\" > \"$dir/info.json\"\n"
            "printf '%s\\n' \"$@\" > \"$dir/args\"\n"
            "env > \"$dir/env\"\n"
            "expiry=''\n"
            "[ -n \"$EXPIRY\" ] && expiry=\",\\\"expirationTimestamp\\\":\\\"$EXPIRY\\\"\"\n"
            "printf '{\"apiVersion\":\"" + apiVersion.toUtf8() + "\",\"kind\":\"ExecCredential\","
            "\"status\":{\"token\":\"tok-%s\"%s}}\\n' \"$n\" \"$expiry\"\n";
        return writeFile(m_dir->path(), u"plugin.sh"_qs, script, true);
    }
    QString scriptPlugin(const QString& name, const QByteArray& body)
    {
        return writeFile(m_dir->path(), name, "#!/bin/sh\n" + body, true);
    }
    static ExecPluginConfig config(const QString& command, const QString& apiVersion = kV1)
    {
        ExecPluginConfig config;
        config.apiVersion = apiVersion;
        config.command = command;
        config.interactiveMode = u"Never"_qs;
        config.label = u"config: context \"ctx\": user \"u\""_qs;
        return config;
    }
    static ExecPluginOptions options()
    {
        ExecPluginOptions options;
        options.useLoginShellPath = false; // only the test that is about it asks the shell
        return options;
    }
    static QString at(int secondsFromNow)
    {
        return QDateTime::currentDateTimeUtc().addSecs(secondsFromNow).toString(Qt::ISODate);
    }
    void obtain(CredentialProvider& provider, bool refresh, Obtained* into)
    {
        provider.obtain(refresh, this, [into](const CredentialsResult& result) {
            into->done = true;
            into->result = result;
        });
    }
    CredentialsResult obtainNow(CredentialProvider& provider, bool refresh = false)
    {
        Obtained obtained;
        obtain(provider, refresh, &obtained);
        [&] { QTRY_VERIFY_WITH_TIMEOUT(obtained.done, 10000); }();
        return obtained.result;
    }

private slots:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void tokenWithExpiry_data()
    {
        QTest::addColumn<QString>("apiVersion");
        QTest::newRow("v1") << kV1;
        QTest::newRow("v1beta1") << kV1beta1;
    }
    void tokenWithExpiry()
    {
        QFETCH(QString, apiVersion);
        ExecPluginConfig plugin = config(tokenPlugin(apiVersion), apiVersion);
        const QString expiry = u"2100-01-02T03:04:05Z"_qs;
        plugin.env = {{u"EXPIRY"_qs, expiry}};
        ExecCredentialProvider provider(plugin, options());
        const CredentialsResult result = obtainNow(provider);
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.credentials.bearerToken, QByteArray("tok-1"));
        QCOMPARE(result.credentials.expiry, QDateTime(QDate(2100, 1, 2), QTime(3, 4, 5), Qt::UTC));
        const QJsonObject info = QJsonDocument::fromJson(read(u"info.json"_qs)).object();
        QCOMPARE(info.value(u"apiVersion"_qs).toString(), apiVersion);
    }

    void certificateAndKey()
    {
        const QJsonObject credential{
            {u"apiVersion"_qs, kV1beta1},
            {u"kind"_qs, u"ExecCredential"_qs},
            {u"status"_qs, QJsonObject{{u"clientCertificateData"_qs, QString::fromLatin1(KubeTestData::clientCertificatePem())},
                                       {u"clientKeyData"_qs, QString::fromLatin1(KubeTestData::clientKeyPem())}}},
        };
        const QString command = scriptPlugin(u"cert.sh"_qs, "cat <<'EOF'\n" + QJsonDocument(credential).toJson() + "EOF\n");
        ExecCredentialProvider provider(config(command, kV1beta1), options());
        const CredentialsResult result = obtainNow(provider);
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QVERIFY(result.credentials.bearerToken.isEmpty());
        QCOMPARE(result.credentials.clientCertificate.subjectInfo(QSslCertificate::CommonName), QStringList{u"alice"_qs});
        QVERIFY(!result.credentials.clientKey.isNull());
        QVERIFY(!result.credentials.expiry.isValid());
    }

    // Security review M2: with options.approve set, nothing runs before the hook said yes; a no
    // fails the credentials with the hook's sentence; a yes holds for the provider's later runs.
    void approvalGatesTheRun()
    {
        const ExecPluginConfig plugin = config(tokenPlugin(kV1));
        ExecPluginOptions opts = options();
        int asked = 0;
        QString refusal = u"was not run: you declined it"_qs;
        opts.approve = [&](const ExecPluginConfig& asking, QObject*, std::function<void(const QString&)> done) {
            ++asked;
            QCOMPARE(asking.command, plugin.command);
            done(refusal);
        };
        ExecCredentialProvider refused(plugin, opts);
        const CredentialsResult no = obtainNow(refused);
        QVERIFY2(no.error.contains(u"you declined it"_qs), qPrintable(no.error));
        QCOMPARE(runs(), 0);
        QCOMPARE(asked, 1);

        refusal.clear();
        ExecCredentialProvider approved(plugin, opts);
        QVERIFY(obtainNow(approved).error.isEmpty());
        QVERIFY(obtainNow(approved, true).error.isEmpty()); // a refresh (after a 401) runs it again, unasked
        QCOMPARE(runs(), 2);
        QCOMPARE(asked, 2);
    }

    // Only a kubeconfig the plan chose gets the hook; the user's own runs its plugin unasked.
    void approvalOnlyForThePlansKubeconfig()
    {
        tokenPlugin(kV1);
        const QString kubeconfig = writeFile(m_dir->path(), u"kubeconfig"_qs,
            "clusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:6443'}\n"
            "users:\n- name: u\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
            "      command: ./plugin.sh\n      interactiveMode: Never\n"
            "contexts:\n- name: ctx\n  context: {cluster: c, user: u}\ncurrent-context: ctx\n");
        int asked = 0;
        ExecPluginOptions opts = options();
        opts.approve = [&](const ExecPluginConfig& plugin, QObject*, std::function<void(const QString&)> done) {
            ++asked;
            QCOMPARE(plugin.kubeconfigFile, kubeconfig);
            done(QString());
        };
        for (const QString& source : {u"KUBECONFIG"_qs, u"--kubeconfig"_qs, u"default"_qs, u"plan"_qs}) {
            const KubeconfigLoadResult load = loadKubeconfig(ClusterTarget{{kubeconfig}, {}, source});
            const RestConfigResult rest = load.restConfigFor({}, opts);
            QVERIFY2(rest.ok(), qPrintable(rest.error));
            QVERIFY(obtainNow(*rest.config.credentials).error.isEmpty());
            QCOMPARE(asked, source == u"plan" ? 1 : 0);
        }
    }

    void envArgsAndExecInfo()
    {
        ExecPluginConfig plugin = config(tokenPlugin(kV1));
        plugin.args = {u"get-token"_qs, u"--cluster-name"_qs, u"two words"_qs};
        plugin.env = {{u"AWS_PROFILE"_qs, u"prod"_qs}, {u"PATH"_qs, u"/custom/bin:/usr/bin:/bin"_qs}};
        ExecCredentialProvider provider(plugin, options());
        QVERIFY(obtainNow(provider).error.isEmpty());
        QCOMPARE(read(u"args"_qs), QByteArray("get-token\n--cluster-name\ntwo words\n"));
        const QByteArray env = read(u"env"_qs);
        QVERIFY(env.contains("\nAWS_PROFILE=prod\n"));
        QVERIFY(env.contains("\nPATH=/custom/bin:/usr/bin:/bin\n")); // the kubeconfig's env wins
        QVERIFY(env.contains("\nHOME=")); // on top of meshdeck's own environment
        const QJsonObject info = QJsonDocument::fromJson(read(u"info.json"_qs)).object();
        QCOMPARE(info.value(u"kind"_qs).toString(), u"ExecCredential"_qs);
        const QJsonObject spec = info.value(u"spec"_qs).toObject();
        QCOMPARE(spec.value(u"interactive"_qs), QJsonValue(false));
        QVERIFY(!spec.contains(u"cluster"_qs)); // only with provideClusterInfo
    }

    void searchPathHasTheUsualPlaces()
    {
        ExecPluginOptions opts = options();
        opts.homeDir = u"/home/someone"_qs;
        ExecCredentialProvider provider(config(tokenPlugin(kV1)), opts);
        const QStringList search = provider.searchPath();
        for (const QString& dir : {u"/home/someone/.local/bin"_qs, u"/usr/local/bin"_qs, u"/home/someone/google-cloud-sdk/bin"_qs,
                                   u"/snap/bin"_qs, u"/home/someone/.krew/bin"_qs, u"/opt/homebrew/bin"_qs})
            QVERIFY2(search.contains(dir), qPrintable(dir));
        // The process's own PATH comes first.
        QStringList own = qEnvironmentVariable("PATH").split(u':', Qt::SkipEmptyParts);
        own.removeIf([](const QString& dir) { return !QDir::isAbsolutePath(dir); }); // never searched (L11)
        QVERIFY(!own.isEmpty());
        QCOMPARE(search.first(), own.first());
        QVERIFY(obtainNow(provider).error.isEmpty());
        QVERIFY(read(u"env"_qs).contains("/home/someone/.krew/bin")); // the plugin runs with it too
    }

    void clusterInfoFromKubeconfig()
    {
        tokenPlugin(kV1);
        const QString kubeconfig = writeFile(m_dir->path(), u"kubeconfig"_qs,
            "clusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:6443\n"
            "    tls-server-name: kubernetes\n"
            "    certificate-authority-data: " + KubeTestData::caPem().toBase64() + "\n"
            "    extensions:\n    - name: client.authentication.k8s.io/exec\n"
            "      extension: {audience: meshdeck, count: 3}\n"
            "users:\n- name: u\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
            "      command: ./plugin.sh\n      interactiveMode: IfAvailable\n      provideClusterInfo: true\n"
            "contexts:\n- name: ctx\n  context: {cluster: c, user: u}\ncurrent-context: ctx\n");
        const KubeconfigLoadResult load = loadKubeconfig(ClusterTarget{{kubeconfig}, {}, u"--kubeconfig"_qs});
        const RestConfigResult rest = load.restConfigFor({}, options());
        QVERIFY2(rest.ok(), qPrintable(rest.error));
        const CredentialsResult result = obtainNow(*rest.config.credentials);
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.credentials.bearerToken, QByteArray("tok-1"));
        const QJsonObject spec = QJsonDocument::fromJson(read(u"info.json"_qs)).object().value(u"spec"_qs).toObject();
        QCOMPARE(spec.value(u"interactive"_qs), QJsonValue(false)); // IfAvailable, and no terminal
        const QJsonObject cluster = spec.value(u"cluster"_qs).toObject();
        QCOMPARE(cluster.value(u"server"_qs).toString(), u"https://127.0.0.1:6443"_qs);
        QCOMPARE(cluster.value(u"tls-server-name"_qs).toString(), u"kubernetes"_qs);
        QCOMPARE(QByteArray::fromBase64(cluster.value(u"certificate-authority-data"_qs).toString().toLatin1()),
                 KubeTestData::caPem());
        QVERIFY(!cluster.contains(u"insecure-skip-tls-verify"_qs));
        QCOMPARE(cluster.value(u"config"_qs).toObject(),
                 (QJsonObject{{u"audience"_qs, u"meshdeck"_qs}, {u"count"_qs, 3}}));
    }

    void execInfoInsecureCluster()
    {
        ExecPluginConfig plugin = config(u"x"_qs, kV1beta1);
        plugin.provideClusterInfo = true;
        plugin.cluster.server = u"https://10.0.0.1:6443"_qs;
        plugin.cluster.insecureSkipTlsVerify = true;
        plugin.cluster.proxyUrl = u"socks5://127.0.0.1:1080"_qs;
        const QJsonObject info = QJsonDocument::fromJson(execInfoJson(plugin, true)).object();
        QCOMPARE(info.value(u"apiVersion"_qs).toString(), kV1beta1);
        const QJsonObject spec = info.value(u"spec"_qs).toObject();
        QCOMPARE(spec.value(u"interactive"_qs), QJsonValue(true));
        QCOMPARE(spec.value(u"cluster"_qs).toObject(),
                 (QJsonObject{{u"server"_qs, u"https://10.0.0.1:6443"_qs},
                              {u"insecure-skip-tls-verify"_qs, true},
                              {u"proxy-url"_qs, u"socks5://127.0.0.1:1080"_qs}}));
    }

    void interactiveWithTerminal()
    {
        ExecPluginConfig plugin = config(tokenPlugin(kV1));
        plugin.interactiveMode = u"IfAvailable"_qs;
        ExecPluginOptions opts = options();
        opts.terminalAvailable = true;
        ExecCredentialProvider provider(plugin, opts);
        QVERIFY(obtainNow(provider).error.isEmpty());
        const QJsonObject spec = QJsonDocument::fromJson(read(u"info.json"_qs)).object().value(u"spec"_qs).toObject();
        QCOMPARE(spec.value(u"interactive"_qs), QJsonValue(true));
    }

    void alwaysInteractiveWithoutTerminal()
    {
        ExecPluginConfig plugin = config(tokenPlugin(kV1));
        plugin.interactiveMode = u"Always"_qs;
        ExecCredentialProvider provider(plugin, options());
        const CredentialsResult result = obtainNow(provider);
        QVERIFY(result.error.startsWith(u"config: context \"ctx\": user \"u\": exec plugin \""_qs + plugin.command
                                        + u"\" needs a terminal (interactiveMode: Always)"_qs));
        QCOMPARE(runs(), 0);
    }

    void cachedUntilExpiry_data()
    {
        QTest::addColumn<int>("expiresIn"); // seconds; 0 = no expirationTimestamp
        QTest::addColumn<int>("expectedRuns");
        QTest::newRow("an hour") << 3600 << 1;
        QTest::newRow("no expiry") << 0 << 1;
        QTest::newRow("within the skew") << 5 << 3;
        QTest::newRow("already expired") << -60 << 3;
    }
    void cachedUntilExpiry()
    {
        QFETCH(int, expiresIn);
        QFETCH(int, expectedRuns);
        ExecPluginConfig plugin = config(tokenPlugin(kV1));
        if (expiresIn != 0)
            plugin.env = {{u"EXPIRY"_qs, at(expiresIn)}};
        ExecCredentialProvider provider(plugin, options()); // skew 10 s
        for (int i = 1; i <= 3; ++i) {
            const CredentialsResult result = obtainNow(provider);
            QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
            QCOMPARE(result.credentials.bearerToken, QByteArray("tok-") + QByteArray::number(expectedRuns == 1 ? 1 : i));
        }
        QCOMPARE(runs(), expectedRuns);
    }

    void refreshRunsAgain()
    {
        ExecPluginConfig plugin = config(tokenPlugin(kV1));
        plugin.env = {{u"EXPIRY"_qs, at(3600)}};
        ExecCredentialProvider provider(plugin, options());
        QCOMPARE(obtainNow(provider).credentials.bearerToken, QByteArray("tok-1"));
        QCOMPARE(obtainNow(provider, true).credentials.bearerToken, QByteArray("tok-2")); // after a 401
        QCOMPARE(obtainNow(provider).credentials.bearerToken, QByteArray("tok-2"));
        QCOMPARE(runs(), 2);
    }

    void concurrentCallersShareOneRun()
    {
        ExecPluginConfig plugin = config(tokenPlugin(kV1, "sleep 0.5\n"));
        ExecCredentialProvider provider(plugin, options());
        Obtained first, second, third;
        obtain(provider, false, &first);
        obtain(provider, false, &second);
        obtain(provider, true, &third); // a refresh while a run is in progress joins it
        bool calledForGone = false;
        auto* context = new QObject;
        provider.obtain(false, context, [&calledForGone](const CredentialsResult&) { calledForGone = true; });
        delete context;
        QTRY_VERIFY_WITH_TIMEOUT(first.done && second.done && third.done, 10000);
        for (const Obtained* obtained : {&first, &second, &third})
            QCOMPARE(obtained->result.credentials.bearerToken, QByteArray("tok-1"));
        QCOMPARE(runs(), 1);
        QVERIFY(!calledForGone); // its context was destroyed before the plugin finished
    }

    void failureMessage()
    {
        const QString command = scriptPlugin(u"fail.sh"_qs,
            "echo 'token=should-not-matter' >/dev/null\n"
            "for i in 1 2 3 4 5 6; do echo \"error line $i\" >&2; done\n"
            "exit 3\n");
        ExecPluginConfig plugin = config(command);
        plugin.installHint = u"Install it with\n  apt install fail-plugin"_qs;
        ExecCredentialProvider provider(plugin, options());
        QCOMPARE(obtainNow(provider).error,
                 u"config: context \"ctx\": user \"u\": exec plugin \"%1\" exited with code 3: error line 1 / error line 2 / "
                 "error line 3 / error line 4 / …; install hint: Install it with apt install fail-plugin"_qs.arg(command));
    }

    void badOutput_data()
    {
        QTest::addColumn<QByteArray>("output");
        QTest::addColumn<QString>("error");
        QTest::newRow("nothing") << QByteArray() << u"printed nothing on stdout"_qs;
        QTest::newRow("other apiVersion")
            << QByteArray(R"({"apiVersion":"client.authentication.k8s.io/v1beta1","kind":"ExecCredential","status":{"token":"secret-tok"}})")
            << u"printed apiVersion \"client.authentication.k8s.io/v1beta1\" but the kubeconfig asks for \"client.authentication.k8s.io/v1\""_qs;
        QTest::newRow("no credentials")
            << QByteArray(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{}})")
            << u"printed an ExecCredential without status"_qs;
        QTest::newRow("certificate without key")
            << QByteArray(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"clientCertificateData":"x"}})")
            << u"returned clientCertificateData without clientKeyData"_qs;
        QTest::newRow("bad expiry")
            << QByteArray(R"({"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"secret-tok","expirationTimestamp":"tomorrow"}})")
            << u"status.expirationTimestamp \"tomorrow\" is not an RFC 3339 time"_qs;
    }
    void badOutput()
    {
        QFETCH(QByteArray, output);
        QFETCH(QString, error);
        const ParsedExecCredential parsed = parseExecCredential(output, kV1);
        QVERIFY2(parsed.error.startsWith(error), qPrintable(parsed.error));
        QVERIFY(!parsed.error.contains(u"secret-tok"_qs));
    }

    void notFoundListsThePathSearched()
    {
        ExecPluginConfig plugin = config(u"meshdeck-no-such-plugin"_qs);
        plugin.installHint = u"See https://example.com/install"_qs;
        ExecPluginOptions opts = options();
        opts.homeDir = u"/home/someone"_qs;
        ExecCredentialProvider provider(plugin, opts);
        const QString error = obtainNow(provider).error;
        QStringList own; // this process's PATH, repeats dropped, comes first
        for (const QString& dir : qEnvironmentVariable("PATH").split(u':', Qt::SkipEmptyParts)) {
            if (QDir::isAbsolutePath(dir) && !own.contains(dir))
                own.append(dir);
        }
        QVERIFY2(error.startsWith(u"config: context \"ctx\": user \"u\": exec plugin \"meshdeck-no-such-plugin\" was not "
                                  "found; searched PATH: "_qs + own.join(u':')),
                 qPrintable(error));
        QVERIFY(error.contains(u":/home/someone/.krew/bin:"_qs));
        QVERIFY(error.endsWith(u"; install hint: See https://example.com/install"_qs));

        ExecCredentialProvider missingPath(config(path(u"bin/absent"_qs)), options());
        QVERIFY(obtainNow(missingPath).error.endsWith(u"bin/absent\" does not exist or is not executable"_qs));
    }

    void relativePathEntriesAreNotSearched_data()
    {
        QTest::addColumn<QString>("entry");
        QTest::addColumn<QString>("where");
        QTest::newRow(".") << u"."_qs << u"./kubelogin"_qs;
        QTest::newRow("empty") << QString() << u"./kubelogin"_qs;
        QTest::newRow("bin") << u"bin"_qs << u"bin/kubelogin"_qs;
    }

    void relativePathEntriesAreNotSearched()
    {
        // Security review L11: PATH=.:<absolute dirs>, started in a directory (a cloned
        // repository, say) that holds a kubelogin: it is not run, and the error says why.
        QFETCH(QString, entry);
        QFETCH(QString, where);
        const QString absoluteDirs = path(u"empty-bin"_qs) + u":/usr/bin:/bin"_qs;
        ExecPluginOptions opts = options();
        opts.homeDir = path(u"home"_qs);
        if (!findPlugin(u"kubelogin"_qs, mergePaths({absoluteDirs.split(u':'), wellKnownPluginDirs(opts.homeDir)})).isEmpty())
            QSKIP("a real kubelogin is installed in an absolute directory here");
        QVERIFY(QDir().mkpath(path(u"empty-bin"_qs)));
        const QString repository = path(u"repository"_qs);
        const QString plugin = repository + u'/' + where;
        writeFile(QFileInfo(plugin).absolutePath(), u"kubelogin"_qs,
                  "#!/bin/sh\ntouch '" + path(u"ran"_qs).toUtf8() + "'\nprintf '%s' '{\"apiVersion\":\"client.authentication.k8s.io/v1\","
                  "\"kind\":\"ExecCredential\",\"status\":{\"token\":\"from-cwd\"}}'\n", true);

        const QString savedPath = qEnvironmentVariable("PATH");
        const QString savedCwd = QDir::currentPath();
        const auto restore = qScopeGuard([&] {
            qputenv("PATH", savedPath.toLocal8Bit());
            QDir::setCurrent(savedCwd);
        });
        QVERIFY(QDir::setCurrent(repository));
        qputenv("PATH", (entry + u':' + absoluteDirs).toLocal8Bit());

        ExecCredentialProvider provider(config(u"kubelogin"_qs), opts);
        QVERIFY(!provider.searchPath().contains(entry));
        const QString error = obtainNow(provider).error;
        QVERIFY2(error.contains(u"exec plugin \"kubelogin\" was not found; searched PATH: "_qs + path(u"empty-bin"_qs)), qPrintable(error));
        QVERIFY2(error.contains(u"\""_qs + where + u"\" is there, but only through a relative PATH entry, which is not searched"_qs),
                 qPrintable(error));
        QVERIFY(!QFileInfo::exists(path(u"ran"_qs)));

        // the same plugin through an absolute entry runs (the plugin itself works)
        qputenv("PATH", (QFileInfo(plugin).absolutePath() + u':' + absoluteDirs).toLocal8Bit());
        ExecCredentialProvider absolute(config(u"kubelogin"_qs), opts);
        const CredentialsResult result = obtainNow(absolute);
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.credentials.bearerToken, QByteArray("from-cwd"));
        QVERIFY(QFileInfo::exists(path(u"ran"_qs)));
    }

    void loginShellPathFindsThePlugin()
    {
        const QString hidden = path(u"hidden"_qs);
        writeFile(hidden, u"meshdeck-hidden-plugin"_qs,
                  "#!/bin/sh\nprintf '%s' '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\","
                  "\"status\":{\"token\":\"from-login-path\"}}'\n", true);
        // A login shell whose profile prints a banner and puts `hidden` on PATH.
        const QString shell = scriptPlugin(u"fakeshell"_qs, "echo 'Welcome!'\nPATH='" + hidden.toUtf8()
                                                              + "':\"$PATH\"; export PATH\nshift 2\neval \"$1\"\n");
        ExecPluginOptions opts = options();
        opts.useLoginShellPath = true;
        opts.loginShell = shell;
        ExecCredentialProvider provider(config(u"meshdeck-hidden-plugin"_qs), opts);
        const CredentialsResult result = obtainNow(provider);
        QVERIFY2(result.error.isEmpty(), qPrintable(result.error));
        QCOMPARE(result.credentials.bearerToken, QByteArray("from-login-path"));
        QVERIFY(provider.searchPath().contains(hidden));
    }

    void timeout()
    {
        ExecPluginOptions opts = options();
        opts.timeoutMs = 300;
        ExecCredentialProvider provider(config(scriptPlugin(u"slow.sh"_qs, "exec sleep 30\n")), opts);
        QVERIFY(obtainNow(provider).error.endsWith(u"slow.sh\" did not finish within 0.3 s and was stopped"_qs));
    }
};

QTEST_GUILESS_MAIN(TestExecPlugin)
#include "tst_execplugin.moc"
