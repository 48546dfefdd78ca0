// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "trafficgraph.h"

#include <QColor>

#include <array>

class QPalette;

/*!
 * The colours the window paints itself (the traffic graph, error text, charts), for the
 * desktop's palette: light, or dark when the palette's Base is dark. Text colours come from the
 * palette itself; the graph's health colours are PatternFly's, as Kiali uses them, in their light
 * or dark theme variants, chosen so that every stroke keeps at least 3:1 and every text at least
 * 4.5:1 against what it is drawn on (WCAG 2.1; tests/ui/tst_graphtheme checks both palettes).
 *
 * One theme is current for the process: the application has one palette. GraphScene makes it
 * current when it is created and whenever the palette changes, then repaints.
 */
struct GraphTheme
{
    bool dark = false;
    QColor background;   //!< the graph's canvas (the view's Base)
    QColor nodeFill;     //!< inside a node's outline
    QColor text;         //!< node labels
    QColor labelBacking; //!< behind edge labels, translucent
    QColor boxFill;      //!< namespace boxes
    QColor boxBorder;
    QColor boxText;
    QColor selected;
    QColor halo; //!< find's highlight, translucent
    QColor drift;
    QColor errorText; //!< error messages in labels and notes
    std::array<QColor, 5> health; //!< by GraphHealth

    QColor healthColor(GraphHealth h) const { return health[static_cast<size_t>(h)]; }

    static GraphTheme forPalette(const QPalette& palette);
    static bool isDark(const QPalette& palette);
    static const GraphTheme& current();
    static void setCurrent(const GraphTheme& theme);
};

/*! The WCAG 2.1 contrast ratio of two opaque colours, 1 to 21. */
double contrastRatio(const QColor& a, const QColor& b);
/*! \a a mixed with \a b: 0 gives a, 1 gives b (opaque). */
QColor blend(const QColor& a, const QColor& b, double amountOfB);
/*! \a over drawn with its alpha over the opaque \a under. */
QColor composite(const QColor& over, const QColor& under);
/*!
 * colour, made darker on a light background or lighter on a dark one (hue and saturation kept)
 * until it has at least ratio:1 against background: status colours on a palette the theme's
 * were not chosen for (a toolbar's Window rather than the canvas).
 */
QColor withContrast(const QColor& colour, const QColor& background, double ratio);
