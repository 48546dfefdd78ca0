// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>

/*!
 * The rule that keeps a route's weights summing to 100 while the user moves one of them, as
 * Kiali's traffic-shifting wizard does it (frontend TrafficShifting.tsx, onWeight/onLock;
 * reimplemented here, not copied):
 *
 * - the budget of the unlocked destinations is 100 minus the locked weights; a moved weight is
 *   clamped to [0, budget] (Kiali's slider maximum, updated whenever a lock changes);
 * - the rest of the budget goes to the other unlocked destinations in their order: each keeps
 *   its weight while the running sum fits, the one that would overflow gets what is left, the
 *   ones after it 0; if the sum falls short, the last unlocked one takes the shortfall;
 * - locked weights never change.
 *
 * Where Kiali lets the sum leave 100 (the moved destination is the only unlocked one, so nobody
 * can take the difference; Kiali then shows "weights not valid"), meshdeck pins the moved weight
 * to the budget instead, so every result is integers summing to exactly 100. Weights that did
 * not sum to 100 before a move (read from a cluster) do afterwards.
 */
namespace WeightShift {

/*!
 * The weights after destination index was moved to value. locked has one flag per weight (a
 * shorter list counts as unlocked). A locked or out-of-range index returns weights unchanged.
 */
QList<int> move(const QList<int>& weights, const QList<bool>& locked, qsizetype index, int value);

/*! The most destination index may get: 100 minus the others' locked weights, at least 0. */
int maximum(const QList<int>& weights, const QList<bool>& locked, qsizetype index);

/*!
 * n equal integer weights summing to 100, the remainder on the last (Kiali's "Evenly
 * distribute traffic"): 3 → 33, 33, 34. Empty for n <= 0.
 */
QList<int> evenly(qsizetype n);

/*!
 * Weights as read from a route made to sum to 100 for editing: unchanged when they already do;
 * a single destination gets 100 (Istio: a lone destination takes all traffic); all zero or
 * otherwise broken sums are scaled proportionally (remainder to the largest, then the last),
 * or spread evenly when every weight is 0.
 */
QList<int> normalized(const QList<int>& weights);

/*! Whether weights are all in [0, 100] and sum to 100. */
bool isValid(const QList<int>& weights);

} // namespace WeightShift
