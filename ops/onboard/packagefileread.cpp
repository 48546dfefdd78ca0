// SPDX-License-Identifier: Apache-2.0
#include "packagefileread.h"

#include "localprocess.h"

#include <QProcessEnvironment>

#include <chrono>

namespace {

constexpr std::chrono::milliseconds kQueryTimeout{20000};

} // namespace

PackageFileRead::PackageFileRead(QString path, QObject* parent)
    : Task(parent)
    , m_path(std::move(path))
{
}

PackageFileRead::~PackageFileRead() = default;

void PackageFileRead::run()
{
    m_source = PackageSources::localFileWithoutFields(m_path);
    const QStringList query = m_source.ok() ? PackageSources::fieldsQueryCommand(m_source) : QStringList();
    if (query.isEmpty()) {
        complete();
        return;
    }
    m_process = new LocalProcess({}, this);
    connect(m_process, &LocalProcess::finished, this, &PackageFileRead::onQueried);
    m_process->start(query.first(), query.mid(1), QProcessEnvironment::systemEnvironment(), {}, kQueryTimeout);
}

void PackageFileRead::abort()
{
    if (m_process)
        m_process->cancel();
}

void PackageFileRead::onQueried(const ProcessOutcome& outcome)
{
    m_process->deleteLater();
    m_process = nullptr;
    if (!isRunning())
        return; // canceled
    // Not started, killed, timed out or failed: the fields stay empty and are read on the VM.
    if (outcome.succeeded())
        PackageSources::setFields(m_source, m_path, outcome.standardOutput);
    complete();
}

void PackageFileRead::complete()
{
    finish(m_source.ok() ? Error{} : Error::make(Error::Kind::InvalidInput, m_source.error));
}
