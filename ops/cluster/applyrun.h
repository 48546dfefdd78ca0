// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "inflight.h"
#include "resource.h"
#include "task.h"

#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QTimer>

class KubeClient;
struct KubeResult;

/*!
 * Applies the cluster side of a plan, one object after the other in apply order, with
 * server-side apply (field manager "meshdeck"), and waits for what the next object needs:
 * its kind served (CRDs established), a namespace Active, the east-west gateway's address.
 * Each object's outcome is reported as it happens; a failure stops the run (later objects
 * depend on earlier ones): finished() then carries the failing object's error, its Kubernetes
 * kind and Status kept (Error::KubernetesStatus with reason and HTTP code), and cancel() stops the
 * request in flight so nothing more is applied.
 */
class ApplyRun final : public Task
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApplyRun)
public:
    struct Options
    {
        bool dryRun = false; //!< --dry-run=server: validated and admitted by the server, not stored
        bool diff = false;   //!< report the fields that change
        bool force = false;  //!< --force-conflicts: take over fields another manager owns
        int waitSeconds = 120; //!< for each wait (kind served, namespace active, gateway address)
    };

    enum class Outcome { Created, Configured, Unchanged, Failed };

    struct Step
    {
        QString object;  //!< "WorkloadGroup chapter10vm/envoydummy"
        Outcome outcome = Outcome::Unchanged;
        QStringList changes; //!< with Options::diff: desired vs live differences
        QString message;     //!< failure or wait notes
    };

    ApplyRun(KubeClient* client, QList<Resource> resources, Options options, QObject* parent = nullptr);

    const QList<Step>& steps() const { return m_steps; }

signals:
    void stepFinished(const ApplyRun::Step& step);

private:
    void next();
    void whenServed(const Resource& r);
    void fetchLive(const Resource& r);
    void apply(const Resource& r, const QJsonObject& live, bool existed);
    void afterApply(const Resource& r, const Step& step);
    void waitFor(const Resource& r, const QString& what, std::function<bool(const QJsonObject&)> ready);
    void run() override;
    void abort() override;
    void fail(const Resource& r, const QString& message, Error error);

    QPointer<KubeClient> m_client;
    QList<Resource> m_resources;
    Options m_options;
    qsizetype m_index = -1;
    QList<Step> m_steps;
    QElapsedTimer m_waiting;
    QTimer m_retry;
    InFlight m_inFlight; //!< the request in flight, canceled by abort()
    QStringList m_dryRunNamespaces; //!< namespaces a dry run would create: not there to check against
};
