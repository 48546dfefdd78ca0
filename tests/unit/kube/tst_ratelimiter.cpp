// SPDX-License-Identifier: Apache-2.0
// The token bucket (client-go's QPS 5 / burst 10), exponential backoff and Retry-After parsing
// (RFC 9110 §10.2.3: delta-seconds or an HTTP-date in any of its three forms).

#include "backoff.h"
#include "ratelimiter.h"

#include <QTest>

using namespace std::chrono_literals;

class TestRateLimiter final : public QObject
{
    Q_OBJECT
private slots:
    void burstThenSpaced();
    void refillsOverTime();
    void disabled();
    void backoffDoublesCapsAndResets();
    void retryAfter_data();
    void retryAfter();
};

void TestRateLimiter::burstThenSpaced()
{
    RateLimiter limiter(5.0, 10);
    const auto t0 = RateLimiter::Clock::time_point{} + 1h;
    for (int i = 0; i < 10; ++i)
        QCOMPARE(limiter.reserve(t0), 0ms);
    // The 11th request waits 1/qps, the 12th twice that: reservations queue up in order.
    QCOMPARE(limiter.reserve(t0), 200ms);
    QCOMPARE(limiter.reserve(t0), 400ms);
    QCOMPARE(limiter.reserve(t0), 600ms);
}

void TestRateLimiter::refillsOverTime()
{
    RateLimiter limiter(5.0, 10);
    const auto t0 = RateLimiter::Clock::time_point{} + 1h;
    for (int i = 0; i < 10; ++i)
        limiter.reserve(t0);
    // One second refills five tokens, never more than the burst.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(limiter.reserve(t0 + 1s), 0ms);
    QCOMPARE(limiter.reserve(t0 + 1s), 200ms);
    RateLimiter idle(5.0, 10);
    idle.reserve(t0);
    for (int i = 0; i < 10; ++i)
        QCOMPARE(idle.reserve(t0 + 1h), 0ms);
    QCOMPARE(idle.reserve(t0 + 1h), 200ms);
}

void TestRateLimiter::disabled()
{
    RateLimiter limiter(0, 1);
    for (int i = 0; i < 1000; ++i)
        QCOMPARE(limiter.reserve(), 0ms);
}

void TestRateLimiter::backoffDoublesCapsAndResets()
{
    Backoff backoff(500ms, 5s);
    QCOMPARE(backoff.next(), 500ms);
    QCOMPARE(backoff.next(), 1000ms);
    QCOMPARE(backoff.next(), 2000ms);
    QCOMPARE(backoff.next(), 4000ms);
    QCOMPARE(backoff.next(), 5000ms);
    QCOMPARE(backoff.next(), 5000ms);
    QCOMPARE(backoff.attempts(), 6);
    backoff.reset();
    QCOMPARE(backoff.next(), 500ms);
}

void TestRateLimiter::retryAfter_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<qint64>("expectedMs"); // -1 = nullopt
    QTest::newRow("seconds") << QByteArray("120") << qint64(120000);
    QTest::newRow("zero") << QByteArray("0") << qint64(0);
    QTest::newRow("spaces") << QByteArray(" 3 ") << qint64(3000);
    // now is 1994-11-06 08:49:07 UTC in every row: 30 s before the dates below.
    QTest::newRow("IMF-fixdate") << QByteArray("Sun, 06 Nov 1994 08:49:37 GMT") << qint64(30000);
    QTest::newRow("RFC 850") << QByteArray("Sunday, 06-Nov-94 08:49:37 GMT") << qint64(30000);
    QTest::newRow("asctime") << QByteArray("Sun Nov  6 08:49:37 1994") << qint64(30000);
    QTest::newRow("past date") << QByteArray("Sun, 06 Nov 1994 08:00:00 GMT") << qint64(0);
    QTest::newRow("empty") << QByteArray() << qint64(-1);
    QTest::newRow("negative") << QByteArray("-5") << qint64(-1);
    QTest::newRow("garbage") << QByteArray("soon") << qint64(-1);
}

void TestRateLimiter::retryAfter()
{
    QFETCH(QByteArray, header);
    QFETCH(qint64, expectedMs);
    const QDateTime now(QDate(1994, 11, 6), QTime(8, 49, 7), Qt::UTC);
    const auto delay = parseRetryAfter(header, now);
    if (expectedMs < 0) {
        QVERIFY(!delay);
        return;
    }
    QVERIFY(delay);
    QCOMPARE(delay->count(), expectedMs);
}

QTEST_APPLESS_MAIN(TestRateLimiter)
#include "tst_ratelimiter.moc"
