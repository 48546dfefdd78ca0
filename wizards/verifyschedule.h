// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "onboardingservice.h"

/*!
 * The verify page's auto-refresh (plain, tested without widgets): after each verify, refresh
 * again unless every group has entries, every entry is Healthy and every Service has ready
 * endpoints, for at most maxRounds rounds (then the user refreshes by hand).
 */
class VerifySchedule
{
public:
    explicit VerifySchedule(int maxRounds = 24)
        : m_maxRounds(maxRounds)
    {
    }

    static bool allHealthy(const QList<EntryHealth>& entries, const QList<ServiceEndpointsInfo>& services,
                           const QStringList& groupsWithoutEntries);
    /*! A verify finished: whether to refresh again. Counts the round. */
    bool again(bool healthy)
    {
        ++m_rounds;
        return !healthy && m_rounds < m_maxRounds;
    }
    void reset() { m_rounds = 0; }
    int rounds() const { return m_rounds; }

private:
    int m_maxRounds;
    int m_rounds = 0;
};
