// SPDX-License-Identifier: Apache-2.0
// meshdeck-bench-graph: the traffic graph's figures for synthetic meshes, printed
// (docs/benchmarks.md). Not a test: nothing here fails on a slow machine; the exit code is 1
// only when the synthetic mesh did not come out as designed (wrong node or edge count).
#include "graphlayout.h"
#include "graphscene.h"
#include "graphview.h"
#include "syntheticmesh.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QGraphicsView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScrollBar>
#include <QTimer>
#include <QWindow>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>

namespace {

// Wall time, and the CPU time of this thread (or of the whole process): on a loaded machine the
// CPU time still says what the work costs, the wall time says what a user would wait.
struct Clock
{
    static double cpuMs(clockid_t id)
    {
        timespec ts{};
        clock_gettime(id, &ts);
        return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
    }
    explicit Clock(clockid_t id = CLOCK_THREAD_CPUTIME_ID) : m_id(id), m_cpu(cpuMs(id)) { m_wall.start(); }
    double wallMs() const { return static_cast<double>(m_wall.nsecsElapsed()) / 1e6; }
    double cpuMs() const { return cpuMs(m_id) - m_cpu; }

private:
    clockid_t m_id;
    double m_cpu;
    QElapsedTimer m_wall;
};

struct Samples
{
    QList<double> wall;
    QList<double> cpu;
    void add(const Clock& clock)
    {
        wall.append(clock.wallMs());
        cpu.append(clock.cpuMs());
    }
};

double percentile(QList<double> values, double p)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const auto index = static_cast<qsizetype>(p * static_cast<double>(values.size() - 1) + 0.5);
    return values[std::clamp<qsizetype>(index, 0, values.size() - 1)];
}

// Kilobytes from /proc/self/status ("VmRSS", "VmHWM"); 0 where there is no /proc.
qint64 statusKb(const QByteArray& key)
{
    QFile file(u"/proc/self/status"_qs);
    if (!file.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray& line : file.readAll().split('\n')) {
        if (line.startsWith(QByteArray(key + ':')))
            return line.mid(key.size() + 1).trimmed().split(' ').value(0).toLongLong();
    }
    return 0;
}

/*!
 * Peak resident memory of one phase above the resident memory before it. Writing 5 to
 * clear_refs resets VmHWM to the current RSS (Linux >= 4.0), so each phase has its own peak.
 */
class PhaseMemory
{
public:
    PhaseMemory() : m_before(statusKb("VmRSS"))
    {
        QFile refs(u"/proc/self/clear_refs"_qs);
        m_reset = refs.open(QIODevice::WriteOnly) && refs.write("5") == 1;
    }
    double peakMb() const { return static_cast<double>(statusKb("VmHWM") - m_before) / 1024.0; }
    bool reset() const { return m_reset; }

private:
    qint64 m_before;
    bool m_reset = false;
};

// Counts paint events of the viewport, to be sure repaint() painted synchronously.
class PaintCounter final : public QObject
{
public:
    int count = 0;
    bool eventFilter(QObject* watched, QEvent* event) override
    {
        if (event->type() == QEvent::Paint)
            ++count;
        return QObject::eventFilter(watched, event);
    }
};

struct Settings
{
    quint64 seed = 20261122;
    int runs = 0; // 0: 5 below 5,000 nodes, else 3
    int frames = 60;
    double zoomStep = 1.03;
    QSize window{1600, 1000};
    QString jsonDir;
    QString screenshot;
    bool routes = true;
    bool onlyBuild = false;
};

void line(const char* what, double wall, double cpu, const char* note = "")
{
    std::printf("  %-36s %10.2f ms wall %10.2f ms cpu %s\n", what, wall, cpu, note);
}

void memoryLine(const char* what, double mb)
{
    std::printf("  %-36s %10.1f MB\n", what, mb);
}

struct FramesAtZoom
{
    Samples still;   //!< repaints without a change
    Samples zooming; //!< zoomBy() in, then out again, each with a repaint
    Samples panning; //!< scrolled by panStep pixels right and down, then back, each with a repaint
};

constexpr int framesPerZoom = 16;
constexpr int panStep = 40;

// The frames at the view's current zoom, centred on the middle of the graph.
FramesAtZoom framesAtZoom(GraphView& view, double zoomStep)
{
    QGraphicsView* canvas = view.canvas();
    FramesAtZoom at;
    const auto frame = [canvas](Samples& samples, const std::function<void()>& change) {
        const Clock clock;
        change();
        canvas->viewport()->repaint();
        samples.add(clock);
    };
    canvas->centerOn(view.scene()->sceneRect().center());
    canvas->viewport()->repaint();
    for (int f = 0; f < 5; ++f)
        frame(at.still, [] {});
    for (int f = 0; f < framesPerZoom; ++f) {
        const double factor = f < framesPerZoom / 2 ? zoomStep : 1 / zoomStep;
        frame(at.zooming, [&view, factor] { view.zoomBy(factor); });
    }
    canvas->centerOn(view.scene()->sceneRect().center());
    QScrollBar* h = canvas->horizontalScrollBar();
    QScrollBar* v = canvas->verticalScrollBar();
    for (int f = 0; f < framesPerZoom; ++f) {
        const int step = f < framesPerZoom / 2 ? panStep : -panStep;
        frame(at.panning, [h, v, step] {
            h->setValue(h->value() + step);
            v->setValue(v->value() + step);
        });
    }
    return at;
}

class SizeBench
{
public:
    SizeBench(int size, const Settings& settings) : m_size(size), m_settings(settings) {}
    QJsonObject run(bool* ok);

private:
    TrafficGraph build(bool* ok);
    void layout(const TrafficGraph& graph);
    void view(const TrafficGraph& graph);
    void put(const QString& key, const Samples& samples);

    int m_size;
    const Settings& m_settings;
    int m_runs = 1;
    SyntheticMesh m_mesh;
    QJsonObject m_out;
};

void SizeBench::put(const QString& key, const Samples& samples)
{
    m_out.insert(key + u"Ms"_qs, percentile(samples.wall, 0.5));
    m_out.insert(key + u"CpuMs"_qs, percentile(samples.cpu, 0.5));
}

QJsonObject SizeBench::run(bool* ok)
{
    m_runs = m_settings.runs > 0 ? m_settings.runs : (m_size < 5000 ? 5 : 3);
    const Clock generate;
    m_mesh = makeSyntheticMesh(m_size, m_settings.seed, m_settings.routes);
    std::printf("%d nodes, %d edges, %d VirtualServices, %d Prometheus series (made in %.0f ms)\n", m_mesh.nodes,
                m_mesh.edges, m_mesh.routes, m_mesh.series, generate.wallMs());
    m_out = {{u"size"_qs, m_size}, {u"nodes"_qs, m_mesh.nodes}, {u"edges"_qs, m_mesh.edges},
             {u"routes"_qs, m_mesh.routes}, {u"series"_qs, m_mesh.series}, {u"runs"_qs, m_runs}};
    const qint64 afterTelemetry = statusKb("VmRSS");
    const TrafficGraph graph = build(ok);
    if (!m_settings.onlyBuild) {
        layout(graph);
        view(graph);
    }
    const double totalMb = static_cast<double>(statusKb("VmRSS") - afterTelemetry) / 1024.0;
    memoryLine("memory: resident at the end", totalMb);
    m_out.insert(u"residentMb"_qs, totalMb);
    std::fflush(stdout);
    return m_out;
}

// The real model build: buildTrafficGraph over the four answers of GraphQueries.
TrafficGraph SizeBench::build(bool* ok)
{
    TrafficGraph graph;
    Samples samples;
    double mb = 0;
    const int runs = m_settings.onlyBuild ? 1 : m_runs;
    for (int r = 0; r < runs; ++r) {
        graph = {};
        const PhaseMemory memory;
        const Clock clock;
        graph = buildTrafficGraph(m_mesh.telemetry, m_mesh.inventory);
        samples.add(clock);
        if (r == 0)
            mb = memory.peakMb();
    }
    line("model build (buildTrafficGraph)", percentile(samples.wall, 0.5), percentile(samples.cpu, 0.5));
    memoryLine("memory: model build peak", mb);
    put(u"build"_qs, samples);
    m_out.insert(u"buildMb"_qs, mb);
    if (graph.nodes.size() != m_mesh.nodes || graph.edges.size() != m_mesh.edges) {
        std::printf("  ERROR: the graph has %lld nodes and %lld edges, the mesh was made with %d and %d\n",
                    static_cast<long long>(graph.nodes.size()), static_cast<long long>(graph.edges.size()),
                    m_mesh.nodes, m_mesh.edges);
        *ok = false;
    }
    return graph;
}

// The layout with the defaults (40x40 nodes): exactly what dagre gets (graph-<size>.json).
void SizeBench::layout(const TrafficGraph& graph)
{
    const GraphLayoutInput input = layoutInput(graph);
    const GraphLayoutOptions defaults;
    GraphLayoutResult result;
    Samples samples;
    double mb = 0;
    for (int r = 0; r < m_runs; ++r) {
        const PhaseMemory memory;
        const Clock clock;
        result = layoutLayered(input, defaults);
        samples.add(clock);
        if (r == 0)
            mb = memory.peakMb();
    }
    const qint64 crossings = countCrossings(input, result);
    line("layout (layoutLayered, 40x40)", percentile(samples.wall, 0.5), percentile(samples.cpu, 0.5));
    std::printf("  %-36s %10lld, %d ranks, %d bends, %d straight long edges\n", "crossings",
                static_cast<long long>(crossings), result.rankCount, result.dummyCount, result.straightEdges);
    memoryLine("memory: layout peak", mb);
    put(u"layout"_qs, samples);
    m_out.insert(u"layoutMb"_qs, mb);
    m_out.insert(u"crossings"_qs, crossings);
    m_out.insert(u"ranks"_qs, result.rankCount);
    m_out.insert(u"bends"_qs, result.dummyCount);
    m_out.insert(u"straightEdges"_qs, result.straightEdges);
    if (!m_settings.jsonDir.isEmpty()) {
        QFile json(m_settings.jsonDir + u"/graph-%1.json"_qs.arg(m_size));
        if (!json.open(QIODevice::WriteOnly) || json.write(layoutInputJson(graph, input, defaults)) < 0)
            std::printf("  ERROR: cannot write %s\n", qPrintable(json.fileName()));
    }
}

// The view as the window shows it: first frame, then zoom frames at overview zoom.
void SizeBench::view(const TrafficGraph& graph)
{
    GraphView view;
    view.resize(m_settings.window);
    view.show();
    QElapsedTimer expose;
    expose.start();
    while (!(view.windowHandle() && view.windowHandle()->isExposed()) && expose.elapsed() < 5000)
        QApplication::processEvents();
    QApplication::processEvents();
    QGraphicsView* canvas = view.canvas();
    PaintCounter paints;
    canvas->viewport()->installEventFilter(&paints);

    // First frame: from handing the graph to the view (the layout runs on a worker thread, then
    // the scene fills) until the first paint of the graph at overview zoom has finished. The
    // overview is the whole graph, zoomed out no further than zoomBy() allows (0.02).
    const PhaseMemory memory;
    const Clock first(CLOCK_PROCESS_CPUTIME_ID);
    QEventLoop loop;
    QObject::connect(&view, &GraphView::layoutFinished, &loop, &QEventLoop::quit);
    QTimer::singleShot(600000, &loop, &QEventLoop::quit);
    view.setGraph(graph);
    loop.exec();
    const double sceneMs = first.wallMs();
    const int paintsBefore = paints.count;
    canvas->fitInView(view.scene()->sceneRect(), Qt::KeepAspectRatio);
    view.zoomBy(1.0); // clamps to the zoom range
    canvas->viewport()->repaint();
    const double firstWall = first.wallMs();
    const double firstCpu = first.cpuMs();
    const bool synchronous = paints.count > paintsBefore;
    if (!m_settings.screenshot.isEmpty())
        canvas->viewport()->grab().save(m_settings.screenshot.arg(m_size));
    for (int i = 0; i < 3; ++i)
        QApplication::processEvents(); // the scene's queued updates, not part of any frame below
    const double overview = view.zoom();
    Samples frames;
    for (int f = 0; f < m_settings.frames; ++f) {
        const double factor = f < m_settings.frames / 2 ? m_settings.zoomStep : 1 / m_settings.zoomStep;
        const Clock clock;
        view.zoomBy(factor);
        canvas->viewport()->repaint();
        frames.add(clock);
    }
    // Frames at fixed zooms around the middle of the graph: where detail painting takes over.
    // At each zoom: repaints in place, frames while zooming (in by zoomStep, then back) and
    // frames while panning (the view scrolled diagonally, then back), each fully repainted.
    QJsonObject byZoom;
    QJsonObject zoomingByZoom;
    QJsonObject panningByZoom;
    QList<QByteArray> rows{"  frame median by zoom (ms wall)     ", "  zooming: median (p90 cpu) by zoom  ",
                           "  panning: median (p90 cpu) by zoom  "};
    for (const double zoom : {0.0, 0.02, 0.05, 0.1, 0.19, 0.21, 0.3, 0.5, 1.0}) {
        if (zoom == 0.0) { // overview: the whole graph, as after the first frame
            canvas->fitInView(view.scene()->sceneRect(), Qt::KeepAspectRatio);
            view.zoomBy(1.0);
        } else {
            view.zoomBy(zoom / view.zoom());
        }
        const QString key = zoom == 0.0 ? u"overview"_qs : QString::number(zoom);
        const FramesAtZoom at = framesAtZoom(view, m_settings.zoomStep);
        byZoom.insert(key, percentile(at.still.wall, 0.5));
        zoomingByZoom.insert(key, QJsonObject{{u"median"_qs, percentile(at.zooming.wall, 0.5)},
                                              {u"p90"_qs, percentile(at.zooming.wall, 0.9)},
                                              {u"cpuMedian"_qs, percentile(at.zooming.cpu, 0.5)}});
        panningByZoom.insert(key, QJsonObject{{u"median"_qs, percentile(at.panning.wall, 0.5)},
                                              {u"p90"_qs, percentile(at.panning.wall, 0.9)},
                                              {u"cpuMedian"_qs, percentile(at.panning.cpu, 0.5)}});
        const QByteArray name = key.toUtf8();
        rows[0] += QByteArray(" ") + name + ": " + QByteArray::number(percentile(at.still.wall, 0.5), 'f', 1);
        rows[1] += QByteArray(" ") + name + ": " + QByteArray::number(percentile(at.zooming.wall, 0.5), 'f', 1) + " ("
            + QByteArray::number(percentile(at.zooming.wall, 0.9), 'f', 1) + " cpu "
            + QByteArray::number(percentile(at.zooming.cpu, 0.5), 'f', 1) + ")";
        rows[2] += QByteArray(" ") + name + ": " + QByteArray::number(percentile(at.panning.wall, 0.5), 'f', 1) + " ("
            + QByteArray::number(percentile(at.panning.wall, 0.9), 'f', 1) + " cpu "
            + QByteArray::number(percentile(at.panning.cpu, 0.5), 'f', 1) + ")";
    }
    for (const QByteArray& row : std::as_const(rows))
        std::printf("%s\n", row.constData());
    m_out.insert(u"frameByZoomMs"_qs, byZoom);
    m_out.insert(u"zoomingByZoomMs"_qs, zoomingByZoom);
    m_out.insert(u"panningByZoomMs"_qs, panningByZoom);
    const double mb = memory.peakMb();
    line("first frame: layout + scene", sceneMs, 0, "(layout on a worker thread)");
    line("first frame: first paint", firstWall - sceneMs, 0, synchronous ? "" : "(repaint was NOT synchronous!)");
    line("time to first frame", firstWall, firstCpu, "(cpu: all threads)");
    std::printf("  %-36s %10.4f (zoom %.3f..%.3f while zooming)\n", "overview zoom", overview, overview,
                overview * std::pow(m_settings.zoomStep, m_settings.frames / 2));
    line("zoom frame median", percentile(frames.wall, 0.5), percentile(frames.cpu, 0.5));
    line("zoom frame p90", percentile(frames.wall, 0.9), percentile(frames.cpu, 0.9));
    memoryLine("memory: view (scene, items) peak", mb);
    m_out.insert(u"sceneMs"_qs, sceneMs);
    m_out.insert(u"firstFrameMs"_qs, firstWall);
    m_out.insert(u"firstFrameCpuMs"_qs, firstCpu);
    m_out.insert(u"paintSynchronous"_qs, synchronous);
    m_out.insert(u"overviewZoom"_qs, overview);
    m_out.insert(u"frameMedianMs"_qs, percentile(frames.wall, 0.5));
    m_out.insert(u"frameMedianCpuMs"_qs, percentile(frames.cpu, 0.5));
    m_out.insert(u"frameP90Ms"_qs, percentile(frames.wall, 0.9));
    m_out.insert(u"frameP90CpuMs"_qs, percentile(frames.cpu, 0.9));
    m_out.insert(u"viewMb"_qs, mb);
    m_out.insert(u"peakResetWorks"_qs, memory.reset());
}

} // namespace

int main(int argc, char** argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen"); // no display needed; raster painting as on X11
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Prints the traffic graph's build, layout, paint and memory figures."_qs);
    parser.addHelpOption();
    const QCommandLineOption sizesOption(u"nodes"_qs, u"Comma-separated mesh sizes (default 200,2000,10000)."_qs,
                                         u"list"_qs, u"200,2000,10000"_qs);
    const QCommandLineOption seedOption(u"seed"_qs, u"Seed of the synthetic mesh."_qs, u"n"_qs, u"20261122"_qs);
    const QCommandLineOption runsOption(u"runs"_qs, u"Runs per timed step (default 5, 3 from 5,000 nodes)."_qs,
                                        u"n"_qs, u"0"_qs);
    const QCommandLineOption framesOption(u"frames"_qs, u"Zoom frames to time (default 60)."_qs, u"n"_qs, u"60"_qs);
    const QCommandLineOption jsonOption(u"json-dir"_qs, u"Write graph-<size>.json (dagre's input) here."_qs, u"dir"_qs);
    const QCommandLineOption resultOption(u"result"_qs, u"Write the figures as JSON to this file."_qs, u"file"_qs);
    const QCommandLineOption noRoutesOption(u"no-routes"_qs, u"Leave VirtualServices out of the inventory."_qs);
    const QCommandLineOption onlyBuildOption(u"only-build"_qs, u"Time the model build only (once)."_qs);
    const QCommandLineOption screenshotOption(u"screenshot"_qs, u"Save the first frame; %1 = the size."_qs, u"file"_qs);
    parser.addOptions({sizesOption, seedOption, runsOption, framesOption, jsonOption, resultOption, noRoutesOption,
                       onlyBuildOption, screenshotOption});
    parser.process(app);

    Settings settings;
    settings.seed = parser.value(seedOption).toULongLong();
    settings.runs = parser.value(runsOption).toInt();
    settings.frames = std::max(2, parser.value(framesOption).toInt());
    settings.jsonDir = parser.value(jsonOption);
    settings.routes = !parser.isSet(noRoutesOption);
    settings.onlyBuild = parser.isSet(onlyBuildOption);
    settings.screenshot = parser.value(screenshotOption);
    bool ok = true;
    QJsonArray results;
    for (const QString& size : parser.value(sizesOption).split(u',', Qt::SkipEmptyParts))
        results.append(SizeBench(std::max(10, size.toInt()), settings).run(&ok));
    if (parser.isSet(resultOption)) {
        QFile file(parser.value(resultOption));
        if (!file.open(QIODevice::WriteOnly) || file.write(QJsonDocument(results).toJson()) < 0) {
            std::fprintf(stderr, "cannot write %s\n", qPrintable(file.fileName()));
            return 2;
        }
    }
    return ok ? 0 : 1;
}
