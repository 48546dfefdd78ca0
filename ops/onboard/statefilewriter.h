// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

/*!
 * Writes the state file off the thread that runs the fleet (the GUI thread in the window). A
 * fleet changes the file twice per step per VM, and each write is a QSaveFile commit: a temporary
 * file, fdatasync, rename. That takes milliseconds on an idle disk and tens of them while the VMs
 * install packages on the same disk: on the GUI thread it was the window's longest stalls
 * (docs/benchmarks.md, "The console's GUI thread").
 *
 * write() hands over the newest content and returns at once; one worker thread writes it, in
 * order, skipping a content that a newer write() replaced before its turn (the file only ever
 * holds a whole content, the newest it was given or an older one). drained() follows when all
 * that was handed over is on disk; failed() reports a write that did not succeed. The destructor
 * and waitForDrained() block until the last content is written.
 */
class StateFileWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StateFileWriter)
public:
    explicit StateFileWriter(QObject* parent = nullptr);
    ~StateFileWriter() override;

    void write(const QString& path, const QByteArray& content);
    /*! Nothing handed over waits or is being written. */
    bool isIdle() const;
    /*! Blocks until everything handed over is written (a cancel, the end of a command-line run). */
    void waitForDrained();

    /*! The atomic write the worker does: "" or why it failed ("cannot write PATH: reason"). */
    static QString writeNow(const QString& path, const QByteArray& content);

signals:
    void drained();
    void failed(const QString& message);

private:
    struct Pending
    {
        QString path;
        QByteArray content;
    };
    void work();

    mutable std::mutex m_mutex;
    std::condition_variable m_wake; //!< new content, or stop
    std::condition_variable m_idle; //!< the worker became idle
    std::optional<Pending> m_pending;
    bool m_writing = false;
    bool m_stop = false;
    std::thread m_thread; //!< started by the first write()
};
