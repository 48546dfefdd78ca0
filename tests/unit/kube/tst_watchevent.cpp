// SPDX-License-Identifier: Apache-2.0
// Splitting a watch response into events wherever the network cuts it, and reading the events
// (tests/data/kube/watch/: ADDED/MODIFIED/BOOKMARK/DELETED with multi-byte UTF-8, an ERROR 410).

#include "kubetestutil.h"
#include "watchevent.h"

#include <QJsonArray>
#include <QTest>

class TestWatchEvent final : public QObject
{
    Q_OBJECT
private slots:
    void parsesEveryType();
    void everySplitPointGivesTheSameEvents();
    void byteByByte();
    void blankLinesAndCrLf();
    void error410();
    void rejectsGarbage();
    void endlessLineIsDropped();
};

static QList<WatchEvent> parseAll(const QList<QByteArray>& lines)
{
    QList<WatchEvent> events;
    for (const QByteArray& line : lines) {
        const auto event = WatchEvent::parse(line);
        if (event)
            events.append(*event);
    }
    return events;
}

void TestWatchEvent::parsesEveryType()
{
    const QByteArray stream = KubeTest::fixture(u"watch/workloadentries.jsonl"_qs);
    WatchStreamSplitter splitter;
    const QList<WatchEvent> events = parseAll(splitter.feed(stream));
    QCOMPARE(events.size(), 4);
    QCOMPARE(events[0].type, WatchEvent::Type::Added);
    QCOMPARE(events[1].type, WatchEvent::Type::Modified);
    QCOMPARE(events[2].type, WatchEvent::Type::Bookmark);
    QCOMPARE(events[3].type, WatchEvent::Type::Deleted);
    QCOMPARE(events[0].resourceVersion(), u"2471");
    QCOMPARE(events[2].resourceVersion(), u"2480"); // bookmarks carry only the version
    QCOMPARE(events[3].resourceVersion(), u"2490");
    QCOMPARE(events[0].object.value(u"metadata").toObject().value(u"annotations").toObject()
                 .value(u"meshdeck.io/note").toString(),
             u"虚拟机 ünïcode");
    QCOMPARE(events[1].object.value(u"status").toObject().value(u"conditions").toArray().first()
                 .toObject().value(u"type").toString(),
             u"Healthy");
    QCOMPARE(events[0].errorCode(), 0);
    QVERIFY(splitter.pending().isEmpty());
}

void TestWatchEvent::everySplitPointGivesTheSameEvents()
{
    const QByteArray stream = KubeTest::fixture(u"watch/workloadentries.jsonl"_qs);
    QVERIFY(!stream.isEmpty());
    WatchStreamSplitter whole;
    const QList<QByteArray> expected = whole.feed(stream);
    QCOMPARE(expected.size(), 4);
    for (qsizetype cut = 0; cut <= stream.size(); ++cut) {
        WatchStreamSplitter splitter;
        QList<QByteArray> lines = splitter.feed(stream.left(cut));
        lines += splitter.feed(stream.mid(cut));
        QCOMPARE(lines, expected);
        QVERIFY(splitter.pending().isEmpty());
    }
}

void TestWatchEvent::byteByByte()
{
    const QByteArray stream = KubeTest::fixture(u"watch/workloadentries.jsonl"_qs);
    WatchStreamSplitter splitter;
    QList<QByteArray> lines;
    for (char byte : stream)
        lines += splitter.feed(QByteArray(1, byte));
    QCOMPARE(parseAll(lines).size(), 4);
    // The tail of an event stays buffered until its newline arrives.
    QVERIFY(splitter.feed("{\"type\":\"ADDED\"").isEmpty());
    QCOMPARE(splitter.pending(), QByteArray("{\"type\":\"ADDED\""));
}

void TestWatchEvent::blankLinesAndCrLf()
{
    WatchStreamSplitter splitter;
    const QList<QByteArray> lines = splitter.feed("\n{\"type\":\"ADDED\",\"object\":{}}\r\n\n\n{\"type\":\"DELETED\",\"object\":{}}\n");
    QCOMPARE(lines.size(), 2);
    QCOMPARE(parseAll(lines).size(), 2);
}

void TestWatchEvent::error410()
{
    WatchStreamSplitter splitter;
    const QList<QByteArray> lines = splitter.feed(KubeTest::fixture(u"watch/error-410.jsonl"_qs));
    QCOMPARE(lines.size(), 1);
    const auto event = WatchEvent::parse(lines.first());
    QVERIFY(event);
    QCOMPARE(event->type, WatchEvent::Type::Error);
    QCOMPARE(event->errorCode(), 410);
    QCOMPARE(event->object.value(u"reason").toString(), u"Expired");
}

void TestWatchEvent::rejectsGarbage()
{
    QString error;
    QVERIFY(!WatchEvent::parse("<html>", &error));
    QVERIFY(error.startsWith(u"not a JSON object"_qs));
    QVERIFY(!WatchEvent::parse("{\"type\":\"EXPLODED\",\"object\":{}}", &error));
    QCOMPARE(error, u"unknown watch event type \"EXPLODED\""_qs);
}

// Security review M4: a server that never ends an event (no newline) fills no memory beyond the
// cap: the splitter drops the bytes and says so; KubeWatch then drops the stream and lists again.
void TestWatchEvent::endlessLineIsDropped()
{
    WatchStreamSplitter splitter;
    const QByteArray chunk(1024 * 1024, 'x');
    qsizetype fed = 0;
    while (!splitter.overflowed() && fed <= WatchStreamSplitter::maxLineBytes + chunk.size()) {
        QVERIFY(splitter.feed(chunk).isEmpty());
        fed += chunk.size();
    }
    QVERIFY(splitter.overflowed());
    QVERIFY(splitter.pending().size() < chunk.size());
    QCOMPARE(fed, WatchStreamSplitter::maxLineBytes + chunk.size());
    splitter.reset();
    QVERIFY(!splitter.overflowed());
    QCOMPARE(splitter.feed("{\"type\":\"ADDED\"}\n"), QList<QByteArray>{"{\"type\":\"ADDED\"}"});
}

QTEST_APPLESS_MAIN(TestWatchEvent)
#include "tst_watchevent.moc"
