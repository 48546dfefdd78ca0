// SPDX-License-Identifier: Apache-2.0
#include "plandocument.h"

#include "planwriter.h"

#include <QFile>
#include <QFileInfo>
#include <QtConcurrent/QtConcurrentRun>

namespace {

constexpr int reloadDelayMs = 200;

// The two halves of a load, so that a cancelled job stops before the (heavier) generation.
PlanSnapshot readPlan(const QString& path)
{
    PlanSnapshot snapshot;
    snapshot.path = path;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        snapshot.error = file.errorString();
        return snapshot;
    }
    snapshot.text = file.readAll();
    snapshot.load = loadPlanText(snapshot.text, path);
    return snapshot;
}

void generateFor(PlanSnapshot& snapshot)
{
    if (snapshot.error.isEmpty() && snapshot.load.ok())
        snapshot.generated = generateOffline(*snapshot.load.plan);
}

PlanSnapshot loadUnlessCanceled(const QString& path, const std::shared_ptr<std::atomic_bool>& canceled)
{
    PlanSnapshot snapshot = readPlan(path);
    if (!*canceled)
        generateFor(snapshot);
    return snapshot;
}

} // namespace

Problems PlanSnapshot::problems() const
{
    return load.problems + generated.problems;
}

bool PlanSnapshot::isOwnFile(const QString& file) const
{
    return file.isEmpty() || QFileInfo(file).absoluteFilePath() == path;
}

QList<int> PlanSnapshot::problemLines() const
{
    QList<int> lines;
    for (const Problem& p : problems()) {
        if (p.line > 0 && isOwnFile(p.file))
            lines.append(p.line);
    }
    return lines;
}

PlanDocument::PlanDocument(QObject* parent)
    : QObject(parent)
{
    m_reloadTimer.setSingleShot(true);
    m_reloadTimer.setInterval(reloadDelayMs);
    connect(&m_reloadTimer, &QTimer::timeout, this, &PlanDocument::reload);
    connect(&m_watcher, &QFileSystemWatcher::fileChanged, &m_reloadTimer, qOverload<>(&QTimer::start));
    connect(&m_watcher, &QFileSystemWatcher::directoryChanged, this, &PlanDocument::onDirectoryChanged);
}

PlanDocument::~PlanDocument()
{
    // Wait on the workers themselves, never on the .then() continuations: those need this
    // thread's event loop and would deadlock here.
    *m_canceled = true;
    m_loading.waitForFinished();
    m_saving.waitForFinished();
}

void PlanDocument::load(const QString& path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    const quint64 job = ++m_job;
    *m_canceled = true; // the job-id check drops its result; this only spares its generation
    m_canceled = std::make_shared<std::atomic_bool>(false);
    emit loadingStarted(absolute);
    m_loading = QtConcurrent::run(loadUnlessCanceled, absolute, m_canceled);
    m_loading.then(this, [this, job](const PlanSnapshot& snapshot) { finishLoad(job, snapshot); });
}

void PlanDocument::reload()
{
    if (!m_snapshot.path.isEmpty())
        load(m_snapshot.path);
}

void PlanDocument::finishLoad(quint64 job, const PlanSnapshot& snapshot)
{
    if (job != m_job)
        return; // a later load() overtook this one
    if (!snapshot.error.isEmpty()) {
        // A new file that cannot be read leaves the window on the old one. A reload that fails
        // keeps the last good state: a vanished file may be an editor's save in progress.
        watch(m_snapshot.path);
        emit failed(snapshot.path, snapshot.error);
        return;
    }
    m_snapshot = snapshot;
    watch(m_snapshot.path);
    emit loaded();
}

void PlanDocument::saveAs(const QString& path)
{
    if (!hasPlan())
        return;
    const QString target = QFileInfo(path).absoluteFilePath();
    // Keeping the file's comments and layout; a plan whose layout cannot be kept is not
    // overwritten (saveFailed says why): rewriting it plainly is the user's call.
    m_saving = QtConcurrent::run([plan = *m_snapshot.load.plan, target] { return savePlanFile(plan, target); });
    m_saving.then(this, [this, target](const QString& error) { finishSave(target, error); });
}

void PlanDocument::savePlan(const Plan& plan)
{
    const QString target = path();
    if (target.isEmpty())
        return;
    m_saving = QtConcurrent::run([plan, target] { return savePlanFile(plan, target); });
    m_saving.then(this, [this, target](const QString& error) { finishSave(target, error); });
}

void PlanDocument::finishSave(const QString& path, const QString& error)
{
    if (!error.isEmpty()) {
        emit saveFailed(path, error);
        return;
    }
    emit saved(path);
    load(path);
}

void PlanDocument::watch(const QString& path)
{
    const QStringList stale = m_watcher.files() + m_watcher.directories();
    if (!stale.isEmpty())
        m_watcher.removePaths(stale);
    if (path.isEmpty())
        return;
    // The directory too: editors that save by renaming replace the file, and the watcher loses it.
    m_watcher.addPath(QFileInfo(path).absolutePath());
    if (QFileInfo::exists(path))
        m_watcher.addPath(path);
}

void PlanDocument::onDirectoryChanged()
{
    const QString& path = m_snapshot.path;
    if (!path.isEmpty() && !m_watcher.files().contains(path) && QFileInfo::exists(path))
        m_reloadTimer.start();
}

SourceLocation PlanDocument::locate(const QString& fieldPath) const
{
    return fieldPath.isEmpty() ? SourceLocation{} : m_snapshot.load.locate(fieldPath);
}

QString PlanDocument::vmFieldPath(const QString& vmName) const
{
    if (!hasPlan())
        return {};
    const QList<Vm>& vms = m_snapshot.load.plan->vms;
    for (qsizetype i = 0; i < vms.size(); ++i) {
        if (vms.at(i).name == vmName)
            return u"vms["_qs + QString::number(i) + u']';
    }
    return {};
}
