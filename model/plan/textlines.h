// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QList>

/*!
 * A text cut into lines, as byte offsets into it (no copies): what mergePlanText edits by.
 * Lines end in "\n" or "\r\n"; the last one may have no end. The text must outlive this.
 */
class TextLines
{
public:
    explicit TextLines(const QByteArray& text);

    const QByteArray& text() const { return m_text; }
    int count() const { return int(m_starts.size()) - 1; }
    /*! Where line starts (0-based); the text's size past the last line. */
    qsizetype begin(int line) const;
    /*! Where line's content ends: before its "\n" or "\r\n". */
    qsizetype end(int line) const;
    qsizetype offset(int line, int column) const { return begin(line) + column; }
    /*! The line offset lies in. */
    int lineOf(qsizetype offset) const;
    /*! Leading spaces. */
    int indent(int line) const;
    /*! The first character that is not a space or tab, or 0 on a blank line. */
    char first(int line) const;
    bool blank(int line) const { return first(line) == 0; }
    bool comment(int line) const { return first(line) == '#'; }
    /*! Only spaces before column on this line (no dash of a list item). */
    bool startsLine(int line, int column) const;

private:
    const QByteArray& m_text;
    QList<qsizetype> m_starts; //!< where each line starts, then the text's size
};
