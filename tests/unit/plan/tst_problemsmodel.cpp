// SPDX-License-Identifier: Apache-2.0
#include "problemsmodel.h"

#include <QAbstractItemModelTester>
#include <QTest>

namespace {

Problem problem(Problem::Severity severity, const QString& file, int line, int column, const QString& path,
                const QString& message, const QString& hint = {})
{
    Problem p;
    p.severity = severity;
    p.file = file;
    p.line = line;
    p.column = column;
    p.path = path;
    p.message = message;
    p.hint = hint;
    return p;
}

Problems sample()
{
    return {
        problem(Problem::Severity::Error, u"/plans/demo.yaml"_qs, 17, 11, u"vmGroups[0].probe.httpGet.port"_qs,
                u"port 70000 is out of range"_qs, u"use a port between 1 and 65535"_qs),
        problem(Problem::Severity::Warning, u"/plans/demo.yaml"_qs, 3, 0, u"metadata.name"_qs, u"name is long"_qs),
        problem(Problem::Severity::Error, u"certs/ca-key.pem"_qs, 0, 0, u"pluginCa.caKey"_qs, u"not a PEM key"_qs),
    };
}

} // namespace

class tst_ProblemsModel final : public QObject
{
    Q_OBJECT

private slots:
    void passesModelTester()
    {
        ProblemsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setProblems(sample());
        model.setProblems({});
        model.setProblems(sample());
    }

    void location_data()
    {
        QTest::addColumn<int>("row");
        QTest::addColumn<QString>("location");
        QTest::newRow("line and column") << 0 << u"demo.yaml:17:11"_qs;
        QTest::newRow("line only") << 1 << u"demo.yaml:3"_qs;
        QTest::newRow("file only") << 2 << u"ca-key.pem"_qs;
    }

    void location()
    {
        QFETCH(int, row);
        QFETCH(QString, location);
        ProblemsModel model;
        model.setProblems(sample());
        QCOMPARE(model.index(row, ProblemsModel::LocationColumn).data().toString(), location);
    }

    void columnsAndRoles()
    {
        ProblemsModel model;
        model.setProblems(sample());
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), 3);
        const QModelIndex first = model.index(0, ProblemsModel::PathColumn);
        QCOMPARE(first.data().toString(), u"vmGroups[0].probe.httpGet.port"_qs);
        QCOMPARE(model.index(0, ProblemsModel::MessageColumn).data().toString(),
                 u"port 70000 is out of range — use a port between 1 and 65535"_qs);
        QCOMPARE(model.index(1, ProblemsModel::MessageColumn).data().toString(), u"name is long"_qs);
        QCOMPARE(first.data(ProblemsModel::LineRole).toInt(), 17);
        QCOMPARE(first.data(ProblemsModel::ColumnRole).toInt(), 11);
        QCOMPARE(first.data(ProblemsModel::FileRole).toString(), u"/plans/demo.yaml"_qs);
        QCOMPARE(first.data(ProblemsModel::PathRole).toString(), u"vmGroups[0].probe.httpGet.port"_qs);
        QCOMPARE(first.data(ProblemsModel::MessageRole).toString(), u"port 70000 is out of range"_qs);
        QCOMPARE(first.data(ProblemsModel::HintRole).toString(), u"use a port between 1 and 65535"_qs);
        QCOMPARE(first.data(ProblemsModel::SeverityRole).toInt(), int(Problem::Severity::Error));
        QCOMPARE(model.index(1, 0).data(ProblemsModel::SeverityRole).toInt(), int(Problem::Severity::Warning));
        // The tooltip is the compiler-style line an editor understands, with the full path.
        QVERIFY(first.data(Qt::ToolTipRole).toString().startsWith(u"/plans/demo.yaml:17:11: error: "_qs));
    }

    void counts()
    {
        ProblemsModel model;
        model.setProblems(sample());
        QCOMPARE(model.errorCount(), 2);
        QCOMPARE(model.warningCount(), 1);
    }

    void headers()
    {
        ProblemsModel model;
        QCOMPARE(model.headerData(ProblemsModel::LocationColumn, Qt::Horizontal).toString(), u"Location"_qs);
        QCOMPARE(model.headerData(ProblemsModel::PathColumn, Qt::Horizontal).toString(), u"Field"_qs);
        QCOMPARE(model.headerData(ProblemsModel::MessageColumn, Qt::Horizontal).toString(), u"Problem"_qs);
    }
};

QTEST_APPLESS_MAIN(tst_ProblemsModel)
#include "tst_problemsmodel.moc"
