// SPDX-License-Identifier: Apache-2.0
#include "fleetview.h"

#include "clicommon.h"
#include "fleetmodel.h"
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

FleetView::FleetView(FleetRun* run, const FleetModel* model, bool live, QObject* parent)
    : QObject(parent)
    , m_model(model)
    , m_live(live)
{
    for (int row = 0; row < m_model->rowCount(); ++row)
        m_nameWidth = std::max<int>(m_nameWidth, int(m_model->vmName(row).size()));
    m_clock.start();
    m_redraw.setSingleShot(true);
    m_redraw.setInterval(100);
    connect(&m_redraw, &QTimer::timeout, this, &FleetView::redraw);
    // The plain lines are the run's events as they come. The live block is redrawn from the model
    // on the same signals (not on the model's dataChanged, which skips what changed nothing), so a
    // terminal sees the same frames as it always did.
    connect(run, &FleetRun::stepChanged, this, &FleetView::onStep);
    connect(run, &FleetRun::vmProgress, this, [this] {
        if (m_live)
            scheduleRedraw();
    });
    connect(run, &FleetRun::vmFinished, this, &FleetView::onFinished);
    connect(run, &FleetRun::note, this, &FleetView::note);
    if (m_live)
        redraw();
}

QVariant FleetView::cell(int row, int column, int role) const
{
    return m_model->data(m_model->index(row, column), role);
}

void FleetView::onStep(const QString& vm, StepKind step, StepState state, const QString& message)
{
    if (!m_live) {
        if (state == StepState::Pending)
            return;
        out() << elapsed() << vm.leftJustified(m_nameWidth) << "  " << stepTitle(step).leftJustified(20) << ' '
              << stateKey(state).leftJustified(8) << ' ' << firstLine(message) << Qt::endl;
        return;
    }
    scheduleRedraw();
}

void FleetView::onFinished(const QString& vm, bool ok, const QString& message)
{
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

QString FleetView::render(int row, int width) const
{
    constexpr int barWidth = 20;
    const auto status = FleetModel::Status(cell(row, FleetModel::StatusColumn, FleetModel::StatusRole).toInt());
    const int permille = cell(row, FleetModel::ProgressColumn, FleetModel::ProgressRole).toInt();
    const QString step = cell(row, FleetModel::StepColumn, Qt::DisplayRole).toString();
    const int filled = permille * barWidth / 1000;
    const QString bar = u'[' + QString(filled, u'#') + QString(barWidth - filled, u'.') + u']';
    QString text;
    if (status == FleetModel::Status::Ok)
        text = u"done"_qs;
    else if (status == FleetModel::Status::Failed)
        text = u"FAILED "_qs + firstLine(cell(row, FleetModel::MessageColumn, FleetModel::MessageRole).toString());
    else
        text = (step.isEmpty() ? QString() : step + u": "_qs)
            + firstLine(cell(row, FleetModel::ActivityColumn, FleetModel::ActivityRole).toString());
    QString line = m_model->vmName(row).leftJustified(m_nameWidth) + u' ' + bar + u' '
        + QString::number(permille / 10).rightJustified(3) + u"% "_qs + text;
    if (line.size() > width - 1)
        line = line.left(width - 2) + u"…"_qs;
    return line;
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
    const int rows = m_model->rowCount();
    for (int row = 0; row < rows; ++row)
        text += u"\x1b[2K"_qs + render(row, width) + u'\n';
    out() << text << Qt::flush;
    m_drawn = rows;
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
    const int rows = m_model->rowCount();
    for (int row = 0; row < rows; ++row) {
        const auto status = FleetModel::Status(cell(row, FleetModel::StatusColumn, FleetModel::StatusRole).toInt());
        if (status == FleetModel::Status::Ok)
            continue;
        ++failed;
        failures.append(m_model->vmName(row) + u": "_qs
                        + (status == FleetModel::Status::Failed ? cell(row, FleetModel::MessageColumn, FleetModel::MessageRole).toString()
                                                                : u"not run (canceled)"_qs));
    }
    const qsizetype ok = rows - failed;
    out() << ok << " of " << qsizetype(rows) << " VMs ok in " << QString::number(m_clock.elapsed() / 1000.0, 'f', 1) << " s";
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
