// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

#include <array>

/*!
 * YAML highlighting for previews and plan sources: mapping keys, strings (quoted, plain values
 * and block scalars), numbers/booleans/null, comments, anchors/tags, and document separators.
 * A line scanner rather than a set of regular expressions, so that "#" inside quotes or a ": "
 * inside a quoted key does not fool it.
 */
class QPalette;

class YamlHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(YamlHighlighter)

public:
    enum class Token { Key, String, Number, Comment, Separator, Anchor, Count };

    explicit YamlHighlighter(QTextDocument* document);
    ~YamlHighlighter() override;

    QTextCharFormat tokenFormat(Token token) const;
    /*! Picks the light or dark colours for \a palette's background and highlights again. */
    void setPalette(const QPalette& palette);

protected:
    void highlightBlock(const QString& text) override;

private:
    void setToken(int start, int length, Token token);
    int scanQuoted(const QString& text, int start);
    int scanPlain(const QString& text, int start, int flowDepth);
    void startBlockScalarIfAny(const QString& text, int at);

    std::array<QTextCharFormat, std::size_t(Token::Count)> m_formats;
};
