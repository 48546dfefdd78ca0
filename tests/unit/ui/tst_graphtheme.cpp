// SPDX-License-Identifier: Apache-2.0
#include "graphtheme.h"

#include "codeview.h"
#include "graphdetailspanel.h"
#include "graphitems.h"
#include "graphlegend.h"
#include "graphpage.h"
#include "graphscene.h"
#include "graphview.h"
#include "palettecheck.h"
#include "recordinggraphsource.h"
#include "testsupport.h"
#include "yamlhighlighter.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QGraphicsView>
#include <QImage>
#include <QLabel>
#include <QPainter>
#include <QPalette>
#include <QTest>

#include <memory>

// The window on a dark desktop: the palettes of Breeze Dark and Adwaita-dark (as the platform
// themes hand them to Qt) and the light default. For each, every colour the window paints itself
// keeps its contrast (WCAG 2.1: text 4.5:1, strokes 3:1) against what it is drawn on; switching
// the palette at run time repaints the graph dark (no white node fills or label backings left),
// redraws the legend, gives the charts Qt Charts' dark theme and the YAML highlighter its dark
// colours; and back.

namespace {

constexpr int timeoutMs = 10000;

using PaletteCheck::adwaitaDark;
using PaletteCheck::breezeDark;

double nearWhiteShare(const QImage& image)
{
    qint64 white = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (QColor(image.pixel(x, y)).lightness() > 235)
                ++white;
        }
    }
    return double(white) / (double(image.width()) * image.height());
}

QImage renderScene(GraphScene* scene)
{
    QImage image(600, 400, QImage::Format_ARGB32);
    image.fill(GraphTheme::current().background);
    QPainter painter(&image);
    scene->render(&painter, QRectF(image.rect()), scene->itemsBoundingRect());
    return image;
}

} // namespace

class tst_GraphTheme final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_light = QApplication::palette();
    }
    void cleanup()
    {
        QApplication::setPalette(m_light);
    }

    void contrastIsKept_data()
    {
        QTest::addColumn<QPalette>("palette");
        QTest::addColumn<bool>("dark");
        QTest::newRow("light (Fusion)") << m_light << false;
        QTest::newRow("Breeze Dark") << breezeDark() << true;
        QTest::newRow("Adwaita-dark") << adwaitaDark() << true;
    }

    void contrastIsKept()
    {
        QFETCH(QPalette, palette);
        QFETCH(bool, dark);
        const GraphTheme t = GraphTheme::forPalette(palette);
        QCOMPARE(t.dark, dark);
        const QColor window = palette.color(QPalette::Window);
        const QColor backing = composite(t.labelBacking, t.background);
        auto atLeast = [](const char* what, const QColor& a, const QColor& b, double ratio) {
            const double r = contrastRatio(a, b);
            if (r < ratio)
                qWarning("%s: %s on %s is %.2f:1, under %.1f:1", what, qPrintable(a.name()), qPrintable(b.name()), r, ratio);
            return r >= ratio;
        };
        // Text: 4.5:1 on both palettes.
        QVERIFY(atLeast("node label", t.text, t.background, 4.5));
        QVERIFY(atLeast("node label in its node", t.text, t.nodeFill, 4.5));
        QVERIFY(atLeast("edge label", t.text, backing, 4.5));
        QVERIFY(atLeast("drifted edge label", t.drift, backing, 4.5));
        QVERIFY(atLeast("namespace box label", t.boxText, t.boxFill, 4.5));
        QVERIFY(atLeast("error text on a window", t.errorText, window, 4.5));
        QVERIFY(atLeast("error text in a field", t.errorText, t.background, 4.5));
        // Strokes: 3:1 on the dark canvas (the light one keeps Kiali's PatternFly colours, whose
        // warning yellow is Kiali's choice on white).
        if (dark) {
            for (GraphHealth h : {GraphHealth::Healthy, GraphHealth::Degraded, GraphHealth::Failure, GraphHealth::NotAvailable})
                QVERIFY(atLeast("health stroke", t.healthColor(h), t.background, 3.0));
            QVERIFY(atLeast("drift stroke", t.drift, t.background, 3.0));
            QVERIFY(atLeast("selection", t.selected, t.background, 3.0));
            QVERIFY(atLeast("box border", t.boxBorder, t.background, 3.0));
        }
        // The YAML preview's tokens: 4.5:1 on the editor's background.
        QTextDocument document;
        YamlHighlighter highlighter(&document);
        highlighter.setPalette(palette);
        for (int token = 0; token < int(YamlHighlighter::Token::Count); ++token) {
            const QColor ink = highlighter.tokenFormat(YamlHighlighter::Token(token)).foreground().color();
            QVERIFY(atLeast("YAML token", ink, palette.color(QPalette::Base), 4.5));
        }
    }

    // The palette changes while the window is open (the desktop switched to dark): the graph,
    // the legend, the charts and the YAML preview follow; and back to light.
    void switchingThePaletteRepaints()
    {
        QString error;
        std::unique_ptr<RecordingGraphSource> source(RecordingGraphSource::fromFile(
            TestSupport::sourceDir() + u"/tests/data/recordings/graph-split-80-20.json"_qs, &error));
        QVERIFY2(source, qPrintable(error));
        GraphPage page;
        page.resize(1200, 800);
        page.show();
        page.setSource(source.get());
        GraphScene* scene = page.view()->scene();
        QVERIFY(QTest::qWaitFor([&] { return !scene->nodeItems().isEmpty() && !scene->isLayoutPending(); }, timeoutMs));
        CodeView code;
        new YamlHighlighter(code.document());
        code.setPlainText(u"key: \"value\"\n"_qs);
        code.show();

        auto legendFill = [&] {
            // The first legend glyph (a node): its centre is the node fill.
            const QList<QLabel*> labels = page.findChild<GraphLegend*>()->findChildren<QLabel*>();
            for (QLabel* label : labels) {
                if (!label->pixmap().isNull()) {
                    const QImage glyph = label->pixmap().toImage();
                    return QColor(glyph.pixel(glyph.width() / 2, glyph.height() / 2));
                }
            }
            return QColor();
        };
        auto chartTheme = [&] {
            return page.findChild<GraphDetailsPanel*>()->findChild<QChartView*>()->chart()->theme();
        };
        auto keyColor = [&] {
            return code.document()->findChild<YamlHighlighter*>()->tokenFormat(YamlHighlighter::Token::Key).foreground().color();
        };

        QVERIFY(!GraphTheme::current().dark);
        const double whiteInLight = nearWhiteShare(renderScene(scene));
        QVERIFY2(whiteInLight > 0.5, qPrintable(QString::number(whiteInLight)));
        QVERIFY(legendFill().lightness() > 200);
        QCOMPARE(chartTheme(), QChart::ChartThemeLight);
        const QColor lightKey = keyColor();

        QApplication::setPalette(breezeDark());
        QVERIFY(QTest::qWaitFor([] { return GraphTheme::current().dark; }, timeoutMs));
        const double whiteInDark = nearWhiteShare(renderScene(scene));
        QVERIFY2(whiteInDark < 0.005, qPrintable(QString::number(whiteInDark)));
        QVERIFY2(legendFill().lightness() < 60, qPrintable(legendFill().name()));
        QCOMPARE(chartTheme(), QChart::ChartThemeDark);
        QVERIFY(keyColor() != lightKey);
        QVERIFY(contrastRatio(keyColor(), breezeDark().color(QPalette::Base)) >= 4.5);
        // What the user sees at every zoom level, through the canvas: at overview scale it stamps
        // glyphs and rasterises edges itself instead of painting the items.
        QGraphicsView* canvas = page.view()->canvas();
        for (const double scale : {2.0, 1.0, 0.5, GraphLod::overview / 2, 0.05}) {
            canvas->setTransform(QTransform::fromScale(scale, scale));
            canvas->centerOn(scene->itemsBoundingRect().center());
            const QImage shot = canvas->viewport()->grab().toImage();
            QVERIFY2(QColor(shot.pixel(2, 2)).lightness() < 60, qPrintable(QColor(shot.pixel(2, 2)).name()));
            const double white = nearWhiteShare(shot);
            QVERIFY2(white < 0.005, qPrintable(u"%1 white at zoom %2"_qs.arg(white).arg(scale)));
        }

        QApplication::setPalette(m_light);
        QVERIFY(QTest::qWaitFor([] { return !GraphTheme::current().dark; }, timeoutMs));
        QVERIFY(legendFill().lightness() > 200);
        QCOMPARE(chartTheme(), QChart::ChartThemeLight);
        QCOMPARE(keyColor(), lightKey);
    }

private:
    QPalette m_light;
};

QTEST_MAIN(tst_GraphTheme)
#include "tst_graphtheme.moc"
