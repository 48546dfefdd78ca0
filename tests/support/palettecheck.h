// SPDX-License-Identifier: Apache-2.0
#pragma once
// The window on a dark desktop, for the widget suites: the palettes Breeze Dark and Adwaita-dark
// hand to Qt, and a walk over a widget tree that lists what ignores the palette: a widget with a
// light palette of its own on a dark desktop, a colour in a style sheet or a label's rich text
// that loses its contrast (WCAG 2.1: text 4.5:1, a graphic such as a status dot 3:1), and item
// colours (ForegroundRole/BackgroundRole) the views' models give that do the same.

#include "graphtheme.h"

#include <QAbstractItemView>
#include <QApplication>
#include <QColor>
#include <QLabel>
#include <QPalette>
#include <QRegularExpression>
#include <QStringList>
#include <QWidget>

namespace PaletteCheck {

inline QPalette darkPalette(const QColor& window, const QColor& base, const QColor& text)
{
    QPalette p;
    p.setColor(QPalette::Window, window);
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, base);
    p.setColor(QPalette::AlternateBase, window);
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, window);
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::ToolTipBase, base);
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::Highlight, QColor(0x3d, 0xae, 0xe9));
    p.setColor(QPalette::HighlightedText, text);
    return p;
}

inline QPalette breezeDark()
{
    return darkPalette(QColor(0x31, 0x36, 0x3b), QColor(0x23, 0x26, 0x29), QColor(0xfc, 0xfc, 0xfc));
}

inline QPalette adwaitaDark()
{
    return darkPalette(QColor(0x35, 0x35, 0x35), QColor(0x2d, 0x2d, 0x2d), QColor(0xee, 0xee, 0xec));
}

/*! The application palette set for a scope, the previous one back afterwards. */
class ScopedPalette
{
    Q_DISABLE_COPY_MOVE(ScopedPalette)
public:
    explicit ScopedPalette(const QPalette& palette)
        : m_previous(QApplication::palette())
    {
        QApplication::setPalette(palette);
    }
    ~ScopedPalette() { QApplication::setPalette(m_previous); }

private:
    QPalette m_previous;
};

namespace Detail {

inline QString nameOf(const QWidget* w)
{
    return QString::fromLatin1(w->metaObject()->className()) + u'(' + w->objectName() + u')';
}

/*! The colours named in CSS-like text ("color: #d4a017", "color:gray"). */
inline QList<QColor> cssColours(const QString& text)
{
    static const QRegularExpression colour(uR"((?<![-\w])color\s*:\s*(#[0-9a-fA-F]{3,8}|[a-zA-Z]+))"_qs);
    QList<QColor> out;
    for (auto it = colour.globalMatch(text); it.hasNext();)
        out << QColor::fromString(it.next().captured(1));
    return out;
}

inline void checkModel(const QAbstractItemView* view, QStringList* out)
{
    const QAbstractItemModel* model = view->model();
    if (!model)
        return;
    const QColor base = view->palette().color(QPalette::Base);
    const int rows = std::min(model->rowCount(), 200);
    for (int r = 0; r < rows; ++r) {
        for (int c = 0; c < model->columnCount(); ++c) {
            const QModelIndex index = model->index(r, c);
            const QVariant fg = index.data(Qt::ForegroundRole);
            const QVariant bg = index.data(Qt::BackgroundRole);
            if (!fg.isValid() && !bg.isValid())
                continue;
            const QColor back = bg.isValid() ? bg.value<QBrush>().color() : base;
            const QColor ink = fg.isValid() ? fg.value<QBrush>().color() : view->palette().color(QPalette::Text);
            const double ratio = contrastRatio(ink, composite(back, base));
            if (ratio < 4.5)
                *out << nameOf(view) + u": row %1 column %2: %3 on %4 is %5:1"_qs.arg(r).arg(c).arg(ink.name(), back.name()).arg(ratio, 0, 'f', 2);
        }
    }
}

} // namespace Detail

/*! What in root (and its children) ignores the application palette; empty when nothing does. */
inline QStringList problems(QWidget* root)
{
    QStringList out;
    const bool dark = GraphTheme::isDark(QApplication::palette());
    QList<QWidget*> widgets = root->findChildren<QWidget*>();
    widgets.prepend(root);
    for (QWidget* w : std::as_const(widgets)) {
        const QPalette& palette = w->palette();
        if (dark && !GraphTheme::isDark(palette))
            out << Detail::nameOf(w) + u": a light palette on a dark desktop"_qs;
        const QColor behind = palette.color(w->backgroundRole());
        for (const QColor& ink : Detail::cssColours(w->styleSheet())) {
            const double ratio = contrastRatio(ink, behind);
            if (ratio < 4.5)
                out << Detail::nameOf(w) + u": style sheet colour %1 on %2 is %3:1"_qs.arg(ink.name(), behind.name()).arg(ratio, 0, 'f', 2);
        }
        if (w->styleSheet().contains(u"background"_qs))
            out << Detail::nameOf(w) + u": a background in its style sheet: "_qs + w->styleSheet();
        if (auto* label = qobject_cast<QLabel*>(w)) {
            for (const QColor& ink : Detail::cssColours(label->text())) {
                const double ratio = contrastRatio(ink, behind);
                if (ratio < 3.0)
                    out << Detail::nameOf(w) + u": rich text colour %1 on %2 is %3:1"_qs.arg(ink.name(), behind.name()).arg(ratio, 0, 'f', 2);
            }
        }
        if (auto* view = qobject_cast<QAbstractItemView*>(w))
            Detail::checkModel(view, &out);
    }
    return out;
}

} // namespace PaletteCheck
