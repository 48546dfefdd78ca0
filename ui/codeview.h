// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QList>
#include <QPlainTextEdit>

class QPaintEvent;
class QResizeEvent;

/*!
 * A read-only text view for YAML and plan sources: line numbers in a gutter, a highlighted
 * current line, lines with problems tinted, and goTo(line, column) for jump-to-problem.
 */
class CodeView final : public QPlainTextEdit
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CodeView)

public:
    explicit CodeView(QWidget* parent = nullptr);
    ~CodeView() override;

    /*! Moves the cursor to a 1-based line and column (0 = start of line) and centres it. */
    void goTo(int line, int column);
    /*! 1-based line and column of the cursor. */
    int cursorLine() const;
    int cursorColumn() const;

    /*! Whether the cursor's line is tinted (the plan source: where a jump landed). */
    void setHighlightCurrentLine(bool on);

    /*! Lines (1-based) that have a problem; they get a tinted background. */
    void setMarkedLines(const QList<int>& lines);

    /*! For the gutter widget: its width and its painting. */
    int gutterWidth() const;
    void paintGutter(QPaintEvent* event);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;

private:
    void updateGutterWidth();
    void updateGutter(const QRect& rect, int dy);
    void updateExtraSelections();

    QWidget* m_gutter = nullptr;
    QList<int> m_markedLines;
    bool m_highlightCurrentLine = true;
};
