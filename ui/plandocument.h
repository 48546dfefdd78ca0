// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "generation.h"
#include "planloader.h"

#include <QByteArray>
#include <QFileSystemWatcher>
#include <QFuture>
#include <QObject>
#include <QString>
#include <QTimer>

#include <atomic>
#include <memory>

/*! One load of a plan file: its text, what the loader made of it, and what it generates. */
struct PlanSnapshot
{
    QString path;
    QString error;   //!< set when the file could not be read at all
    QByteArray text; //!< the source exactly as parsed, so line numbers match the problems
    PlanLoadResult load;
    Generated generated; //!< empty while the plan has errors

    /*! The loader's problems followed by the generators'. */
    Problems problems() const;
    /*! Whether a problem's file is this plan's own (an empty file means the plan). */
    bool isOwnFile(const QString& file) const;
    /*! The lines of this plan's own file that have a problem, for marking them in its source. */
    QList<int> problemLines() const;
};

/*!
 * The plan the window shows. Loading and generating run off the GUI thread
 * (QtConcurrent::run(...).then(this, ...)); a job-id counter drops results a later load has
 * overtaken. The file is watched: when it changes on disk, the document reloads itself.
 */
class PlanDocument final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PlanDocument)

public:
    explicit PlanDocument(QObject* parent = nullptr);
    /*! Cancels a running load and waits for the worker, which copies everything it uses. */
    ~PlanDocument() override;

    /*!
     * Starts loading path: loadingStarted() now, then loaded() or failed(). The work runs on a
     * worker; the result is delivered on this object's thread, which can happen before load()
     * returns when the worker is quicker than the caller (QFuture::then on a finished future).
     */
    void load(const QString& path);
    void reload();
    /*! Writes the current plan to path (planwriter), then loads it from there. */
    void saveAs(const QString& path);
    /*!
     * Writes plan, an edited copy of the one shown (the weights page's "Save to plan"), to the
     * document's file, then loads it from there: saved() or saveFailed(), then loaded().
     */
    void savePlan(const Plan& plan);

    /*! The plan shown (the last loaded); a load in flight changes it only when it succeeds. */
    QString path() const { return m_snapshot.path; }
    bool isLoading() const { return m_loading.isRunning(); }
    bool hasPlan() const { return m_snapshot.load.plan.has_value(); }
    const PlanSnapshot& snapshot() const { return m_snapshot; }

    /*! Where a plan field ("vmGroups[0]") was written; line 0 when unknown. */
    SourceLocation locate(const QString& fieldPath) const;
    /*! The field path of a VM ("vms[1]"), for VM file nodes that carry no origin of their own. */
    QString vmFieldPath(const QString& vmName) const;

signals:
    void loadingStarted(const QString& path);
    void loaded();
    void failed(const QString& path, const QString& message);
    void saved(const QString& path);
    void saveFailed(const QString& path, const QString& message);

private:
    void finishLoad(quint64 job, const PlanSnapshot& snapshot);
    void finishSave(const QString& path, const QString& error);
    void watch(const QString& path);
    void onDirectoryChanged();

    PlanSnapshot m_snapshot;
    quint64 m_job = 0;
    QFuture<PlanSnapshot> m_loading;
    /*!
     * Our own cancel flag rather than QFuture::cancel(): on Qt 6.4, cancel() on a future whose
     * .then() continuation has already run follows a dangling pointer to it and crashes.
     */
    std::shared_ptr<std::atomic_bool> m_canceled = std::make_shared<std::atomic_bool>(false);
    QFuture<QString> m_saving;
    QFileSystemWatcher m_watcher;
    QTimer m_reloadTimer; //!< coalesces the bursts of change notifications an editor's save makes
};
