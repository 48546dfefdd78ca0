// SPDX-License-Identifier: Apache-2.0
#include "planmerge.h"

#include "planloader.h"
#include "plantext.h"
#include "planwriter.h"
#include "textlines.h"

#include <QHash>
#include <QList>
#include <QSet>

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <vector>

// How the merge works. It is a three-way merge of YAML trees, applied to the original's text:
// - base:    writePlan() of the plan the original reads as (the original in canonical form),
// - updated: what the file must say now (also writePlan()'s form, usually),
// - ours:    the original text, parsed by yaml-cpp for the node positions (line, column).
// Where base and updated agree, the original's text stays whatever its spelling (explicit
// defaults, `1h`, flow style). Where they differ, the original is changed by text edits: a
// scalar token replaced, an entry's lines removed, another entry's lines (sliced out of the
// updated text and re-indented) inserted, or one entry re-written. The edits are collected,
// then applied in one pass; the result is read back and compared with the updated plan, so a
// case the edits get wrong is an error, never a wrong file.
//
// The spans come from yaml-cpp's marks (where a key, an item or a scalar starts) plus the block
// structure of the lines: an entry runs from its key (or dash) line to the last line before its
// next sibling that is neither blank nor a comment; comment lines right above it at its column
// or less are its own, and so are comment lines after it indented deeper than its key.

namespace {

constexpr qsizetype maxTextSize = 16 * 1024 * 1024; // as loadPlanFile

/*! A map entry or a list item of a block collection, with the lines it owns. */
struct Entry
{
    YAML::Node key;     // undefined for a list item
    YAML::Node value;
    int line = 0;       // of the key, or of the item's dash
    int column = 0;
    int leadStart = 0;  // first of the comment lines above that are its own
    int contentEnd = 0; // last line that is neither blank nor a comment
    int ownedEnd = 0;   // last line it owns: content, then comments indented deeper
};

struct Edit
{
    qsizetype from = 0;
    qsizetype to = 0;
    QByteArray text;
};

QByteArray keyOf(const YAML::Node& key)
{
    return key.IsScalar() ? QByteArray::fromStdString(key.Scalar()) : QByteArray();
}

bool quoted(const YAML::Node& n)
{
    return n.Tag() == "!";
}

bool same(const YAML::Node& a, const YAML::Node& b)
{
    if (!a.IsDefined() || !b.IsDefined())
        return !a.IsDefined() && !b.IsDefined();
    if (a.Type() != b.Type())
        return false;
    switch (a.Type()) {
    case YAML::NodeType::Scalar:
        return a.Scalar() == b.Scalar() && quoted(a) == quoted(b);
    case YAML::NodeType::Sequence: {
        if (a.size() != b.size())
            return false;
        auto ib = b.begin();
        for (auto ia = a.begin(); ia != a.end(); ++ia, ++ib) {
            if (!same(*ia, *ib))
                return false;
        }
        return true;
    }
    case YAML::NodeType::Map: {
        if (a.size() != b.size())
            return false;
        QHash<QByteArray, YAML::Node> other;
        for (auto it = b.begin(); it != b.end(); ++it)
            other.insert(keyOf(it->first), it->second);
        for (auto it = a.begin(); it != a.end(); ++it) {
            const auto found = other.constFind(keyOf(it->first));
            if (found == other.cend() || !same(it->second, *found))
                return false;
        }
        return true;
    }
    default:
        return true;
    }
}

/*! text[from, to) with the edits (all inside it) applied, appended to out; false if they overlap. */
bool applyEdits(const QByteArray& text, qsizetype from, qsizetype to, QList<Edit> edits, QByteArray& out)
{
    std::stable_sort(edits.begin(), edits.end(),
                     [](const Edit& a, const Edit& b) { return a.from != b.from ? a.from < b.from : a.to < b.to; });
    qsizetype at = from;
    for (const Edit& e : edits) {
        if (e.from < at || e.to < e.from || e.to > to)
            return false;
        out.append(text.constData() + at, e.from - at);
        out += e.text;
        at = e.to;
    }
    out.append(text.constData() + at, to - at);
    return true;
}

class Merger
{
public:
    Merger(const TextLines& ours, const TextLines& theirs, QByteArray eol)
        : m_ours(ours)
        , m_theirs(theirs)
        , m_eol(std::move(eol))
    {
    }

    /*! The block map's entries, or false when it is not one the line model can follow. */
    static bool mapEntries(const TextLines& t, const YAML::Node& map, int parentLine, int regionEnd, std::vector<Entry>& out)
    {
        if (map.Style() != YAML::EmitterStyle::Block)
            return false;
        out.reserve(map.size());
        for (auto it = map.begin(); it != map.end(); ++it) {
            Entry e;
            e.key = it->first;
            e.value = it->second;
            const YAML::Mark m = e.key.Mark();
            if (!e.key.IsScalar() || m.line < 0)
                return false;
            e.line = m.line;
            e.column = m.column;
            out.push_back(e);
        }
        return finish(t, out, parentLine, regionEnd);
    }

    static bool seqEntries(const TextLines& t, const YAML::Node& seq, int parentLine, int regionEnd, std::vector<Entry>& out)
    {
        if (seq.Style() != YAML::EmitterStyle::Block)
            return false;
        out.reserve(seq.size());
        for (auto it = seq.begin(); it != seq.end(); ++it) {
            Entry e;
            e.value = static_cast<const YAML::Node&>(*it);
            const YAML::Mark m = e.value.Mark();
            if (e.value.IsNull() || m.line < 0 || m.line >= t.count())
                return false; // an empty item's mark is not where it is written
            // The dash: the first thing before the item's content.
            qsizetype p = t.offset(m.line, m.column) - 1;
            while (p >= 0 && (t.text().at(p) == ' ' || t.text().at(p) == '\t' || t.text().at(p) == '\n' || t.text().at(p) == '\r'))
                --p;
            if (p < 0 || t.text().at(p) != '-')
                return false;
            e.line = t.lineOf(p);
            e.column = int(p - t.begin(e.line));
            out.push_back(e);
        }
        return finish(t, out, parentLine, regionEnd);
    }

    bool mergeMap(const std::vector<Entry>& ours, const YAML::Node* base, const std::vector<Entry>& theirs)
    {
        QHash<QByteArray, int> ourIndex;
        QHash<QByteArray, int> theirIndex;
        QHash<QByteArray, YAML::Node> baseValues;
        for (int i = 0; i < int(ours.size()); ++i)
            ourIndex.insert(keyOf(ours[i].key), i);
        for (int i = 0; i < int(theirs.size()); ++i)
            theirIndex.insert(keyOf(theirs[i].key), i);
        if (base && base->IsMap()) {
            for (auto it = base->begin(); it != base->end(); ++it)
                baseValues.insert(keyOf(it->first), it->second);
        }
        for (const Entry& o : ours) {
            const QByteArray key = keyOf(o.key);
            const int t = theirIndex.value(key, -1);
            const auto b = baseValues.constFind(key);
            const YAML::Node* inBase = b == baseValues.cend() ? nullptr : &*b;
            if (t >= 0)
                mergeEntry(o, inBase, theirs[t]);
            else if (inBase && !remove(o))
                return false;
            // neither in base nor in updated: written out at its default; stays as written
        }
        int after = -1;
        for (const Entry& t : theirs) {
            const int o = ourIndex.value(keyOf(t.key), -1);
            if (o >= 0)
                after = o;
            else if (!insert(ours, after, t))
                return false;
        }
        return true;
    }

    bool mergeSeq(const std::vector<Entry>& ours, const YAML::Node* base, const std::vector<Entry>& theirs)
    {
        if (!base || !base->IsSequence() || base->size() != ours.size())
            return false;
        std::vector<YAML::Node> baseItems;
        baseItems.reserve(base->size());
        for (auto it = base->begin(); it != base->end(); ++it)
            baseItems.push_back(*it);
        // Match updated items to base items (and so to ours, which base follows item for item).
        std::vector<int> match(theirs.size(), -1);
        QHash<QByteArray, int> byName;
        bool named = true;
        for (int i = 0; named && i < int(baseItems.size()); ++i) {
            const QByteArray name = nameOf(baseItems[i]);
            named = !name.isNull() && !byName.contains(name);
            byName.insert(name, i);
        }
        QSet<QByteArray> theirNames;
        for (int j = 0; named && j < int(theirs.size()); ++j) {
            const QByteArray name = nameOf(theirs[j].value);
            named = !name.isNull() && !theirNames.contains(name);
            theirNames.insert(name);
        }
        for (int j = 0; j < int(theirs.size()); ++j) {
            if (named)
                match[j] = byName.value(nameOf(theirs[j].value), -1);
            else
                match[j] = j < int(baseItems.size()) ? j : -1;
        }
        std::vector<bool> kept(baseItems.size(), false);
        int previous = -1;
        bool reordered = false;
        for (int m : match) {
            if (m < 0)
                continue;
            reordered = reordered || m <= previous;
            previous = m;
            kept[m] = true;
        }
        if (reordered)
            return reorder(ours, baseItems, match, theirs);
        if (named)
            pairRenamed(match, kept);
        for (int i = 0; i < int(ours.size()); ++i) {
            if (!kept[i] && !remove(ours[i]))
                return false;
        }
        int after = -1;
        for (int j = 0; j < int(theirs.size()); ++j) {
            if (match[j] >= 0) {
                mergeEntry(ours[match[j]], &baseItems[match[j]], theirs[j]);
                after = match[j];
            } else if (!insert(ours, after, theirs[j])) {
                return false;
            }
        }
        return true;
    }

    QList<Edit>& edits() { return m_edits; }

    /*!
     * A list in a new order: each kept item's own text (its comments, merged), moved to where
     * it goes now; new items written in; the list's lines replaced by them in one edit.
     */
    bool reorder(const std::vector<Entry>& ours, const std::vector<YAML::Node>& baseItems, const std::vector<int>& match,
                 const std::vector<Entry>& theirs)
    {
        bool separated = false;
        for (size_t i = 1; i < ours.size() && !separated; ++i)
            separated = m_ours.blank(ours[i].leadStart - 1);
        QByteArray text;
        for (int j = 0; j < int(theirs.size()); ++j) {
            if (j > 0 && separated)
                text += m_eol;
            const int i = match[j];
            if (i < 0) {
                text += QByteArray(ours.front().column, ' ') + slice(theirs[j], ours.front().column) + m_eol;
                continue;
            }
            const qsizetype before = m_edits.size();
            mergeEntry(ours[i], &baseItems[i], theirs[j]);
            const QList<Edit> inside = m_edits.mid(before);
            m_edits.resize(before);
            if (!applyEdits(m_ours.text(), m_ours.begin(ours[i].leadStart), m_ours.begin(ours[i].ownedEnd + 1), inside, text))
                return false;
            if (!text.endsWith('\n'))
                text += m_eol;
        }
        m_edits.append(Edit{m_ours.begin(ours.front().leadStart), m_ours.begin(ours.back().ownedEnd + 1), text});
        return true;
    }

    /*!
     * A new item where exactly one old item went, between the same neighbours, is that item
     * renamed: merged into it, so its comments stay (a rename in the wizard is not a removal).
     */
    static void pairRenamed(std::vector<int>& match, std::vector<bool>& kept)
    {
        const int count = int(match.size());
        int previous = -1; // the base index of the last matched item
        for (int j = 0; j < count; ++j) {
            if (match[j] >= 0) {
                previous = match[j];
                continue;
            }
            int next = int(kept.size()); // the base index of the next matched item
            int newGap = 1;
            for (int k = j + 1; k < count; ++k) {
                if (match[k] >= 0) {
                    next = match[k];
                    break;
                }
                ++newGap;
            }
            if (newGap == 1 && next - previous == 2 && !kept[previous + 1]) {
                match[j] = previous + 1;
                kept[previous + 1] = true;
                previous = match[j];
            }
        }
    }

private:
    static bool finish(const TextLines& t, std::vector<Entry>& entries, int parentLine, int regionEnd)
    {
        for (int i = 0; i < int(entries.size()); ++i) {
            Entry& e = entries[i];
            const int lower = i == 0 ? parentLine : entries[i - 1].ownedEnd;
            if (e.line < parentLine || (i > 0 && e.line <= entries[i - 1].line) || e.line > regionEnd)
                return false; // aliases and one-line forms do not have block positions
            const int end = i + 1 < int(entries.size()) ? entries[i + 1].line - 1 : regionEnd;
            const bool literal = blockScalar(t, e);
            e.contentEnd = e.line;
            for (int l = e.line + 1; l <= end; ++l) {
                if (literal ? (!t.blank(l) && t.indent(l) > e.column) : (!t.blank(l) && !t.comment(l)))
                    e.contentEnd = l;
            }
            e.ownedEnd = e.contentEnd;
            for (int l = e.contentEnd + 1; l <= end; ++l) {
                if (t.comment(l) && t.indent(l) > e.column)
                    e.ownedEnd = l;
                else if (!t.blank(l))
                    break;
            }
            e.leadStart = e.line;
            while (e.leadStart - 1 > lower && t.comment(e.leadStart - 1) && t.indent(e.leadStart - 1) <= e.column)
                --e.leadStart;
        }
        return true;
    }

    static bool blockScalar(const TextLines& t, const Entry& e)
    {
        if (!e.value.IsScalar())
            return false;
        const YAML::Mark m = e.value.Mark();
        if (m.line < e.line || m.line >= t.count())
            return false;
        const char c = t.text().at(t.offset(m.line, m.column));
        return c == '|' || c == '>' || c == '&' || c == '!';
    }

    static QByteArray nameOf(const YAML::Node& item)
    {
        if (!item.IsMap())
            return {};
        const YAML::Node name = item["name"];
        return name.IsDefined() && name.IsScalar() ? QByteArray::fromStdString(name.Scalar()) : QByteArray();
    }

    /*! The value written after the key or dash, or an alias, anchor or tag: not edited inside. */
    bool plainValue(const TextLines& t, const Entry& e) const
    {
        const YAML::Mark m = e.value.Mark();
        if (m.line < 0 || m.line < e.line || (m.line == e.line && m.column <= e.column) || m.line >= t.count())
            return false; // an alias: the mark is the anchored node's
        const char c = t.text().at(t.offset(m.line, m.column));
        return c != '&' && c != '*' && c != '!';
    }

    /*! base: the entry's value in the canonical original, null when it has none. */
    void mergeEntry(const Entry& o, const YAML::Node* base, const Entry& t)
    {
        if (base && same(*base, t.value))
            return;
        const qsizetype before = m_edits.size();
        if (mergeInside(o, base, t))
            return;
        m_edits.resize(before);
        rewrite(o, t);
    }

    bool mergeInside(const Entry& o, const YAML::Node* base, const Entry& t)
    {
        if (!plainValue(m_ours, o) || !plainValue(m_theirs, t))
            return false;
        if (o.value.IsMap() && t.value.IsMap()) {
            std::vector<Entry> ours;
            std::vector<Entry> theirs;
            return mapEntries(m_ours, o.value, o.line, o.ownedEnd, ours)
                && mapEntries(m_theirs, t.value, t.line, t.ownedEnd, theirs) && mergeMap(ours, base, theirs);
        }
        if (o.value.IsSequence() && t.value.IsSequence()) {
            std::vector<Entry> ours;
            std::vector<Entry> theirs;
            return seqEntries(m_ours, o.value, o.line, o.ownedEnd, ours)
                && seqEntries(m_theirs, t.value, t.line, t.ownedEnd, theirs) && mergeSeq(ours, base, theirs);
        }
        if (o.value.IsScalar() && t.value.IsScalar())
            return replaceScalar(o, t);
        return false;
    }

    /*! A one-line scalar's bytes: [from, to). */
    static bool scalarSpan(const TextLines& t, const YAML::Node& n, qsizetype& from, qsizetype& to)
    {
        const YAML::Mark m = n.Mark();
        const QByteArray& s = t.text();
        from = t.offset(m.line, m.column);
        const qsizetype lineEnd = t.end(m.line);
        if (from >= lineEnd)
            return false;
        const char c = s.at(from);
        if (c == '"' || c == '\'') {
            qsizetype p = from + 1;
            for (; p < lineEnd; ++p) {
                if (c == '"' && s.at(p) == '\\') {
                    ++p;
                } else if (s.at(p) == c) {
                    if (c == '\'' && p + 1 < lineEnd && s.at(p + 1) == '\'')
                        ++p;
                    else
                        break;
                }
            }
            if (p >= lineEnd)
                return false; // continues on the next line
            to = p + 1;
        } else {
            to = lineEnd;
            for (qsizetype p = from + 1; p < lineEnd; ++p) {
                if (s.at(p) == '#' && (s.at(p - 1) == ' ' || s.at(p - 1) == '\t')) {
                    to = p;
                    break;
                }
            }
            while (to > from && (s.at(to - 1) == ' ' || s.at(to - 1) == '\t'))
                --to;
            if (s.mid(from, to - from) != QByteArray::fromStdString(n.Scalar()))
                return false; // folded over several lines, or an escape we do not model
        }
        // Only a comment may follow on the line.
        for (qsizetype p = to; p < lineEnd; ++p) {
            if (s.at(p) == '#')
                break;
            if (s.at(p) != ' ' && s.at(p) != '\t')
                return false;
        }
        return true;
    }

    bool replaceScalar(const Entry& o, const Entry& t)
    {
        qsizetype ourFrom = 0, ourTo = 0, theirFrom = 0, theirTo = 0;
        if (!scalarSpan(m_ours, o.value, ourFrom, ourTo) || !scalarSpan(m_theirs, t.value, theirFrom, theirTo))
            return false;
        const QByteArray token = m_theirs.text().mid(theirFrom, theirTo - theirFrom);
        // Keep a trailing comment in its column while the new value leaves room for it.
        const QByteArray& s = m_ours.text();
        qsizetype gap = ourTo;
        while (gap < s.size() && (s.at(gap) == ' ' || s.at(gap) == '\t'))
            ++gap;
        if (gap < s.size() && s.at(gap) == '#' && s.mid(ourTo, gap - ourTo).count('\t') == 0) {
            const qsizetype spaces = std::max<qsizetype>(1, (gap - ourTo) - (token.size() - (ourTo - ourFrom)));
            m_edits.append(Edit{ourFrom, gap, token + QByteArray(spaces, ' ')});
        } else {
            m_edits.append(Edit{ourFrom, ourTo, token});
        }
        return true;
    }

    /*! The updated entry's lines, from its key or dash on, moved to column. */
    QByteArray slice(const Entry& t, int column) const
    {
        const int delta = column - t.column;
        QByteArray out = m_theirs.text().mid(m_theirs.offset(t.line, t.column), m_theirs.end(t.line) - m_theirs.offset(t.line, t.column));
        for (int l = t.line + 1; l <= t.contentEnd; ++l) {
            out += m_eol;
            QByteArray line = m_theirs.text().mid(m_theirs.begin(l), m_theirs.end(l) - m_theirs.begin(l));
            if (m_theirs.blank(l))
                continue;
            if (delta >= 0) {
                out += QByteArray(delta, ' ') + line;
            } else {
                const int cut = std::min(-delta, m_theirs.indent(l));
                out += line.mid(cut);
            }
        }
        return out;
    }

    /*! Where the comment of line starts, outside quotes (with the spaces before it), or -1. */
    qsizetype commentSuffix(int line, int column) const
    {
        const QByteArray& s = m_ours.text();
        char quote = 0;
        const qsizetype start = m_ours.offset(line, column);
        for (qsizetype p = start; p < m_ours.end(line); ++p) {
            const char c = s.at(p);
            const char prev = p > start ? s.at(p - 1) : ' ';
            if (quote == '"') {
                if (c == '\\')
                    ++p;
                else if (c == '"')
                    quote = 0;
            } else if (quote == '\'') {
                if (c == '\'')
                    quote = 0;
            } else if ((c == '"' || c == '\'') && (prev == ' ' || prev == '\t' || prev == '[' || prev == '{' || prev == ',')) {
                quote = c;
            } else if (c == '#' && (prev == ' ' || prev == '\t')) {
                qsizetype q = p;
                while (q > start && (s.at(q - 1) == ' ' || s.at(q - 1) == '\t'))
                    --q;
                return q;
            }
        }
        return -1;
    }

    /*! The whole entry written again from the updated text; the comment on its first line kept. */
    void rewrite(const Entry& o, const Entry& t)
    {
        QByteArray text = slice(t, o.column);
        const qsizetype suffix = commentSuffix(o.line, o.column);
        if (suffix >= 0) {
            const qsizetype firstEnd = text.indexOf(m_eol);
            const QByteArray first = firstEnd < 0 ? text : text.left(firstEnd);
            if (!first.contains(" #")) {
                // The comment back in its column when the new first line leaves room for it.
                const QByteArray& s = m_ours.text();
                qsizetype hash = suffix;
                while (s.at(hash) != '#')
                    ++hash;
                const qsizetype column = hash - m_ours.begin(o.line);
                const qsizetype spaces = std::max<qsizetype>(1, column - o.column - first.size());
                text.insert(first.size(), QByteArray(spaces, ' ') + s.mid(hash, m_ours.end(o.line) - hash));
            }
        }
        m_edits.append(Edit{m_ours.offset(o.line, o.column), m_ours.end(o.contentEnd), text});
    }

    bool remove(const Entry& o)
    {
        if (!m_ours.startsLine(o.line, o.column))
            return false; // the first key of a list item shares the dash's line
        qsizetype from = m_ours.begin(o.leadStart);
        // Surrounded by blank lines: take one of them along, so no double gap is left.
        if (o.leadStart > 0 && m_ours.blank(o.leadStart - 1) && (o.ownedEnd + 1 >= m_ours.count() || m_ours.blank(o.ownedEnd + 1)))
            from = m_ours.begin(o.leadStart - 1);
        m_edits.append(Edit{from, m_ours.begin(o.ownedEnd + 1), {}});
        return true;
    }

    /*! t inserted after ours[after] (before the first entry when after is -1). */
    bool insert(const std::vector<Entry>& ours, int after, const Entry& t)
    {
        if (ours.empty())
            return false;
        const int column = ours.front().column;
        const bool dash = !m_theirs.startsLine(t.line, t.column);
        if (after < 0 && !dash && !m_ours.startsLine(ours.front().line, column))
            return false; // the first key shares the dash's line: nothing can go before it
        // Entries separated by blank lines (the top-level sections) get one too.
        bool separated = false;
        for (size_t i = 1; i < ours.size() && !separated; ++i)
            separated = m_ours.blank(ours[i].leadStart - 1);
        const QByteArray entry = QByteArray(column, ' ') + slice(t, column) + m_eol;
        if (after < 0) {
            m_edits.append(Edit{m_ours.begin(ours.front().leadStart), m_ours.begin(ours.front().leadStart),
                                separated ? entry + m_eol : entry});
            return true;
        }
        const qsizetype at = m_ours.begin(ours[after].ownedEnd + 1);
        QByteArray text = separated ? m_eol + entry : entry;
        if (at == m_ours.text().size() && !m_ours.text().isEmpty() && !m_ours.text().endsWith('\n'))
            text.prepend(m_eol);
        m_edits.append(Edit{at, at, text});
        return true;
    }

    const TextLines& m_ours;
    const TextLines& m_theirs;
    QByteArray m_eol;
    QList<Edit> m_edits;
};

/*! The line after the last the first document holds: a "..." line, or a "---" after content. */
int documentEnd(const TextLines& lines)
{
    bool content = false;
    for (int l = 0; l < lines.count(); ++l) {
        const QByteArray line = lines.text().mid(lines.begin(l), lines.end(l) - lines.begin(l));
        const auto marker = [&line](const char* m) {
            return line.startsWith(m) && (line.size() == 3 || line.at(3) == ' ' || line.at(3) == '\t');
        };
        if (marker("...") || (content && marker("---")))
            return l;
        content = content || (!lines.blank(l) && !lines.comment(l) && !marker("---") && !line.startsWith('%'));
    }
    return lines.count();
}

QString where(const QString& fileName)
{
    return fileName.isEmpty() ? PlanText::tr("the plan") : fileName;
}

PlanMergeResult failure(const QString& fileName, const QString& why)
{
    return PlanMergeResult{{}, PlanText::tr("%1: cannot keep the file's comments and layout: %2").arg(where(fileName), why)};
}

} // namespace

PlanMergeResult mergePlanText(const QByteArray& original, const QByteArray& updated, const QString& fileName)
{
    if (original.size() > maxTextSize || updated.size() > maxTextSize)
        return failure(fileName, PlanText::tr("the plan is larger than 16 MiB"));
    if (original == updated)
        return PlanMergeResult{original, {}};

    const PlanLoadResult wanted = loadPlanText(updated, fileName);
    if (!wanted.plan)
        return failure(fileName, PlanText::tr("the new plan cannot be read"));

    YAML::Node ours;
    YAML::Node theirs;
    try {
        ours = YAML::Load(original.toStdString());
    } catch (const YAML::Exception& e) {
        return failure(fileName, PlanText::tr("line %1: the file is not valid YAML (%2)")
                                     .arg(QString::number(e.mark.line + 1), QString::fromStdString(e.msg)));
    }
    try {
        theirs = YAML::Load(updated.toStdString());
    } catch (const YAML::Exception& e) {
        return failure(fileName, PlanText::tr("the new plan is not valid YAML (%1)").arg(QString::fromStdString(e.msg)));
    }

    const QByteArray eol = original.contains("\r\n") ? QByteArrayLiteral("\r\n") : QByteArrayLiteral("\n");
    const TextLines ourLines(original);
    QByteArray merged;
    if (ours.IsNull()) {
        // Comments only (or nothing): they stay on top of the new plan.
        merged = original;
        if (!merged.isEmpty() && !merged.endsWith('\n'))
            merged += eol;
        merged += eol == "\n" ? updated : QByteArray(updated).replace("\n", eol);
    } else {
        const PlanLoadResult was = loadPlanText(original, fileName);
        if (!was.plan)
            return failure(fileName, PlanText::tr("the file is not a plan"));
        if (*was.plan == *wanted.plan)
            return PlanMergeResult{original, {}}; // nothing changed: not a byte either
        if (!ours.IsMap() || ours.Style() != YAML::EmitterStyle::Block || !theirs.IsMap())
            return failure(fileName, PlanText::tr("the plan is not written as a block mapping"));
        YAML::Node base;
        try {
            base = YAML::Load(writePlan(*was.plan).toStdString());
        } catch (const YAML::Exception&) {
            return failure(fileName, PlanText::tr("the plan as read cannot be written again"));
        }
        const TextLines theirLines(updated);
        std::vector<Entry> ourEntries;
        std::vector<Entry> theirEntries;
        Merger merger(ourLines, theirLines, eol);
        bool followed = false;
        try {
            followed = Merger::mapEntries(ourLines, ours, -1, documentEnd(ourLines) - 1, ourEntries)
                && Merger::mapEntries(theirLines, theirs, -1, documentEnd(theirLines) - 1, theirEntries)
                && merger.mergeMap(ourEntries, &base, theirEntries)
                && applyEdits(original, 0, original.size(), merger.edits(), merged);
        } catch (const YAML::Exception&) {
            followed = false; // a node of a shape not foreseen: refused like any other
        }
        if (!followed)
            return failure(fileName, PlanText::tr("its structure is not one the merge can follow"));
    }

    // The proof: the merged text must read as the updated plan, field for field.
    const PlanLoadResult check = loadPlanText(merged, fileName);
    if (!check.plan || !(*check.plan == *wanted.plan))
        return failure(fileName, PlanText::tr("the merged text would not read as the new plan"));
    return PlanMergeResult{merged, {}};
}
