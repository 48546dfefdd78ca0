// SPDX-License-Identifier: Apache-2.0
#include "ratelimiter.h"

#include <algorithm>
#include <cmath>

RateLimiter::RateLimiter(double qps, int burst)
    : m_qps(qps)
    , m_burst(std::max(burst, 1))
    , m_tokens(m_burst)
{
}

std::chrono::milliseconds RateLimiter::reserve(Clock::time_point now)
{
    if (m_qps <= 0)
        return std::chrono::milliseconds(0);
    if (!m_started) {
        m_started = true;
        m_last = now;
    }
    if (now > m_last) {
        const double elapsed = std::chrono::duration<double>(now - m_last).count();
        m_tokens = std::min(double(m_burst), m_tokens + elapsed * m_qps);
        m_last = now;
    }
    m_tokens -= 1.0;
    if (m_tokens >= 0)
        return std::chrono::milliseconds(0);
    // The deficit is paid back at qps tokens per second.
    return std::chrono::milliseconds(std::llround(std::ceil(-m_tokens / m_qps * 1000.0)));
}
