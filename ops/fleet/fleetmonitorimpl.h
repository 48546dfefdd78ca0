// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "fleethealthmodel.h"
#include "fleetmonitor.h"

#include <QFileSystemWatcher>
#include <QHash>
#include <QPointer>
#include <QSet>
#include <QStringList>
#include <QTimer>

#include <chrono>
#include <functional>

class KubeClient;
class OnboardingService;
class SshContext;
class VmRemote;
class WatchCache;

/*!
 * FleetMonitor over ops: FleetHealthModel fed by one WatchCache (WorkloadEntry + Service) per
 * watched namespace of the cluster it is given, the plan and its state file, and slow ssh probes;
 * the fleet actions go to OnboardingService::runFleet.
 *
 * Probes run on demand (probeNow) and every probeInterval (5 min) over every plan VM the state
 * file shows started or that has a WorkloadEntry, at most maxParallelProbes at once. A scheduled
 * probe never asks anything: a host key or password question ends it with "probe now to answer";
 * probeNow forwards the questions through question().
 *
 * The state file is followed with a QFileSystemWatcher (`meshdeck onboard` in a terminal writes
 * it too) and read again after every action. A watch that fails (Forbidden, no Istio CRDs) is
 * reported once per cause through actionFailed() with an empty VM.
 */
class FleetMonitorImpl final : public FleetMonitor
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FleetMonitorImpl)
public:
    using RemoteFactory = std::function<VmRemote*(const Plan& plan, const QString& vm, QObject* parent)>;

    FleetMonitorImpl(OnboardingService* service, QObject* parent = nullptr);
    ~FleetMonitorImpl() override;

    /*! The plan and where its state file is (<plan>.state.json); an empty path = no state file. */
    void setPlan(const Plan& plan, const QString& planPath);
    /*! The cluster to watch (nullptr: none); the caches are made again for the plan's namespaces. */
    void setCluster(KubeClient* client);
    /*! How probes reach a VM; default: SshVmRemote on sshContext with vmEndpoint(). */
    void setRemoteFactory(RemoteFactory factory) { m_remoteFactory = std::move(factory); }
    void setSshContext(SshContext* context);
    void setProbeInterval(std::chrono::milliseconds interval);
    void setMaxParallelProbes(int count) { m_maxProbes = qMax(1, count); }
    /*! Reads the state file again (after a run, or when another process wrote it). */
    void reloadState();

    FleetHealthModel* healthModel() const { return m_model; }

    // FleetMonitor
    QAbstractItemModel* model() const override;
    Task* onboard(const QStringList& vms) override;
    Task* reonboard(const QStringList& vms) override;
    Task* offboard(const QStringList& vms) override;
    Task* refreshToken(const QString& vm) override;
    void probeNow(const QString& vm) override;
    QStringList sshArguments(const QString& vm) const override;
    QString sshCommand(const QString& vm) const override;
    VmHistory stepHistory(const QString& vm) const override;

private:
    Task* runFleet(int mode, const QStringList& vms);
    void rebuildCaches();
    void scheduleProbes();
    void pumpProbes();
    void startProbe(const QString& vm, bool interactive);
    void finishProbe(const QString& vm, const VmHealth& health);
    void addError(const QString& vm, const QString& message);
    void watchStateFile();

    OnboardingService* m_service;
    FleetHealthModel* m_model;
    Plan m_plan;
    QString m_planPath;
    QPointer<KubeClient> m_client;
    QList<WatchCache*> m_caches;
    QPointer<SshContext> m_ssh;
    RemoteFactory m_remoteFactory;
    QTimer m_probeTimer;
    int m_maxProbes = 3;
    QStringList m_probeQueue;
    QSet<QString> m_interactive; //!< queued by probeNow: may ask
    QHash<QString, QPointer<VmRemote>> m_probing;
    QHash<QString, QStringList> m_errors; //!< newest first
    QFileSystemWatcher m_stateWatcher;
    QString m_lastWatchError;
};
