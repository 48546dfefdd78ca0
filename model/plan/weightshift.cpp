// SPDX-License-Identifier: Apache-2.0
#include "weightshift.h"

#include <algorithm>
#include <numeric>

namespace {

bool isLocked(const QList<bool>& locked, qsizetype i)
{
    return i < locked.size() && locked.at(i);
}

} // namespace

namespace WeightShift {

int maximum(const QList<int>& weights, const QList<bool>& locked, qsizetype index)
{
    int budget = 100;
    for (qsizetype i = 0; i < weights.size(); ++i) {
        if (i != index && isLocked(locked, i))
            budget -= weights.at(i);
    }
    return std::max(budget, 0);
}

QList<int> move(const QList<int>& weights, const QList<bool>& locked, qsizetype index, int value)
{
    if (index < 0 || index >= weights.size() || isLocked(locked, index))
        return weights;
    QList<int> out = weights;
    const int budget = maximum(weights, locked, index);
    QList<qsizetype> others; // the unlocked destinations that absorb the change, in order
    for (qsizetype i = 0; i < weights.size(); ++i) {
        if (i != index && !isLocked(locked, i))
            others.append(i);
    }
    // Nobody to take the difference: the moved weight is whatever the locks leave.
    out[index] = others.isEmpty() ? budget : std::clamp(value, 0, budget);
    const int rest = budget - out.at(index);
    int sum = 0;
    for (const qsizetype i : std::as_const(others)) {
        out[i] = std::max(out.at(i), 0);
        if (sum + out.at(i) > rest)
            out[i] = rest - sum;
        sum += out.at(i);
    }
    if (!others.isEmpty() && sum < rest)
        out[others.constLast()] += rest - sum;
    return out;
}

QList<int> evenly(qsizetype n)
{
    if (n <= 0)
        return {};
    QList<int> out(n, int(100 / n));
    out.last() += int(100 % n);
    return out;
}

QList<int> normalized(const QList<int>& weights)
{
    if (weights.isEmpty() || isValid(weights))
        return weights;
    if (weights.size() == 1)
        return {100};
    QList<int> clamped;
    for (const int w : weights)
        clamped.append(std::max(w, 0));
    const int total = std::accumulate(clamped.cbegin(), clamped.cend(), 0);
    if (total == 0)
        return evenly(weights.size());
    QList<int> out;
    int sum = 0;
    for (const int w : std::as_const(clamped)) {
        out.append(int(qint64(w) * 100 / total));
        sum += out.constLast();
    }
    // The rounding remainder goes to the largest weight (the last of equals): it moves the
    // proportions least.
    qsizetype largest = 0;
    for (qsizetype i = 1; i < out.size(); ++i) {
        if (out.at(i) >= out.at(largest))
            largest = i;
    }
    out[largest] += 100 - sum;
    return out;
}

bool isValid(const QList<int>& weights)
{
    return !weights.isEmpty() && std::all_of(weights.cbegin(), weights.cend(), [](int w) { return w >= 0 && w <= 100; })
        && std::accumulate(weights.cbegin(), weights.cend(), 0) == 100;
}

} // namespace WeightShift
