// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "packagesource.h"
#include "task.h"

#include <QString>

class LocalProcess;
struct ProcessOutcome;

/*!
 * Reads a local .deb or .rpm for onboarding: format and SHA-256 from the file, then Package,
 * Version and Architecture from dpkg-deb or rpm when this machine has them (otherwise they are
 * read on the VM), without blocking: the query is a LocalProcess (20 s at most; a failed or slow
 * query only leaves the fields empty). Finishes with Error{} and source() when the file is a
 * usable package; with InvalidInput (source().error says why) when it is not one, cannot be read
 * or is another package than istio-sidecar.
 */
class PackageFileRead final : public Task
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PackageFileRead)
public:
    /*! path: as the user gave it; messages name it so. */
    explicit PackageFileRead(QString path, QObject* parent = nullptr);
    ~PackageFileRead() override;

    /*! The package as read; complete once finished. */
    const PackageSource& source() const { return m_source; }

protected:
    void run() override;
    void abort() override;

private:
    void onQueried(const ProcessOutcome& outcome);
    void complete();

    QString m_path;
    PackageSource m_source;
    LocalProcess* m_process = nullptr;
};
