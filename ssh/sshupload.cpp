// SPDX-License-Identifier: Apache-2.0
#include "sshupload.h"

#include "remotecommand.h"
#include "sshconnection.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>

namespace {

// Constant scripts: the values travel as positional parameters ($1, $2), quoted once by
// RemoteShell for the login shell, so no file name is ever parsed by sh -c.
const QString makeDirectoryScript = u"umask 077 && mktemp -d \"${TMPDIR:-/tmp}/meshdeck.XXXXXXXXXX\""_qs;
const QString storeScript = u"umask 077 && cat > \"$1.part\" && n=$(wc -c < \"$1.part\") && [ $n -eq \"$2\" ]"
                            " && mv -f -- \"$1.part\" \"$1\" || { rm -f -- \"$1.part\"; exit 3; }"_qs;

bool validName(const QString& name)
{
    return !name.isEmpty() && name != u"." && name != u".." && !name.contains(u'/') && !name.contains(QChar(0))
        && !name.contains(u'\n');
}

} // namespace

SshUpload::SshUpload(SshConnection* connection, QList<UploadFile> files, QObject* parent)
    : QObject(parent)
    , m_connection(connection)
    , m_files(std::move(files))
{
}

SshUpload::~SshUpload() = default;

void SshUpload::start()
{
    if (m_running)
        return;
    m_running = true;
    QString error;
    if (!prepare(&error)) {
        SshError failure;
        failure.kind = SshError::Kind::BadInput;
        failure.message = m_connection->label() + u": "_qs + error;
        // asynchronous like every other outcome
        QMetaObject::invokeMethod(this, [this, failure] { finish(failure); }, Qt::QueuedConnection);
        return;
    }
    emit progress(0, m_total);
    if (m_directory.isEmpty())
        makeDirectory();
    else
        sendNext();
}

void SshUpload::cancel()
{
    if (!m_running)
        return;
    SshError error;
    error.kind = SshError::Kind::Canceled;
    error.message = m_connection->label() + u": upload canceled"_qs;
    fail(error);
}

bool SshUpload::prepare(QString* error)
{
    QStringList names;
    for (const UploadFile& file : std::as_const(m_files)) {
        if (!validName(file.remoteName) || names.contains(file.remoteName)) {
            *error = u"bad or repeated remote file name \"%1\""_qs.arg(file.remoteName);
            return false;
        }
        names.append(file.remoteName);
        qint64 size = file.content.size();
        if (!file.localPath.isEmpty()) {
            const QFileInfo info(file.localPath);
            if (!info.isFile() || !info.isReadable()) {
                *error = u"cannot read "_qs + file.localPath;
                return false;
            }
            size = info.size();
        }
        m_sizes.append(size);
        m_total += size;
    }
    return true;
}

void SshUpload::makeDirectory()
{
    m_command = new RemoteCommand(m_connection, {u"sh"_qs, u"-c"_qs, makeDirectoryScript}, this);
    connect(m_command, &RemoteCommand::finished, this, &SshUpload::onDirectory);
    m_command->start();
}

void SshUpload::onDirectory(const CommandResult& result)
{
    m_command->deleteLater();
    m_command = nullptr;
    const QString directory = QString::fromUtf8(result.standardOutput).trimmed();
    if (!result.error.isError() && (!result.ok() || !directory.startsWith(u'/') || directory.contains(u'\n'))) {
        SshError error;
        error.kind = SshError::Kind::TransferFailed;
        error.message = m_connection->label() + u": cannot create a private temporary directory (mktemp -d)"_qs;
        error.detail = sshStderrExcerpt(result.standardError);
        fail(error);
        return;
    }
    if (result.error.isError()) {
        fail(result.error);
        return;
    }
    m_directory = directory;
    m_ownsDirectory = true;
    sendNext();
}

void SshUpload::sendNext()
{
    if (m_next >= m_files.size()) {
        finish({});
        return;
    }
    const UploadFile& file = m_files.at(m_next);
    const QString path = m_directory + u'/' + file.remoteName;
    if (file.localPath.isEmpty()) {
        auto* buffer = new QBuffer(this);
        buffer->setData(file.content);
        m_file = nullptr;
        buffer->open(QIODevice::ReadOnly);
        m_command = new RemoteCommand(m_connection, {u"sh"_qs, u"-c"_qs, storeScript, u"sh"_qs, path,
                                                     QString::number(m_sizes.at(m_next))}, this);
        m_command->setStandardInputDevice(buffer, m_sizes.at(m_next));
        buffer->setParent(m_command);
    } else {
        m_file = new QFile(file.localPath, this);
        if (!m_file->open(QIODevice::ReadOnly)) {
            SshError error;
            error.kind = SshError::Kind::LocalFailure;
            error.message = u"cannot read "_qs + file.localPath + u": "_qs + m_file->errorString();
            fail(error);
            return;
        }
        m_command = new RemoteCommand(m_connection, {u"sh"_qs, u"-c"_qs, storeScript, u"sh"_qs, path,
                                                     QString::number(m_sizes.at(m_next))}, this);
        m_command->setStandardInputDevice(m_file, m_sizes.at(m_next));
        m_file->setParent(m_command);
    }
    connect(m_command, &RemoteCommand::progress, this, [this](qint64 done, qint64) { emit progress(m_done + done, m_total); });
    connect(m_command, &RemoteCommand::finished, this, &SshUpload::onSent);
    m_command->start();
}

void SshUpload::onSent(const CommandResult& result)
{
    m_command->deleteLater();
    m_command = nullptr;
    m_file = nullptr;
    if (result.error.isError()) {
        fail(result.error);
        return;
    }
    if (result.exitCode != 0) {
        SshError error;
        error.kind = SshError::Kind::TransferFailed;
        error.message = m_connection->label() + u": "_qs + m_files.at(m_next).remoteName
            + (result.exitCode == 3 ? u" did not arrive whole (disk full?)"_qs : u" could not be stored"_qs);
        error.detail = sshStderrExcerpt(result.standardError);
        fail(error);
        return;
    }
    m_paths.append(m_directory + u'/' + m_files.at(m_next).remoteName);
    m_done += m_sizes.at(m_next);
    ++m_next;
    emit progress(m_done, m_total);
    sendNext();
}

void SshUpload::fail(SshError error)
{
    if (m_command) {
        m_command->disconnect(this);
        m_command->cancel();
        m_command->deleteLater();
        m_command = nullptr;
    }
    removeDirectory();
    finish(error);
}

void SshUpload::removeDirectory()
{
    if (!m_ownsDirectory || !m_connection)
        return;
    // Fire and forget, owned by the connection so it outlives us: nothing partial stays behind.
    auto* cleanup = new RemoteCommand(m_connection, {u"rm"_qs, u"-rf"_qs, u"--"_qs, m_directory}, m_connection);
    connect(cleanup, &RemoteCommand::finished, cleanup, &QObject::deleteLater);
    cleanup->start();
    m_ownsDirectory = false;
}

void SshUpload::finish(const SshError& error)
{
    if (!m_running)
        return;
    m_running = false;
    UploadResult result;
    result.remoteDirectory = m_directory;
    result.remotePaths = m_paths;
    result.error = error;
    emit finished(result);
}
