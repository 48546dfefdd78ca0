// SPDX-License-Identifier: Apache-2.0
// The weights editor's rule (Kiali's traffic shifting): moving one weight keeps the sum at 100,
// the other unlocked destinations absorb the change in order, locks hold, integers only.

#include "weightshift.h"

#include <QTest>

#include <numeric>

using Weights = QList<int>;
using Locks = QList<bool>;

class TestWeightShift final : public QObject
{
    Q_OBJECT
private slots:
    void move_data();
    void move();
    void everyMoveSumsTo100_data();
    void everyMoveSumsTo100();
    void maximum_data();
    void maximum();
    void evenly_data();
    void evenly();
    void normalized_data();
    void normalized();
};

void TestWeightShift::move_data()
{
    QTest::addColumn<Weights>("weights");
    QTest::addColumn<Locks>("locked");
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("value");
    QTest::addColumn<Weights>("expected");

    // Two destinations: the other one is the complement.
    QTest::newRow("2: 50/50 → 80") << Weights{50, 50} << Locks{} << 0 << 80 << Weights{80, 20};
    QTest::newRow("2: second → 80") << Weights{50, 50} << Locks{} << 1 << 80 << Weights{20, 80};
    QTest::newRow("2: to 0") << Weights{50, 50} << Locks{} << 0 << 0 << Weights{0, 100};
    QTest::newRow("2: to 100") << Weights{50, 50} << Locks{} << 0 << 100 << Weights{100, 0};
    QTest::newRow("2: above 100 clamps") << Weights{50, 50} << Locks{} << 0 << 140 << Weights{100, 0};
    QTest::newRow("2: below 0 clamps") << Weights{50, 50} << Locks{} << 1 << -5 << Weights{100, 0};
    QTest::newRow("2: unchanged") << Weights{30, 70} << Locks{} << 0 << 30 << Weights{30, 70};
    QTest::newRow("2: from 100/0 back") << Weights{100, 0} << Locks{} << 0 << 60 << Weights{60, 40};
    QTest::newRow("2: other locked pins") << Weights{30, 70} << Locks{false, true} << 0 << 90 << Weights{30, 70};
    QTest::newRow("2: moved locked ignored") << Weights{30, 70} << Locks{true, false} << 0 << 90 << Weights{30, 70};

    // Three: the others keep their weights in order while they fit; the last takes a shortfall.
    QTest::newRow("3: raise first") << Weights{34, 33, 33} << Locks{} << 0 << 60 << Weights{60, 33, 7};
    QTest::newRow("3: raise first past both") << Weights{34, 33, 33} << Locks{} << 0 << 80 << Weights{80, 20, 0};
    QTest::newRow("3: lower first") << Weights{34, 33, 33} << Locks{} << 0 << 10 << Weights{10, 33, 57};
    QTest::newRow("3: raise last") << Weights{34, 33, 33} << Locks{} << 2 << 50 << Weights{34, 16, 50};
    QTest::newRow("3: lower middle") << Weights{34, 33, 33} << Locks{} << 1 << 0 << Weights{34, 0, 66};
    QTest::newRow("3: middle to 100") << Weights{34, 33, 33} << Locks{} << 1 << 100 << Weights{0, 100, 0};
    QTest::newRow("3: last to 0") << Weights{20, 30, 50} << Locks{} << 2 << 0 << Weights{20, 80, 0};
    QTest::newRow("3: first locked") << Weights{40, 30, 30} << Locks{true, false, false} << 1 << 50 << Weights{40, 50, 10};
    QTest::newRow("3: locked caps") << Weights{40, 30, 30} << Locks{true, false, false} << 1 << 90 << Weights{40, 60, 0};
    QTest::newRow("3: locked, to 0") << Weights{40, 30, 30} << Locks{true, false, false} << 2 << 0 << Weights{40, 60, 0};
    QTest::newRow("3: two locked pin") << Weights{40, 30, 30} << Locks{true, true, false} << 2 << 10 << Weights{40, 30, 30};
    QTest::newRow("3: locked at 100") << Weights{0, 100, 0} << Locks{false, true, false} << 0 << 50 << Weights{0, 100, 0};
    QTest::newRow("3: locked at 0") << Weights{0, 50, 50} << Locks{true, false, false} << 1 << 100 << Weights{0, 100, 0};

    // Five.
    QTest::newRow("5: raise first") << Weights{20, 20, 20, 20, 20} << Locks{} << 0 << 60 << Weights{60, 20, 20, 0, 0};
    QTest::newRow("5: raise first a little") << Weights{20, 20, 20, 20, 20} << Locks{} << 0 << 30
                                            << Weights{30, 20, 20, 20, 10};
    QTest::newRow("5: lower middle") << Weights{20, 20, 20, 20, 20} << Locks{} << 2 << 5 << Weights{20, 20, 5, 20, 35};
    QTest::newRow("5: last to 100") << Weights{20, 20, 20, 20, 20} << Locks{} << 4 << 100 << Weights{0, 0, 0, 0, 100};
    QTest::newRow("5: two locked") << Weights{10, 20, 30, 20, 20} << Locks{false, true, false, true, false} << 0 << 50
                                  << Weights{50, 20, 10, 20, 0};
    QTest::newRow("5: two locked, to 0") << Weights{10, 20, 30, 20, 20} << Locks{false, true, false, true, false} << 4
                                        << 0 << Weights{10, 20, 50, 20, 0};
    QTest::newRow("5: locks cap") << Weights{10, 20, 30, 20, 20} << Locks{false, true, false, true, false} << 2 << 99
                                 << Weights{0, 20, 60, 20, 0};
    QTest::newRow("5: one unlocked pinned") << Weights{10, 20, 30, 20, 20} << Locks{true, true, false, true, true} << 2
                                           << 0 << Weights{10, 20, 30, 20, 20};

    // Weights that did not sum to 100 (read from a cluster) do after a move.
    QTest::newRow("broken sum low") << Weights{10, 10, 10} << Locks{} << 0 << 20 << Weights{20, 10, 70};
    QTest::newRow("broken sum high") << Weights{90, 90} << Locks{} << 0 << 70 << Weights{70, 30};
    QTest::newRow("out of range index") << Weights{50, 50} << Locks{} << 2 << 70 << Weights{50, 50};
    QTest::newRow("single destination") << Weights{100} << Locks{} << 0 << 30 << Weights{100};
}

void TestWeightShift::move()
{
    QFETCH(Weights, weights);
    QFETCH(Locks, locked);
    QFETCH(int, index);
    QFETCH(int, value);
    QFETCH(Weights, expected);
    QCOMPARE(WeightShift::move(weights, locked, index, value), expected);
}

// Exhaustive: every start, every destination, every value 0..100 (and beyond), with and
// without a lock: integers in [0, 100], the sum 100, locks untouched.
void TestWeightShift::everyMoveSumsTo100_data()
{
    QTest::addColumn<Weights>("weights");
    QTest::addColumn<Locks>("locked");
    QTest::newRow("2") << Weights{50, 50} << Locks{};
    QTest::newRow("2 ends") << Weights{0, 100} << Locks{};
    QTest::newRow("3") << Weights{34, 33, 33} << Locks{};
    QTest::newRow("3 locked") << Weights{10, 60, 30} << Locks{false, true, false};
    QTest::newRow("5") << Weights{20, 20, 20, 20, 20} << Locks{};
    QTest::newRow("5 ends") << Weights{100, 0, 0, 0, 0} << Locks{};
    QTest::newRow("5 locked") << Weights{5, 25, 30, 15, 25} << Locks{true, false, false, true, false};
}

void TestWeightShift::everyMoveSumsTo100()
{
    QFETCH(Weights, weights);
    QFETCH(Locks, locked);
    for (qsizetype index = 0; index < weights.size(); ++index) {
        for (int value = -10; value <= 110; ++value) {
            const Weights out = WeightShift::move(weights, locked, index, value);
            QVERIFY2(WeightShift::isValid(out), qPrintable(u"index %1 value %2"_qs.arg(index).arg(value)));
            QCOMPARE(std::accumulate(out.cbegin(), out.cend(), 0), 100);
            for (qsizetype i = 0; i < weights.size(); ++i) {
                if (locked.value(i))
                    QCOMPARE(out.at(i), weights.at(i));
            }
            qsizetype unlockedOthers = 0;
            for (qsizetype i = 0; i < weights.size(); ++i)
                unlockedOthers += i != index && !locked.value(i) ? 1 : 0;
            if (!locked.value(index) && unlockedOthers > 0)
                QCOMPARE(out.at(index), std::clamp(value, 0, WeightShift::maximum(weights, locked, index)));
            // Moving again from the result is stable.
            QCOMPARE(WeightShift::move(out, locked, index, out.at(index)), out);
        }
    }
}

void TestWeightShift::maximum_data()
{
    QTest::addColumn<Weights>("weights");
    QTest::addColumn<Locks>("locked");
    QTest::addColumn<int>("index");
    QTest::addColumn<int>("expected");
    QTest::newRow("no locks") << Weights{50, 50} << Locks{} << 0 << 100;
    QTest::newRow("one locked") << Weights{40, 30, 30} << Locks{true, false, false} << 1 << 60;
    QTest::newRow("own lock ignored") << Weights{40, 30, 30} << Locks{true, false, false} << 0 << 100;
    QTest::newRow("two locked") << Weights{40, 30, 30} << Locks{true, true, false} << 2 << 30;
    QTest::newRow("broken locks") << Weights{80, 80, 0} << Locks{true, true, false} << 2 << 0;
}

void TestWeightShift::maximum()
{
    QFETCH(Weights, weights);
    QFETCH(Locks, locked);
    QFETCH(int, index);
    QFETCH(int, expected);
    QCOMPARE(WeightShift::maximum(weights, locked, index), expected);
}

void TestWeightShift::evenly_data()
{
    QTest::addColumn<int>("n");
    QTest::addColumn<Weights>("expected");
    QTest::newRow("0") << 0 << Weights{};
    QTest::newRow("1") << 1 << Weights{100};
    QTest::newRow("2") << 2 << Weights{50, 50};
    QTest::newRow("3") << 3 << Weights{33, 33, 34};
    QTest::newRow("5") << 5 << Weights{20, 20, 20, 20, 20};
    QTest::newRow("6") << 6 << Weights{16, 16, 16, 16, 16, 20};
}

void TestWeightShift::evenly()
{
    QFETCH(int, n);
    QFETCH(Weights, expected);
    QCOMPARE(WeightShift::evenly(n), expected);
}

void TestWeightShift::normalized_data()
{
    QTest::addColumn<Weights>("weights");
    QTest::addColumn<Weights>("expected");
    QTest::newRow("valid") << Weights{80, 20} << Weights{80, 20};
    QTest::newRow("single") << Weights{0} << Weights{100};
    QTest::newRow("all zero") << Weights{0, 0, 0} << Weights{33, 33, 34};
    QTest::newRow("scaled") << Weights{1, 1} << Weights{50, 50};
    QTest::newRow("scaled with remainder") << Weights{1, 2} << Weights{33, 67};
    QTest::newRow("above 100") << Weights{150, 50} << Weights{75, 25};
    QTest::newRow("negative dropped") << Weights{-10, 50} << Weights{0, 100};
    QTest::newRow("empty") << Weights{} << Weights{};
}

void TestWeightShift::normalized()
{
    QFETCH(Weights, weights);
    QFETCH(Weights, expected);
    QCOMPARE(WeightShift::normalized(weights), expected);
}

QTEST_APPLESS_MAIN(TestWeightShift)
#include "tst_weightshift.moc"
