// SPDX-License-Identifier: Apache-2.0
// The mesh page's rules without widgets: Istio's sample certificates recognised by fingerprint
// (never by file name) and refused until acknowledged; the values that keep Next disabled.
#include "meshform.h"

#include "plan.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class TestMeshForm final : public QObject
{
    Q_OBJECT

private:
    QString samples() const { return QFINDTESTDATA("../../data/istio-samples/root-cert.pem").section(u'/', 0, -2); }
    QString other() const { return QFINDTESTDATA("../../data/kube/tls/selfsigned.crt"); }

private slots:
    void sampleFields_data()
    {
        QTest::addColumn<QString>("root");
        QTest::addColumn<QString>("ca");
        QTest::addColumn<QString>("chain");
        QTest::addColumn<QStringList>("expected");
        const QString s = samples();
        QTest::newRow("all samples") << s + u"/root-cert.pem"_qs << s + u"/ca-cert.pem"_qs << s + u"/ca-cert.pem"_qs
                                     << QStringList{u"rootCert"_qs, u"caCert"_qs, u"certChain"_qs};
        QTest::newRow("own CA") << other() << other() << other() << QStringList{};
        QTest::newRow("only the root is a sample") << s + u"/root-cert.pem"_qs << other() << other() << QStringList{u"rootCert"_qs};
        QTest::newRow("missing files are no samples") << u"/nonexistent/root.pem"_qs << QString() << QString() << QStringList{};
    }

    void sampleFields()
    {
        QFETCH(QString, root);
        QFETCH(QString, ca);
        QFETCH(QString, chain);
        QFETCH(QStringList, expected);
        Plan plan;
        plan.pluginCa = PluginCa{ca, u"key.pem"_qs, root, chain, false};
        QCOMPARE(MeshForm::sampleCertificateFields(plan), expected);
    }

    void sampleRenamedIsStillASample()
    {
        // Recognised by content: a copy under another name, relative to the plan's folder.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QVERIFY(QFile::copy(samples() + u"/root-cert.pem"_qs, dir.filePath(u"my-root.pem"_qs)));
        Plan plan;
        plan.sourceFile = dir.filePath(u"plan.yaml"_qs);
        plan.pluginCa = PluginCa{{}, {}, u"my-root.pem"_qs, {}, false};
        QCOMPARE(MeshForm::sampleCertificateFields(plan), QStringList{u"rootCert"_qs});
        QVERIFY(plan.pluginCa->rootCert == u"my-root.pem"); // the plan keeps what the user wrote
    }

    void noPluginCaNoSamples()
    {
        QCOMPARE(MeshForm::sampleCertificateFields(Plan{}), QStringList{});
    }

    void warningIsTheSeeds()
    {
        const QString w = MeshForm::sampleWarning();
        QVERIFY(w.contains(u"widely distributed"_qs));
        QVERIFY(w.contains(u"production"_qs));
    }

    void problems_data()
    {
        QTest::addColumn<QString>("version");
        QTest::addColumn<bool>("withCa");
        QTest::addColumn<bool>("complete");
        QTest::addColumn<QStringList>("samples");
        QTest::addColumn<bool>("acknowledged");
        QTest::addColumn<int>("count");
        QTest::newRow("defaults") << u"1.29.0"_qs << false << true << QStringList{} << false << 0;
        QTest::newRow("bad version") << u"one.two"_qs << false << true << QStringList{} << false << 1;
        QTest::newRow("two-part version") << u"1.29"_qs << false << true << QStringList{} << false << 0;
        QTest::newRow("CA incomplete") << u"1.29.0"_qs << true << false << QStringList{} << false << 1;
        QTest::newRow("CA complete") << u"1.29.0"_qs << true << true << QStringList{} << false << 0;
        QTest::newRow("samples refused") << u"1.29.0"_qs << true << true << QStringList{u"rootCert"_qs} << false << 1;
        QTest::newRow("samples acknowledged") << u"1.29.0"_qs << true << true << QStringList{u"rootCert"_qs} << true << 0;
    }

    void problems()
    {
        QFETCH(QString, version);
        QFETCH(bool, withCa);
        QFETCH(bool, complete);
        QFETCH(QStringList, samples);
        QFETCH(bool, acknowledged);
        QFETCH(int, count);
        Plan plan;
        plan.mesh.istioVersion = version;
        if (withCa)
            plan.pluginCa = PluginCa{u"ca.pem"_qs, u"key.pem"_qs, u"root.pem"_qs, complete ? u"chain.pem"_qs : QString(), acknowledged};
        const QStringList problems = MeshForm::problems(plan, samples);
        QVERIFY2(problems.size() == count, qPrintable(problems.join(u'\n')));
    }

    void badNamespaceAndRevision()
    {
        Plan plan;
        plan.mesh.revision = u"Canary_1"_qs;
        plan.mesh.istioNamespace = QString();
        QCOMPARE(MeshForm::problems(plan, {}).size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestMeshForm)
#include "tst_meshform.moc"
