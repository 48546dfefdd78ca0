// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QDateTime>

#include <chrono>
#include <optional>

/*!
 * Exponential backoff for reconnects and retries: initial, doubled per attempt, capped;
 * reset() after a success so the next failure starts small again.
 */
class Backoff
{
public:
    explicit Backoff(std::chrono::milliseconds initial = std::chrono::milliseconds(500),
                     std::chrono::milliseconds cap = std::chrono::seconds(30));

    /*! The delay before the next attempt; each call doubles the following one up to the cap. */
    std::chrono::milliseconds next();
    void reset();
    int attempts() const { return m_attempts; }

    std::chrono::milliseconds initial() const { return m_initial; }
    std::chrono::milliseconds cap() const { return m_cap; }

private:
    std::chrono::milliseconds m_initial;
    std::chrono::milliseconds m_cap;
    std::chrono::milliseconds m_current;
    int m_attempts = 0;
};

/*!
 * The delay a Retry-After header asks for (RFC 9110 §10.2.3): delta-seconds ("120") or an
 * HTTP-date ("Wed, 21 Oct 2015 07:28:00 GMT", also the obsolete RFC 850 and asctime forms).
 * A date in the past means "now" (0). nullopt when absent or unreadable.
 */
std::optional<std::chrono::milliseconds> parseRetryAfter(const QByteArray& value, const QDateTime& now);
