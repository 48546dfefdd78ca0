// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "askpass.h"
#include "hostkeycheck.h"
#include "remotecommand.h"
#include "sshendpoint.h"
#include "ssherror.h"
#include "sshupload.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QStringList>

#include <chrono>
#include <functional>

class SshConnection;
class SshContext;

/*! One command for VmRemote::run(). */
struct RemoteRequest
{
    QStringList argv;
    bool sudo = false;
    QByteArray sudoPassword;   //!< with sudo: empty = expect none to be asked (NOPASSWD); never logged
    QByteArray input;          //!< stdin bytes
    QString inputFile;         //!< or a local file streamed as stdin, with transferProgress()
    qint64 inputSize = 0;      //!< of inputFile
    std::chrono::milliseconds timeout{0}; //!< 0 = the transport's default
};

/*!
 * What a VmPipeline needs of a VM: log in, run a command (argv as given, optional sudo, stdin,
 * timeout), put files into a private directory. The real one is SshVmRemote (ssh/ underneath);
 * the unit tests script a fake one.
 *
 * Each call answers once through its callback, asynchronously. cancel() stops everything in
 * flight; the callbacks of what it stopped are never called.
 */
class VmRemote : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VmRemote)
public:
    using OpenDone = std::function<void(const SshError&)>;
    using CommandDone = std::function<void(const CommandResult&)>;
    using UploadDone = std::function<void(const UploadResult&)>;

    explicit VmRemote(QObject* parent = nullptr)
        : QObject(parent)
    {
    }
    ~VmRemote() override = default;

    /*! Host keys and login; the questions come as signals. */
    virtual void open(OpenDone done) = 0;
    /*!
     * Drops the connection open() made and makes a new one (a new TCP connection: the old one
     * may have been taken over by the traffic capture the sidecar installs). The default opens
     * again.
     */
    virtual void reconnect(OpenDone done) { open(std::move(done)); }
    virtual void run(const RemoteRequest& request, CommandDone done) = 0;
    virtual void upload(const QList<UploadFile>& files, UploadDone done) = 0;
    virtual void cancel() = 0;

signals:
    void hostKeyQuestion(HostKeyQuestion* question);
    void passwordQuestion(PasswordQuestion* question);
    void openProgress(int done, int total);
    void transferProgress(qint64 sent, qint64 total); //!< a streamed stdin file or an upload
};

/*! VmRemote over ssh/: SshConnect, then RemoteCommand and SshUpload over its ControlMaster. */
class SshVmRemote final : public VmRemote
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SshVmRemote)
public:
    SshVmRemote(SshContext* context, const SshEndpoint& endpoint, QObject* parent = nullptr);
    ~SshVmRemote() override;

    void open(OpenDone done) override;
    void reconnect(OpenDone done) override;
    void run(const RemoteRequest& request, CommandDone done) override;
    void upload(const QList<UploadFile>& files, UploadDone done) override;
    void cancel() override;

private:
    SshConnection* m_connection;
    QList<QPointer<QObject>> m_inFlight; //!< SshConnect, RemoteCommand, SshUpload
    quint64 m_generation = 0;            //!< bumped by cancel(): older answers are dropped
};
