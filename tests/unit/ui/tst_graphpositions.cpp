// SPDX-License-Identifier: Apache-2.0
#include "graphpositions.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStandardPaths>
#include <QTest>

// The node position store: one file per plan and namespace set, named by the SHA-256 of
// "<absolute plan path>\n<sorted namespaces joined by ','>", under AppDataLocation.

class tst_GraphPositions final : public QObject
{
    Q_OBJECT

private:
    QString storeDir() const
    {
        return QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + u"/graph-positions"_qs;
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // ~/.qttest, never the user's data
        QDir(storeDir()).removeRecursively();
    }

    void cleanupTestCase() { QDir(storeDir()).removeRecursively(); }

    void fileNamedByPlanAndNamespaces()
    {
        const GraphPositions store(u"/plans/shop.yaml"_qs, {u"shop"_qs, u"bookinfo"_qs});
        const QByteArray expected
            = QCryptographicHash::hash("/plans/shop.yaml\nbookinfo,shop", QCryptographicHash::Sha256).toHex();
        QCOMPARE(store.filePath(), storeDir() + u'/' + QString::fromLatin1(expected) + u".json"_qs);
        // The same set in another order (or repeated) is the same file; another set is not.
        QCOMPARE(GraphPositions(u"/plans/shop.yaml"_qs, {u"bookinfo"_qs, u"shop"_qs, u"shop"_qs}).filePath(),
                 store.filePath());
        QVERIFY(GraphPositions(u"/plans/shop.yaml"_qs, {u"bookinfo"_qs}).filePath() != store.filePath());
        QVERIFY(GraphPositions(u"/plans/other.yaml"_qs, {u"shop"_qs, u"bookinfo"_qs}).filePath() != store.filePath());
    }

    void relativePlanPathsAreMadeAbsolute()
    {
        const QString absolute = QDir::current().absoluteFilePath(u"plan.yaml"_qs);
        QCOMPARE(GraphPositions::key(u"plan.yaml"_qs, {u"a"_qs}), (absolute + u"\na"_qs).toUtf8());
        QCOMPARE(GraphPositions(u"plan.yaml"_qs, {u"a"_qs}).filePath(), GraphPositions(absolute, {u"a"_qs}).filePath());
    }

    void roundTrip()
    {
        const GraphPositions store(u"/plans/shop.yaml"_qs, {u"bookinfo"_qs});
        QVERIFY(store.load().isEmpty()); // nothing saved yet
        const QHash<QString, QPointF> positions{{u"wl_Kubernetes_bookinfo_reviews-vm"_qs, QPointF(12.5, -40)},
                                                {u"wl_Kubernetes_bookinfo_productpage-v1"_qs, QPointF(0, 0)}};
        QString error;
        QVERIFY2(store.save(positions, &error), qPrintable(error));
        QCOMPARE(GraphPositions(u"/plans/shop.yaml"_qs, {u"bookinfo"_qs}).load(), positions);
        QVERIFY(GraphPositions(u"/plans/shop.yaml"_qs, {u"bookinfo"_qs, u"shop"_qs}).load().isEmpty());
        // A person can tell the files apart.
        QFile file(store.filePath());
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonObject root = QJsonDocument::fromJson(file.readAll()).object();
        QCOMPARE(root.value(u"plan"_qs).toString(), u"/plans/shop.yaml"_qs);
        QCOMPARE(root.value(u"namespaces"_qs).toVariant().toStringList(), QStringList{u"bookinfo"_qs});
    }

    void unreadableFileIsEmpty()
    {
        const GraphPositions store(u"/plans/broken.yaml"_qs, {u"x"_qs});
        QDir().mkpath(storeDir());
        QFile file(store.filePath());
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"positions\": {\"a\": [1], \"b\": \"x\", \"c\": [3, 4]}");
        file.close();
        QCOMPARE(store.load().size(), 0); // not JSON: nothing, and no crash
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("{\"positions\": {\"a\": [1], \"b\": \"x\", \"c\": [3, 4]}}");
        file.close();
        const QHash<QString, QPointF> loaded = store.load();
        QCOMPARE(loaded.size(), 1);
        QCOMPARE(loaded.value(u"c"_qs), QPointF(3, 4));
    }
};

QTEST_APPLESS_MAIN(tst_GraphPositions)
#include "tst_graphpositions.moc"
