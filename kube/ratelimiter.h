// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <chrono>

/*!
 * Client-side rate limiting as a token bucket, like client-go's default (QPS 5, burst 10):
 * a burst of requests goes out at once, after that requests are spaced at 1/qps.
 * Reservations may run the bucket negative, so every caller gets a fixed slot and requests
 * keep their order without a queue.
 */
class RateLimiter
{
public:
    using Clock = std::chrono::steady_clock;

    /*! qps <= 0 disables limiting. */
    explicit RateLimiter(double qps = 5.0, int burst = 10);

    /*! Takes one token; returns how long the caller must wait before sending (0 = now). */
    std::chrono::milliseconds reserve(Clock::time_point now);
    std::chrono::milliseconds reserve() { return reserve(Clock::now()); }

    double qps() const { return m_qps; }
    int burst() const { return m_burst; }

private:
    double m_qps;
    int m_burst;
    double m_tokens;
    Clock::time_point m_last;
    bool m_started = false;
};
