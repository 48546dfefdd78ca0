// SPDX-License-Identifier: Apache-2.0
#pragma once
// What the harnesses share: the input as Qt types. A harness that needs a parameter besides the
// text (an HTTP status, chunk sizes, a choice of apiVersion) takes it from the first byte(s), so
// a seed file is that byte followed by a realistic input.
#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

class FuzzInput
{
public:
    FuzzInput(const std::uint8_t* data, std::size_t size) : m_data(data), m_size(size) {}

    /*! The next byte (0 once the input is used up). */
    std::uint8_t takeByte()
    {
        if (m_size == 0)
            return 0;
        --m_size;
        return *m_data++;
    }
    /*! Up to n bytes, as a copy. */
    QByteArray take(std::size_t n)
    {
        n = n < m_size ? n : m_size;
        QByteArray out(reinterpret_cast<const char*>(m_data), static_cast<qsizetype>(n));
        m_data += n;
        m_size -= n;
        return out;
    }
    /*! The rest, as a copy (its own allocation, so AddressSanitizer sees an overread). */
    QByteArray rest() { return take(m_size); }
    std::size_t remaining() const { return m_size; }

private:
    const std::uint8_t* m_data;
    std::size_t m_size;
};

inline QByteArray fuzzBytes(const std::uint8_t* data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size));
}

/*! Aborts (a crash libFuzzer reports, with the input) when an invariant of a parser fails. */
#define FUZZ_ASSERT(condition)                                                                        \
    do {                                                                                              \
        if (!(condition)) {                                                                           \
            fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #condition);         \
            abort();                                                                                  \
        }                                                                                             \
    } while (false)
