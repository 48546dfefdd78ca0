// SPDX-License-Identifier: Apache-2.0
// Which kubeconfig files and context a command uses: kubectl's precedence (flag over plan over
// $KUBECONFIG over ~/.kube/config) and client-go's reading of $KUBECONFIG (a ':'-separated list,
// empty entries and repeats dropped, first occurrence kept in place).
#include "clustertarget.h"

#include <QTest>

class TestClusterTarget final : public QObject
{
    Q_OBJECT

private slots:
    void resolve_data()
    {
        QTest::addColumn<QString>("cliKubeconfig");
        QTest::addColumn<QString>("cliContext");
        QTest::addColumn<QString>("planKubeconfig");
        QTest::addColumn<QString>("planContext");
        QTest::addColumn<QString>("env");
        QTest::addColumn<QStringList>("files");
        QTest::addColumn<QString>("context");
        QTest::addColumn<QString>("source");

        const QString cli = u"/cli/config"_qs;
        const QString plan = u"/plans/kube/config"_qs;
        const QString home = u"/home/u/.kube/config"_qs;

        // kubeconfig precedence
        QTest::newRow("flag over everything") << cli << QString() << plan << QString() << u"/env/a:/env/b"_qs
                                              << QStringList{cli} << QString() << u"--kubeconfig"_qs;
        QTest::newRow("plan over KUBECONFIG") << QString() << QString() << plan << QString() << u"/env/a:/env/b"_qs
                                              << QStringList{plan} << QString() << u"plan"_qs;
        QTest::newRow("KUBECONFIG over home") << QString() << QString() << QString() << QString() << u"/env/a:/env/b"_qs
                                              << QStringList{u"/env/a"_qs, u"/env/b"_qs} << QString() << u"KUBECONFIG"_qs;
        QTest::newRow("home last") << QString() << QString() << QString() << QString() << QString()
                                   << QStringList{home} << QString() << u"default"_qs;
        QTest::newRow("flag without KUBECONFIG") << cli << QString() << QString() << QString() << QString()
                                                 << QStringList{cli} << QString() << u"--kubeconfig"_qs;
        QTest::newRow("flag over plan") << cli << QString() << plan << QString() << QString()
                                        << QStringList{cli} << QString() << u"--kubeconfig"_qs;

        // context precedence, independent of where the kubeconfig comes from
        QTest::newRow("--context over plan context") << QString() << u"cli-ctx"_qs << QString() << u"plan-ctx"_qs << QString()
                                                     << QStringList{home} << u"cli-ctx"_qs << u"default"_qs;
        QTest::newRow("plan context") << QString() << QString() << QString() << u"plan-ctx"_qs << u"/env/a"_qs
                                      << QStringList{u"/env/a"_qs} << u"plan-ctx"_qs << u"KUBECONFIG"_qs;
        QTest::newRow("both flags") << cli << u"cli-ctx"_qs << plan << u"plan-ctx"_qs << u"/env/a"_qs
                                    << QStringList{cli} << u"cli-ctx"_qs << u"--kubeconfig"_qs;
        QTest::newRow("plan context with --kubeconfig") << cli << QString() << plan << u"plan-ctx"_qs << QString()
                                                        << QStringList{cli} << u"plan-ctx"_qs << u"--kubeconfig"_qs;
        QTest::newRow("no context: current-context") << QString() << QString() << plan << QString() << QString()
                                                     << QStringList{plan} << QString() << u"plan"_qs;

        // $KUBECONFIG as client-go reads it
        QTest::newRow("one file") << QString() << QString() << QString() << QString() << u"/x/config"_qs
                                  << QStringList{u"/x/config"_qs} << QString() << u"KUBECONFIG"_qs;
        QTest::newRow("empty entry dropped") << QString() << QString() << QString() << QString() << u"/a::/b"_qs
                                             << QStringList{u"/a"_qs, u"/b"_qs} << QString() << u"KUBECONFIG"_qs;
        QTest::newRow("leading and trailing ':'") << QString() << QString() << QString() << QString() << u":/a:"_qs
                                                  << QStringList{u"/a"_qs} << QString() << u"KUBECONFIG"_qs;
        QTest::newRow("repeat dropped") << QString() << QString() << QString() << QString() << u"/a:/b:/a"_qs
                                        << QStringList{u"/a"_qs, u"/b"_qs} << QString() << u"KUBECONFIG"_qs;
        QTest::newRow("first occurrence keeps its place") << QString() << QString() << QString() << QString()
                                                          << u"/b:/a:/b::/c:/a:"_qs
                                                          << QStringList{u"/b"_qs, u"/a"_qs, u"/c"_qs} << QString() << u"KUBECONFIG"_qs;
        QTest::newRow("order kept, not sorted") << QString() << QString() << QString() << QString() << u"/z:/m:/a"_qs
                                                << QStringList{u"/z"_qs, u"/m"_qs, u"/a"_qs} << QString() << u"KUBECONFIG"_qs;
        QTest::newRow("spaces are part of a path") << QString() << QString() << QString() << QString()
                                                   << u"/my dir/config:/other"_qs
                                                   << QStringList{u"/my dir/config"_qs, u"/other"_qs} << QString() << u"KUBECONFIG"_qs;
        QTest::newRow("relative entries as given") << QString() << QString() << QString() << QString() << u"config:./b"_qs
                                                   << QStringList{u"config"_qs, u"./b"_qs} << QString() << u"KUBECONFIG"_qs;
    }

    void resolve()
    {
        QFETCH(QString, cliKubeconfig);
        QFETCH(QString, cliContext);
        QFETCH(QString, planKubeconfig);
        QFETCH(QString, planContext);
        QFETCH(QString, env);
        QFETCH(QStringList, files);
        QFETCH(QString, context);
        QFETCH(QString, source);
        const ClusterTarget t = resolveClusterTarget(cliKubeconfig, cliContext, planKubeconfig, planContext, env, u"/home/u"_qs);
        QCOMPARE(t.kubeconfigFiles, files);
        QCOMPARE(t.context, context);
        QCOMPARE(t.kubeconfigSource, source);
    }

    void homeDirectory_data()
    {
        QTest::addColumn<QString>("home");
        QTest::addColumn<QString>("expected");
        QTest::newRow("plain") << u"/home/anand_rai"_qs << u"/home/anand_rai/.kube/config"_qs;
        QTest::newRow("trailing slash") << u"/home/u/"_qs << u"/home/u/.kube/config"_qs;
        QTest::newRow("root") << u"/root"_qs << u"/root/.kube/config"_qs;
        QTest::newRow("space") << u"/Users/A B"_qs << u"/Users/A B/.kube/config"_qs;
    }

    void homeDirectory()
    {
        QFETCH(QString, home);
        QFETCH(QString, expected);
        const ClusterTarget t = resolveClusterTarget({}, {}, {}, {}, {}, home);
        QCOMPARE(t.kubeconfigFiles, QStringList{expected});
        QCOMPARE(t.kubeconfigSource, u"default"_qs);
    }
};

QTEST_APPLESS_MAIN(TestClusterTarget)
#include "tst_clustertarget.moc"
