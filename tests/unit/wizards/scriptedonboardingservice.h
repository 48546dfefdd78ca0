// SPDX-License-Identifier: Apache-2.0
#pragma once

// An OnboardingService whose tasks answer what the test scripted: preflight, review, apply,
// verify and status finish from the event loop with their scripted results; fleet runs stay
// running until the test completes or cancels them (fleets(), fleetRequests()). No network, no ssh.

#include "onboardingservice.h"
#include "plan.h"

#include <QList>
#include <QMetaObject>
#include <QPointer>
#include <QStandardItemModel>

namespace Scripted {

/*! Finishes with error from the event loop, after before() (results, signals). */
template <typename Base>
class Finishing : public Base
{
public:
    using Base::Base;
    Error error;
    std::function<void()> before;

protected:
    void run() override
    {
        QMetaObject::invokeMethod(this, [this] {
            if (!this->isRunning())
                return;
            if (before)
                before();
            this->finish(error);
        }, Qt::QueuedConnection);
    }
};

class Preflight final : public Finishing<PreflightTask>
{
public:
    using Finishing::Finishing;
    QList<PreflightCheck> result;
    QList<PreflightCheck> checks() const override { return result; }
};

class Review final : public Finishing<ReviewTask>
{
public:
    using Finishing::Finishing;
    QList<ObjectDiff> diffs;
    QList<VmStepPlan> steps;
    QList<ObjectDiff> objects() const override { return diffs; }
    QList<VmStepPlan> vmSteps() const override { return steps; }
};

class Apply final : public Finishing<ApplyTask>
{
public:
    explicit Apply(QObject* parent)
        : Finishing(parent)
    {
        before = [this] {
            for (const AppliedObject& o : std::as_const(applied))
                emit objectApplied(o);
        };
    }
    QList<AppliedObject> applied;
    QList<AppliedObject> objects() const override { return applied; }
};

class Verify final : public Finishing<VerifyTask>
{
public:
    using Finishing::Finishing;
    QList<EntryHealth> entryList;
    QList<ServiceEndpointsInfo> serviceList;
    QStringList missing;
    QList<EntryHealth> entries() const override { return entryList; }
    QList<ServiceEndpointsInfo> services() const override { return serviceList; }
    QStringList groupsWithoutEntries() const override { return missing; }
};

class Status final : public Finishing<StatusTask>
{
public:
    using Finishing::Finishing;
    OnboardingStatus result;
    OnboardingStatus status() const override { return result; }
};

class Probe final : public Finishing<ProbeTask>
{
public:
    using Finishing::Finishing;
    VmProbeInfo info() const override { return {}; }
};

/*! Runs until complete() or cancel(). */
class Fleet final : public FleetTask
{
public:
    using FleetTask::FleetTask;
    QStringList failed;
    QStringList failedVms() const override { return failed; }
    void report(int done, int total) { setProgress(done, total, {}); }
    void complete(const QStringList& failedVms = {})
    {
        failed = failedVms;
        finish(failed.isEmpty() ? Error{} : Error::make(Error::Kind::PartialFailure, failed.join(u", "_qs)));
    }

protected:
    void run() override { }
};

} // namespace Scripted

class ScriptedOnboardingService final : public OnboardingService
{
public:
    explicit ScriptedOnboardingService(QObject* parent = nullptr)
        : OnboardingService(parent)
        , m_model(new QStandardItemModel(0, 2, this))
    {
    }

    // scripts
    QList<QList<PreflightCheck>> preflightResults; //!< one per preflight() call; the last repeats
    QList<ObjectDiff> reviewObjects;
    QList<VmStepPlan> reviewSteps;
    QList<AppliedObject> applied;
    Error applyError;
    QList<EntryHealth> entries;
    QList<ServiceEndpointsInfo> services;
    QStringList groupsWithoutEntries;
    std::optional<OnboardingStatus> status; //!< not set: onboardingStatus() returns nullptr

    // what was asked
    int preflights = 0;
    int reviews = 0;
    int applies = 0;
    int verifies = 0;
    QList<FleetRequest> fleetRequests;
    QList<QPointer<Scripted::Fleet>> fleets;

    bool isConnected() const override { return true; }
    PreflightTask* preflight(const Plan&, QObject* parent) override
    {
        auto* task = new Scripted::Preflight(parent);
        if (!preflightResults.isEmpty())
            task->result = preflightResults.value(qMin(qsizetype(preflights), preflightResults.size() - 1));
        ++preflights;
        return task;
    }
    ReviewTask* review(const Plan&, QObject* parent) override
    {
        ++reviews;
        auto* task = new Scripted::Review(parent);
        task->diffs = reviewObjects;
        task->steps = reviewSteps;
        return task;
    }
    ApplyTask* applyCluster(const Plan&, QObject* parent) override
    {
        ++applies;
        auto* task = new Scripted::Apply(parent);
        task->applied = applied;
        task->error = applyError;
        return task;
    }
    FleetTask* runFleet(const Plan&, const FleetRequest& request, QObject* parent) override
    {
        fleetRequests.append(request);
        auto* task = new Scripted::Fleet(parent);
        fleets.append(task);
        return task;
    }
    VerifyTask* verify(const Plan&, QObject* parent) override
    {
        ++verifies;
        auto* task = new Scripted::Verify(parent);
        task->entryList = entries;
        task->serviceList = services;
        task->missing = groupsWithoutEntries;
        return task;
    }
    ProbeTask* probeVm(const Plan&, const QString&, QObject* parent) override { return new Scripted::Probe(parent); }
    QAbstractItemModel* fleetModel() const override { return m_model; }
    QString clusterText(const Plan&) const override { return u"context scripted at https://127.0.0.1:6443"_qs; }
    StatusTask* onboardingStatus(const Plan&, QObject* parent) override
    {
        if (!status)
            return nullptr;
        auto* task = new Scripted::Status(parent);
        task->result = *status;
        return task;
    }

    Scripted::Fleet* lastFleet() const { return fleets.isEmpty() ? nullptr : fleets.last().data(); }

private:
    QStandardItemModel* m_model;
};

namespace Scripted {

inline PreflightCheck check(PreflightCheck::Status status, const QString& title)
{
    PreflightCheck c;
    c.status = status;
    c.title = title;
    c.detail = title + u" found"_qs;
    if (status != PreflightCheck::Status::Pass)
        c.fix = u"fix "_qs + title;
    return c;
}

inline Plan twoVmPlan()
{
    Plan plan;
    VmGroup group;
    group.name = u"g"_qs;
    group.namespaceName = u"ns"_qs;
    plan.vmGroups.append(group);
    for (const QString& name : {u"vm1"_qs, u"vm2"_qs}) {
        Vm vm;
        vm.name = name;
        vm.group = u"g"_qs;
        vm.address = name;
        plan.vms.append(vm);
    }
    return plan;
}

} // namespace Scripted
