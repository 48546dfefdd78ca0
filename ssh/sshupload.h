// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "ssherror.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QFile;
class RemoteCommand;
class SshConnection;
struct CommandResult;

/*! One file to upload: from a local path, or from memory when localPath is empty. */
struct UploadFile
{
    QString localPath;
    QByteArray content;
    QString remoteName; //!< a plain file name inside the remote directory: no '/', not "." or ".."
};

struct UploadResult
{
    QString remoteDirectory;  //!< the private directory the files are in
    QStringList remotePaths;  //!< one per file, in order
    SshError error;
    bool ok() const { return !error.isError(); }
};

/*!
 * Puts files into a private remote directory: by default a new one from `mktemp -d` (mode
 * 0700, under $TMPDIR or /tmp), from which the caller installs them into their final places
 * with sudo. Each file is streamed through the ControlMaster as the stdin of
 * `umask 077; cat > name.part`, checked for its size and only then renamed, so no
 * half-written file ever carries a final name; a failed upload removes the directory it made.
 *
 * Why not sftp or scp: both print progress only to a terminal, and some hardened hosts turn
 * the sftp subsystem off; stdin streaming gives byte-accurate progress from what ssh took,
 * needs nothing but a POSIX shell, and costs the same one ssh process per file over the master.
 */
class SshUpload final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SshUpload)
public:
    SshUpload(SshConnection* connection, QList<UploadFile> files, QObject* parent = nullptr);
    ~SshUpload() override;

    /*! Use an existing private directory instead of creating one (it is then never removed). */
    void setRemoteDirectory(const QString& directory) { m_directory = directory; }

    void start();
    void cancel();

signals:
    void progress(qint64 done, qint64 total); //!< bytes of all files
    void finished(const UploadResult& result);

private:
    bool prepare(QString* error);
    void makeDirectory();
    void onDirectory(const CommandResult& result);
    void sendNext();
    void onSent(const CommandResult& result);
    void fail(SshError error);
    void finish(const SshError& error);
    void removeDirectory();

    QPointer<SshConnection> m_connection;
    QList<UploadFile> m_files;
    QList<qint64> m_sizes;
    QString m_directory;
    bool m_ownsDirectory = false;
    QStringList m_paths;
    qsizetype m_next = 0;
    qint64 m_done = 0;
    qint64 m_total = 0;
    RemoteCommand* m_command = nullptr;
    QFile* m_file = nullptr;
    bool m_running = false;
};
