// SPDX-License-Identifier: Apache-2.0
// StateFileWriter: the state file written off the fleet's thread, the newest content last, in
// whole; drained() when all is on disk; failures reported; the destructor and a cancel wait.
#include "statefilewriter.h"

#include "testsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

class TestStateFileWriter final : public QObject
{
    Q_OBJECT

private slots:
    void newestContentWinsAndDrains()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"plan.state.json"_qs);
        StateFileWriter writer;
        QSignalSpy drained(&writer, &StateFileWriter::drained);
        QSignalSpy failed(&writer, &StateFileWriter::failed);
        QByteArray last;
        for (int i = 0; i < 200; ++i) {
            last = QByteArray::number(i).repeated(1000);
            writer.write(path, last);
        }
        QTRY_VERIFY(!drained.isEmpty());
        QVERIFY(writer.isIdle());
        QCOMPARE(TestSupport::readAll(path), last);
        QVERIFY(failed.isEmpty());
        // Nothing but the file: the temporary files of skipped and written contents are gone.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{u"plan.state.json"_qs});
    }

    void waitForDrainedBlocksUntilWritten()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"s.json"_qs);
        StateFileWriter writer;
        writer.write(path, "first");
        writer.write(path, "second");
        writer.waitForDrained();
        QVERIFY(writer.isIdle());
        QCOMPARE(TestSupport::readAll(path), QByteArray("second"));
    }

    void destructorWritesWhatIsPending()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"s.json"_qs);
        {
            StateFileWriter writer;
            writer.write(path, QByteArray(100000, 'x'));
        }
        QCOMPARE(TestSupport::readAll(path).size(), 100000);
    }

    void failureIsReportedWithThePath()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"missing/dir/s.json"_qs);
        StateFileWriter writer;
        QSignalSpy failed(&writer, &StateFileWriter::failed);
        QSignalSpy drained(&writer, &StateFileWriter::drained);
        writer.write(path, "x");
        QTRY_VERIFY(!drained.isEmpty());
        QCOMPARE(failed.size(), 1);
        QVERIFY2(failed.first().first().toString().contains(path), qPrintable(failed.first().first().toString()));
        QVERIFY(!QFileInfo::exists(path));
        QCOMPARE(StateFileWriter::writeNow(path, "x"), failed.first().first().toString());
    }

    void unusedWriterStartsNoThread()
    {
        StateFileWriter writer; // constructed and destroyed: nothing to join, nothing written
        QVERIFY(writer.isIdle());
        writer.waitForDrained();
    }
};

QTEST_GUILESS_MAIN(TestStateFileWriter)
#include "tst_statefilewriter.moc"
