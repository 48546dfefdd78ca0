// SPDX-License-Identifier: Apache-2.0
#include "fleetview.h"

#include "clicommon.h"
#include "fleetrun.h"

#include <sys/ioctl.h>
#include <unistd.h>

namespace {

using CliCommon::err;
using CliCommon::out;

int terminalWidth()
{
    winsize ws{};
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 20)
        return ws.ws_col;
    return 100;
}

QString firstLine(const QString& text)
{
    return text.section(u'\n', 0, 0);
}

} // namespace

FleetView::FleetView(FleetRun* run, bool live, QObject* parent)
    : QObject(parent)
    , m_live(live)
{
    for (const QString& vm : run->vmNames()) {
        m_lines.append(Line{vm, 0, {}, u"waiting"_qs, false, false, {}, {}, {}});
        m_nameWidth = std::max<int>(m_nameWidth, int(vm.size()));
    }
    m_clock.start();
    m_redraw.setSingleShot(true);
    m_redraw.setInterval(100);
    connect(&m_redraw, &QTimer::timeout, this, &FleetView::redraw);
    connect(run, &FleetRun::stepChanged, this, &FleetView::onStep);
    connect(run, &FleetRun::vmProgress, this, &FleetView::onProgress);
    connect(run, &FleetRun::vmFinished, this, &FleetView::onFinished);
    connect(run, &FleetRun::note, this, &FleetView::note);
    if (m_live)
        redraw();
}

FleetView::Line& FleetView::line(const QString& vm)
{
    for (Line& l : m_lines)
        if (l.vm == vm)
            return l;
    m_lines.append(Line{vm, 0, {}, {}, false, false, {}, {}, {}});
    return m_lines.last();
}

void FleetView::onStep(const QString& vm, StepKind step, StepState state, const QString& message)
{
    Line& l = line(vm);
    if (state == StepState::Running)
        l.step = stepTitle(step);
    if (state == StepState::Skipped)
        l.skipped.append(stepTitle(step));
    if (state == StepState::Done)
        l.done.append(stepTitle(step));
    if (!m_live) {
        if (state == StepState::Pending)
            return;
        out() << elapsed() << vm.leftJustified(m_nameWidth) << "  " << stepTitle(step).leftJustified(20) << ' '
              << stateKey(state).leftJustified(8) << ' ' << firstLine(message) << Qt::endl;
        return;
    }
    if (state == StepState::Running)
        l.activity = message;
    scheduleRedraw();
}

void FleetView::onProgress(const QString& vm, int permille, const QString& activity)
{
    Line& l = line(vm);
    l.permille = permille;
    l.activity = activity;
    if (m_live)
        scheduleRedraw();
}

void FleetView::onFinished(const QString& vm, bool ok, const QString& message)
{
    Line& l = line(vm);
    l.finished = true;
    l.ok = ok;
    l.message = message;
    if (ok)
        l.permille = 1000;
    if (!m_live) {
        out() << elapsed() << vm.leftJustified(m_nameWidth) << "  " << (ok ? "OK" : "FAILED") << (message.isEmpty() ? QString() : u"  "_qs + firstLine(message))
              << Qt::endl;
        return;
    }
    scheduleRedraw();
}

QString FleetView::elapsed() const
{
    // Seconds since the run began: a CI log then shows where the time went.
    return QString::number(m_clock.elapsed() / 1000.0, 'f', 1).rightJustified(6) + u"s "_qs;
}

void FleetView::scheduleRedraw()
{
    if (!m_redraw.isActive())
        m_redraw.start();
}

QString FleetView::render(const Line& l, int width) const
{
    constexpr int barWidth = 20;
    const int filled = l.permille * barWidth / 1000;
    const QString bar = u'[' + QString(filled, u'#') + QString(barWidth - filled, u'.') + u']';
    QString status;
    if (l.finished)
        status = l.ok ? u"done"_qs : u"FAILED "_qs + firstLine(l.message);
    else
        status = (l.step.isEmpty() ? QString() : l.step + u": "_qs) + firstLine(l.activity);
    QString text = l.vm.leftJustified(m_nameWidth) + u' ' + bar + u' ' + QString::number(l.permille / 10).rightJustified(3)
        + u"% "_qs + status;
    if (text.size() > width - 1)
        text = text.left(width - 2) + u"…"_qs;
    return text;
}

void FleetView::clearBlock()
{
    if (m_drawn > 0)
        out() << "\x1b[" << m_drawn << "A\r\x1b[J";
    m_drawn = 0;
}

void FleetView::redraw()
{
    if (!m_live || m_suspended)
        return;
    const int width = terminalWidth();
    QString text;
    if (m_drawn > 0)
        text += u"\x1b["_qs + QString::number(m_drawn) + u"A\r"_qs;
    for (const Line& l : std::as_const(m_lines))
        text += u"\x1b[2K"_qs + render(l, width) + u'\n';
    out() << text << Qt::flush;
    m_drawn = int(m_lines.size());
}

void FleetView::suspend()
{
    if (!m_live || m_suspended)
        return;
    m_suspended = true;
    clearBlock();
    out() << Qt::flush;
}

void FleetView::resume()
{
    if (!m_live || !m_suspended)
        return;
    m_suspended = false;
    redraw();
}

void FleetView::note(const QString& text)
{
    if (m_live && !m_suspended) {
        clearBlock();
        out() << "note: " << text << '\n';
        redraw();
        return;
    }
    out() << "note: " << text << Qt::endl;
}

int FleetView::printSummary()
{
    if (m_live) {
        m_redraw.stop();
        m_suspended = false;
        redraw();
    }
    int failed = 0;
    QStringList failures;
    for (const Line& l : std::as_const(m_lines)) {
        if (l.finished && l.ok)
            continue;
        ++failed;
        failures.append(l.vm + u": "_qs + (l.finished ? l.message : u"not run (canceled)"_qs));
    }
    const qsizetype ok = m_lines.size() - failed;
    out() << ok << " of " << m_lines.size() << " VMs ok in " << QString::number(m_clock.elapsed() / 1000.0, 'f', 1) << " s";
    if (failed > 0)
        out() << ", " << failed << " failed:";
    out() << Qt::endl;
    for (const QString& f : std::as_const(failures)) {
        const QStringList lines = f.split(u'\n');
        for (qsizetype i = 0; i < lines.size(); ++i)
            out() << (i == 0 ? u"  "_qs : u"      "_qs) << lines.at(i) << '\n';
    }
    out() << Qt::flush;
    return failed;
}
