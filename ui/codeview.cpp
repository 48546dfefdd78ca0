// SPDX-License-Identifier: Apache-2.0
#include "codeview.h"

#include "graphtheme.h"
#include "yamlhighlighter.h"

#include <QEvent>
#include <QFontDatabase>
#include <QPaintEvent>
#include <QPainter>
#include <QTextBlock>

namespace {

// The gutter only forwards to CodeView: QPlainTextEdit's block geometry is protected there.
class Gutter final : public QWidget
{
public:
    explicit Gutter(CodeView* view)
        : QWidget(view)
        , m_view(view)
    {
    }

    QSize sizeHint() const override { return {m_view->gutterWidth(), 0}; }

protected:
    void paintEvent(QPaintEvent* event) override { m_view->paintGutter(event); }

private:
    CodeView* m_view;
};

} // namespace

CodeView::CodeView(QWidget* parent)
    : QPlainTextEdit(parent)
    , m_gutter(new Gutter(this))
{
    setReadOnly(true);
    // Keyboard navigation and selection still work in a read-only view; show where the cursor is.
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    setLineWrapMode(QPlainTextEdit::NoWrap);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    connect(this, &QPlainTextEdit::blockCountChanged, this, &CodeView::updateGutterWidth);
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeView::updateGutter);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &CodeView::updateExtraSelections);
    updateGutterWidth();
}

CodeView::~CodeView() = default;

int CodeView::gutterWidth() const
{
    int digits = 1;
    for (int max = qMax(1, blockCount()); max >= 10; max /= 10)
        ++digits;
    digits = qMax(digits, 3); // no jitter while a short file grows
    return fontMetrics().horizontalAdvance(u'9') * digits + 12;
}

void CodeView::updateGutterWidth()
{
    setViewportMargins(gutterWidth(), 0, 0, 0);
}

void CodeView::updateGutter(const QRect& rect, int dy)
{
    if (dy != 0)
        m_gutter->scroll(0, dy);
    else
        m_gutter->update(0, rect.y(), m_gutter->width(), rect.height());
}

void CodeView::resizeEvent(QResizeEvent* event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect area = contentsRect();
    m_gutter->setGeometry(area.left(), area.top(), gutterWidth(), area.height());
}

// Light/dark switched: the highlighter's colours, the marked lines' tint and the gutter follow.
void CodeView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::PaletteChange) {
        if (auto* highlighter = document()->findChild<YamlHighlighter*>())
            highlighter->setPalette(palette());
        updateExtraSelections();
        m_gutter->update();
    }
    QPlainTextEdit::changeEvent(event);
}

void CodeView::paintGutter(QPaintEvent* event)
{
    QPainter painter(m_gutter);
    const QPalette& pal = palette();
    painter.fillRect(event->rect(), blend(pal.color(QPalette::Base), pal.color(QPalette::Text), 0.06));
    const int current = textCursor().blockNumber();
    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        if (block.isVisible() && top + height >= event->rect().top()) {
            const bool isCurrent = m_highlightCurrentLine && block.blockNumber() == current;
            const bool isMarked = m_markedLines.contains(block.blockNumber() + 1);
            QColor color = blend(pal.color(QPalette::Base), pal.color(QPalette::Text), isCurrent ? 0.9 : 0.45);
            if (isMarked)
                color = GraphTheme::forPalette(pal).errorText;
            painter.setPen(color);
            painter.drawText(0, top, m_gutter->width() - 6, fontMetrics().height(), Qt::AlignRight,
                             QString::number(block.blockNumber() + 1));
        }
        block = block.next();
        top += height;
    }
}

void CodeView::goTo(int line, int column)
{
    const QTextBlock block = document()->findBlockByNumber(qMax(0, line - 1));
    if (!block.isValid())
        return;
    QTextCursor cursor(block);
    cursor.movePosition(QTextCursor::Right, QTextCursor::MoveAnchor, qBound(0, column - 1, block.length() - 1));
    setTextCursor(cursor);
    centerCursor();
}

int CodeView::cursorLine() const
{
    return textCursor().blockNumber() + 1;
}

int CodeView::cursorColumn() const
{
    return textCursor().positionInBlock() + 1;
}

void CodeView::setHighlightCurrentLine(bool on)
{
    m_highlightCurrentLine = on;
    updateExtraSelections();
}

void CodeView::setMarkedLines(const QList<int>& lines)
{
    m_markedLines = lines;
    updateExtraSelections();
    m_gutter->update();
}

void CodeView::updateExtraSelections()
{
    const QPalette& pal = palette();
    QList<QTextEdit::ExtraSelection> selections;
    for (const int line : std::as_const(m_markedLines)) {
        const QTextBlock block = document()->findBlockByNumber(line - 1);
        if (!block.isValid())
            continue;
        QTextEdit::ExtraSelection marked;
        marked.format.setBackground(blend(pal.color(QPalette::Base), QColor(0xe7, 0x4c, 0x3c), 0.15));
        marked.format.setProperty(QTextFormat::FullWidthSelection, true);
        marked.cursor = QTextCursor(block);
        selections.append(marked);
    }
    if (!m_highlightCurrentLine) {
        setExtraSelections(selections);
        m_gutter->update();
        return;
    }
    // The current line last, so it wins over a problem tint: it is where the user just jumped.
    QTextEdit::ExtraSelection current;
    current.format.setBackground(blend(pal.color(QPalette::Base), pal.color(QPalette::Highlight), 0.18));
    current.format.setProperty(QTextFormat::FullWidthSelection, true);
    current.cursor = textCursor();
    current.cursor.clearSelection();
    selections.append(current);
    setExtraSelections(selections);
    m_gutter->update();
}
