// SPDX-License-Identifier: Apache-2.0
// SharedResult (core/sharedresult.h): the first waiter starts the work, the others share it; a
// waiter whose context died is skipped, one without a context never is; a kept result reaches
// later callers posted, never inside whenReady(); deliver() keeps nothing; waiters added while
// others are called belong to the next round.

#include "sharedresult.h"

#include <QObject>
#include <QStringList>
#include <QTest>

#include <memory>

class TestSharedResult final : public QObject
{
    Q_OBJECT

private slots:
    void firstWaiterStartsTheWork()
    {
        SharedResult<int> shared;
        QObject a, b;
        QList<int> got;
        QVERIFY(!shared.isPending());
        QVERIFY(shared.whenReady(&a, [&](int v) { got.append(v); }));
        QVERIFY(shared.isPending());
        QVERIFY(!shared.whenReady(&b, [&](int v) { got.append(v * 10); }));
        QVERIFY(got.isEmpty());
        shared.resolve(4);
        QCOMPARE(got, (QList<int>{4, 40})); // in the order they came, at once
        QVERIFY(!shared.isPending());
        QVERIFY(shared.isReady());
        QCOMPARE(*shared.value(), 4);
    }

    void keptResultIsPostedToLaterCallers()
    {
        SharedResult<QString> shared;
        QObject context;
        QVERIFY(shared.whenReady(&context, [](const QString&) {}));
        shared.resolve(u"facts"_qs);
        QStringList got;
        QVERIFY(!shared.whenReady(&context, [&](const QString& v) { got.append(v); }));
        QVERIFY(got.isEmpty()); // never inside whenReady()
        QTRY_COMPARE(got, QStringList{u"facts"_qs});
        QVERIFY(!shared.isPending());
    }

    void keptResultNotPostedToADeadContext()
    {
        SharedResult<int> shared;
        shared.whenReady(nullptr, [](int) {});
        shared.resolve(1);
        bool called = false;
        auto context = std::make_unique<QObject>();
        shared.whenReady(context.get(), [&](int) { called = true; });
        context.reset();
        QObject other;
        bool otherCalled = false;
        shared.whenReady(&other, [&](int) { otherCalled = true; });
        QTRY_VERIFY(otherCalled); // posted after the first one: that one had its turn and was dropped
        QVERIFY(!called);
    }

    void waiterWhoseContextDiedIsSkipped()
    {
        SharedResult<int> shared;
        auto gone = std::make_unique<QObject>();
        QObject alive;
        bool goneCalled = false;
        int aliveGot = 0;
        QVERIFY(shared.whenReady(gone.get(), [&](int) { goneCalled = true; }));
        QVERIFY(!shared.whenReady(&alive, [&](int v) { aliveGot = v; }));
        gone.reset();
        shared.resolve(7);
        QVERIFY(!goneCalled);
        QCOMPARE(aliveGot, 7);
    }

    void waiterWithoutContextIsAlwaysCalled()
    {
        SharedResult<int> shared;
        int got = 0;
        QVERIFY(shared.whenReady(nullptr, [&](int v) { got = v; }));
        shared.deliver(3);
        QCOMPARE(got, 3);
    }

    void deliverKeepsNothing()
    {
        SharedResult<int> shared;
        QObject context;
        int got = 0;
        QVERIFY(shared.whenReady(&context, [&](int v) { got = v; }));
        shared.deliver(5);
        QCOMPARE(got, 5);
        QVERIFY(!shared.isReady());
        QCOMPARE(shared.value(), nullptr);
        QVERIFY(shared.whenReady(&context, [&](int v) { got = v; })); // the work runs again
        shared.deliver(6);
        QCOMPARE(got, 6);
    }

    void resetStartsTheWorkAgain()
    {
        SharedResult<int> shared;
        QObject context;
        QVERIFY(shared.whenReady(&context, [](int) {}));
        shared.resolve(1);
        shared.reset();
        QVERIFY(!shared.isReady());
        int got = 0;
        QVERIFY(shared.whenReady(&context, [&](int v) { got = v; }));
        shared.resolve(2);
        QCOMPARE(got, 2);
    }

    void resetWhileRunningKeepsTheWaiters()
    {
        SharedResult<int> shared;
        QObject context;
        int got = 0;
        QVERIFY(shared.whenReady(&context, [&](int v) { got = v; }));
        shared.reset();
        QVERIFY(shared.isPending());
        QVERIFY(!shared.whenReady(&context, [](int) {})); // the run in progress is still shared
        shared.resolve(8);
        QCOMPARE(got, 8);
    }

    void waiterAddedDuringResolveGetsTheKeptResultLater()
    {
        SharedResult<int> shared;
        QObject context;
        QList<int> order;
        bool startedAgain = true;
        shared.whenReady(&context, [&](int v) {
            order.append(v);
            startedAgain = shared.whenReady(&context, [&](int w) { order.append(w * 100); });
        });
        shared.whenReady(&context, [&](int v) { order.append(v * 10); });
        shared.resolve(1);
        QVERIFY(!startedAgain);
        QCOMPARE(order, (QList<int>{1, 10})); // the late waiter is not part of this delivery
        QTRY_COMPARE(order, (QList<int>{1, 10, 100}));
    }

    void waiterAddedDuringDeliverStartsTheWorkAgain()
    {
        SharedResult<int> shared;
        QObject context;
        QList<int> order;
        bool startedAgain = false;
        shared.whenReady(&context, [&](int v) {
            order.append(v);
            startedAgain = shared.whenReady(&context, [&](int w) { order.append(w * 100); });
        });
        shared.whenReady(&context, [&](int v) { order.append(v * 10); });
        shared.deliver(1);
        QVERIFY(startedAgain);
        QCOMPARE(order, (QList<int>{1, 10}));
        QVERIFY(shared.isPending());
        shared.deliver(2);
        QCOMPARE(order, (QList<int>{1, 10, 200}));
    }

    void waiterMayDestroyTheOwner()
    {
        auto shared = std::make_unique<SharedResult<QString>>();
        QObject context;
        QStringList got;
        shared->whenReady(&context, [&](const QString& v) {
            got.append(v);
            shared.reset();
        });
        shared->whenReady(&context, [&](const QString& v) { got.append(v); });
        const QString value = u"x"_qs;
        shared->resolve(value);
        QCOMPARE(got, (QStringList{u"x"_qs, u"x"_qs}));
    }
};

QTEST_GUILESS_MAIN(TestSharedResult)
#include "tst_sharedresult.moc"
