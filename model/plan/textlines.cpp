// SPDX-License-Identifier: Apache-2.0
#include "textlines.h"

#include <algorithm>

TextLines::TextLines(const QByteArray& text)
    : m_text(text)
{
    m_starts.reserve(text.size() / 24 + 2);
    m_starts.append(0);
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == '\n')
            m_starts.append(i + 1);
    }
    if (m_starts.last() != text.size())
        m_starts.append(text.size());
}

qsizetype TextLines::begin(int line) const
{
    return line >= count() ? m_text.size() : m_starts.at(line);
}

qsizetype TextLines::end(int line) const
{
    qsizetype e = m_starts.at(line + 1);
    if (e > m_starts.at(line) && m_text.at(e - 1) == '\n')
        --e;
    if (e > m_starts.at(line) && m_text.at(e - 1) == '\r')
        --e;
    return e;
}

int TextLines::lineOf(qsizetype offset) const
{
    const auto it = std::upper_bound(m_starts.cbegin(), m_starts.cend(), offset);
    return int(it - m_starts.cbegin()) - 1;
}

int TextLines::indent(int line) const
{
    int n = 0;
    for (qsizetype i = begin(line); i < end(line) && m_text.at(i) == ' '; ++i)
        ++n;
    return n;
}

char TextLines::first(int line) const
{
    for (qsizetype i = begin(line); i < end(line); ++i) {
        const char c = m_text.at(i);
        if (c != ' ' && c != '\t')
            return c;
    }
    return 0;
}

bool TextLines::startsLine(int line, int column) const
{
    for (qsizetype i = begin(line); i < offset(line, column); ++i) {
        if (m_text.at(i) != ' ')
            return false;
    }
    return true;
}
