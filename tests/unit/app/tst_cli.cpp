// SPDX-License-Identifier: Apache-2.0
// The headless CLI as scripts and CI use it: the real binary, its exit codes, stdout and stderr.
#include <yaml-cpp/yaml.h>

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include "testplans.h"
#include "testsupport.h"

namespace {

using TestSupport::Run;

// The binary without a display; a run that does not end within a minute ends the suite.
Run meshdeck(const QStringList& args, const QString& workDir = {})
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(u"DISPLAY"_qs); // subcommands must not need a display
    env.remove(u"WAYLAND_DISPLAY"_qs);
    env.remove(u"QT_QPA_PLATFORM"_qs);
    return TestSupport::run(qEnvironmentVariable("MESHDECK_BINARY"), args,
                            TestSupport::RunOptions().withAbortOnTimeout().withEnvironment(env).withWorkingDirectory(workDir));
}

QString example(const QString& name)
{
    return qEnvironmentVariable("MESHDECK_SOURCE_DIR") + u"/examples/"_qs + name;
}

} // namespace

class TestCli final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("MESHDECK_BINARY")), "MESHDECK_BINARY is not set by ctest");
    }

    void versionAndHelp()
    {
        const Run version = meshdeck({u"--version"_qs});
        QCOMPARE(version.exitCode, 0);
        QVERIFY(version.out.startsWith(u"meshdeck "_qs));
        const Run help = meshdeck({u"--help"_qs});
        QCOMPARE(help.exitCode, 0);
        for (const QString& word : {u"validate"_qs, u"export"_qs, u"--plan"_qs, u"--kubeconfig"_qs, u"--context"_qs})
            QVERIFY2(help.out.contains(word), qPrintable(word));
        const Run exportHelp = meshdeck({u"export"_qs, u"--help"_qs});
        QCOMPARE(exportHelp.exitCode, 0);
        QVERIFY(exportHelp.out.contains(u"--output"_qs));
    }

    void onboardRefusesAnUnverifiablePackage_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QString>("why");
        QTest::newRow("http") << u"http://198.51.100.1/istio-sidecar.deb"_qs << u"is plain http"_qs;
        QTest::newRow("presigned query") << u"https://u:S3CR3T@198.51.100.1/istio-sidecar.deb?X-Amz-Signature=S3CR3T"_qs
                                         << u"has a query (a presigned URL?)"_qs;
        QTest::newRow("not a package") << u"https://u:S3CR3T@198.51.100.1/istio-sidecar.tgz?sig=S3CR3T"_qs
                                       << u"does not end in .deb or .rpm"_qs;
    }

    void onboardRefusesAnUnverifiablePackage()
    {
        // Security review H2: what the VMs could not verify is refused before the cluster or a VM
        // is contacted (exit 2), with both ways out named; M5: the URL's secret in no message.
        QFETCH(QString, url);
        QFETCH(QString, why);
        const Run r = meshdeck({u"onboard"_qs, u"--plan"_qs, example(u"book-chapter10.yaml"_qs), u"--package"_qs, url});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(why), qPrintable(r.err));
        QVERIFY2(!r.all().contains(u"S3CR3T"_qs), qPrintable(r.all()));
        if (!why.startsWith(u"does not"_qs))
            QVERIFY2(r.err.contains(u"--package-sha256"_qs) && r.err.contains(u"--allow-unverified-package"_qs), qPrintable(r.err));
        // The help names the choice.
        QVERIFY(meshdeck({u"onboard"_qs, u"--help"_qs}).out.contains(u"--allow-unverified-package"_qs));
    }

    // Security review M2: a plan from someone else's repository names a kubeconfig whose exec
    // plugin would run a script of that repository. Without a terminal to ask on and without
    // --allow-exec-plugins, the command refuses and says how to allow it; nothing runs.
    void planKubeconfigExecPluginNeedsApproval()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString marker = dir.filePath(u"ran"_qs);
        const QString plugin = TestPlans::write(dir.path(), u"mark.sh"_qs,
            "#!/bin/sh\ntouch '" + marker.toUtf8() + "'\nexit 1\n");
        QFile::setPermissions(plugin, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        TestPlans::write(dir.path(), u"kubeconfig.yaml"_qs,
            "clusters:\n- name: c\n  cluster: {server: 'https://127.0.0.1:9'}\n"
            "users:\n- name: u\n  user:\n    exec:\n      apiVersion: client.authentication.k8s.io/v1\n"
            "      command: ./mark.sh\n      interactiveMode: Never\n"
            "contexts:\n- name: ctx\n  context: {cluster: c, user: u}\ncurrent-context: ctx\n");
        const QString plan = TestPlans::write(dir.path(), u"plan.yaml"_qs,
            TestPlans::demo() + "cluster:\n  kubeconfig: kubeconfig.yaml\n");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(u"DISPLAY"_qs);
        env.remove(u"QT_QPA_PLATFORM"_qs);
        env.insert(u"HOME"_qs, dir.path()); // no approval remembered from elsewhere
        env.insert(u"XDG_CONFIG_HOME"_qs, dir.filePath(u"config"_qs));
        const auto run = [&](const QStringList& extra) {
            return TestSupport::run(qEnvironmentVariable("MESHDECK_BINARY"),
                                    QStringList{u"status"_qs, u"--plan"_qs, plan} + extra,
                                    TestSupport::RunOptions().withAbortOnTimeout().withEnvironment(env));
        };
        const Run refused = run({});
        QVERIFY(refused.exitCode != 0);
        const QString said = refused.err + refused.out;
        QVERIFY2(said.contains(u"--allow-exec-plugins"_qs), qPrintable(said));
        QVERIFY(!QFile::exists(marker));

        const Run allowed = run({u"--allow-exec-plugins"_qs});
        QVERIFY(allowed.exitCode != 0); // the plugin fails on purpose; it ran
        QVERIFY(QFile::exists(marker));
    }

    void validateGoodPlan()
    {
        const Run r = meshdeck({u"validate"_qs, u"--plan"_qs, example(u"book-chapter10.yaml"_qs)});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.err.isEmpty(), qPrintable(r.err));
        QVERIFY(r.out.contains(u"valid"_qs));
    }

    void validateBadPlan()
    {
        QTemporaryDir dir;
        QFile plan(dir.filePath(u"bad.yaml"_qs));
        QVERIFY(plan.open(QIODevice::WriteOnly));
        plan.write("apiVersion: meshdeck.io/v1alpha1\nkind: OnboardingPlan\nmesh:\n  istioVersion: \"1.29\"\n"
                   "  meshId: mesh1\nvms:\n- name: Bad_Name\n  address: 198.18.0.10\n");
        plan.close();
        const Run r = meshdeck({u"validate"_qs, u"--plan"_qs, u"bad.yaml"_qs}, dir.path());
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.isEmpty());
        // Compiler-style lines an editor can jump to, every problem at once.
        QVERIFY2(r.err.contains(u"bad.yaml:5:3: error: mesh.meshId: unknown key \"meshId\""_qs), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"did you mean \"meshID\"?"_qs), qPrintable(r.err));
        QVERIFY2(r.err.contains(u"bad.yaml:7:3: error: vms[0].name:"_qs), qPrintable(r.err));
        QVERIFY(r.err.contains(u"2 errors"_qs));
    }

    // Security review M4, as it was reproduced: 2.5 KB of nested aliases in the proxy config
    // annotation made `meshdeck validate` abort with std::bad_alloc after 42 s at 4 GB. Under a
    // 1 GB address-space limit it now reports the annotation, with the usual exit code.
    void validateRefusesAnAliasBomb()
    {
        QTemporaryDir dir;
        QFile plan(dir.filePath(u"bomb.yaml"_qs));
        QVERIFY(plan.open(QIODevice::WriteOnly));
        const QString text = u"apiVersion: meshdeck.io/v1alpha1\nkind: OnboardingPlan\nmetadata: {name: bomb}\n"
                             "mesh: {istioVersion: \"1.29\", meshID: mesh1, clusterName: cluster1, network: network1}\n"
                             "vmGroups:\n- name: app\n  namespace: app-ns\n  serviceAccount: app-sa\n  labels: {app: app}\n"
                             "  annotations:\n    proxy.istio.io/config: |\n"_qs
            + TestSupport::aliasBomb(6) + u"vms:\n- {name: vm1, group: app, address: 198.18.0.10}\n"_qs;
        plan.write(text.toUtf8());
        plan.close();
        QVERIFY(plan.size() < 4096);
        const Run r = TestSupport::run(u"/bin/sh"_qs, {u"-c"_qs, u"ulimit -v 1048576 && exec \"$0\" validate --plan \"$1\""_qs,
                                                      qEnvironmentVariable("MESHDECK_BINARY"), plan.fileName()},
                                       TestSupport::RunOptions().withAbortOnTimeout());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(u"bomb.yaml:11:5: error: vmGroups[0].annotations.proxy.istio.io/config: the proxy.istio.io/config "
                                "annotation is refused: the YAML expands to more than 200000 values"_qs),
                 qPrintable(r.err));
    }

    void usageErrors()
    {
        QCOMPARE(meshdeck({u"validate"_qs}).exitCode, 2);                 // no --plan
        QCOMPARE(meshdeck({u"export"_qs, u"--plan"_qs, example(u"book-chapter10.yaml"_qs)}).exitCode, 2); // no --output
        QCOMPARE(meshdeck({u"frobnicate"_qs}).exitCode, 2);
        QCOMPARE(meshdeck({u"validate"_qs, u"--plan"_qs, u"x"_qs, u"--bogus"_qs}).exitCode, 2);
        // --kubeconfig and --context are accepted everywhere, for scripts written today.
        QCOMPARE(meshdeck({u"validate"_qs, u"--plan"_qs, example(u"book-chapter10.yaml"_qs), u"--kubeconfig"_qs,
                           u"/dev/null"_qs, u"--context"_qs, u"lab"_qs}).exitCode, 0);
        const Run missing = meshdeck({u"validate"_qs, u"--plan"_qs, u"/nonexistent.yaml"_qs});
        QCOMPARE(missing.exitCode, 1);
        QVERIFY(missing.err.contains(u"does not exist"_qs));
    }

    void exportToDirectory()
    {
        QTemporaryDir dir;
        const QString out = dir.filePath(u"out"_qs);
        const Run r = meshdeck({u"export"_qs, u"--plan"_qs, example(u"book-chapter10.yaml"_qs), u"--output"_qs, out});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(QFile::exists(out + u"/cluster/all.yaml"_qs));
        QVERIFY(QFile::exists(out + u"/vms/chapter10-instance/cluster.env"_qs));
        QVERIFY(QFile::exists(out + u"/vms/chapter10-instance/mesh.yaml"_qs));
        QVERIFY(QFile::exists(out + u"/vms/chapter10-instance/hosts"_qs));
        const QStringList cluster = QDir(out + u"/cluster"_qs).entryList(QDir::Files, QDir::Name);
        QVERIFY(cluster.contains(u"06-workloadgroup-envoydummy.yaml"_qs));
        QVERIFY(cluster.first().startsWith(u"01-"_qs));
    }

    void exportToStdout()
    {
        const Run r = meshdeck({u"export"_qs, u"--plan"_qs, example(u"book-chapter10.yaml"_qs), u"--output"_qs, u"-"_qs});
        QCOMPARE(r.exitCode, 0);
        // kubectl apply -f - ready: every document has apiVersion, kind and metadata.name.
        const std::vector<YAML::Node> docs = YAML::LoadAll(r.out.toStdString());
        QVERIFY(docs.size() >= 8);
        QStringList kinds;
        for (const YAML::Node& d : docs) {
            QVERIFY(d["apiVersion"].IsScalar());
            QVERIFY(d["metadata"]["name"].IsScalar());
            kinds.append(QString::fromStdString(d["kind"].as<std::string>()));
        }
        QVERIFY(kinds.contains(u"WorkloadGroup"_qs));
        QVERIFY(!kinds.contains(u"IstioOperator"_qs)); // those are for istioctl install, not kubectl
    }

    void exportRefusesBrokenPlan()
    {
        QTemporaryDir dir;
        QFile plan(dir.filePath(u"bad.yaml"_qs));
        QVERIFY(plan.open(QIODevice::WriteOnly));
        plan.write("apiVersion: meshdeck.io/v1alpha1\nkind: OnboardingPlan\nmesh: {istioVersion: \"1.29\"}\nvms: 7\n");
        plan.close();
        const QString out = dir.filePath(u"out"_qs);
        const Run r = meshdeck({u"export"_qs, u"--plan"_qs, plan.fileName(), u"-o"_qs, out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains(u"vms: expected a list"_qs));
        QVERIFY(!QFileInfo::exists(out)); // nothing half-written
    }
};

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
