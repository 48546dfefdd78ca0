// SPDX-License-Identifier: Apache-2.0
#include "yamlhighlighter.h"

#include "graphtheme.h"

#include <QGuiApplication>
#include <QPalette>
#include <QRegularExpression>

namespace {

constexpr QStringView flowIndicators = u",[]{}";

bool isSpaceAt(const QString& text, int i)
{
    return i >= text.size() || text.at(i).isSpace();
}

// ": " (or ":" at the end, or before a flow indicator inside [] / {}) ends a key.
bool isKeyColon(const QString& text, int i, int flowDepth)
{
    if (i >= text.size() || text.at(i) != u':')
        return false;
    return isSpaceAt(text, i + 1) || (flowDepth > 0 && flowIndicators.contains(text.at(i + 1)));
}

int skipSpaces(const QString& text, int i)
{
    while (i < text.size() && text.at(i).isSpace())
        ++i;
    return i;
}

int indentation(const QString& text)
{
    int i = 0;
    while (i < text.size() && text.at(i) == u' ')
        ++i;
    return i;
}

// YAML 1.1 and 1.2 scalars that do not read back as strings (what YamlWriter quotes).
bool isNonStringScalar(QStringView token)
{
    static const QRegularExpression pattern(
        u"^(?:true|True|TRUE|false|False|FALSE|yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF|null|Null|NULL|~"
        u"|[-+]?(?:[0-9][0-9_]*(?:\\.[0-9_]*)?|\\.[0-9]+)(?:[eE][-+]?[0-9]+)?"
        u"|0x[0-9a-fA-F]+|0o[0-7]+|[-+]?\\.(?:inf|Inf|INF)|\\.(?:nan|NaN|NAN))$"_qs);
    return pattern.match(token).hasMatch();
}

} // namespace

YamlHighlighter::YamlHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
{
    setPalette(QGuiApplication::palette());
}

void YamlHighlighter::setPalette(const QPalette& palette)
{
    // Two palettes of colours, picked by the background, so a dark theme stays readable.
    const bool dark = GraphTheme::isDark(palette);
    auto format = [](const QColor& color, bool bold = false, bool italic = false) {
        QTextCharFormat f;
        f.setForeground(color);
        if (bold)
            f.setFontWeight(QFont::Bold);
        f.setFontItalic(italic);
        return f;
    };
    m_formats[std::size_t(Token::Key)] = format(dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1f, 0x4e, 0x9a));
    m_formats[std::size_t(Token::String)] = format(dark ? QColor(0x9c, 0xd6, 0x8b) : QColor(0x2e, 0x7d, 0x32));
    m_formats[std::size_t(Token::Number)] = format(dark ? QColor(0xf2, 0xa6, 0x5a) : QColor(0xb3, 0x50, 0x00));
    m_formats[std::size_t(Token::Comment)] = format(dark ? QColor(0x9e, 0x9e, 0x9e) : QColor(0x75, 0x75, 0x75), false, true);
    m_formats[std::size_t(Token::Separator)] = format(dark ? QColor(0xce, 0x93, 0xd8) : QColor(0x8e, 0x24, 0xaa), true);
    m_formats[std::size_t(Token::Anchor)] = format(dark ? QColor(0x80, 0xcb, 0xc4) : QColor(0x00, 0x69, 0x6b));
    if (document())
        rehighlight();
}

YamlHighlighter::~YamlHighlighter() = default;

QTextCharFormat YamlHighlighter::tokenFormat(Token token) const
{
    return m_formats.at(std::size_t(token));
}

void YamlHighlighter::setToken(int start, int length, Token token)
{
    if (length > 0)
        setFormat(start, length, m_formats.at(std::size_t(token)));
}

int YamlHighlighter::scanQuoted(const QString& text, int start)
{
    const QChar quote = text.at(start);
    int i = start + 1;
    while (i < text.size()) {
        if (quote == u'"' && text.at(i) == u'\\') {
            i += 2;
            continue;
        }
        if (text.at(i) == quote) {
            // '' is an escaped quote inside a single-quoted scalar.
            if (quote == u'\'' && i + 1 < text.size() && text.at(i + 1) == u'\'') {
                i += 2;
                continue;
            }
            return i + 1;
        }
        ++i;
    }
    return int(text.size()); // continues on the next line; good enough for a preview
}

int YamlHighlighter::scanPlain(const QString& text, int start, int flowDepth)
{
    int i = start;
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (isKeyColon(text, i, flowDepth))
            break;
        if (c == u'#' && i > start && text.at(i - 1).isSpace())
            break;
        if (flowDepth > 0 && flowIndicators.contains(c))
            break;
        ++i;
    }
    return i;
}

// "key: |" or "- >-": the following, more indented lines are the scalar's text.
void YamlHighlighter::startBlockScalarIfAny(const QString& text, int at)
{
    static const QRegularExpression indicator(u"^[|>][-+0-9]*\\s*(?:#.*)?$"_qs);
    if (indicator.match(QStringView(text).mid(at)).hasMatch())
        setCurrentBlockState(indentation(text));
}

void YamlHighlighter::highlightBlock(const QString& text)
{
    // Block state: -1 = normal; n >= 0 = inside a block scalar opened on a line indented by n.
    const int scalarIndent = previousBlockState();
    const bool blank = text.trimmed().isEmpty();
    if (scalarIndent >= 0 && (blank || indentation(text) > scalarIndent)) {
        setToken(0, int(text.size()), Token::String);
        setCurrentBlockState(scalarIndent);
        return;
    }
    setCurrentBlockState(-1);
    if (text == u"---" || text.startsWith(u"--- ") || text == u"..." || text.startsWith(u'%')) {
        setToken(0, int(text.size()), Token::Separator);
        return;
    }

    int flowDepth = 0;
    int i = 0;
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (c.isSpace() || c == u',') {
            ++i;
        } else if (c == u'#' && (i == 0 || text.at(i - 1).isSpace())) {
            setToken(i, int(text.size()) - i, Token::Comment);
            return;
        } else if (c == u'[' || c == u'{') {
            ++flowDepth;
            ++i;
        } else if (c == u']' || c == u'}') {
            flowDepth = qMax(0, flowDepth - 1);
            ++i;
        } else if ((c == u'-' || c == u':' || c == u'?') && isSpaceAt(text, i + 1)) {
            ++i; // sequence entry, value indicator, complex key
        } else if ((c == u'|' || c == u'>') && flowDepth == 0) {
            startBlockScalarIfAny(text, i);
            ++i;
        } else if (c == u'&' || c == u'*' || c == u'!') {
            int end = i + 1;
            while (end < text.size() && !text.at(end).isSpace() && !flowIndicators.contains(text.at(end)))
                ++end;
            setToken(i, end - i, Token::Anchor);
            i = end;
        } else {
            const bool quoted = c == u'"' || c == u'\'';
            int end = quoted ? scanQuoted(text, i) : scanPlain(text, i, flowDepth);
            int length = end - i;
            while (!quoted && length > 0 && text.at(i + length - 1).isSpace())
                --length;
            const bool isKey = isKeyColon(text, skipSpaces(text, end), flowDepth);
            const Token token = isKey                                                ? Token::Key
                : !quoted && isNonStringScalar(QStringView(text).mid(i, length)) ? Token::Number
                                                                                 : Token::String;
            setToken(i, length, token);
            i = qMax(end, i + 1);
        }
    }
}
