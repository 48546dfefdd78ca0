// SPDX-License-Identifier: Apache-2.0
// What a wizard page shows of what it produces: Secret data masked, VM files under a comment.
#include "previewtext.h"

#include <QJsonDocument>
#include <QTest>

class TestPreviewText final : public QObject
{
    Q_OBJECT

private slots:
    void secretMasked()
    {
        const QJsonObject secret = QJsonDocument::fromJson(
            R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"cacerts"},
                "data":{"ca-key.pem":"c2VjcmV0LWtleQ=="},"stringData":{"token":"abc"}})").object();
        const QJsonObject masked = PreviewText::masked(secret);
        QCOMPARE(masked.value(u"data").toObject().value(u"ca-key.pem").toString(), u"<hidden: 10 bytes>"_qs);
        QCOMPARE(masked.value(u"stringData").toObject().value(u"token").toString(), u"<hidden: 3 bytes>"_qs);
        QCOMPARE(masked.value(u"metadata"), secret.value(u"metadata"));
    }

    void othersUntouched()
    {
        const QJsonObject cm = QJsonDocument::fromJson(R"({"kind":"ConfigMap","data":{"a":"b"}})").object();
        QCOMPARE(PreviewText::masked(cm), cm);
    }

    void render()
    {
        Generated g;
        Resource secret;
        secret.object = QJsonDocument::fromJson(R"({"apiVersion":"v1","kind":"Secret","metadata":{"name":"cacerts"},"data":{"k":"c2VjcmV0"}})").object();
        g.resources.append(secret);
        VmBundle bundle;
        bundle.vm = u"web-1"_qs;
        bundle.files.append(VmFile{u"cluster.env"_qs, "ISTIO_NAMESPACE=vm\n", u"/var/lib/istio/envoy/cluster.env"_qs});
        g.vmBundles.append(bundle);
        const QString text = PreviewText::render(g, u"a note\nsecond line"_qs);
        QVERIFY(text.startsWith(u"# a note\n# second line\n"_qs));
        QVERIFY(!text.contains(u"c2VjcmV0"_qs));
        QVERIFY(text.contains(u"hidden"_qs));
        QVERIFY(text.contains(u"# VM web-1: cluster.env → /var/lib/istio/envoy/cluster.env\nISTIO_NAMESPACE=vm\n"_qs));
    }
};

QTEST_GUILESS_MAIN(TestPreviewText)
#include "tst_previewtext.moc"
