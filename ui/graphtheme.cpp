// SPDX-License-Identifier: Apache-2.0
#include "graphtheme.h"

#include "graphstyle.h"

#include <QGuiApplication>
#include <QPalette>

#include <cmath>

namespace {

GraphTheme& currentTheme()
{
    static GraphTheme theme = GraphTheme::forPalette(QGuiApplication::palette());
    return theme;
}

} // namespace

bool GraphTheme::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Base).lightness() < 128;
}

GraphTheme GraphTheme::forPalette(const QPalette& palette)
{
    GraphTheme t;
    t.dark = isDark(palette);
    t.background = palette.color(QPalette::Base);
    t.text = palette.color(QPalette::Text);
    t.nodeFill = t.background;
    t.labelBacking = t.background;
    t.labelBacking.setAlpha(210);
    t.boxFill = blend(t.background, t.text, 0.05);
    t.boxText = blend(t.background, t.text, 0.8);
    t.halo = QColor(0xf4, 0xc1, 0x45, 160);
    using H = GraphHealth;
    if (t.dark) {
        // PatternFly's dark theme: the same hues, lighter, so strokes stand out on a dark canvas.
        t.boxBorder = QColor(0x8a, 0x8d, 0x90);
        t.selected = QColor(0x73, 0xbc, 0xf7);
        t.drift = QColor(0xf4, 0xb6, 0x78);
        t.errorText = QColor(0xff, 0x8a, 0x80);
        t.health[size_t(H::Healthy)] = QColor(0x5b, 0xa3, 0x52);
        t.health[size_t(H::NotReady)] = QColor(0xf0, 0xab, 0x00);
        t.health[size_t(H::Degraded)] = QColor(0xf0, 0xab, 0x00);
        t.health[size_t(H::Failure)] = QColor(0xfe, 0x51, 0x42);
        t.health[size_t(H::NotAvailable)] = QColor(0xa0, 0xa3, 0xa6);
    } else {
        t.boxBorder = QColor(0x8a, 0x8d, 0x90);
        t.selected = QColor(0x00, 0x66, 0xcc);
        t.drift = QColor(0x8f, 0x47, 0x00);
        t.errorText = QColor(0xc9, 0x19, 0x0b);
        for (H h : {H::Healthy, H::NotReady, H::Degraded, H::Failure, H::NotAvailable})
            t.health[size_t(h)] = QColor(GraphStyle::healthColor(h));
    }
    return t;
}

const GraphTheme& GraphTheme::current()
{
    return currentTheme();
}

void GraphTheme::setCurrent(const GraphTheme& theme)
{
    currentTheme() = theme;
}

QColor blend(const QColor& a, const QColor& b, double amountOfB)
{
    return QColor::fromRgbF(float(a.redF() * (1 - amountOfB) + b.redF() * amountOfB),
                            float(a.greenF() * (1 - amountOfB) + b.greenF() * amountOfB),
                            float(a.blueF() * (1 - amountOfB) + b.blueF() * amountOfB));
}

double contrastRatio(const QColor& a, const QColor& b)
{
    auto luminance = [](const QColor& c) {
        auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor composite(const QColor& over, const QColor& under)
{
    return blend(under, QColor(over.rgb()), over.alphaF());
}

QColor withContrast(const QColor& colour, const QColor& background, double ratio)
{
    const QColor towards = background.lightness() < 128 ? QColor(Qt::white) : QColor(Qt::black);
    QColor out = colour;
    for (int step = 1; step <= 20 && contrastRatio(out, background) < ratio; ++step)
        out = blend(colour, towards, step / 20.0);
    return out;
}
